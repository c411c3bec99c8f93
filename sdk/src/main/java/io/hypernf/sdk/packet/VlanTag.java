package io.hypernf.sdk.packet;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight over one IEEE 802.1Q tag (C-tag, TPID 0x8100) or 802.1ad tag (S-tag, TPID 0x88A8),
 * wrapped at the tag's TPID. Tags stack (QinQ: S-tag then C-tag); the next tag, or the real
 * EtherType, follows at {@link #LENGTH}.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   TPID (0x8100 / 0x88A8)      | PCP |D|         VLAN id       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  inner EtherType (or next TPID)|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * PCP: priority code point (3 bits), D: drop eligible indicator, VLAN id: 12 bits (0: priority
 * tag only, 0xFFF reserved).
 */
public final class VlanTag {
    public static final int TPID = 0;
    public static final int TCI = 2;
    /** Offset (from the tag) of the EtherType that follows the tag. */
    public static final int INNER_ETHER_TYPE = 4;
    /** Bytes one tag adds to a frame. */
    public static final int LENGTH = 4;
    public static final int VLAN_ID_MASK = 0x0FFF;

    private ByteBuf buf;
    private int offset;

    public VlanTag wrap(ByteBuf buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    public ByteBuf buffer() { return buf; }
    public int offset() { return offset; }

    public int tpid() { return buf.getUnsignedShort(offset + TPID); }
    public VlanTag tpid(int tpid) { buf.setShort(offset + TPID, tpid); return this; }

    /** Tag control information: PCP, DEI and VLAN id together. */
    public int tci() { return buf.getUnsignedShort(offset + TCI); }
    public VlanTag tci(int tci) { buf.setShort(offset + TCI, tci); return this; }

    public int vlanId() { return tci() & VLAN_ID_MASK; }
    public VlanTag vlanId(int id) { return tci((tci() & ~VLAN_ID_MASK) | (id & VLAN_ID_MASK)); }

    public int priority() { return tci() >>> 13; }
    public VlanTag priority(int pcp) { return tci((tci() & 0x1FFF) | ((pcp & 7) << 13)); }

    public boolean dropEligible() { return (tci() & 0x1000) != 0; }
    public VlanTag dropEligible(boolean dei) { return tci(dei ? tci() | 0x1000 : tci() & ~0x1000); }

    public int innerEtherType() { return buf.getUnsignedShort(offset + INNER_ETHER_TYPE); }
    public VlanTag innerEtherType(int type) { buf.setShort(offset + INNER_ETHER_TYPE, type); return this; }

    /** Offset of the next stacked tag (its TPID is this tag's {@link #innerEtherType()}). */
    public int nextOffset() { return offset + LENGTH; }

    /**
     * Inserts a tag right after the MAC addresses of the frame at {@code frameOffset} (it becomes
     * the outermost tag), moving the rest of the frame 4 bytes on. Returns the new frame length, or
     * -1 (frame untouched) when the buffer has no room or the frame is shorter than 14 bytes.
     */
    public static int push(ByteBuf buf, int frameOffset, int frameLength, int tpid, int tci) {
        if (frameLength < EthernetHeader.LENGTH || frameOffset < 0 || frameLength + LENGTH > buf.capacity() - frameOffset) {
            return -1;
        }
        int from = frameOffset + EthernetHeader.ETHER_TYPE;
        moveUp(buf, from, frameOffset + frameLength - from, LENGTH);
        buf.setShort(from + TPID, tpid);
        buf.setShort(from + TCI, tci);
        return frameLength + LENGTH;
    }

    /**
     * Removes the outermost tag of the frame at {@code frameOffset}, moving the rest of the frame
     * 4 bytes back. Returns the new frame length, or -1 (frame untouched) when the frame has no
     * complete tag.
     */
    public static int pop(ByteBuf buf, int frameOffset, int frameLength) {
        int tag = frameOffset + EthernetHeader.ETHER_TYPE;
        if (frameLength < EthernetHeader.LENGTH + LENGTH || frameOffset < 0 || frameLength > buf.capacity() - frameOffset
                || !EtherType.isVlanTag(buf.getUnsignedShort(tag))) {
            return -1;
        }
        int from = tag + LENGTH;
        int count = frameOffset + frameLength - from;
        int i = 0;
        for (; i + 8 <= count; i += 8) {
            buf.setLong(tag + i, buf.getLong(from + i));
        }
        for (; i < count; i++) {
            buf.setByte(tag + i, buf.getByte(from + i));
        }
        return frameLength - LENGTH;
    }

    /** Moves {@code count} bytes at {@code from} up by {@code distance}, last bytes first (the ranges overlap). */
    private static void moveUp(ByteBuf buf, int from, int count, int distance) {
        int i = count;
        for (; i >= 8; i -= 8) {
            buf.setLong(from + i - 8 + distance, buf.getLong(from + i - 8));
        }
        for (; i > 0; i--) {
            buf.setByte(from + i - 1 + distance, buf.getByte(from + i - 1));
        }
    }
}
