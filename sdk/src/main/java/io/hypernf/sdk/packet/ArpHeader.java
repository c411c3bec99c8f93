package io.hypernf.sdk.packet;

import io.netty.buffer.ByteBuf;

/**
 * Flyweight over an ARP packet (RFC 826). The address accessors assume Ethernet hardware
 * addresses and IPv4 protocol addresses ({@link #isEthernetIpv4()}); the parser checks the
 * length of that layout ({@link #LENGTH}) before an NF reads them.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   hardware type (1 = Ether)   |  protocol type (0x0800)       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | hw len (6)    | proto len (4) |  operation (1 req, 2 reply)   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           sender hardware address (6 octets)                  |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               | sender protocol address ...   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | ... (4 octets)                | target hardware address ...   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |                          (6 octets)                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           target protocol address (4 octets)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class ArpHeader {
    public static final int HARDWARE_TYPE = 0;
    public static final int PROTOCOL_TYPE = 2;
    public static final int HARDWARE_LENGTH = 4;
    public static final int PROTOCOL_LENGTH = 5;
    public static final int OPERATION = 6;
    /** Bytes before the variable-length addresses. */
    public static final int FIXED_LENGTH = 8;
    public static final int SENDER_HARDWARE_ADDRESS = 8;
    public static final int SENDER_PROTOCOL_ADDRESS = 14;
    public static final int TARGET_HARDWARE_ADDRESS = 18;
    public static final int TARGET_PROTOCOL_ADDRESS = 24;
    /** Length of an Ethernet/IPv4 ARP packet. */
    public static final int LENGTH = 28;

    public static final int HARDWARE_ETHERNET = 1;
    public static final int OPERATION_REQUEST = 1;
    public static final int OPERATION_REPLY = 2;

    private ByteBuf buf;
    private int offset;

    public ArpHeader wrap(ByteBuf buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    public ByteBuf buffer() { return buf; }
    public int offset() { return offset; }

    public int hardwareType() { return buf.getUnsignedShort(offset + HARDWARE_TYPE); }
    public ArpHeader hardwareType(int type) { buf.setShort(offset + HARDWARE_TYPE, type); return this; }

    public int protocolType() { return buf.getUnsignedShort(offset + PROTOCOL_TYPE); }
    public ArpHeader protocolType(int type) { buf.setShort(offset + PROTOCOL_TYPE, type); return this; }

    public int hardwareLength() { return buf.getUnsignedByte(offset + HARDWARE_LENGTH); }
    public ArpHeader hardwareLength(int length) { buf.setByte(offset + HARDWARE_LENGTH, length); return this; }

    public int protocolLength() { return buf.getUnsignedByte(offset + PROTOCOL_LENGTH); }
    public ArpHeader protocolLength(int length) { buf.setByte(offset + PROTOCOL_LENGTH, length); return this; }

    public int operation() { return buf.getUnsignedShort(offset + OPERATION); }
    public ArpHeader operation(int operation) { buf.setShort(offset + OPERATION, operation); return this; }

    /** Whether this is the Ethernet/IPv4 layout the address accessors assume. */
    public boolean isEthernetIpv4() {
        return hardwareType() == HARDWARE_ETHERNET && protocolType() == EtherType.IPV4
                && hardwareLength() == 6 && protocolLength() == 4;
    }

    /** Total length implied by the address lengths: 8 + 2 * (hw len + proto len). */
    public int declaredLength() { return FIXED_LENGTH + 2 * (hardwareLength() + protocolLength()); }

    public long senderHardwareAddress() { return getMac(offset + SENDER_HARDWARE_ADDRESS); }
    public ArpHeader senderHardwareAddress(long mac) { setMac(offset + SENDER_HARDWARE_ADDRESS, mac); return this; }

    public int senderProtocolAddress() { return buf.getInt(offset + SENDER_PROTOCOL_ADDRESS); }
    public ArpHeader senderProtocolAddress(int address) { buf.setInt(offset + SENDER_PROTOCOL_ADDRESS, address); return this; }

    public long targetHardwareAddress() { return getMac(offset + TARGET_HARDWARE_ADDRESS); }
    public ArpHeader targetHardwareAddress(long mac) { setMac(offset + TARGET_HARDWARE_ADDRESS, mac); return this; }

    public int targetProtocolAddress() { return buf.getInt(offset + TARGET_PROTOCOL_ADDRESS); }
    public ArpHeader targetProtocolAddress(int address) { buf.setInt(offset + TARGET_PROTOCOL_ADDRESS, address); return this; }

    private long getMac(int at) {
        return ((long) buf.getUnsignedShort(at) << 32) | buf.getUnsignedInt(at + 2);
    }

    private void setMac(int at, long mac) {
        buf.setShort(at, (int) (mac >>> 32));
        buf.setInt(at + 2, (int) mac);
    }
}
