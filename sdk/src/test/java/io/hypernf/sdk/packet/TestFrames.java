package io.hypernf.sdk.packet;

import java.io.ByteArrayOutputStream;

/**
 * Builds frames byte by byte for tests, with checksums from {@link ReferenceChecksum}, so that
 * what the flyweights and the parser read is checked against an independent writer.
 */
final class TestFrames {
    private TestFrames() {}

    static final long MAC_A = 0x02_00_00_00_00_0AL;
    static final long MAC_B = 0x02_00_00_00_00_0BL;
    static final int IP_A = 0xC0_00_02_01;
    static final int IP_B = 0xC6_33_64_07;
    static final byte[] IP6_A = ipv6("2001:db8::1");
    static final byte[] IP6_B = ipv6("2001:db8:0:1::beef");

    static byte[] ipv6(String text) {
        long[] halves = new long[2];
        Ipv6Addresses.parse(text, halves);
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (halves[0] >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (halves[1] >>> (56 - 8 * i));
        }
        return bytes;
    }

    /** An Ethernet frame; {@code tags} are (TPID, TCI) pairs, outermost first. */
    static byte[] ethernet(int etherType, byte[] payload, int... tags) {
        Out out = new Out();
        out.u48(MAC_B).u48(MAC_A);
        for (int i = 0; i + 1 < tags.length; i += 2) {
            out.u16(tags[i]).u16(tags[i + 1]);
        }
        out.u16(etherType).bytes(payload);
        return out.toByteArray();
    }

    /** An IPv4 header (with a correct checksum) followed by {@code payload}. */
    static byte[] ipv4(int source, int destination, int protocol, byte[] options, int flagsFragment, byte[] payload) {
        int headerLength = 20 + options.length;
        Out out = new Out();
        out.u8(0x40 | (headerLength / 4)).u8(0).u16(headerLength + payload.length).u16(0x1234).u16(flagsFragment)
                .u8(64).u8(protocol).u16(0).u32(source).u32(destination).bytes(options).bytes(payload);
        byte[] packet = out.toByteArray();
        int checksum = ReferenceChecksum.checksum(packet, 0, headerLength);
        packet[10] = (byte) (checksum >>> 8);
        packet[11] = (byte) checksum;
        return packet;
    }

    static byte[] ipv4(int protocol, byte[] payload) {
        return ipv4(IP_A, IP_B, protocol, new byte[0], 0, payload);
    }

    /** An IPv6 header followed by {@code payload} (extension headers included by the caller). */
    static byte[] ipv6(byte[] source, byte[] destination, int nextHeader, byte[] payload) {
        Out out = new Out();
        out.u32(0x6000_0000 | (0x12 << 20) | 0xABCDE).u16(payload.length).u8(nextHeader).u8(64)
                .bytes(source).bytes(destination).bytes(payload);
        return out.toByteArray();
    }

    static byte[] ipv6(int nextHeader, byte[] payload) {
        return ipv6(IP6_A, IP6_B, nextHeader, payload);
    }

    /** A TCP segment with a zero checksum (fill it with {@link #withIpv4Checksum} or {@link #withIpv6Checksum}). */
    static byte[] tcp(int sourcePort, int destinationPort, int flags, byte[] options, byte[] payload) {
        int headerLength = 20 + options.length;
        Out out = new Out();
        out.u16(sourcePort).u16(destinationPort).u32(0x1000_0001).u32(0x2000_0002)
                .u16((headerLength / 4) << 12 | flags).u16(65535).u16(0).u16(0).bytes(options).bytes(payload);
        return out.toByteArray();
    }

    static byte[] udp(int sourcePort, int destinationPort, byte[] payload) {
        Out out = new Out();
        out.u16(sourcePort).u16(destinationPort).u16(8 + payload.length).u16(0).bytes(payload);
        return out.toByteArray();
    }

    /** An ICMP (or ICMPv6) message with a zero checksum: type, code, then 4 bytes {@code rest}. */
    static byte[] icmp(int type, int code, int rest, byte[] payload) {
        Out out = new Out();
        out.u8(type).u8(code).u16(0).u32(rest).bytes(payload);
        return out.toByteArray();
    }

