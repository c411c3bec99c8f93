package io.hypernf.nf.lb;

import io.hypernf.nf.forward.ForwardConfig;
import io.hypernf.nf.forward.ForwardNf;
import io.hypernf.sdk.nf.ManualBatch;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What balancing a batch of 64 TCP packets of 4096 tracked connections costs, per mode, against
 * the forward NF on the same frames (the baseline: same batch refill, no parsing). Every
 * invocation refills the batch from the original frames, since the LB rewrites them in place.
 * Report figures as the ratio lb / baseline from one run. Run after {@code mvn -q install -DskipTests}:
 * <pre>
 * mvn -q -pl nf-examples dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp "$(cat /tmp/cp.txt):nf-examples/target/test-classes:nf-examples/target/classes" io.hypernf.nf.lb.LbBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class LbBenchmark {
    private static final int BATCH = 64;
    private static final int FLOWS = 4096;

    @Param({"full-nat", "ipip", "gre"})
    public String mode;

    private LoadBalancer lb;
    private ForwardNf forward;
    private byte[][][] batches;
    private ManualBatch batch;
    private int next;
    private long now;

    @Setup
    public void setUp() {
        List<Backend> backends = new java.util.ArrayList<>();
        for (int i = 1; i <= 16; i++) {
            backends.add(new Backend(0x0A010000 + i, 0, 1 + i % 3, 0x02_00_00_00_B0_00L + i, BackendState.UP));
        }
        LbConfig config = LbConfig.of(ForwardingMode.byConfigName(mode), 0x0A000001,
                List.of(new VirtualService("web", 0x0A00000A, 80, 6, backends)));
        lb = new LoadBalancer("lb", config, new BackendRegistry(config), null);
        forward = new ForwardNf("fwd", new ForwardConfig(false, false));
        batches = new byte[FLOWS / BATCH][BATCH][];
        for (int f = 0; f < FLOWS; f++) {
            batches[f / BATCH][f % BATCH] = LbFrames.tcp(0xC6120000 + f / 16, 0x0A00000A, 30000 + f % 16, 80, 0x10, new byte[6]);
        }
        batch = new ManualBatch(256);
        for (byte[][] frames : batches) {
            lb.process(batch.reset(LoadBalancer.CLIENT, 0, frames));
        }
    }

    @Benchmark
    public int baselineForward() {
        byte[][] frames = batches[next++ & (batches.length - 1)];
        forward.process(batch.reset(0, now++, frames));
        return batch.verdict(0);
    }

    @Benchmark
    public int loadBalancer() {
        byte[][] frames = batches[next++ & (batches.length - 1)];
        lb.process(batch.reset(LoadBalancer.CLIENT, now++, frames));
        return batch.verdict(0);
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(LbBenchmark.class.getSimpleName()).build()).run();
    }
}
