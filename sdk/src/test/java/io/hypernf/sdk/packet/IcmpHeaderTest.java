package io.hypernf.sdk.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class IcmpHeaderTest {

    @Test
    void echoRequestFieldsAndChecksum() {
        byte[] icmp = TestFrames.withIcmpChecksum(TestFrames.icmp(IcmpHeader.ECHO_REQUEST, 0, 0x0BAD_0007, new byte[56]));
        ByteBuf buf = Unpooled.wrappedBuffer(icmp);
        IcmpHeader header = new IcmpHeader().wrap(buf, 0);
        assertThat(header.type()).isEqualTo(IcmpHeader.ECHO_REQUEST);
        assertThat(header.code()).isZero();
        assertThat(header.identifier()).isEqualTo(0x0BAD);
        assertThat(header.sequence()).isEqualTo(7);
        assertThat(header.isError()).isFalse();
        assertThat(IcmpHeader.isQueryType(header.type())).isTrue();
        assertThat(header.verifyChecksum(icmp.length)).isTrue();
        header.rewriteIdentifier(0xF00D);
        assertThat(header.identifier()).isEqualTo(0xF00D);
        assertThat(header.verifyChecksum(icmp.length)).isTrue();
        int patched = header.checksum();
        assertThat(header.computeChecksum(icmp.length)).isEqualTo(patched);
        header.type(IcmpHeader.ECHO_REPLY).checksum(0).updateChecksum(icmp.length);
        assertThat(header.verifyChecksum(icmp.length)).isTrue();
    }

    @Test
    void errorsLocateTheEmbeddedDatagram() {
        byte[] original = TestFrames.ipv4(IpProtocol.UDP, TestFrames.udp(5000, 53, new byte[0]));
        byte[] icmp = TestFrames.withIcmpChecksum(TestFrames.icmp(IcmpHeader.DESTINATION_UNREACHABLE,
                IcmpHeader.CODE_FRAGMENTATION_NEEDED, 1400, original));
        ByteBuf buf = Unpooled.wrappedBuffer(icmp);
        IcmpHeader header = new IcmpHeader().wrap(buf, 0);
        assertThat(header.isError()).isTrue();
        assertThat(header.nextHopMtu()).isEqualTo(1400);
        Ipv4Header inner = new Ipv4Header().wrap(buf, header.embeddedOffset());
        assertThat(inner.source()).isEqualTo(TestFrames.IP_A);
        assertThat(new UdpHeader().wrap(buf, inner.payloadOffset()).destinationPort()).isEqualTo(53);
        for (int type : new int[] {3, 4, 5, 11, 12}) {
            assertThat(IcmpHeader.isErrorType(type)).isTrue();
        }
        assertThat(IcmpHeader.isErrorType(IcmpHeader.ECHO_REQUEST)).isFalse();
    }

    @Test
    void icmpv6UsesThePseudoHeader() {
        byte[] message = TestFrames.withIpv6Checksum(TestFrames.icmp(Icmpv6Header.ECHO_REQUEST, 0, 0x00420001, new byte[10]),
                2, TestFrames.IP6_A, TestFrames.IP6_B, IpProtocol.ICMPV6);
        ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv6(IpProtocol.ICMPV6, message));
        Ipv6Header ip = new Ipv6Header().wrap(buf, 0);
        Icmpv6Header icmp = new Icmpv6Header().wrap(buf, 40);
        assertThat(icmp.type()).isEqualTo(128);
        assertThat(icmp.identifier()).isEqualTo(0x42);
        assertThat(icmp.sequence()).isEqualTo(1);
        assertThat(icmp.isError()).isFalse();
        assertThat(Icmpv6Header.isEchoType(icmp.type())).isTrue();
        assertThat(icmp.verifyChecksum(ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow(), 18)).isTrue();
        assertThat(icmp.computeChecksum(ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow(), 18)).isEqualTo(icmp.checksum());
        // The same bytes under another source address do not verify: the pseudo-header is in the sum.
        assertThat(icmp.verifyChecksum(ip.sourceHigh(), ip.sourceLow() + 1, ip.destinationHigh(), ip.destinationLow(), 18)).isFalse();
        icmp.rewriteIdentifier(7);
        long oldHigh = ip.sourceHigh();
        ip.source(0xFE80_0000_0000_0000L, ip.sourceLow());
        icmp.adjustChecksum64(oldHigh, ip.sourceHigh());
        assertThat(icmp.verifyChecksum(ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow(), 18)).isTrue();
        icmp.type(Icmpv6Header.PACKET_TOO_BIG).mtu(1280);
        assertThat(icmp.isError()).isTrue();
        assertThat(icmp.mtu()).isEqualTo(1280);
        assertThat(icmp.embeddedOffset()).isEqualTo(48);
    }
}
