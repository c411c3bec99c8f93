package io.hypernf.nf.demo;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the demo's traffic, {@code nf-examples/src/main/resources/demo/sample.pcap}:
 * a deterministic mix a small office link might carry — ARP, three TCP connections (handshake,
 * data both ways, FIN teardown), DNS-like UDP, ICMP echo, IPv6 (ICMPv6 echo, UDP, TCP SYN), a
 * VLAN-tagged frame and a few malformed frames (runt, bad IHL, truncated TCP, bad IPv4 checksum).
 * Classic little-endian pcap, microsecond timestamps 1 ms apart from a fixed start. Checksums are
 * computed here (RFC 791, 793, 768, 792, 4443 with the RFC 8200 pseudo-header) so that
 * dissectors show them valid, except where a frame is malformed on purpose.
 *
 * <p>Regenerate with {@code mvn -pl nf-examples test -Dtest=SamplePcapTest -Dhypernf.regenerateDemo=true}.
 */
final class SamplePcapGenerator {
    static final long START_SECONDS = 1_700_000_000L;
    private static final byte[] MAC_CLIENT = mac(0x02, 0x00, 0x00, 0x00, 0x00, 0x01);
    private static final byte[] MAC_SERVER = mac(0x02, 0x00, 0x00, 0x00, 0x00, 0x02);
    private static final byte[] MAC_GATEWAY = mac(0x02, 0x00, 0x00, 0x00, 0x00, 0xfe);
    private static final byte[] BROADCAST = mac(0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
    private static final byte[] IP_CLIENT = {10, 0, 0, 1};
    private static final byte[] IP_SERVER = {10, 0, 0, 2};
    private static final byte[] IP_RESOLVER = {10, 0, 0, 53};
    private static final byte[] IP6_CLIENT = ip6(0x20010db8, 0, 0, 1);
    private static final byte[] IP6_SERVER = ip6(0x20010db8, 0, 0, 2);

    private final List<byte[]> frames = new ArrayList<>();
    private int ipId = 0x1000;

    /** The frames of the sample, in order. */
    static List<byte[]> frames() {
        SamplePcapGenerator g = new SamplePcapGenerator();
        g.arp();
        for (int flow = 0; flow < 3; flow++) {
            g.tcpConnection(40000 + flow, flow == 2 ? 443 : 80, 1000 + 7919 * flow, 5000 + 104729 * flow, flow + 2);
        }
        g.udpExchanges();
        g.icmpEcho(3);
        g.ipv6();
        g.vlanTagged();
        g.malformed();
        return g.frames;
    }

    /** The sample as a pcap file. */
    static byte[] pcap() {
        List<byte[]> list = frames();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.writeBytes(header.array());
        for (int i = 0; i < list.size(); i++) {
            byte[] frame = list.get(i);
            ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            long micros = i * 1000L;
            record.putInt((int) (START_SECONDS + micros / 1_000_000)).putInt((int) (micros % 1_000_000))
                    .putInt(frame.length).putInt(frame.length);
            out.writeBytes(record.array());
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args.length > 0 ? args[0] : "nf-examples/src/main/resources/demo/sample.pcap");
        Files.write(target, pcap());
        System.out.println("wrote " + frames().size() + " frames to " + target);
    }

    private void arp() {
        frames.add(ethernet(BROADCAST, MAC_CLIENT, 0x0806, arpBody(1, MAC_CLIENT, IP_CLIENT, new byte[6], IP_SERVER)));
        frames.add(ethernet(MAC_CLIENT, MAC_SERVER, 0x0806, arpBody(2, MAC_SERVER, IP_SERVER, MAC_CLIENT, IP_CLIENT)));
    }

    private void tcpConnection(int clientPort, int serverPort, int clientSeq, int serverSeq, int segments) {
        int c = clientSeq;
        int s = serverSeq;
        frames.add(tcp4(true, clientPort, serverPort, c, 0, 0x02, new byte[0]));
        frames.add(tcp4(false, serverPort, clientPort, s, c + 1, 0x12, new byte[0]));
        c++;
        s++;
        frames.add(tcp4(true, clientPort, serverPort, c, s, 0x10, new byte[0]));
        for (int k = 0; k < segments; k++) {
            byte[] request = ("GET /item/" + k + " HTTP/1.1\r\nHost: server.example\r\n\r\n").getBytes();
            frames.add(tcp4(true, clientPort, serverPort, c, s, 0x18, request));
            c += request.length;
            byte[] reply = ("HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nitem " + k + " body.").getBytes();
            frames.add(tcp4(false, serverPort, clientPort, s, c, 0x18, reply));
            s += reply.length;
        }
        frames.add(tcp4(true, clientPort, serverPort, c, s, 0x11, new byte[0]));
        frames.add(tcp4(false, serverPort, clientPort, s, c + 1, 0x11, new byte[0]));
        frames.add(tcp4(true, clientPort, serverPort, c + 1, s + 1, 0x10, new byte[0]));
    }

    private void udpExchanges() {
        for (int q = 0; q < 3; q++) {
            byte[] query = dnsQuery(0x4000 + q, "host" + q + ".example");
            frames.add(ethernet(MAC_GATEWAY, MAC_CLIENT, 0x0800, ipv4(IP_CLIENT, IP_RESOLVER, 17, udp(IP_CLIENT, IP_RESOLVER, 53000 + q, 53, query, false))));
            byte[] answer = query.clone();
            answer[2] = (byte) 0x81;
            answer[3] = (byte) 0x80;
            frames.add(ethernet(MAC_CLIENT, MAC_GATEWAY, 0x0800, ipv4(IP_RESOLVER, IP_CLIENT, 17, udp(IP_RESOLVER, IP_CLIENT, 53, 53000 + q, answer, false))));
        }
        byte[] syslog = "<134>demo: link up".getBytes();
        frames.add(ethernet(MAC_SERVER, MAC_CLIENT, 0x0800, ipv4(IP_CLIENT, IP_SERVER, 17, udp(IP_CLIENT, IP_SERVER, 40514, 514, syslog, false))));
    }

    private void icmpEcho(int count) {
        for (int seq = 1; seq <= count; seq++) {
            frames.add(ethernet(MAC_SERVER, MAC_CLIENT, 0x0800, ipv4(IP_CLIENT, IP_SERVER, 1, icmpEcho(8, 0x77, seq))));
            frames.add(ethernet(MAC_CLIENT, MAC_SERVER, 0x0800, ipv4(IP_SERVER, IP_CLIENT, 1, icmpEcho(0, 0x77, seq))));
        }
    }

    private void ipv6() {
        for (int seq = 1; seq <= 2; seq++) {
            frames.add(ethernet(MAC_SERVER, MAC_CLIENT, 0x86dd, ipv6Packet(IP6_CLIENT, IP6_SERVER, 58, icmpv6Echo(128, seq, IP6_CLIENT, IP6_SERVER))));
            frames.add(ethernet(MAC_CLIENT, MAC_SERVER, 0x86dd, ipv6Packet(IP6_SERVER, IP6_CLIENT, 58, icmpv6Echo(129, seq, IP6_SERVER, IP6_CLIENT))));
        }
        frames.add(ethernet(MAC_SERVER, MAC_CLIENT, 0x86dd, ipv6Packet(IP6_CLIENT, IP6_SERVER, 17,
                udp(IP6_CLIENT, IP6_SERVER, 50000, 123, new byte[48], true))));
        frames.add(ethernet(MAC_SERVER, MAC_CLIENT, 0x86dd, ipv6Packet(IP6_CLIENT, IP6_SERVER, 6,
                tcpSegment(IP6_CLIENT, IP6_SERVER, 41000, 22, 777, 0, 0x02, new byte[0], true))));
    }

    private void vlanTagged() {
        byte[] inner = ipv4(IP_CLIENT, IP_SERVER, 1, icmpEcho(8, 0x78, 1));
        ByteBuffer b = ByteBuffer.allocate(14 + 4 + inner.length);
        b.put(MAC_SERVER).put(MAC_CLIENT).putShort((short) 0x8100).putShort((short) 100).putShort((short) 0x0800).put(inner);
        frames.add(b.array());
    }

    private void malformed() {
        frames.add(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0});
        byte[] badIhl = ethernet(MAC_SERVER, MAC_CLIENT, 0x0800, ipv4(IP_CLIENT, IP_SERVER, 17, udp(IP_CLIENT, IP_SERVER, 1, 2, new byte[4], false)));
        badIhl[14] = 0x43;
        frames.add(badIhl);
        byte[] full = ethernet(MAC_SERVER, MAC_CLIENT, 0x0800, ipv4(IP_CLIENT, IP_SERVER, 6, tcpSegment(IP_CLIENT, IP_SERVER, 40100, 80, 1, 0, 0x02, new byte[0], false)));
        byte[] truncated = new byte[14 + 20 + 8];
        System.arraycopy(full, 0, truncated, 0, truncated.length);
        frames.add(truncated);
        byte[] badChecksum = ethernet(MAC_SERVER, MAC_CLIENT, 0x0800, ipv4(IP_CLIENT, IP_SERVER, 1, icmpEcho(8, 0x79, 1)));
        badChecksum[14 + 10] ^= 0x5a;
        frames.add(badChecksum);
    }

