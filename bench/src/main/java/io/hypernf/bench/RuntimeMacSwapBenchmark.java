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
 * {@link io.hypernf.sdk.nf.NfRuntime}, on
 * <ul>
 *   <li>{@code ports=ring}: the C loop's rings ({@link BareRingHarness}: one RX and one TX ring,
 *       producer and consumer as in {@code bench/c-ref/macswap.c}). Against the C loop and
 *       {@link RingMacSwapBenchmark}, the difference is the price of the runtime (batches,
 *       verdicts, counters, the NF's frame access) and nothing else;</li>
 *   <li>{@code ports=inproc}: in-process ports of one group ({@link InprocHarness}): the same plus
 *       the in-process ports' syncs on both sides (two more buffer swaps per packet).</li>
 * </ul>
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

    @Param({"ring", "inproc"})
    public String ports;

    private BareRingHarness ring;
    private InprocHarness inproc;

    @Setup(Level.Trial)
    public void setUp() {
        ForwardNf nf = new ForwardNf("macswap", new ForwardConfig(true, false));
        switch (ports) {
            case "ring" -> ring = new BareRingHarness(nf, batch, null);
            case "inproc" -> inproc = new InprocHarness("macswap", nf, batch, null);
            default -> throw new IllegalArgumentException("ports '" + ports + "': expected ring or inproc");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (ring != null) {
            ring.close();
        }
        if (inproc != null) {
            inproc.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(InprocHarness.PACKETS_PER_OP)
    public int forward() {
        return ring != null ? ring.invoke() : inproc.invoke();
    }

    BareRingHarness ringHarness() { return ring; }
    InprocHarness harness() { return inproc; }
}
