package io.hypernf.nf.firewall;

import io.hypernf.sdk.packet.IpProtocol;

/**
 * The protocol keywords of the rule syntax and their numbers (IANA "Assigned Internet Protocol
 * Numbers"; the SDK's {@link IpProtocol} where it has them).
 */
public final class Protocols {
    public static final int ICMP = IpProtocol.ICMP;
    public static final int TCP = IpProtocol.TCP;
    public static final int UDP = IpProtocol.UDP;
    public static final int ICMPV6 = IpProtocol.ICMPV6;
    public static final int SCTP = IpProtocol.SCTP;
    /** RFC 3828; not among the SDK's constants. */
    public static final int UDPLITE = 136;

    private Protocols() {}

    /** The number of a protocol keyword of the rule syntax, or -1. */
    public static int byName(String name) {
        return switch (name) {
            case "icmp" -> ICMP;
            case "tcp" -> TCP;
            case "udp" -> UDP;
            case "icmp6", "ipv6-icmp" -> ICMPV6;
            case "sctp" -> SCTP;
            case "udplite" -> UDPLITE;
            default -> -1;
        };
    }

    /** The keyword of a protocol number, or the number itself. */
    public static String name(int protocol) {
        return switch (protocol) {
            case ICMP -> "icmp";
            case TCP -> "tcp";
            case UDP -> "udp";
            case ICMPV6 -> "icmp6";
            case SCTP -> "sctp";
            case UDPLITE -> "udplite";
            default -> Integer.toString(protocol);
        };
    }
}
