package io.hypernf.nf.bridge;

import static io.hypernf.nf.bridge.BridgeTest.A;
import static io.hypernf.nf.bridge.BridgeTest.B;
import static io.hypernf.nf.bridge.BridgeTest.BROADCAST;
import static io.hypernf.nf.bridge.BridgeTest.C;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.ManualBatch;
import io.hypernf.sdk.nf.Packet;
import io.hypernf.sdk.port.pcap.PcapError;
import io.hypernf.sdk.port.pcap.PcapReader;
import io.hypernf.sdk.port.pcap.PcapWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight frames built here (learning, a flood of unknown unicast, a learned forward, a broadcast,
 * a station moving from port 0 to 2, a destination on its own input port) are written to a pcap,
 * replayed through a three-port bridge one {@link ManualBatch} per record, and what leaves each
 * port is written with {@link PcapWriter} and compared byte for byte with
 * {@code src/test/resources/bridge/golden-port{0,1,2}.pcap}. Each frame carries its sequence
 * number and arrival port in its payload (EtherType 0x88B5, local experimental), so the test also
 * checks, independently of the goldens, which ports every frame reached.
 * {@code -Dbridge.golden.update=true} rewrites the goldens (review the diff with tshark).
 */
class BridgeGoldenPcapTest {
    private static final Path GOLDEN = Path.of("src/test/resources/bridge");
    private static final int PORTS = 3;

    /** Arrival port, destination, source; and the ports each frame must reach. */
    private static final long[][] FRAMES = {
        {0, B, A},          // unknown B: flooded to 1, 2; A learned on 0
        {1, A, B},          // A known on 0; B learned on 1
        {0, B, A},          // B known on 1
        {2, BROADCAST, C},  // broadcast: 0, 1; C learned on 2
        {2, BROADCAST, A},  // A moves from 0 to 2: flooded to 0, 1
        {1, A, B},          // A now on 2
        {2, C, A},          // C on 2, the input port: dropped
        {0, C, B},          // C on 2; B moves to 0
    };
    private static final int[][] REACHED = {{1, 2}, {0}, {1}, {0, 1}, {0, 1}, {2}, {}, {2}};

    @TempDir
    Path dir;

    private static byte[] frame(int sequence) {
        byte[] f = BridgeTest.frame(FRAMES[sequence][1], FRAMES[sequence][2]);
        f[14] = (byte) sequence;
        f[15] = (byte) FRAMES[sequence][0];
        return f;
    }

    @Test
    void learningFloodingAndMovesLeaveEachPortAsRecorded() throws IOException {
        Path input = dir.resolve("input.pcap");
        long t0 = 1_700_000_000_000_000_000L;
        try (PcapWriter writer = PcapWriter.create(input, false)) {
            for (int i = 0; i < FRAMES.length; i++) {
                byte[] f = frame(i);
                writer.write(t0 + i * 1_000_000L, f, 0, f.length);
            }
        }
        Bridge bridge = new Bridge("br", BridgeConfig.defaults().withPorts(List.of("p0", "p1", "p2")));
        PcapWriter[] outputs = new PcapWriter[PORTS];
        List<Set<Integer>> reached = new ArrayList<>();
        int[] verdicts = new int[3];
        ManualBatch batch = new ManualBatch(2048);
        try (PcapReader reader = PcapReader.open(input)) {
            for (int p = 0; p < PORTS; p++) {
                outputs[p] = PcapWriter.create(dir.resolve("golden-port" + p + ".pcap"), false);
            }
            byte[] buffer = new byte[PcapReader.MAX_CAPTURED_LENGTH];
            while (reader.next()) {
                byte[] f = Arrays.copyOf(buffer, reader.copyTo(buffer, 0));
                int arrival = f[15];
                batch.reset(arrival, reader.timestampNanos() - t0, f);
                bridge.process(batch);
                int verdict = batch.verdict(0);
                byte[] left = batch.frame(0);
                assertThat(left).as("the bridge never rewrites a frame").isEqualTo(f);
                Set<Integer> ports = new TreeSet<>();
                if (verdict == Packet.VERDICT_FLOOD) {
                    verdicts[1]++;
                    for (int p = 0; p < PORTS; p++) {
                        if (p != arrival) {
                            ports.add(p);
                        }
                    }
                } else if (verdict >= 0) {
                    verdicts[0]++;
                    ports.add(verdict);
                } else {
                    assertThat(verdict).isEqualTo(Packet.VERDICT_DROP);
                    verdicts[2]++;
                }
                for (int p : ports) {
                    outputs[p].write(reader.timestampNanos(), left, 0, left.length);
                }
                reached.add(ports);
            }
        } finally {
            for (PcapWriter w : outputs) {
                if (w != null) {
                    w.close();
                }
            }
        }
        assertThat(verdicts).as("forwarded, flooded, dropped").containsExactly(4, 3, 1);
        assertThat(bridge.learned()).isEqualTo(3);
        assertThat(bridge.moved()).as("A to port 2, B to port 0").isEqualTo(2);
        assertThat(bridge.droppedSamePort()).isEqualTo(1);
        for (int i = 0; i < FRAMES.length; i++) {
            Set<Integer> expected = new TreeSet<>();
            for (int p : REACHED[i]) {
                expected.add(p);
            }
            assertThat(reached.get(i)).as("ports frame %d reached", i).isEqualTo(expected);
        }
        checkOutputsDecode();
        for (int p = 0; p < PORTS; p++) {
            String name = "golden-port" + p + ".pcap";
            if (Boolean.getBoolean("bridge.golden.update")) {
                Files.createDirectories(GOLDEN);
                Files.copy(dir.resolve(name), GOLDEN.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            assertThat(Files.readAllBytes(dir.resolve(name))).as(name).isEqualTo(Files.readAllBytes(GOLDEN.resolve(name)));
        }
    }

    /** Reads each output capture back: every record is one of our frames, none on its arrival port, in order. */
    private void checkOutputsDecode() throws IOException {
        for (int p = 0; p < PORTS; p++) {
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < FRAMES.length; i++) {
                for (int q : REACHED[i]) {
                    if (q == p) {
                        expected.add(i);
                    }
                }
            }
            List<Integer> seen = new ArrayList<>();
            try (PcapReader reader = PcapReader.open(dir.resolve("golden-port" + p + ".pcap"))) {
                byte[] buffer = new byte[PcapReader.MAX_CAPTURED_LENGTH];
                while (reader.next()) {
                    int length = reader.copyTo(buffer, 0);
                    int sequence = buffer[14];
                    assertThat(Arrays.copyOf(buffer, length)).isEqualTo(frame(sequence));
                    assertThat((int) buffer[15]).as("port %d record %d arrived there", p, reader.records()).isNotEqualTo(p);
                    seen.add(sequence);
                }
                assertThat(reader.error()).isEqualTo(PcapError.NONE);
            }
            assertThat(seen).as("frames on port %d", p).isEqualTo(expected);
        }
    }
}
