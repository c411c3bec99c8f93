package io.hypernf.nf.firewall;

import io.hypernf.sdk.packet.IcmpHeader;
import io.hypernf.sdk.packet.Icmpv6Header;

/**
 * The ICMP (RFC 792, RFC 1812) and ICMPv6 (RFC 4443, RFC 4861) type names of the rule syntax,
 * over the SDK's constants, and the firewall's view of which types are errors and echoes.
 */
public final class IcmpTypes {
    public static final int V4_ECHO_REPLY = IcmpHeader.ECHO_REPLY;
    public static final int V4_DEST_UNREACHABLE = IcmpHeader.DESTINATION_UNREACHABLE;
    public static final int V4_SOURCE_QUENCH = IcmpHeader.SOURCE_QUENCH;
    public static final int V4_REDIRECT = IcmpHeader.REDIRECT;
    public static final int V4_ECHO_REQUEST = IcmpHeader.ECHO_REQUEST;
    public static final int V4_TIME_EXCEEDED = IcmpHeader.TIME_EXCEEDED;
    public static final int V4_PARAMETER_PROBLEM = IcmpHeader.PARAMETER_PROBLEM;

    public static final int V6_DEST_UNREACHABLE = Icmpv6Header.DESTINATION_UNREACHABLE;
    public static final int V6_PACKET_TOO_BIG = Icmpv6Header.PACKET_TOO_BIG;
    public static final int V6_TIME_EXCEEDED = Icmpv6Header.TIME_EXCEEDED;
    public static final int V6_PARAMETER_PROBLEM = Icmpv6Header.PARAMETER_PROBLEM;
    public static final int V6_ECHO_REQUEST = Icmpv6Header.ECHO_REQUEST;
    public static final int V6_ECHO_REPLY = Icmpv6Header.ECHO_REPLY;

    private IcmpTypes() {}

    /** The type number of a name of the rule syntax for {@code family} (4 or 6), or -1. */
    public static int byName(String name, int family) {
        if (family == 4) {
            return switch (name) {
                case "echo-reply" -> V4_ECHO_REPLY;
                case "dest-unreachable" -> V4_DEST_UNREACHABLE;
                case "redirect" -> V4_REDIRECT;
                case "echo-request" -> V4_ECHO_REQUEST;
                case "time-exceeded" -> V4_TIME_EXCEEDED;
                case "param-problem" -> V4_PARAMETER_PROBLEM;
                default -> -1;
            };
        }
        return switch (name) {
            case "dest-unreachable" -> V6_DEST_UNREACHABLE;
            case "packet-too-big" -> V6_PACKET_TOO_BIG;
            case "time-exceeded" -> V6_TIME_EXCEEDED;
            case "param-problem" -> V6_PARAMETER_PROBLEM;
            case "echo-request" -> V6_ECHO_REQUEST;
            case "echo-reply" -> V6_ECHO_REPLY;
            case "router-solicit" -> Icmpv6Header.ROUTER_SOLICITATION;
            case "router-advert" -> Icmpv6Header.ROUTER_ADVERTISEMENT;
            case "neighbor-solicit" -> Icmpv6Header.NEIGHBOR_SOLICITATION;
            case "neighbor-advert" -> Icmpv6Header.NEIGHBOR_ADVERTISEMENT;
            default -> -1;
        };
    }

    /**
     * Whether an ICMP type is an error message that quotes the packet that caused it. For ICMPv6
     * every type below 128 is an error (RFC 4443 §2.1), known or not.
     */
    public static boolean isError(int family, int type) {
        if (family == 4) {
            return type == V4_DEST_UNREACHABLE || type == V4_SOURCE_QUENCH || type == V4_REDIRECT
                    || type == V4_TIME_EXCEEDED || type == V4_PARAMETER_PROBLEM;
        }
        return type >= 0 && type < 128;
    }

    /** The echo reply type answering an echo request type, or -1 when {@code type} is no echo request. */
    public static int echoReplyOf(int family, int type) {
        if (family == 4) {
            return type == V4_ECHO_REQUEST ? V4_ECHO_REPLY : -1;
        }
        return type == V6_ECHO_REQUEST ? V6_ECHO_REPLY : -1;
    }
}
