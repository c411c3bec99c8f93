package io.hypernf.sdk.port.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.Ports;
import io.hypernf.sdk.ring.NativeMemory;
import io.hypernf.sdk.ring.NetmapRing;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every capture of the shared corpus (830 files, many truncated or fuzzed) through the reader and
 * the pcap port, whole and cut at random places: no exception, no hang, every file read to its
 * end or stopped with a counted error.
 */
class PcapCorpusTest {
    @TempDir
    Path dir;

    @Test
    void theReaderReadsEveryCorpusFileToItsEnd() throws IOException {
        List<Path> files = Corpus.files();
        byte[] buffer = new byte[PcapReader.MAX_CAPTURED_LENGTH];
        long records = 0;
        long cut = 0;
        Map<PcapFormat, Integer> formats = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try (PcapReader reader = PcapReader.open(file)) {
                formats.merge(reader.format(), 1, Integer::sum);
                while (reader.read(buffer) >= 0) {
                    assertThat(reader.capturedLength()).isBetween(0, PcapReader.MAX_CAPTURED_LENGTH);
                    records++;
                }
                cut += reader.snaplenExceeded();
                if (reader.error() != PcapError.NONE) {
                    problems.add(reader.errorMessage());
                }
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        System.out.printf("pcap corpus: %d files %s, %d records, %d cut to their snaplen%n", files.size(), formats, records, cut);
        assertThat(files).hasSizeGreaterThan(800);
        assertThat(problems).as("files not read to their end").isEmpty();
        assertThat(formats).containsKeys(PcapFormat.PCAP_MICROSECONDS, PcapFormat.PCAP_NANOSECONDS, PcapFormat.PCAPNG);
    }

    /** Big- and little-endian, micro- and nanosecond classic pcap, and pcapng files of the corpus. */
    private static final List<String> TSHARK_SAMPLE = List.of("pptp.pcap", "tcp-handshake-nano.pcap", "dcb_ets.pcap",
            "ospf3_auth.pcapng", "OSPFv2_Capture_FINAL.pcapng");

    @Test
    void tsharkSeesTheSameFramesLengthsAndTimestampsOnASampleOfTheCorpus() throws Exception {
        List<Path> sample = new ArrayList<>();
        for (Path file : Corpus.files()) {
            if (TSHARK_SAMPLE.contains(file.getFileName().toString())) {
                sample.add(file);
            }
        }
        assertThat(sample).hasSameSizeAs(TSHARK_SAMPLE);
        Tshark.assumeAvailable();
        byte[] buffer = new byte[PcapReader.MAX_CAPTURED_LENGTH];
        for (Path file : sample) {
            List<String> ours = new ArrayList<>();
            try (PcapReader reader = PcapReader.open(file)) {
                while (reader.read(buffer) >= 0) {
                    BigDecimal seconds = BigDecimal.valueOf(reader.timestampNanos(), 9).stripTrailingZeros();
                    ours.add(reader.originalLength() + "/" + reader.capturedLength() + "@" + seconds.toPlainString());
                }
            }
            List<String> theirs = new ArrayList<>();
            for (String[] row : Tshark.fields(file, "frame.len", "frame.cap_len", "frame.time_epoch")) {
                theirs.add(row[0] + "/" + row[1] + "@" + new BigDecimal(row[2]).stripTrailingZeros().toPlainString());
            }
            assertThat(ours).as(file.getFileName().toString()).isNotEmpty().containsExactlyElementsOf(theirs);
        }
    }

    @Test
    void thePcapPortSurvivesEveryCorpusFileWholeAndTruncated() throws IOException {
        long delivered = 0;
        long truncatedFiles = 0;
        long countedErrors = 0;
        List<Path> files = Corpus.files();
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            List<Integer> whole = replayCounting(file);
            delivered += whole.size();
            byte[] bytes = Files.readAllBytes(file);
            Random random = new Random(file.getFileName().toString().hashCode());
            // Cut copies of every fourth file, at two random places each: enough variety, seconds of run time.
            for (int k = 0; k < 2 && f % 4 == 0 && bytes.length > 25; k++) {
                int length = 24 + random.nextInt(bytes.length - 24);
                Path truncated = dir.resolve("cut.pcap");
                Files.write(truncated, Arrays.copyOf(bytes, length));
                List<Integer> partial = replayCounting(truncated);
                truncatedFiles++;
                countedErrors += lastErrors;
                assertThat(partial.size()).as("%s cut at %d delivers at most the whole file", file.getFileName(), length)
                        .isLessThanOrEqualTo(whole.size());
                assertThat(partial).as("%s cut at %d delivers a prefix of the whole file", file.getFileName(), length)
                        .isEqualTo(whole.subList(0, partial.size()));
            }
        }
        System.out.printf("pcap port over the corpus: %d Ethernet frames delivered; %d truncated copies, %d stopped with a counted error%n",
                delivered, truncatedFiles, countedErrors);
        assertThat(delivered).isPositive();
        assertThat(countedErrors).isPositive();
    }

    private long lastErrors;

    /** Replays a file through a pcap: port; returns a hash of each delivered frame. A file that is no capture yields nothing. */
    private List<Integer> replayCounting(Path file) {
        List<Integer> hashes = new ArrayList<>();
        lastErrors = 0;
        Port port;
        try {
            port = Ports.open("pcap:" + file);
        } catch (RuntimeException e) {
            assertThat(e).hasMessageContaining(file.getFileName().toString());
            return hashes;
        }
        try (port) {
            NetmapRing rx = port.rxRing(0);
            int syncs = 0;
            while (!port.endOfInput()) {
                port.rxSync();
                for (int i = rx.head(); i != rx.tail(); i = rx.next(i)) {
                    byte[] frame = new byte[rx.len(i)];
                    NativeMemory.copyToArray(rx.bufferAddress(rx.bufIdx(i)), frame, 0, frame.length);
                    hashes.add(Arrays.hashCode(frame));
                }
                rx.head(rx.tail());
                rx.cur(rx.tail());
                assertThat(++syncs).as("%s ends within a bounded number of syncs", file.getFileName()).isLessThan(100_000);
            }
            lastErrors = port.counters().errors();
            assertThat(port.counters().rxPackets()).isEqualTo(hashes.size());
        }
        return hashes;
    }
}
