package io.hypernf.nf.nat;

import io.hypernf.sdk.flow.FlowKey;
import io.hypernf.sdk.flow.FlowTable;

/**
 * NAT mappings (RFC 4787 section 4.1): inside endpoint ↔ outside endpoint, findable from either
 * side. Two {@link FlowTable}s share nothing but cross-indices:
 * <pre>
 *  byInside  key (inside addr, remote addr, protocol, inside port, remote port)
 *            → outsideAddress[], outsidePort[], poolIndex[], outsideEntry[], sessions[], permanent[]
 *  byOutside key (outside addr, remote addr, protocol, outside port, remote port)
 *            → insideEntry[], insideAddress[], insidePort[]
 * </pre>
 * With endpoint-independent mapping the remote fields are 0; with address-and-port-dependent
 * mapping they hold the remote endpoint. Port forwards are permanent mappings with remote 0 in
 * either mode. For ICMP queries both ports are the identifier's place, the remote one 0.
 *
 * <p>Entries never time out by themselves: a mapping lives while it has sessions
 * ({@link SessionTable}) and is removed with its last one; permanent ones stay. Nothing allocates
 * after construction; one thread only.
 */
final class MappingTable {
    private static final long NEVER = Long.MAX_VALUE;

    private final FlowTable byInside;
    private final FlowTable byOutside;
    private final FlowKey key = new FlowKey();

    private final int[] outsideAddress;
    private final int[] outsidePort;
    private final int[] poolIndex;
    private final int[] outsideEntry;
    private final int[] sessions;
    private final boolean[] permanent;

    private final int[] insideEntry;
    private final int[] insideAddress;
    private final int[] insidePort;

    MappingTable(int capacity, long seed) {
        byInside = new FlowTable(capacity, seed);
        byOutside = new FlowTable(capacity, seed ^ 0x5DEECE66DL);
        outsideAddress = new int[capacity];
        outsidePort = new int[capacity];
        poolIndex = new int[capacity];
        outsideEntry = new int[capacity];
        sessions = new int[capacity];
        permanent = new boolean[capacity];
        insideEntry = new int[capacity];
        insideAddress = new int[capacity];
        insidePort = new int[capacity];
    }

    /** The mapping of an inside endpoint (remote fields 0 for endpoint-independent), or -1. */
    int findByInside(int protocol, int inside, int port, int remote, int remotePort) {
        return byInside.lookup(key.setIpv4(inside, remote, protocol, port, remotePort));
    }

    /** The outside entry for a packet sent to an outside endpoint, or -1; see {@link #insideEntryOf}. */
    int findByOutside(int protocol, int outside, int port, int remote, int remotePort) {
        return byOutside.lookup(key.setIpv4(outside, remote, protocol, port, remotePort));
    }

    /**
     * Makes a mapping; returns its inside entry, or -1 when either table is full (nothing is left
     * behind then). {@code pool} is the pool index of the outside address.
     */
    int create(int protocol, int inside, int port, int remote, int remotePort, int outside, int outsidePortNumber,
               int pool, boolean isPermanent, long now) {
        int in = byInside.insert(key.setIpv4(inside, remote, protocol, port, remotePort), now, NEVER);
        if (in < 0) {
            return -1;
        }
        int out = byOutside.insert(key.setIpv4(outside, remote, protocol, outsidePortNumber, remotePort), now, NEVER);
        if (out < 0) {
            byInside.removeEntry(in);
            return -1;
        }
        outsideAddress[in] = outside;
        outsidePort[in] = outsidePortNumber;
        poolIndex[in] = pool;
        outsideEntry[in] = out;
        sessions[in] = 0;
        permanent[in] = isPermanent;
        insideEntry[out] = in;
        insideAddress[out] = inside;
        insidePort[out] = port;
        return in;
    }

    /** Removes a mapping by its inside entry. */
    void remove(int in) {
        byOutside.removeEntry(outsideEntry[in]);
        byInside.removeEntry(in);
    }

    int insideEntryOf(int out) { return insideEntry[out]; }
    int insideAddressOf(int out) { return insideAddress[out]; }
    int insidePortOf(int out) { return insidePort[out]; }

    int outsideAddress(int in) { return outsideAddress[in]; }
    int outsidePort(int in) { return outsidePort[in]; }
    int poolIndex(int in) { return poolIndex[in]; }
    boolean permanent(int in) { return permanent[in]; }

    /** The mapping's protocol (from its key). */
    int protocol(int in) { return byInside.key(in, key).protocol(); }

    void addSession(int in) { sessions[in]++; }

    /** One session fewer; returns how many are left. */
    int removeSession(int in) { return --sessions[in]; }

    int sessions(int in) { return sessions[in]; }

    /** Mappings in use (permanent ones included). */
    int size() { return byInside.size(); }

    int capacity() { return byInside.capacity(); }
}
