package io.hypernf.nf.firewall;

import static io.hypernf.nf.firewall.TestFrames.INSIDE_MAC;
import static io.hypernf.nf.firewall.TestFrames.OUTSIDE_MAC;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.DropReason;
import io.hypernf.sdk.port.pcap.PcapWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small conversation built by the test, replayed through the firewall with the rules of
 * {@code firewall/golden.rules}: the verdict counts are fixed, and what leaves each port must
 * equal {@code firewall/golden-inside.pcap} and {@code golden-outside.pcap} byte for byte.
 * {@code -Dhypernf.updateGolden=true} rewrites the expected files in the source tree (review the
 * result with tshark before committing it).
 */
class FirewallGoldenPcapTest {
    private static final String CLIENT = "10.0.0.1";
    private static final String SERVER = "192.0.2.10";
    private static final String STRANGER = "198.51.100.9";

    /** The conversation, in order; frames from INSIDE_MAC arrive on the inside port. */
    static List<byte[]> conversation() {
        List<byte[]> frames = new ArrayList<>();
        byte[] syn = TestFrames.tcp4(INSIDE_MAC, OUTSIDE_MAC, CLIENT, SERVER, 40000, 80, 0x02, 1000, 0, 0);
        frames.add(syn);
        frames.add(TestFrames.tcp4(OUTSIDE_MAC, INSIDE_MAC, SERVER, CLIENT, 80, 40000, 0x01, 4999, 0, 0));
        frames.add(TestFrames.tcp4(OUTSIDE_MAC, INSIDE_MAC, SERVER, CLIENT, 80, 40000, 0x12, 5000, 1001, 0));
        frames.add(TestFrames.tcp4(INSIDE_MAC, OUTSIDE_MAC, CLIENT, SERVER, 40000, 80, 0x10, 1001, 5001, 0));
        frames.add(TestFrames.tcp4(INSIDE_MAC, OUTSIDE_MAC, CLIENT, SERVER, 40000, 80, 0x18, 1001, 5001, 120));
        frames.add(TestFrames.tcp4(OUTSIDE_MAC, INSIDE_MAC, SERVER, CLIENT, 80, 40000, 0x18, 5001, 1121, 600));
        frames.add(TestFrames.tcp4(OUTSIDE_MAC, INSIDE_MAC, STRANGER, CLIENT, 51000, 22, 0x02, 77, 0, 0));
        frames.add(TestFrames.tcp4(OUTSIDE_MAC, INSIDE_MAC, STRANGER, CLIENT, 51001, 23, 0x02, 88, 0, 0));
        frames.add(TestFrames.udp4(OUTSIDE_MAC, INSIDE_MAC, STRANGER, CLIENT, 5000, 161, 40));
        frames.add(TestFrames.icmp4(INSIDE_MAC, OUTSIDE_MAC, CLIENT, SERVER, 8, 0, 0x4242_0001, new byte[32]));
        frames.add(TestFrames.icmp4(OUTSIDE_MAC, INSIDE_MAC, SERVER, CLIENT, 0, 0, 0x4242_0001, new byte[32]));
        frames.add(TestFrames.icmp4(OUTSIDE_MAC, INSIDE_MAC, "203.0.113.1", CLIENT, 11, 0, 0, TestFrames.ipDatagram(syn)));
        frames.add(TestFrames.arpRequest(INSIDE_MAC));
        frames.add(TestFrames.tcp4(OUTSIDE_MAC, INSIDE_MAC, STRANGER, CLIENT, 52000, 443, 0x10, 1, 1, 0));
        frames.add(TestFrames.udp6(INSIDE_MAC, OUTSIDE_MAC, "2001:db8:0:0:0:0:0:1", "2001:db8:0:53:0:0:0:53", 33000, 53, 30));
        frames.add(TestFrames.udp6(OUTSIDE_MAC, INSIDE_MAC, "2001:db8:0:53:0:0:0:53", "2001:db8:0:0:0:0:0:1", 53, 33000, 90));
        byte[] truncated = Arrays.copyOf(TestFrames.udp4(INSIDE_MAC, OUTSIDE_MAC, CLIENT, SERVER, 1, 2, 100), 30);
        frames.add(truncated);
        frames.add(TestFrames.tcp4(INSIDE_MAC, OUTSIDE_MAC, CLIENT, SERVER, 40000, 80, 0x11, 1121, 5601, 0));
        frames.add(TestFrames.tcp4(OUTSIDE_MAC, INSIDE_MAC, SERVER, CLIENT, 80, 40000, 0x11, 5601, 1122, 0));
        frames.add(TestFrames.tcp4(INSIDE_MAC, OUTSIDE_MAC, CLIENT, SERVER, 40000, 80, 0x10, 1122, 5602, 0));
        return frames;
    }

