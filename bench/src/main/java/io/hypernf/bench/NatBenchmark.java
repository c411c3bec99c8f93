package io.hypernf.bench;

import io.hypernf.nf.nat.Nat;
import io.hypernf.nf.nat.NatConfig;
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
 * The example NAT44 in the SDK runtime ({@link InprocHarness}) with {@code mappings} active
 * mappings: as many UDP flows from distinct inside addresses and ports, all translated once in
 * the set-up, then sent round robin, so every measured packet is an inside-to-outside
 * translation through an existing mapping and session (RFC 4787 endpoint-independent mapping,
 * the NAT's default). The producer writes each frame afresh, since the NAT rewrites it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class NatBenchmark {
    @Param({"1", "8", "32", "256"})
    public int batch;

    @Param({"100000"})
    public int mappings;

    private InprocHarness harness;
    private TrafficFrames frames;
    private Nat nat;

    @Setup(Level.Trial)
    public void setUp() {
        NatConfig config = NatConfig.defaults(NatConfig.pool("203.0.113.0/28")).withMaxSessions(2 * mappings);
        nat = new Nat("nat", config);
        frames = new TrafficFrames(mappings);
        for (int i = 0; i < mappings; i++) {
            int inside = 0x0a_00_00_00 | (i / 50 + 1);
            frames.udp(i, inside, 1024 + i % 50, 0xc6_33_64_00 | (i & 0xff), 53);
        }
        harness = new InprocHarness("nat", nat, batch, frames);
        int rounds = (mappings + InprocHarness.PACKETS_PER_OP - 1) / InprocHarness.PACKETS_PER_OP;
        for (int i = 0; i < rounds; i++) {
            harness.invoke();
        }
        if (nat.mappings() < mappings) {
            throw new IllegalStateException("nat: only " + nat.mappings() + " of " + mappings + " mappings were made in the set-up");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        harness.close();
        frames.close();
    }

    @Benchmark
    @OperationsPerInvocation(InprocHarness.PACKETS_PER_OP)
    public int forward() {
        return harness.invoke();
    }

    Nat nat() { return nat; }
}
