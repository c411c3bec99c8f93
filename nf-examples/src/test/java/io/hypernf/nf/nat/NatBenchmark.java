package io.hypernf.nf.nat;

import static io.hypernf.nf.nat.NatFrames.ip;

import io.hypernf.sdk.packet.PacketParser;
import io.hypernf.sdk.packet.ParsedPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
 * Translation cost per packet of established flows (half outbound TCP/UDP, half their inbound
 * replies) against a baseline measured in the same run: copying the same frames into the buffer
 * and parsing them, which every NF does anyway. The figure that matters is the ratio
 * {@code translate / copyAndParse} per number of flows.
 *
 * <p>Run: {@code mvn -q -pl nf-examples -am test-compile} then
 * {@code java -cp "$(cat nf-examples/target/bench.cp):nf-examples/target/test-classes:nf-examples/target/classes:sdk/target/classes"
 * io.hypernf.nf.nat.NatBenchmark}, where {@code bench.cp} comes from
 * {@code mvn -q -pl nf-examples dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NatBenchmark {
    private static final int PACKETS = 1024;

    @Param({"1000", "50000"})
    public int flows;

    private NatDriver nat;
    private final byte[][] frames = new byte[PACKETS][];
    private final int[] ports = new int[PACKETS];
    private final ByteBuf buf = Unpooled.buffer(2048, 2048);
    private final PacketParser parser = new PacketParser();
    private final ParsedPacket parsed = new ParsedPacket();

    @Setup
    public void setUp() {
        nat = new NatDriver(NatConfig.defaults(NatConfig.pool("203.0.113.0/28")).withMaxSessions(flows * 2));
        int remote = ip("198.51.100.9");
        byte[][] replies = new byte[flows][];
        for (int f = 0; f < flows; f++) {
            int inside = 0x0A000000 | (f >>> 6);
            int port = 20000 + (f & 63);
            byte[] out = f % 2 == 0 ? NatFrames.tcp(inside, port, remote, 443, 0x10) : NatFrames.udp(inside, port, remote, 53);
            byte[] translated = nat.out(out);
            int pool = NatFrames.source(translated);
            int outsidePort = NatFrames.sourcePort(translated);
            replies[f] = f % 2 == 0 ? NatFrames.tcp(remote, 443, pool, outsidePort, 0x10) : NatFrames.udp(remote, 53, pool, outsidePort);
        }
        for (int i = 0; i < PACKETS / 2; i++) {
            int f = (int) ((long) i * flows / (PACKETS / 2));
            frames[2 * i] = f % 2 == 0 ? NatFrames.tcp(0x0A000000 | (f >>> 6), 20000 + (f & 63), remote, 443, 0x10)
                    : NatFrames.udp(0x0A000000 | (f >>> 6), 20000 + (f & 63), remote, 53);
            ports[2 * i] = Nat.INSIDE;
            frames[2 * i + 1] = replies[f];
            ports[2 * i + 1] = Nat.OUTSIDE;
        }
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public int translate() {
        int sum = 0;
        for (int i = 0; i < PACKETS; i++) {
            sum += nat.sendInPlace(ports[i], frames[i], frames[i].length);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public int copyAndParse() {
        int sum = 0;
        for (int i = 0; i < PACKETS; i++) {
            buf.clear().writeBytes(frames[i]);
            sum += parser.parse(buf, parsed).ordinal();
        }
        return sum;
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(NatBenchmark.class.getSimpleName()).build()).run();
    }
}
