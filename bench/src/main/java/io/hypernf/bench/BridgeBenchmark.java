package io.hypernf.bench;

import io.hypernf.nf.bridge.Bridge;
import io.hypernf.nf.bridge.BridgeConfig;
import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.ring.NetmapRing;
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
 * The example learning bridge in the SDK runtime ({@link InprocHarness}), two ports, forwarding
 * known unicast: in the set-up the consumer's side sends one frame from the traffic's destination
 * MAC, so the bridge learns that station on port 1; every measured frame is then a source lookup
 * (refresh) and a destination lookup that finds port 1 (IEEE 802.1D learning and forwarding).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class BridgeBenchmark {
    @Param({"1", "8", "32", "256"})
    public int batch;

    private InprocHarness harness;
    private TrafficFrames frames;
    private Bridge bridge;

    @Setup(Level.Trial)
    public void setUp() {
        bridge = new Bridge("bridge", BridgeConfig.defaults());
        frames = new TrafficFrames(1);
        frames.udp(0, 0x0a_00_00_01, 1024, 0x0a_00_00_02, 53);
        harness = new InprocHarness("bridge", bridge, batch, frames);
        teachDestination();
        harness.invoke();
        if (bridge.portOf(TrafficFrames.DESTINATION_MAC, System.nanoTime()) != 1) {
            throw new IllegalStateException("bridge: the destination station was not learned on port 1 in the set-up");
        }
    }

    /** One frame from the destination station into the bridge's port 1, through the consumer's TX ring. */
    private void teachDestination() {
        Port sink = harness.sink();
        NetmapRing tx = sink.txRing(0);
        int head = tx.head();
        long address = harness.region().bufferAddress(tx.bufIdx(head));
        frames.copyNext(address);
        TrafficFrames.writeMacs(address, TrafficFrames.SOURCE_MAC, TrafficFrames.DESTINATION_MAC);
        tx.len(head, TrafficFrames.FRAME_LENGTH);
        head = tx.next(head);
        tx.head(head);
        tx.cur(head);
        sink.txSync();
        harness.runtime().runOnce();
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

    Bridge bridge() { return bridge; }
}
