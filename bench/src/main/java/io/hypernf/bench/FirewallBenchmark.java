package io.hypernf.bench;

import io.hypernf.nf.firewall.Firewall;
import io.hypernf.nf.firewall.FirewallConfig;
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
 * The example firewall in the SDK runtime ({@link InprocHarness}) with {@code rules} rules:
 * {@code rules - 1} drop rules that the traffic never matches, spread over six shapes of source
 * and destination prefix and port (so the tuple-space classifier has several tuples to search),
 * then {@code accept out proto udp from 10.0.0.0/8 no state}. The traffic is {@link #FLOWS} UDP
 * flows from the inside; {@code no state} makes every packet go through rule classification
 * rather than the connection table, so the figure is the classifier's at that rule count.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class FirewallBenchmark {
    static final int FLOWS = 1024;

    @Param({"1", "8", "32", "256"})
    public int batch;

    @Param({"1000", "10000"})
    public int rules;

    private InprocHarness harness;
    private TrafficFrames frames;
    private Firewall firewall;

    @Setup(Level.Trial)
    public void setUp() {
        firewall = new Firewall("firewall", FirewallConfig.defaults().withRules(rules(rules)));
        frames = new TrafficFrames(FLOWS);
        for (int i = 0; i < FLOWS; i++) {
            frames.udp(i, 0x0a_00_00_00 | (i + 1), 1024 + i, 0xcb_00_71_00 | (i & 0xff), 53);
        }
        harness = new InprocHarness("firewall", firewall, batch, frames);
    }

    /** {@code count - 1} non-matching drop rules of six shapes, then the accept rule. */
    static List<String> rules(int count) {
        List<String> list = new ArrayList<>(count);
        for (int i = 0; i < count - 1; i++) {
            int a = i >>> 8 & 0xff;
            int b = i & 0xff;
            int port = 1000 + i % 5000;
            list.add(switch (i % 6) {
                case 0 -> "drop out proto udp from 172.16." + a + "." + b + " to 198.51.100.0/24 port " + port;
                case 1 -> "drop out proto udp from 172.17." + a + ".0/24 to 198.51." + b + ".0/24";
                case 2 -> "drop out proto tcp from 172." + (18 + a % 8) + ".0.0/16 to any port " + port;
                case 3 -> "drop out proto udp to 192.168." + a + "." + b + " port " + port;
                case 4 -> "drop in proto udp from 198.18." + a + "." + b + " to 10.0.0.0/8";
                default -> "drop out proto tcp from 172.20." + a + "." + b + " port " + port + " to 198.19." + a + ".0/24";
            });
        }
        list.add("accept out proto udp from 10.0.0.0/8 no state");
        return list;
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

    Firewall firewall() { return firewall; }
}