    private static int arrivalPort(byte[] frame) {
        long source = ((long) (frame[6] & 0xff) << 40) | ((long) (frame[7] & 0xff) << 32) | ((frame[8] & 0xffL) << 24)
                | ((frame[9] & 0xffL) << 16) | ((frame[10] & 0xffL) << 8) | (frame[11] & 0xffL);
        return source == INSIDE_MAC ? 0 : 1;
    }

    @Test
    void replaysTheConversationToTheExpectedCountsAndCaptures(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("input.pcap");
        try (PcapWriter writer = PcapWriter.create(input, false)) {
            long time = 1_700_000_000_000_000_000L;
            for (byte[] frame : conversation()) {
                writer.write(time, frame, 0, frame.length);
                time += 1_000_000;
            }
        }
        Path rules = Path.of(getClass().getResource("/firewall/golden.rules").getPath());
        FirewallConfig config = new FirewallConfig(FirewallConfig.DEFAULT_PORTS, rules, null, RuleAction.DROP, true, true,
                1024, ConntrackTimeouts.defaults());
        Firewall firewall = new Firewall("fw", config);
        Path inside = dir.resolve("inside.pcap");
        Path outside = dir.resolve("outside.pcap");
        PcapReplay replay = new PcapReplay();
        try (PcapWriter toInside = PcapWriter.create(inside, false); PcapWriter toOutside = PcapWriter.create(outside, false)) {
            replay.run(firewall, input, FirewallGoldenPcapTest::arrivalPort, new PcapWriter[] {toInside, toOutside});
        }

        assertThat(replay.records).isEqualTo(20);
        assertThat(replay.forwarded).isEqualTo(14);
        assertThat(replay.dropped).isEqualTo(6);
        assertThat(replay.emitted).as("a RST for port 23, an ICMP unreachable for UDP 161").isEqualTo(2);
        Map<String, Long> drops = new TreeMap<>();
        for (DropReason reason : firewall.dropReasons()) {
            if (reason.count() > 0) {
                drops.put(reason.name(), reason.count());
            }
        }
        assertThat(drops).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "rule-drop", 1L, "rule-reject", 2L, "invalid", 1L, "malformed", 1L, "default-drop", 1L)));
        assertThat(firewall.relatedCount()).isEqualTo(1);
        assertThat(firewall.rulePackets(0)).isEqualTo(1);
        assertThat(firewall.rulePackets(1)).isEqualTo(1);
        assertThat(firewall.rulePackets(2)).isEqualTo(1);

        compareOrUpdate(inside, "golden-inside.pcap");
        compareOrUpdate(outside, "golden-outside.pcap");
    }

    private void compareOrUpdate(Path actual, String expectedName) throws IOException {
        if (Boolean.getBoolean("hypernf.updateGolden")) {
            Path target = Path.of(System.getProperty("hypernf.repo.root"), "nf-examples", "src", "test", "resources", "firewall", expectedName);
            Files.copy(actual, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (InputStream expected = getClass().getResourceAsStream("/firewall/" + expectedName)) {
            assertThat(expected).as("expected capture " + expectedName + " (make it with -Dhypernf.updateGolden=true)").isNotNull();
            assertThat(Files.readAllBytes(actual)).as(expectedName).isEqualTo(expected.readAllBytes());
        }
    }
}
