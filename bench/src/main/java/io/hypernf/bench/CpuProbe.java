package io.hypernf.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Nanoseconds of CPU per packet of a benchmark case, measured with the thread's own CPU clock
 * ({@link ThreadMXBean#getCurrentThreadCpuTime}) next to wall time. On a shared machine the
 * benchmark thread may get a third of a core and the wall-clock Mpps of JMH then moves by 2×
 * between runs; CPU time per packet is much steadier, so this is the figure to compare code
 * changes by. Not a JMH benchmark: a plain loop of the benchmark's {@code forward()} after a
 * warm-up round, each round on a freshly set-up case.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.hypernf.bench.CpuProbe WHAT BATCH [SECONDS] [ROUNDS]
 *   WHAT: ring-loop (RingMacSwapBenchmark), ring or inproc (RuntimeMacSwapBenchmark's ports),
 *         firewall-1000, firewall-10000 (FirewallBenchmark), nat (NatBenchmark),
 *         lb-ipip, lb-gre, lb-full-nat (LoadBalancerBenchmark)
 * </pre>
 * Prints one line per round and the best round last ({@code best ns/packet}): the round least
 * disturbed by other processes.
 */
public final class CpuProbe {
    private CpuProbe() {}

    /** One set-up benchmark: its measured operation moves {@link InprocHarness#PACKETS_PER_OP} packets. */
    private interface Case extends AutoCloseable {
        int forward();

        @Override
        void close();
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: CpuProbe ring-loop|ring|inproc|firewall-1000|firewall-10000|nat|lb-ipip|lb-gre|lb-full-nat BATCH [SECONDS] [ROUNDS]");
            System.exit(2);
        }
        String what = args[0];
        int batch = Integer.parseInt(args[1]);
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        for (int round = 0; round <= rounds; round++) {
            long invocations = 0;
            long cpu;
            long wall;
            try (Case c = open(what, batch)) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long wallStart = System.nanoTime();
                while (System.nanoTime() - wallStart < seconds * 1e9) {
                    for (int i = 0; i < 100; i++) {
                        c.forward();
                    }
                    invocations += 100;
                }
                cpu = threads.getCurrentThreadCpuTime() - cpuStart;
                wall = System.nanoTime() - wallStart;
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

    private static Case open(String what, int batch) {
        if (what.equals("ring-loop")) {
            RingMacSwapBenchmark b = new RingMacSwapBenchmark();
            b.batch = batch;
            b.setUp();
            return new Case() {
                @Override public int forward() { return b.forward(); }
                @Override public void close() { b.tearDown(); }
            };
        }
        if (what.equals("ring") || what.equals("inproc")) {
            RuntimeMacSwapBenchmark b = new RuntimeMacSwapBenchmark();
            b.batch = batch;
            b.ports = what;
            b.setUp();
            return new Case() {
                @Override public int forward() { return b.forward(); }
                @Override public void close() { b.tearDown(); }
            };
        }
        if (what.startsWith("firewall-")) {
            FirewallBenchmark b = new FirewallBenchmark();
            b.batch = batch;
            b.rules = Integer.parseInt(what.substring("firewall-".length()));
            b.setUp();
            return new Case() {
                @Override public int forward() { return b.forward(); }
                @Override public void close() { b.tearDown(); }
            };
        }
        if (what.equals("nat")) {
            NatBenchmark b = new NatBenchmark();
            b.batch = batch;
            b.mappings = 100_000;
            b.setUp();
            return new Case() {
                @Override public int forward() { return b.forward(); }
                @Override public void close() { b.tearDown(); }
            };
        }
        if (what.startsWith("lb-")) {
            LoadBalancerBenchmark b = new LoadBalancerBenchmark();
            b.batch = batch;
            b.mode = what.substring("lb-".length());
            b.backends = 100;
            b.flows = 100_000;
            b.setUp();
            return new Case() {
                @Override public int forward() { return b.forward(); }
                @Override
                public void close() {
                    try {
                        b.tearDown();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            };
        }
        throw new IllegalArgumentException("unknown case '" + what + "'");
    }
}
