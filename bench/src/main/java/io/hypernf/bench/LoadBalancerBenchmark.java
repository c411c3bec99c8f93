package io.hypernf.bench;

import io.hypernf.nf.lb.Backend;
import io.hypernf.nf.lb.BackendRegistry;
import io.hypernf.nf.lb.BackendState;
import io.hypernf.nf.lb.ForwardingMode;
import io.hypernf.nf.lb.LbConfig;
import io.hypernf.nf.lb.LoadBalancer;
import io.hypernf.nf.lb.VirtualService;
import java.util.ArrayList;
import java.util.List;
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
 * The example L4 load balancer in the SDK runtime ({@link InprocHarness}): one UDP service with
 * {@code backends} backends on a Maglev table of the default size (65,537), and {@code flows}
 * client flows, each balanced once in the set-up, so that every measured packet is a tracked
 * connection's lookup plus its rewrite in forwarding {@code mode}: IP-in-IP direct server return
 * (RFC 2003, the frame grows from 64 to 84 bytes), GRE (RFC 2784, to 88 bytes) or full NAT
 * (addresses and ports rewritten in place). The producer writes each frame afresh, since the LB
 * rewrites it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class LoadBalancerBenchmark {
    static final int VIP = 0x0a_00_00_35;
    static final int VIP_PORT = 53;

    @Param({"1", "8", "32", "256"})
    public int batch;

    @Param({"ipip", "gre", "full-nat"})
    public String mode;

    @Param({"100"})
    public int backends;

    @Param({"100000"})
    public int flows;

    private InprocHarness harness;
    private TrafficFrames frames;
    private LoadBalancer lb;

    @Setup(Level.Trial)
    public void setUp() {
        List<Backend> list = new ArrayList<>(backends);
        for (int i = 0; i < backends; i++) {
            list.add(new Backend(0x0a_01_00_00 | (i + 1), VIP_PORT, 1, 0x02_00_00_00_b0_00L | (i + 1), BackendState.UP));
        }
        VirtualService service = new VirtualService("dns", VIP, VIP_PORT, 17, list);
        LbConfig config = LbConfig.of(ForwardingMode.byConfigName(mode), 0x0a_00_00_fe, List.of(service)).withConnections(2 * flows);
        lb = new LoadBalancer("lb", config, new BackendRegistry(config), null);
        frames = new TrafficFrames(flows);
        for (int i = 0; i < flows; i++) {
            frames.udp(i, 0xc6_12_00_00 + i / 50, 1024 + i % 50, VIP, VIP_PORT);
        }
        harness = new InprocHarness("lb", lb, batch, frames);
        int rounds = (flows + InprocHarness.PACKETS_PER_OP - 1) / InprocHarness.PACKETS_PER_OP;
        for (int i = 0; i < rounds; i++) {
            harness.invoke();
        }
        if (lb.trackedConnections() < flows) {
            throw new IllegalStateException("lb: only " + lb.trackedConnections() + " of " + flows + " flows are tracked after the set-up");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws java.io.IOException {
        harness.close();
        lb.close();
        frames.close();
    }

    @Benchmark
    @OperationsPerInvocation(InprocHarness.PACKETS_PER_OP)
    public int forward() {
        return harness.invoke();
    }

    LoadBalancer lb() { return lb; }
}
