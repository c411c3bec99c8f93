package io.hypernf.sdk.port.pcap;

import io.hypernf.sdk.port.IoErrors;
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
import java.util.Arrays;

/**
 * Reads packet records from a capture file, classic pcap or pcapng, one record at a time into a
 * buffer the caller supplies; nothing is allocated per record.
 *
 * <p>Roadmap: {@link #open} reads the magic and picks the format; {@link #next()} walks to the
 * next packet record ({@code nextClassic} or {@code nextBlock}), validates it, and leaves its data
 * in this reader's window; the {@code copyTo} methods copy it out; {@link #rewind()} starts over
 * (used by a looping replay).
 *
 * <p>Classic pcap (draft-ietf-opsawg-pcap): a 24-byte file header whose magic gives byte order
 * and resolution, then records:
 * <pre>
 *  file header: | magic u32 | major u16 | minor u16 | thiszone i32 | sigfigs u32 | snaplen u32 | linktype u32 |
 *  magic a1b2c3d4 microseconds, a1b23c4d nanoseconds, read in the file's own byte order.
 *  record:      | ts_sec u32 | ts_usec or ts_nsec u32 | caplen u32 | origlen u32 | caplen bytes of data |
 * </pre>
 * pcapng (draft-ietf-opsawg-pcapng): a sequence of blocks, each
 * {@code | type u32 | total length u32 | body | total length u32 |} in the byte order of its
 * section. Section header (0x0A0D0D0A, a palindrome, so it is found before the byte order is
 * known): byte-order magic 0x1A2B3C4D at offset 8; it resets the interface list. Interface
 * description (1): link type u16 @8, snaplen u32 @12, options (if_tsresol = 9, if_tsoffset = 14).
 * Enhanced packet (6): interface id @8, timestamp high @12 and low @16, caplen @20, origlen @24,
 * data @28. Simple packet (3): origlen @8, data @12, interface 0. Obsolete packet block (2):
 * interface id u16 @8, timestamp @12/@16, caplen @20, origlen @24, data @28. Other blocks are
 * skipped.
 *
 * <p>Corrupt input ends reading: {@link #next()} returns false and {@link #error()} names the
 * kind, {@link #errorMessage()} the file and byte offset. Every step consumes at least one whole
 * record header or block, so reading always terminates. Not thread-safe.
 */
public final class PcapReader implements AutoCloseable {
    /** Largest captured length accepted (libpcap's limit for most link types, 256 KiB). */
    public static final int MAX_CAPTURED_LENGTH = 256 * 1024;
    /** Most interfaces one pcapng section may declare. */
    public static final int MAX_INTERFACES = 65536;

    public static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    public static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
    public static final int PCAPNG_SECTION_HEADER = 0x0a0d0d0a;
    public static final int PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;

    static final int CLASSIC_FILE_HEADER_SIZE = 24;
    static final int CLASSIC_RECORD_HEADER_SIZE = 16;
    static final int BLOCK_INTERFACE_DESCRIPTION = 1;
    static final int BLOCK_OBSOLETE_PACKET = 2;
    static final int BLOCK_SIMPLE_PACKET = 3;
    static final int BLOCK_ENHANCED_PACKET = 6;
    static final int OPTION_END = 0;
    static final int OPTION_IF_TSRESOL = 9;
    static final int OPTION_IF_TSOFFSET = 14;

    /** The window must hold the largest record plus its block header, trailer and options. */
    private static final int WINDOW_SIZE = 2 * MAX_CAPTURED_LENGTH;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private enum State { READING, ENDED, FAILED }

    private final Path file;
    private final boolean strictSnaplen;
    private long snaplenExceeded;
    private final FileChannel channel;
    private final long fileSize;
    private final PcapFormat format;
    private final byte[] window = new byte[WINDOW_SIZE];
    private final ByteBuffer windowBuffer = ByteBuffer.wrap(window);
    /** Valid bytes of the window are {@code [pos, limit)}; {@code window[0]} is file offset {@code windowFileOffset}. */
    private int pos;
    private int limit;
    private long windowFileOffset;
    private boolean bigEndian;

