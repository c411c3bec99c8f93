package io.hypernf.sdk.packet;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight over the fixed IPv6 header (RFC 8200 section 3). Big-endian fields; each address is
 * two {@code long}s, bytes 0..7 ({@code High}) and 8..15 ({@code Low}); see {@link Ipv6Addresses}.
 * Extension headers are walked by {@link Ipv6ExtensionHeaders}.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class |           Flow Label                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * +                    Source Address (16 octets)                 +
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * +                 Destination Address (16 octets)               +
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The payload length counts everything after these 40 bytes, extension headers included.
 */
public final class Ipv6Header {
    public static final int VERSION_CLASS_FLOW = 0;
    public static final int PAYLOAD_LENGTH = 4;
    public static final int NEXT_HEADER = 6;
    public static final int HOP_LIMIT = 7;
    public static final int SOURCE = 8;
    public static final int DESTINATION = 24;
    public static final int LENGTH = 40;

    private ByteBuf buf;
    private int offset;

    public Ipv6Header wrap(ByteBuf buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    public ByteBuf buffer() { return buf; }
    public int offset() { return offset; }

    public int version() { return buf.getUnsignedByte(offset) >>> 4; }
    public Ipv6Header version(int version) {
        buf.setByte(offset, (version << 4) | (buf.getUnsignedByte(offset) & 0x0F));
        return this;
    }

    public int trafficClass() { return (buf.getInt(offset) >>> 20) & 0xFF; }
    public Ipv6Header trafficClass(int trafficClass) {
        buf.setInt(offset, (buf.getInt(offset) & 0xF00F_FFFF) | ((trafficClass & 0xFF) << 20));
        return this;
    }

    public int flowLabel() { return buf.getInt(offset) & 0x000F_FFFF; }
    public Ipv6Header flowLabel(int label) {
        buf.setInt(offset, (buf.getInt(offset) & 0xFFF0_0000) | (label & 0x000F_FFFF));
        return this;
    }

    public int payloadLength() { return buf.getUnsignedShort(offset + PAYLOAD_LENGTH); }
    public Ipv6Header payloadLength(int length) { buf.setShort(offset + PAYLOAD_LENGTH, length); return this; }

    public int nextHeader() { return buf.getUnsignedByte(offset + NEXT_HEADER); }
    public Ipv6Header nextHeader(int protocol) { buf.setByte(offset + NEXT_HEADER, protocol); return this; }

    public int hopLimit() { return buf.getUnsignedByte(offset + HOP_LIMIT); }
    public Ipv6Header hopLimit(int hops) { buf.setByte(offset + HOP_LIMIT, hops); return this; }

    public long sourceHigh() { return buf.getLong(offset + SOURCE); }
    public long sourceLow() { return buf.getLong(offset + SOURCE + 8); }
    public Ipv6Header source(long high, long low) {
        buf.setLong(offset + SOURCE, high);
        buf.setLong(offset + SOURCE + 8, low);
        return this;
    }

    public long destinationHigh() { return buf.getLong(offset + DESTINATION); }
    public long destinationLow() { return buf.getLong(offset + DESTINATION + 8); }
    public Ipv6Header destination(long high, long low) {
        buf.setLong(offset + DESTINATION, high);
        buf.setLong(offset + DESTINATION + 8, low);
        return this;
    }

    /** Offset of the first byte after the fixed header (an extension header or the upper layer). */
    public int payloadOffset() { return offset + LENGTH; }

    /**
     * Decrements the hop limit (IPv6 has no header checksum). Returns the new value; does nothing
     * and returns 0 when it is already 0 (RFC 8200 section 3: the packet must be discarded).
     */
    public int decrementHopLimit() {
        int hops = hopLimit();
        if (hops == 0) {
            return 0;
        }
        hopLimit(hops - 1);
        return hops - 1;
    }
}
