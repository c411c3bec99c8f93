package io.hypernf.sdk.packet;

import static io.hypernf.sdk.packet.TestFrames.concat;
import static io.hypernf.sdk.packet.TestFrames.ethernet;
import static io.hypernf.sdk.packet.TestFrames.extension;
import static io.hypernf.sdk.packet.TestFrames.fragment;
import static io.hypernf.sdk.packet.TestFrames.ipv4;
import static io.hypernf.sdk.packet.TestFrames.ipv6;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PacketParserTest {
    private static final byte[] NONE = new byte[0];

    private final PacketParser parser = new PacketParser();
    private final ParsedPacket parsed = new ParsedPacket();

    @Test
    void ipv4Tcp() {
        byte[] frame = TestFrames.ipv4Tcp(40000, 443, TcpHeader.SYN, TestFrames.bytes(2, 4, 5, 0xB4), TestFrames.bytes(1, 2, 3));
        assertThat(parse(frame)).isEqualTo(PacketClass.OK_IPV4_TCP);
        assertThat(parsed.malformedReason()).isEqualTo(MalformedReason.NONE);
        assertThat(parsed.etherType()).isEqualTo(EtherType.IPV4);
        assertThat(parsed.vlanCount()).isZero();
        assertThat(parsed.outerVlanId()).isEqualTo(-1);
        assertThat(parsed.ipVersion()).isEqualTo(4);
        assertThat(parsed.l3Offset()).isEqualTo(14);
        assertThat(parsed.l3End()).isEqualTo(frame.length);
        assertThat(parsed.l4Protocol()).isEqualTo(IpProtocol.TCP);
        assertThat(parsed.l4Offset()).isEqualTo(34);
        assertThat(parsed.payloadOffset()).isEqualTo(58);
        assertThat(parsed.payloadLength()).isEqualTo(3);
        assertThat(parsed.sourcePort()).isEqualTo(40000);
        assertThat(parsed.destinationPort()).isEqualTo(443);
        assertThat(parsed.tcpFlags()).isEqualTo(TcpHeader.SYN);
        assertThat(parsed.ipv4Source()).isEqualTo(TestFrames.IP_A);
        assertThat(parsed.ipv4Destination()).isEqualTo(TestFrames.IP_B);
        assertThat(parsed.isFragment()).isFalse();
        assertThat(parsed.fragmentId()).isEqualTo(0x1234);
        assertThat(parsed.isOk()).isTrue();
    }

    @Test
    void ipv4UdpInAPaddedMinimumFrame() {
        byte[] frame = Arrays.copyOf(TestFrames.ipv4Udp(68, 67, TestFrames.bytes(9, 9)), 60);
        assertThat(parse(frame)).isEqualTo(PacketClass.OK_IPV4_UDP);
        assertThat(parsed.l3End()).isEqualTo(14 + 30);
        assertThat(parsed.frameEnd()).isEqualTo(60);
        assertThat(parsed.payloadOffset()).isEqualTo(42);
        assertThat(parsed.payloadLength()).isEqualTo(2);
        assertThat(parsed.sourcePort()).isEqualTo(68);
    }

    @Test
    void ipv4IcmpEchoAndError() {
        byte[] echo = TestFrames.withIcmpChecksum(TestFrames.icmp(IcmpHeader.ECHO_REQUEST, 0, 0x77770001, new byte[8]));
        assertThat(parse(ethernet(EtherType.IPV4, ipv4(IpProtocol.ICMP, echo)))).isEqualTo(PacketClass.OK_IPV4_ICMP);
        assertThat(parsed.icmpType()).isEqualTo(8);
        assertThat(parsed.icmpIdentifier()).isEqualTo(0x7777);
        assertThat(parsed.sourcePort()).isZero();
        byte[] error = TestFrames.icmp(IcmpHeader.TIME_EXCEEDED, 0, 0, ipv4(IpProtocol.UDP, TestFrames.udp(1, 2, NONE)));
        assertThat(parse(ethernet(EtherType.IPV4, ipv4(IpProtocol.ICMP, error)))).isEqualTo(PacketClass.OK_IPV4_ICMP);
        assertThat(parsed.icmpType()).isEqualTo(11);
        assertThat(parsed.icmpIdentifier()).isEqualTo(-1);
        assertThat(parsed.payloadOffset()).isEqualTo(14 + 20 + 8);
    }

    @Test
    void ipv4OtherProtocolAndOptions() {
        byte[] options = TestFrames.bytes(148, 4, 0, 0);
        assertThat(parse(ethernet(EtherType.IPV4, ipv4(TestFrames.IP_A, TestFrames.IP_B, IpProtocol.GRE, options, 0, new byte[8]))))
                .isEqualTo(PacketClass.OK_IPV4_OTHER);
        assertThat(parsed.l4Protocol()).isEqualTo(IpProtocol.GRE);
        assertThat(parsed.l4Offset()).isEqualTo(14 + 24);
        assertThat(parsed.payloadLength()).isEqualTo(8);
    }

    @Test
    void ipv4Fragments() {
        // First fragment: UDP header present, its length covers the whole datagram.
        byte[] udp = TestFrames.udp(1000, 2000, new byte[16]);
        udp[4] = 0x05;
        udp[5] = (byte) 0xDC;
        assertThat(parse(ethernet(EtherType.IPV4, ipv4(TestFrames.IP_A, TestFrames.IP_B, IpProtocol.UDP, NONE, Ipv4Header.FLAG_MORE_FRAGMENTS, udp))))
                .isEqualTo(PacketClass.OK_IPV4_UDP);
        assertThat(parsed.isFragment()).isTrue();
        assertThat(parsed.isLaterFragment()).isFalse();
        assertThat(parsed.moreFragments()).isTrue();
        assertThat(parsed.destinationPort()).isEqualTo(2000);
        assertThat(parsed.payloadLength()).isEqualTo(16);
        // Later fragment: no transport header.
        assertThat(parse(ethernet(EtherType.IPV4, ipv4(TestFrames.IP_A, TestFrames.IP_B, IpProtocol.UDP, NONE, 3, new byte[24]))))
                .isEqualTo(PacketClass.OK_IPV4_FRAGMENT);
        assertThat(parsed.isLaterFragment()).isTrue();
        assertThat(parsed.fragmentOffsetBytes()).isEqualTo(24);
        assertThat(parsed.l4Offset()).isEqualTo(-1);
        assertThat(parsed.l4Protocol()).isEqualTo(IpProtocol.UDP);
        assertThat(parsed.payloadOffset()).isEqualTo(34);
        assertThat(parsed.payloadLength()).isEqualTo(24);
        // A tiny first fragment that cannot hold a TCP header is refused (RFC 1858).
        assertThat(parse(ethernet(EtherType.IPV4, ipv4(TestFrames.IP_A, TestFrames.IP_B, IpProtocol.TCP, NONE, Ipv4Header.FLAG_MORE_FRAGMENTS, new byte[8]))))
                .isEqualTo(PacketClass.MALFORMED_L4);
        assertThat(parsed.malformedReason()).isEqualTo(MalformedReason.TRUNCATED_TCP);
    }

    @Test
    void vlanAndQinQ() {
        byte[] ip = ipv4(IpProtocol.UDP, TestFrames.udp(1, 2, NONE));
        assertThat(parse(ethernet(EtherType.IPV4, ip, EtherType.VLAN, 0x0064))).isEqualTo(PacketClass.OK_IPV4_UDP);
        assertThat(parsed.vlanCount()).isEqualTo(1);
        assertThat(parsed.outerVlanId()).isEqualTo(100);
        assertThat(parsed.innerVlanId()).isEqualTo(-1);
        assertThat(parsed.l3Offset()).isEqualTo(18);
        assertThat(parse(ethernet(EtherType.IPV4, ip, EtherType.QINQ, 0x0FFE, EtherType.VLAN, 0xE005))).isEqualTo(PacketClass.OK_IPV4_UDP);
        assertThat(parsed.vlanCount()).isEqualTo(2);
        assertThat(parsed.outerVlanId()).isEqualTo(4094);
        assertThat(parsed.innerVlanId()).isEqualTo(5);
        assertThat(parsed.l3Offset()).isEqualTo(22);
        assertThat(parsed.l4Offset()).isEqualTo(42);
        int[] four = {EtherType.QINQ, 1, EtherType.QINQ_LEGACY, 2, EtherType.VLAN, 3, EtherType.VLAN, 4};
        assertThat(parse(ethernet(EtherType.IPV4, ip, four))).isEqualTo(PacketClass.OK_IPV4_UDP);
        assertThat(parsed.vlanCount()).isEqualTo(4);
        int[] five = Arrays.copyOf(four, 10);
        five[8] = EtherType.VLAN;
        five[9] = 5;
        assertMalformed(ethernet(EtherType.IPV4, ip, five), MalformedReason.TOO_MANY_VLAN_TAGS);
    }

    @Test
    void ipv6Kinds() {
        assertThat(parse(TestFrames.ipv6Tcp(22, 50000, TcpHeader.ACK, new byte[7]))).isEqualTo(PacketClass.OK_IPV6_TCP);
        assertThat(parsed.ipVersion()).isEqualTo(6);
        assertThat(parsed.l4Offset()).isEqualTo(54);
        assertThat(parsed.payloadLength()).isEqualTo(7);
        assertThat(Ipv6Addresses.format(parsed.ipv6SourceHigh(), parsed.ipv6SourceLow())).isEqualTo("2001:db8::1");
        assertThat(Ipv6Addresses.format(parsed.ipv6DestinationHigh(), parsed.ipv6DestinationLow())).isEqualTo("2001:db8:0:1::beef");
        assertThat(parse(TestFrames.ipv6Udp(546, 547, new byte[3]))).isEqualTo(PacketClass.OK_IPV6_UDP);
        assertThat(parsed.destinationPort()).isEqualTo(547);

        byte[] echo = TestFrames.icmp(Icmpv6Header.ECHO_REPLY, 0, 0x12340001, NONE);
        assertThat(parse(ethernet(EtherType.IPV6, ipv6(IpProtocol.ICMPV6, echo)))).isEqualTo(PacketClass.OK_IPV6_ICMPV6);
        assertThat(parsed.icmpType()).isEqualTo(129);
        assertThat(parsed.icmpIdentifier()).isEqualTo(0x1234);

        byte[] chain = concat(extension(IpProtocol.IPV6_ROUTING, 0), extension(IpProtocol.UDP, 1), TestFrames.udp(7, 8, NONE));
        assertThat(parse(ethernet(EtherType.IPV6, ipv6(IpProtocol.HOP_BY_HOP, chain)))).isEqualTo(PacketClass.OK_IPV6_UDP);
        assertThat(parsed.ipv6ExtensionHeaders()).isEqualTo(2);
        assertThat(parsed.l4Offset()).isEqualTo(14 + 40 + 8 + 16);

        assertThat(parse(ethernet(EtherType.IPV6, ipv6(IpProtocol.ESP, new byte[24])))).isEqualTo(PacketClass.OK_IPV6_OTHER);
        assertThat(parsed.l4Protocol()).isEqualTo(IpProtocol.ESP);
        assertThat(parse(ethernet(EtherType.IPV6, ipv6(IpProtocol.IPV6_NO_NEXT_HEADER, NONE)))).isEqualTo(PacketClass.OK_IPV6_OTHER);
        // ICMP for IPv4 inside IPv6 is not ICMPv6.
        assertThat(parse(ethernet(EtherType.IPV6, ipv6(IpProtocol.ICMP, new byte[8])))).isEqualTo(PacketClass.OK_IPV6_OTHER);
    }

    @Test
    void ipv6Fragments() {
        byte[] later = concat(fragment(IpProtocol.TCP, 1232, true, 0xABCD0001), new byte[40]);
        assertThat(parse(ethernet(EtherType.IPV6, ipv6(IpProtocol.IPV6_FRAGMENT, later)))).isEqualTo(PacketClass.OK_IPV6_FRAGMENT);
        assertThat(parsed.isLaterFragment()).isTrue();
        assertThat(parsed.fragmentId()).isEqualTo(0xABCD0001);
        assertThat(parsed.l4Protocol()).isEqualTo(IpProtocol.TCP);
        assertThat(parsed.l4Offset()).isEqualTo(-1);
        assertThat(parsed.payloadOffset()).isEqualTo(14 + 48);
        assertThat(parsed.payloadLength()).isEqualTo(40);
        byte[] first = concat(fragment(IpProtocol.TCP, 0, true, 9), TestFrames.tcp(1, 2, TcpHeader.ACK, NONE, new byte[4]));
        assertThat(parse(ethernet(EtherType.IPV6, ipv6(IpProtocol.IPV6_FRAGMENT, first)))).isEqualTo(PacketClass.OK_IPV6_TCP);
        assertThat(parsed.isFragment()).isTrue();
        assertThat(parsed.moreFragments()).isTrue();
        assertThat(parsed.sourcePort()).isEqualTo(1);
    }

    @Test
    void arpAndOtherL2() {
        TestFrames.Out arp = new TestFrames.Out();
        arp.u16(1).u16(0x0800).u8(6).u8(4).u16(1).u48(TestFrames.MAC_A).u32(TestFrames.IP_A).u48(0).u32(TestFrames.IP_B);
        byte[] frame = Arrays.copyOf(ethernet(EtherType.ARP, arp.toByteArray()), 60);
        assertThat(parse(frame)).isEqualTo(PacketClass.OK_ARP);
        assertThat(parsed.l3End()).isEqualTo(14 + 28);
        assertThat(parsed.ipVersion()).isZero();
        assertThat(parsed.l4Protocol()).isEqualTo(-1);
        assertThat(parse(ethernet(0x88CC, new byte[46]))).isEqualTo(PacketClass.OK_OTHER_L2);
        assertThat(parsed.etherType()).isEqualTo(0x88CC);
        assertThat(parse(ethernet(46, new byte[46]))).isEqualTo(PacketClass.OK_OTHER_L2);
        assertThat(parsed.etherType()).isEqualTo(46);
    }

    @Test
    void everyMalformedReasonOfLayerTwoAndThree() {
        assertMalformed(new byte[13], MalformedReason.TRUNCATED_ETHERNET);
        assertMalformed(Arrays.copyOf(ethernet(EtherType.IPV4, NONE, EtherType.VLAN, 1), 17), MalformedReason.TRUNCATED_VLAN);
        assertMalformed(ethernet(EtherType.ARP, new byte[7]), MalformedReason.TRUNCATED_ARP);
        TestFrames.Out arp = new TestFrames.Out();
        arp.u16(1).u16(0x0800).u8(6).u8(4).u16(1).u48(0).u32(0);
        assertMalformed(ethernet(EtherType.ARP, arp.toByteArray()), MalformedReason.TRUNCATED_ARP);

        byte[] ip = ipv4(IpProtocol.UDP, TestFrames.udp(1, 2, new byte[4]));
        assertMalformed(ethernet(EtherType.IPV4, Arrays.copyOf(ip, 19)), MalformedReason.TRUNCATED_IPV4);
        assertMalformed(ethernet(EtherType.IPV4, with(ip, 0, 0x65)), MalformedReason.BAD_IPV4_VERSION);
        assertMalformed(ethernet(EtherType.IPV4, with(ip, 0, 0x44)), MalformedReason.BAD_IHL);
        assertMalformed(ethernet(EtherType.IPV4, with(ip, 0, 0x4F)), MalformedReason.BAD_IHL);
        assertMalformed(ethernet(EtherType.IPV4, with(with(ip, 2, 0), 3, 19)), MalformedReason.IPV4_TOTAL_LENGTH_BELOW_HEADER);
        assertMalformed(ethernet(EtherType.IPV4, with(ip, 3, ip.length + 1)), MalformedReason.IPV4_TOTAL_LENGTH_EXCEEDS_FRAME);
        assertMalformed(ethernet(EtherType.IPV4, ipv4(TestFrames.IP_A, TestFrames.IP_B, 6, TestFrames.bytes(1, 7, 9, 0), 0, NONE)),
                MalformedReason.BAD_IPV4_OPTIONS);
        assertMalformed(ethernet(EtherType.IPV4, ipv4(TestFrames.IP_A, TestFrames.IP_B, IpProtocol.ICMP, NONE, 8189, new byte[100])),
                MalformedReason.FRAGMENT_TOO_LARGE);

        byte[] ip6 = ipv6(IpProtocol.UDP, TestFrames.udp(1, 2, NONE));
        assertMalformed(ethernet(EtherType.IPV6, Arrays.copyOf(ip6, 39)), MalformedReason.TRUNCATED_IPV6);
        assertMalformed(ethernet(EtherType.IPV6, with(ip6, 0, 0x40)), MalformedReason.BAD_IPV6_VERSION);
        assertMalformed(ethernet(EtherType.IPV6, with(ip6, 5, 9)), MalformedReason.BAD_IPV6_PAYLOAD_LENGTH);
        assertMalformed(ethernet(EtherType.IPV6, ipv6(IpProtocol.HOP_BY_HOP, extension(IpProtocol.IPV6_NO_NEXT_HEADER, 3))), MalformedReason.NONE);
        assertMalformed(ethernet(EtherType.IPV6, ipv6(IpProtocol.HOP_BY_HOP, Arrays.copyOf(extension(IpProtocol.IPV6_NO_NEXT_HEADER, 3), 24))),
                MalformedReason.TRUNCATED_IPV6_EXTENSION);
        assertMalformed(ethernet(EtherType.IPV6, ipv6(IpProtocol.IPV6_ROUTING, concat(extension(IpProtocol.HOP_BY_HOP, 0), extension(59, 0)))),
                MalformedReason.HOP_BY_HOP_NOT_FIRST);
        byte[][] many = new byte[Ipv6ExtensionHeaders.MAX_HEADERS + 1][];
        Arrays.fill(many, extension(IpProtocol.IPV6_DESTINATION_OPTIONS, 0));
        assertMalformed(ethernet(EtherType.IPV6, ipv6(IpProtocol.IPV6_DESTINATION_OPTIONS, concat(many))),
                MalformedReason.TOO_MANY_EXTENSION_HEADERS);
    }

    @Test
    void everyMalformedReasonOfLayerFour() {
        assertMalformed(ethernet(EtherType.IPV4, ipv4(IpProtocol.TCP, new byte[19])), MalformedReason.TRUNCATED_TCP);
        byte[] tcp = TestFrames.tcp(1, 2, TcpHeader.ACK, NONE, new byte[40]);
        assertMalformed(ethernet(EtherType.IPV4, ipv4(IpProtocol.TCP, with(tcp, 12, 0x40))), MalformedReason.BAD_TCP_DATA_OFFSET);
        assertMalformed(ethernet(EtherType.IPV4, ipv4(IpProtocol.TCP, Arrays.copyOf(with(tcp, 12, 0xF0), 40))), MalformedReason.TRUNCATED_TCP);
        // The TCP header fits in the frame but not in the IP total length: still truncated.
        byte[] shortIp = ipv4(IpProtocol.TCP, Arrays.copyOf(tcp, 20));
        byte[] frame = concat(ethernet(EtherType.IPV4, with(with(shortIp, 3, 30), 2, 0)), new byte[30]);
        assertMalformed(frame, MalformedReason.TRUNCATED_TCP);
        assertMalformed(ethernet(EtherType.IPV6, ipv6(IpProtocol.TCP, new byte[12])), MalformedReason.TRUNCATED_TCP);

        assertMalformed(ethernet(EtherType.IPV4, ipv4(IpProtocol.UDP, new byte[7])), MalformedReason.TRUNCATED_UDP);
        byte[] udp = TestFrames.udp(1, 2, new byte[4]);
        assertMalformed(ethernet(EtherType.IPV4, ipv4(IpProtocol.UDP, with(udp, 5, 7))), MalformedReason.BAD_UDP_LENGTH);
        assertMalformed(ethernet(EtherType.IPV4, ipv4(IpProtocol.UDP, with(udp, 5, 13))), MalformedReason.BAD_UDP_LENGTH);
        assertMalformed(ethernet(EtherType.IPV6, ipv6(IpProtocol.UDP, with(udp, 5, 200))), MalformedReason.BAD_UDP_LENGTH);
        assertThat(parse(ethernet(EtherType.IPV4, ipv4(IpProtocol.UDP, with(udp, 5, 10))))).isEqualTo(PacketClass.OK_IPV4_UDP);
        assertThat(parsed.payloadLength()).isEqualTo(2);

        assertMalformed(ethernet(EtherType.IPV4, ipv4(IpProtocol.ICMP, new byte[7])), MalformedReason.TRUNCATED_ICMP);
        assertMalformed(ethernet(EtherType.IPV6, ipv6(IpProtocol.ICMPV6, new byte[4])), MalformedReason.TRUNCATED_ICMPV6);
    }

    @Test
    void embeddedDatagramsOfIcmpErrors() {
        // RFC 792: the quote is the IP header plus 8 bytes, so the quoted total length exceeds it.
        byte[] original = ipv4(TestFrames.IP_B, TestFrames.IP_A, IpProtocol.TCP, NONE, 0,
                TestFrames.tcp(443, 40000, TcpHeader.ACK, NONE, new byte[100]));
        byte[] quote = Arrays.copyOf(original, 28);
        byte[] error = TestFrames.withIcmpChecksum(TestFrames.icmp(IcmpHeader.DESTINATION_UNREACHABLE, 3, 0, quote));
        ByteBuf buf = Unpooled.wrappedBuffer(ethernet(EtherType.IPV4, ipv4(IpProtocol.ICMP, error)));
        ParsedPacket inner = new ParsedPacket();
        assertThat(parser.parse(buf, parsed)).isEqualTo(PacketClass.OK_IPV4_ICMP);
        assertThat(parser.parseEmbedded(buf, parsed, inner)).isEqualTo(PacketClass.OK_IPV4_TCP);
        assertThat(inner.isEmbedded()).isTrue();
        assertThat(parsed.isEmbedded()).isFalse();
        assertThat(inner.frameOffset()).isEqualTo(14 + 20 + 8);
        assertThat(inner.l3Offset()).isEqualTo(42);
        assertThat(inner.l3End()).isEqualTo(42 + 28);
        assertThat(inner.l4Offset()).isEqualTo(62);
        assertThat(inner.ipv4Source()).isEqualTo(TestFrames.IP_B);
        assertThat(inner.sourcePort()).isEqualTo(443);
        assertThat(inner.destinationPort()).isEqualTo(40000);
        assertThat(inner.tcpFlags()).isZero();

        byte[] quote6 = Arrays.copyOf(ipv6(IpProtocol.UDP, TestFrames.udp(5000, 53, new byte[1200])), 40 + 8);
        byte[] tooBig = TestFrames.icmp(Icmpv6Header.PACKET_TOO_BIG, 0, 1280, quote6);
        ByteBuf buf6 = Unpooled.wrappedBuffer(ethernet(EtherType.IPV6, ipv6(IpProtocol.ICMPV6, tooBig)));
        assertThat(parser.parse(buf6, parsed)).isEqualTo(PacketClass.OK_IPV6_ICMPV6);
        assertThat(parser.parseEmbedded(buf6, parsed, inner)).isEqualTo(PacketClass.OK_IPV6_UDP);
        assertThat(inner.sourcePort()).isEqualTo(5000);
        assertThat(inner.payloadLength()).isZero();
        assertThat(Ipv6Addresses.format(inner.ipv6SourceHigh(), inner.ipv6SourceLow())).isEqualTo("2001:db8::1");

        byte[] shortQuote = TestFrames.icmp(IcmpHeader.TIME_EXCEEDED, 0, 0, Arrays.copyOf(original, 24));
        ByteBuf shortBuf = Unpooled.wrappedBuffer(ethernet(EtherType.IPV4, ipv4(IpProtocol.ICMP, shortQuote)));
        parser.parse(shortBuf, parsed);
        assertThat(parser.parseEmbedded(shortBuf, parsed, inner)).isEqualTo(PacketClass.MALFORMED_L4);
        assertThat(inner.malformedReason()).isEqualTo(MalformedReason.TRUNCATED_TCP);

        ByteBuf echo = Unpooled.wrappedBuffer(ethernet(EtherType.IPV4, ipv4(IpProtocol.ICMP, TestFrames.icmp(8, 0, 1, quote))));
        parser.parse(echo, parsed);
        assertThat(parser.parseEmbedded(echo, parsed, inner)).isEqualTo(PacketClass.MALFORMED_L4);
        assertThat(inner.malformedReason()).isEqualTo(MalformedReason.NOT_AN_ICMP_ERROR);
        ByteBuf tcpFrame = Unpooled.wrappedBuffer(TestFrames.ipv4Tcp(1, 2, TcpHeader.ACK, NONE, NONE));
        parser.parse(tcpFrame, parsed);
        assertThat(parser.parseEmbedded(tcpFrame, parsed, inner)).isEqualTo(PacketClass.MALFORMED_L4);
    }

    @Test
    void mutatedIcmpErrorQuotesNeverEscapeTheFrame() {
        SplittableRandom random = new SplittableRandom(5508);
        byte[] quote = Arrays.copyOf(ipv4(IpProtocol.UDP, TestFrames.udp(1, 2, new byte[64])), 28);
        byte[] seed = ethernet(EtherType.IPV4, ipv4(IpProtocol.ICMP, TestFrames.icmp(3, 1, 0, quote)));
        byte[] seed6 = ethernet(EtherType.IPV6, ipv6(IpProtocol.ICMPV6, TestFrames.icmp(1, 0, 0,
                Arrays.copyOf(ipv6(IpProtocol.HOP_BY_HOP, concat(extension(IpProtocol.TCP, 0), TestFrames.tcp(1, 2, 0, NONE, NONE))), 64))));
        ParsedPacket inner = new ParsedPacket();
        int ok = 0;
        for (byte[] base : new byte[][] {seed, seed6}) {
            for (int round = 0; round < 5000; round++) {
                byte[] mutated = base.clone();
                for (int i = 0; i < 1 + random.nextInt(3); i++) {
                    int at = 14 + (base == seed ? 28 : 48) + random.nextInt(mutated.length - (base == seed ? 42 : 62));
                    mutated[at] = (byte) random.nextInt(256);
                }
                int length = random.nextBoolean() ? mutated.length : random.nextInt(mutated.length + 1);
                ByteBuf buf = Unpooled.wrappedBuffer(Arrays.copyOf(mutated, length));
                if (parser.parse(buf, 0, length, parsed).isOk()) {
                    PacketClass result = parser.parseEmbedded(buf, parsed, inner);
                    if (result.isOk()) {
                        ok++;
                        assertThat(inner.l3End()).isLessThanOrEqualTo(parsed.l3End());
                        assertThat(inner.payloadOffset()).isBetween(inner.l3Offset(), inner.l3End());
                    }
                }
            }
        }
        assertThat(ok).isPositive();
    }

    @Test
    void aFrameLongerThanItsBufferIsMalformedNotAnException() {
        ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv4Udp(1, 2, NONE));
        assertThat(parser.parse(buf, 0, buf.capacity() + 1, parsed)).isEqualTo(PacketClass.MALFORMED_L2);
        assertThat(parsed.malformedReason()).isEqualTo(MalformedReason.FRAME_EXCEEDS_BUFFER);
        assertThat(parser.parse(buf, 10, buf.capacity() - 9, parsed)).isEqualTo(PacketClass.MALFORMED_L2);
        assertThat(parser.parse(buf, -1, 5, parsed)).isEqualTo(PacketClass.MALFORMED_L2);
        assertThat(parser.parse(buf, 0, -5, parsed)).isEqualTo(PacketClass.MALFORMED_L2);
        assertThat(parser.parse(buf, Integer.MAX_VALUE, Integer.MAX_VALUE, parsed)).isEqualTo(PacketClass.MALFORMED_L2);
        assertThat(parser.parse(buf, 0, buf.capacity(), parsed)).isEqualTo(PacketClass.OK_IPV4_UDP);
        buf.setIndex(0, buf.capacity());
        assertThat(parser.parse(buf, parsed)).isEqualTo(PacketClass.OK_IPV4_UDP);
    }

    @Test
    void theResultIsFullyResetBetweenPackets() {
        parse(TestFrames.ipv4Tcp(1, 2, TcpHeader.SYN, NONE, NONE));
        String tcpView = describe(parsed);
        parse(ethernet(EtherType.ARP, new byte[3]));
        parse(TestFrames.ipv4Tcp(1, 2, TcpHeader.SYN, NONE, NONE));
        assertThat(describe(parsed)).isEqualTo(tcpView);
        parse(ethernet(0x88CC, NONE));
        assertThat(parsed.l4Offset()).isEqualTo(-1);
        assertThat(parsed.sourcePort()).isZero();
        assertThat(parsed.ipv4Source()).isZero();
        assertThat(parsed.tcpFlags()).isZero();
    }

    /**
     * Truncations at every length and random byte flips of well-formed frames of every kind: the
     * parser never throws, never reads past the frame (the buffer ends exactly there), and every
     * offset it reports lies inside the frame.
     */
    @Test
    void truncatedAndMutatedFramesNeverEscapeTheFrame() {
        SplittableRandom random = new SplittableRandom(2024);
        List<byte[]> seeds = seedFrames();
        int[] classes = new int[PacketClass.values().length];
        for (byte[] seed : seeds) {
            for (int length = 0; length <= seed.length; length++) {
                classes[parseChecked(Arrays.copyOf(seed, length)).ordinal()]++;
            }
            for (int round = 0; round < 2000; round++) {
                byte[] mutated = seed.clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                int length = random.nextInt(4) == 0 ? random.nextInt(mutated.length + 1) : mutated.length;
                classes[parseChecked(Arrays.copyOf(mutated, length)).ordinal()]++;
            }
        }
        assertThat(classes[PacketClass.MALFORMED_L2.ordinal()]).isPositive();
        assertThat(classes[PacketClass.MALFORMED_L3.ordinal()]).isPositive();
        assertThat(classes[PacketClass.MALFORMED_L4.ordinal()]).isPositive();
        assertThat(classes[PacketClass.OK_IPV4_TCP.ordinal()]).isPositive();
        assertThat(classes[PacketClass.OK_IPV6_UDP.ordinal()]).isPositive();
    }

    private PacketClass parseChecked(byte[] frame) {
        ByteBuf exact = Unpooled.wrappedBuffer(frame);
        PacketClass result = parser.parse(exact, 0, frame.length, parsed);
        assertThat(result).isEqualTo(parsed.packetClass());
        assertThat(result.isMalformed()).isEqualTo(parsed.malformedReason() != MalformedReason.NONE);
        if (result.isMalformed()) {
            assertThat(parsed.malformedReason().packetClass()).isEqualTo(result);
        } else {
            assertThat(parsed.l3Offset()).isBetween(14, frame.length);
            assertThat(parsed.l3End()).isBetween(parsed.l3Offset(), frame.length);
            if (parsed.l4Offset() >= 0) {
                assertThat(parsed.l4Offset()).isBetween(parsed.l3Offset(), parsed.l3End());
            }
            assertThat(parsed.payloadOffset()).isBetween(parsed.l3Offset(), parsed.l3End());
            assertThat(parsed.payloadOffset() + parsed.payloadLength()).isLessThanOrEqualTo(parsed.l3End());
            assertThat(parsed.payloadLength()).isNotNegative();
        }
        return result;
    }

    private static List<byte[]> seedFrames() {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(TestFrames.ipv4Tcp(1, 2, TcpHeader.SYN, TestFrames.bytes(2, 4, 5, 0xB4), new byte[10]));
        seeds.add(TestFrames.ipv4Udp(1, 2, new byte[10]));
        seeds.add(ethernet(EtherType.IPV4, ipv4(TestFrames.IP_A, TestFrames.IP_B, IpProtocol.UDP, TestFrames.bytes(7, 7, 4, 0, 0, 0, 0, 0), 0,
                TestFrames.udp(3, 4, NONE)), EtherType.QINQ, 1, EtherType.VLAN, 2));
        seeds.add(ethernet(EtherType.IPV4, ipv4(IpProtocol.ICMP, TestFrames.icmp(3, 4, 0, ipv4(IpProtocol.TCP, new byte[8])))));
        seeds.add(TestFrames.ipv6Tcp(1, 2, TcpHeader.ACK, new byte[5]));
        seeds.add(TestFrames.ipv6Udp(1, 2, new byte[5]));
        seeds.add(ethernet(EtherType.IPV6, ipv6(IpProtocol.HOP_BY_HOP, concat(extension(IpProtocol.IPV6_ROUTING, 0),
                extension(IpProtocol.IPV6_FRAGMENT, 1), fragment(IpProtocol.AH, 0, true, 1),
                TestFrames.bytes(IpProtocol.ICMPV6, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), TestFrames.icmp(128, 0, 1, NONE)))));
        TestFrames.Out arp = new TestFrames.Out();
        arp.u16(1).u16(0x0800).u8(6).u8(4).u16(1).u48(TestFrames.MAC_A).u32(TestFrames.IP_A).u48(0).u32(TestFrames.IP_B);
        seeds.add(ethernet(EtherType.ARP, arp.toByteArray(), EtherType.VLAN, 7));
        return seeds;
    }

    private PacketClass parse(byte[] frame) {
        // Once in a buffer that ends where the frame ends, once inside a larger buffer full of
        // non-zero bytes: the frame length, not the capacity, must bound the parse.
        ByteBuf exact = Unpooled.wrappedBuffer(frame);
        PacketClass exactClass = parser.parse(exact, 0, frame.length, parsed);
        String exactView = describe(parsed);
        byte[] padded = new byte[frame.length + 100];
        Arrays.fill(padded, (byte) 0x5A);
        System.arraycopy(frame, 0, padded, 7, frame.length);
        PacketClass embedded = parser.parse(Unpooled.wrappedBuffer(padded), 7, frame.length, parsed);
        assertThat(embedded).isEqualTo(exactClass);
        assertThat(describe(parsed)).isEqualTo(exactView);
        parser.parse(exact, 0, frame.length, parsed);
        return exactClass;
    }

    private void assertMalformed(byte[] frame, MalformedReason reason) {
        PacketClass result = parse(frame);
        assertThat(parsed.malformedReason()).as("frame %s", parsed).isEqualTo(reason);
        if (reason != MalformedReason.NONE) {
            assertThat(result).isEqualTo(reason.packetClass());
        }
    }

    private static byte[] with(byte[] bytes, int index, int value) {
        byte[] copy = bytes.clone();
        copy[index] = (byte) value;
        return copy;
    }

    /** Every field, offsets relative to the frame start (so an embedded parse compares equal). */
    private static String describe(ParsedPacket p) {
        int base = p.frameOffset();
        return p.packetClass() + " " + p.malformedReason() + " len " + p.frameLength()
                + " vlan " + p.vlanCount() + "/" + p.outerVlanId() + "/" + p.innerVlanId() + " type " + p.etherType()
                + " l3 " + rel(p.l3Offset(), base) + "-" + rel(p.l3End(), base) + " v" + p.ipVersion()
                + " l4 " + p.l4Protocol() + "@" + rel(p.l4Offset(), base) + " payload " + rel(p.payloadOffset(), base) + "+" + p.payloadLength()
                + " frag " + p.isFragment() + "/" + p.fragmentOffsetBytes() + "/" + p.moreFragments() + "/" + p.fragmentId()
                + " v4 " + p.ipv4Source() + ">" + p.ipv4Destination()
                + " v6 " + p.ipv6SourceHigh() + "," + p.ipv6SourceLow() + ">" + p.ipv6DestinationHigh() + "," + p.ipv6DestinationLow()
                + " ext " + p.ipv6ExtensionHeaders() + " ports " + p.sourcePort() + ">" + p.destinationPort() + " flags " + p.tcpFlags()
                + " icmp " + p.icmpType() + "/" + p.icmpCode() + "/" + p.icmpIdentifier();
    }

    private static int rel(int offset, int base) {
        return offset < 0 ? offset : offset - base;
    }
}
