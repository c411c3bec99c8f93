package io.hypernf.nf.nat;

/**
 * Outside ports of every pool address, per protocol class (TCP, UDP, ICMP identifiers), as bitmaps
 * of 65536 bits: a set bit is a port in use, held down, or reserved by a port forward.
 *
 * <p>{@link #allocate} keeps the inside port when it is free (RFC 4787 REQ-3 "port preservation";
 * parity and contiguity are not kept), else takes the first free port of the configured range from
 * a pseudo-random start (RFC 6056 section 3.3.1's simple randomisation, so ports are hard to
 * guess), scanning 64 ports per step. A per-address free count answers "exhausted" at once.
 *
 * <p>Freed ports are held down before reuse ({@link #release}): they stay marked in a FIFO of
 * (port, time freed) and {@link #reclaim} clears them once the hold-down has passed. Ports are
 * freed only when sessions expire, at most {@code sessions} per shortest session timeout, so a FIFO
 * of {@code sessions * ceil(holdDown / shortestTimeout) + 1} never fills; if it does anyway, the
 * oldest port is cut short and counted ({@link #holdDownOverflows()}). Nothing allocates after
 * construction; one thread only.
 */
public final class PortAllocator {
    public static final int TCP = 0;
    public static final int UDP = 1;
    public static final int ICMP = 2;
    private static final int CLASSES = 3;
    private static final int WORDS = 65536 / 64;

    private final int addresses;
    private final int low;
    private final int high;
    private final long[] used;
    private final int[] freeInRange;
    private final int[] heldPort;
    private final long[] heldSince;
    private final long holdDownNanos;
    private int heldHead;
    private int heldCount;
    private long random;
    private long holdDownOverflows;

    /** Ports of {@code addresses} pool addresses, allocated in {@code [low, high]}. */
    public PortAllocator(int addresses, int low, int high, long holdDownNanos, int holdDownCapacity, long seed) {
        this.addresses = addresses;
        this.low = low;
        this.high = high;
        this.used = new long[addresses * CLASSES * WORDS];
        this.freeInRange = new int[addresses * CLASSES];
        java.util.Arrays.fill(freeInRange, high - low + 1);
        this.heldPort = new int[Math.max(1, holdDownCapacity)];
        this.heldSince = new long[heldPort.length];
        this.holdDownNanos = holdDownNanos;
        this.random = seed | 1;
    }

    /** The protocol class of an IP protocol number, or -1 for protocols without ports. */
    public static int classOf(int protocol) {
        return protocol == 6 ? TCP : protocol == 17 ? UDP : protocol == 1 ? ICMP : -1;
    }

    /**
     * A port of pool address {@code address} for class {@code cls}: {@code preferred} when free
     * ({@code < 0} for none), else one from the range. Returns -1 when none is free.
     */
    public int allocate(int address, int cls, int preferred) {
        int set = address * CLASSES + cls;
        if (preferred >= 0 && preferred <= 65535 && !isUsed(set, preferred)) {
            mark(set, preferred);
            return preferred;
        }
        if (freeInRange[set] == 0) {
            return -1;
        }
        int start = low + (int) (Long.remainderUnsigned(nextRandom(), high - low + 1));
        int port = scan(set, start, high);
        if (port < 0) {
            port = scan(set, low, start - 1);
        }
        if (port >= 0) {
            mark(set, port);
        }
        return port;
    }

    /** Whether {@code address} has no free port of class {@code cls} left in the range. */
    public boolean exhausted(int address, int cls) {
        return freeInRange[address * CLASSES + cls] == 0;
    }

    /** Reserves a port for good (a port forward); false when it is already taken. */
    public boolean reserve(int address, int cls, int port) {
        int set = address * CLASSES + cls;
        if (isUsed(set, port)) {
            return false;
        }
        mark(set, port);
        return true;
    }

    /** Whether the port is in use, held down or reserved. */
    public boolean isUsed(int address, int cls, int port) {
        return isUsed(address * CLASSES + cls, port);
    }

    /** Frees a port after the hold-down, counting from {@code now}. */
    public void release(int address, int cls, int port, long now) {
        int set = address * CLASSES + cls;
        if (holdDownNanos == 0) {
            unmark(set, port);
            return;
        }
        if (heldCount == heldPort.length) {
            holdDownOverflows++;
            unmark(heldPort[heldHead] >>> 16, heldPort[heldHead] & 0xFFFF);
            heldHead = heldHead + 1 == heldPort.length ? 0 : heldHead + 1;
            heldCount--;
        }
        int tail = heldHead + heldCount;
        if (tail >= heldPort.length) {
            tail -= heldPort.length;
        }
        heldPort[tail] = set << 16 | port;
        heldSince[tail] = now;
        heldCount++;
    }

    /** Frees a port at once (a mapping that never carried a packet). */
    public void releaseNow(int address, int cls, int port) {
        unmark(address * CLASSES + cls, port);
    }

    /** Frees up to {@code budget} held-down ports whose hold-down has passed at {@code now}; returns how many. */
    public int reclaim(long now, int budget) {
        int freed = 0;
        while (heldCount > 0 && freed < budget && now - heldSince[heldHead] >= holdDownNanos) {
            int entry = heldPort[heldHead];
            unmark(entry >>> 16, entry & 0xFFFF);
            heldHead = heldHead + 1 == heldPort.length ? 0 : heldHead + 1;
            heldCount--;
            freed++;
        }
        return freed;
    }

    /** Ports currently held down. */
    public int heldDown() { return heldCount; }

    /** Times the hold-down FIFO was full and a port was freed early. */
    public long holdDownOverflows() { return holdDownOverflows; }

    public int addresses() { return addresses; }

    private int scan(int set, int from, int to) {
        if (from > to) {
            return -1;
        }
        int base = set * WORDS;
        int word = from >>> 6;
        int last = to >>> 6;
        long free = ~used[base + word] & (-1L << (from & 63));
        while (true) {
            if (word == last) {
                free &= -1L >>> (63 - (to & 63));
            }
            if (free != 0) {
                return (word << 6) + Long.numberOfTrailingZeros(free);
            }
            if (word == last) {
                return -1;
            }
            word++;
            free = ~used[base + word];
        }
    }

    private boolean isUsed(int set, int port) {
        return (used[set * WORDS + (port >>> 6)] & (1L << (port & 63))) != 0;
    }

    private void mark(int set, int port) {
        used[set * WORDS + (port >>> 6)] |= 1L << (port & 63);
        if (port >= low && port <= high) {
            freeInRange[set]--;
        }
    }

    private void unmark(int set, int port) {
        int word = set * WORDS + (port >>> 6);
        long bit = 1L << (port & 63);
        if ((used[word] & bit) != 0) {
            used[word] &= ~bit;
            if (port >= low && port <= high) {
                freeInRange[set]++;
            }
        }
    }

    /** xorshift64 (Marsaglia 2003): a cheap, allocation-free source of scan starts. */
    private long nextRandom() {
        long x = random;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        random = x;
        return x;
    }
}
