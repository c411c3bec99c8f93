package io.hypernf.sdk.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UdpHeaderTest {
    private static final int L4 = 34;

    @Test
    void readsFieldsAndVerifies() {
        ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv4Udp(5353, 53, new byte[11]));
        UdpHeader udp = new UdpHeader().wrap(buf, L4);
        assertThat(udp.sourcePort()).isEqualTo(5353);
        assertThat(udp.destinationPort()).isEqualTo(53);
        assertThat(udp.length()).isEqualTo(19);
        assertThat(udp.payloadOffset()).isEqualTo(L4 + 8);
        assertThat(udp.verifyChecksumIpv4(TestFrames.IP_A, TestFrames.IP_B, 19)).isTrue();
        int stored = udp.checksum();
        udp.checksum(0x1111);
        assertThat(udp.verifyChecksumIpv4(TestFrames.IP_A, TestFrames.IP_B, 19)).isFalse();
        assertThat(udp.computeChecksumIpv4(TestFrames.IP_A, TestFrames.IP_B, 19)).isEqualTo(stored);
    }

    @Test
    void zeroChecksumMeansNoneOverIpv4AndStaysNone() {
        ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv4Udp(1, 2, new byte[4]));
        UdpHeader udp = new UdpHeader().wrap(buf, L4);
        udp.checksum(UdpHeader.NO_CHECKSUM);
        assertThat(udp.verifyChecksumIpv4(TestFrames.IP_A, TestFrames.IP_B, 12)).isTrue();
        udp.rewriteSourcePort(999).adjustChecksum32(TestFrames.IP_A, 0x01020304);
        assertThat(udp.checksum()).isZero();
        assertThat(udp.sourcePort()).isEqualTo(999);
    }

    @Test
    void aComputedZeroIsSentAsAllOnes() {
        // Find a payload word that makes the sum come out as 0xFFFF, i.e. a computed checksum of 0.
        ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv4Udp(1, 2, new byte[2]));
        UdpHeader udp = new UdpHeader().wrap(buf, L4);
        udp.checksum(0);
        int partial = ~udp.computeChecksumIpv4(TestFrames.IP_A, TestFrames.IP_B, 10) & 0xFFFF;
        buf.setShort(L4 + 8, ~partial & 0xFFFF);
        assertThat(udp.computeChecksumIpv4(TestFrames.IP_A, TestFrames.IP_B, 10)).isEqualTo(0xFFFF);
        udp.checksum(0xFFFF);
        assertThat(udp.verifyChecksumIpv4(TestFrames.IP_A, TestFrames.IP_B, 10)).isTrue();
    }

    @Test
    void portAndAddressRewritesKeepAPresentChecksumValid() {
        SplittableRandom random = new SplittableRandom(768);
        ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv4Udp(1, 2, new byte[9]));
        Ipv4Header ip = new Ipv4Header().wrap(buf, 14);
        UdpHeader udp = new UdpHeader().wrap(buf, L4);
        for (int i = 0; i < 1000; i++) {
            int old = ip.destination();
            int now = random.nextInt();
            ip.rewriteDestination(now);
            udp.adjustChecksum32(old, now).rewriteDestinationPort(random.nextInt(65536)).rewriteSourcePort(random.nextInt(65536));
            assertThat(udp.checksum()).isNotZero();
            assertThat(udp.verifyChecksumIpv4(ip.source(), ip.destination(), 17)).isTrue();
        }
    }

    @Test
    void ipv6RequiresAChecksum() {
        ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv6Udp(546, 547, new byte[30]));
        Ipv6Header ip = new Ipv6Header().wrap(buf, 14);
        UdpHeader udp = new UdpHeader().wrap(buf, 54);
        assertThat(udp.verifyChecksumIpv6(ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow(), 38)).isTrue();
        assertThat(udp.computeChecksumIpv6(ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow(), 38)).isEqualTo(udp.checksum());
        long oldLow = ip.destinationLow();
        ip.destination(ip.destinationHigh(), 42);
        udp.adjustChecksum64(oldLow, 42);
        assertThat(udp.verifyChecksumIpv6(ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow(), 38)).isTrue();
        udp.checksum(0);
        assertThat(udp.verifyChecksumIpv6(ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow(), 38)).isFalse();
    }
}
