package io.hypernf.sdk.port.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hypernf.sdk.ring.NativeMemory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PcapReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"BIG_ENDIAN, a1b2c3d4", "LITTLE_ENDIAN, a1b2c3d4", "BIG_ENDIAN, a1b23c4d", "LITTLE_ENDIAN, a1b23c4d"})
    void readsClassicPcapInEveryByteOrderAndResolution(String orderName, String magicHex) throws IOException {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int magic = (int) Long.parseLong(magicHex, 16);
        boolean nanos = magic == PcapReader.MAGIC_NANOSECONDS;
        byte[] first = CaptureBytes.frame(60, 1);
        byte[] second = CaptureBytes.frame(1514, 2);
        byte[] third = CaptureBytes.frame(14, 3);
        Path file = write("c.pcap", new CaptureBytes(order).classicHeader(magic, 65535, LinkType.ETHERNET)
                .classicRecord(1_700_000_000L, 250, first, 60)
                .classicRecord(1_700_000_001L, 999_999, second, 9000)
                .classicRecord(4_000_000_000L, 1, third, 14).bytes());
        long unit = nanos ? 1 : 1000;
        byte[] buffer = new byte[2048];
        try (PcapReader reader = PcapReader.open(file)) {
            assertThat(reader.format()).isEqualTo(nanos ? PcapFormat.PCAP_NANOSECONDS : PcapFormat.PCAP_MICROSECONDS);
            assertThat(reader.bigEndian()).isEqualTo(order == ByteOrder.BIG_ENDIAN);

            assertThat(reader.read(buffer)).isEqualTo(60);
            assertThat(reader.linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(reader.timestampNanos()).isEqualTo(1_700_000_000L * 1_000_000_000L + 250 * unit);
            assertThat(reader.originalLength()).isEqualTo(60);
            assertThat(Arrays.copyOf(buffer, 60)).isEqualTo(first);

            assertThat(reader.read(buffer)).isEqualTo(1514);
            assertThat(reader.capturedLength()).isEqualTo(1514);
            assertThat(reader.originalLength()).isEqualTo(9000);
            assertThat(reader.timestampNanos()).isEqualTo(1_700_000_001L * 1_000_000_000L + 999_999 * unit);
            assertThat(Arrays.copyOf(buffer, 1514)).isEqualTo(second);

            assertThat(reader.read(buffer)).isEqualTo(14);
            assertThat(reader.timestampNanos()).as("ts_sec is unsigned").isEqualTo(4_000_000_000L * 1_000_000_000L + unit);

            assertThat(reader.read(buffer)).isEqualTo(-1);
            assertThat(reader.error()).isEqualTo(PcapError.NONE);
            assertThat(reader.finished()).isTrue();
            assertThat(reader.records()).isEqualTo(3);
            assertThat(reader.next()).as("stays at the end").isFalse();
        }
    }

    @Test
    void readsPcapngSectionsInterfacesResolutionsAndBlockKinds() throws IOException {
        byte[] a = CaptureBytes.frame(60, 10);
        byte[] b = CaptureBytes.frame(41, 11);
        byte[] c = CaptureBytes.frame(100, 12);
        byte[] d = CaptureBytes.frame(70, 13);
        CaptureBytes little = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).sectionHeader()
                .interfaceDescription(LinkType.ETHERNET, 0, -1)
                .interfaceDescription(LinkType.RAW, 80, 9)
                .enhancedPacket(0, 1_500_000L, a, 64)
                .unknownBlock(37)
                .enhancedPacket(1, 123_456_789L, b, 41)
                .simplePacket(c, 100);
        CaptureBytes big = new CaptureBytes(ByteOrder.BIG_ENDIAN).sectionHeader()
                .interfaceDescription(LinkType.LINUX_SLL, 65535, 0x80 | 10)
                .obsoletePacket(0, 3 * 1024 + 512, d);
        Path file = write("n.pcapng", concat(little.bytes(), big.bytes()));
        byte[] buffer = new byte[256];
        try (PcapReader reader = PcapReader.open(file)) {
            assertThat(reader.format()).isEqualTo(PcapFormat.PCAPNG);

            assertThat(reader.read(buffer)).isEqualTo(60);
            assertThat(reader.linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(reader.timestampNanos()).as("default resolution: microseconds").isEqualTo(1_500_000_000L);
            assertThat(reader.originalLength()).isEqualTo(64);
            assertThat(Arrays.copyOf(buffer, 60)).isEqualTo(a);

            assertThat(reader.read(buffer)).isEqualTo(41);
            assertThat(reader.interfaceId()).isEqualTo(1);
            assertThat(reader.linkType()).isEqualTo(LinkType.RAW);
            assertThat(reader.timestampNanos()).as("if_tsresol 9: nanoseconds").isEqualTo(123_456_789L);
            assertThat(Arrays.copyOf(buffer, 41)).isEqualTo(b);

            assertThat(reader.read(buffer)).as("simple packet: interface 0").isEqualTo(100);
            assertThat(reader.linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(Arrays.copyOf(buffer, 100)).isEqualTo(c);

            assertThat(reader.read(buffer)).as("second section, big endian, obsolete packet block").isEqualTo(70);
            assertThat(reader.bigEndian()).isTrue();
            assertThat(reader.linkType()).isEqualTo(LinkType.LINUX_SLL);
            assertThat(reader.timestampNanos()).as("if_tsresol 2^-10").isEqualTo(3_500_000_000L);
            assertThat(Arrays.copyOf(buffer, 70)).isEqualTo(d);

            assertThat(reader.next()).isFalse();
            assertThat(reader.error()).isEqualTo(PcapError.NONE);
            assertThat(reader.records()).isEqualTo(4);
        }
    }

    @Test
    void simplePacketIsCutToTheInterfaceSnaplen() throws IOException {
        Path file = write("s.pcapng", new CaptureBytes(ByteOrder.BIG_ENDIAN).sectionHeader()
                .interfaceDescription(LinkType.ETHERNET, 50, -1)
                .simplePacket(CaptureBytes.frame(50, 1), 1500).bytes());
        try (PcapReader reader = PcapReader.open(file)) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.capturedLength()).isEqualTo(50);
            assertThat(reader.originalLength()).isEqualTo(1500);
        }
    }

    @Test
    void copiesIntoByteBufNativeMemoryAndShortArrays() throws IOException {
        byte[] frame = CaptureBytes.frame(300, 5);
        Path file = write("c.pcap", new CaptureBytes(ByteOrder.LITTLE_ENDIAN).classicHeader(PcapReader.MAGIC_MICROSECONDS, 65535, 1)
                .classicRecord(1, 2, frame, 300).bytes());
        ByteBuf buf = Unpooled.buffer(1024);
        long native_ = NativeMemory.allocateZeroed(512);
        try (PcapReader reader = PcapReader.open(file)) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.copyTo(buf)).isEqualTo(300);
            byte[] fromBuf = new byte[300];
            buf.readBytes(fromBuf);
            assertThat(fromBuf).isEqualTo(frame);

            assertThat(reader.copyTo(native_, 512)).isEqualTo(300);
            byte[] fromNative = new byte[300];
            NativeMemory.copyToArray(native_, fromNative, 0, 300);
            assertThat(fromNative).isEqualTo(frame);

            byte[] small = new byte[100];
            assertThat(reader.copyTo(small, 10)).as("cut to the room left").isEqualTo(90);
            assertThat(Arrays.copyOfRange(small, 10, 100)).isEqualTo(Arrays.copyOf(frame, 90));
            assertThat(reader.dataByte(299)).isEqualTo(frame[299] & 0xff);
        } finally {
            buf.release();
            NativeMemory.free(native_);
        }
    }

    @Test
    void readsTheLargestAllowedRecord() throws IOException {
        byte[] frame = CaptureBytes.frame(PcapReader.MAX_CAPTURED_LENGTH, 9);
        Path file = write("big.pcap", new CaptureBytes(ByteOrder.BIG_ENDIAN).classicHeader(PcapReader.MAGIC_MICROSECONDS, 0, 1)
                .classicRecord(1, 0, CaptureBytes.frame(10, 1), 10)
                .classicRecord(1, 0, frame, frame.length)
                .classicRecord(1, 0, CaptureBytes.frame(10, 2), 10).bytes());
        byte[] buffer = new byte[PcapReader.MAX_CAPTURED_LENGTH];
        try (PcapReader reader = PcapReader.open(file)) {
            assertThat(reader.read(buffer)).isEqualTo(10);
            assertThat(reader.read(buffer)).isEqualTo(frame.length);
            assertThat(buffer).isEqualTo(frame);
            assertThat(reader.read(buffer)).isEqualTo(10);
            assertThat(reader.read(buffer)).isEqualTo(-1);
            assertThat(reader.error()).isEqualTo(PcapError.NONE);
        }
    }

    @Test
    void rewindReplaysTheSameRecords() throws IOException {
        Path file = write("r.pcapng", new CaptureBytes(ByteOrder.LITTLE_ENDIAN).sectionHeader()
                .interfaceDescription(1, 0, -1).enhancedPacket(0, 7, CaptureBytes.frame(20, 1), 20)
                .enhancedPacket(0, 8, CaptureBytes.frame(30, 1), 30).bytes());
        try (PcapReader reader = PcapReader.open(file)) {
            for (int pass = 0; pass < 3; pass++) {
                assertThat(reader.next()).isTrue();
                assertThat(reader.capturedLength()).isEqualTo(20);
                assertThat(reader.next()).isTrue();
                assertThat(reader.timestampNanos()).isEqualTo(8000);
                assertThat(reader.next()).isFalse();
                reader.rewind();
            }
        }
    }

    @Test
    void truncatedRecordDataEndsReadingWithACountedError() throws IOException {
        byte[] whole = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).classicHeader(PcapReader.MAGIC_MICROSECONDS, 65535, 1)
                .classicRecord(1, 0, CaptureBytes.frame(60, 1), 60)
                .classicRecord(2, 0, CaptureBytes.frame(60, 2), 60).bytes();
        assertStopsWith(write("t.pcap", Arrays.copyOf(whole, whole.length - 5)), 1, PcapError.TRUNCATED_RECORD);
        assertStopsWith(write("h.pcap", Arrays.copyOf(whole, 24 + 76 + 9)), 1, PcapError.TRUNCATED_HEADER);
    }

    @Test
    void capturedLengthOverTheMaximumEndsReading() throws IOException {
        byte[] bytes = new CaptureBytes(ByteOrder.BIG_ENDIAN).classicHeader(PcapReader.MAGIC_MICROSECONDS, 65535, 1)
                .classicRecord(1, 0, CaptureBytes.frame(60, 1), 60)
                .u32(1).u32(0).u32(PcapReader.MAX_CAPTURED_LENGTH + 1).u32(60).raw(new byte[64]).bytes();
        assertStopsWith(write("m.pcap", bytes), 1, PcapError.CAPTURED_LENGTH_OVER_MAXIMUM);
    }

    @Test
    void capturedLengthOverSnaplenIsCutLikeLibpcapOrRefusedInStrictMode() throws IOException {
        Path file = write("s.pcap", new CaptureBytes(ByteOrder.LITTLE_ENDIAN).classicHeader(PcapReader.MAGIC_MICROSECONDS, 40, 1)
                .classicRecord(1, 0, CaptureBytes.frame(60, 1), 60)
                .classicRecord(2, 0, CaptureBytes.frame(30, 2), 30).bytes());
        byte[] buffer = new byte[100];
        try (PcapReader reader = PcapReader.open(file)) {
            assertThat(reader.read(buffer)).isEqualTo(40);
            assertThat(Arrays.copyOf(buffer, 40)).isEqualTo(Arrays.copyOf(CaptureBytes.frame(60, 1), 40));
            assertThat(reader.read(buffer)).as("the next record is still found").isEqualTo(30);
            assertThat(reader.timestampNanos()).isEqualTo(2_000_000_000L);
            assertThat(reader.snaplenExceeded()).isEqualTo(1);
            assertThat(reader.next()).isFalse();
            assertThat(reader.error()).isEqualTo(PcapError.NONE);
        }
        try (PcapReader strict = PcapReader.open(file, true)) {
            assertThat(strict.next()).isFalse();
            assertThat(strict.error()).isEqualTo(PcapError.CAPTURED_LENGTH_OVER_SNAPLEN);
            assertThat(strict.errorMessage()).contains("s.pcap").contains("60").contains("40");
        }
    }

    @Test
    void badPcapngBlockLengthsEndReading() throws IOException {
        byte[] head = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).sectionHeader().interfaceDescription(1, 0, -1)
                .enhancedPacket(0, 1, CaptureBytes.frame(60, 1), 60).bytes();
        CaptureBytes le = new CaptureBytes(ByteOrder.LITTLE_ENDIAN);
        assertStopsWith(write("odd.pcapng", concat(head, le.u32(0xbad).u32(13).u32(0).u32(13).bytes())), 1, PcapError.BAD_BLOCK_LENGTH);
        assertStopsWith(write("short.pcapng", concat(head, new CaptureBytes(ByteOrder.LITTLE_ENDIAN).u32(0xbad).u32(8).u32(8).bytes())),
                1, PcapError.BAD_BLOCK_LENGTH);
        assertStopsWith(write("trailer.pcapng", concat(head, new CaptureBytes(ByteOrder.LITTLE_ENDIAN).u32(0xbad).u32(16).u32(0).u32(20).bytes())),
                1, PcapError.BAD_BLOCK_LENGTH);
        assertStopsWith(write("caplen.pcapng", concat(head, new CaptureBytes(ByteOrder.LITTLE_ENDIAN)
                .u32(6).u32(36).u32(0).u32(0).u32(0).u32(500).u32(500).u32(0).u32(36).bytes())), 1, PcapError.BAD_BLOCK_LENGTH);
        assertStopsWith(write("past-end.pcapng", concat(head, new CaptureBytes(ByteOrder.LITTLE_ENDIAN).u32(0xbad).u32(1 << 30).u32(0).bytes())),
                1, PcapError.TRUNCATED_RECORD);
        assertStopsWith(write("idb.pcapng", concat(head, new CaptureBytes(ByteOrder.LITTLE_ENDIAN).u32(1).u32(1 << 24).u32(0).bytes())),
                1, PcapError.BAD_BLOCK_LENGTH);
    }

    @Test
    void unknownInterfaceAndBadByteOrderMagicEndReading() throws IOException {
        byte[] head = new CaptureBytes(ByteOrder.BIG_ENDIAN).sectionHeader().interfaceDescription(1, 0, -1)
                .enhancedPacket(0, 1, CaptureBytes.frame(60, 1), 60).bytes();
        assertStopsWith(write("if.pcapng", concat(head, new CaptureBytes(ByteOrder.BIG_ENDIAN)
                .enhancedPacket(3, 1, CaptureBytes.frame(60, 1), 60).bytes())), 1, PcapError.UNKNOWN_INTERFACE);
        byte[] badSection = new CaptureBytes(ByteOrder.BIG_ENDIAN).sectionHeader().bytes();
        badSection[8] = 0x55;
        assertStopsWith(write("bom.pcapng", concat(head, badSection)), 1, PcapError.BAD_BYTE_ORDER_MAGIC);
        assertStopsWith(write("spb.pcapng", new CaptureBytes(ByteOrder.BIG_ENDIAN).sectionHeader()
                .simplePacket(CaptureBytes.frame(20, 1), 20).bytes()), 0, PcapError.UNKNOWN_INTERFACE);
    }

    @Test
    void aFileThatIsNoCaptureIsRefusedNamingTheFileAndMagic() throws IOException {
        Path text = write("notes.txt", "# pcap corpus\n".getBytes());
        assertThatThrownBy(() -> PcapReader.open(text)).isInstanceOf(IOException.class)
                .hasMessageContaining("notes.txt").hasMessageContaining("0x23207063");
        Path empty = write("empty.pcap", new byte[0]);
        assertThatThrownBy(() -> PcapReader.open(empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("empty.pcap").hasMessageContaining("too short");
        Path headerOnly = write("half.pcap", Arrays.copyOf(new CaptureBytes(ByteOrder.BIG_ENDIAN)
                .classicHeader(PcapReader.MAGIC_MICROSECONDS, 65535, 1).bytes(), 20));
        assertThatThrownBy(() -> PcapReader.open(headerOnly)).isInstanceOf(IOException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> PcapReader.open(dir)).isInstanceOf(IOException.class).hasMessageContaining(dir.toString());
        assertThatThrownBy(() -> PcapReader.open(dir.resolve("absent.pcap"))).isInstanceOf(IOException.class)
                .hasMessageContaining("absent.pcap");
    }

    private static void assertStopsWith(Path file, int goodRecords, PcapError expected) throws IOException {
        byte[] buffer = new byte[4096];
        try (PcapReader reader = PcapReader.open(file)) {
            for (int i = 0; i < goodRecords; i++) {
                assertThat(reader.read(buffer)).as("record %d of %s", i, file.getFileName()).isGreaterThanOrEqualTo(0);
            }
            assertThat(reader.next()).as(file.getFileName().toString()).isFalse();
            assertThat(reader.error()).as(reader.errorMessage()).isEqualTo(expected);
            assertThat(reader.errorMessage()).contains(file.getFileName().toString()).contains("byte offset");
            assertThat(reader.finished()).isTrue();
            assertThat(reader.next()).isFalse();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
