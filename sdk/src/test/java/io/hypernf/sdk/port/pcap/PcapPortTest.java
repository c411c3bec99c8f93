package io.hypernf.sdk.port.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.PortException;
import io.hypernf.sdk.port.Ports;
import io.hypernf.sdk.ring.NativeMemory;
import io.hypernf.sdk.ring.NetmapLayout;
import io.hypernf.sdk.ring.NetmapRing;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapPortTest {
    @TempDir
    Path dir;

    /** Takes every packet the RX ring holds, hands the slots back, and returns the frames. */
    static List<byte[]> drain(Port port) {
        NetmapRing rx = port.rxRing(0);
        List<byte[]> frames = new ArrayList<>();
        int head = rx.head();
        int tail = rx.tail();
        for (int i = head; i != tail; i = rx.next(i)) {
            byte[] frame = new byte[rx.len(i)];
            NativeMemory.copyToArray(rx.bufferAddress(rx.bufIdx(i)), frame, 0, frame.length);
            frames.add(frame);
        }
        rx.head(tail);
        rx.cur(tail);
        return frames;
    }

    /** Puts {@code frame} into the next free TX slot; false when the ring is full. */
    static boolean send(Port port, byte[] frame) {
        NetmapRing tx = port.txRing(0);
        int head = tx.head();
        if (tx.space() == 0) {
            return false;
        }
        NativeMemory.copyFromArray(frame, 0, tx.bufferAddress(tx.bufIdx(head)), frame.length);
        tx.len(head, frame.length);
        tx.head(tx.next(head));
        tx.cur(tx.head());
        return true;
    }

    private Path classic(String name, int count, int firstLength) throws IOException {
        CaptureBytes bytes = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).classicHeader(PcapReader.MAGIC_MICROSECONDS, 65535, LinkType.ETHERNET);
        for (int i = 0; i < count; i++) {
            bytes.classicRecord(1000 + i, 0, CaptureBytes.frame(firstLength + i % 50, i), firstLength + i % 50);
        }
        Path file = dir.resolve(name);
        Files.write(file, bytes.bytes());
        return file;
    }

    @Test
    void replaysOnlyEthernetRecordsAndCountsTheRest() throws IOException {
        Path file = dir.resolve("mixed.pcapng");
        Files.write(file, new CaptureBytes(ByteOrder.LITTLE_ENDIAN).sectionHeader()
                .interfaceDescription(LinkType.ETHERNET, 0, -1)
                .interfaceDescription(LinkType.RAW, 0, -1)
                .enhancedPacket(0, 1, CaptureBytes.frame(60, 1), 60)
                .enhancedPacket(1, 2, CaptureBytes.frame(40, 2), 40)
                .enhancedPacket(0, 3, CaptureBytes.frame(3000, 3), 3000)
                .enhancedPacket(0, 4, CaptureBytes.frame(1514, 4), 1514).bytes());
        try (PcapPort port = PcapPort.reading("pcap:" + file, PcapReader.open(file), PcapPort.Pace.FULL, 1)) {
            assertThat(port.endOfInput()).isFalse();
            assertThat(port.rxSync()).isEqualTo(2);
            List<byte[]> frames = drain(port);
            assertThat(frames).hasSize(2);
            assertThat(frames.get(0)).isEqualTo(CaptureBytes.frame(60, 1));
            assertThat(frames.get(1)).isEqualTo(CaptureBytes.frame(1514, 4));
            assertThat(port.rxSync()).isZero();
            assertThat(port.endOfInput()).isTrue();
            assertThat(port.skippedLinkType()).isEqualTo(1);
            assertThat(port.skippedOversize()).isEqualTo(1);
            assertThat(port.counters().rxDropped()).isEqualTo(2);
            assertThat(port.counters().rxPackets()).isEqualTo(2);
            assertThat(port.counters().rxBytes()).isEqualTo(60 + 1514);
        }
    }

    @Test
    void aHeadOutsideTheRingIsCountedAsAnErrorAndSyncsNothing() throws IOException {
        Path file = classic("corrupt-head.pcap", 4, 60);
        try (PcapPort port = PcapPort.reading("p", PcapReader.open(file), PcapPort.Pace.FULL, 1)) {
            NetmapRing rx = port.rxRing(0);
            NetmapRing tx = port.txRing(0);
            // Written around the flyweight, whose setter refuses such an index under bounds checks.
            NativeMemory.putInt(rx.address() + NetmapLayout.RING_HEAD, rx.numSlots());
            NativeMemory.putInt(tx.address() + NetmapLayout.RING_HEAD, -1);
            assertThat(port.rxSync()).isZero();
            assertThat(port.txSync()).isZero();
            assertThat(port.counters().errors()).isEqualTo(2);
            assertThat(port.counters().rxPackets()).isZero();
            NativeMemory.putInt(rx.address() + NetmapLayout.RING_HEAD, 0);
            NativeMemory.putInt(tx.address() + NetmapLayout.RING_HEAD, 0);
            assertThat(port.rxSync()).as("a sound head again: the records come").isEqualTo(4);
        }
    }

    @Test
    void aFullRxRingHoldsRecordsBackUntilTheApplicationReleasesSlots() throws IOException {
        Path file = classic("many.pcap", 3000, 60);
        try (PcapPort port = PcapPort.reading("p", PcapReader.open(file), PcapPort.Pace.FULL, 1)) {
            assertThat(port.rxSync()).as("one slot stays empty").isEqualTo(PcapPort.RING_SLOTS - 1);
            assertThat(port.rxSync()).as("nothing released yet").isZero();
            List<byte[]> all = new ArrayList<>(drain(port));
            for (int syncs = 0; syncs < 10 && !port.endOfInput(); syncs++) {
                port.rxSync();
                all.addAll(drain(port));
            }
            assertThat(port.endOfInput()).isTrue();
            assertThat(all).hasSize(3000);
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i)).as("frame %d in order", i).isEqualTo(CaptureBytes.frame(60 + i % 50, i));
            }
            assertThat(port.counters().rxDropped()).isZero();
        }
    }

    @Test
    void loopsReplayTheFileAgain() throws IOException {
        Path file = classic("three.pcap", 3, 64);
        try (PcapPort port = PcapPort.reading("p", PcapReader.open(file), PcapPort.Pace.FULL, 4)) {
            assertThat(port.rxSync()).isEqualTo(12);
            assertThat(port.endOfInput()).isTrue();
            List<byte[]> frames = drain(port);
            assertThat(frames.get(9)).isEqualTo(CaptureBytes.frame(64, 0));
        }
        try (PcapPort forever = PcapPort.reading("p", PcapReader.open(file), PcapPort.Pace.FULL, 0)) {
            long total = 0;
            for (int i = 0; i < 5; i++) {
                total += forever.rxSync();
                drain(forever);
            }
            assertThat(total).isEqualTo(5L * (PcapPort.RING_SLOTS - 1));
            assertThat(forever.endOfInput()).isFalse();
        }
    }

    @Test
    void loopingAFileWithoutEthernetRecordsEnds() throws IOException {
        Path file = dir.resolve("raw.pcap");
        Files.write(file, new CaptureBytes(ByteOrder.BIG_ENDIAN).classicHeader(PcapReader.MAGIC_MICROSECONDS, 65535, LinkType.RAW)
                .classicRecord(1, 0, CaptureBytes.frame(40, 1), 40).bytes());
        try (PcapPort port = PcapPort.reading("p", PcapReader.open(file), PcapPort.Pace.FULL, 0)) {
            assertThat(port.rxSync()).isZero();
            assertThat(port.endOfInput()).isTrue();
            assertThat(port.skippedLinkType()).isEqualTo(1);
        }
    }

    @Test
    void recordedPaceReleasesRecordsWhenTheirOffsetHasElapsed() throws IOException {
        Path file = dir.resolve("paced.pcap");
        Files.write(file, new CaptureBytes(ByteOrder.LITTLE_ENDIAN).classicHeader(PcapReader.MAGIC_NANOSECONDS, 65535, 1)
                .classicRecord(50, 0, CaptureBytes.frame(60, 0), 60)
                .classicRecord(50, 1_000_000, CaptureBytes.frame(60, 1), 60)
                .classicRecord(50, 1_000_001, CaptureBytes.frame(60, 2), 60)
                .classicRecord(50, 5_000_000, CaptureBytes.frame(60, 3), 60).bytes());
        AtomicLong clock = new AtomicLong(7_000_000_000L);
        try (PcapPort port = new PcapPort("p", PcapReader.open(file), null, PcapPort.Pace.RECORDED, 1, clock::get)) {
            assertThat(port.rxSync()).as("the first record is due at once").isEqualTo(1);
            assertThat(port.rxSync()).isZero();
            assertThat(port.poll(false, 0)).as("the RX ring holds a packet").isTrue();
            List<byte[]> frames = new ArrayList<>(drain(port));
            assertThat(port.poll(false, 0)).as("nothing due").isFalse();
            clock.addAndGet(999_999);
            assertThat(port.rxSync()).isZero();
            clock.addAndGet(1);
            assertThat(port.rxSync()).isEqualTo(1);
            clock.addAndGet(1);
            assertThat(port.rxSync()).isEqualTo(1);
            clock.addAndGet(3_000_000);
            assertThat(port.rxSync()).isZero();
            assertThat(port.endOfInput()).as("a record is still waiting").isFalse();
            clock.addAndGet(1_000_000);
            assertThat(port.poll(false, 0)).isTrue();
            assertThat(port.rxSync()).isEqualTo(1);
            assertThat(port.endOfInput()).isTrue();
            frames.addAll(drain(port));
            assertThat(frames).hasSize(4);
            assertThat(frames.get(3)).isEqualTo(CaptureBytes.frame(60, 3));
        }
    }

    @Test
    void writesTxSlotsToAFileThatTsharkReads() throws Exception {
        Path file = dir.resolve("out.pcap");
        int[] lengths = {60, 1514, 64, 900, 14};
        try (Port port = Ports.open("pcap:" + file + "?mode=write&ts=ns")) {
            for (int i = 0; i < lengths.length; i++) {
                assertThat(send(port, CaptureBytes.frame(lengths[i], i))).isTrue();
            }
            assertThat(port.txSync()).isEqualTo(lengths.length);
            NetmapRing tx = port.txRing(0);
            assertThat(tx.tail()).as("every slot handed back").isEqualTo(tx.head() - 1);
            assertThat(port.counters().txBytes()).isEqualTo(Arrays.stream(lengths).sum());
            assertThat(port.endOfInput()).as("a write-only port has no input").isTrue();
        }
        try (PcapReader reader = PcapReader.open(file)) {
            assertThat(reader.format()).isEqualTo(PcapFormat.PCAP_NANOSECONDS);
            byte[] buffer = new byte[2048];
            for (int i = 0; i < lengths.length; i++) {
                assertThat(reader.read(buffer)).isEqualTo(lengths[i]);
                assertThat(Arrays.copyOf(buffer, lengths[i])).isEqualTo(CaptureBytes.frame(lengths[i], i));
                assertThat(reader.timestampNanos()).isCloseTo(System.currentTimeMillis() * 1_000_000L, org.assertj.core.data.Offset.offset(60_000_000_000L));
            }
            assertThat(reader.next()).isFalse();
        }
        Tshark.assumeAvailable();
        List<String[]> rows = Tshark.fields(file, "frame.len", "frame.cap_len");
        assertThat(rows).hasSize(lengths.length);
        for (int i = 0; i < lengths.length; i++) {
            assertThat(rows.get(i)[0]).isEqualTo(Integer.toString(lengths[i]));
            assertThat(rows.get(i)[1]).isEqualTo(Integer.toString(lengths[i]));
        }
    }

    @Test
    void txSlotsWithBadLengthsAreDroppedAndCounted() throws IOException {
        Path file = dir.resolve("bad.pcap");
        try (PcapPort port = PcapPort.writing("p", PcapWriter.create(file, false))) {
            NetmapRing tx = port.txRing(0);
            send(port, CaptureBytes.frame(60, 1));
            int slot = tx.head();
            send(port, CaptureBytes.frame(60, 2));
            tx.len(slot, 65535);
            int badBuffer = tx.head();
            send(port, CaptureBytes.frame(60, 3));
            tx.bufIdx(badBuffer, Integer.MAX_VALUE);
            send(port, CaptureBytes.frame(61, 4));
            assertThat(port.txSync()).isEqualTo(2);
            assertThat(port.counters().txDropped()).isEqualTo(2);
            assertThat(port.recordsWritten()).isEqualTo(2);
        }
    }

    @Test
    void aReadingPortReclaimsAndCountsWhatIsPutOnItsTxRing() throws IOException {
        Path file = classic("in.pcap", 1, 60);
        try (Port port = Ports.open("pcap:" + file)) {
            send(port, CaptureBytes.frame(60, 1));
            assertThat(port.txSync()).isZero();
            assertThat(port.counters().txDropped()).isEqualTo(1);
            assertThat(port.txRing(0).space()).isEqualTo(port.txRing(0).numSlots() - 1);
        }
    }

    @Test
    void openingAMissingOrForeignFileNamesItAndTheProblem() throws IOException {
        Path text = dir.resolve("readme.txt");
        Files.writeString(text, "hello, not a capture");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ports.open("pcap:" + text))
                .isInstanceOf(PortException.class).hasMessageContaining("readme.txt").hasMessageContaining("magic");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ports.open("pcap:" + dir.resolve("absent.pcap")))
                .isInstanceOf(PortException.class).hasMessageContaining("absent.pcap");
    }
}
