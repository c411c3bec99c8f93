package io.hypernf.bench;

import io.hypernf.nf.forward.ForwardConfig;
import io.hypernf.nf.forward.ForwardNf;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * MAC-swap forwarding through the SDK: the example forward NF in {@code mac-swap} mode, run by
 * {@link io.hypernf.sdk.nf.NfRuntime} between in-process ports ({@link InprocHarness}). Compared
 * with {@link RingMacSwapBenchmark}, the difference is the price of the runtime (batches, verdicts,
 * counters, {@code ByteBuf} access) and of the in-process ports' syncs on both sides.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class RuntimeMacSwapBenchmark {
    @Param({"1", "8", "32", "256"})
    public int batch;

    private InprocHarness harness;

    @Setup(Level.Trial)
    public void setUp() {
        harness = new InprocHarness("macswap", new ForwardNf("macswap", new ForwardConfig(true, false)), batch, null);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        harness.close();
    }

    @Benchmark
    @OperationsPerInvocation(InprocHarness.PACKETS_PER_OP)
    public int forward() {
        return harness.invoke();
    }

    InprocHarness harness() { return harness; }
}
