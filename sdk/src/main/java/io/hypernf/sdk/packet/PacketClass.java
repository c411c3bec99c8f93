package io.hypernf.sdk.packet;

/**
 * What {@link PacketParser} found in a frame: a well-formed kind ({@code OK_*}) or the layer at
 * which the frame stopped making sense ({@code MALFORMED_*}, with a {@link MalformedReason}).
 */
public enum PacketClass {
    OK_IPV4_TCP,
    OK_IPV4_UDP,
    OK_IPV4_ICMP,
    /** IPv4 carrying another protocol (IGMP, GRE, ESP, SCTP, ...): {@link ParsedPacket#l4Offset()} is its header. */
    OK_IPV4_OTHER,
    /** An IPv4 fragment other than the first: no transport header, {@link ParsedPacket#l4Offset()} is -1. */
    OK_IPV4_FRAGMENT,
    OK_IPV6_TCP,
    OK_IPV6_UDP,
    OK_IPV6_ICMPV6,
    /** IPv6 carrying another protocol, ESP, or No Next Header. */
    OK_IPV6_OTHER,
    /** An IPv6 fragment other than the first. */
    OK_IPV6_FRAGMENT,
    OK_ARP,
    /** Any other EtherType, or an 802.3 length frame (LLC): nothing past L2 was parsed. */
    OK_OTHER_L2,
    MALFORMED_L2,
    MALFORMED_L3,
    MALFORMED_L4;

    public boolean isOk() { return ordinal() < MALFORMED_L2.ordinal(); }

    public boolean isMalformed() { return !isOk(); }

    public boolean isIpv4() { return this == OK_IPV4_TCP || this == OK_IPV4_UDP || this == OK_IPV4_ICMP || this == OK_IPV4_OTHER || this == OK_IPV4_FRAGMENT; }

    public boolean isIpv6() { return this == OK_IPV6_TCP || this == OK_IPV6_UDP || this == OK_IPV6_ICMPV6 || this == OK_IPV6_OTHER || this == OK_IPV6_FRAGMENT; }
}