    /** Stores the transport checksum over the IPv4 pseudo-header at {@code checksumOffset} of {@code l4}. */
    static byte[] withIpv4Checksum(byte[] l4, int checksumOffset, int source, int destination, int protocol) {
        long pseudo = ReferenceChecksum.ipv4PseudoSum(source, destination, protocol, l4.length);
        return store(l4, checksumOffset, ReferenceChecksum.checksum(l4, 0, l4.length, pseudo));
    }

    static byte[] withIpv6Checksum(byte[] l4, int checksumOffset, byte[] source, byte[] destination, int nextHeader) {
        long pseudo = ReferenceChecksum.ipv6PseudoSum(source, destination, nextHeader, l4.length);
        return store(l4, checksumOffset, ReferenceChecksum.checksum(l4, 0, l4.length, pseudo));
    }

    /** ICMP for IPv4: no pseudo-header. */
    static byte[] withIcmpChecksum(byte[] icmp) {
        return store(icmp, 2, ReferenceChecksum.checksum(icmp, 0, icmp.length));
    }

    private static byte[] store(byte[] l4, int at, int checksum) {
        l4[at] = (byte) (checksum >>> 8);
        l4[at + 1] = (byte) checksum;
        return l4;
    }

    /** A complete Ethernet/IPv4/TCP frame with valid checksums. */
    static byte[] ipv4Tcp(int sourcePort, int destinationPort, int flags, byte[] options, byte[] payload) {
        byte[] segment = withIpv4Checksum(tcp(sourcePort, destinationPort, flags, options, payload), 16, IP_A, IP_B, IpProtocol.TCP);
        return ethernet(EtherType.IPV4, ipv4(IpProtocol.TCP, segment));
    }

    static byte[] ipv4Udp(int sourcePort, int destinationPort, byte[] payload) {
        byte[] datagram = withIpv4Checksum(udp(sourcePort, destinationPort, payload), 6, IP_A, IP_B, IpProtocol.UDP);
        return ethernet(EtherType.IPV4, ipv4(IpProtocol.UDP, datagram));
    }

    static byte[] ipv6Tcp(int sourcePort, int destinationPort, int flags, byte[] payload) {
        byte[] segment = withIpv6Checksum(tcp(sourcePort, destinationPort, flags, new byte[0], payload), 16, IP6_A, IP6_B, IpProtocol.TCP);
        return ethernet(EtherType.IPV6, ipv6(IpProtocol.TCP, segment));
    }

    static byte[] ipv6Udp(int sourcePort, int destinationPort, byte[] payload) {
        byte[] datagram = withIpv6Checksum(udp(sourcePort, destinationPort, payload), 6, IP6_A, IP6_B, IpProtocol.UDP);
        return ethernet(EtherType.IPV6, ipv6(IpProtocol.UDP, datagram));
    }

    /** A generic IPv6 extension header ({@code (len + 1) * 8} bytes) with PadN filling. */
    static byte[] extension(int nextHeader, int lengthUnits) {
        byte[] header = new byte[(lengthUnits + 1) * 8];
        header[0] = (byte) nextHeader;
        header[1] = (byte) lengthUnits;
        header[2] = 1;
        header[3] = (byte) (header.length - 4);
        return header;
    }

    /** An IPv6 Fragment header: offset in bytes (multiple of 8), M flag, identification. */
    static byte[] fragment(int nextHeader, int offsetBytes, boolean more, int id) {
        return new Out().u8(nextHeader).u8(0).u16(offsetBytes | (more ? 1 : 0)).u32(id).toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        Out out = new Out();
        for (byte[] part : parts) {
            out.bytes(part);
        }
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** Big-endian writer. */
    static final class Out extends ByteArrayOutputStream {
        Out u8(int v) { write(v); return this; }
        Out u16(int v) { write(v >>> 8); write(v); return this; }
        Out u32(int v) { return u16(v >>> 16).u16(v); }
        Out u48(long v) { return u16((int) (v >>> 32)).u32((int) v); }
        Out bytes(byte[] b) { write(b, 0, b.length); return this; }
    }
}
