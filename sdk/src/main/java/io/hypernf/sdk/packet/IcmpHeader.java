package io.hypernf.sdk.packet;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight over an ICMP for IPv4 message header (RFC 792). Big-endian fields.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Identifier / unused / pointer  |  Sequence / next-hop MTU    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  error messages: the original IP header + at least 8 octets   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The checksum covers the whole ICMP message, without a pseudo-header. Error messages
 * ({@link #isError()}) carry the datagram that caused them from {@link #embeddedOffset()}: a NAT
 * must rewrite it too (RFC 5508 section 4.2).
 */
public final class IcmpHeader {
    public static final int TYPE = 0;
    public static final int CODE = 1;
    public static final int CHECKSUM = 2;
    public static final int IDENTIFIER = 4;
    public static final int SEQUENCE = 6;
    /** Next-hop MTU of "fragmentation needed" (RFC 1191 section 4). */
    public static final int NEXT_HOP_MTU = 6;
    /** Where an error message's original datagram begins. */
    public static final int EMBEDDED = 8;
    /** Length of the header every ICMP message has. */
    public static final int LENGTH = 8;

    public static final int ECHO_REPLY = 0;
    public static final int DESTINATION_UNREACHABLE = 3;
    public static final int SOURCE_QUENCH = 4;
    public static final int REDIRECT = 5;
    public static final int ECHO_REQUEST = 8;
    public static final int TIME_EXCEEDED = 11;
    public static final int PARAMETER_PROBLEM = 12;
    public static final int TIMESTAMP_REQUEST = 13;
    public static final int TIMESTAMP_REPLY = 14;
    /** Destination unreachable code 4: fragmentation needed and DF set. */
    public static final int CODE_FRAGMENTATION_NEEDED = 4;

    private ByteBuf buf;
    private int offset;

    public IcmpHeader wrap(ByteBuf buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    public ByteBuf buffer() { return buf; }
    public int offset() { return offset; }

    public int type() { return buf.getUnsignedByte(offset + TYPE); }
    public IcmpHeader type(int type) { buf.setByte(offset + TYPE, type); return this; }

    public int code() { return buf.getUnsignedByte(offset + CODE); }
    public IcmpHeader code(int code) { buf.setByte(offset + CODE, code); return this; }

    public int checksum() { return buf.getUnsignedShort(offset + CHECKSUM); }
    public IcmpHeader checksum(int checksum) { buf.setShort(offset + CHECKSUM, checksum); return this; }

    /** Identifier of echo and timestamp messages. */
    public int identifier() { return buf.getUnsignedShort(offset + IDENTIFIER); }
    public IcmpHeader identifier(int id) { buf.setShort(offset + IDENTIFIER, id); return this; }

    public int sequence() { return buf.getUnsignedShort(offset + SEQUENCE); }
    public IcmpHeader sequence(int sequence) { buf.setShort(offset + SEQUENCE, sequence); return this; }

    public int nextHopMtu() { return buf.getUnsignedShort(offset + NEXT_HOP_MTU); }
    public IcmpHeader nextHopMtu(int mtu) { buf.setShort(offset + NEXT_HOP_MTU, mtu); return this; }

    /** Whether the type is an error that embeds the offending datagram (RFC 792, RFC 1122 3.2.2). */
    public boolean isError() { return isErrorType(type()); }

    public static boolean isErrorType(int type) {
        return type == DESTINATION_UNREACHABLE || type == SOURCE_QUENCH || type == REDIRECT
                || type == TIME_EXCEEDED || type == PARAMETER_PROBLEM;
    }

    /** Whether the type carries an identifier that pairs a request with its reply (echo, timestamp). */
    public static boolean isQueryType(int type) {
        return type == ECHO_REQUEST || type == ECHO_REPLY || type == TIMESTAMP_REQUEST || type == TIMESTAMP_REPLY;
    }

    /** Offset of the embedded original IP header of an error message. */
    public int embeddedOffset() { return offset + EMBEDDED; }

    /** Sets the identifier and patches the checksum (a NAT rewriting echo ids, RFC 5508 3.1). */
    public IcmpHeader rewriteIdentifier(int id) {
        checksum(InternetChecksum.update16(checksum(), identifier(), id));
        return identifier(id);
    }

    /** The checksum from scratch over the {@code length} bytes of the message. */
    public int computeChecksum(int length) {
        return InternetChecksum.finish(InternetChecksum.sum(buf, offset, length) - checksum());
    }

    public IcmpHeader updateChecksum(int length) { return checksum(computeChecksum(length)); }

    public boolean verifyChecksum(int length) { return InternetChecksum.verify(buf, offset, length); }
}
