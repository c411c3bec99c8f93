package io.hypernf.sdk.packet;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight over a UDP header (RFC 768). Big-endian fields.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Length             |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Length counts header and data. Over IPv4 a checksum of 0 means "not computed" (RFC 768), so a
 * computed 0 is sent as 0xFFFF and the incremental updates leave a 0 checksum alone; over IPv6
 * the checksum is mandatory (RFC 8200 8.1).
 */
public final class UdpHeader {
    public static final int SOURCE_PORT = 0;
    public static final int DESTINATION_PORT = 2;
    public static final int LENGTH_FIELD = 4;
    public static final int CHECKSUM = 6;
    /** Header length. */
    public static final int LENGTH = 8;
    /** The checksum field's "no checksum" value over IPv4. */
    public static final int NO_CHECKSUM = 0;

    private ByteBuf buf;
    private int offset;

    public UdpHeader wrap(ByteBuf buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    public ByteBuf buffer() { return buf; }
    public int offset() { return offset; }

    public int sourcePort() { return buf.getUnsignedShort(offset + SOURCE_PORT); }
    public UdpHeader sourcePort(int port) { buf.setShort(offset + SOURCE_PORT, port); return this; }

    public int destinationPort() { return buf.getUnsignedShort(offset + DESTINATION_PORT); }
    public UdpHeader destinationPort(int port) { buf.setShort(offset + DESTINATION_PORT, port); return this; }

    /** The length field: header plus data, in bytes. */
    public int length() { return buf.getUnsignedShort(offset + LENGTH_FIELD); }
    public UdpHeader length(int length) { buf.setShort(offset + LENGTH_FIELD, length); return this; }

    public int checksum() { return buf.getUnsignedShort(offset + CHECKSUM); }
    public UdpHeader checksum(int checksum) { buf.setShort(offset + CHECKSUM, checksum); return this; }

    public int payloadOffset() { return offset + LENGTH; }

    /** Sets the source port and patches a present checksum (RFC 1624). */
    public UdpHeader rewriteSourcePort(int port) {
        patch(sourcePort(), port);
        return sourcePort(port);
    }

    /** Sets the destination port and patches a present checksum (RFC 1624). */
    public UdpHeader rewriteDestinationPort(int port) {
        patch(destinationPort(), port);
        return destinationPort(port);
    }

    /** Patches a present checksum for a 32-bit pseudo-header change (an IPv4 address rewrite). */
    public UdpHeader adjustChecksum32(int oldValue, int newValue) {
        int checksum = checksum();
        if (checksum != NO_CHECKSUM) {
            checksum(nonZero(InternetChecksum.update32(checksum, oldValue, newValue)));
        }
        return this;
    }

    /** Patches the checksum for a 64-bit pseudo-header change (half an IPv6 address). */
    public UdpHeader adjustChecksum64(long oldValue, long newValue) {
        int checksum = checksum();
        if (checksum != NO_CHECKSUM) {
            checksum(nonZero(InternetChecksum.update64(checksum, oldValue, newValue)));
        }
        return this;
    }

    /** The checksum over IPv4 from scratch, as it must be stored (0 becomes 0xFFFF). {@code length}: header + data. */
    public int computeChecksumIpv4(int source, int destination, int length) {
        long sum = InternetChecksum.ipv4PseudoHeaderSum(source, destination, IpProtocol.UDP, length)
                + InternetChecksum.sum(buf, offset, length) - checksum();
        return nonZero(InternetChecksum.finish(sum));
    }

    /** The checksum over IPv6 from scratch, as it must be stored (0 becomes 0xFFFF). */
    public int computeChecksumIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int length) {
        long sum = InternetChecksum.ipv6PseudoHeaderSum(sourceHigh, sourceLow, destinationHigh, destinationLow, IpProtocol.UDP, length)
                + InternetChecksum.sum(buf, offset, length) - checksum();
        return nonZero(InternetChecksum.finish(sum));
    }

    /** Whether the checksum is right over IPv4; a 0 ("not computed") checksum counts as right. */
    public boolean verifyChecksumIpv4(int source, int destination, int length) {
        if (checksum() == NO_CHECKSUM) {
            return true;
        }
        long sum = InternetChecksum.ipv4PseudoHeaderSum(source, destination, IpProtocol.UDP, length)
                + InternetChecksum.sum(buf, offset, length);
        return InternetChecksum.fold(sum) == 0xFFFF;
    }

    /** Whether the checksum is right over IPv6; 0 is never right there (RFC 8200 8.1). */
    public boolean verifyChecksumIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow, int length) {
        if (checksum() == NO_CHECKSUM) {
            return false;
        }
        long sum = InternetChecksum.ipv6PseudoHeaderSum(sourceHigh, sourceLow, destinationHigh, destinationLow, IpProtocol.UDP, length)
                + InternetChecksum.sum(buf, offset, length);
        return InternetChecksum.fold(sum) == 0xFFFF;
    }

    private void patch(int oldValue, int newValue) {
        int checksum = checksum();
        if (checksum != NO_CHECKSUM) {
            checksum(nonZero(InternetChecksum.update16(checksum, oldValue, newValue)));
        }
    }

    private static int nonZero(int checksum) {
        return checksum == 0 ? 0xFFFF : checksum;
    }
}
