package io.hypernf.sdk.packet;

/**
 * IP protocol numbers (IANA "Assigned Internet Protocol Numbers"), used both as the IPv4
 * protocol field and as IPv6 Next Header values, including the IPv6 extension headers of
 * RFC 8200 section 4.
 */
public final class IpProtocol {
    private IpProtocol() {}

    /** IPv6 Hop-by-Hop Options (RFC 8200 4.3); must directly follow the IPv6 header. */
    public static final int HOP_BY_HOP = 0;
    public static final int ICMP = 1;
    public static final int IGMP = 2;
    public static final int TCP = 6;
    public static final int UDP = 17;
    /** IPv6 Routing header (RFC 8200 4.4). */
    public static final int IPV6_ROUTING = 43;
    /** IPv6 Fragment header (RFC 8200 4.5). */
    public static final int IPV6_FRAGMENT = 44;
    public static final int GRE = 47;
    /** Encapsulating Security Payload (RFC 4303): what follows is encrypted, a walk stops here. */
    public static final int ESP = 50;
    /** Authentication Header (RFC 4302): length in 4-octet units minus 2. */
    public static final int AH = 51;
    public static final int ICMPV6 = 58;
    /** IPv6 No Next Header (RFC 8200 4.7). */
    public static final int IPV6_NO_NEXT_HEADER = 59;
    /** IPv6 Destination Options (RFC 8200 4.6). */
    public static final int IPV6_DESTINATION_OPTIONS = 60;
    public static final int SCTP = 132;
}
