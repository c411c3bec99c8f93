package io.hypernf.nf.nat;

import io.hypernf.sdk.flow.FlowKey;
import io.hypernf.sdk.flow.FlowTable;
import io.hypernf.sdk.packet.TcpHeader;

/**
 * NAT sessions: one per (inside endpoint, remote endpoint, protocol), keyed as the inside host
 * sees it (inside address, remote address, protocol, inside port, remote port; ICMP: identifier
 * and 0). A session holds its mapping's entry and, for TCP, which SYN / FIN / RST were seen in
 * each direction, which picks its idle timeout (RFC 5382 section 5, REQ-5):
 * <ul>
 *   <li>established — a SYN seen both ways, no RST, not FIN both ways — {@code tcp-established};</li>
 *   <li>transitory — anything else (opening, closing, reset) — {@code tcp-transitory}.</li>
 * </ul>
 * Sessions expire through the SDK {@link FlowTable}'s incremental sweep; the listener given at
 * construction hears each one before it goes (and drops the mapping's session count).
 */
final class SessionTable {
    static final int SYN_OUT = 1;
    static final int SYN_IN = 2;
    static final int FIN_OUT = 4;
    static final int FIN_IN = 8;
    static final int RST = 16;

    private final FlowTable table;
    private final FlowKey key = new FlowKey();
    private final int[] mapping;
    private final int[] tcpSeen;

    SessionTable(int capacity, long seed, FlowTable.ExpiryListener listener) {
        table = new FlowTable(capacity, seed);
        table.expiryListener(listener);
        mapping = new int[capacity];
        tcpSeen = new int[capacity];
    }

    int find(int protocol, int inside, int port, int remote, int remotePort) {
        return table.lookup(key.setIpv4(inside, remote, protocol, port, remotePort));
    }

    /** Makes a session for mapping {@code in}; -1 when the table is full. */
    int create(int protocol, int inside, int port, int remote, int remotePort, int in, long now, long timeoutNanos) {
        int entry = table.insert(key.setIpv4(inside, remote, protocol, port, remotePort), now, timeoutNanos);
        if (entry >= 0 && table.lastInsertCreated()) {
            mapping[entry] = in;
            tcpSeen[entry] = 0;
        }
        return entry;
    }

    boolean lastCreated() { return table.lastInsertCreated(); }

    int mapping(int entry) { return mapping[entry]; }

    /** Refreshes the session at {@code now} with a new idle timeout. */
    void touch(int entry, long now, long timeoutNanos) {
        table.touch(entry, now);
        table.timeout(entry, timeoutNanos);
    }

    /**
     * Records the TCP flags of a segment that went out ({@code outbound}) or came in, and returns
     * whether the connection now counts as established.
     */
    boolean trackTcp(int entry, int flags, boolean outbound) {
        int seen = tcpSeen[entry];
        if ((flags & TcpHeader.SYN) != 0) {
            seen |= outbound ? SYN_OUT : SYN_IN;
        }
        if ((flags & TcpHeader.FIN) != 0) {
            seen |= outbound ? FIN_OUT : FIN_IN;
        }
        if ((flags & TcpHeader.RST) != 0) {
            seen |= RST;
        }
        tcpSeen[entry] = seen;
        return (seen & (SYN_OUT | SYN_IN)) == (SYN_OUT | SYN_IN) && (seen & (FIN_OUT | FIN_IN)) != (FIN_OUT | FIN_IN)
                && (seen & RST) == 0;
    }

    /** Expires idle sessions, looking at up to {@code budget} entries. */
    int expire(long now, int budget) { return table.expire(now, budget); }

    long timeout(int entry) { return table.timeout(entry); }

    void remove(int entry) { table.removeEntry(entry); }

    int size() { return table.size(); }

    long expiredCount() { return table.expiredCount(); }
}
