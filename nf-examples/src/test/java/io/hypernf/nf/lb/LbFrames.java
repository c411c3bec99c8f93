package io.hypernf.nf.lb;

import java.nio.ByteBuffer;

/**
 * Builds and checks IPv4 TCP/UDP frames for the LB tests with a checksum written here from
 * RFC 1071's definition (one's complement sum of 16-bit words), independent of the SDK's, so a
 * translation is verified by full recomputation.
 */
final class LbFrames {
    static final long CLIENT_MAC = 0x02_00_00_00_C0_01L;
    static final long LB_MAC = 0x02_00_00_00_1B_01L;
    static final int ETHERNET = 14;

    private LbFrames() {}

    static int ip(String dotted) {
        String[] p = dotted.split("\\.");
        return Integer.parseInt(p[0]) << 24 | Integer.parseInt(p[1]) << 16 | Integer.parseInt(p[2]) << 8 | Integer.parseInt(p[3]);
    }

    static byte[] tcp(int source, int destination, int sourcePort, int destinationPort, int flags, byte[] payload) {
        return frame(CLIENT_MAC, LB_MAC, source, destination, 6, l4(6, source, destination, sourcePort, destinationPort, flags, payload, true));
    }

    static byte[] udp(int source, int destination, int sourcePort, int destinationPort, byte[] payload, boolean checksum) {
        return frame(CLIENT_MAC, LB_MAC, source, destination, 17, l4(17, source, destination, sourcePort, destinationPort, 0, payload, checksum));
    }

    /** A reply from a backend, addressed at the LB's MAC. */
    static byte[] fromBackend(long backendMac, int protocol, int source, int destination, int sourcePort, int destinationPort, int flags, byte[] payload) {
        return frame(backendMac, LB_MAC, source, destination, protocol, l4(protocol, source, destination, sourcePort, destinationPort, flags, payload, true));
    }

    static byte[] l4(int protocol, int source, int destination, int sourcePort, int destinationPort, int flags, byte[] payload, boolean checksum) {
        int header = protocol == 6 ? 20 : 8;
        ByteBuffer b = ByteBuffer.allocate(header + payload.length);
        b.putShort((short) sourcePort).putShort((short) destinationPort);
        if (protocol == 6) {
            b.putInt(0x1000_0000).putInt(flags == 0x02 ? 0 : 0x2000_0000).putShort((short) (5 << 12 | flags)).putShort((short) 64240).putShort((short) 0).putShort((short) 0);
        } else {
            b.putShort((short) (8 + payload.length)).putShort((short) 0);
        }
        b.put(payload);
        byte[] out = b.array();
        if (checksum) {
            int sum = transportChecksum(out, 0, out.length, source, destination, protocol);
            if (protocol == 17 && sum == 0) {
                sum = 0xFFFF;
            }
            int at = protocol == 6 ? 16 : 6;
            out[at] = (byte) (sum >>> 8);
            out[at + 1] = (byte) sum;
        }
        return out;
    }

    static byte[] frame(long sourceMac, long destinationMac, int source, int destination, int protocol, byte[] l4) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(60, ETHERNET + 20 + l4.length));
        putMac(b, destinationMac);
        putMac(b, sourceMac);
        b.putShort((short) 0x0800);
        int ipStart = b.position();
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4.length)).putShort((short) 0x1234).putShort((short) 0x4000)
                .put((byte) 64).put((byte) protocol).putShort((short) 0).putInt(source).putInt(destination);
        byte[] out = b.array();
        int sum = checksum(out, ipStart, 20, 0);
        out[ipStart + 10] = (byte) (sum >>> 8);
        out[ipStart + 11] = (byte) sum;
        System.arraycopy(l4, 0, out, ipStart + 20, l4.length);
        return out;
    }

    static void putMac(ByteBuffer b, long mac) {
        for (int i = 5; i >= 0; i--) {
            b.put((byte) (mac >>> (8 * i)));
        }
    }

    /** RFC 1071: the one's complement of the one's complement sum, with {@code initial} already summed in. */
    static int checksum(byte[] data, int offset, int length, long initial) {
        long sum = initial;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += (data[offset + i] & 0xFF) << 8 | (data[offset + i + 1] & 0xFF);
        }
        if ((length & 1) != 0) {
            sum += (data[offset + length - 1] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    static int transportChecksum(byte[] l4, int offset, int length, int source, int destination, int protocol) {
        long pseudo = (source >>> 16) + (source & 0xFFFF) + (destination >>> 16) + (destination & 0xFFFF) + protocol + length;
        return checksum(l4, offset, length, pseudo);
    }

    static int u16(byte[] f, int at) { return (f[at] & 0xFF) << 8 | (f[at + 1] & 0xFF); }
    static int u32(byte[] f, int at) { return u16(f, at) << 16 | u16(f, at + 2); }
    static long mac(byte[] f, int at) { return (long) u16(f, at) << 32 | (u32(f, at + 2) & 0xFFFF_FFFFL); }

    /** IPv4 at 14: source, destination, ports, and whether both checksums are right by full recomputation. */
    static final class View {
        final byte[] f;
        View(byte[] frame) { f = frame; }
        long destinationMac() { return mac(f, 0); }
        long sourceMac() { return mac(f, 6); }
        int protocol() { return f[ETHERNET + 9] & 0xFF; }
        int source() { return u32(f, ETHERNET + 12); }
        int destination() { return u32(f, ETHERNET + 16); }
        int totalLength() { return u16(f, ETHERNET + 2); }
        int sourcePort() { return u16(f, ETHERNET + 20); }
        int destinationPort() { return u16(f, ETHERNET + 22); }
        boolean ipChecksumOk() { return checksum(f, ETHERNET, 20, 0) == 0; }
        int storedL4Checksum() { return u16(f, ETHERNET + 20 + (protocol() == 6 ? 16 : 6)); }
        boolean l4ChecksumOk() {
            int length = totalLength() - 20;
            return transportChecksum(f, ETHERNET + 20, length, source(), destination(), protocol()) == 0;
        }
    }
}
