package io.hypernf.nf.nat;

import static io.hypernf.nf.nat.NatFrames.echo;
import static io.hypernf.nf.nat.NatFrames.ip;
import static io.hypernf.nf.nat.NatFrames.tcp;
import static io.hypernf.nf.nat.NatFrames.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.port.pcap.PcapReader;
import io.hypernf.sdk.port.pcap.PcapWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A conversation built here (two inside hosts, TCP, UDP, pings, an ICMP error, a port forward, a
 * hairpin, an unsolicited probe) is written to a pcap, replayed through the NAT with the SDK's
 * {@link PcapReader} (a frame from 10.0.0.0/8 enters inside, any other outside), and what leaves
 * each port is written with the SDK's {@link PcapWriter} and compared byte for byte with
 * {@code src/test/resources/nat/golden-inside.pcap} and {@code golden-outside.pcap}. Independently
 * of the goldens, no private address may leave outside and every checksum must be right.
 * {@code -Dnat.golden.update=true} rewrites the goldens (review the diff with tshark).
 */
class NatGoldenPcapTest {
    private static final Path GOLDEN = Path.of("src/test/resources/nat");
    private static final int POOL = ip("203.0.113.1");
    private static final int A = ip("10.0.0.1");
    private static final int B = ip("10.0.0.2");
    private static final int SERVER = ip("10.0.0.10");
    private static final int R = ip("198.51.100.9");
    private static final int ROUTER = ip("192.0.2.254");

    @TempDir
    Path dir;

    @Test
    void theConversationTranslatesExactlyAsRecorded() throws Exception {
        Path input = dir.resolve("input.pcap");
        writeInput(input);
        NatConfig config = NatConfig.defaults(NatConfig.pool("203.0.113.1")).withMssClamp(1400)
                .withStatics(List.of(), List.of(NatConfig.portForward("tcp 203.0.113.1:8080 -> 10.0.0.10:80")));
        Nat nat = new Nat("nat", config, 7);
        NatDriver driver = new NatDriver(nat);
        Path insideOut = dir.resolve("golden-inside.pcap");
        Path outsideOut = dir.resolve("golden-outside.pcap");
        int[] counts = new int[3];
        List<byte[]> outside = new ArrayList<>();
        try (PcapReader reader = PcapReader.open(input);
             PcapWriter inside = PcapWriter.create(insideOut, false);
             PcapWriter out = PcapWriter.create(outsideOut, false)) {
            byte[] frame = new byte[PcapReader.MAX_CAPTURED_LENGTH];
            while (reader.next()) {
                int length = reader.copyTo(frame, 0);
                int source = NatFrames.u32(frame, NatFrames.ETHERNET + 12);
                driver.now = reader.timestampNanos();
                int verdict = driver.sendInPlace((source >>> 24) == 10 ? Nat.INSIDE : Nat.OUTSIDE, frame, length);
                nat.tick(driver.now);
                byte[] left = driver.lastFrame();
                if (verdict == Nat.INSIDE) {
                    inside.write(reader.timestampNanos(), left, 0, left.length);
                    counts[0]++;
                } else if (verdict == Nat.OUTSIDE) {
                    out.write(reader.timestampNanos(), left, 0, left.length);
                    outside.add(left);
                    counts[1]++;
                } else {
                    counts[2]++;
                }
                if (verdict >= 0) {
                    assertThat(NatFrames.checksumProblem(left)).as("record %d", reader.records()).isNull();
                }
            }
        }
        assertThat(counts).as("to inside, to outside, dropped").containsExactly(8, 8, 1);
        for (byte[] f : outside) {
            assertThat(NatFrames.source(f) >>> 24).as("no private source leaves outside").isNotEqualTo(10);
            if (NatFrames.protocol(f) == NatFrames.ICMP && (f[NatFrames.l4(f)] & 0xFF) == 3) {
                assertThat(NatFrames.u32(f, NatFrames.inner(f) + 16) >>> 24).as("nor inside an ICMP error").isNotEqualTo(10);
            }
        }
        if (Boolean.getBoolean("nat.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.copy(insideOut, GOLDEN.resolve("golden-inside.pcap"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(outsideOut, GOLDEN.resolve("golden-outside.pcap"), StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(Files.readAllBytes(insideOut)).as("inside output").isEqualTo(Files.readAllBytes(GOLDEN.resolve("golden-inside.pcap")));
        assertThat(Files.readAllBytes(outsideOut)).as("outside output").isEqualTo(Files.readAllBytes(GOLDEN.resolve("golden-outside.pcap")));
    }

    private static void writeInput(Path input) throws Exception {
        byte[] mss1460 = {2, 4, 0x05, (byte) 0xB4};
        List<byte[]> frames = new ArrayList<>();
        frames.add(tcp(A, 40000, R, 80, 0x02, mss1460));
        frames.add(tcp(R, 80, POOL, 40000, 0x12, mss1460));
        frames.add(tcp(A, 40000, R, 80, 0x10));
        frames.add(udp(A, 5000, R, 53));
        byte[] fromB = udp(B, 5000, R, 53);
        frames.add(fromB);
        frames.add(udp(R, 53, POOL, 5000));
        frames.add(echo(A, R, 8, 300, 1));
        frames.add(echo(B, R, 8, 300, 1));
        frames.add(echo(R, POOL, 0, 300, 1));
        frames.add(tcp(R, 50000, POOL, 8080, 0x02, mss1460));
        frames.add(tcp(SERVER, 80, R, 50000, 0x12, mss1460));
        frames.add(tcp(R, 50001, POOL, 22, 0x02));
        frames.add(udp(B, 6000, POOL, 5000));
        frames.add(udp(A, 5000, POOL, 6000));
        frames.add(tcp(A, 40000, R, 80, 0x11));
        frames.add(tcp(R, 80, POOL, 40000, 0x11));
        frames.add(null);
        try (PcapWriter writer = PcapWriter.create(input, false)) {
            long t = 1_700_000_000_000_000_000L;
            for (int i = 0; i < frames.size(); i++) {
                byte[] f = frames.get(i);
                if (f == null) {
                    // A port unreachable for B's DNS query as it left (translated to 203.0.113.1:<B's port>).
                    f = NatFrames.icmpError(ROUTER, POOL, 3, 3, translatedB(fromB), 200);
                }
                writer.write(t + i * 1_000_000L, f, 0, f.length);
            }
        }
    }

    /** B's query as it left the NAT: run a second NAT over the same opening so the error quotes real bytes. */
    private static byte[] translatedB(byte[] fromB) {
        NatDriver twin = new NatDriver(new Nat("twin", NatConfig.defaults(NatConfig.pool("203.0.113.1")), 7));
        twin.out(udp(A, 5000, R, 53));
        return twin.out(fromB);
    }
}
