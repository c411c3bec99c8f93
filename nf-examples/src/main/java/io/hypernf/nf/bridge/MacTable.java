package io.hypernf.nf.bridge;

import io.hypernf.sdk.flow.FlowKey;
import io.hypernf.sdk.flow.FlowTable;

/**
 * MAC address to port, for a fixed number of addresses: the SDK's {@link FlowTable} keyed by the
 * 48-bit address (as a long in one key word), with the port in a parallel array indexed by entry.
 * An entry's age is the time since its address was last seen as a <em>source</em>; lookups of a
 * destination never refresh it, so a station that only receives is forgotten and flooded to again,
 * as in 802.1D. Nothing is allocated after construction. One thread only (the data path).
 */
final class MacTable {
    /** {@link #learn} outcomes. */
    static final int LEARNED = 0;
    static final int REFRESHED = 1;
    static final int MOVED = 2;
    static final int FULL = 3;

    static final int UNKNOWN = -1;

    private final FlowTable table;
    private final FlowKey key = new FlowKey();
    private final int[] port;
    private final long ageNanos;
    private final int expiryBudget;

    MacTable(int capacity, long ageNanos) {
        this.table = new FlowTable(capacity);
        this.port = new int[capacity];
        this.ageNanos = ageNanos;
        // A whole sweep every 1024 ticks (about a second) at most, whatever the size.
        this.expiryBudget = Math.max(16, capacity / 1024 + 1);
    }

    /** Records that {@code mac} was seen as a source on {@code inputPort} at {@code now}. */
    int learn(long mac, int inputPort, long now) {
        int entry = table.insert(keyOf(mac), now, ageNanos);
        if (entry < 0) {
            return FULL;
        }
        if (table.lastInsertCreated()) {
            port[entry] = inputPort;
            return LEARNED;
        }
        if (port[entry] != inputPort) {
            port[entry] = inputPort;
            return MOVED;
        }
        return REFRESHED;
    }

    /** The port {@code mac} was learned on, or {@link #UNKNOWN} (never seen, or idle longer than the age at {@code now}). */
    int portOf(long mac, long now) {
        int entry = table.lookup(keyOf(mac));
        if (entry < 0 || now - table.lastSeen(entry) > ageNanos) {
            return UNKNOWN;
        }
        return port[entry];
    }

    /** Forgets a bounded number of idle addresses; called from the NF's tick. Returns how many. */
    int age(long now) {
        return table.expire(now, expiryBudget);
    }

    int size() { return table.size(); }
    int capacity() { return table.capacity(); }
    long aged() { return table.expiredCount(); }

    private FlowKey keyOf(long mac) {
        return key.setWords(0, mac, 0, 0, 0);
    }
}
