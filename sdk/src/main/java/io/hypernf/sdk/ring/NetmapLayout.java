package io.hypernf.sdk.ring;

/**
 * Offsets, sizes and constants of the netmap user ABI on x86-64 (NETMAP-ABI.md; API 14 with the
 * legacy API 11 request). A test compiles a C program declaring the same structs and compares its
 * {@code offsetof}/{@code sizeof} output with these values.
 */
public final class NetmapLayout {
    private NetmapLayout() {}

    /** The API version this SDK speaks in {@code nmreq_header.nr_version}. */
    public static final int NETMAP_API = 14;
    /** The legacy API version carried by {@code struct nmreq}. */
    public static final int NETMAP_API_LEGACY = 11;

    // struct netmap_slot (16 bytes)
    public static final int SLOT_SIZE = 16;
    public static final int SLOT_BUF_IDX = 0;
    public static final int SLOT_LEN = 4;
    public static final int SLOT_FLAGS = 6;
    public static final int SLOT_PTR = 8;

    public static final int NS_BUF_CHANGED = 0x1;
    public static final int NS_REPORT = 0x2;
    public static final int NS_FORWARD = 0x4;
    public static final int NS_NO_LEARN = 0x8;
    public static final int NS_INDIRECT = 0x10;
    public static final int NS_MOREFRAG = 0x20;
    public static final int NS_TXMON = 0x40;

    // struct netmap_ring (256-byte header, slots follow)
    public static final int RING_BUF_OFS = 0;
    public static final int RING_NUM_SLOTS = 8;
    public static final int RING_NR_BUF_SIZE = 12;
    public static final int RING_RINGID = 16;
    public static final int RING_DIR = 18;
    public static final int RING_HEAD = 20;
    public static final int RING_CUR = 24;
    public static final int RING_TAIL = 28;
    public static final int RING_FLAGS = 32;
    public static final int RING_TS = 40;
    public static final int RING_OFFSET_MASK = 56;
    public static final int RING_BUF_ALIGN = 64;
    public static final int RING_SEM = 128;
    public static final int RING_SEM_SIZE = 128;
    public static final int RING_SLOTS = 256;
    public static final int RING_HEADER_SIZE = 256;

    public static final int DIR_TX = 0;
    public static final int DIR_RX = 1;
    public static final int NR_TIMESTAMP = 2;
    public static final int NR_FORWARD = 4;

    // struct netmap_if (56 bytes, then ring_ofs[])
    public static final int IF_NAME = 0;
    public static final int IF_NAME_SIZE = 16;
    public static final int IF_VERSION = 16;
    public static final int IF_FLAGS = 20;
    public static final int IF_TX_RINGS = 24;
    public static final int IF_RX_RINGS = 28;
    public static final int IF_BUFS_HEAD = 32;
    public static final int IF_HOST_TX_RINGS = 36;
    public static final int IF_HOST_RX_RINGS = 40;
    public static final int IF_RING_OFS = 56;
    public static final int IF_HEADER_SIZE = 56;
    public static final int NI_PRIV_MEM = 1;

    // Control, API 14
    public static final int NIOCCTRL = 0xc0586997;
    public static final int NIOCTXSYNC = 0x6994;
    public static final int NIOCRXSYNC = 0x6995;

    public static final int HDR_SIZE = 88;
    public static final int HDR_VERSION = 0;
    public static final int HDR_REQTYPE = 2;
    public static final int HDR_RESERVED = 4;
    public static final int HDR_NAME = 8;
    public static final int HDR_NAME_SIZE = 64;
    public static final int HDR_OPTIONS = 72;
    public static final int HDR_BODY = 80;

    public static final int REQ_REGISTER = 1;
    public static final int REQ_PORT_INFO_GET = 2;
    public static final int REQ_VALE_ATTACH = 3;
    public static final int REQ_VALE_DETACH = 4;
    public static final int REQ_VALE_LIST = 5;
    public static final int REQ_PORT_HDR_SET = 6;
    public static final int REQ_PORT_HDR_GET = 7;
    public static final int REQ_VALE_NEWIF = 8;
    public static final int REQ_VALE_DELIF = 9;
    public static final int REQ_VALE_POLLING_ENABLE = 10;
    public static final int REQ_VALE_POLLING_DISABLE = 11;
    public static final int REQ_POOLS_INFO_GET = 12;
    public static final int REQ_SYNC_KLOOP_START = 13;
    public static final int REQ_SYNC_KLOOP_STOP = 14;
    public static final int REQ_CSB_ENABLE = 15;

    public static final int REG_SIZE = 56;
    public static final int REG_OFFSET = 0;
    public static final int REG_MEMSIZE = 8;
    public static final int REG_TX_SLOTS = 16;
    public static final int REG_RX_SLOTS = 20;
    public static final int REG_TX_RINGS = 24;
    public static final int REG_RX_RINGS = 26;
    public static final int REG_HOST_TX_RINGS = 28;
    public static final int REG_HOST_RX_RINGS = 30;
    public static final int REG_MEM_ID = 32;
    public static final int REG_RINGID = 34;
    public static final int REG_MODE = 36;
    public static final int REG_EXTRA_BUFS = 40;
    public static final int REG_FLAGS = 48;

    public static final int NR_REG_ALL_NIC = 1;
    public static final int NR_REG_SW = 2;
    public static final int NR_REG_NIC_SW = 3;
    public static final int NR_REG_ONE_NIC = 4;
    public static final int NR_REG_PIPE_MASTER = 5;
    public static final int NR_REG_PIPE_SLAVE = 6;
    public static final int NR_REG_NULL = 7;
    public static final int NR_REG_ONE_SW = 8;

    public static final int OPT_SIZE = 24;
    public static final int OPT_NEXT = 0;
    public static final int OPT_REQTYPE = 8;
    public static final int OPT_STATUS = 12;
    public static final int OPT_SIZE_FIELD = 16;

    // Legacy control, API 11
    public static final int NIOCGINFO = 0xc03c6991;
    public static final int NIOCREGIF = 0xc03c6992;
    public static final int NMREQ_SIZE = 60;
    public static final int NMREQ_NAME = 0;
    public static final int NMREQ_NAME_SIZE = 16;
    public static final int NMREQ_VERSION = 16;
    public static final int NMREQ_OFFSET = 20;
    public static final int NMREQ_MEMSIZE = 24;
    public static final int NMREQ_TX_SLOTS = 28;
    public static final int NMREQ_RX_SLOTS = 32;
    public static final int NMREQ_TX_RINGS = 36;
    public static final int NMREQ_RX_RINGS = 38;
    public static final int NMREQ_RINGID = 40;
    public static final int NMREQ_CMD = 42;
    public static final int NMREQ_ARG1 = 44;
    public static final int NMREQ_ARG2 = 46;
    public static final int NMREQ_ARG3 = 48;
    public static final int NMREQ_FLAGS = 52;
    public static final int NMREQ_SPARE2 = 56;
}
