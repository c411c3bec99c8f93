package io.hypernf.sdk.packet;

/**
 * Why {@link PacketParser} classified a frame as malformed, with the layer it belongs to. Every
 * check is made against the frame length (and the IP length fields), never only against the
 * buffer's capacity.
 */
public enum MalformedReason {
    NONE(null),
    /** The frame claims more bytes than its buffer holds. */
    FRAME_EXCEEDS_BUFFER(PacketClass.MALFORMED_L2),
    /** Shorter than the 14-byte Ethernet header. */
    TRUNCATED_ETHERNET(PacketClass.MALFORMED_L2),
    /** A VLAN TPID with fewer than 4 bytes after it. */
    TRUNCATED_VLAN(PacketClass.MALFORMED_L2),
    /** More stacked VLAN tags than {@link PacketParser#MAX_VLAN_TAGS}. */
    TOO_MANY_VLAN_TAGS(PacketClass.MALFORMED_L2),
    /** ARP shorter than its fixed part or than its address lengths imply. */
    TRUNCATED_ARP(PacketClass.MALFORMED_L3),
    /** Fewer than 20 bytes after the EtherType. */
    TRUNCATED_IPV4(PacketClass.MALFORMED_L3),
    /** EtherType IPv4 but the version nibble is not 4. */
    BAD_IPV4_VERSION(PacketClass.MALFORMED_L3),
    /** IHL below 5, or a header longer than the frame. */
    BAD_IHL(PacketClass.MALFORMED_L3),
    /** Total length below the header length. */
    IPV4_TOTAL_LENGTH_BELOW_HEADER(PacketClass.MALFORMED_L3),
    /** Total length beyond the end of the frame. */
    IPV4_TOTAL_LENGTH_EXCEEDS_FRAME(PacketClass.MALFORMED_L3),
    /** An IPv4 option with a missing, short or overlong length (RFC 791). */
    BAD_IPV4_OPTIONS(PacketClass.MALFORMED_L3),
    /** Fragment offset plus length beyond 65535 bytes (the "ping of death"). */
    FRAGMENT_TOO_LARGE(PacketClass.MALFORMED_L3),
    /** Fewer than 40 bytes after the EtherType. */
    TRUNCATED_IPV6(PacketClass.MALFORMED_L3),
    BAD_IPV6_VERSION(PacketClass.MALFORMED_L3),
    /** Payload length beyond the end of the frame (jumbograms, RFC 2675, are not carried by Ethernet). */
    BAD_IPV6_PAYLOAD_LENGTH(PacketClass.MALFORMED_L3),
    /** An extension header runs past the payload length. */
    TRUNCATED_IPV6_EXTENSION(PacketClass.MALFORMED_L3),
    /** Hop-by-Hop Options anywhere but right after the IPv6 header (RFC 8200 4.1). */
    HOP_BY_HOP_NOT_FIRST(PacketClass.MALFORMED_L3),
    /** More extension headers than {@link Ipv6ExtensionHeaders#MAX_HEADERS}. */
    TOO_MANY_EXTENSION_HEADERS(PacketClass.MALFORMED_L3),
    /** Fewer than 20 TCP header bytes, or fewer than the data offset says, inside the IP datagram. */
    TRUNCATED_TCP(PacketClass.MALFORMED_L4),
    /** TCP data offset below 5. */
    BAD_TCP_DATA_OFFSET(PacketClass.MALFORMED_L4),
    TRUNCATED_UDP(PacketClass.MALFORMED_L4),
    /** UDP length below 8 or beyond the IP datagram. */
    BAD_UDP_LENGTH(PacketClass.MALFORMED_L4),
    TRUNCATED_ICMP(PacketClass.MALFORMED_L4),
    TRUNCATED_ICMPV6(PacketClass.MALFORMED_L4),
    /** {@link PacketParser#parseEmbedded} was given a packet that is not an ICMP or ICMPv6 error. */
    NOT_AN_ICMP_ERROR(PacketClass.MALFORMED_L4);

    private final PacketClass packetClass;

    MalformedReason(PacketClass packetClass) {
        this.packetClass = packetClass;
    }

    /** The {@code MALFORMED_*} class this reason gives a frame; null for {@link #NONE}. */
    public PacketClass packetClass() { return packetClass; }
}
