package io.hypernf.nf.firewall;

import static io.hypernf.nf.firewall.TestFrames.INSIDE_MAC;
import static io.hypernf.nf.firewall.TestFrames.OUTSIDE_MAC;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.packet.IcmpHeader;
import io.hypernf.sdk.packet.Icmpv6Header;
import io.hypernf.sdk.packet.Ipv4Header;
import io.hypernf.sdk.packet.PacketParser;
import io.hypernf.sdk.packet.ParsedPacket;
import io.hypernf.sdk.packet.TcpHeader;
import io.hypernf.sdk.nf.Packet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reject answers: every field checked against the RFCs, and every checksum verified twice — by
 * the SDK's checksum code and by the test's own RFC 1071 sum ({@link TestFrames#checksum}).
 */
class RejectTest {
    private static final int INSIDE = 0;
    private static final int OUTSIDE = 1;

    private static TestBatch rejectOne(String rule, int port, byte[] frame) {
        Firewall fw = new Firewall("fw", FirewallConfig.defaults().withRules(List.of(rule)));
        TestBatch batch = new TestBatch(port, 0, frame);
        fw.process(batch);
        assertThat(batch.verdict(0)).isEqualTo(Packet.VERDICT_DROP);
        return batch;
    }

    private static byte[] only(TestBatch batch, int port) {
        assertThat(batch.emitted()).hasSize(1);
        assertThat(batch.emittedPorts()).containsExactly(port);
        return batch.emitted().get(0);
    }

    private static ParsedPacket parse(byte[] frame) {
        ParsedPacket parsed = new ParsedPacket();
        new PacketParser().parse(Unpooled.wrappedBuffer(frame), parsed);
        assertThat(parsed.isOk()).as("the answer parses: %s", parsed).isTrue();
        return parsed;
    }

    private static int u16(byte[] data, int at) {
        return (data[at] & 0xff) << 8 | (data[at + 1] & 0xff);
    }

    private static long pseudo4(byte[] frame, int protocol, int length) {
        return u16(frame, 26) + u16(frame, 28) + u16(frame, 30) + u16(frame, 32) + protocol + length;
    }

    @Test
    void aTcpSynGetsARstAcknowledgingIt() {
        byte[] syn = TestFrames.tcp4(OUTSIDE_MAC, INSIDE_MAC, "192.0.2.10", "10.0.0.1", 50000, 23, 0x02, 1000, 0, 0);
        byte[] rst = only(rejectOne("reject in proto tcp to any port 23", OUTSIDE, syn), OUTSIDE);
        ByteBuffer b = ByteBuffer.wrap(rst);
        assertThat(b.getShort(0) & 0xffff).as("to the sender's MAC").isEqualTo((int) (OUTSIDE_MAC >>> 32));
        assertThat(b.getInt(2)).isEqualTo((int) OUTSIDE_MAC);
        assertThat(b.getInt(8)).isEqualTo((int) INSIDE_MAC);
        ParsedPacket parsed = parse(rst);
        assertThat(parsed.ipv4Source()).isEqualTo(TestFrames.ipv4("10.0.0.1"));
        assertThat(parsed.ipv4Destination()).isEqualTo(TestFrames.ipv4("192.0.2.10"));
        assertThat(parsed.sourcePort()).isEqualTo(23);
        assertThat(parsed.destinationPort()).isEqualTo(50000);
        assertThat(parsed.tcpFlags()).isEqualTo(TcpHeader.RST | TcpHeader.ACK);
        assertThat(b.getInt(38)).as("sequence 0").isZero();
        assertThat(b.getInt(42)).as("acknowledges the SYN").isEqualTo(1001);
        assertThat(rst.length).as("padded to the Ethernet minimum").isEqualTo(60);
        assertThat(u16(rst, 16)).as("IPv4 total length").isEqualTo(40);
        ByteBuf buf = Unpooled.wrappedBuffer(rst);
        assertThat(new Ipv4Header().wrap(buf, 14).verifyChecksum()).isTrue();
        assertThat(new TcpHeader().wrap(buf, 34).verifyChecksumIpv4(parsed.ipv4Source(), parsed.ipv4Destination(), 20)).isTrue();
        assertThat(TestFrames.checksum(rst, 14, 20, 0)).as("independent IPv4 header sum").isZero();
        assertThat(TestFrames.checksum(rst, 34, 20, pseudo4(rst, 6, 20))).as("independent TCP sum").isZero();
    }

    @Test
    void aTcpSegmentWithAckGetsARstWithItsAckAsSequence() {
        byte[] data = TestFrames.tcp4(OUTSIDE_MAC, INSIDE_MAC, "192.0.2.10", "10.0.0.1", 50000, 23, 0x18, 7777, 0x1234_5678, 30);
        Firewall fw = new Firewall("fw", FirewallConfig.defaults().withStrict(false).withRules(List.of("reject with tcp-reset")));
        TestBatch batch = new TestBatch(OUTSIDE, 0, data);
        fw.process(batch);
        byte[] rst = only(batch, OUTSIDE);
        ByteBuffer b = ByteBuffer.wrap(rst);
        assertThat(b.get(47) & 0xff).as("RST alone").isEqualTo(TcpHeader.RST);
        assertThat(b.getInt(38)).isEqualTo(0x1234_5678);
        assertThat(b.getInt(42)).isZero();
        assertThat(TestFrames.checksum(rst, 34, 20, pseudo4(rst, 6, 20))).isZero();
    }

    @Test
    void udpGetsAnAdminProhibitedUnreachableQuotingTheDatagram() {
        byte[] udp = TestFrames.udp4(INSIDE_MAC, OUTSIDE_MAC, "10.0.0.1", "198.51.100.7", 4000, 161, 700);
        byte[] answer = only(rejectOne("reject out proto udp", INSIDE, udp), INSIDE);
        ParsedPacket parsed = parse(answer);
        assertThat(parsed.l4Protocol()).isEqualTo(1);
        assertThat(parsed.icmpType()).isEqualTo(3);
        assertThat(parsed.icmpCode()).isEqualTo(13);
        int ipLength = u16(answer, 16);
        assertThat(ipLength).as("RFC 1812 4.3.2.3: at most 576 bytes").isEqualTo(576);
        byte[] datagram = TestFrames.ipDatagram(udp);
        assertThat(Arrays.copyOfRange(answer, 42, 14 + 576)).isEqualTo(Arrays.copyOf(datagram, 576 - 28));
        ByteBuf buf = Unpooled.wrappedBuffer(answer);
        assertThat(new IcmpHeader().wrap(buf, 34).verifyChecksum(ipLength - 20)).isTrue();
        assertThat(TestFrames.checksum(answer, 34, ipLength - 20, 0)).isZero();
        assertThat(TestFrames.checksum(answer, 14, 20, 0)).isZero();
        assertThat(answer[22] & 0xff).as("TTL").isEqualTo(64);
    }

    @Test
    void portUnreachableCanBeChosen() {
        byte[] udp = TestFrames.udp4(INSIDE_MAC, OUTSIDE_MAC, "10.0.0.1", "198.51.100.7", 4000, 161, 4);
        byte[] answer = only(rejectOne("reject with port-unreachable", INSIDE, udp), INSIDE);
        assertThat(answer[34]).isEqualTo((byte) 3);
        assertThat(answer[35]).isEqualTo((byte) 3);
        int ipLength = u16(answer, 16);
        assertThat(ipLength).isEqualTo(20 + 8 + 32);
        assertThat(TestFrames.checksum(answer, 34, ipLength - 20, 0)).isZero();
    }

    @Test
    void ipv6GetsAnIcmpv6UnreachableWithAPseudoHeaderChecksum() {
        String src = "2001:db8:0:0:0:0:0:1";
        String dst = "2001:db8:0:9:0:0:0:9";
        byte[] udp = TestFrames.udp6(INSIDE_MAC, OUTSIDE_MAC, src, dst, 4000, 53, 1400);
        byte[] answer = only(rejectOne("reject inet6", INSIDE, udp), INSIDE);
        ParsedPacket parsed = parse(answer);
        assertThat(parsed.icmpType()).isEqualTo(1);
        assertThat(parsed.icmpCode()).isEqualTo(1);
        int payload = u16(answer, 18);
        assertThat(40 + payload).as("RFC 4443 2.4 (c): within 1280 bytes").isEqualTo(1280);
        ByteBuf buf = Unpooled.wrappedBuffer(answer);
        assertThat(new Icmpv6Header().wrap(buf, 54).verifyChecksum(parsed.ipv6SourceHigh(), parsed.ipv6SourceLow(),
                parsed.ipv6DestinationHigh(), parsed.ipv6DestinationLow(), payload)).isTrue();
        long pseudo = TestFrames.pseudo6(TestFrames.ipv6(dst), TestFrames.ipv6(src), 58, payload);
        assertThat(TestFrames.checksum(answer, 54, payload, pseudo)).isZero();
        assertThat(Arrays.copyOfRange(answer, 62, 62 + 40)).as("quotes the IPv6 header").isEqualTo(Arrays.copyOfRange(udp, 14, 54));
    }

    @Test
    void ipv6TcpGetsARst() {
        String src = "2001:db8:0:0:0:0:0:1";
        String dst = "2001:db8:0:9:0:0:0:9";
        byte[] syn = TestFrames.tcp6(INSIDE_MAC, OUTSIDE_MAC, src, dst, 4000, 25, 0x02, 41, 0);
        byte[] rst = only(rejectOne("reject", INSIDE, syn), INSIDE);
        assertThat(rst[20]).as("next header TCP").isEqualTo((byte) 6);
        assertThat(ByteBuffer.wrap(rst).getInt(54 + 8)).isEqualTo(42);
        long pseudo = TestFrames.pseudo6(TestFrames.ipv6(dst), TestFrames.ipv6(src), 6, 20);
        assertThat(TestFrames.checksum(rst, 54, 20, pseudo)).isZero();
    }

    @Test
    void nothingAnswersARstAnIcmpErrorABroadcastOrAMulticast() {
        byte[] rst = TestFrames.tcp4(OUTSIDE_MAC, INSIDE_MAC, "192.0.2.10", "10.0.0.1", 50000, 23, 0x04, 1, 0, 0);
        byte[] error = TestFrames.icmp4(OUTSIDE_MAC, INSIDE_MAC, "192.0.2.10", "10.0.0.1", 3, 1, 0, new byte[28]);
        byte[] broadcast = TestFrames.udp4(OUTSIDE_MAC, 0xffff_ffff_ffffL, "192.0.2.10", "192.0.2.255", 68, 67, 10);
        byte[] multicast = TestFrames.udp4(OUTSIDE_MAC, INSIDE_MAC, "192.0.2.10", "224.0.0.251", 5353, 5353, 10);
        Firewall fw = new Firewall("fw", FirewallConfig.defaults().withStrict(false).withRules(List.of("reject")));
        TestBatch batch = new TestBatch(OUTSIDE, 0, rst, error, broadcast, multicast);
        fw.process(batch);
        assertThat(batch.emitted()).isEmpty();
        assertThat(fw.rejectsSuppressed()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(batch.verdict(i)).isEqualTo(Packet.VERDICT_DROP);
        }
    }

    @Test
    void noRoomToEmitIsCountedAndThePacketStillDropped() {
        byte[] syn = TestFrames.tcp4(OUTSIDE_MAC, INSIDE_MAC, "192.0.2.10", "10.0.0.1", 50000, 23, 0x02, 1, 0, 0);
        Firewall fw = new Firewall("fw", FirewallConfig.defaults().withRules(List.of("reject")));
        TestBatch batch = new TestBatch(OUTSIDE, 0, syn, syn).emitRoom(1);
        fw.process(batch);
        assertThat(batch.emitted()).hasSize(1);
        assertThat(fw.rejectsSent()).isEqualTo(1);
        assertThat(fw.rejectsSuppressed()).isEqualTo(1);
        assertThat(batch.verdict(1)).isEqualTo(Packet.VERDICT_DROP);
    }

    @Test
    void theDefaultPolicyCanReject() {
        byte[] syn = TestFrames.tcp4(OUTSIDE_MAC, INSIDE_MAC, "192.0.2.10", "10.0.0.1", 50000, 23, 0x02, 1, 0, 0);
        Firewall fw = new Firewall("fw", FirewallConfig.defaults().withDefaultPolicy(RuleAction.REJECT));
        TestBatch batch = new TestBatch(OUTSIDE, 0, syn);
        fw.process(batch);
        assertThat(only(batch, OUTSIDE)[47] & 0xff).isEqualTo(TcpHeader.RST | TcpHeader.ACK);
    }
}
