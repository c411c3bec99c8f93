package io.hypernf.sdk.port.pcap;

import io.hypernf.sdk.ring.NativeMemory;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a classic pcap file (draft-ietf-opsawg-pcap) of Ethernet frames, little endian, with
 * microsecond (magic a1b2c3d4) or nanosecond (a1b23c4d) timestamps:
 * <pre>
 *  file header: | magic | 2 u16 | 4 u16 | thiszone 0 | sigfigs 0 | snaplen | LINKTYPE_ETHERNET 1 |
 *  record:      | ts_sec | ts_usec or ts_nsec | caplen = min(len, snaplen) | origlen = len | data |
 * </pre>
 * Records collect in a buffer that is written out when full, on {@link #flush()} and on
 * {@link #close()}. The write methods are data-path methods: they allocate nothing and never
 * throw; an I/O failure makes them return false from then on, and {@link #failure()} keeps it.
 * Not thread-safe.
 */
public final class PcapWriter implements AutoCloseable {
    private static final int FILE_HEADER_SIZE = 24;
    private static final int RECORD_HEADER_SIZE = 16;
    private static final int BUFFER_SIZE = 2 * PcapReader.MAX_CAPTURED_LENGTH;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final Path file;
    private final FileChannel channel;
    private final boolean nanoseconds;
    private final int snaplen;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private final ByteBuffer bufferView = ByteBuffer.wrap(buffer);
    private int filled;
    private long records;
    private IOException failure;
    private boolean closed;

    private PcapWriter(Path file, FileChannel channel, boolean nanoseconds, int snaplen) {
        this.file = file;
        this.channel = channel;
        this.nanoseconds = nanoseconds;
        this.snaplen = snaplen;
    }

    /** Creates (or truncates) {@code file} with the largest snapshot length, {@link PcapReader#MAX_CAPTURED_LENGTH}. */
    public static PcapWriter create(Path file, boolean nanoseconds) throws IOException {
        return create(file, nanoseconds, PcapReader.MAX_CAPTURED_LENGTH);
    }

    /**
     * Creates (or truncates) {@code file} and writes the file header at once, so that even a
     * capture of no packets is a valid file.
     *
     * @param snaplen frames longer than this are cut to it (their original length is kept), 1..262144
     */
    public static PcapWriter create(Path file, boolean nanoseconds, int snaplen) throws IOException {
        if (snaplen < 1 || snaplen > PcapReader.MAX_CAPTURED_LENGTH) {
            throw new IllegalArgumentException("pcap writer " + file + ": snaplen " + snaplen + " is outside [1, "
                    + PcapReader.MAX_CAPTURED_LENGTH + "]");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        PcapWriter writer = new PcapWriter(file, channel, nanoseconds, snaplen);
        writer.writeFileHeader();
        if (!writer.flush()) {
            channel.close();
            throw new IOException(file + ": cannot write the pcap file header: " + writer.failure.getMessage(), writer.failure);
        }
        return writer;
    }

    private void writeFileHeader() {
        INT_LE.set(buffer, 0, nanoseconds ? PcapReader.MAGIC_NANOSECONDS : PcapReader.MAGIC_MICROSECONDS);
        SHORT_LE.set(buffer, 4, (short) 2);
        SHORT_LE.set(buffer, 6, (short) 4);
        INT_LE.set(buffer, 8, 0);
        INT_LE.set(buffer, 12, 0);
        INT_LE.set(buffer, 16, snaplen);
        INT_LE.set(buffer, 20, LinkType.ETHERNET);
        filled = FILE_HEADER_SIZE;
    }

    public Path file() { return file; }
    public boolean nanoseconds() { return nanoseconds; }
    public int snaplen() { return snaplen; }
    /** Records written (buffered or on disk). */
    public long records() { return records; }
    /** The first I/O error, or null. Once set, every write returns false. */
    public IOException failure() { return failure; }

    /** Appends a frame from a Java array. Returns false (and writes nothing) after an I/O failure or once closed. */
    public boolean write(long timestampNanos, byte[] data, int offset, int length) {
        int captured = Math.min(length, snaplen);
        if (!reserve(timestampNanos, captured, length)) {
            return false;
        }
        System.arraycopy(data, offset, buffer, filled, captured);
        filled += captured;
        return true;
    }

    /** Appends a frame of {@code length} bytes at native {@code address} (a slot's buffer). */
    public boolean write(long timestampNanos, long address, int length) {
        int captured = Math.min(length, snaplen);
        if (!reserve(timestampNanos, captured, length)) {
            return false;
        }
        NativeMemory.copyToArray(address, buffer, filled, captured);
        filled += captured;
        return true;
    }

    /** Appends the readable bytes of {@code frame}, leaving its reader index where it was. */
    public boolean write(long timestampNanos, ByteBuf frame) {
        int length = frame.readableBytes();
        int captured = Math.min(length, snaplen);
        if (!reserve(timestampNanos, captured, length)) {
            return false;
        }
        frame.getBytes(frame.readerIndex(), buffer, filled, captured);
        filled += captured;
        return true;
    }

    /** Writes the record header and leaves room for {@code captured} bytes after it. */
    private boolean reserve(long timestampNanos, int captured, int length) {
        if (failure != null || closed || length < 0) {
            return false;
        }
        if (filled + RECORD_HEADER_SIZE + captured > buffer.length && !flush()) {
            return false;
        }
        long seconds = Math.floorDiv(timestampNanos, NANOS_PER_SECOND);
        long fraction = Math.floorMod(timestampNanos, NANOS_PER_SECOND);
        INT_LE.set(buffer, filled, (int) seconds);
        INT_LE.set(buffer, filled + 4, (int) (nanoseconds ? fraction : fraction / 1000));
        INT_LE.set(buffer, filled + 8, captured);
        INT_LE.set(buffer, filled + 12, length);
        filled += RECORD_HEADER_SIZE;
        records++;
        return true;
    }

    /** Writes the buffered records to the file. Returns false on an I/O failure (kept in {@link #failure()}). */
    public boolean flush() {
        if (failure != null) {
            return false;
        }
        try {
            bufferView.limit(filled).position(0);
            while (bufferView.hasRemaining()) {
                channel.write(bufferView);
            }
            filled = 0;
            return true;
        } catch (IOException e) {
            failure = e;
            return false;
        }
    }

    /** Flushes and closes the file. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        flush();
        try {
            channel.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
