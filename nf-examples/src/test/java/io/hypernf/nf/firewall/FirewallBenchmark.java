package io.hypernf.nf.firewall;

import io.hypernf.sdk.nf.Packet;
import io.hypernf.sdk.nf.PacketBatch;
import io.netty.buffer.ByteBuf;
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

    /**
     * The whole NF per packet, same rule sets (plus a first rule {@code accept out}): 64-packet
     * batches of inbound TCP SYNs between random hosts of 10.0.0.0/8 (parse, connection lookup
     * miss, classification, a verdict — mostly the default drop; the few a rule accepts are
     * tracked from then on), and of packets of established
     * connections (parse, one connection lookup, forward). Frames are never modified by these
     * verdicts, so the same buffers are replayed without copying.
     */
    @State(Scope.Thread)
    public static class Nf {
        @Param({"1000", "10000"})
        public int rules;

        Firewall firewall;
        final Packet[] unmatched = new Packet[64];
        final Packet[] established = new Packet[64];
        final ByteBuf[] unmatchedBuffers = new ByteBuf[64];
        final ByteBuf[] establishedBuffers = new ByteBuf[64];
        final int[] unmatchedLengths = new int[64];
        final int[] establishedLengths = new int[64];
        final ReplayBatch batch = new ReplayBatch();

        @Setup
        public void setUp() {
            List<Rule> ruleList = RandomRules.acl(20261125L).rules(rules);
            java.util.SplittableRandom random = new java.util.SplittableRandom(7);
            for (int i = 0; i < 64; i++) {
                String source = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
                String destination = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
                byte[] syn = TestFrames.tcp4(TestFrames.OUTSIDE_MAC, TestFrames.INSIDE_MAC, source, destination,
                        random.nextInt(1024, 65536), random.nextInt(1, 65536), 0x02, 1, 0, 0);
                unmatchedBuffers[i] = io.netty.buffer.Unpooled.wrappedBuffer(java.util.Arrays.copyOf(syn, 2048));
                unmatchedLengths[i] = syn.length;
                unmatched[i] = new Packet();
                byte[] data = TestFrames.tcp4(TestFrames.INSIDE_MAC, TestFrames.OUTSIDE_MAC, "10.0.0.1", "192.0.2.10", 20000 + i, 80,
                        0x10, 2, 2, 100);
                establishedBuffers[i] = io.netty.buffer.Unpooled.wrappedBuffer(java.util.Arrays.copyOf(data, 2048));
                establishedLengths[i] = data.length;
                established[i] = new Packet();
            }
            // Loose, so that the first pass over the established packets (mid-stream ACKs) opens their connections.
            FirewallConfig loose = FirewallConfig.defaults().withStrict(false).withConntrackSize(4096);
            firewall = new Firewall("bench", loose, withAcceptOut(ruleList));
            batch.fill(established, establishedBuffers, establishedLengths, 0);
            firewall.process(batch);
        }

        /** The random rules behind one rule that lets the inside open connections, so the established set can be set up. */
        private static List<Rule> withAcceptOut(List<Rule> ruleList) {
            List<Rule> all = new java.util.ArrayList<>(new RuleParser(RandomRules.PORTS).parse("bench", List.of("accept out")));
            all.addAll(ruleList);
            return all;
        }
    }

    /** A batch replaying fixed packets: nothing is allocated or copied per invocation. */
    static final class ReplayBatch implements PacketBatch {
        private Packet[] packets;
        private int inputPort;
        private long now;

        void fill(Packet[] holders, ByteBuf[] buffers, int[] lengths, int port) {
            packets = holders;
            inputPort = port;
            now += 1_000;
            for (int i = 0; i < holders.length; i++) {
                holders[i].reset(buffers[i], lengths[i], port);
            }
        }

        @Override public int size() { return packets.length; }
        @Override public Packet packet(int i) { return packets[i]; }
        @Override public int inputPort() { return inputPort; }
        @Override public long nowNanos() { return now; }
        @Override public ByteBuf emit(int port) { return null; }
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public int firewallUnmatchedSyns(Nf nf) {
        nf.batch.fill(nf.unmatched, nf.unmatchedBuffers, nf.unmatchedLengths, 1);
        nf.firewall.process(nf.batch);
        return nf.batch.packet(63).verdict();
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public int firewallEstablished(Nf nf) {
        nf.batch.fill(nf.established, nf.establishedBuffers, nf.establishedLengths, 0);
        nf.firewall.process(nf.batch);
        return nf.batch.packet(63).verdict();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(FirewallBenchmark.class.getSimpleName()).build()).run();
    }
}
