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
}
