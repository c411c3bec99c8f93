package io.hypernf.sdk.port.pcap;

/**
 * The few LINKTYPE_ values of the tcpdump.org link-layer header registry that this SDK names.
 * A capture record carries any 16-bit link type; ports forward only Ethernet.
 */
public final class LinkType {
    private LinkType() {}

    /** LINKTYPE_ETHERNET: IEEE 802.3 Ethernet frames (the only type ports replay). */
    public static final int ETHERNET = 1;
    /** LINKTYPE_RAW: raw IPv4 or IPv6 packets, no link-layer header. */
    public static final int RAW = 101;
    /** LINKTYPE_LINUX_SLL: Linux "cooked" capture. */
    public static final int LINUX_SLL = 113;
}
