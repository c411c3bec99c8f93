package io.hypernf.sdk.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PacketByteBuf} against Netty's own heap buffer: the same writes through both must leave
 * the same bytes and read back the same values, in both byte orders; re-pointing moves the view
 * to another buffer without touching either buffer's bytes.
 */
class PacketByteBufTest {
    private static final int SIZE = 256;
    private NetmapRegion region;

    @BeforeEach
    void setUp() {
        region = NetmapRegion.allocate(new RingGeometry("bb", 1, 1, 8, 8, SIZE));
    }

    @AfterEach
    void tearDown() {
        region.close();
    }

    @Test
    void primitivesMatchNettyInBothByteOrders() {
        PacketByteBuf view = new PacketByteBuf().point(region.bufferAddress(3), SIZE);
        ByteBuf reference = Unpooled.buffer(SIZE, SIZE);
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            int index = random.nextInt(SIZE - 8);
            long value = random.nextLong();
            switch (random.nextInt(9)) {
                case 0 -> { view.setByte(index, (int) value); reference.setByte(index, (int) value); }
                case 1 -> { view.setShort(index, (int) value); reference.setShort(index, (int) value); }
                case 2 -> { view.setShortLE(index, (int) value); reference.setShortLE(index, (int) value); }
                case 3 -> { view.setMedium(index, (int) value); reference.setMedium(index, (int) value); }
                case 4 -> { view.setMediumLE(index, (int) value); reference.setMediumLE(index, (int) value); }
                case 5 -> { view.setInt(index, (int) value); reference.setInt(index, (int) value); }
                case 6 -> { view.setIntLE(index, (int) value); reference.setIntLE(index, (int) value); }
                case 7 -> { view.setLong(index, value); reference.setLong(index, value); }
                default -> { view.setLongLE(index, value); reference.setLongLE(index, value); }
            }
            int probe = random.nextInt(SIZE - 8);
            assertThat(view.getByte(probe)).isEqualTo(reference.getByte(probe));
            assertThat(view.getShort(probe)).isEqualTo(reference.getShort(probe));
            assertThat(view.getShortLE(probe)).isEqualTo(reference.getShortLE(probe));
            assertThat(view.getUnsignedMedium(probe)).isEqualTo(reference.getUnsignedMedium(probe));
            assertThat(view.getUnsignedMediumLE(probe)).isEqualTo(reference.getUnsignedMediumLE(probe));
            assertThat(view.getInt(probe)).isEqualTo(reference.getInt(probe));
            assertThat(view.getIntLE(probe)).isEqualTo(reference.getIntLE(probe));
            assertThat(view.getLong(probe)).isEqualTo(reference.getLong(probe));
            assertThat(view.getLongLE(probe)).isEqualTo(reference.getLongLE(probe));
        }
        byte[] inMemory = new byte[SIZE];
        NativeMemory.copyToArray(region.bufferAddress(3), inMemory, 0, SIZE);
        assertThat(inMemory).isEqualTo(reference.array());
    }

    @Test
    void bulkCopiesInAndOut() throws Exception {
        PacketByteBuf view = new PacketByteBuf().point(region.bufferAddress(4), SIZE);
        byte[] frame = new byte[100];
        new Random(3).nextBytes(frame);
        view.setBytes(10, frame, 0, frame.length);

        byte[] back = new byte[100];
        view.getBytes(10, back);
        assertThat(back).isEqualTo(frame);

        ByteBuf heap = Unpooled.buffer(100);
        view.getBytes(10, heap, 0, 100);
        assertThat(heap.array()).isEqualTo(frame);

        PacketByteBuf other = new PacketByteBuf().point(region.bufferAddress(5), SIZE);
        other.setBytes(0, view, 10, 100);
        assertThat(bytes(other, 0, 100)).isEqualTo(frame);

        ByteBuffer nio = ByteBuffer.allocate(100);
        view.getBytes(10, nio);
        assertThat(nio.array()).isEqualTo(frame);
        assertThat(view.nioBuffer(10, 4).getInt()).isEqualTo(view.getInt(10));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        view.getBytes(10, out, 100);
        assertThat(out.toByteArray()).isEqualTo(frame);

        assertThat(other.setBytes(150, new ByteArrayInputStream(frame), 100)).isEqualTo(100);
        assertThat(bytes(other, 150, 100)).isEqualTo(frame);

        ByteBuf copy = view.copy(10, 100);
        try {
            assertThat(bytes(copy, 0, 100)).isEqualTo(frame);
        } finally {
            copy.release();
        }
    }

    @Test
    void pointingMovesTheViewWithoutTouchingTheBytes() {
        NativeMemory.putInt(region.bufferAddress(6), 0x01020304);
        NativeMemory.putInt(region.bufferAddress(7), 0x0a0b0c0d);
        PacketByteBuf view = new PacketByteBuf().point(region.bufferAddress(6), SIZE);
        view.writerIndex(60);
        assertThat(view.getIntLE(0)).isEqualTo(0x01020304);
        view.point(region.bufferAddress(7), 128);
        assertThat(view.getIntLE(0)).isEqualTo(0x0a0b0c0d);
        assertThat(view.capacity()).isEqualTo(128);
        assertThat(view.maxCapacity()).isEqualTo(128);
        assertThat(view.writerIndex()).as("a new capacity resets the indices").isZero();
        view.writerIndex(100);
        view.point(region.bufferAddress(6), 128);
        assertThat(view.writerIndex()).as("same capacity: indices left for the caller").isEqualTo(100);
        assertThat(view.getIntLE(0)).isEqualTo(0x01020304);
        view.point(region.bufferAddress(7), 128);
        assertThat(view.memoryAddress()).isEqualTo(region.bufferAddress(7));
        assertThat(NativeMemory.getInt(region.bufferAddress(6))).isEqualTo(0x01020304);
    }

    @Test
    void fixedSizeAndNotReferenceCounted() {
        PacketByteBuf view = new PacketByteBuf().point(region.bufferAddress(3), 64);
        view.writerIndex(64);
        assertThatThrownBy(() -> view.writeByte(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> view.getInt(62)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> view.capacity(32)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(view.release()).isFalse();
        assertThat(view.refCnt()).isEqualTo(1);
        assertThat(view.isReadable()).isTrue();
        assertThat(view.hasArray()).isFalse();
        assertThat(view.isDirect()).isTrue();
    }

    private static byte[] bytes(ByteBuf buf, int index, int length) {
        byte[] out = new byte[length];
        buf.getBytes(index, out);
        return out;
    }
}