    private State state = State.READING;
    private PcapError error = PcapError.NONE;
    private String errorMessage = "";
    private long records;

    private int classicSnaplen;
    private int classicLinkType;

    private int interfaceCount;
    private int[] ifLinkType = new int[4];
    private int[] ifSnaplen = new int[4];
    /** if_tsresol as given: bit 7 set means a power of two, else a power of ten (pcapng 4.2). */
    private int[] ifTsResolution = new int[4];
    private long[] ifTsOffsetSeconds = new long[4];

    private int recordLinkType;
    private long recordTimestampNanos;
    private int recordCapturedLength;
    private int recordOriginalLength;
    private int recordDataOffset;
    private int recordInterface;

    private PcapReader(Path file, FileChannel channel, boolean strictSnaplen) throws IOException {
        this.file = file;
        this.channel = channel;
        this.strictSnaplen = strictSnaplen;
        this.fileSize = channel.size();
        this.format = readFormat();
    }

    /**
     * Opens {@code file} the way libpcap reads it: a record whose captured length exceeds the
     * snapshot length (but not {@link #MAX_CAPTURED_LENGTH}) is returned cut to the snapshot
     * length and counted in {@link #snaplenExceeded()}. Fuzzed captures do this often (34 files of
     * the tcpdump corpus), and their packets are the interesting ones.
     *
     * @throws IOException if the file cannot be read, is too short, or its magic is neither
     *     classic pcap nor pcapng (the message names the file and the magic found)
     */
    public static PcapReader open(Path file) throws IOException {
        return open(file, false);
    }

