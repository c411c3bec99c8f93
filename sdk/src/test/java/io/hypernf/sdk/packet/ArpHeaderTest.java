package io.hypernf.sdk.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class ArpHeaderTest {

    @Test
    void readsAnEthernetIpv4Request() {
        TestFrames.Out out = new TestFrames.Out();
        out.u16(1).u16(0x0800).u8(6).u8(4).u16(1).u48(TestFrames.MAC_A).u32(TestFrames.IP_A).u48(0).u32(TestFrames.IP_B);
        ByteBuf buf = Unpooled.wrappedBuffer(out.toByteArray());
        ArpHeader arp = new ArpHeader().wrap(buf, 0);
        assertThat(arp.isEthernetIpv4()).isTrue();
        assertThat(arp.declaredLength()).isEqualTo(ArpHeader.LENGTH);
        assertThat(arp.operation()).isEqualTo(ArpHeader.OPERATION_REQUEST);
        assertThat(arp.senderHardwareAddress()).isEqualTo(TestFrames.MAC_A);
        assertThat(arp.senderProtocolAddress()).isEqualTo(TestFrames.IP_A);
        assertThat(arp.targetHardwareAddress()).isZero();
        assertThat(arp.targetProtocolAddress()).isEqualTo(TestFrames.IP_B);
    }

    @Test
    void turnsARequestIntoAReplyInPlace() {
        TestFrames.Out out = new TestFrames.Out();
        out.u16(1).u16(0x0800).u8(6).u8(4).u16(1).u48(TestFrames.MAC_A).u32(TestFrames.IP_A).u48(0).u32(TestFrames.IP_B);
        ByteBuf buf = Unpooled.wrappedBuffer(out.toByteArray());
        ArpHeader arp = new ArpHeader().wrap(buf, 0);
        arp.operation(ArpHeader.OPERATION_REPLY)
                .targetHardwareAddress(arp.senderHardwareAddress()).targetProtocolAddress(arp.senderProtocolAddress())
                .senderHardwareAddress(TestFrames.MAC_B).senderProtocolAddress(TestFrames.IP_B);
        assertThat(buf.getUnsignedShort(6)).isEqualTo(2);
        assertThat(buf.getInt(14)).isEqualTo(TestFrames.IP_B);
        assertThat(buf.getInt(24)).isEqualTo(TestFrames.IP_A);
        assertThat(buf.getUnsignedShort(18)).isEqualTo((int) (TestFrames.MAC_A >>> 32));
        assertThat(arp.targetHardwareAddress()).isEqualTo(TestFrames.MAC_A);
        assertThat(arp.hardwareType()).isEqualTo(1);
        assertThat(arp.protocolType()).isEqualTo(EtherType.IPV4);
    }

    @Test
    void otherLayoutsAreRecognised() {
        TestFrames.Out out = new TestFrames.Out();
        out.u16(6).u16(0x0800).u8(8).u8(4).u16(1);
        ArpHeader arp = new ArpHeader().wrap(Unpooled.wrappedBuffer(out.toByteArray()), 0);
        assertThat(arp.isEthernetIpv4()).isFalse();
        assertThat(arp.declaredLength()).isEqualTo(8 + 2 * 12);
    }
}
