package io.hypernf.nf.lb;

import static io.hypernf.nf.lb.FullNatTest.CLIENT;
import static io.hypernf.nf.lb.FullNatTest.VIP;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.ManualBatch;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent reader's view: what the LB sends in each mode, written to a pcap file and
 * decoded by Wireshark's dissectors (tshark) with checksum validation on; a checksum status of 1
 * is Wireshark's "good" (PROTO_CHECKSUM_E_GOOD). The encapsulated rows list outer then inner
 * header. Skipped without tshark outside CI; scripts/ensure-deps.sh installs it.
 */
class TsharkDecodeTest {

    private static boolean tsharkPresent() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "command -v tshark").start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static void writePcap(Path file, List<byte[]> frames) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.write(header.array());
        int second = 1;
        for (byte[] frame : frames) {
            ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            record.putInt(second++).putInt(0).putInt(frame.length).putInt(frame.length);
            out.write(record.array());
            out.write(frame);
        }
        Files.write(file, out.toByteArray());
    }

    private static List<String> decode(Path file, String... fields) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-o", "ip.check_checksum:TRUE",
                "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-T", "fields", "-E", "separator=|"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        List<String> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank() && line.contains("|")) {
                lines.add(line.trim());
            }
        }
        return lines;
    }

    @Test
    void wiresharkDecodesEachModeAndFindsEveryChecksumGood(@TempDir Path dir) throws Exception {
        if (!tsharkPresent()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("tshark is missing and CI=true: run scripts/ensure-deps.sh as root");
            }
            Assumptions.abort("tshark is not installed (scripts/ensure-deps.sh installs it as root)");
        }
        byte[] request = LbFrames.tcp(CLIENT, VIP, 40000, 80, 0x18, "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        List<byte[]> sent = new ArrayList<>();
        for (ForwardingMode mode : ForwardingMode.values()) {
            LoadBalancer lb = FullNatTest.lb(mode, "10.1.0.1:8080 mac=02:00:00:00:b0:01");
            ManualBatch batch = ManualBatch.of(LoadBalancer.CLIENT, 0, request);
            lb.process(batch);
            sent.add(batch.frame(0));
        }
        Path file = dir.resolve("lb.pcap");
        writePcap(file, sent);
        List<String> rows = decode(file, "ip.proto", "ip.src", "ip.dst", "ip.checksum.status", "gre.proto", "tcp.srcport",
                "tcp.dstport", "tcp.checksum.status");
        assertThat(rows).containsExactly(
                "6|10.0.0.1|10.1.0.1|1||40000|8080|1",
                "4,6|10.0.0.1,192.0.2.7|10.1.0.1,10.0.0.10|1,1||40000|80|1",
                "47,6|10.0.0.1,192.0.2.7|10.1.0.1,10.0.0.10|1,1|0x0800|40000|80|1");
    }
}
