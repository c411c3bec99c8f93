package io.hypernf.nf.lb;

import java.util.Arrays;

/**
 * Maglev consistent hashing (Eisenbud et al., "Maglev: A Fast and Reliable Software Network Load
 * Balancer", NSDI 2016, section 3.4): a lookup table of prime size M in which every backend fills
 * the slots it prefers, in turns, until the table is full.
 *
 * <p>Backend i's preference list is the permutation {@code (offset_i + j * skip_i) mod M},
 * {@code offset = h1(name) mod M}, {@code skip = h2(name) mod (M - 1) + 1}; since M is prime
 * every skip is coprime with M, so each list visits every slot exactly once (paper, Pseudocode 1).
 *
 * <p>Weights follow the paper's weighted variant ("adjust the relative frequency of the backends'
 * turns"): every round each backend earns its weight in credit and takes a turn for each
 * {@code maxWeight} of credit, so a backend of weight w fills about {@code w / sum(w)} of the
 * table, and the backends of the largest weight take a turn every round.
 *
 * <p>Built by the control plane (never on the data path), O(M log M) expected.
 */
public final class Maglev {
    /** The paper's example size; a prime well above 100 x the number of backends keeps shares within ~1%. */
    public static final int DEFAULT_TABLE_SIZE = 65537;
    /** Largest table accepted (a 64 MiB int table). */
    public static final int MAX_TABLE_SIZE = 16_777_213;

    private static final long OFFSET_SEED = 0x4D41474C45563031L;
    private static final long SKIP_SEED = 0x4D41474C45563032L;

    private Maglev() {}

    /** Whether {@code n} is prime (trial division; only called at configuration time). */
    public static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (int d = 3; (long) d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The lookup table: slot → index into {@code names}/{@code weights}. Backends of weight 0 get no
     * slot; with no backend of positive weight every slot is -1. {@code names} identify backends
     * (their address and port): the same name always gets the same preference list, which is what
     * keeps the table stable when other backends come and go.
     */
    public static int[] build(long[] names, int[] weights, int size) {
        if (!isPrime(size)) {
            throw new IllegalArgumentException("maglev table size " + size + " is not prime");
        }
        if (names.length != weights.length) {
            throw new IllegalArgumentException(names.length + " backend names but " + weights.length + " weights");
        }
        int[] table = new int[size];
        Arrays.fill(table, -1);
        int n = names.length;
        int maxWeight = 0;
        for (int w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("backend weight " + w + " is negative");
            }
            maxWeight = Math.max(maxWeight, w);
        }
        if (maxWeight == 0) {
            return table;
        }
        int[] position = new int[n];
        int[] skip = new int[n];
        long[] credit = new long[n];
        for (int i = 0; i < n; i++) {
            position[i] = (int) Long.remainderUnsigned(mix(names[i] ^ OFFSET_SEED), size);
            skip[i] = (int) Long.remainderUnsigned(mix(names[i] ^ SKIP_SEED), size - 1) + 1;
        }
        int filled = 0;
        while (true) {
            for (int i = 0; i < n; i++) {
                credit[i] += weights[i];
                if (credit[i] < maxWeight) {
                    continue;
                }
                credit[i] -= maxWeight;
                int slot = position[i];
                while (table[slot] >= 0) {
                    slot = next(slot, skip[i], size);
                }
                table[slot] = i;
                position[i] = next(slot, skip[i], size);
                if (++filled == size) {
                    return table;
                }
            }
        }
    }

    /** The preference list of {@code name} for a table of {@code size}: its first {@code count} slots (tests). */
    static int[] permutation(long name, int size, int count) {
        int[] out = new int[count];
        int slot = (int) Long.remainderUnsigned(mix(name ^ OFFSET_SEED), size);
        int skip = (int) Long.remainderUnsigned(mix(name ^ SKIP_SEED), size - 1) + 1;
        for (int j = 0; j < count; j++) {
            out[j] = slot;
            slot = next(slot, skip, size);
        }
        return out;
    }

    private static int next(int slot, int skip, int size) {
        int n = slot + skip;
        return n >= size || n < 0 ? (int) (((long) slot + skip) % size) : n;
    }

    /** The MurmurHash3 64-bit finaliser (public domain): h1 and h2 are it with two seeds. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
