package io.hypernf.sdk.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.port.pcap.LinkType;
import io.hypernf.sdk.port.pcap.PcapError;
import io.hypernf.sdk.port.pcap.PcapReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every packet of every capture of the shared corpus (../shared/testdata/pcap-corpus: tcpdump's
 * test captures, many truncated, malformed or fuzzer-made) goes through {@link PacketParser}:
 * no exception, no read outside the frame (each frame sits in a buffer that ends where it ends),
 * and a printed count per class. Non-Ethernet link types are counted as skipped, per link type;
 * files the reader refuses or stops in are counted by the reader's reason.
 */
class PacketCorpusTest {

    @Test
    void everyCorpusPacketIsClassifiedWithoutAnException() throws IOException {
        List<Path> files = PcapCorpus.files();
        PacketParser parser = new PacketParser();
        ParsedPacket parsed = new ParsedPacket();
        byte[] record = new byte[PcapReader.MAX_CAPTURED_LENGTH];
        Map<PacketClass, Long> classes = new EnumMap<>(PacketClass.class);
        Map<MalformedReason, Long> reasons = new EnumMap<>(MalformedReason.class);
        Map<Integer, Long> skippedByLinkType = new TreeMap<>();
        Map<PcapError, Long> filesStoppedBy = new EnumMap<>(PcapError.class);
        List<String> refused = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        ParsedPacket embedded = new ParsedPacket();
        Map<PacketClass, Long> embeddedClasses = new EnumMap<>(PacketClass.class);
        long ethernet = 0;
        long cutBySnaplen = 0;
        long malformedCutBySnaplen = 0;
        int filesRead = 0;

        for (Path file : files) {
            PcapReader reader;
            try {
                reader = PcapReader.open(file);
            } catch (IOException e) {
                refused.add(file.getFileName() + ": " + e.getMessage());
                continue;
            }
            filesRead++;
            try (reader) {
                long index = 0;
                while (reader.next()) {
                    index++;
                    if (reader.linkType() != LinkType.ETHERNET) {
                        skippedByLinkType.merge(reader.linkType(), 1L, Long::sum);
                        continue;
                    }
                    int length = reader.copyTo(record, 0);
                    ByteBuf frame = Unpooled.wrappedBuffer(record, 0, length);
                    ethernet++;
                    boolean cut = reader.capturedLength() < reader.originalLength();
                    if (cut) {
                        cutBySnaplen++;
                    }
                    try {
                        PacketClass result = parser.parse(frame, 0, length, parsed);
                        classes.merge(result, 1L, Long::sum);
                        if (result == PacketClass.OK_IPV4_ICMP || result == PacketClass.OK_IPV6_ICMPV6) {
                            PacketClass quoted = parser.parseEmbedded(frame, parsed, embedded);
                            if (embedded.malformedReason() != MalformedReason.NOT_AN_ICMP_ERROR) {
                                embeddedClasses.merge(quoted, 1L, Long::sum);
                            }
                        }
                        if (result.isMalformed()) {
                            reasons.merge(parsed.malformedReason(), 1L, Long::sum);
                            if (cut) {
                                malformedCutBySnaplen++;
                            }
                        }
                    } catch (RuntimeException e) {
                        failures.add(file.getFileName() + " record " + index + ": " + e);
                    }
                }
                if (reader.error() != PcapError.NONE) {
                    filesStoppedBy.merge(reader.error(), 1L, Long::sum);
                }
            }
        }

        System.out.println("pcap corpus: " + files.size() + " files, " + filesRead + " read, " + refused.size() + " refused by the reader");
        System.out.println("  files ended early by the reader: " + filesStoppedBy);
        System.out.println("  ethernet packets parsed: " + ethernet);
        classes.forEach((k, v) -> System.out.printf("    %-18s %7d%n", k, v));
        System.out.println("  captured shorter than on the wire (snaplen): " + cutBySnaplen + ", of which malformed: " + malformedCutBySnaplen);
        System.out.println("  malformed by reason:");
        reasons.forEach((k, v) -> System.out.printf("    %-32s %7d%n", k, v));
        System.out.println("  datagrams quoted by ICMP errors: " + embeddedClasses);
        System.out.println("  skipped, not Ethernet (by LINKTYPE): " + skippedByLinkType + " = "
                + skippedByLinkType.values().stream().mapToLong(Long::longValue).sum());
        refused.stream().limit(10).forEach(r -> System.out.println("  refused: " + r));

        assertThat(failures).as("parser exceptions").isEmpty();
        assertThat(files).as("corpus files").isNotEmpty();
        long total = classes.values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isEqualTo(ethernet);
        assertThat(reasons.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(classes.getOrDefault(PacketClass.MALFORMED_L2, 0L) + classes.getOrDefault(PacketClass.MALFORMED_L3, 0L)
                        + classes.getOrDefault(PacketClass.MALFORMED_L4, 0L));
    }
}
