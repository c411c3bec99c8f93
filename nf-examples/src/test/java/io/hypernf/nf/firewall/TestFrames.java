package io.hypernf.nf.firewall;

import java.nio.ByteBuffer;

/**
 * Builds test frames byte by byte (Ethernet II, IPv4 without options or IPv6 without extension
 * headers, then TCP, UDP, ICMP or ICMPv6) with checksums computed by {@link #checksum}, an
 * implementation of RFC 1071 independent of the SDK's, so each side checks the other.
 */
final class TestFrames {
    static final long INSIDE_MAC = 0x02_00_00_00_00_01L;
    static final long OUTSIDE_MAC = 0x02_00_00_00_00_02L;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMP = 1;
    static final int ICMPV6 = 58;

    private TestFrames() {}

    /** RFC 1071: one's complement sum of 16-bit big-endian words, odd byte padded, plus {@code initial}. */
    static int checksum(byte[] data, int offset, int length, long initial) {
        long sum = initial;
        for (int i = 0; i < length; i += 2) {
            int high = data[offset + i] & 0xff;
            int low = i + 1 < length ? data[offset + i + 1] & 0xff : 0;
            sum += (high << 8) | low;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    static int ipv4(String dotted) {
        String[] parts = dotted.split("\\.");
        return (Integer.parseInt(parts[0]) << 24) | (Integer.parseInt(parts[1]) << 16) | (Integer.parseInt(parts[2]) << 8)
                | Integer.parseInt(parts[3]);
    }

    /** An IPv6 address as 16 bytes from eight hex groups "2001:db8:0:0:0:0:0:1" (no "::" here). */
    static byte[] ipv6(String full) {
        String[] groups = full.split(":");
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            int group = Integer.parseInt(groups[i], 16);
            bytes[2 * i] = (byte) (group >>> 8);
            bytes[2 * i + 1] = (byte) group;
        }
        return bytes;
    }

    static byte[] tcp4(long srcMac, long dstMac, String src, String dst, int srcPort, int dstPort, int flags, int seq, int ack, int payload) {
        byte[] l4 = new byte[20 + payload];
        ByteBuffer t = ByteBuffer.wrap(l4);
        t.putShort((short) srcPort).putShort((short) dstPort).putInt(seq).putInt(ack)
                .put((byte) 0x50).put((byte) flags).putShort((short) 64240).putShort((short) 0).putShort((short) 0);
        return ipv4Frame(srcMac, dstMac, src, dst, TCP, l4, 16);
    }

    static byte[] udp4(long srcMac, long dstMac, String src, String dst, int srcPort, int dstPort, int payload) {
        byte[] l4 = new byte[8 + payload];
        ByteBuffer.wrap(l4).putShort((short) srcPort).putShort((short) dstPort).putShort((short) l4.length);
        for (int i = 8; i < l4.length; i++) {
            l4[i] = (byte) i;
        }
        return ipv4Frame(srcMac, dstMac, src, dst, UDP, l4, 6);
    }

    /** ICMP with type, code, the 4-byte rest of header ({@code rest}) and a body. */
    static byte[] icmp4(long srcMac, long dstMac, String src, String dst, int type, int code, int rest, byte[] body) {
        byte[] l4 = new byte[8 + body.length];
        ByteBuffer.wrap(l4).put((byte) type).put((byte) code).putShort((short) 0).putInt(rest).put(body);
        int sum = checksum(l4, 0, l4.length, 0);
        l4[2] = (byte) (sum >>> 8);
        l4[3] = (byte) sum;
        return ipv4Frame(srcMac, dstMac, src, dst, ICMP, l4, -1);
    }

    /** The IP datagram of a frame (from byte 14 to the IP length), e.g. to quote it in an ICMP error. */
    static byte[] ipDatagram(byte[] frame) {
        int version = (frame[14] & 0xff) >>> 4;
        int length = version == 4 ? ((frame[16] & 0xff) << 8 | (frame[17] & 0xff)) : 40 + ((frame[18] & 0xff) << 8 | (frame[19] & 0xff));
        byte[] datagram = new byte[length];
        System.arraycopy(frame, 14, datagram, 0, length);
        return datagram;
    }

    private static byte[] ipv4Frame(long srcMac, long dstMac, String src, String dst, int protocol, byte[] l4, int checksumAt) {
        int total = 20 + l4.length;
        int source = ipv4(src);
        int destination = ipv4(dst);
        if (checksumAt >= 0) {
            long pseudo = (source >>> 16) + (source & 0xffff) + (destination >>> 16) + (destination & 0xffff) + protocol + l4.length;
            int sum = checksum(l4, 0, l4.length, pseudo);
            l4[checksumAt] = (byte) (sum >>> 8);
            l4[checksumAt + 1] = (byte) sum;
        }
        byte[] frame = new byte[Math.max(60, 14 + total)];
        ByteBuffer f = ByteBuffer.wrap(frame);
        putMac(f, dstMac);
        putMac(f, srcMac);
        f.putShort((short) 0x0800);
        f.put((byte) 0x45).put((byte) 0).putShort((short) total).putShort((short) 0x1234).putShort((short) 0x4000)
                .put((byte) 64).put((byte) protocol).putShort((short) 0).putInt(source).putInt(destination);
        int sum = checksum(frame, 14, 20, 0);
        frame[24] = (byte) (sum >>> 8);
        frame[25] = (byte) sum;
        f.put(l4);
        return frame;
    }

    static byte[] tcp6(long srcMac, long dstMac, String src, String dst, int srcPort, int dstPort, int flags, int seq, int ack) {
        byte[] l4 = new byte[20];
        ByteBuffer.wrap(l4).putShort((short) srcPort).putShort((short) dstPort).putInt(seq).putInt(ack)
                .put((byte) 0x50).put((byte) flags).putShort((short) 64240);
        return ipv6Frame(srcMac, dstMac, src, dst, TCP, l4, 16);
    }

    static byte[] udp6(long srcMac, long dstMac, String src, String dst, int srcPort, int dstPort, int payload) {
        byte[] l4 = new byte[8 + payload];
        ByteBuffer.wrap(l4).putShort((short) srcPort).putShort((short) dstPort).putShort((short) l4.length);
        return ipv6Frame(srcMac, dstMac, src, dst, UDP, l4, 6);
    }

    static byte[] icmp6(long srcMac, long dstMac, String src, String dst, int type, int code, int rest, byte[] body) {
        byte[] l4 = new byte[8 + body.length];
        ByteBuffer.wrap(l4).put((byte) type).put((byte) code).putShort((short) 0).putInt(rest).put(body);
        return ipv6Frame(srcMac, dstMac, src, dst, ICMPV6, l4, 2);
    }

    /** The RFC 8200 §8.1 pseudo-header sum of a 16-byte source and destination. */
    static long pseudo6(byte[] source, byte[] destination, int protocol, int length) {
        long sum = 0;
        for (int i = 0; i < 16; i += 2) {
            sum += ((source[i] & 0xff) << 8) | (source[i + 1] & 0xff);
            sum += ((destination[i] & 0xff) << 8) | (destination[i + 1] & 0xff);
        }
        return sum + protocol + length;
    }

    private static byte[] ipv6Frame(long srcMac, long dstMac, String src, String dst, int protocol, byte[] l4, int checksumAt) {
        byte[] source = ipv6(src);
        byte[] destination = ipv6(dst);
        int sum = checksum(l4, 0, l4.length, pseudo6(source, destination, protocol, l4.length));
        l4[checksumAt] = (byte) (sum >>> 8);
        l4[checksumAt + 1] = (byte) sum;
        byte[] frame = new byte[Math.max(60, 14 + 40 + l4.length)];
        ByteBuffer f = ByteBuffer.wrap(frame);
        putMac(f, dstMac);
        putMac(f, srcMac);
        f.putShort((short) 0x86dd);
        f.putInt(0x6000_0000).putShort((short) l4.length).put((byte) protocol).put((byte) 64).put(source).put(destination).put(l4);
        return frame;
    }

    static byte[] arpRequest(long srcMac) {
        byte[] frame = new byte[60];
        ByteBuffer f = ByteBuffer.wrap(frame);
        putMac(f, 0xffff_ffff_ffffL);
        putMac(f, srcMac);
        f.putShort((short) 0x0806).putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1);
        putMac(f, srcMac);
        f.putInt(ipv4("10.0.0.1")).put(new byte[6]).putInt(ipv4("10.0.0.2"));
        return frame;
    }

    private static void putMac(ByteBuffer f, long mac) {
        f.putShort((short) (mac >>> 32)).putInt((int) mac);
    }
}
