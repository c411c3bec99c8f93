package io.hypernf.sdk.packet;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight over an ICMPv6 message header (RFC 4443 section 2.1). Big-endian fields.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Identifier / MTU / pointer  |    Sequence number            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  error messages: as much of the invoking packet as fits       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Types 0..127 are errors, 128..255 informational (RFC 4443 2.1). Unlike ICMP for IPv4 the
 * checksum includes the IPv6 pseudo-header (RFC 4443 2.3).
 */
public final class Icmpv6Header {
    public static final int TYPE = 0;
    public static final int CODE = 1;
    public static final int CHECKSUM = 2;
    public static final int IDENTIFIER = 4;
    public static final int MTU = 4;
    public static final int SEQUENCE = 6;
    public static final int EMBEDDED = 8;
    public static final int LENGTH = 8;

    public static final int DESTINATION_UNREACHABLE = 1;
    public static final int PACKET_TOO_BIG = 2;
    public static final int TIME_EXCEEDED = 3;
    public static final int PARAMETER_PROBLEM = 4;
    public static final int ECHO_REQUEST = 128;
    public static final int ECHO_REPLY = 129;
    public static final int ROUTER_SOLICITATION = 133;
    public static final int ROUTER_ADVERTISEMENT = 134;
    public static final int NEIGHBOR_SOLICITATION = 135;
    public static final int NEIGHBOR_ADVERTISEMENT = 136;

    private ByteBuf buf;
    private int offset;

    public Icmpv6Header wrap(ByteBuf buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    public ByteBuf buffer() { return buf; }
    public int offset() { return offset; }

    public int type() { return buf.getUnsignedByte(offset + TYPE); }
    public Icmpv6Header type(int type) { buf.setByte(offset + TYPE, type); return this; }

    public int code() { return buf.getUnsignedByte(offset + CODE); }
    public Icmpv6Header code(int code) { buf.setByte(offset + CODE, code); return this; }

    public int checksum() { return buf.getUnsignedShort(offset + CHECKSUM); }
    public Icmpv6Header checksum(int checksum) { buf.setShort(offset + CHECKSUM, checksum); return this; }

    public int identifier() { return buf.getUnsignedShort(offset + IDENTIFIER); }
    public Icmpv6Header identifier(int id) { buf.setShort(offset + IDENTIFIER, id); return this; }

    public int sequence() { return buf.getUnsignedShort(offset + SEQUENCE); }
    public Icmpv6Header sequence(int sequence) { buf.setShort(offset + SEQUENCE, sequence); return this; }

    /** MTU of a Packet Too Big message (RFC 4443 3.2). */
    public long mtu() { return buf.getUnsignedInt(offset + MTU); }
    public Icmpv6Header mtu(long mtu) { buf.setInt(offset + MTU, (int) mtu); return this; }

    public boolean isError() { return isErrorType(type()); }

    public static boolean isErrorType(int type) { return type < 128; }

    public static boolean isEchoType(int type) { return type == ECHO_REQUEST || type == ECHO_REPLY; }

    /** Offset of the invoking packet's IPv6 header inside an error message. */
    public int embeddedOffset() { return offset + EMBEDDED; }

    /** Sets the echo identifier and patches the checksum (RFC 1624). */
    public Icmpv6Header rewriteIdentifier(int id) {
        checksum(InternetChecksum.update16(checksum(), identifier(), id));
        return identifier(id);
    }

    /** Patches the checksum for a 64-bit pseudo-header change (half an IPv6 address). */
    public Icmpv6Header adjustChecksum64(long oldValue, long newValue) {
        return checksum(InternetChecksum.update64(checksum(), oldValue, newValue));
    }

    /** The checksum from scratch over the pseudo-header and the {@code length} bytes of the message. */
    public int computeChecksum(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int length) {
        long sum = InternetChecksum.ipv6PseudoHeaderSum(sourceHigh, sourceLow, destinationHigh, destinationLow, IpProtocol.ICMPV6, length)
                + InternetChecksum.sum(buf, offset, length) - checksum();
        return InternetChecksum.finish(sum);
    }

    public boolean verifyChecksum(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int length) {
        long sum = InternetChecksum.ipv6PseudoHeaderSum(sourceHigh, sourceLow, destinationHigh, destinationLow, IpProtocol.ICMPV6, length)
                + InternetChecksum.sum(buf, offset, length);
        return InternetChecksum.fold(sum) == 0xFFFF;
    }
}
