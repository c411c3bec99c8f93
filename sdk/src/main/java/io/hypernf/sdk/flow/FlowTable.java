package io.hypernf.sdk.flow;

/**
 * A fixed-capacity flow table: open addressing with linear probing, keys in primitive arrays,
 * nothing allocated after construction and nothing ever resized.
 *
 * <p>Lookups and inserts return an <em>entry index</em> in {@code [0, capacity())}, stable for
 * the life of the flow, so an NF keeps its per-flow state in its own parallel arrays indexed by
 * entry (no object per flow). Two layers make that possible:
 * <pre>
 *  slots (power of two, at least 2 x capacity, so probe runs stay short)
 *  | hash << 32 | entry+1 | ...   one long per slot, 0 = empty; moved by backward-shift deletion
 *       |
 *       v
 *  rows (capacity x 8 longs, 64 bytes): key words [5] | last seen | timeout | unused
 *  entries (capacity): hash | live | free-list link
 * </pre>
 * Deletion is backward-shift (Knuth, TAOCP vol. 3, 6.4 Algorithm R): the following entries of the
 * probe run move back into the hole, so there are no tombstones and lookups never slow down with
 * churn. Only slot contents move; entry indices stay put.
 *
 * <p>A full table is an outcome, not an error: {@link #insert} returns -1 and counts it in
 * {@link #tableFullCount()}. Expiry is incremental: {@link #expire(long, int)} looks at a bounded
 * number of entries per call from a rotating cursor and removes those idle for longer than their
 * own timeout, so the run loop's tick never pauses. Times are {@link System#nanoTime()} values
 * compared by subtraction (safe across wrap-around). One thread only.
 */
public final class FlowTable {
    /** Called for every entry {@link #expire} removes, before the entry is freed (its key is still readable). */
    @FunctionalInterface
    public interface ExpiryListener {
        void expired(int entry);
    }

    /** Largest capacity accepted: keeps the slot array (up to 4 x capacity) and the rows (8 x) in int range. */
    public static final int MAX_CAPACITY = 1 << 26;

    /**
     * Longs per entry row: the five key words, then last-seen and timeout, which every lookup
     * that finds a flow goes on to touch — in one row they share the key's cache lines instead of
     * costing a miss each in arrays of their own (measured on NAT and LB lookups over 100,000 flows).
     */
    private static final int ROW = 8;
    private static final int LAST_SEEN = 5;
    private static final int TIMEOUT = 6;
    private static final int NO_ENTRY = -1;

    private final int capacity;
    private final int mask;
    private final long seed;
    /**
     * Per slot the flow's hash (high half) and its entry + 1 (low half), 0 when empty: one long, so
     * a probe costs one cache miss where two parallel int arrays cost two (measured: the slot
     * reads were a third of a NAT lookup over 100,000 flows).
     */
    private final long[] slots;
    private final long[] rows;
    private final int[] entryHash;
    private final boolean[] live;
    private final int[] nextFree;
    private int freeHead;
    private int size;
    private int expiryCursor;
    private boolean lastInsertCreated;
    private long tableFull;
    private long expired;
    private ExpiryListener expiryListener;

    /** A table for {@code capacity} flows with a random hash seed. */
    public FlowTable(int capacity) {
        this(capacity, System.nanoTime() * 0x9E3779B97F4A7C15L);
    }

