package io.hypernf.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Nanoseconds of CPU per packet of the MAC-swap benchmarks, measured with the thread's own CPU
 * clock ({@link ThreadMXBean#getCurrentThreadCpuTime}) next to wall time. On a shared machine the
 * benchmark thread may get a third of a core and the wall-clock Mpps of JMH then moves by 2×
 * between runs; CPU time per packet is much steadier, so this is the figure to compare code
 * changes by. Not a JMH benchmark: a plain loop of {@code forward()} calls after a warm-up round.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.hypernf.bench.CpuProbe WHAT BATCH [SECONDS] [ROUNDS]
 *   WHAT: ring-loop (RingMacSwapBenchmark), ring or inproc (RuntimeMacSwapBenchmark's ports)
 * </pre>
 * Prints one line per round and the best round last ({@code best ns/packet}): the round least
 * disturbed by other processes.
 */
public final class CpuProbe {
    private CpuProbe() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: CpuProbe ring-loop|ring|inproc BATCH [SECONDS] [ROUNDS]");
            System.exit(2);
        }
        String what = args[0];
        int batch = Integer.parseInt(args[1]);
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        for (int round = 0; round <= rounds; round++) {
            RingMacSwapBenchmark ringLoop = null;
            RuntimeMacSwapBenchmark runtime = null;
            if (what.equals("ring-loop")) {
                ringLoop = new RingMacSwapBenchmark();
                ringLoop.batch = batch;
                ringLoop.setUp();
            } else {
                runtime = new RuntimeMacSwapBenchmark();
                runtime.batch = batch;
                runtime.ports = what;
                runtime.setUp();
            }
            long invocations = 0;
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            while (System.nanoTime() - wallStart < seconds * 1e9) {
                for (int i = 0; i < 100; i++) {
                    if (ringLoop != null) {
                        ringLoop.forward();
                    } else {
                        runtime.forward();
                    }
                }
                invocations += 100;
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            long wall = System.nanoTime() - wallStart;
            if (ringLoop != null) {
                ringLoop.tearDown();
            } else {
                runtime.tearDown();
            }
            double packets = invocations * (double) InprocHarness.PACKETS_PER_OP;
            double nsPerPacket = cpu / packets;
            if (round == 0) {
                continue;
            }
            best = Math.min(best, nsPerPacket);
            System.out.printf(Locale.ROOT, "%s batch %d round %d: %.2f ns CPU/packet (%.1f Mpps per CPU-second), wall %.1f Mpps, CPU share %.0f%%%n",
                    what, batch, round, nsPerPacket, 1e3 / nsPerPacket, packets / wall * 1e3, 100.0 * cpu / wall);
        }
        System.out.printf(Locale.ROOT, "%s batch %d best %.2f ns/packet%n", what, batch, best);
    }
}
