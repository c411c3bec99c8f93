package io.hypernf.nf.bridge;

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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The bridge's cost per batch of 64 known-unicast 60-byte frames among 512 stations on 4 ports,
 * against the forward NF on the same batch (baseline). Report the ratio from one run. Run as
 * {@link io.hypernf.nf.lb.LbBenchmark} says, with this class name.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class BridgeBenchmark {
    private static final int STATIONS = 512;

    private Bridge bridge;
    private ForwardNf forward;
    private ManualBatch batch;
    private long now;

    @Setup
    public void setUp() {
        bridge = new Bridge("br", BridgeConfig.defaults().withPorts(List.of("a", "b", "c", "d")));
        forward = new ForwardNf("fwd", new ForwardConfig(false, false));
        batch = new ManualBatch(128);
        for (int s = 0; s < STATIONS; s++) {
            bridge.process(batch.reset(s & 3, 0, BridgeTest.frame(BridgeTest.BROADCAST, 0x02_00_00_01_00_00L + s)));
        }
        byte[][] frames = new byte[64][];
        for (int i = 0; i < frames.length; i++) {
            // Sources are stations of port 0, destinations stations of ports 1..3: all known unicast.
            frames[i] = BridgeTest.frame(0x02_00_00_01_00_00L + 4 * i + 1 + i % 3, 0x02_00_00_01_00_00L + 4 * i);
        }
        batch.reset(0, 0, frames);
    }

    @Benchmark
    public int baselineForward() {
        forward.process(batch.rearm(0, now++));
        return batch.verdict(0);
    }

    @Benchmark
    public int bridge() {
        bridge.process(batch.rearm(0, now++));
        return batch.verdict(0);
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(BridgeBenchmark.class.getSimpleName()).build()).run();
    }
}
