package io.hypernf.nf.nat;

import java.time.Duration;

/**
 * Idle timeouts of NAT sessions and the hold-down of freed ports. The defaults and minimums are
 * the RFCs': TCP established 2 h 4 min (RFC 5382 REQ-5, its minimum), TCP transitory 4 min
 * (RFC 5382 REQ-5: not less), UDP 5 min (RFC 4787 REQ-5: not less than 2 min, 5 min recommended),
 * ICMP query 60 s (RFC 5508 REQ-1: not less). The port hold-down defaults to 4 min, twice the
 * maximum segment lifetime of RFC 793, so that late segments of an old connection cannot reach a
 * new mapping that took over its port.
 */
public record NatTimeouts(Duration tcpEstablished, Duration tcpTransitory, Duration udp, Duration icmp, Duration portHoldDown) {
    public static final Duration MIN_TCP_ESTABLISHED = Duration.ofSeconds(7440);
    public static final Duration MIN_TCP_TRANSITORY = Duration.ofSeconds(240);
    public static final Duration MIN_UDP = Duration.ofSeconds(120);
    public static final Duration MIN_ICMP = Duration.ofSeconds(60);

    public NatTimeouts {
        check("tcp-established", tcpEstablished, MIN_TCP_ESTABLISHED, "RFC 5382 REQ-5");
        check("tcp-transitory", tcpTransitory, MIN_TCP_TRANSITORY, "RFC 5382 REQ-5");
        check("udp", udp, MIN_UDP, "RFC 4787 REQ-5");
        check("icmp", icmp, MIN_ICMP, "RFC 5508 REQ-1");
        if (portHoldDown == null || portHoldDown.isNegative()) {
            throw new IllegalArgumentException("nat: timeouts.port-hold-down must be zero or more, got " + portHoldDown);
        }
    }

    private static void check(String key, Duration value, Duration min, String rule) {
        if (value == null || value.compareTo(min) < 0) {
            throw new IllegalArgumentException("nat: timeouts." + key + " " + (value == null ? "is missing" : value.toSeconds() + " s is below")
                    + " the minimum of " + min.toSeconds() + " s (" + rule + ")");
        }
    }

    public static NatTimeouts defaults() {
        return new NatTimeouts(MIN_TCP_ESTABLISHED, MIN_TCP_TRANSITORY, Duration.ofSeconds(300), MIN_ICMP, Duration.ofSeconds(240));
    }

    /** The shortest session timeout: bounds how fast ports can be freed ({@link PortAllocator}). */
    public Duration shortest() {
        Duration min = tcpTransitory;
        min = udp.compareTo(min) < 0 ? udp : min;
        return icmp.compareTo(min) < 0 ? icmp : min;
    }
}
