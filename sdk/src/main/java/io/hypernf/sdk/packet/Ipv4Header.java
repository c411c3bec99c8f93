package io.hypernf.sdk.packet;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight over an IPv4 header (RFC 791 section 3.1), options included. Big-endian fields.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |   DSCP    |ECN|          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |Flags|      Fragment Offset    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (IHL > 5)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Flags: bit 0 reserved, DF (don't fragment), MF (more fragments). The fragment offset counts
 * 8-octet units. Addresses are {@code int}s in network order (see {@link Ipv4Addresses}).
 *
 * <p>Setters write the field only. The methods named {@code rewrite...} and {@link #decrementTtl()}
 * also patch the header checksum incrementally (RFC 1624); the transport checksum, which covers
 * the addresses through the pseudo-header, is the caller's (see {@link TcpHeader#adjustChecksum32}).
 *
 * <p>Options are walked without allocation: {@link #firstOption()} / {@link #nextOption(int)}
 * return the offset of each option's type octet (RFC 791: type 0 ends the list, type 1 is a
 * one-octet NOP, every other option has a length octet counting type and length, at least 2).
 */
public final class Ipv4Header {
    public static final int VERSION_IHL = 0;
    public static final int TOS = 1;
    public static final int TOTAL_LENGTH = 2;
    public static final int IDENTIFICATION = 4;
    public static final int FLAGS_FRAGMENT_OFFSET = 6;
    public static final int TTL = 8;
    public static final int PROTOCOL = 9;
    public static final int CHECKSUM = 10;
    public static final int SOURCE = 12;
    public static final int DESTINATION = 16;
    public static final int OPTIONS = 20;
    /** Header length without options (IHL 5). */
    public static final int MIN_LENGTH = 20;
    /** Header length with the most options (IHL 15). */
    public static final int MAX_LENGTH = 60;

    public static final int FLAG_DONT_FRAGMENT = 0x4000;
    public static final int FLAG_MORE_FRAGMENTS = 0x2000;
    public static final int FRAGMENT_OFFSET_MASK = 0x1FFF;

    public static final int OPTION_END_OF_LIST = 0;
    public static final int OPTION_NOP = 1;
    public static final int OPTION_RECORD_ROUTE = 7;
    public static final int OPTION_TIMESTAMP = 68;
    public static final int OPTION_LOOSE_SOURCE_ROUTE = 131;
    public static final int OPTION_STRICT_SOURCE_ROUTE = 137;
    public static final int OPTION_ROUTER_ALERT = 148;
    /** {@link #nextOption}/{@link #findOption}: no (further) option. */
    public static final int NO_OPTION = -1;
    /** {@link #nextOption}/{@link #findOption}: an option's length octet is missing, below 2, or runs past the header. */
    public static final int OPTIONS_MALFORMED = -2;

    private ByteBuf buf;
    private int offset;

    public Ipv4Header wrap(ByteBuf buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    public ByteBuf buffer() { return buf; }
    public int offset() { return offset; }

    public int version() { return buf.getUnsignedByte(offset + VERSION_IHL) >>> 4; }
    public Ipv4Header version(int version) {
        buf.setByte(offset + VERSION_IHL, (version << 4) | (buf.getUnsignedByte(offset + VERSION_IHL) & 0x0F));
        return this;
    }

    /** Internet header length in 32-bit words (5..15 when valid). */
    public int ihl() { return buf.getUnsignedByte(offset + VERSION_IHL) & 0x0F; }
    public Ipv4Header ihl(int words) {
        buf.setByte(offset + VERSION_IHL, (buf.getUnsignedByte(offset + VERSION_IHL) & 0xF0) | (words & 0x0F));
        return this;
    }

    /** Header length in bytes, options included: {@code ihl() * 4}. */
    public int headerLength() { return ihl() << 2; }

    public int tos() { return buf.getUnsignedByte(offset + TOS); }
    public Ipv4Header tos(int tos) { buf.setByte(offset + TOS, tos); return this; }
    public int dscp() { return tos() >>> 2; }
    public int ecn() { return tos() & 3; }

    public int totalLength() { return buf.getUnsignedShort(offset + TOTAL_LENGTH); }
    public Ipv4Header totalLength(int length) { buf.setShort(offset + TOTAL_LENGTH, length); return this; }

    public int identification() { return buf.getUnsignedShort(offset + IDENTIFICATION); }
    public Ipv4Header identification(int id) { buf.setShort(offset + IDENTIFICATION, id); return this; }

    /** The flags and fragment offset word as it is on the wire. */
    public int flagsFragmentOffset() { return buf.getUnsignedShort(offset + FLAGS_FRAGMENT_OFFSET); }
    public Ipv4Header flagsFragmentOffset(int word) { buf.setShort(offset + FLAGS_FRAGMENT_OFFSET, word); return this; }

    public boolean dontFragment() { return (flagsFragmentOffset() & FLAG_DONT_FRAGMENT) != 0; }
    public boolean moreFragments() { return (flagsFragmentOffset() & FLAG_MORE_FRAGMENTS) != 0; }
    /** Fragment offset in bytes (the field counts 8-octet units). */
    public int fragmentOffsetBytes() { return (flagsFragmentOffset() & FRAGMENT_OFFSET_MASK) << 3; }
    /** Whether this datagram is a fragment: MF set or a non-zero offset. */
    public boolean isFragment() { return (flagsFragmentOffset() & (FLAG_MORE_FRAGMENTS | FRAGMENT_OFFSET_MASK)) != 0; }

    public int ttl() { return buf.getUnsignedByte(offset + TTL); }
    public Ipv4Header ttl(int ttl) { buf.setByte(offset + TTL, ttl); return this; }

    public int protocol() { return buf.getUnsignedByte(offset + PROTOCOL); }
    public Ipv4Header protocol(int protocol) { buf.setByte(offset + PROTOCOL, protocol); return this; }

    public int checksum() { return buf.getUnsignedShort(offset + CHECKSUM); }
    public Ipv4Header checksum(int checksum) { buf.setShort(offset + CHECKSUM, checksum); return this; }

    public int source() { return buf.getInt(offset + SOURCE); }
    public Ipv4Header source(int address) { buf.setInt(offset + SOURCE, address); return this; }

    public int destination() { return buf.getInt(offset + DESTINATION); }
    public Ipv4Header destination(int address) { buf.setInt(offset + DESTINATION, address); return this; }

    /** Offset of the byte after the header (options included): the transport header. */
    public int payloadOffset() { return offset + headerLength(); }

    /** The header checksum computed from scratch over {@link #headerLength()} bytes, the checksum field taken as zero. */
    public int computeChecksum() {
        int length = headerLength();
        long sum = InternetChecksum.sum(buf, offset, length) - checksum();
        return InternetChecksum.finish(sum);
    }

    /** Recomputes and stores the header checksum. */
    public Ipv4Header updateChecksum() { return checksum(computeChecksum()); }

    /** Whether the stored header checksum is right (RFC 1071: the header sums to 0xFFFF). */
    public boolean verifyChecksum() { return InternetChecksum.verify(buf, offset, headerLength()); }

    /**
     * Decrements the TTL by one and patches the checksum (RFC 1624 section 4 uses this very case):
     * TTL and protocol form one 16-bit word. Returns the new TTL; does nothing and returns 0 when it
     * is already 0 (the caller drops it and may send ICMP time exceeded, RFC 1812 5.3.1).
     */
    public int decrementTtl() {
        int ttl = ttl();
        if (ttl == 0) {
            return 0;
        }
        int oldWord = buf.getUnsignedShort(offset + TTL);
        int newWord = oldWord - 0x100;
        buf.setShort(offset + TTL, newWord);
        checksum(InternetChecksum.update16(checksum(), oldWord, newWord));
        return ttl - 1;
    }

    /** Sets the source address and patches the header checksum incrementally. */
    public Ipv4Header rewriteSource(int address) {
        checksum(InternetChecksum.update32(checksum(), source(), address));
        return source(address);
    }

    /** Sets the destination address and patches the header checksum incrementally. */
    public Ipv4Header rewriteDestination(int address) {
        checksum(InternetChecksum.update32(checksum(), destination(), address));
        return destination(address);
    }

    /** Offset of the first option's type octet, or {@link #NO_OPTION} (IHL 5, or the list starts with end-of-list). */
    public int firstOption() {
        return optionAtOrEnd(offset + OPTIONS);
    }

    /**
     * Offset of the option after the one at {@code optionOffset}, {@link #NO_OPTION} at the end of
     * the list or header, or {@link #OPTIONS_MALFORMED} when the current option's length is bad.
     */
    public int nextOption(int optionOffset) {
        int length = optionLength(optionOffset);
        if (length < 0) {
            return OPTIONS_MALFORMED;
        }
        return optionAtOrEnd(optionOffset + length);
    }

    public int optionType(int optionOffset) { return buf.getUnsignedByte(optionOffset); }

    /**
     * Length of the option at {@code optionOffset} (1 for NOP), or {@link #OPTIONS_MALFORMED} when
     * its length octet lies outside the header, is below 2, or the option runs past the header.
     */
    public int optionLength(int optionOffset) {
        int end = offset + headerLength();
        int type = buf.getUnsignedByte(optionOffset);
        if (type == OPTION_NOP || type == OPTION_END_OF_LIST) {
            return 1;
        }
        if (optionOffset + 1 >= end) {
            return OPTIONS_MALFORMED;
        }
        int length = buf.getUnsignedByte(optionOffset + 1);
        if (length < 2 || optionOffset + length > end) {
            return OPTIONS_MALFORMED;
        }
        return length;
    }

    /** Offset of the first option of {@code type}, {@link #NO_OPTION}, or {@link #OPTIONS_MALFORMED}. */
    public int findOption(int type) {
        for (int at = firstOption(); ; at = nextOption(at)) {
            if (at < 0 || optionType(at) == type) {
                return at;
            }
        }
    }

    /** Whether every option up to end-of-list (or the end of the header) has a valid length. */
    public boolean optionsWellFormed() {
        int at = firstOption();
        while (at >= 0) {
            at = nextOption(at);
        }
        return at == NO_OPTION;
    }

    private int optionAtOrEnd(int at) {
        if (at >= offset + headerLength() || buf.getUnsignedByte(at) == OPTION_END_OF_LIST) {
            return NO_OPTION;
        }
        return at;
    }
}
