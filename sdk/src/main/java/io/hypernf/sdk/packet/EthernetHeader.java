package io.hypernf.sdk.packet;

import io.hypernf.sdk.ring.NativeMemory;
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
 *
 * <p>Two ways in: a {@code ByteBuf} ({@link #wrap(ByteBuf, int)}), or the frame's native address
 * ({@link #wrap(long, int)}, e.g. {@code Packet.address()}), which skips the {@code ByteBuf}
 * altogether — the run loop then never points one at the packet. In address mode the accessors
 * check the frame length only when {@code hypernf.boundsChecks} is on (STYLE.md 9): the caller
 * has checked that the frame holds the header.
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
    private long address;
    private int limit;

    /** Points this flyweight at the header starting at {@code offset} of {@code buf}. */
    public EthernetHeader wrap(ByteBuf buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    /**
     * Points this flyweight at the header at the start of the {@code length}-byte frame at native
     * address {@code address}; {@link #buffer()} is then null.
     */
    public EthernetHeader wrap(long address, int length) {
        this.buf = null;
        this.offset = 0;
        this.address = address;
        this.limit = length;
        return this;
    }

    /** The wrapped {@code ByteBuf}, or null when wrapped by address. */
    public ByteBuf buffer() { return buf; }
    public int offset() { return offset; }

    public long destination() { return getMac(offset + DESTINATION); }
    public EthernetHeader destination(long mac) { setMac(offset + DESTINATION, mac); return this; }

    public long source() { return getMac(offset + SOURCE); }
    public EthernetHeader source(long mac) { setMac(offset + SOURCE, mac); return this; }

    /** The EtherType (or 802.3 length, or a VLAN TPID) at byte 12. */
    public int etherType() {
        if (buf == null) {
            return Short.reverseBytes(NativeMemory.getShort(at(ETHER_TYPE, 2))) & 0xffff;
        }
        return buf.getUnsignedShort(offset + ETHER_TYPE);
    }

    public EthernetHeader etherType(int type) {
        if (buf == null) {
            NativeMemory.putShort(at(ETHER_TYPE, 2), Short.reverseBytes((short) type));
        } else {
            buf.setShort(offset + ETHER_TYPE, type);
        }
        return this;
    }

    /** Offset of the byte after the header (without VLAN tags). */
    public int payloadOffset() { return offset + LENGTH; }

    /** Swaps source and destination MAC in place (answering a frame). */
    public EthernetHeader swapAddresses() {
        if (buf == null) {
            swapAddresses(at(0, LENGTH));
            return this;
        }
        long destination = destination();
        destination(source());
        source(destination);
        return this;
    }

    /**
     * Swaps source and destination MAC of the frame at native address {@code frame} in place,
     * without a flyweight (no field written per packet); the caller has checked that the frame
     * holds an Ethernet header. One int and one short per address, as the C loop does: byte order
     * does not matter for a swap.
     */
    public static void swapAddresses(long frame) {
        int destinationHigh = NativeMemory.getInt(frame);
        short destinationLow = NativeMemory.getShort(frame + 4);
        NativeMemory.putInt(frame, NativeMemory.getInt(frame + 6));
        NativeMemory.putShort(frame + 4, NativeMemory.getShort(frame + 10));
        NativeMemory.putInt(frame + 6, destinationHigh);
        NativeMemory.putShort(frame + 10, destinationLow);
    }

    private long getMac(int at) {
        if (buf == null) {
            long mac = at(at, 6);
            return (long) (Short.reverseBytes(NativeMemory.getShort(mac)) & 0xffff) << 32
                    | Integer.reverseBytes(NativeMemory.getInt(mac + 2)) & 0xffffffffL;
        }
        return ((long) buf.getUnsignedShort(at) << 32) | buf.getUnsignedInt(at + 2);
    }

    private void setMac(int at, long mac) {
        if (buf == null) {
            long to = at(at, 6);
            NativeMemory.putShort(to, Short.reverseBytes((short) (mac >>> 32)));
            NativeMemory.putInt(to + 2, Integer.reverseBytes((int) mac));
            return;
        }
        buf.setShort(at, (int) (mac >>> 32));
        buf.setInt(at + 2, (int) mac);
    }

    /** Native address of header byte {@code at} (address mode), checked against the frame length when bounds checks are on. */
    private long at(int at, int size) {
        if (NativeMemory.BOUNDS_CHECKS && (address == 0 || at + size > limit)) {
            throw new IndexOutOfBoundsException("Ethernet header bytes [" + at + ", " + (at + size) + ") of a frame of " + limit
                    + (address == 0 ? " at address 0" : ""));
        }
        return address + at;
    }
}
