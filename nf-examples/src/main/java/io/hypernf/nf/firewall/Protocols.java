package io.hypernf.nf.firewall;

/** IP protocol numbers the firewall names (IANA "Assigned Internet Protocol Numbers"). */
public final class Protocols {
    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMPV6 = 58;
    public static final int SCTP = 132;
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
