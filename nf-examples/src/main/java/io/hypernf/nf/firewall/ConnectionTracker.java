package io.hypernf.nf.firewall;

import io.hypernf.sdk.flow.FlowKey;
import io.hypernf.sdk.flow.FlowTable;

/**
 * The connection table: one {@link FlowTable} entry per connection, keyed by the canonical
 * (direction-independent) 5-tuple, so both directions find it with one lookup; per-connection
 * state lives in arrays indexed by the table's entry index. Which direction opened the
 * connection is the canonicalisation swap bit of its first packet: a later packet whose swap bit
 * differs travels in the reply direction.
 *
 * <p>Per protocol:
 * <ul>
 *   <li>TCP — {@link TcpStateMachine}; the idle timeout follows the state.</li>
 *   <li>UDP — a pseudo-connection; the timeout grows from {@code udp} to {@code udp-stream} once a
 *       reply has been seen (netfilter's "ASSURED").</li>
 *   <li>ICMP / ICMPv6 — echo only: a request opens a pseudo-connection keyed by the identifier
 *       (the flow key's "ports"); requests pass forwards, replies backwards.</li>
 *   <li>Anything else — a generic pseudo-connection on addresses and protocol.</li>
 * </ul>
 * One thread; nothing allocated per packet.
 */
public final class ConnectionTracker {
    /** {@link #track}: no connection has this key. */
    public static final int MISS = 0;
    /** {@link #track}: the packet belongs to its connection and advanced it. */
    public static final int PASS = 1;
    /** {@link #track}: the packet has a connection but does not fit its state. */
    public static final int INVALID = 2;

    /** {@link #open}: a connection was made (or already existed). */
    public static final int OPENED = 0;
    /** {@link #open}: the packet cannot open a connection (a lone RST, an echo reply, ...). */
    public static final int NOT_TRACKABLE = 1;
    /** {@link #open}: the table is full (counted by the table). */
    public static final int FULL = 2;

    private static final int UDP_UNREPLIED = 0;
    private static final int UDP_REPLIED = 1;

    private final FlowTable table;
    private final ConntrackTimeouts timeouts;
    private final boolean loose;
    private final FlowKey key = new FlowKey();
    /** TCP: a {@link TcpStateMachine} state; UDP: replied or not; others: unused. */
    private final byte[] state;
    /** The canonicalisation swap bit of the connection's first packet. */
    private final boolean[] originSwapped;
    private final int expiryBudget;
    private long invalid;
    private long opened;

    /**
     * {@code loose}: whether a mid-stream TCP ACK may open a connection (netfilter's
     * {@code nf_conntrack_tcp_loose}); {@code seed}: the table's hash seed.
     */
    public ConnectionTracker(int capacity, ConntrackTimeouts timeouts, boolean loose, long seed) {
        this.table = new FlowTable(capacity, seed);
        this.timeouts = timeouts;
        this.loose = loose;
        this.state = new byte[capacity];
        this.originSwapped = new boolean[capacity];
        // A whole sweep every ~1000 ticks (about a second at the run loop's 1 ms tick).
        this.expiryBudget = Math.max(64, capacity / 1000);
    }

    /**
     * Looks up the connection of {@code packetKey} (left unchanged) and, when there is one,
     * advances it with this packet. {@code icmpType} matters for ICMP, {@code tcpFlags} for TCP.
     * Returns {@link #MISS}, {@link #PASS} or {@link #INVALID}.
     */
    public int track(FlowKey packetKey, int tcpFlags, int icmpType, long now) {
        boolean swapped = key.copyFrom(packetKey).canonicalize();
        int entry = table.lookup(key);
        if (entry < 0) {
            return MISS;
        }
        boolean reply = swapped != originSwapped[entry];
        switch (key.protocol()) {
            case Protocols.TCP: {
                int next = TcpStateMachine.next(state[entry], reply, tcpFlags);
                if (next == TcpStateMachine.INVALID) {
                    invalid++;
                    return INVALID;
                }
                if (next != TcpStateMachine.IGNORE) {
                    if (reply && state[entry] == TcpStateMachine.TIME_WAIT && next == TcpStateMachine.SYN_SENT) {
                        // A new connection in the other direction reuses the tuple: it is now the original one.
                        originSwapped[entry] = swapped;
                    }
                    state[entry] = (byte) next;
                    table.timeout(entry, timeouts.tcpNanos(next));
                }
                break;
            }
            case Protocols.UDP:
                if (reply && state[entry] == UDP_UNREPLIED) {
                    state[entry] = UDP_REPLIED;
                    table.timeout(entry, timeouts.udpStreamNanos());
                }
                break;
            case Protocols.ICMP:
            case Protocols.ICMPV6: {
                int family = key.ipVersion();
                boolean request = IcmpTypes.echoReplyOf(family, icmpType) >= 0;
                boolean response = icmpType == (family == 4 ? IcmpTypes.V4_ECHO_REPLY : IcmpTypes.V6_ECHO_REPLY);
                if (reply ? !response : !request) {
                    invalid++;
                    return INVALID;
                }
                break;
            }
            default:
                break;
        }
        table.touch(entry, now);
        return PASS;
    }

    /**
     * Opens a connection for a packet the rules accepted with {@code keep state}. Returns
     * {@link #OPENED}, {@link #NOT_TRACKABLE} or {@link #FULL}.
     */
    public int open(FlowKey packetKey, int tcpFlags, int icmpType, long now) {
        boolean swapped = key.copyFrom(packetKey).canonicalize();
        int protocol = key.protocol();
        int initialState = 0;
        long timeout;
        if (protocol == Protocols.TCP) {
            initialState = TcpStateMachine.initial(tcpFlags, loose);
            if (initialState == TcpStateMachine.INVALID) {
                return NOT_TRACKABLE;
            }
            timeout = timeouts.tcpNanos(initialState);
        } else if (protocol == Protocols.UDP) {
            initialState = UDP_UNREPLIED;
            timeout = timeouts.udpNanos();
        } else if (protocol == Protocols.ICMP || protocol == Protocols.ICMPV6) {
            if (IcmpTypes.echoReplyOf(key.ipVersion(), icmpType) < 0) {
                return NOT_TRACKABLE;
            }
            timeout = timeouts.icmpNanos();
        } else {
            timeout = timeouts.otherNanos();
        }
        int entry = table.insert(key, now, timeout);
        if (entry < 0) {
            return FULL;
        }
        if (table.lastInsertCreated()) {
            state[entry] = (byte) initialState;
            originSwapped[entry] = swapped;
            opened++;
        }
        return OPENED;
    }

    /** Whether a connection with this key exists, in either direction ({@code packetKey} unchanged). */
    public boolean exists(FlowKey packetKey) {
        key.copyFrom(packetKey).canonicalize();
        return table.lookup(key) >= 0;
    }

    /** Expires a bounded slice of the table (call from the NF's tick). Returns how many connections ended. */
    public int expire(long now) {
        return table.expire(now, expiryBudget);
    }

    /** The TCP state of the connection of {@code packetKey}, or -1 when there is none (tests, diagnostics). */
    public int tcpState(FlowKey packetKey) {
        key.copyFrom(packetKey).canonicalize();
        int entry = table.lookup(key);
        return entry < 0 ? -1 : state[entry];
    }

    public int size() { return table.size(); }
    public int capacity() { return table.capacity(); }
    /** Packets that had a connection but did not fit its state. */
    public long invalidCount() { return invalid; }
    public long openedCount() { return opened; }
    public long tableFullCount() { return table.tableFullCount(); }
    public long expiredCount() { return table.expiredCount(); }
}
