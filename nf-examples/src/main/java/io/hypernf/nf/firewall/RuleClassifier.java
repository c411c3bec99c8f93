package io.hypernf.nf.firewall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the first rule that matches a packet without scanning the rule list: tuple space search
 * (Srinivasan, Suri, Varghese, "Packet Classification using Tuple Space Search", SIGCOMM 1999),
 * ordered by priority as VPP's acl plugin does with its hash-based matching.
 *
 * <p><b>Tuples.</b> A rule's <em>tuple</em> is the shape of its hashable conditions: the source
 * prefix length, the destination prefix length, and whether it fixes the address family, the
 * protocol and a single destination port. Rules of one tuple differ only in the values of those
 * fields, so one hash table per tuple, keyed by the masked values, finds every rule of that tuple
 * that can match a packet with one probe. Rules that share a tuple <em>and</em> a key hang off the
 * same slot in a chain sorted by priority. Everything a hash cannot express (port ranges, several
 * ports, ICMP type and code, TCP flags, input port, direction) is checked by
 * {@link Rule#matches} on those few candidates only.
 *
 * <p><b>Merged prefix lengths.</b> Prefix lengths are rounded down to a multiple of 8 bits
 * (IPv4) or 16 bits (IPv6) before they define a tuple, as in TupleMerge (Daly and Torng, "TupleMerge:
 * Fast Software Packet Processing for Online Packet Classification", IEEE/ACM ToN 2019): a
 * {@code /20} rule is hashed by its first 16 bits and its last 4 are checked by
 * {@link Rule#matches}. Rule sets written with every length from /8 to /32 then make at most
 * 5 x 5 address tuples instead of 25 x 25, at the price of a few more candidates per probe.
 *
 * <p><b>Families and protocols.</b> The address family and the protocol are part of a tuple's
 * shape, and a packet visits only the tuples of its own family and protocol and the ones that
 * fix neither: IPv6 rules cost IPv4 packets nothing, UDP rules cost TCP packets nothing.
 *
 * <p><b>Priority and early exit.</b> A rule's priority is its position in the file. Tuples are
 * visited in order of the best (lowest) priority they hold; once a match is found, every tuple
 * whose best priority is worse is skipped, and a chain walk stops at the first candidate that
 * matches or is worse than the match in hand. The result is exactly the first matching rule of
 * the list, as a linear scan would find it (the tests check that on random rule sets).
 *
 * <p><b>Cost.</b> A lookup costs at most one probe per tuple, and the number of tuples is bounded
 * by the prefix lengths in use, not by the number of rules: 10,000 rules written with a dozen
 * prefix lengths make a few dozen tuples. The worst case is many rules sharing one tuple and key
 * (say, thousands of rules {@code from any to any port A-B} that differ only in port ranges):
 * their chain is scanned linearly. Lookups allocate nothing; everything is built once, up front.
 */
public final class RuleClassifier {
    /** Returned by {@link #classify} when no rule matches. */
    public static final int NO_MATCH = -1;

    private static final long FAMILY_BITS = 0xfL << 32;
    private static final long PROTOCOL_BITS = 0xffL << 16;
    private static final long PORT_BITS = 0xffffL;
    private static final int SLOT_WORDS = 6;

    private final Rule[] rules;
    /**
     * {@code [family == 6 ? 1 : 0][protocol]}: the tuples a packet of that family and protocol can
     * match (those of its family or none, and of its protocol or none), by best priority.
     */
    private final Tuple[][][] tuplesFor = new Tuple[2][256][];
    /** For rule {@code i}, the next rule (worse priority) with the same tuple and key, or -1. */
    private final int[] chainNext;
    private final int tupleCount;

    public RuleClassifier(List<Rule> ruleList) {
        this.rules = ruleList.toArray(new Rule[0]);
        this.chainNext = new int[rules.length];
        Arrays.fill(chainNext, -1);
        Map<Shape, List<Integer>> byShape = new LinkedHashMap<>();
        for (int i = 0; i < rules.length; i++) {
            byShape.computeIfAbsent(shapeOf(rules[i]), shape -> new ArrayList<>()).add(i);
        }
        List<Tuple> built = new ArrayList<>();
        for (Map.Entry<Shape, List<Integer>> shape : byShape.entrySet()) {
            built.add(new Tuple(shape.getKey(), shape.getValue()));
        }
        built.sort(Comparator.comparingInt(tuple -> tuple.bestPriority));
        for (int f = 0; f < 2; f++) {
            int otherFamily = f == 0 ? 6 : 4;
            Tuple[] anyProtocol = built.stream().filter(t -> t.shape.family() != otherFamily && t.shape.protocol() < 0)
                    .toArray(Tuple[]::new);
            for (int protocol = 0; protocol < 256; protocol++) {
                int p = protocol;
                boolean specific = built.stream().anyMatch(t -> t.shape.protocol() == p);
                tuplesFor[f][protocol] = !specific ? anyProtocol : built.stream()
                        .filter(t -> t.shape.family() != otherFamily && (t.shape.protocol() < 0 || t.shape.protocol() == p))
                        .toArray(Tuple[]::new);
            }
        }
        this.tupleCount = built.size();
    }

    /** The rule at {@code index} (its priority). */
    public Rule rule(int index) {
        return rules[index];
    }

    public int ruleCount() {
        return rules.length;
    }

    /** How many tuples (hash tables) the rules formed; a lookup probes at most this many. */
    public int tupleCount() {
        return tupleCount;
    }

    /** The index of the first rule that matches {@code packet}, or {@link #NO_MATCH}. */
    public int classify(PacketFields packet) {
        int best = Integer.MAX_VALUE;
        long extra = extraKey(packet.family, packet.protocol, packet.dstPort);
        for (Tuple tuple : tuplesFor[packet.family == 6 ? 1 : 0][packet.protocol & 0xff]) {
            if (tuple.bestPriority >= best) {
                break;
            }
            int candidate = tuple.find(packet.srcHigh & tuple.srcMaskHigh, packet.srcLow & tuple.srcMaskLow,
                    packet.dstHigh & tuple.dstMaskHigh, packet.dstLow & tuple.dstMaskLow, extra & tuple.extraMask);
            while (candidate >= 0 && candidate < best) {
                if (rules[candidate].matches(packet)) {
                    best = candidate;
                    break;
                }
                candidate = chainNext[candidate];
            }
        }
        return best == Integer.MAX_VALUE ? NO_MATCH : best;
    }

    private static long extraKey(int family, int protocol, int dstPort) {
        return ((long) (family & 0xf) << 32) | ((long) (protocol & 0xff) << 16) | (dstPort & 0xffff);
    }

    /**
     * The shape of a rule's hashable conditions: merged prefix lengths, family and protocol (so
     * that a packet skips the tuples of other families and protocols), and which extra key
     * fields it fixes.
     */
    private record Shape(int sourceLength, int destinationLength, int family, int protocol, long extraMask) {}

    private static Shape shapeOf(Rule rule) {
        return new Shape(mergedLength(rule.source()), mergedLength(rule.destination()), rule.family(), rule.protocol(),
                extraMaskOf(rule));
    }

    /** The prefix length a rule is hashed by: rounded down to 8 bits (IPv4, above the ::ffff:0:0/96 part) or 16 (IPv6). */
    static int mergedLength(AddressPrefix prefix) {
        int length = prefix.length();
        if (prefix.family() == 4) {
            return 96 + ((length - 96) & ~7);
        }
        return length & ~15;
    }

    private static long extraMaskOf(Rule rule) {
        return (rule.family() != 0 ? FAMILY_BITS : 0) | (rule.protocol() >= 0 ? PROTOCOL_BITS : 0)
                | (rule.exactDestinationPort() >= 0 ? PORT_BITS : 0);
    }

    private static long extraKeyOf(Rule rule) {
        return extraKey(rule.family(), Math.max(rule.protocol(), 0), Math.max(rule.exactDestinationPort(), 0))
                & extraMaskOf(rule);
    }

    /** One hash table: the rules of one shape, by masked key; open addressing with linear probing. */
    private final class Tuple {
        final long srcMaskHigh;
        final long srcMaskLow;
        final long dstMaskHigh;
        final long dstMaskLow;
        final long extraMask;
        final Shape shape;
        final int bestPriority;
        /**
         * Six longs a slot, so that a probe touches one cache line: the best-priority rule of the
         * slot's chain plus one (0: empty slot), then source high/low, destination high/low, extra.
         */
        final long[] slots;
        final int slotMask;

        Tuple(Shape shape, List<Integer> members) {
            this.shape = shape;
            int srcLength = shape.sourceLength();
            int dstLength = shape.destinationLength();
            srcMaskHigh = AddressPrefix.maskHigh(srcLength);
            srcMaskLow = AddressPrefix.maskLow(srcLength);
            dstMaskHigh = AddressPrefix.maskHigh(dstLength);
            dstMaskLow = AddressPrefix.maskLow(dstLength);
            extraMask = shape.extraMask();
            bestPriority = members.get(0);
            int capacity = Integer.highestOneBit(Math.max(members.size(), 1) * 2 + 1) << 1;
            slots = new long[capacity * SLOT_WORDS];
            slotMask = capacity - 1;
            int[] tails = new int[capacity];
            for (int ruleIndex : members) {
                Rule rule = rules[ruleIndex];
                long srcHigh = rule.source().high() & srcMaskHigh;
                long srcLow = rule.source().low() & srcMaskLow;
                long dstHigh = rule.destination().high() & dstMaskHigh;
                long dstLow = rule.destination().low() & dstMaskLow;
                long extra = extraKeyOf(rule);
                int slot = (int) hash(srcHigh, srcLow, dstHigh, dstLow, extra) & slotMask;
                while (slots[slot * SLOT_WORDS] != 0 && !keyAt(slot * SLOT_WORDS, srcHigh, srcLow, dstHigh, dstLow, extra)) {
                    slot = (slot + 1) & slotMask;
                }
                int base = slot * SLOT_WORDS;
                if (slots[base] == 0) {
                    slots[base] = ruleIndex + 1;
                    slots[base + 1] = srcHigh;
                    slots[base + 2] = srcLow;
                    slots[base + 3] = dstHigh;
                    slots[base + 4] = dstLow;
                    slots[base + 5] = extra;
                } else {
                    chainNext[tails[slot]] = ruleIndex;
                }
                tails[slot] = ruleIndex;
            }
        }

        /** The best-priority rule whose key is exactly this one, or -1. */
        int find(long srcHigh, long srcLow, long dstHigh, long dstLow, long extra) {
            int slot = (int) hash(srcHigh, srcLow, dstHigh, dstLow, extra) & slotMask;
            while (true) {
                int base = slot * SLOT_WORDS;
                long head = slots[base];
                if (head == 0) {
                    return -1;
                }
                if (keyAt(base, srcHigh, srcLow, dstHigh, dstLow, extra)) {
                    return (int) head - 1;
                }
                slot = (slot + 1) & slotMask;
            }
        }

        /** Compares the words most likely to differ first (the low halves, then the extra word). */
        private boolean keyAt(int base, long srcHigh, long srcLow, long dstHigh, long dstLow, long extra) {
            return slots[base + 4] == dstLow && slots[base + 2] == srcLow && slots[base + 5] == extra
                    && slots[base + 3] == dstHigh && slots[base + 1] == srcHigh;
        }
    }

    /**
     * Mixes the five key words: each multiplied by its own odd constant (independent multiplies,
     * so the CPU runs them in parallel), summed, then the high bits folded down, since the slot
     * index takes the low bits. Keys are rule data, not attacker-chosen, so no secret seed is needed.
     */
    private static long hash(long srcHigh, long srcLow, long dstHigh, long dstLow, long extra) {
        long h = srcHigh * 0x9e37_79b9_7f4a_7c15L + srcLow * 0xc2b2_ae3d_27d4_eb4fL + dstHigh * 0x1656_67b1_9e37_79f9L
                + dstLow * 0xd6e8_feb8_6659_fd93L + extra * 0xff51_afd7_ed55_8ccdL;
        return h ^ (h >>> 32) ^ (h >>> 45);
    }
}
