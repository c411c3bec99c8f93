package io.hypernf.sdk.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class Ipv6HeaderTest {

    @Test
    void readsAndWritesTheFixedHeader() {
        ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv6(IpProtocol.UDP, new byte[8]));
        Ipv6Header ip = new Ipv6Header().wrap(buf, 0);
        assertThat(ip.version()).isEqualTo(6);
        assertThat(ip.trafficClass()).isEqualTo(0x12);
        assertThat(ip.flowLabel()).isEqualTo(0xABCDE);
        assertThat(ip.payloadLength()).isEqualTo(8);
        assertThat(ip.nextHeader()).isEqualTo(IpProtocol.UDP);
        assertThat(ip.hopLimit()).isEqualTo(64);
        assertThat(Ipv6Addresses.format(ip.sourceHigh(), ip.sourceLow())).isEqualTo("2001:db8::1");
        assertThat(Ipv6Addresses.format(ip.destinationHigh(), ip.destinationLow())).isEqualTo("2001:db8:0:1::beef");
        assertThat(ip.payloadOffset()).isEqualTo(40);

        ip.trafficClass(0xFF).flowLabel(1);
        assertThat(buf.getInt(0)).isEqualTo(0x6FF0_0001);
        ip.trafficClass(0).flowLabel(0xFFFFF).version(6);
        assertThat(buf.getInt(0)).isEqualTo(0x600F_FFFF);
        ip.source(0x0102030405060708L, 0x1112131415161718L).destination(-1L, 0L).payloadLength(0x1234).nextHeader(59).hopLimit(1);
        assertThat((int) buf.getUnsignedByte(8)).isEqualTo(1);
        assertThat((int) buf.getUnsignedByte(23)).isEqualTo(0x18);
        assertThat((int) buf.getUnsignedByte(24)).isEqualTo(0xFF);
        assertThat((int) buf.getUnsignedByte(39)).isZero();
        assertThat((int) buf.getUnsignedByte(4)).isEqualTo(0x12);
        assertThat(ip.decrementHopLimit()).isZero();
        assertThat(ip.decrementHopLimit()).isZero();
        assertThat(ip.hopLimit()).isZero();
    }

    @Test
    void addressText() {
        assertThat(Ipv6Addresses.format(0, 1)).isEqualTo("::1");
        assertThat(Ipv6Addresses.format(0, 0)).isEqualTo("::");
        assertThat(Ipv6Addresses.format(0x20010db800000000L, 0x0000000100000001L)).isEqualTo("2001:db8::1:0:1");
        assertThat(Ipv6Addresses.format(0x20010db800010000L, 0x0000000000000001L)).isEqualTo("2001:db8:1::1");
        assertThat(Ipv6Addresses.format(0x20010db800000001L, 0x0001000100010001L)).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(Ipv6Addresses.parseHigh("::ffff:192.0.2.1")).isZero();
        assertThat(Ipv6Addresses.parseLow("::ffff:192.0.2.1")).isEqualTo(0x0000FFFFC0000201L);
        assertThat(Ipv6Addresses.parseHigh("fe80::1")).isEqualTo(0xfe80000000000000L);
        assertThat(Ipv6Addresses.parseLow("1:2:3:4:5:6:7:8")).isEqualTo(0x0005000600070008L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ipv6Addresses.parseLow("1::2::3")).hasMessageContaining("more than one '::'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ipv6Addresses.parseLow("1:2:3")).hasMessageContaining("3 groups");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ipv6Addresses.parseLow("::12345")).hasMessageContaining("group '12345'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ipv6Addresses.parseLow("1.2.3.4::")).hasMessageContaining("group '1.2.3.4'");
        assertThat(Ipv4Addresses.parse("10.255.0.1")).isEqualTo(0x0AFF0001);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ipv4Addresses.parse("10.256.0.1")).hasMessageContaining("octet 256");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ipv4Addresses.parse("10.0.1")).hasMessageContaining("four decimal octets");
    }
}
