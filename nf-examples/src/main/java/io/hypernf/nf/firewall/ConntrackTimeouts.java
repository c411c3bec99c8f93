package io.hypernf.nf.firewall;

import java.time.Duration;
import java.util.Arrays;

/**
 * How long an idle tracked connection lives, per protocol and TCP state. The defaults are Linux
 * netfilter's ({@code nf_conntrack_tcp_timeout_*}, {@code nf_conntrack_udp_timeout[_stream]},
 * {@code nf_conntrack_icmp_timeout}, {@code nf_conntrack_generic_timeout}); UDP "stream" applies
 * once both directions have been seen (120 s as in Linux since 5.x; older kernels used 180 s).
 * Immutable; {@link FirewallConfig} builds it from the config keys {@code timeouts.*}.
 */
public final class ConntrackTimeouts {
    private final long[] tcpNanos = new long[TcpStateMachine.STATE_COUNT];
    private final long udpNanos;
    private final long udpStreamNanos;
    private final long icmpNanos;
    private final long otherNanos;

    private ConntrackTimeouts(long[] tcpNanos, long udpNanos, long udpStreamNanos, long icmpNanos, long otherNanos) {
        System.arraycopy(tcpNanos, 0, this.tcpNanos, 0, this.tcpNanos.length);
        this.udpNanos = udpNanos;
        this.udpStreamNanos = udpStreamNanos;
        this.icmpNanos = icmpNanos;
        this.otherNanos = otherNanos;
    }

    /** netfilter's defaults. */
    public static ConntrackTimeouts defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Idle lifetime of a TCP connection in {@code state}. */
    public long tcpNanos(int state) {
        return tcpNanos[state];
    }

    public long udpNanos() { return udpNanos; }
    public long udpStreamNanos() { return udpStreamNanos; }
    public long icmpNanos() { return icmpNanos; }
    /** Protocols without their own tracker (GRE, ESP, SCTP, ...). */
    public long otherNanos() { return otherNanos; }

    /** Collects timeouts; every setter checks the value is positive. */
    public static final class Builder {
        private final long[] tcp = new long[TcpStateMachine.STATE_COUNT];
        private long udp = seconds(30);
        private long udpStream = seconds(120);
        private long icmp = seconds(30);
        private long other = seconds(600);

        private Builder() {
            tcp[TcpStateMachine.NONE] = seconds(30);
            tcp[TcpStateMachine.SYN_SENT] = seconds(120);
            tcp[TcpStateMachine.SYN_RECV] = seconds(60);
            tcp[TcpStateMachine.ESTABLISHED] = seconds(5 * 24 * 3600);
            tcp[TcpStateMachine.FIN_WAIT] = seconds(120);
            tcp[TcpStateMachine.CLOSE_WAIT] = seconds(60);
            tcp[TcpStateMachine.LAST_ACK] = seconds(30);
            tcp[TcpStateMachine.TIME_WAIT] = seconds(120);
            tcp[TcpStateMachine.CLOSE] = seconds(10);
            tcp[TcpStateMachine.SYN_SENT2] = seconds(120);
        }

        public Builder tcp(int state, Duration timeout) {
            if (state < 0 || state >= TcpStateMachine.STATE_COUNT) {
                throw new IllegalArgumentException("firewall: no TCP state " + state);
            }
            tcp[state] = positive("tcp " + TcpStateMachine.name(state), timeout);
            return this;
        }

        public Builder udp(Duration timeout) { udp = positive("udp", timeout); return this; }
        public Builder udpStream(Duration timeout) { udpStream = positive("udp-stream", timeout); return this; }
        public Builder icmp(Duration timeout) { icmp = positive("icmp", timeout); return this; }
        public Builder other(Duration timeout) { other = positive("other", timeout); return this; }

        public ConntrackTimeouts build() {
            return new ConntrackTimeouts(Arrays.copyOf(tcp, tcp.length), udp, udpStream, icmp, other);
        }

        private static long positive(String what, Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("firewall: timeout '" + what + "' must be positive, got " + timeout);
            }
            return timeout.toNanos();
        }

        private static long seconds(long seconds) {
            return seconds * 1_000_000_000L;
        }
    }
}
