package io.hypernf.sdk.port.afpacket;

/**
 * Constants and structure offsets of Linux packet sockets on x86-64, from
 * {@code <linux/if_packet.h>}, {@code <linux/if_ether.h>}, {@code <linux/socket.h>} and
 * {@code <linux/sockios.h>}. TpacketLayoutTest compiles a C program against the system headers
 * and compares every offset and size here with {@code offsetof}/{@code sizeof}.
 *
 * <pre>
 *  struct tpacket_req3 (28):  block_size 0 | block_nr 4 | frame_size 8 | frame_nr 12 | retire_blk_tov 16 | sizeof_priv 20 | feature_req_word 24
 *  struct tpacket_block_desc (48): version 0 | offset_to_priv 4 | hdr.bh1 (struct tpacket_hdr_v1) 8:
 *      block_status 8 | num_pkts 12 | offset_to_first_pkt 16 | blk_len 20 | seq_num u64 24 | ts_first_pkt 32 | ts_last_pkt 40
 *  struct tpacket3_hdr (48):  next_offset 0 | sec 4 | nsec 8 | snaplen 12 | len 16 | status 20 | mac u16 24 | net u16 26 |
 *      hv1: rxhash 28 | vlan_tci 32 | vlan_tpid u16 36 | padding 38 | then padding[8] 40
 *  struct sockaddr_ll (20):   family u16 0 | protocol be16 2 | ifindex 4 | hatype u16 8 | pkttype u8 10 | halen u8 11 | addr[8] 12
 *  struct tpacket_stats_v3 (12): packets 0 | drops 4 | freeze_q_cnt 8
 * </pre>
 */
public final class TpacketLayout {
    private TpacketLayout() {}

    public static final int AF_PACKET = 17;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;
    /** ETH_P_ALL (0x0003) in network byte order, as socket() and sockaddr_ll want it. */
    public static final int ETH_P_ALL_NETWORK_ORDER = 0x0300;
    public static final int SOL_PACKET = 263;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int ENOBUFS = 105;
    public static final int ENETDOWN = 100;
    public static final int SIOCGIFMTU = 0x8921;

    public static final int PACKET_RX_RING = 5;
    public static final int PACKET_STATISTICS = 6;
    public static final int PACKET_VERSION = 10;
    public static final int PACKET_TX_RING = 13;
    public static final int PACKET_LOSS = 14;
    public static final int PACKET_FANOUT = 18;
    public static final int PACKET_QDISC_BYPASS = 20;
    public static final int PACKET_IGNORE_OUTGOING = 23;
    /** enum tpacket_versions: TPACKET_V1 0, TPACKET_V2 1, TPACKET_V3 2. */
    public static final int TPACKET_V3 = 2;

    public static final int TP_STATUS_KERNEL = 0;
    public static final int TP_STATUS_USER = 1;
    public static final int TP_STATUS_COPY = 1 << 1;
    public static final int TP_STATUS_LOSING = 1 << 2;
    /** The frame arrived with an 802.1Q tag that the driver removed; it is in {@code hv1.tp_vlan_tci}. */
    public static final int TP_STATUS_VLAN_VALID = 1 << 4;
    /** {@code hv1.tp_vlan_tpid} holds the removed tag's TPID (else assume 0x8100). */
    public static final int TP_STATUS_VLAN_TPID_VALID = 1 << 6;
    public static final int TP_STATUS_AVAILABLE = 0;
    public static final int TP_STATUS_SEND_REQUEST = 1;
    public static final int TP_STATUS_SENDING = 1 << 1;
    public static final int TP_STATUS_WRONG_FORMAT = 1 << 2;

    public static final int TPACKET_ALIGNMENT = 16;

    public static final int REQ3_SIZE = 28;
    public static final int REQ3_BLOCK_SIZE = 0;
    public static final int REQ3_BLOCK_NR = 4;
    public static final int REQ3_FRAME_SIZE = 8;
    public static final int REQ3_FRAME_NR = 12;
    public static final int REQ3_RETIRE_BLK_TOV = 16;
    public static final int REQ3_SIZEOF_PRIV = 20;
    public static final int REQ3_FEATURE_REQ_WORD = 24;

    public static final int BLOCK_DESC_SIZE = 48;
    public static final int BLOCK_VERSION = 0;
    public static final int BLOCK_OFFSET_TO_PRIV = 4;
    public static final int BLOCK_HDR = 8;
    public static final int BLOCK_STATUS = 8;
    public static final int BLOCK_NUM_PKTS = 12;
    public static final int BLOCK_OFFSET_TO_FIRST_PKT = 16;
    public static final int BLOCK_BLK_LEN = 20;
    public static final int BLOCK_SEQ_NUM = 24;
    public static final int BLOCK_TS_FIRST_PKT = 32;
    public static final int BLOCK_TS_LAST_PKT = 40;

    public static final int TP3_SIZE = 48;
    public static final int TP3_NEXT_OFFSET = 0;
    public static final int TP3_SEC = 4;
    public static final int TP3_NSEC = 8;
    public static final int TP3_SNAPLEN = 12;
    public static final int TP3_LEN = 16;
    public static final int TP3_STATUS = 20;
    public static final int TP3_MAC = 24;
    public static final int TP3_NET = 26;
    public static final int TP3_HV1 = 28;
    public static final int TP3_RXHASH = 28;
    public static final int TP3_VLAN_TCI = 32;
    public static final int TP3_VLAN_TPID = 36;
    /** TPACKET3_HDRLEN: TPACKET_ALIGN(sizeof(struct tpacket3_hdr)) + sizeof(struct sockaddr_ll). */
    public static final int TPACKET3_HDRLEN = 68;
    /**
     * Where a TX frame's data starts without PACKET_TX_HAS_OFF: {@code tp_hdrlen - sizeof(struct
     * sockaddr_ll)} (net/packet/af_packet.c, tpacket_parse_header), i.e. TPACKET_ALIGN(sizeof(tpacket3_hdr)).
     */
    public static final int TX_DATA_OFFSET = TPACKET3_HDRLEN - 20;

    public static final int SLL_SIZE = 20;
    public static final int SLL_FAMILY = 0;
    public static final int SLL_PROTOCOL = 2;
    public static final int SLL_IFINDEX = 4;
    public static final int SLL_HATYPE = 8;
    public static final int SLL_PKTTYPE = 10;
    public static final int SLL_HALEN = 11;
    public static final int SLL_ADDR = 12;

    public static final int STATS_V3_SIZE = 12;
    public static final int STATS_PACKETS = 0;
    public static final int STATS_DROPS = 4;
    public static final int STATS_FREEZE_Q_CNT = 8;

    /** struct ifreq: ifr_name[IFNAMSIZ] then a union holding ifr_mtu. */
    public static final int IFREQ_SIZE = 40;
    public static final int IFREQ_NAME = 0;
    public static final int IFREQ_MTU = 16;
    public static final int IFNAMSIZ = 16;
}
