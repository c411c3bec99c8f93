package io.hypernf.nf.firewall;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Rule classification cost: the tuple-space classifier against the linear scan it replaces, on
 * the same random rule sets and packets (half aimed at a random rule, half anywhere), in one run.
 * The figure that matters is the ratio of the two per rule-set size.
 *
 * <p>Run: {@code mvn -q -pl nf-examples -am test-compile} then
 * {@code java -cp "$(cat nf-examples/target/bench.cp):nf-examples/target/test-classes:nf-examples/target/classes:sdk/target/classes"
 * io.hypernf.nf.firewall.FirewallBenchmark}, where {@code bench.cp} comes from
 * {@code mvn -q -pl nf-examples dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FirewallBenchmark {
    private static final int PACKETS = 1024;

    @Param({"1000", "10000"})
    public int rules;

    private RuleClassifier classifier;
    private LinearClassifier linear;
    private final PacketFields[] packets = new PacketFields[PACKETS];

    @Setup
    public void setUp() {
        RandomRules random = RandomRules.acl(20261125L);
        List<Rule> ruleList = random.rules(rules);
        classifier = new RuleClassifier(ruleList);
        linear = new LinearClassifier(ruleList);
        for (int i = 0; i < PACKETS; i++) {
            packets[i] = new PacketFields();
            random.packet(ruleList, packets[i]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public int tupleSpace() {
        int sum = 0;
        for (PacketFields packet : packets) {
            sum += classifier.classify(packet);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public int linearScan() {
        int sum = 0;
        for (PacketFields packet : packets) {
            sum += linear.classify(packet);
        }
        return sum;
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(FirewallBenchmark.class.getSimpleName()).build()).run();
    }
}
