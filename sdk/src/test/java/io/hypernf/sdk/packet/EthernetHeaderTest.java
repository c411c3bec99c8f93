package io.hypernf.sdk.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hypernf.sdk.ring.NativeMemory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EthernetHeaderTest {

    @Test
    void readsFieldsInNetworkOrder() {
        byte[] frame = TestFrames.ethernet(EtherType.IPV4, new byte[46]);
        EthernetHeader eth = new EthernetHeader().wrap(Unpooled.wrappedBuffer(frame), 0);
        assertThat(eth.destination()).isEqualTo(TestFrames.MAC_B);
        assertThat(eth.source()).isEqualTo(TestFrames.MAC_A);
        assertThat(eth.etherType()).isEqualTo(0x0800);
        assertThat(eth.payloadOffset()).isEqualTo(14);
    }

    @Test
    void writesFieldsAsBigEndianBytes() {
        ByteBuf buf = Unpooled.buffer(64).writeZero(64);
        EthernetHeader eth = new EthernetHeader().wrap(buf, 2);
        eth.destination(0x0102_0304_0506L).source(0xA1A2_A3A4_A5A6L).etherType(0x86DD);
        byte[] bytes = new byte[16];
        buf.getBytes(0, bytes);
        assertThat(bytes).containsExactly(0, 0, 1, 2, 3, 4, 5, 6, 0xA1 - 256, 0xA2 - 256, 0xA3 - 256, 0xA4 - 256, 0xA5 - 256, 0xA6 - 256, 0x86 - 256, 0xDD - 256);
        eth.swapAddresses();
        assertThat(eth.source()).isEqualTo(0x0102_0304_0506L);
        assertThat(eth.destination()).isEqualTo(0xA1A2_A3A4_A5A6L);
    }

    @Test
    void byAddressReadsAndWritesTheSameBytesAsByByteBuf() {
        byte[] frame = TestFrames.ethernet(EtherType.IPV4, new byte[46]);
        long address = NativeMemory.allocateZeroed(frame.length);
        try {
            NativeMemory.copyFromArray(frame, 0, address, frame.length);
            EthernetHeader eth = new EthernetHeader().wrap(address, frame.length);
            assertThat(eth.buffer()).isNull();
            assertThat(eth.destination()).isEqualTo(TestFrames.MAC_B);
            assertThat(eth.source()).isEqualTo(TestFrames.MAC_A);
            assertThat(eth.etherType()).isEqualTo(0x0800);

            eth.swapAddresses();
            byte[] swapped = new byte[frame.length];
            NativeMemory.copyToArray(address, swapped, 0, frame.length);
            EthernetHeader reference = new EthernetHeader().wrap(Unpooled.wrappedBuffer(frame), 0).swapAddresses();
            assertThat(swapped).as("address mode swaps exactly as the ByteBuf mode").isEqualTo(frame);
            assertThat(eth.destination()).isEqualTo(reference.destination()).isEqualTo(TestFrames.MAC_A);

            eth.destination(0x0102_0304_0506L).etherType(0x86DD);
            assertThat(NativeMemory.getByte(address)).isEqualTo((byte) 1);
            assertThat(NativeMemory.getByte(address + 5)).isEqualTo((byte) 6);
            assertThat(NativeMemory.getByte(address + 12)).isEqualTo((byte) 0x86);
            assertThat(NativeMemory.getByte(address + 13)).isEqualTo((byte) 0xDD);
        } finally {
            NativeMemory.free(address);
        }
    }

    @Test
    void byAddressAShortFrameFailsWhenBoundsChecksAreOn() {
        // The test run sets -Dhypernf.boundsChecks=true (sdk/pom.xml); production runs skip the check.
        assertThat(NativeMemory.BOUNDS_CHECKS).isTrue();
        long address = NativeMemory.allocateZeroed(16);
        try {
            EthernetHeader eth = new EthernetHeader().wrap(address, 10);
            assertThatThrownBy(eth::source).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("frame of 10");
            assertThatThrownBy(eth::swapAddresses).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(eth.destination()).as("bytes 0-5 are inside the 10-byte frame").isZero();
        } finally {
            NativeMemory.free(address);
        }
    }

    @Test
    void oneFlyweightRepointsAcrossBuffers() {
        EthernetHeader eth = new EthernetHeader();
        ByteBuf first = Unpooled.wrappedBuffer(TestFrames.ethernet(EtherType.ARP, new byte[28]));
        ByteBuf second = Unpooled.wrappedBuffer(TestFrames.ethernet(EtherType.IPV6, new byte[40]));
        assertThat(eth.wrap(first, 0).etherType()).isEqualTo(EtherType.ARP);
        assertThat(eth.wrap(second, 0).etherType()).isEqualTo(EtherType.IPV6);
        assertThat(eth.buffer()).isSameAs(second);
    }

    @Test
    void stackedVlanTagsOfQinQ() {
        byte[] frame = TestFrames.ethernet(EtherType.IPV4, new byte[20], EtherType.QINQ, 0x2064, EtherType.VLAN, 0xB00A);
        ByteBuf buf = Unpooled.wrappedBuffer(frame);
        VlanTag outer = new VlanTag().wrap(buf, EthernetHeader.ETHER_TYPE);
        assertThat(outer.tpid()).isEqualTo(EtherType.QINQ);
        assertThat(outer.vlanId()).isEqualTo(100);
        assertThat(outer.priority()).isEqualTo(1);
        assertThat(outer.dropEligible()).isFalse();
        assertThat(outer.innerEtherType()).isEqualTo(EtherType.VLAN);
        VlanTag inner = new VlanTag().wrap(buf, outer.nextOffset());
        assertThat(inner.vlanId()).isEqualTo(10);
        assertThat(inner.priority()).isEqualTo(5);
        assertThat(inner.dropEligible()).isTrue();
        assertThat(inner.innerEtherType()).isEqualTo(EtherType.IPV4);

        inner.vlanId(4094).priority(7).dropEligible(false);
        assertThat(buf.getUnsignedShort(18)).isEqualTo(0xEFFE);
        assertThat(inner.innerEtherType()).isEqualTo(EtherType.IPV4);
    }

    @Test
    void pushAndPopTagsInPlace() {
        byte[] frame = TestFrames.ipv4Udp(1, 2, TestFrames.bytes(1, 2, 3));
        ByteBuf buf = Unpooled.buffer(128).writeBytes(frame);
        int tagged = VlanTag.push(buf, 0, frame.length, EtherType.VLAN, 0x2007);
        assertThat(tagged).isEqualTo(frame.length + 4);
        int qinq = VlanTag.push(buf, 0, tagged, EtherType.QINQ, 100);
        PacketParser parser = new PacketParser();
        ParsedPacket parsed = new ParsedPacket();
        assertThat(parser.parse(buf, 0, qinq, parsed)).isEqualTo(PacketClass.OK_IPV4_UDP);
        assertThat(parsed.outerVlanId()).isEqualTo(100);
        assertThat(parsed.innerVlanId()).isEqualTo(7);
        assertThat(new EthernetHeader().wrap(buf, 0).source()).isEqualTo(TestFrames.MAC_A);
        assertThat(VlanTag.pop(buf, 0, qinq)).isEqualTo(tagged);
        int untagged = VlanTag.pop(buf, 0, tagged);
        assertThat(untagged).isEqualTo(frame.length);
        byte[] back = new byte[untagged];
        buf.getBytes(0, back);
        assertThat(back).isEqualTo(frame);
        assertThat(VlanTag.pop(buf, 0, untagged)).isEqualTo(-1);
    }

    @Test
    void pushAndPopRoundTripAtEveryLengthAndOffset() {
        SplittableRandom random = new SplittableRandom(8021);
        for (int length = 14; length < 90; length++) {
            int offset = random.nextInt(5);
            byte[] frame = new byte[length];
            random.nextBytes(frame);
            frame[12] = 0x08;
            frame[13] = 0x00;
            ByteBuf buf = Unpooled.buffer(offset + length + 4, offset + length + 4).writeZero(offset).writeBytes(frame);
            int pushed = VlanTag.push(buf, offset, length, EtherType.VLAN, length);
            assertThat(pushed).isEqualTo(length + 4);
            byte[] expected = new byte[length + 4];
            System.arraycopy(frame, 0, expected, 0, 12);
            expected[12] = (byte) 0x81;
            expected[14] = (byte) (length >>> 8);
            expected[15] = (byte) length;
            System.arraycopy(frame, 12, expected, 16, length - 12);
            byte[] actual = new byte[length + 4];
            buf.getBytes(offset, actual);
            assertThat(actual).isEqualTo(expected);
            assertThat(VlanTag.push(buf, offset, pushed, EtherType.VLAN, 1)).as("no room left").isEqualTo(-1);
            assertThat(VlanTag.pop(buf, offset, pushed)).isEqualTo(length);
            byte[] restored = new byte[length];
            buf.getBytes(offset, restored);
            assertThat(restored).isEqualTo(frame);
        }
        assertThat(VlanTag.push(Unpooled.buffer(64), 0, 13, EtherType.VLAN, 1)).isEqualTo(-1);
        assertThat(VlanTag.pop(Unpooled.wrappedBuffer(Arrays.copyOf(TestFrames.ethernet(EtherType.IPV4, new byte[0], EtherType.VLAN, 1), 17)), 0, 17))
                .isEqualTo(-1);
    }

    @Test
    void macAddressText() {
        assertThat(MacAddresses.format(0x02005E1000FFL)).isEqualTo("02:00:5e:10:00:ff");
        assertThat(MacAddresses.parse("02:00:5E:10:00:FF")).isEqualTo(0x02005E1000FFL);
        assertThat(MacAddresses.isMulticast(0x01005E000001L)).isTrue();
        assertThat(MacAddresses.isMulticast(TestFrames.MAC_A)).isFalse();
        assertThat(MacAddresses.isMulticast(MacAddresses.BROADCAST)).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MacAddresses.parse("02:00:5e:10:00"))
                .hasMessageContaining("'02:00:5e:10:00' is not a MAC address");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MacAddresses.parse("02:00:5e:10:00:zz"))
                .hasMessageContaining("bad octet 'zz'");
    }
}
