package io.hypernf.nf.firewall;

/**
 * One firewall rule: a match on packet fields and an action. Every condition left out matches
 * anything. Rules are ordered; the first that matches decides (as in VPP's acl plugin and
 * iptables, unlike pf's last match).
 *
 * @param action         what to do with a matching packet
 * @param rejectWith     the answer of a {@code reject}
 * @param keepState      whether an accepted packet starts a tracked connection
 * @param direction      0 (either), {@link PacketFields#DIRECTION_IN} or {@link PacketFields#DIRECTION_OUT}
 * @param inputPortMask  bit {@code i} set: matches packets from port index {@code i}; 0: any port
 * @param family         0 (either), 4 or 6
 * @param protocol       IP protocol number, -1 for any
 * @param source         source prefix
 * @param sourcePorts    source port ranges as {@code [lo0, hi0, lo1, hi1, ...]}, empty for any
 * @param destination    destination prefix
 * @param destinationPorts destination port ranges, same layout
 * @param icmpType       ICMP / ICMPv6 type, -1 for any
 * @param icmpCode       ICMP / ICMPv6 code, -1 for any
 * @param tcpFlagsValue  required values of the flag bits in {@code tcpFlagsMask}
 * @param tcpFlagsMask   TCP flag bits examined, 0 for no flag condition
 * @param origin         where the rule was written ({@code file:line}), for counters and errors
 * @param text           the rule as written
 */
public record Rule(RuleAction action, RejectWith rejectWith, boolean keepState, int direction, long inputPortMask,
                   int family, int protocol, AddressPrefix source, int[] sourcePorts, AddressPrefix destination,
                   int[] destinationPorts, int icmpType, int icmpCode, int tcpFlagsValue, int tcpFlagsMask,
                   String origin, String text) {

    /**
     * Whether the packet matches every condition. This is the whole truth about a rule; the
     * classifier only uses hashing to avoid calling it for rules that cannot match.
     */
    public boolean matches(PacketFields packet) {
        if (family != 0 && family != packet.family) {
            return false;
        }
        if (direction != 0 && direction != packet.direction) {
            return false;
        }
        if (inputPortMask != 0 && (packet.inputPort >= 64 || (inputPortMask & (1L << packet.inputPort)) == 0)) {
            return false;
        }
        if (protocol >= 0 && protocol != packet.protocol) {
            return false;
        }
        if (!source.contains(packet.srcHigh, packet.srcLow) || !destination.contains(packet.dstHigh, packet.dstLow)) {
            return false;
        }
        return matchesTransport(packet);
    }

    /** The conditions on the transport header: they need it present (not a later fragment). */
    private boolean matchesTransport(PacketFields packet) {
        if (sourcePorts.length > 0 || destinationPorts.length > 0) {
            if (!packet.hasPorts() || !inRanges(sourcePorts, packet.srcPort) || !inRanges(destinationPorts, packet.dstPort)) {
                return false;
            }
        }
        if (icmpType >= 0) {
            if (!packet.hasIcmp() || packet.icmpType != icmpType || (icmpCode >= 0 && packet.icmpCode != icmpCode)) {
                return false;
            }
        }
        if (tcpFlagsMask != 0) {
            return packet.hasTransport && packet.protocol == Protocols.TCP && (packet.tcpFlags & tcpFlagsMask) == tcpFlagsValue;
        }
        return true;
    }

    private static boolean inRanges(int[] ranges, int port) {
        if (ranges.length == 0) {
            return true;
        }
        for (int i = 0; i < ranges.length; i += 2) {
            if (port >= ranges[i] && port <= ranges[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** The single destination port this rule requires, or -1 when it allows none or several. */
    public int exactDestinationPort() {
        return destinationPorts.length == 2 && destinationPorts[0] == destinationPorts[1] ? destinationPorts[0] : -1;
    }

    @Override
    public String toString() {
        return origin + ": " + text;
    }
}