    private byte[] tcp4(boolean fromClient, int srcPort, int dstPort, int seq, int ack, int flags, byte[] payload) {
        byte[] src = fromClient ? IP_CLIENT : IP_SERVER;
        byte[] dst = fromClient ? IP_SERVER : IP_CLIENT;
        byte[] segment = tcpSegment(src, dst, srcPort, dstPort, seq, ack, flags, payload, false);
        return ethernet(fromClient ? MAC_SERVER : MAC_CLIENT, fromClient ? MAC_CLIENT : MAC_SERVER, 0x0800, ipv4(src, dst, 6, segment));
    }

    private static byte[] tcpSegment(byte[] src, byte[] dst, int srcPort, int dstPort, int seq, int ack, int flags, byte[] payload, boolean v6) {
        boolean syn = (flags & 0x02) != 0;
        int headerLength = syn ? 24 : 20;
        ByteBuffer b = ByteBuffer.allocate(headerLength + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt(seq).putInt(ack);
        b.put((byte) ((headerLength / 4) << 4)).put((byte) flags).putShort((short) 64240).putShort((short) 0).putShort((short) 0);
        if (syn) {
            b.put((byte) 2).put((byte) 4).putShort((short) 1460);
        }
        b.put(payload);
        byte[] segment = b.array();
        int sum = checksum(pseudoHeader(src, dst, 6, segment.length, v6), segment);
        segment[16] = (byte) (sum >> 8);
        segment[17] = (byte) sum;
        return segment;
    }

    private static byte[] udp(byte[] src, byte[] dst, int srcPort, int dstPort, byte[] payload, boolean v6) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length)).putShort((short) 0).put(payload);
        byte[] datagram = b.array();
        int sum = checksum(pseudoHeader(src, dst, 17, datagram.length, v6), datagram);
        if (sum == 0) {
            sum = 0xffff;
        }
        datagram[6] = (byte) (sum >> 8);
        datagram[7] = (byte) sum;
        return datagram;
    }

    private static byte[] icmpEcho(int type, int id, int seq) {
        ByteBuffer b = ByteBuffer.allocate(8 + 32);
        b.put((byte) type).put((byte) 0).putShort((short) 0).putShort((short) id).putShort((short) seq);
        for (int i = 0; i < 32; i++) {
            b.put((byte) ('a' + i % 23));
        }
        byte[] message = b.array();
        int sum = checksum(new byte[0], message);
        message[2] = (byte) (sum >> 8);
        message[3] = (byte) sum;
        return message;
    }

    private static byte[] icmpv6Echo(int type, int seq, byte[] src, byte[] dst) {
        ByteBuffer b = ByteBuffer.allocate(8 + 16);
        b.put((byte) type).put((byte) 0).putShort((short) 0).putShort((short) 0x66).putShort((short) seq);
        for (int i = 0; i < 16; i++) {
            b.put((byte) i);
        }
        byte[] message = b.array();
        int sum = checksum(pseudoHeader(src, dst, 58, message.length, true), message);
        message[2] = (byte) (sum >> 8);
        message[3] = (byte) sum;
        return message;
    }

    private static byte[] dnsQuery(int id, String name) {
        ByteBuffer b = ByteBuffer.allocate(12 + name.length() + 2 + 4);
        b.putShort((short) id).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 0);
        for (String label : name.split("\\.")) {
            b.put((byte) label.length()).put(label.getBytes());
        }
        b.put((byte) 0).putShort((short) 1).putShort((short) 1);
        return b.array();
    }

    private byte[] ipv4(byte[] src, byte[] dst, int protocol, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) ipId++)
                .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0).put(src).put(dst).put(payload);
        byte[] packet = b.array();
        byte[] header = new byte[20];
        System.arraycopy(packet, 0, header, 0, 20);
        int sum = checksum(new byte[0], header);
        packet[10] = (byte) (sum >> 8);
        packet[11] = (byte) sum;
        return packet;
    }

    private static byte[] ipv6Packet(byte[] src, byte[] dst, int nextHeader, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
        b.putInt(0x60000000).putShort((short) payload.length).put((byte) nextHeader).put((byte) 64).put(src).put(dst).put(payload);
        return b.array();
    }

    private static byte[] arpBody(int op, byte[] senderMac, byte[] senderIp, byte[] targetMac, byte[] targetIp) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) op)
                .put(senderMac).put(senderIp).put(targetMac).put(targetIp);
        return b.array();
    }

    /** An Ethernet II frame, padded to the 60-byte minimum (IEEE 802.3 clause 3.2.8; the FCS is not captured). */
    private static byte[] ethernet(byte[] dst, byte[] src, int etherType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(60, 14 + payload.length));
        b.put(dst).put(src).putShort((short) etherType).put(payload);
        return b.array();
    }

    private static byte[] pseudoHeader(byte[] src, byte[] dst, int protocol, int length, boolean v6) {
        ByteBuffer b = ByteBuffer.allocate(v6 ? 40 : 12);
        if (v6) {
            b.put(src).put(dst).putInt(length).put(new byte[3]).put((byte) protocol);
        } else {
            b.put(src).put(dst).put((byte) 0).put((byte) protocol).putShort((short) length);
        }
        return b.array();
    }

    /** RFC 1071 ones'-complement sum over {@code prefix} then {@code data}, complemented. */
    private static int checksum(byte[] prefix, byte[] data) {
        long sum = 0;
        byte[] all = new byte[prefix.length + data.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(data, 0, all, prefix.length, data.length);
        for (int i = 0; i < all.length; i += 2) {
            int hi = all[i] & 0xff;
            int lo = i + 1 < all.length ? all[i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static byte[] mac(int... bytes) {
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) bytes[i];
        }
        return out;
    }

    private static byte[] ip6(int a, int b, int c, int d) {
        return ByteBuffer.allocate(16).putInt(a).putInt(b).putInt(c).putInt(d).array();
    }
}
