package io.hypernf.sdk.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FlowTableTest {
    private static final long SECOND = 1_000_000_000L;

    /** A key pool mixing IPv4 and IPv6 flows, some differing only in the IP version or one port. */
    private static List<FlowKey> keyPool(int size, SplittableRandom random) {
        List<FlowKey> pool = new ArrayList<>();
        Set<FlowKey> seen = new HashSet<>();
        while (pool.size() < size) {
            FlowKey key = new FlowKey();
            switch (random.nextInt(4)) {
                case 0 -> key.setIpv4(0x0A000000 | random.nextInt(16), 0x0A000100 | random.nextInt(4), 6, 1000 + random.nextInt(8), 80);
                case 1 -> key.setIpv4(random.nextInt(), random.nextInt(), 17, random.nextInt(65536), random.nextInt(65536));
                case 2 -> key.setIpv6(0, random.nextInt(16), 0, random.nextInt(4), 6, 1000 + random.nextInt(8), 80);
                default -> key.setIpv6(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong(), 17,
                        random.nextInt(65536), random.nextInt(65536));
            }
            if (seen.add(key)) {
                pool.add(key);
            }
        }
        return pool;
    }

    @Test
    void randomisedOperationsAgreeWithAHashMapModel() {
        for (int capacity : new int[] {1, 2, 7, 64, 1000}) {
            SplittableRandom random = new SplittableRandom(capacity * 31L);
            List<FlowKey> pool = keyPool(capacity * 3 + 5, random);
            FlowTable table = new FlowTable(capacity, random.nextLong());
            Map<FlowKey, Integer> model = new HashMap<>();
            int[] owner = new int[capacity];
            long expectedFull = 0;
            FlowKey readBack = new FlowKey();
            for (int op = 0; op < 40_000; op++) {
                int which = random.nextInt(pool.size());
                FlowKey key = pool.get(which);
                int action = random.nextInt(10);
                if (action < 4) {
                    int entry = table.insert(key, op, SECOND);
                    Integer known = model.get(key);
                    if (known != null) {
                        assertThat(entry).isEqualTo(known);
                        assertThat(table.lastInsertCreated()).isFalse();
                    } else if (model.size() == capacity) {
                        assertThat(entry).isEqualTo(-1);
                        assertThat(table.lastInsertCreated()).isFalse();
                        expectedFull++;
                    } else {
                        assertThat(entry).isBetween(0, capacity - 1);
                        assertThat(model.containsValue(entry)).as("entry %d handed out twice", entry).isFalse();
                        assertThat(table.lastInsertCreated()).isTrue();
                        model.put(new FlowKey().copyFrom(key), entry);
                        owner[entry] = which;
                    }
                } else if (action < 7) {
                    Integer known = model.get(key);
                    int entry = table.lookup(key);
                    assertThat(entry).isEqualTo(known == null ? -1 : known);
                    if (known != null) {
                        assertThat(owner[entry]).isEqualTo(which);
                        assertThat(table.key(entry, readBack)).isEqualTo(key);
                    }
                } else {
                    Integer known = model.remove(key);
                    assertThat(table.remove(key)).isEqualTo(known == null ? -1 : known);
                    if (known != null) {
                        assertThat(table.isLive(known)).isFalse();
                    }
                }
                assertThat(table.size()).isEqualTo(model.size());
            }
            assertThat(table.tableFullCount()).isEqualTo(expectedFull);
            for (Map.Entry<FlowKey, Integer> e : model.entrySet()) {
                assertThat(table.lookup(e.getKey())).isEqualTo(e.getValue());
            }
            for (FlowKey key : pool) {
                if (!model.containsKey(key)) {
                    assertThat(table.lookup(key)).isEqualTo(-1);
                }
            }
        }
    }

    @Test
    void deletionsInsideLongProbeRunsKeepEveryOtherKeyReachable() {
        // All keys collide into few home slots when the table is tiny: backward shift must move
        // the right entries, including across the wrap-around at the end of the slot array.
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 500; round++) {
            FlowTable table = new FlowTable(8, random.nextLong());
            List<FlowKey> keys = keyPool(8, random);
            for (FlowKey key : keys) {
                assertThat(table.insert(key, 0, SECOND)).isNotNegative();
            }
            List<FlowKey> remaining = new ArrayList<>(keys);
            while (!remaining.isEmpty()) {
                FlowKey gone = remaining.remove(random.nextInt(remaining.size()));
                assertThat(table.remove(gone)).isNotNegative();
                assertThat(table.lookup(gone)).isEqualTo(-1);
                for (FlowKey key : remaining) {
                    assertThat(table.lookup(key)).as("after removing %s", gone).isNotNegative();
                }
            }
            assertThat(table.size()).isZero();
        }
    }

    @Test
    void aFullTableRefusesAndCountsThenRecovers() {
        FlowTable table = new FlowTable(16, 42);
        List<FlowKey> keys = keyPool(17, new SplittableRandom(5));
        for (int i = 0; i < 16; i++) {
            assertThat(table.insert(keys.get(i), 0, SECOND)).isNotNegative();
        }
        assertThat(table.insert(keys.get(16), 0, SECOND)).isEqualTo(-1);
        assertThat(table.insert(keys.get(16), 0, SECOND)).isEqualTo(-1);
        assertThat(table.tableFullCount()).isEqualTo(2);
        assertThat(table.insert(keys.get(3), 5, SECOND)).isNotNegative();
        assertThat(table.tableFullCount()).isEqualTo(2);
        int freed = table.remove(keys.get(0));
        assertThat(table.insert(keys.get(16), 0, SECOND)).isEqualTo(freed);
        assertThat(table.size()).isEqualTo(16);
        table.clear();
        assertThat(table.size()).isZero();
        assertThat(table.lookup(keys.get(5))).isEqualTo(-1);
    }

    @Test
    void expiryHonoursPerEntryTimeoutsAndTheWorkBudget() {
        FlowTable table = new FlowTable(10, 7);
        List<FlowKey> keys = keyPool(10, new SplittableRandom(11));
        List<Integer> expired = new ArrayList<>();
        FlowKey inListener = new FlowKey();
        List<FlowKey> expiredKeys = new ArrayList<>();
        table.expiryListener(entry -> {
            expired.add(entry);
            expiredKeys.add(new FlowKey().copyFrom(table.key(entry, inListener)));
        });
        int[] entries = new int[10];
        for (int i = 0; i < 10; i++) {
            entries[i] = table.insert(keys.get(i), 0, i < 5 ? SECOND : 10 * SECOND);
        }
        table.touch(entries[0], 2 * SECOND);
        table.timeout(entries[1], 100 * SECOND);
        assertThat(table.timeout(entries[1])).isEqualTo(100 * SECOND);
        assertThat(table.lastSeen(entries[0])).isEqualTo(2 * SECOND);

        long now = 2 * SECOND + 1;
        int removed = 0;
        for (int call = 0; call < 4; call++) {
            int n = table.expire(now, 3);
            assertThat(n).isLessThanOrEqualTo(3);
            removed += n;
        }
        // Entries 2, 3, 4: idle 2 s against 1 s. Entry 0 was touched, entry 1 given 100 s.
        assertThat(removed).isEqualTo(3);
        assertThat(expiredKeys).containsExactlyInAnyOrder(keys.get(2), keys.get(3), keys.get(4));
        assertThat(expired).containsExactlyInAnyOrder(entries[2], entries[3], entries[4]);
        assertThat(table.expiredCount()).isEqualTo(3);
        assertThat(table.lookup(keys.get(2))).isEqualTo(-1);
        assertThat(table.lookup(keys.get(0))).isEqualTo(entries[0]);

        // At 10 s only entry 0 (seen at 2 s, 1 s timeout) goes: for entries 5..9 an idle time
        // equal to their timeout is not yet expiry; one nanosecond more is.
        assertThat(table.expire(10 * SECOND, 10)).isEqualTo(1);
        assertThat(table.lookup(keys.get(0))).isEqualTo(-1);
        assertThat(table.expire(10 * SECOND + 1, 10)).isEqualTo(5);
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.lookup(keys.get(1))).isEqualTo(entries[1]);
        assertThat(table.expire(Long.MAX_VALUE, 0)).isZero();
    }

    @Test
    void expiryWorksAcrossNanoTimeWrapAround() {
        FlowTable table = new FlowTable(4, 1);
        FlowKey key = new FlowKey().setIpv4(1, 2, 6, 3, 4);
        long start = Long.MAX_VALUE - SECOND / 2;
        int entry = table.insert(key, start, SECOND);
        assertThat(table.expire(start + SECOND / 2 + SECOND / 4, 4)).isZero();
        assertThat(table.isLive(entry)).isTrue();
        assertThat(table.expire(start + 2 * SECOND, 4)).isEqualTo(1);
        assertThat(table.isLive(entry)).isFalse();
    }

    @Test
    void entryIndicesStayStableWhileOthersComeAndGo() {
        SplittableRandom random = new SplittableRandom(17);
        FlowTable table = new FlowTable(256, 99);
        List<FlowKey> pool = keyPool(2000, random);
        FlowKey pinned = pool.get(0);
        int pinnedEntry = table.insert(pinned, 0, Long.MAX_VALUE);
        for (int i = 0; i < 100_000; i++) {
            FlowKey key = pool.get(1 + random.nextInt(pool.size() - 1));
            if (random.nextBoolean()) {
                table.insert(key, 0, SECOND);
            } else {
                table.remove(key);
            }
            if ((i & 1023) == 0) {
                assertThat(table.lookup(pinned)).isEqualTo(pinnedEntry);
            }
        }
        assertThat(table.lookup(pinned)).isEqualTo(pinnedEntry);
    }

    @Test
    void walksLiveEntries() {
        FlowTable table = new FlowTable(50, 3);
        List<FlowKey> keys = keyPool(30, new SplittableRandom(23));
        Set<Integer> live = new HashSet<>();
        for (FlowKey key : keys) {
            live.add(table.insert(key, 0, SECOND));
        }
        for (int i = 0; i < 30; i += 3) {
            live.remove(table.remove(keys.get(i)));
        }
        Set<Integer> walked = new HashSet<>();
        for (int e = table.nextLive(0); e >= 0; e = table.nextLive(e + 1)) {
            assertThat(walked.add(e)).isTrue();
        }
        assertThat(walked).isEqualTo(live);
        assertThat(table.nextLive(-5)).isEqualTo(table.nextLive(0));
        assertThat(table.nextLive(50)).isEqualTo(-1);
    }

    @Test
    void capacityIsValidated() {
        assertThatThrownBy(() -> new FlowTable(0)).hasMessageContaining("capacity 0 is outside [1, ");
        assertThatThrownBy(() -> new FlowTable(FlowTable.MAX_CAPACITY + 1)).hasMessageContaining("is outside");
        assertThat(new FlowTable(1000).capacity()).isEqualTo(1000);
        FlowTable table = new FlowTable(3, 1);
        table.removeEntry(-1);
        table.removeEntry(3);
        table.removeEntry(1);
        assertThat(table.size()).isZero();
        assertThat(table.isLive(7)).isFalse();
    }
}
