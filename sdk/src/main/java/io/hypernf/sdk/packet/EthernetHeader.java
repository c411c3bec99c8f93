package io.hypernf.sdk.packet;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight over an Ethernet II header (IEEE 802.3 clause 3.2): made once, re-pointed with
 * {@link #wrap} for every frame. All fields are big-endian (network order).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  destination MAC (6 octets)                   |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |                    source MAC (6 octets)                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      EtherType or length      |  payload, or a VLAN tag ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * A VLAN tag, when present, starts at {@link #ETHER_TYPE} (its TPID is this EtherType); see
 * {@link VlanTag}. The flyweight does not check the frame length: {@link PacketParser} does.
 */
public final class EthernetHeader {
    public static final int DESTINATION = 0;
    public static final int SOURCE = 6;
    public static final int ETHER_TYPE = 12;
    /** Header length without VLAN tags. */
    public static final int LENGTH = 14;
    /** Smallest frame on the wire without the FCS (IEEE 802.3 minimum of 64 with FCS). */
    public static final int MIN_FRAME = 60;

    private ByteBuf buf;
    private int offset;

    /** Points this flyweight at the header starting at {@code offset} of {@code buf}. */
    public EthernetHeader wrap(ByteBuf buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    public ByteBuf buffer() { return buf; }
    public int offset() { return offset; }

    public long destination() { return getMac(offset + DESTINATION); }
    public EthernetHeader destination(long mac) { setMac(offset + DESTINATION, mac); return this; }

    public long source() { return getMac(offset + SOURCE); }
    public EthernetHeader source(long mac) { setMac(offset + SOURCE, mac); return this; }

    /** The EtherType (or 802.3 length, or a VLAN TPID) at byte 12. */
    public int etherType() { return buf.getUnsignedShort(offset + ETHER_TYPE); }
    public EthernetHeader etherType(int type) { buf.setShort(offset + ETHER_TYPE, type); return this; }

    /** Offset of the byte after the header (without VLAN tags). */
    public int payloadOffset() { return offset + LENGTH; }

    /** Swaps source and destination MAC in place (answering a frame). */
    public EthernetHeader swapAddresses() {
        long destination = destination();
        destination(source());
        source(destination);
        return this;
    }

    private long getMac(int at) {
        return ((long) buf.getUnsignedShort(at) << 32) | buf.getUnsignedInt(at + 2);
    }

    private void setMac(int at, long mac) {
        buf.setShort(at, (int) (mac >>> 32));
        buf.setInt(at + 2, (int) mac);
    }
}
