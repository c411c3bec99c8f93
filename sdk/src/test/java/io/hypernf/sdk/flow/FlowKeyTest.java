package io.hypernf.sdk.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.packet.EtherType;
import io.hypernf.sdk.packet.IpProtocol;
import io.hypernf.sdk.packet.PacketClass;
import io.hypernf.sdk.packet.PacketParser;
import io.hypernf.sdk.packet.ParsedPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class FlowKeyTest {
    private final PacketParser parser = new PacketParser();
    private final ParsedPacket parsed = new ParsedPacket();

    @Test
    void fillsFromAnIpv4TcpPacket() {
        ByteBuf frame = Frames.ipv4(IpProtocol.TCP, 0x0A000001, 0x0A000002, 1234, 80);
        assertThat(parser.parse(frame, parsed)).isEqualTo(PacketClass.OK_IPV4_TCP);
        FlowKey key = new FlowKey();
        assertThat(key.set(parsed)).isTrue();
        assertThat(key.ipVersion()).isEqualTo(4);
        assertThat(key.protocol()).isEqualTo(IpProtocol.TCP);
        assertThat(key.ipv4Source()).isEqualTo(0x0A000001);
        assertThat(key.ipv4Destination()).isEqualTo(0x0A000002);
        assertThat(key.sourcePort()).isEqualTo(1234);
        assertThat(key.destinationPort()).isEqualTo(80);
        assertThat(key.word(4)).isEqualTo(4L << 40 | 6L << 32 | 1234L << 16 | 80);
        assertThat(key.toString()).isEqualTo("proto 6 10.0.0.1:1234 -> 10.0.0.2:80");
    }

    @Test
    void fillsFromAnIpv6UdpPacket() {
        ByteBuf frame = Frames.ipv6(IpProtocol.UDP, 0x20010DB800000000L, 1, 0x20010DB800000000L, 2, 546, 547);
        assertThat(parser.parse(frame, parsed)).isEqualTo(PacketClass.OK_IPV6_UDP);
        FlowKey key = new FlowKey();
        assertThat(key.set(parsed)).isTrue();
        assertThat(key.ipVersion()).isEqualTo(6);
        assertThat(key.sourceHigh()).isEqualTo(0x20010DB800000000L);
        assertThat(key.sourceLow()).isEqualTo(1);
        assertThat(key.destinationLow()).isEqualTo(2);
        assertThat(key.toString()).isEqualTo("proto 17 [2001:db8::1]:546 -> [2001:db8::2]:547");
    }

    @Test
    void icmpEchoUsesTheIdentifierAsBothPorts() {
        ByteBuf request = Frames.ipv4Icmp(0x0A000001, 0x08080808, 8, 0x4242);
        ByteBuf reply = Frames.ipv4Icmp(0x08080808, 0x0A000001, 0, 0x4242);
        FlowKey forward = new FlowKey();
        FlowKey backward = new FlowKey();
        parser.parse(request, parsed);
        assertThat(forward.set(parsed)).isTrue();
        parser.parse(reply, parsed);
        assertThat(backward.set(parsed)).isTrue();
        assertThat(forward.sourcePort()).isEqualTo(0x4242);
        assertThat(forward.destinationPort()).isEqualTo(0x4242);
        boolean forwardSwapped = forward.canonicalize();
        boolean backwardSwapped = backward.canonicalize();
        assertThat(forward).isEqualTo(backward);
        assertThat(forwardSwapped).isNotEqualTo(backwardSwapped);
    }

    @Test
    void theDatagramQuotedByAnIcmpErrorFindsItsConnection() {
        ByteBuf original = Frames.ipv4(IpProtocol.UDP, 0x0A000001, 0xC6336407, 5000, 53);
        ByteBuf error = Frames.ipv4Icmp(0xC0000201, 0x0A000001, 3, 0);
        int quoteAt = 14 + 20 + 8;
        error.capacity(quoteAt + 28);
        error.setBytes(quoteAt, original, 14, 28);
        new io.hypernf.sdk.packet.Ipv4Header().wrap(error, 14).totalLength(20 + 8 + 28).updateChecksum();
        error.setIndex(0, quoteAt + 28);

        FlowKey connection = new FlowKey();
        parser.parse(original, parsed);
        assertThat(connection.set(parsed)).isTrue();
        boolean originalSwapped = connection.canonicalize();

        ParsedPacket quoted = new ParsedPacket();
        assertThat(parser.parse(error, parsed)).isEqualTo(PacketClass.OK_IPV4_ICMP);
        assertThat(parser.parseEmbedded(error, parsed, quoted)).isEqualTo(PacketClass.OK_IPV4_UDP);
        FlowKey related = new FlowKey();
        assertThat(related.set(quoted)).isTrue();
        assertThat(related.canonicalize()).isEqualTo(originalSwapped);
        assertThat(related).isEqualTo(connection);
        FlowTable table = new FlowTable(8, 1);
        int entry = table.insert(connection, 0, 1);
        assertThat(table.lookup(related)).isEqualTo(entry);
    }

    @Test
    void packetsWithoutATupleLeaveTheKeyAlone() {
        FlowKey key = new FlowKey().setIpv4(1, 2, 6, 3, 4);
        FlowKey before = new FlowKey().copyFrom(key);
        ByteBuf arp = Unpooled.buffer(60).writeZero(60);
        arp.setShort(12, EtherType.ARP);
        arp.setShort(14, 1);
        arp.setShort(16, EtherType.IPV4);
        arp.setByte(18, 6);
        arp.setByte(19, 4);
        parser.parse(arp, parsed);
        assertThat(key.set(parsed)).isFalse();
        ByteBuf truncated = Frames.ipv4(IpProtocol.TCP, 1, 2, 3, 4);
        truncated.writerIndex(40);
        assertThat(parser.parse(truncated, parsed).isMalformed()).isTrue();
        assertThat(key.set(parsed)).isFalse();
        ByteBuf laterFragment = Frames.ipv4(IpProtocol.UDP, 1, 2, 3, 4);
        laterFragment.setShort(14 + 6, 100);
        laterFragment.setShort(14 + 10, 0);
        assertThat(parser.parse(laterFragment, parsed)).isEqualTo(PacketClass.OK_IPV4_FRAGMENT);
        assertThat(key.set(parsed)).isFalse();
        assertThat(key).isEqualTo(before);
    }

    @Test
    void canonicalFormIsDirectionIndependent() {
        FlowKey a = new FlowKey().setIpv4(0x0A000002, 0x0A000001, IpProtocol.TCP, 80, 1234);
        FlowKey b = new FlowKey().setIpv4(0x0A000001, 0x0A000002, IpProtocol.TCP, 1234, 80);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.canonicalize()).isTrue();
        assertThat(b.canonicalize()).isFalse();
        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        // Same address both sides: the ports decide. Addresses compare unsigned.
        FlowKey loop = new FlowKey().setIpv4(7, 7, IpProtocol.UDP, 9, 5);
        assertThat(loop.canonicalize()).isTrue();
        assertThat(loop.sourcePort()).isEqualTo(5);
        FlowKey high = new FlowKey().setIpv4(0xF0000000, 0x01000000, IpProtocol.UDP, 1, 1);
        assertThat(high.canonicalize()).isTrue();
        assertThat(high.ipv4Source()).isEqualTo(0x01000000);
        FlowKey v6 = new FlowKey().setIpv6(-1L, 0, 1L, 0, IpProtocol.TCP, 1, 2);
        assertThat(v6.canonicalize()).isTrue();
        assertThat(v6.sourceHigh()).isEqualTo(1L);
    }

    @Test
    void versionIsPartOfTheKey() {
        FlowKey v4 = new FlowKey().setIpv4(1, 2, IpProtocol.TCP, 3, 4);
        FlowKey v6 = new FlowKey().setIpv6(0, 1, 0, 2, IpProtocol.TCP, 3, 4);
        assertThat(v4).isNotEqualTo(v6);
        assertThat(v4.hash(99)).isNotEqualTo(v6.hash(99));
        FlowKey copy = new FlowKey().setWords(v6.word(0), v6.word(1), v6.word(2), v6.word(3), v6.word(4));
        assertThat(copy).isEqualTo(v6);
        assertThat(copy.hash(5)).isEqualTo(v6.hash(5));
        assertThat(copy.hash(5)).isNotEqualTo(copy.hash(6));
    }
}
