package io.hypernf.sdk.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Lookup cost of {@link FlowTable} against {@code java.util.HashMap<FlowKey, Integer>} (the
 * obvious baseline an NF author would reach for), same keys, same probe sequence, same run: the
 * figure to read is the ratio. Not a test (surefire does not pick it up); run it with
 * {@code mvn -q -pl sdk test-compile} then
 * {@code java -cp "sdk/target/classes:sdk/target/test-classes:$(cat sdk/target/bench.cp)" io.hypernf.sdk.flow.FlowTableBenchmark}
 * where {@code bench.cp} comes from {@code mvn -q -pl sdk dependency:build-classpath -Dmdep.outputFile=target/bench.cp}.
 * A hand-made harness (warm-up rounds, then the median of measured rounds) because the SDK
 * module has no JMH dependency.
 */
public final class FlowTableBenchmark {
    private static final int PROBES = 1 << 20;

    private FlowTableBenchmark() {}

    public static void main(String[] args) {
        for (int flows : new int[] {1_000, 100_000, 1_000_000}) {
            run(flows);
        }
    }

    private static void run(int flows) {
        SplittableRandom random = new SplittableRandom(flows);
        List<FlowKey> keys = new ArrayList<>(flows);
        Set<FlowKey> seen = new HashSet<>();
        while (keys.size() < flows) {
            FlowKey key = random.nextInt(4) == 0
                    ? new FlowKey().setIpv6(0x20010DB800000000L, random.nextLong(), 0x20010DB800000000L, random.nextInt(64), 6, random.nextInt(65536), 443)
                    : new FlowKey().setIpv4(0x0A000000 | random.nextInt(1 << 20), 0xC0000200 | random.nextInt(256), 6, random.nextInt(65536), 80);
            if (seen.add(key)) {
                keys.add(key);
            }
        }
        FlowTable table = new FlowTable(flows, 42);
        Map<FlowKey, Integer> map = new HashMap<>(flows * 2);
        for (FlowKey key : keys) {
            int entry = table.insert(key, 0, Long.MAX_VALUE);
            map.put(key, entry);
        }
        // Probe keys as one flat array read in order, so both sides pay the same streaming cost.
        long[] words = new long[PROBES * 5];
        for (int i = 0; i < PROBES; i++) {
            FlowKey key = keys.get(random.nextInt(flows));
            for (int w = 0; w < 5; w++) {
                words[i * 5 + w] = key.word(w);
            }
        }
        FlowKey probe = new FlowKey();
        long[] tableNanos = new long[7];
        long[] mapNanos = new long[7];
        long check = 0;
        for (int round = 0; round < 10 + tableNanos.length; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < words.length; i += 5) {
                check += table.lookup(probe.setWords(words[i], words[i + 1], words[i + 2], words[i + 3], words[i + 4]));
            }
            long middle = System.nanoTime();
            for (int i = 0; i < words.length; i += 5) {
                check += map.get(probe.setWords(words[i], words[i + 1], words[i + 2], words[i + 3], words[i + 4]));
            }
            long end = System.nanoTime();
            if (round >= 10) {
                tableNanos[round - 10] = middle - start;
                mapNanos[round - 10] = end - middle;
            }
        }
        java.util.Arrays.sort(tableNanos);
        java.util.Arrays.sort(mapNanos);
        double tablePerLookup = (double) tableNanos[tableNanos.length / 2] / PROBES;
        double mapPerLookup = (double) mapNanos[mapNanos.length / 2] / PROBES;
        System.out.printf("%,9d flows: FlowTable %.1f ns/lookup, HashMap %.1f ns/lookup, ratio FlowTable/HashMap %.2f (checksum %d)%n",
                flows, tablePerLookup, mapPerLookup, tablePerLookup / mapPerLookup, check);
    }
}
