package io.hypernf.nf.nat;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.Packet;
import io.hypernf.sdk.packet.PacketClass;
import io.hypernf.sdk.packet.PacketParser;
import io.hypernf.sdk.packet.ParsedPacket;
import io.hypernf.sdk.packet.PcapCorpus;
import io.hypernf.sdk.port.pcap.PcapReader;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every packet of the shared capture corpus (../shared/testdata/pcap-corpus, found by the SDK's
 * {@link PcapCorpus}) goes through a NAT from the inside and again from the outside: none may
 * throw or leave without a verdict, and a plain IPv4 TCP/UDP frame whose checksums were right
 * before translation must still have right checksums after it.
 */
class NatCorpusTest {

    @Test
    void everyCorpusPacketGetsAVerdictAndKeepsValidChecksums() throws Exception {
        List<Path> files = PcapCorpus.files();
        NatConfig config = NatConfig.defaults(NatConfig.pool("203.0.113.0/29")).withMssClamp(1200)
                .withStatics(List.of(NatConfig.staticMapping("192.168.1.1 <-> 198.51.100.200")), List.of());
        NatDriver nat = new NatDriver(config);
        PacketParser parser = new PacketParser();
        ParsedPacket parsed = new ParsedPacket();
        byte[] frame = new byte[PcapReader.MAX_CAPTURED_LENGTH];
        long packets = 0;
        long forwarded = 0;
        long checked = 0;
        for (Path file : files) {
            try (PcapReader reader = PcapReader.open(file)) {
                while (reader.next()) {
                    int length = Math.min(reader.copyTo(frame, 0), NatDriver.MAX_FRAME);
                    packets++;
                    boolean plain = plainAndValid(parser, parsed, frame, length);
                    for (int port = 0; port < 2; port++) {
                        nat.now += 1_000_000;
                        int verdict = nat.sendInPlace(port, frame, length);
                        nat.nat.tick(nat.now);
                        assertThat(verdict).as("%s record %d port %d", file.getFileName(), reader.records(), port)
                                .isNotEqualTo(Packet.VERDICT_NONE);
                        if (verdict >= 0) {
                            forwarded++;
                            if (plain) {
                                checked++;
                                assertThat(NatFrames.checksumProblem(nat.lastFrame()))
                                        .as("%s record %d port %d", file.getFileName(), reader.records(), port).isNull();
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("nat corpus: %d files, %d packets, %d forwarded, %d checksum-checked, %d translated out, %d in%n",
                files.size(), packets, forwarded, checked, nat.nat.translatedOut(), nat.nat.translatedIn());
        assertThat(packets).isGreaterThan(1000);
        assertThat(nat.nat.translatedOut()).as("the corpus has IPv4 TCP/UDP/ICMP to translate").isGreaterThan(100);
        assertThat(checked).isGreaterThan(100);
    }

    /** Ethernet (no VLAN), IPv4, TCP or UDP, not a fragment, whole in the frame, every checksum right. */
    private static boolean plainAndValid(PacketParser parser, ParsedPacket parsed, byte[] frame, int length) {
        PacketClass c = parser.parse(Unpooled.wrappedBuffer(frame, 0, length), parsed);
        if ((c != PacketClass.OK_IPV4_TCP && c != PacketClass.OK_IPV4_UDP) || parsed.l3Offset() != NatFrames.ETHERNET
                || parsed.isFragment() || parsed.l3End() > length) {
            return false;
        }
        return NatFrames.checksumProblem(java.util.Arrays.copyOf(frame, length)) == null;
    }
}
