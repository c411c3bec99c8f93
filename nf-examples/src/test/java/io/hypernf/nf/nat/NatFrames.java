package io.hypernf.nf.nat;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Builds Ethernet / IPv4 frames for NAT tests and checks them afterwards, with its own checksum
 * code (RFC 1071 summed byte by byte here) so the NAT's incremental updates are judged against
 * an independent full recomputation.
 */
final class NatFrames {
    private NatFrames() {}

    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMP = 1;
    static final int ETHERNET = 14;

    static int ip(String dotted) {
        String[] parts = dotted.split("\\.");
        return Integer.parseInt(parts[0]) << 24 | Integer.parseInt(parts[1]) << 16 | Integer.parseInt(parts[2]) << 8 | Integer.parseInt(parts[3]);
    }

    static byte[] ethernet(int etherType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(ETHERNET + payload.length);
        b.put(new byte[] {2, 0, 0, 0, 0, 0x0B, 2, 0, 0, 0, 0, 0x0A}).putShort((short) etherType).put(payload);
        return b.array();
    }

    /** An IPv4 datagram (no options) with a correct header checksum around a finished transport segment. */
    static byte[] ipv4(int source, int destination, int protocol, int flagsFragment, byte[] l4) {
        ByteBuffer b = ByteBuffer.allocate(20 + l4.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4.length)).putShort((short) 0x4242)
                .putShort((short) flagsFragment).put((byte) 64).put((byte) protocol).putShort((short) 0)
                .putInt(source).putInt(destination).put(l4);
        byte[] d = b.array();
        int checksum = checksum(sum(d, 0, 20));
        d[10] = (byte) (checksum >>> 8);
        d[11] = (byte) checksum;
        return d;
    }

    static byte[] tcpSegment(int source, int sourcePort, int destination, int destinationPort, int flags, byte[] options, byte[] payload) {
        int headerLength = 20 + options.length;
        ByteBuffer b = ByteBuffer.allocate(headerLength + payload.length);
        b.putShort((short) sourcePort).putShort((short) destinationPort).putInt(0x01020304).putInt(flags == 0x02 ? 0 : 0x0A0B0C0D)
                .putShort((short) ((headerLength / 4) << 12 | flags)).putShort((short) 65535).putShort((short) 0).putShort((short) 0)
                .put(options).put(payload);
        byte[] s = b.array();
        int checksum = checksum(pseudo(source, destination, TCP, s.length) + sum(s, 0, s.length));
        s[16] = (byte) (checksum >>> 8);
        s[17] = (byte) checksum;
        return s;
    }

    static byte[] udpDatagram(int source, int sourcePort, int destination, int destinationPort, byte[] payload, boolean withChecksum) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) (8 + payload.length)).putShort((short) 0).put(payload);
        byte[] u = b.array();
        if (withChecksum) {
            int checksum = checksum(pseudo(source, destination, UDP, u.length) + sum(u, 0, u.length));
            checksum = checksum == 0 ? 0xFFFF : checksum;
            u[6] = (byte) (checksum >>> 8);
            u[7] = (byte) checksum;
        }
        return u;
    }

    static byte[] icmpMessage(int type, int code, int rest, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.put((byte) type).put((byte) code).putShort((short) 0).putInt(rest).put(payload);
        byte[] m = b.array();
        int checksum = checksum(sum(m, 0, m.length));
        m[2] = (byte) (checksum >>> 8);
        m[3] = (byte) checksum;
        return m;
    }

    static byte[] tcp(int source, int sourcePort, int destination, int destinationPort, int flags) {
        return tcp(source, sourcePort, destination, destinationPort, flags, new byte[0]);
    }

    static byte[] tcp(int source, int sourcePort, int destination, int destinationPort, int flags, byte[] options) {
        return ethernet(0x0800, ipv4(source, destination, TCP, 0x4000,
                tcpSegment(source, sourcePort, destination, destinationPort, flags, options, "hello".getBytes())));
    }

    static byte[] udp(int source, int sourcePort, int destination, int destinationPort) {
        return udp(source, sourcePort, destination, destinationPort, true);
    }

    static byte[] udp(int source, int sourcePort, int destination, int destinationPort, boolean withChecksum) {
        return ethernet(0x0800, ipv4(source, destination, UDP, 0,
                udpDatagram(source, sourcePort, destination, destinationPort, "query!".getBytes(), withChecksum)));
    }

    static byte[] echo(int source, int destination, int type, int identifier, int sequence) {
        return ethernet(0x0800, ipv4(source, destination, ICMP, 0, icmpMessage(type, 0, identifier << 16 | sequence, "ping-data".getBytes())));
    }

    /** An ICMP error from {@code source} to {@code destination} quoting the IP datagram of {@code quotedFrame}, cut to {@code quoteLength} bytes. */
    static byte[] icmpError(int source, int destination, int type, int code, byte[] quotedFrame, int quoteLength) {
        byte[] quote = Arrays.copyOfRange(quotedFrame, ETHERNET, Math.min(quotedFrame.length, ETHERNET + quoteLength));
        return ethernet(0x0800, ipv4(source, destination, ICMP, 0, icmpMessage(type, code, 0, quote)));
    }

    static long sum(byte[] data, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i++) {
            int value = data[offset + i] & 0xFF;
            sum += (i & 1) == 0 ? value << 8 : value;
        }
        return sum;
    }

    static long pseudo(int source, int destination, int protocol, int length) {
        return (source >>> 16) + (source & 0xFFFF) + (destination >>> 16) + (destination & 0xFFFF) + protocol + length;
    }

    static int fold(long sum) {
        while (sum >>> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    static int checksum(long sum) {
        return ~fold(sum) & 0xFFFF;
    }

    static int u16(byte[] d, int at) { return (d[at] & 0xFF) << 8 | (d[at + 1] & 0xFF); }
    static int u32(byte[] d, int at) { return u16(d, at) << 16 | u16(d, at + 2); }

    /** Fields of an IPv4 frame (no options, as built here; l4 at 34). */
    static int source(byte[] f) { return u32(f, ETHERNET + 12); }
    static int destination(byte[] f) { return u32(f, ETHERNET + 16); }
    static int protocol(byte[] f) { return f[ETHERNET + 9] & 0xFF; }
    static int l4(byte[] f) { return ETHERNET + ((f[ETHERNET] & 0x0F) << 2); }
    static int sourcePort(byte[] f) { return u16(f, l4(f)); }
    static int destinationPort(byte[] f) { return u16(f, l4(f) + 2); }
    static int icmpIdentifier(byte[] f) { return u16(f, l4(f) + 4); }
    static int udpChecksum(byte[] f) { return u16(f, l4(f) + 6); }
    /** The quoted datagram's offset in an ICMP error frame. */
    static int inner(byte[] f) { return l4(f) + 8; }

    /**
     * Recomputes every checksum of an IPv4 frame from scratch and says which one is wrong, or null:
     * the IP header; TCP/UDP with the pseudo-header (UDP 0 = none); ICMP over the whole message;
     * for an ICMP error also the quoted IP header and, when the quote holds the whole quoted
     * datagram, its transport checksum.
     */
    static String checksumProblem(byte[] f) {
        int ipEnd = ETHERNET + u16(f, ETHERNET + 2);
        if (fold(sum(f, ETHERNET, l4(f) - ETHERNET)) != 0xFFFF) {
            return "IPv4 header checksum";
        }
        return transportProblem(f, ETHERNET, ipEnd, "");
    }

    private static String transportProblem(byte[] f, int ipAt, int ipEnd, String what) {
        int l4 = ipAt + ((f[ipAt] & 0x0F) << 2);
        int protocol = f[ipAt + 9] & 0xFF;
        int source = u32(f, ipAt + 12);
        int destination = u32(f, ipAt + 16);
        int length = ipEnd - l4;
        if ((u16(f, ipAt + 6) & 0x1FFF) != 0) {
            return null;
        }
        switch (protocol) {
            case TCP:
                return fold(pseudo(source, destination, TCP, length) + sum(f, l4, length)) == 0xFFFF ? null : what + "TCP checksum";
            case UDP:
                return u16(f, l4 + 6) == 0 || fold(pseudo(source, destination, UDP, length) + sum(f, l4, length)) == 0xFFFF
                        ? null : what + "UDP checksum";
            case ICMP:
                if (fold(sum(f, l4, length)) != 0xFFFF) {
                    return what + "ICMP checksum";
                }
                int type = f[l4] & 0xFF;
                if (what.isEmpty() && (type == 3 || type == 11 || type == 12)) {
                    int inner = l4 + 8;
                    if (fold(sum(f, inner, (f[inner] & 0x0F) << 2)) != 0xFFFF) {
                        return "inner IPv4 header checksum";
                    }
                    int innerEnd = inner + u16(f, inner + 2);
                    return innerEnd <= ipEnd ? transportProblem(f, inner, innerEnd, "inner ") : null;
                }
                return null;
            default:
                return null;
        }
    }
}
