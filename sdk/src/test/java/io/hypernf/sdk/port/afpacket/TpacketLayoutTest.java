package io.hypernf.sdk.port.afpacket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles a C program against the system's Linux headers and compares its offsetof/sizeof/constants with {@link TpacketLayout}. */
class TpacketLayoutTest {
    @TempDir
    Path dir;

    private static final String PROGRAM = String.join("\n",
            "#include <stdio.h>",
            "#include <stddef.h>",
            "#include <sys/socket.h>",
            "#include <net/if.h>",
            "#include <arpa/inet.h>",
            "#include <linux/if_packet.h>",
            "#include <linux/if_ether.h>",
            "#include <linux/sockios.h>",
            "#define S(name, value) printf(\"%s %ld\\n\", name, (long) (value));",
            "int main(void) {",
            "  S(\"AF_PACKET\", AF_PACKET) S(\"SOCK_RAW\", SOCK_RAW) S(\"SOCK_CLOEXEC\", SOCK_CLOEXEC)",
            "  S(\"ETH_P_ALL_NETWORK_ORDER\", htons(ETH_P_ALL)) S(\"SOL_PACKET\", SOL_PACKET) S(\"MSG_DONTWAIT\", MSG_DONTWAIT)",
            "  S(\"SIOCGIFMTU\", SIOCGIFMTU)",
            "  S(\"PACKET_RX_RING\", PACKET_RX_RING) S(\"PACKET_STATISTICS\", PACKET_STATISTICS) S(\"PACKET_VERSION\", PACKET_VERSION)",
            "  S(\"PACKET_TX_RING\", PACKET_TX_RING) S(\"PACKET_LOSS\", PACKET_LOSS) S(\"PACKET_FANOUT\", PACKET_FANOUT)",
            "  S(\"PACKET_QDISC_BYPASS\", PACKET_QDISC_BYPASS) S(\"PACKET_IGNORE_OUTGOING\", PACKET_IGNORE_OUTGOING)",
            "  S(\"TPACKET_V3\", TPACKET_V3)",
            "  S(\"TP_STATUS_KERNEL\", TP_STATUS_KERNEL) S(\"TP_STATUS_USER\", TP_STATUS_USER) S(\"TP_STATUS_COPY\", TP_STATUS_COPY)",
            "  S(\"TP_STATUS_LOSING\", TP_STATUS_LOSING) S(\"TP_STATUS_AVAILABLE\", TP_STATUS_AVAILABLE)",
            "  S(\"TP_STATUS_SEND_REQUEST\", TP_STATUS_SEND_REQUEST) S(\"TP_STATUS_SENDING\", TP_STATUS_SENDING)",
            "  S(\"TP_STATUS_WRONG_FORMAT\", TP_STATUS_WRONG_FORMAT) S(\"TPACKET_ALIGNMENT\", TPACKET_ALIGNMENT)",
            "  S(\"REQ3_SIZE\", sizeof(struct tpacket_req3))",
            "  S(\"REQ3_BLOCK_SIZE\", offsetof(struct tpacket_req3, tp_block_size))",
            "  S(\"REQ3_BLOCK_NR\", offsetof(struct tpacket_req3, tp_block_nr))",
            "  S(\"REQ3_FRAME_SIZE\", offsetof(struct tpacket_req3, tp_frame_size))",
            "  S(\"REQ3_FRAME_NR\", offsetof(struct tpacket_req3, tp_frame_nr))",
            "  S(\"REQ3_RETIRE_BLK_TOV\", offsetof(struct tpacket_req3, tp_retire_blk_tov))",
            "  S(\"REQ3_SIZEOF_PRIV\", offsetof(struct tpacket_req3, tp_sizeof_priv))",
            "  S(\"REQ3_FEATURE_REQ_WORD\", offsetof(struct tpacket_req3, tp_feature_req_word))",
            "  S(\"BLOCK_DESC_SIZE\", sizeof(struct tpacket_block_desc))",
            "  S(\"BLOCK_VERSION\", offsetof(struct tpacket_block_desc, version))",
            "  S(\"BLOCK_OFFSET_TO_PRIV\", offsetof(struct tpacket_block_desc, offset_to_priv))",
            "  S(\"BLOCK_HDR\", offsetof(struct tpacket_block_desc, hdr))",
            "  S(\"BLOCK_STATUS\", offsetof(struct tpacket_block_desc, hdr.bh1.block_status))",
            "  S(\"BLOCK_NUM_PKTS\", offsetof(struct tpacket_block_desc, hdr.bh1.num_pkts))",
            "  S(\"BLOCK_OFFSET_TO_FIRST_PKT\", offsetof(struct tpacket_block_desc, hdr.bh1.offset_to_first_pkt))",
            "  S(\"BLOCK_BLK_LEN\", offsetof(struct tpacket_block_desc, hdr.bh1.blk_len))",
            "  S(\"BLOCK_SEQ_NUM\", offsetof(struct tpacket_block_desc, hdr.bh1.seq_num))",
            "  S(\"BLOCK_TS_FIRST_PKT\", offsetof(struct tpacket_block_desc, hdr.bh1.ts_first_pkt))",
            "  S(\"BLOCK_TS_LAST_PKT\", offsetof(struct tpacket_block_desc, hdr.bh1.ts_last_pkt))",
            "  S(\"TP3_SIZE\", sizeof(struct tpacket3_hdr))",
            "  S(\"TP3_NEXT_OFFSET\", offsetof(struct tpacket3_hdr, tp_next_offset))",
            "  S(\"TP3_SEC\", offsetof(struct tpacket3_hdr, tp_sec))",
            "  S(\"TP3_NSEC\", offsetof(struct tpacket3_hdr, tp_nsec))",
            "  S(\"TP3_SNAPLEN\", offsetof(struct tpacket3_hdr, tp_snaplen))",
            "  S(\"TP3_LEN\", offsetof(struct tpacket3_hdr, tp_len))",
            "  S(\"TP3_STATUS\", offsetof(struct tpacket3_hdr, tp_status))",
            "  S(\"TP3_MAC\", offsetof(struct tpacket3_hdr, tp_mac))",
            "  S(\"TP3_NET\", offsetof(struct tpacket3_hdr, tp_net))",
            "  S(\"TP3_HV1\", offsetof(struct tpacket3_hdr, hv1))",
            "  S(\"TP3_RXHASH\", offsetof(struct tpacket3_hdr, hv1.tp_rxhash))",
            "  S(\"TP3_VLAN_TCI\", offsetof(struct tpacket3_hdr, hv1.tp_vlan_tci))",
            "  S(\"TP3_VLAN_TPID\", offsetof(struct tpacket3_hdr, hv1.tp_vlan_tpid))",
            "  S(\"TP_STATUS_VLAN_VALID\", TP_STATUS_VLAN_VALID) S(\"TP_STATUS_VLAN_TPID_VALID\", TP_STATUS_VLAN_TPID_VALID)",
            "  S(\"TPACKET3_HDRLEN\", TPACKET3_HDRLEN)",
            "  S(\"TX_DATA_OFFSET\", TPACKET3_HDRLEN - sizeof(struct sockaddr_ll))",
            "  S(\"SLL_SIZE\", sizeof(struct sockaddr_ll))",
            "  S(\"SLL_FAMILY\", offsetof(struct sockaddr_ll, sll_family))",
            "  S(\"SLL_PROTOCOL\", offsetof(struct sockaddr_ll, sll_protocol))",
            "  S(\"SLL_IFINDEX\", offsetof(struct sockaddr_ll, sll_ifindex))",
            "  S(\"SLL_HATYPE\", offsetof(struct sockaddr_ll, sll_hatype))",
            "  S(\"SLL_PKTTYPE\", offsetof(struct sockaddr_ll, sll_pkttype))",
            "  S(\"SLL_HALEN\", offsetof(struct sockaddr_ll, sll_halen))",
            "  S(\"SLL_ADDR\", offsetof(struct sockaddr_ll, sll_addr))",
            "  S(\"STATS_V3_SIZE\", sizeof(struct tpacket_stats_v3))",
            "  S(\"STATS_PACKETS\", offsetof(struct tpacket_stats_v3, tp_packets))",
            "  S(\"STATS_DROPS\", offsetof(struct tpacket_stats_v3, tp_drops))",
            "  S(\"STATS_FREEZE_Q_CNT\", offsetof(struct tpacket_stats_v3, tp_freeze_q_cnt))",
            "  S(\"IFREQ_SIZE\", sizeof(struct ifreq))",
            "  S(\"IFREQ_NAME\", offsetof(struct ifreq, ifr_name))",
            "  S(\"IFREQ_MTU\", offsetof(struct ifreq, ifr_mtu))",
            "  S(\"IFNAMSIZ\", IFNAMSIZ)",
            "  return 0;",
            "}", "");

    @Test
    void everyConstantMatchesTheLinuxHeaders() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc is not installed (scripts/ensure-deps.sh installs it)");
        Path source = dir.resolve("layout.c");
        Path binary = dir.resolve("layout");
        Files.writeString(source, PROGRAM);
        run(new ProcessBuilder("/usr/bin/gcc", "-Wall", "-o", binary.toString(), source.toString()));
        String output = run(new ProcessBuilder(binary.toString()));

        Map<String, Long> fromC = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String[] parts = line.trim().split(" ");
            fromC.put(parts[0], Long.parseLong(parts[1]));
        }
        Map<String, Long> fromJava = new LinkedHashMap<>();
        for (String name : fromC.keySet()) {
            fromJava.put(name, ((Number) TpacketLayout.class.getField(name).get(null)).longValue());
        }
        assertThat(fromC).hasSizeGreaterThan(60);
        assertThat(fromJava).containsExactlyEntriesOf(fromC);
    }

    private static String run(ProcessBuilder builder) throws Exception {
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", builder.command()) + ": " + out).isZero();
        return out;
    }
}