    /** A table for {@code capacity} flows with a fixed hash seed (tests, reproducible runs). */
    public FlowTable(int capacity, long seed) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("flow table capacity " + capacity + " is outside [1, " + MAX_CAPACITY + "]");
        }
        this.capacity = capacity;
        int slotCount = Integer.highestOneBit(capacity) << 2;
        this.mask = slotCount - 1;
        this.seed = seed;
        this.slots = new long[slotCount];
        this.rows = new long[capacity * ROW];
        this.entryHash = new int[capacity];
        this.live = new boolean[capacity];
        this.nextFree = new int[capacity];
        for (int e = 0; e < capacity; e++) {
            nextFree[e] = e + 1 < capacity ? e + 1 : NO_ENTRY;
        }
        this.freeHead = 0;
    }

    /** Sets who hears about expired entries (once, at set-up; null for nobody). */
    public void expiryListener(ExpiryListener listener) { this.expiryListener = listener; }

    public int capacity() { return capacity; }
    public int size() { return size; }
    /** Inserts refused because every entry was in use. */
    public long tableFullCount() { return tableFull; }
    /** Entries removed by {@link #expire}. */
    public long expiredCount() { return expired; }

    /** The entry holding {@code key}, or -1. */
    public int lookup(FlowKey key) {
        if (size == 0) {
            // Nothing to find, and no cold slot to read: a firewall whose rules keep no state
            // looked up its empty connection table for every packet (19% of its time).
            return NO_ENTRY;
        }
        int hash = key.hash(seed);
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            long occupant = slots[slot];
            if (occupant == 0) {
                return NO_ENTRY;
            }
            int entry = (int) occupant - 1;
            if ((int) (occupant >>> 32) == hash && matches(entry, key)) {
                return entry;
            }
        }
    }

    /**
     * The entry holding {@code key}, made if absent with last-seen {@code now} and the given idle
     * timeout; an existing entry is only touched. Returns -1 and counts a table-full outcome when
     * the key is absent and every entry is in use. {@link #lastInsertCreated()} tells which case it was.
     */
    public int insert(FlowKey key, long now, long timeoutNanos) {
        int hash = key.hash(seed);
        int slot = hash & mask;
        for (; ; slot = (slot + 1) & mask) {
            long occupant = slots[slot];
            if (occupant == 0) {
                break;
            }
            int entry = (int) occupant - 1;
            if ((int) (occupant >>> 32) == hash && matches(entry, key)) {
                lastInsertCreated = false;
                rows[entry * ROW + LAST_SEEN] = now;
                return entry;
            }
        }
        lastInsertCreated = false;
        int entry = freeHead;
        if (entry == NO_ENTRY) {
            tableFull++;
            return NO_ENTRY;
        }
        freeHead = nextFree[entry];
        nextFree[entry] = NO_ENTRY;
        int base = entry * ROW;
        rows[base] = key.sourceHigh();
        rows[base + 1] = key.sourceLow();
        rows[base + 2] = key.destinationHigh();
        rows[base + 3] = key.destinationLow();
        rows[base + 4] = key.word4();
        rows[base + LAST_SEEN] = now;
        rows[base + TIMEOUT] = timeoutNanos;
        entryHash[entry] = hash;
        live[entry] = true;
        slots[slot] = occupant(hash, entry);
        size++;
        lastInsertCreated = true;
        return entry;
    }

    /** Whether the last {@link #insert} made a new entry (false: found, or table full). */
    public boolean lastInsertCreated() { return lastInsertCreated; }

    /** Removes the flow of {@code key}; returns its former entry index or -1 when absent. */
    public int remove(FlowKey key) {
        int entry = lookup(key);
        if (entry >= 0) {
            removeEntry(entry);
        }
        return entry;
    }

    /** Removes a live entry by index (no effect on a free one). */
    public void removeEntry(int entry) {
        if (entry < 0 || entry >= capacity || !live[entry]) {
            return;
        }
        int slot = entryHash[entry] & mask;
        while ((int) slots[slot] != entry + 1) {
            slot = (slot + 1) & mask;
        }
        deleteSlot(slot);
        live[entry] = false;
        nextFree[entry] = freeHead;
        freeHead = entry;
        size--;
    }

    /**
     * Backward-shift deletion: walk the run after the hole and move back every entry whose home
     * slot is not cyclically inside (hole, position]; stop at the first empty slot.
     */
    private void deleteSlot(int hole) {
        int slot = hole;
        while (true) {
            slot = (slot + 1) & mask;
            long occupant = slots[slot];
            if (occupant == 0) {
                break;
            }
            int home = (int) (occupant >>> 32) & mask;
            if (((slot - home) & mask) >= ((slot - hole) & mask)) {
                slots[hole] = occupant;
                hole = slot;
            }
        }
        slots[hole] = 0;
    }

    /** Whether {@code entry} holds a flow. */
    public boolean isLive(int entry) { return entry >= 0 && entry < capacity && live[entry]; }

    /** Marks the flow as seen at {@code now}. The accessors by entry index expect a live entry from this table. */
    public void touch(int entry, long now) { rows[entry * ROW + LAST_SEEN] = now; }

    public long lastSeen(int entry) { return rows[entry * ROW + LAST_SEEN]; }

    /** The entry's idle timeout in nanoseconds (e.g. longer once a TCP connection is established). */
    public long timeout(int entry) { return rows[entry * ROW + TIMEOUT]; }
    public void timeout(int entry, long timeoutNanos) { rows[entry * ROW + TIMEOUT] = timeoutNanos; }

    /** Copies the key of a live entry into {@code into}. */
    public FlowKey key(int entry, FlowKey into) {
        int base = entry * ROW;
        return into.setWords(rows[base], rows[base + 1], rows[base + 2], rows[base + 3], rows[base + 4]);
    }

    /**
     * Looks at up to {@code budget} entries from where the previous call stopped and removes each
     * live one idle for longer than its timeout at {@code now}, telling the listener first.
     * Returns how many it removed. A whole sweep takes {@code capacity() / budget} calls.
     */
    public int expire(long now, int budget) {
        int removed = 0;
        int cursor = expiryCursor;
        for (int i = 0, n = Math.min(budget, capacity); i < n; i++) {
            int entry = cursor;
            cursor = cursor + 1 == capacity ? 0 : cursor + 1;
            if (live[entry] && now - rows[entry * ROW + LAST_SEEN] > rows[entry * ROW + TIMEOUT]) {
                if (expiryListener != null) {
                    expiryListener.expired(entry);
                }
                removeEntry(entry);
                expired++;
                removed++;
            }
        }
        expiryCursor = cursor;
        return removed;
    }

    /**
     * The first live entry at or after {@code from}, or -1: walks all flows without allocating
     * ({@code for (int e = table.nextLive(0); e >= 0; e = table.nextLive(e + 1))}), e.g. for a
     * stats display between batches. O(capacity) for a whole walk.
     */
    public int nextLive(int from) {
        for (int e = Math.max(from, 0); e < capacity; e++) {
            if (live[e]) {
                return e;
            }
        }
        return NO_ENTRY;
    }

    /** Removes every flow (set-up and tests; O(capacity)). */
    public void clear() {
        for (int e = 0; e < capacity; e++) {
            if (live[e]) {
                removeEntry(e);
            }
        }
    }

    private static long occupant(int hash, int entry) { return (long) hash << 32 | (entry + 1); }

    private boolean matches(int entry, FlowKey key) {
        int base = entry * ROW;
        return key.matches(rows[base], rows[base + 1], rows[base + 2], rows[base + 3], rows[base + 4]);
    }
}
