package io.hypernf.sdk.ring;

import com.sun.jna.Pointer;
import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ScatteringByteChannel;

/**
 * A Netty {@code ByteBuf} over native memory that is re-pointed at another packet buffer with
 * {@link #point}: the run loop keeps one per packet holder and points it at each packet's slot
 * buffer, so a packet costs two field writes instead of a visit to a {@code ByteBuf} object of
 * its own (one per buffer of a region, thousands of them: their headers missed the CPU caches on
 * every packet and dominated the forward path's profile).
 *
 * <p>Big endian like every Netty buffer; multi-byte accesses go through {@link NativeMemory}
 * (little-endian x86-64) and swap. Indices are checked by {@link AbstractByteBuf} unless
 * {@code io.netty.buffer.checkBounds=false}, except for the single-value get/set accessors, which
 * check with one compare of their own, always. The memory belongs to a region, never to this
 * object: it is not reference counted ({@link #release()} does nothing and returns false, like
 * Netty's unreleasable buffers), and its size is fixed ({@link #capacity(int)} refuses to change
 * it; writing past the end fails as on any full buffer).
 */
public final class PacketByteBuf extends AbstractByteBuf {
    private static final boolean SWAP = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private long address;
    private int capacity;

    /** A buffer pointing nowhere (capacity 0) until {@link #point} is called. */
    public PacketByteBuf() {
        super(0);
    }

    /**
     * Points this buffer at {@code capacity} bytes at {@code address} (a packet buffer of a
     * region). The reader and writer indices stay as they were, for the caller to set for the new
     * packet (the run loop does, with {@code setIndex}); a change of capacity resets them to 0.
     */
    public PacketByteBuf point(long address, int capacity) {
        this.address = address;
        if (this.capacity != capacity) {
            setIndex(0, 0);
            this.capacity = capacity;
            maxCapacity(capacity);
        }
        return this;
    }

    private long at(int index) { return address + index; }

    private static short be(short v) { return SWAP ? Short.reverseBytes(v) : v; }
    private static int be(int v) { return SWAP ? Integer.reverseBytes(v) : v; }
    private static long be(long v) { return SWAP ? Long.reverseBytes(v) : v; }
    private static short le(short v) { return SWAP ? v : Short.reverseBytes(v); }
    private static int le(int v) { return SWAP ? v : Integer.reverseBytes(v); }
    private static long le(long v) { return SWAP ? v : Long.reverseBytes(v); }

    @Override protected byte _getByte(int index) { return NativeMemory.getByte(at(index)); }
    @Override protected short _getShort(int index) { return be(NativeMemory.getShort(at(index))); }
    @Override protected short _getShortLE(int index) { return le(NativeMemory.getShort(at(index))); }

    @Override
    protected int _getUnsignedMedium(int index) {
        return (_getByte(index) & 0xff) << 16 | (_getByte(index + 1) & 0xff) << 8 | _getByte(index + 2) & 0xff;
    }

    @Override
    protected int _getUnsignedMediumLE(int index) {
        return _getByte(index) & 0xff | (_getByte(index + 1) & 0xff) << 8 | (_getByte(index + 2) & 0xff) << 16;
    }

    @Override protected int _getInt(int index) { return be(NativeMemory.getInt(at(index))); }
    @Override protected int _getIntLE(int index) { return le(NativeMemory.getInt(at(index))); }
    @Override protected long _getLong(int index) { return be(NativeMemory.getLong(at(index))); }
    @Override protected long _getLongLE(int index) { return le(NativeMemory.getLong(at(index))); }

    @Override protected void _setByte(int index, int value) { NativeMemory.putByte(at(index), (byte) value); }
    @Override protected void _setShort(int index, int value) { NativeMemory.putShort(at(index), be((short) value)); }
    @Override protected void _setShortLE(int index, int value) { NativeMemory.putShort(at(index), le((short) value)); }

    @Override
    protected void _setMedium(int index, int value) {
        _setByte(index, value >>> 16);
        _setByte(index + 1, value >>> 8);
        _setByte(index + 2, value);
    }

    @Override
    protected void _setMediumLE(int index, int value) {
        _setByte(index, value);
        _setByte(index + 1, value >>> 8);
        _setByte(index + 2, value >>> 16);
    }

    @Override protected void _setInt(int index, int value) { NativeMemory.putInt(at(index), be(value)); }
    @Override protected void _setIntLE(int index, int value) { NativeMemory.putInt(at(index), le(value)); }
    @Override protected void _setLong(int index, long value) { NativeMemory.putLong(at(index), be(value)); }
    @Override protected void _setLongLE(int index, long value) { NativeMemory.putLong(at(index), le(value)); }

    /*
     * The accessors NFs and header flyweights use per packet, with one unsigned compare each
     * instead of AbstractByteBuf's chain (accessibility through refCnt(), then two bound checks).
     * The compare stays on in production: this is native memory, where a read past the buffer
     * would reach another packet or unmapped memory.
     */

    private void check(int index, int size) {
        if (Integer.compareUnsigned(index, capacity - size) > 0 || capacity < size) {
            throw new IndexOutOfBoundsException("index " + index + " size " + size + " of a buffer of " + capacity);
        }
    }

    @Override public byte getByte(int index) { check(index, 1); return _getByte(index); }
    @Override public short getShort(int index) { check(index, 2); return _getShort(index); }
    @Override public int getInt(int index) { check(index, 4); return _getInt(index); }
    @Override public long getLong(int index) { check(index, 8); return _getLong(index); }
    @Override public ByteBuf setByte(int index, int value) { check(index, 1); _setByte(index, value); return this; }
    @Override public ByteBuf setShort(int index, int value) { check(index, 2); _setShort(index, value); return this; }
    @Override public ByteBuf setInt(int index, int value) { check(index, 4); _setInt(index, value); return this; }
    @Override public ByteBuf setLong(int index, long value) { check(index, 8); _setLong(index, value); return this; }

