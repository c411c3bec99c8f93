package io.hypernf.bench;

import io.hypernf.nf.firewall.FirewallConfig;
import io.hypernf.nf.firewall.PacketFields;
import io.hypernf.nf.firewall.Rule;
import io.hypernf.nf.firewall.RuleClassifier;
import io.hypernf.nf.firewall.RuleParser;
import java.util.List;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rule classification alone, outside the NF: the firewall's tuple-space classifier against the
 * linear first-match scan it replaces (the baseline), on the same rules and packets in one run;
 * the figure is their ratio per rule count. The rules are {@link FirewallBenchmark#rules}. Half
 * the packets are that benchmark's traffic, outbound UDP from 10.0.0.0/8, which only the last
 * rule matches (the scan's worst case); half have random addresses, ports and direction and
 * mostly match nothing. The score counts classifications, not forwarded packets (no batch).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class RuleClassifierBenchmark {
    static final int PACKETS = 1024;

    @Param({"1000", "10000"})
    public int rules;

    @Param({"tuple-space", "linear-scan"})
    public String method;

    private RuleClassifier classifier;
    private Rule[] ruleArray;
    private boolean linear;
    private final PacketFields[] packets = new PacketFields[PACKETS];

    @Setup(Level.Trial)
    public void setUp() {
        List<Rule> list = new RuleParser(FirewallConfig.defaults().ports()).parse("bench", FirewallBenchmark.rules(rules));
        classifier = new RuleClassifier(list);
        ruleArray = list.toArray(new Rule[0]);
        linear = switch (method) {
            case "tuple-space" -> false;
            case "linear-scan" -> true;
            default -> throw new IllegalArgumentException("method '" + method + "': accepted: tuple-space, linear-scan");
        };
        SplittableRandom random = new SplittableRandom(20261125L);
        for (int i = 0; i < PACKETS; i++) {
            PacketFields p = new PacketFields();
            boolean traffic = i % 2 == 0;
            p.family = 4;
            p.ipv4Source(traffic ? 0x0a_00_00_00 | random.nextInt(1 << 24) : random.nextInt());
            p.ipv4Destination(random.nextInt());
            p.protocol = traffic || random.nextBoolean() ? 17 : 6;
            p.hasTransport = true;
            p.srcPort = random.nextInt(1, 65536);
            p.dstPort = random.nextInt(1, 65536);
            p.tcpFlags = 0x02;
            p.inputPort = traffic ? 0 : random.nextInt(2);
            p.direction = p.inputPort == 0 ? PacketFields.DIRECTION_OUT : PacketFields.DIRECTION_IN;
            packets[i] = p;
            if (classifier.classify(p) != linearScan(p)) {
                throw new IllegalStateException("classifier and linear scan disagree on packet " + i);
            }
        }
    }

    /** The baseline: every rule in order, first match wins. */
    int linearScan(PacketFields packet) {
        for (int i = 0; i < ruleArray.length; i++) {
            if (ruleArray[i].matches(packet)) {
                return i;
            }
        }
        return RuleClassifier.NO_MATCH;
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public int classify() {
        int sum = 0;
        for (PacketFields packet : packets) {
            sum += linear ? linearScan(packet) : classifier.classify(packet);
        }
        return sum;
    }

    /** How many packets the last rule (the accept) matches, for the smoke test. */
    int matchedByLastRule() {
        int n = 0;
        for (PacketFields packet : packets) {
            n += classifier.classify(packet) == ruleArray.length - 1 ? 1 : 0;
        }
        return n;
    }
}
