package io.hypernf.sdk.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InternetChecksumTest {
    private final SplittableRandom random = new SplittableRandom(0x1071);

    @Test
    void rfc1071WorkedExample() {
        // RFC 1071 section 3: bytes 00 01 f2 03 f4 f5 f6 f7 sum to 0xddf2 (after folding).
        ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.bytes(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7));
        assertThat(InternetChecksum.fold(InternetChecksum.sum(buf, 0, 8))).isEqualTo(0xddf2);
        assertThat(InternetChecksum.compute(buf, 0, 8)).isEqualTo(0x220d);
    }

    @Test
    void fullChecksumMatchesTheReferenceForRandomRangesOfEveryAlignment() {
        for (int round = 0; round < 2000; round++) {
            byte[] data = randomBytes(1 + random.nextInt(300));
            int offset = random.nextInt(data.length);
            int length = random.nextInt(data.length - offset + 1);
            ByteBuf buf = Unpooled.wrappedBuffer(data);
            assertThat(InternetChecksum.compute(buf, offset, length))
                    .as("offset %d length %d", offset, length)
                    .isEqualTo(ReferenceChecksum.checksum(data, offset, length));
        }
    }

    @Test
    void verifyAcceptsAStoredChecksumAndRejectsAnyFlippedBit() {
        for (int round = 0; round < 500; round++) {
            byte[] data = randomBytes(2 * (2 + random.nextInt(100)));
            data[0] = 0;
            data[1] = 0;
            int checksum = ReferenceChecksum.checksum(data, 0, data.length);
            data[0] = (byte) (checksum >>> 8);
            data[1] = (byte) checksum;
            ByteBuf buf = Unpooled.wrappedBuffer(data);
            assertThat(InternetChecksum.verify(buf, 0, data.length)).isTrue();
            int bit = random.nextInt(data.length * 8);
            data[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(InternetChecksum.verify(buf, 0, data.length)).isFalse();
        }
    }

    @Test
    void pseudoHeaderSumsMatchTheByteLayoutOfTheRfcs() {
        for (int round = 0; round < 500; round++) {
            int source = random.nextInt();
            int destination = random.nextInt();
            int protocol = random.nextInt(256);
            int length = random.nextInt(65536);
            assertThat(InternetChecksum.fold(InternetChecksum.ipv4PseudoHeaderSum(source, destination, protocol, length)))
                    .isEqualTo(fold(ReferenceChecksum.ipv4PseudoSum(source, destination, protocol, length)));
            byte[] s6 = randomBytes(16);
            byte[] d6 = randomBytes(16);
            ByteBuf a = Unpooled.wrappedBuffer(s6);
            ByteBuf b = Unpooled.wrappedBuffer(d6);
            assertThat(InternetChecksum.fold(InternetChecksum.ipv6PseudoHeaderSum(a.getLong(0), a.getLong(8), b.getLong(0), b.getLong(8), protocol, length)))
                    .isEqualTo(fold(ReferenceChecksum.ipv6PseudoSum(s6, d6, protocol, length)));
        }
    }

    @Test
    void incremental16BitUpdateEqualsARecomputationFromScratch() {
        for (int round = 0; round < 5000; round++) {
            byte[] data = checksummedBlock(6 + 2 * random.nextInt(40));
            ByteBuf buf = Unpooled.wrappedBuffer(data);
            int field = 4 + 2 * random.nextInt((data.length - 4) / 2);
            int old = buf.getUnsignedShort(field);
            int value = random.nextInt(3) == 0 ? (random.nextBoolean() ? 0 : 0xFFFF) : random.nextInt(65536);
            buf.setShort(field, value);
            buf.setShort(0, InternetChecksum.update16(buf.getUnsignedShort(0), old, value));
            assertUpdatedChecksumIsRight(data, buf);
        }
    }

    @Test
    void incremental16BitUpdateOfAFieldAtAnOddOffset() {
        for (int round = 0; round < 5000; round++) {
            byte[] data = checksummedBlock(6 + 2 * random.nextInt(40));
            ByteBuf buf = Unpooled.wrappedBuffer(data);
            int field = 3 + 2 * random.nextInt((data.length - 4) / 2);
            int old = buf.getUnsignedShort(field);
            int value = random.nextInt(65536);
            buf.setShort(field, value);
            buf.setShort(0, InternetChecksum.update16Unaligned(buf.getUnsignedShort(0), old, value));
            assertUpdatedChecksumIsRight(data, buf);
        }
    }

    @Test
    void incremental32And64BitUpdatesEqualARecomputation() {
        for (int round = 0; round < 5000; round++) {
            byte[] data = checksummedBlock(16 + 2 * random.nextInt(40));
            ByteBuf buf = Unpooled.wrappedBuffer(data);
            int field = 4 + 2 * random.nextInt((data.length - 12) / 2 + 1);
            if (random.nextBoolean()) {
                int old = buf.getInt(field);
                int value = random.nextInt();
                buf.setInt(field, value);
                buf.setShort(0, InternetChecksum.update32(buf.getUnsignedShort(0), old, value));
            } else {
                long old = buf.getLong(field);
                long value = random.nextLong();
                buf.setLong(field, value);
                buf.setShort(0, InternetChecksum.update64(buf.getUnsignedShort(0), old, value));
            }
            assertUpdatedChecksumIsRight(data, buf);
        }
    }

    @Test
    void chainedUpdatesNeverDrift() {
        byte[] data = checksummedBlock(64);
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        for (int step = 0; step < 10_000; step++) {
            int field = 4 + 2 * random.nextInt(30);
            int old = buf.getUnsignedShort(field);
            int value = random.nextInt(65536);
            buf.setShort(field, value);
            buf.setShort(0, InternetChecksum.update16(buf.getUnsignedShort(0), old, value));
        }
        assertUpdatedChecksumIsRight(data, buf);
    }

    /** The block verifies, and the stored checksum equals the reference computed with the field zeroed. */
    private static void assertUpdatedChecksumIsRight(byte[] data, ByteBuf buf) {
        assertThat(InternetChecksum.verify(buf, 0, data.length)).isTrue();
        int stored = buf.getUnsignedShort(0);
        byte[] copy = data.clone();
        copy[0] = 0;
        copy[1] = 0;
        int fresh = ReferenceChecksum.checksum(copy, 0, copy.length);
        // 0x0000 and 0xFFFF are the same number in one's complement (RFC 1624 section 3); a
        // recomputation gives 0xFFFF only for all-zero data, never the case here.
        assertThat(stored).isEqualTo(fresh);
    }

    /**
     * Random data with a correct checksum in bytes 0..1 and a non-zero byte 2 that the tests never
     * rewrite: all-zero data is the one case where 0x0000 and 0xFFFF legitimately differ (RFC 1624 3).
     */
    private byte[] checksummedBlock(int length) {
        byte[] data = randomBytes(length);
        data[0] = 0;
        data[1] = 0;
        data[2] |= 1;
        int checksum = ReferenceChecksum.checksum(data, 0, length);
        data[0] = (byte) (checksum >>> 8);
        data[1] = (byte) checksum;
        return data;
    }

    private byte[] randomBytes(int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        return data;
    }

    private static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }
}
