package io.hypernf.sdk.packet;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight over a TCP header (RFC 9293 section 3.1), options included. Big-endian fields.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Sequence Number                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Acknowledgment Number                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data |     |A|C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsv |E|W|C|R|C|S|S|Y|I|            Window             |
 * |       |     | |R|E|G|K|H|T|N|N|                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |         Urgent Pointer        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (data offset > 5)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The checksum covers a pseudo-header (addresses, protocol, length), the header and the data;
 * {@code rewrite...} methods patch it incrementally (RFC 1624), and {@link #adjustChecksum32} /
 * {@link #adjustChecksum64} patch it after an address rewrite in the IP header.
 *
 * <p>MSS clamping: {@link #mss()} finds the Maximum Segment Size option (kind 2, length 4,
 * RFC 9293 3.7.1), {@link #clampMss(int)} lowers it and patches the checksum, wherever the
 * option sits (its value may be at an odd offset after a single NOP).
 */
public final class TcpHeader {
    public static final int SOURCE_PORT = 0;
    public static final int DESTINATION_PORT = 2;
    public static final int SEQUENCE = 4;
    public static final int ACKNOWLEDGMENT = 8;
    public static final int DATA_OFFSET_FLAGS = 12;
    public static final int FLAGS = 13;
    public static final int WINDOW = 14;
    public static final int CHECKSUM = 16;
    public static final int URGENT_POINTER = 18;
    public static final int OPTIONS = 20;
    public static final int MIN_LENGTH = 20;
    public static final int MAX_LENGTH = 60;

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;
    /** Accurate ECN (formerly NS, RFC 3540), the low bit of byte 12. */
    public static final int AE = 0x100;

    public static final int OPTION_END_OF_LIST = 0;
    public static final int OPTION_NOP = 1;
    public static final int OPTION_MSS = 2;
    public static final int OPTION_WINDOW_SCALE = 3;
    public static final int OPTION_SACK_PERMITTED = 4;
    public static final int OPTION_SACK = 5;
    public static final int OPTION_TIMESTAMPS = 8;
    /** {@link #findOption}: not present. */
    public static final int NO_OPTION = -1;
    /** {@link #findOption}: an option's length is missing, below 2, or runs past the header. */
    public static final int OPTIONS_MALFORMED = -2;

    private ByteBuf buf;
    private int offset;

    public TcpHeader wrap(ByteBuf buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    public ByteBuf buffer() { return buf; }
    public int offset() { return offset; }

    public int sourcePort() { return buf.getUnsignedShort(offset + SOURCE_PORT); }
    public TcpHeader sourcePort(int port) { buf.setShort(offset + SOURCE_PORT, port); return this; }

    public int destinationPort() { return buf.getUnsignedShort(offset + DESTINATION_PORT); }
    public TcpHeader destinationPort(int port) { buf.setShort(offset + DESTINATION_PORT, port); return this; }

    /** Sequence number as an unsigned 32-bit value in an int (compare with modular arithmetic, RFC 9293 3.4). */
    public int sequence() { return buf.getInt(offset + SEQUENCE); }
    public TcpHeader sequence(int sequence) { buf.setInt(offset + SEQUENCE, sequence); return this; }

    public int acknowledgment() { return buf.getInt(offset + ACKNOWLEDGMENT); }
    public TcpHeader acknowledgment(int ack) { buf.setInt(offset + ACKNOWLEDGMENT, ack); return this; }

    /** Data offset in 32-bit words (5..15 when valid). */
    public int dataOffset() { return buf.getUnsignedByte(offset + DATA_OFFSET_FLAGS) >>> 4; }
    public TcpHeader dataOffset(int words) {
        buf.setByte(offset + DATA_OFFSET_FLAGS, (words << 4) | (buf.getUnsignedByte(offset + DATA_OFFSET_FLAGS) & 0x0F));
        return this;
    }

    /** Header length in bytes, options included. */
    public int headerLength() { return dataOffset() << 2; }

    /** The nine flag bits ({@link #FIN} .. {@link #AE}). */
    public int flags() { return buf.getUnsignedShort(offset + DATA_OFFSET_FLAGS) & 0x1FF; }
    public TcpHeader flags(int flags) {
        int word = buf.getUnsignedShort(offset + DATA_OFFSET_FLAGS);
        buf.setShort(offset + DATA_OFFSET_FLAGS, (word & 0xFE00) | (flags & 0x1FF));
        return this;
    }

    /** Whether every flag of {@code mask} is set. */
    public boolean hasFlags(int mask) { return (flags() & mask) == mask; }

    public int window() { return buf.getUnsignedShort(offset + WINDOW); }
    public TcpHeader window(int window) { buf.setShort(offset + WINDOW, window); return this; }

    public int checksum() { return buf.getUnsignedShort(offset + CHECKSUM); }
    public TcpHeader checksum(int checksum) { buf.setShort(offset + CHECKSUM, checksum); return this; }

    public int urgentPointer() { return buf.getUnsignedShort(offset + URGENT_POINTER); }
    public TcpHeader urgentPointer(int pointer) { buf.setShort(offset + URGENT_POINTER, pointer); return this; }

    /** Offset of the first data byte. */
    public int payloadOffset() { return offset + headerLength(); }

    /** Sets the source port and patches the checksum (RFC 1624). */
    public TcpHeader rewriteSourcePort(int port) {
        checksum(InternetChecksum.update16(checksum(), sourcePort(), port));
        return sourcePort(port);
    }

    /** Sets the destination port and patches the checksum (RFC 1624). */
    public TcpHeader rewriteDestinationPort(int port) {
        checksum(InternetChecksum.update16(checksum(), destinationPort(), port));
        return destinationPort(port);
    }

    /** Patches the checksum for a 32-bit pseudo-header change (an IPv4 address rewrite). */
    public TcpHeader adjustChecksum32(int oldValue, int newValue) {
        return checksum(InternetChecksum.update32(checksum(), oldValue, newValue));
    }

    /** Patches the checksum for a 64-bit pseudo-header change (half an IPv6 address). */
    public TcpHeader adjustChecksum64(long oldValue, long newValue) {
        return checksum(InternetChecksum.update64(checksum(), oldValue, newValue));
    }

    /** The checksum over IPv4, from scratch: {@code length} is the segment length (header + data). */
    public int computeChecksumIpv4(int source, int destination, int length) {
        long sum = InternetChecksum.ipv4PseudoHeaderSum(source, destination, IpProtocol.TCP, length)
                + InternetChecksum.sum(buf, offset, length) - checksum();
        return InternetChecksum.finish(sum);
    }

    /** The checksum over IPv6, from scratch (the destination is the final one, RFC 8200 8.1). */
    public int computeChecksumIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int length) {
        long sum = InternetChecksum.ipv6PseudoHeaderSum(sourceHigh, sourceLow, destinationHigh, destinationLow, IpProtocol.TCP, length)
                + InternetChecksum.sum(buf, offset, length) - checksum();
        return InternetChecksum.finish(sum);
    }

    /** Whether the stored checksum is right: pseudo-header plus segment sum to 0xFFFF (RFC 1071). */
    public boolean verifyChecksumIpv4(int source, int destination, int length) {
        long sum = InternetChecksum.ipv4PseudoHeaderSum(source, destination, IpProtocol.TCP, length)
                + InternetChecksum.sum(buf, offset, length);
        return InternetChecksum.fold(sum) == 0xFFFF;
    }

    public boolean verifyChecksumIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int length) {
        long sum = InternetChecksum.ipv6PseudoHeaderSum(sourceHigh, sourceLow, destinationHigh, destinationLow, IpProtocol.TCP, length)
                + InternetChecksum.sum(buf, offset, length);
        return InternetChecksum.fold(sum) == 0xFFFF;
    }

    /**
     * Offset of the first option of {@code kind}, {@link #NO_OPTION}, or {@link #OPTIONS_MALFORMED};
     * the walk stops at end-of-list and at the end of the header, and never reads past it.
     */
    public int findOption(int kind) {
        int end = offset + headerLength();
        int at = offset + OPTIONS;
        while (at < end) {
            int type = buf.getUnsignedByte(at);
            if (type == OPTION_END_OF_LIST) {
                return NO_OPTION;
            }
            if (type == kind) {
                return at;
            }
            if (type == OPTION_NOP) {
                at++;
                continue;
            }
            if (at + 1 >= end) {
                return OPTIONS_MALFORMED;
            }
            int length = buf.getUnsignedByte(at + 1);
            if (length < 2 || at + length > end) {
                return OPTIONS_MALFORMED;
            }
            at += length;
        }
        return NO_OPTION;
    }

    /** The MSS option's value, or -1 when there is no well-formed MSS option (length 4, inside the header). */
    public int mss() {
        int at = mssOptionOffset();
        return at < 0 ? -1 : buf.getUnsignedShort(at + 2);
    }

    /**
     * Lowers the MSS option to {@code maxMss} when it is larger, patching the checksum
     * incrementally (aligned or not). Returns whether the option was changed; a segment without a
     * well-formed MSS option is left alone.
     */
    public boolean clampMss(int maxMss) {
        int at = mssOptionOffset();
        if (at < 0) {
            return false;
        }
        int valueAt = at + 2;
        int old = buf.getUnsignedShort(valueAt);
        if (old <= maxMss) {
            return false;
        }
        int checksum = ((valueAt - offset) & 1) == 0
                ? InternetChecksum.update16(checksum(), old, maxMss)
                : InternetChecksum.update16Unaligned(checksum(), old, maxMss);
        buf.setShort(valueAt, maxMss);
        checksum(checksum);
        return true;
    }

    private int mssOptionOffset() {
        int at = findOption(OPTION_MSS);
        if (at < 0 || at + 4 > offset + headerLength() || buf.getUnsignedByte(at + 1) != 4) {
            return -1;
        }
        return at;
    }
}