    @Override public int capacity() { return capacity; }

    @Override
    public ByteBuf capacity(int newCapacity) {
        if (newCapacity != capacity) {
            throw new UnsupportedOperationException("a packet buffer has a fixed size of " + capacity + " bytes, cannot become " + newCapacity);
        }
        return this;
    }

    @Override public ByteBufAllocator alloc() { return UnpooledByteBufAllocator.DEFAULT; }

    @Override
    @SuppressWarnings("deprecation")
    public ByteOrder order() { return ByteOrder.BIG_ENDIAN; }

    @Override public ByteBuf unwrap() { return null; }
    @Override public boolean isDirect() { return true; }

    @Override
    public ByteBuf getBytes(int index, ByteBuf dst, int dstIndex, int length) {
        checkDstIndex(index, length, dstIndex, dst.capacity());
        if (dst.hasMemoryAddress()) {
            NativeMemory.copy(at(index), dst.memoryAddress() + dstIndex, length);
        } else if (dst.hasArray()) {
            NativeMemory.copyToArray(at(index), dst.array(), dst.arrayOffset() + dstIndex, length);
        } else {
            dst.setBytes(dstIndex, this, index, length);
        }
        return this;
    }

    @Override
    public ByteBuf getBytes(int index, byte[] dst, int dstIndex, int length) {
        checkDstIndex(index, length, dstIndex, dst.length);
        NativeMemory.copyToArray(at(index), dst, dstIndex, length);
        return this;
    }

    @Override
    public ByteBuf getBytes(int index, ByteBuffer dst) {
        dst.put(nioBuffer(index, dst.remaining()));
        return this;
    }

    @Override
    public ByteBuf getBytes(int index, OutputStream out, int length) throws IOException {
        checkIndex(index, length);
        byte[] bytes = new byte[length];
        NativeMemory.copyToArray(at(index), bytes, 0, length);
        out.write(bytes);
        return this;
    }

    @Override
    public int getBytes(int index, GatheringByteChannel out, int length) throws IOException {
        return out.write(nioBuffer(index, length));
    }

    @Override
    public int getBytes(int index, FileChannel out, long position, int length) throws IOException {
        return out.write(nioBuffer(index, length), position);
    }

    @Override
    public ByteBuf setBytes(int index, ByteBuf src, int srcIndex, int length) {
        checkSrcIndex(index, length, srcIndex, src.capacity());
        if (src.hasMemoryAddress()) {
            NativeMemory.copy(src.memoryAddress() + srcIndex, at(index), length);
        } else if (src.hasArray()) {
            NativeMemory.copyFromArray(src.array(), src.arrayOffset() + srcIndex, at(index), length);
        } else {
            src.getBytes(srcIndex, this, index, length);
        }
        return this;
    }

    @Override
    public ByteBuf setBytes(int index, byte[] src, int srcIndex, int length) {
        checkSrcIndex(index, length, srcIndex, src.length);
        NativeMemory.copyFromArray(src, srcIndex, at(index), length);
        return this;
    }

    @Override
    public ByteBuf setBytes(int index, ByteBuffer src) {
        nioBuffer(index, src.remaining()).put(src);
        return this;
    }

    @Override
    public int setBytes(int index, InputStream in, int length) throws IOException {
        checkIndex(index, length);
        byte[] bytes = new byte[length];
        int read = in.read(bytes, 0, length);
        if (read > 0) {
            NativeMemory.copyFromArray(bytes, 0, at(index), read);
        }
        return read;
    }

    @Override
    public int setBytes(int index, ScatteringByteChannel in, int length) throws IOException {
        try {
            return in.read(nioBuffer(index, length));
        } catch (ClosedChannelException e) {
            return -1;
        }
    }

    @Override
    public int setBytes(int index, FileChannel in, long position, int length) throws IOException {
        try {
            return in.read(nioBuffer(index, length), position);
        } catch (ClosedChannelException e) {
            return -1;
        }
    }

    @Override
    public ByteBuf copy(int index, int length) {
        checkIndex(index, length);
        return alloc().directBuffer(length, maxCapacity()).writeBytes(this, index, length);
    }

    @Override public int nioBufferCount() { return 1; }

    /** A new big-endian {@code ByteBuffer} view of {@code [index, index + length)} (allocates: not for the data path). */
    @Override
    public ByteBuffer nioBuffer(int index, int length) {
        checkIndex(index, length);
        if (length == 0) {
            return ByteBuffer.allocateDirect(0);
        }
        return new Pointer(at(index)).getByteBuffer(0, length).order(ByteOrder.BIG_ENDIAN);
    }

    @Override public ByteBuffer internalNioBuffer(int index, int length) { return nioBuffer(index, length); }
    @Override public ByteBuffer[] nioBuffers(int index, int length) { return new ByteBuffer[] {nioBuffer(index, length)}; }

    @Override public boolean hasArray() { return false; }
    @Override public byte[] array() { throw new UnsupportedOperationException("a packet buffer is native memory, it has no array"); }
    @Override public int arrayOffset() { throw new UnsupportedOperationException("a packet buffer is native memory, it has no array"); }
    @Override public boolean hasMemoryAddress() { return true; }
    @Override public long memoryAddress() { return address; }

    @Override public int refCnt() { return 1; }
    @Override public ByteBuf retain(int increment) { return this; }
    @Override public ByteBuf retain() { return this; }
    @Override public ByteBuf touch() { return this; }
    @Override public ByteBuf touch(Object hint) { return this; }
    @Override public boolean release() { return false; }
    @Override public boolean release(int decrement) { return false; }
}