    /**
     * Opens {@code file}; with {@code strictSnaplen}, a captured length over the snapshot length
     * ends reading with {@link PcapError#CAPTURED_LENGTH_OVER_SNAPLEN} instead.
     */
    public static PcapReader open(Path file, boolean strictSnaplen) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw named(file, e);
        }
        try {
            return new PcapReader(file, channel, strictSnaplen);
        } catch (IOException e) {
            channel.close();
            throw named(file, e);
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The JDK's messages do not always name the file ("Is a directory"); ours always do. */
    private static IOException named(Path file, IOException e) {
        String message = IoErrors.describe(e);
        return message.startsWith(file + ": ") ? new IOException(message, e) : new IOException(file + ": " + message, e);
    }

    private PcapFormat readFormat() throws IOException {
        if (!ensure(4)) {
            throw new IOException(file + ": " + fileSize + " bytes is too short for a capture file (no magic number)");
        }
        int magic = (int) INT_BE.get(window, pos);
        PcapFormat detected;
        if (magic == MAGIC_MICROSECONDS || magic == MAGIC_NANOSECONDS) {
            bigEndian = true;
            detected = magic == MAGIC_NANOSECONDS ? PcapFormat.PCAP_NANOSECONDS : PcapFormat.PCAP_MICROSECONDS;
        } else if (magic == Integer.reverseBytes(MAGIC_MICROSECONDS) || magic == Integer.reverseBytes(MAGIC_NANOSECONDS)) {
            bigEndian = false;
            detected = magic == Integer.reverseBytes(MAGIC_NANOSECONDS) ? PcapFormat.PCAP_NANOSECONDS : PcapFormat.PCAP_MICROSECONDS;
        } else if (magic == PCAPNG_SECTION_HEADER) {
            if (!ensure(12)) {
                throw new IOException(file + ": pcapng section header is truncated (" + fileSize + " bytes)");
            }
            int bom = (int) INT_BE.get(window, pos + 8);
            if (bom != PCAPNG_BYTE_ORDER_MAGIC && bom != Integer.reverseBytes(PCAPNG_BYTE_ORDER_MAGIC)) {
                throw new IOException(String.format("%s: pcapng byte-order magic 0x%08x is neither 1a2b3c4d nor 4d3c2b1a", file, bom));
            }
            return PcapFormat.PCAPNG;
        } else {
            throw new IOException(String.format("%s: magic 0x%08x is not a capture file (classic pcap: a1b2c3d4, "
                    + "d4c3b2a1, a1b23c4d, 4d3cb2a1; pcapng: 0a0d0d0a)", file, magic));
        }
        if (!ensure(CLASSIC_FILE_HEADER_SIZE)) {
            throw new IOException(file + ": classic pcap file header is truncated (" + fileSize + " of 24 bytes)");
        }
        int snaplen = u32(pos + 16);
        classicSnaplen = effectiveSnaplen(snaplen);
        // The upper bits of the link-type field carry FCS information (draft-ietf-opsawg-pcap 4).
        classicLinkType = u32(pos + 20) & 0xffff;
        pos += CLASSIC_FILE_HEADER_SIZE;
        return detected;
    }

    /** libpcap treats a snapshot length of 0 or above its maximum as the maximum. */
    private static int effectiveSnaplen(int snaplen) {
        return snaplen <= 0 || snaplen > MAX_CAPTURED_LENGTH ? MAX_CAPTURED_LENGTH : snaplen;
    }

    public Path file() { return file; }
    public PcapFormat format() { return format; }
    /** Whether the current section (or the whole classic file) is big endian. */
    public boolean bigEndian() { return bigEndian; }

    /**
     * Moves to the next packet record. Returns false at the end of the file or when the input is
     * corrupt ({@link #error()} tells which); once false, it stays false until {@link #rewind()}.
     * The record's data stays valid until the next call of {@code next} or {@code rewind}.
     */
    public boolean next() {
        if (state != State.READING) {
            return false;
        }
        try {
            return format == PcapFormat.PCAPNG ? nextBlock() : nextClassic();
        } catch (IOException e) {
            return fail(PcapError.IO_ERROR, "read failed: " + e.getMessage());
        }
    }

    private boolean nextClassic() throws IOException {
        if (!ensure(CLASSIC_RECORD_HEADER_SIZE)) {
            return limit == pos ? end() : fail(PcapError.TRUNCATED_HEADER,
                    "record header truncated (" + (limit - pos) + " of 16 bytes)");
        }
        long seconds = u32(pos) & 0xffffffffL;
        long fraction = u32(pos + 4) & 0xffffffffL;
        long captured = u32(pos + 8) & 0xffffffffL;
        long original = u32(pos + 12) & 0xffffffffL;
        if (!checkCaptured(captured, classicSnaplen)) {
            return false;
        }
        int length = (int) captured;
        if (!ensure(CLASSIC_RECORD_HEADER_SIZE + length)) {
            return fail(PcapError.TRUNCATED_RECORD, "record data truncated (" + (limit - pos - CLASSIC_RECORD_HEADER_SIZE)
                    + " of " + length + " bytes)");
        }
        long fractionNanos = format == PcapFormat.PCAP_NANOSECONDS ? fraction : fraction * 1000;
        setRecord(classicLinkType, seconds * NANOS_PER_SECOND + fractionNanos, cutToSnaplen(length, classicSnaplen),
                original, pos + CLASSIC_RECORD_HEADER_SIZE, 0);
        pos += CLASSIC_RECORD_HEADER_SIZE + length;
        return true;
    }

    private boolean nextBlock() throws IOException {
        while (true) {
            if (!ensure(12)) {
                return limit == pos ? end() : fail(PcapError.TRUNCATED_HEADER,
                        "block header truncated (" + (limit - pos) + " of at least 12 bytes)");
            }
            int type = u32(pos);
            if (type == PCAPNG_SECTION_HEADER && !readByteOrder()) {
                return false;
            }
            long blockLength = u32(pos + 4) & 0xffffffffL;
            if (blockLength < 12 || (blockLength & 3) != 0) {
                return fail(PcapError.BAD_BLOCK_LENGTH, String.format("block type 0x%08x has length %d (needs >= 12, a multiple of 4)", type, blockLength));
            }
            switch (type) {
                case PCAPNG_SECTION_HEADER -> {
                    if (!sectionHeader(blockLength)) {
                        return false;
                    }
                }
                case BLOCK_INTERFACE_DESCRIPTION -> {
                    if (!interfaceDescription(blockLength)) {
                        return false;
                    }
                }
                case BLOCK_ENHANCED_PACKET, BLOCK_OBSOLETE_PACKET -> {
                    return packetBlock(type, blockLength);
                }
                case BLOCK_SIMPLE_PACKET -> {
                    return simplePacket(blockLength);
                }
                default -> {
                    if (!skipBlock(type, blockLength)) {
                        return false;
                    }
                }
            }
        }
    }

    private boolean readByteOrder() {
        int bom = (int) INT_BE.get(window, pos + 8);
        if (bom == PCAPNG_BYTE_ORDER_MAGIC) {
            bigEndian = true;
        } else if (bom == Integer.reverseBytes(PCAPNG_BYTE_ORDER_MAGIC)) {
            bigEndian = false;
        } else {
            return fail(PcapError.BAD_BYTE_ORDER_MAGIC, String.format("section header byte-order magic 0x%08x", bom));
        }
        return true;
    }

    /** Section header: byte order (already read), version, section length, options; all but the byte order ignored. */
    private boolean sectionHeader(long blockLength) throws IOException {
        if (blockLength < 28) {
            return fail(PcapError.BAD_BLOCK_LENGTH, "section header length " + blockLength + " is under 28");
        }
        interfaceCount = 0;
        return skipBlock(PCAPNG_SECTION_HEADER, blockLength);
    }

    private boolean interfaceDescription(long blockLength) throws IOException {
        if (blockLength < 20 || blockLength > WINDOW_SIZE) {
            return fail(PcapError.BAD_BLOCK_LENGTH, "interface description length " + blockLength + " is outside [20, " + WINDOW_SIZE + "]");
        }
        int length = (int) blockLength;
        if (!ensure(length)) {
            return fail(PcapError.TRUNCATED_RECORD, "interface description truncated (" + (limit - pos) + " of " + length + " bytes)");
        }
        if (!trailerMatches(length)) {
            return false;
        }
        if (interfaceCount == MAX_INTERFACES) {
            return fail(PcapError.TOO_MANY_INTERFACES, "more than " + MAX_INTERFACES + " interfaces in one section");
        }
        if (interfaceCount == ifLinkType.length) {
            int grown = interfaceCount * 2;
            ifLinkType = Arrays.copyOf(ifLinkType, grown);
            ifSnaplen = Arrays.copyOf(ifSnaplen, grown);
            ifTsResolution = Arrays.copyOf(ifTsResolution, grown);
            ifTsOffsetSeconds = Arrays.copyOf(ifTsOffsetSeconds, grown);
        }
        int k = interfaceCount++;
        ifLinkType[k] = u16(pos + 8);
        ifSnaplen[k] = effectiveSnaplen(u32(pos + 12));
        ifTsResolution[k] = 6;
        ifTsOffsetSeconds[k] = 0;
        int end = pos + length - 4;
        int at = pos + 16;
        // Options: | code u16 | length u16 | value, padded to 4 |, ended by opt_endofopt or the block end.
        // A malformed option list only loses the options after it: the defaults stay.
        while (at + 4 <= end) {
            int code = u16(at);
            int optionLength = u16(at + 2);
            int value = at + 4;
            if (code == OPTION_END || value + optionLength > end) {
                break;
            }
            if (code == OPTION_IF_TSRESOL && optionLength == 1) {
                ifTsResolution[k] = window[value] & 0xff;
            } else if (code == OPTION_IF_TSOFFSET && optionLength == 8) {
                ifTsOffsetSeconds[k] = bigEndian ? (long) LONG_BE.get(window, value) : (long) LONG_LE.get(window, value);
            }
            at = value + ((optionLength + 3) & ~3);
        }
        pos += length;
        return true;
    }

    /** Enhanced (6) and obsolete (2) packet blocks share the layout from offset 12 on. */
    private boolean packetBlock(int type, long blockLength) throws IOException {
        if (blockLength < 32 || blockLength > WINDOW_SIZE) {
            return fail(PcapError.BAD_BLOCK_LENGTH, "packet block length " + blockLength + " is outside [32, " + WINDOW_SIZE + "]");
        }
        int length = (int) blockLength;
        if (!ensure(28)) {
            return fail(PcapError.TRUNCATED_HEADER, "packet block header truncated (" + (limit - pos) + " of 28 bytes)");
        }
        int iface = type == BLOCK_ENHANCED_PACKET ? u32(pos + 8) : u16(pos + 8);
        long timestamp = ((u32(pos + 12) & 0xffffffffL) << 32) | (u32(pos + 16) & 0xffffffffL);
        long captured = u32(pos + 20) & 0xffffffffL;
        long original = u32(pos + 24) & 0xffffffffL;
        if (iface < 0 || iface >= interfaceCount) {
            return fail(PcapError.UNKNOWN_INTERFACE, "packet block names interface " + Integer.toUnsignedString(iface)
                    + " but the section declared " + interfaceCount);
        }
        if (captured > MAX_CAPTURED_LENGTH) {
            return checkCaptured(captured, ifSnaplen[iface]);
        }
        if (28 + ((captured + 3) & ~3L) + 4 > blockLength) {
            return fail(PcapError.BAD_BLOCK_LENGTH, "packet block of " + blockLength + " bytes cannot hold " + captured + " captured bytes");
        }
        if (!checkCaptured(captured, ifSnaplen[iface])) {
            return false;
        }
        if (!ensure(length)) {
            return fail(PcapError.TRUNCATED_RECORD, "packet block truncated (" + (limit - pos) + " of " + length + " bytes)");
        }
        if (!trailerMatches(length)) {
            return false;
        }
        setRecord(ifLinkType[iface], toNanos(timestamp, iface), cutToSnaplen((int) captured, ifSnaplen[iface]),
                original, pos + 28, iface);
        pos += length;
        return true;
    }

    /** Simple packet block: interface 0, no timestamp; captured = min(original, snaplen, room in the block). */
    private boolean simplePacket(long blockLength) throws IOException {
        if (blockLength < 16 || blockLength > WINDOW_SIZE) {
            return fail(PcapError.BAD_BLOCK_LENGTH, "simple packet block length " + blockLength + " is outside [16, " + WINDOW_SIZE + "]");
        }
        if (interfaceCount == 0) {
            return fail(PcapError.UNKNOWN_INTERFACE, "simple packet block before any interface description");
        }
        int length = (int) blockLength;
        if (!ensure(length)) {
            return fail(PcapError.TRUNCATED_RECORD, "simple packet block truncated (" + (limit - pos) + " of " + length + " bytes)");
        }
        if (!trailerMatches(length)) {
            return false;
        }
        long original = u32(pos + 8) & 0xffffffffL;
        int captured = (int) Math.min(original, Math.min(ifSnaplen[0], length - 16));
        setRecord(ifLinkType[0], 0, captured, original, pos + 12, 0);
        pos += length;
        return true;
    }

    /** Skips a block without reading its body, then checks its trailing length. */
    private boolean skipBlock(int type, long blockLength) throws IOException {
        if (!skip(blockLength - 4)) {
            return fail(PcapError.TRUNCATED_RECORD, String.format("block type 0x%08x of %d bytes runs past the end of the file", type, blockLength));
        }
        if (!ensure(4)) {
            return fail(PcapError.TRUNCATED_RECORD, String.format("block type 0x%08x lacks its trailing length", type));
        }
        long trailer = u32(pos) & 0xffffffffL;
        if (trailer != blockLength) {
            return fail(PcapError.BAD_BLOCK_LENGTH, String.format("block type 0x%08x: trailing length %d differs from leading %d", type, trailer, blockLength));
        }
        pos += 4;
        return true;
    }

    private boolean trailerMatches(int length) {
        long trailer = u32(pos + length - 4) & 0xffffffffL;
        if (trailer != length) {
            return fail(PcapError.BAD_BLOCK_LENGTH, "trailing block length " + trailer + " differs from leading " + length);
        }
        return true;
    }

    private boolean checkCaptured(long captured, int snaplen) {
        if (captured > MAX_CAPTURED_LENGTH) {
            return fail(PcapError.CAPTURED_LENGTH_OVER_MAXIMUM, "captured length " + captured + " exceeds " + MAX_CAPTURED_LENGTH);
        }
        if (strictSnaplen && captured > snaplen) {
            return fail(PcapError.CAPTURED_LENGTH_OVER_SNAPLEN, "captured length " + captured + " exceeds the snapshot length " + snaplen);
        }
        return true;
    }

    /** libpcap's reading of an over-long record: keep the first snaplen bytes, skip the rest, count it. */
    private int cutToSnaplen(int captured, int snaplen) {
        if (captured <= snaplen) {
            return captured;
        }
        snaplenExceeded++;
        return snaplen;
    }

    /** Converts a pcapng timestamp in the interface's if_tsresol units to nanoseconds (pcapng 4.2). */
    private long toNanos(long timestamp, int iface) {
        int resolution = ifTsResolution[iface];
        int exponent = resolution & 0x7f;
        long offsetNanos = ifTsOffsetSeconds[iface] * NANOS_PER_SECOND;
        if ((resolution & 0x80) != 0) {
            if (exponent >= 64) {
                return offsetNanos;
            }
            long seconds = timestamp >>> exponent;
            long fraction = exponent == 0 ? 0 : timestamp & ((1L << exponent) - 1);
            return offsetNanos + seconds * NANOS_PER_SECOND + (long) (Math.scalb((double) fraction, -exponent) * NANOS_PER_SECOND);
        }
        if (exponent <= 9) {
            return offsetNanos + timestamp * POWERS_OF_TEN[9 - exponent];
        }
        if (exponent - 9 >= POWERS_OF_TEN.length) {
            return offsetNanos;
        }
        return offsetNanos + Long.divideUnsigned(timestamp, POWERS_OF_TEN[exponent - 9]);
    }

    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L
    };

    private void setRecord(int linkType, long timestampNanos, int captured, long original, int dataOffset, int iface) {
        recordLinkType = linkType;
        recordTimestampNanos = timestampNanos;
        recordCapturedLength = captured;
        recordOriginalLength = (int) Math.min(original, Integer.MAX_VALUE);
        recordDataOffset = dataOffset;
        recordInterface = iface;
        records++;
    }

    private boolean end() {
        state = State.ENDED;
        return false;
    }

    private boolean fail(PcapError kind, String detail) {
        state = State.FAILED;
        error = kind;
        errorMessage = file + ": " + detail + " at byte offset " + (windowFileOffset + pos) + " (after " + records + " records)";
        return false;
    }

    /** Link type of the current record (LINKTYPE_ value; {@link LinkType#ETHERNET} is 1). */
    public int linkType() { return recordLinkType; }
    /** Timestamp of the current record in nanoseconds since the epoch (0 for pcapng simple packets). */
    public long timestampNanos() { return recordTimestampNanos; }
    /** Bytes of the current record present in the file. */
    public int capturedLength() { return recordCapturedLength; }
    /** Length of the packet on the wire (may exceed {@link #capturedLength()}). */
    public int originalLength() { return recordOriginalLength; }
    /** pcapng interface of the current record (0 for classic pcap). */
    public int interfaceId() { return recordInterface; }
    /** Records returned so far (since open or the last rewind). */
    public long records() { return records; }
    /** Records whose captured length exceeded the snapshot length and were cut to it (lenient mode). */
    public long snaplenExceeded() { return snaplenExceeded; }

    /** Why reading stopped, or {@link PcapError#NONE}. */
    public PcapError error() { return error; }
    /** The file, the problem and the byte offset; empty when {@link #error()} is NONE. */
    public String errorMessage() { return errorMessage; }
    /** Whether reading is over: the end of the file was reached or the input was corrupt. */
    public boolean finished() { return state != State.READING; }

    /**
     * Copies the current record into {@code destination} at {@code offset}: the captured bytes,
     * cut to the room left in the array. Returns the bytes copied.
     */
    public int copyTo(byte[] destination, int offset) {
        int n = Math.min(recordCapturedLength, destination.length - offset);
        if (n <= 0) {
            return 0;
        }
        System.arraycopy(window, recordDataOffset, destination, offset, n);
        return n;
    }

    /** Appends the current record to {@code destination} (cut to its writable bytes). Returns the bytes written. */
    public int copyTo(ByteBuf destination) {
        int n = Math.min(recordCapturedLength, destination.maxWritableBytes());
        destination.writeBytes(window, recordDataOffset, n);
        return n;
    }

    /** Copies the current record to native memory at {@code address} (at most {@code capacity} bytes). Returns the bytes copied. */
    public int copyTo(long address, int capacity) {
        int n = Math.min(recordCapturedLength, capacity);
        if (n <= 0) {
            return 0;
        }
        NativeMemory.copyFromArray(window, recordDataOffset, address, n);
        return n;
    }

    /** Byte {@code i} of the current record (for callers that look at a header without copying). */
    public int dataByte(int i) {
        if (i < 0 || i >= recordCapturedLength) {
            throw new IndexOutOfBoundsException("byte " + i + " of a record of " + recordCapturedLength);
        }
        return window[recordDataOffset + i] & 0xff;
    }

    /**
     * Moves to the next record and copies it into {@code destination} from index 0. Returns the
     * bytes copied, or -1 at the end of the file or on corrupt input (see {@link #error()}).
     */
    public int read(byte[] destination) {
        return next() ? copyTo(destination, 0) : -1;
    }

    /** Starts again from the first record; clears any error. */
    public void rewind() throws IOException {
        channel.position(0);
        pos = 0;
        limit = 0;
        windowFileOffset = 0;
        state = State.READING;
        error = PcapError.NONE;
        errorMessage = "";
        records = 0;
        snaplenExceeded = 0;
        interfaceCount = 0;
        if (format != PcapFormat.PCAPNG) {
            if (!ensure(CLASSIC_FILE_HEADER_SIZE)) {
                throw new IOException(file + ": file header vanished while rewinding");
            }
            pos = CLASSIC_FILE_HEADER_SIZE;
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a read-only channel loses nothing; there is nobody to tell.
        }
    }

    /** Makes {@code n} bytes available from {@code pos}; false if the file ends first. */
    private boolean ensure(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (n > window.length) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(window, pos, window, 0, limit - pos);
            windowFileOffset += pos;
            limit -= pos;
            pos = 0;
        }
        while (limit < n) {
            windowBuffer.limit(window.length).position(limit);
            int read = channel.read(windowBuffer);
            if (read < 0) {
                return false;
            }
            limit += read;
        }
        return true;
    }

    /** Advances {@code n} bytes, seeking past what the window does not hold; false if that passes the end. */
    private boolean skip(long n) throws IOException {
        if (n <= limit - pos) {
            pos += (int) n;
            return true;
        }
        long target = windowFileOffset + pos + n;
        if (target > fileSize) {
            return false;
        }
        channel.position(target);
        windowFileOffset = target;
        pos = 0;
        limit = 0;
        return true;
    }

    private int u32(int at) {
        return bigEndian ? (int) INT_BE.get(window, at) : (int) INT_LE.get(window, at);
    }

    private int u16(int at) {
        return (bigEndian ? (short) SHORT_BE.get(window, at) : (short) SHORT_LE.get(window, at)) & 0xffff;
    }
}
