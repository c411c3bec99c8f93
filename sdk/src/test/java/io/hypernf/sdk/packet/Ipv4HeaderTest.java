package io.hypernf.sdk.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Ipv4HeaderTest {
    private static final byte[] NO_OPTIONS = new byte[0];

    @Test
    void readsEveryField() {
        byte[] packet = TestFrames.ipv4(TestFrames.IP_A, TestFrames.IP_B, IpProtocol.UDP, NO_OPTIONS,
                Ipv4Header.FLAG_MORE_FRAGMENTS | 185, new byte[12]);
        Ipv4Header ip = new Ipv4Header().wrap(Unpooled.wrappedBuffer(packet), 0);
        assertThat(ip.version()).isEqualTo(4);
        assertThat(ip.ihl()).isEqualTo(5);
        assertThat(ip.headerLength()).isEqualTo(20);
        assertThat(ip.totalLength()).isEqualTo(32);
        assertThat(ip.identification()).isEqualTo(0x1234);
        assertThat(ip.moreFragments()).isTrue();
        assertThat(ip.dontFragment()).isFalse();
        assertThat(ip.fragmentOffsetBytes()).isEqualTo(185 * 8);
        assertThat(ip.isFragment()).isTrue();
        assertThat(ip.ttl()).isEqualTo(64);
        assertThat(ip.protocol()).isEqualTo(IpProtocol.UDP);
        assertThat(ip.source()).isEqualTo(TestFrames.IP_A);
        assertThat(ip.destination()).isEqualTo(TestFrames.IP_B);
        assertThat(ip.payloadOffset()).isEqualTo(20);
        assertThat(Ipv4Addresses.format(ip.source())).isEqualTo("192.0.2.1");
        assertThat(ip.verifyChecksum()).isTrue();
        assertThat(ip.computeChecksum()).isEqualTo(ip.checksum());
    }

    @Test
    void settersWriteNetworkOrderAndLeaveNeighboursAlone() {
        ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv4(IpProtocol.TCP, new byte[20]));
        Ipv4Header ip = new Ipv4Header().wrap(buf, 0);
        ip.tos(0xB8).totalLength(0x0102).identification(0xBEEF).flagsFragmentOffset(Ipv4Header.FLAG_DONT_FRAGMENT)
                .ttl(3).protocol(IpProtocol.ICMP).source(0x0A000001).destination(0xFFFFFFFE);
        assertThat((int) buf.getUnsignedByte(0)).isEqualTo(0x45);
        assertThat(ip.dscp()).isEqualTo(46);
        assertThat(ip.ecn()).isZero();
        assertThat((int) buf.getUnsignedByte(2)).isEqualTo(1);
        assertThat((int) buf.getUnsignedByte(3)).isEqualTo(2);
        assertThat((int) buf.getUnsignedByte(4)).isEqualTo(0xBE);
        assertThat((int) buf.getUnsignedByte(6)).isEqualTo(0x40);
        assertThat((int) buf.getUnsignedByte(12)).isEqualTo(10);
        assertThat((int) buf.getUnsignedByte(19)).isEqualTo(0xFE);
        ip.version(4).ihl(6);
        assertThat((int) buf.getUnsignedByte(0)).isEqualTo(0x46);
        assertThat(ip.verifyChecksum()).isFalse();
        ip.ihl(5).updateChecksum();
        assertThat(ip.verifyChecksum()).isTrue();
        assertThat(ip.checksum()).isEqualTo(ReferenceChecksum.checksum(zeroChecksum(buf, 20), 0, 20));
    }

    @Test
    void decrementTtlPatchesTheChecksumLikeARecomputation() {
        ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv4(IpProtocol.TCP, new byte[20]));
        Ipv4Header ip = new Ipv4Header().wrap(buf, 0);
        for (int expected = 63; expected >= 0; expected--) {
            assertThat(ip.decrementTtl()).isEqualTo(expected);
            assertThat(ip.verifyChecksum()).isTrue();
            assertThat(ip.checksum()).isEqualTo(ReferenceChecksum.checksum(zeroChecksum(buf, 20), 0, 20));
        }
        int checksum = ip.checksum();
        assertThat(ip.decrementTtl()).isZero();
        assertThat(ip.ttl()).isZero();
        assertThat(ip.checksum()).isEqualTo(checksum);
    }

    @Test
    void addressRewritesKeepTheChecksumRight() {
        SplittableRandom random = new SplittableRandom(791);
        ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv4(IpProtocol.UDP, new byte[8]));
        Ipv4Header ip = new Ipv4Header().wrap(buf, 0);
        for (int i = 0; i < 2000; i++) {
            if (random.nextBoolean()) {
                ip.rewriteSource(random.nextInt());
            } else {
                ip.rewriteDestination(random.nextInt());
            }
            assertThat(ip.verifyChecksum()).isTrue();
            assertThat(ip.checksum()).isEqualTo(ReferenceChecksum.checksum(zeroChecksum(buf, 20), 0, 20));
        }
    }

    @Test
    void walksOptions() {
        // NOP, Router Alert (148, len 4), Record Route (7, len 11, pointer 4, two empty slots...), EOL, padding.
        byte[] options = TestFrames.bytes(1, 148, 4, 0, 0, 7, 11, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv4(TestFrames.IP_A, TestFrames.IP_B, IpProtocol.UDP, options, 0, new byte[8]));
        Ipv4Header ip = new Ipv4Header().wrap(buf, 0);
        assertThat(ip.ihl()).isEqualTo(10);
        assertThat(ip.payloadOffset()).isEqualTo(40);
        assertThat(ip.verifyChecksum()).isTrue();
        int first = ip.firstOption();
        assertThat(first).isEqualTo(20);
        assertThat(ip.optionType(first)).isEqualTo(Ipv4Header.OPTION_NOP);
        assertThat(ip.optionLength(first)).isEqualTo(1);
        int second = ip.nextOption(first);
        assertThat(ip.optionType(second)).isEqualTo(Ipv4Header.OPTION_ROUTER_ALERT);
        assertThat(ip.optionLength(second)).isEqualTo(4);
        int third = ip.nextOption(second);
        assertThat(third).isEqualTo(25);
        assertThat(ip.optionType(third)).isEqualTo(Ipv4Header.OPTION_RECORD_ROUTE);
        assertThat(ip.nextOption(third)).isEqualTo(Ipv4Header.NO_OPTION);
        assertThat(ip.findOption(Ipv4Header.OPTION_RECORD_ROUTE)).isEqualTo(25);
        assertThat(ip.findOption(Ipv4Header.OPTION_TIMESTAMP)).isEqualTo(Ipv4Header.NO_OPTION);
        assertThat(ip.optionsWellFormed()).isTrue();
    }

    @Test
    void optionsWithoutEndOfListStopAtTheHeaderEnd() {
        byte[] options = TestFrames.bytes(1, 1, 1, 1);
        Ipv4Header ip = new Ipv4Header().wrap(Unpooled.wrappedBuffer(TestFrames.ipv4(TestFrames.IP_A, TestFrames.IP_B, 6, options, 0, new byte[0])), 0);
        int count = 0;
        for (int at = ip.firstOption(); at >= 0; at = ip.nextOption(at)) {
            count++;
        }
        assertThat(count).isEqualTo(4);
        assertThat(ip.optionsWellFormed()).isTrue();
        Ipv4Header none = new Ipv4Header().wrap(Unpooled.wrappedBuffer(TestFrames.ipv4(6, new byte[0])), 0);
        assertThat(none.firstOption()).isEqualTo(Ipv4Header.NO_OPTION);
        assertThat(none.optionsWellFormed()).isTrue();
    }

    @Test
    void malformedOptionLengthsAreReportedNotFollowed() {
        assertMalformed(TestFrames.bytes(7, 0, 0, 0));       // length 0 would loop forever
        assertMalformed(TestFrames.bytes(7, 1, 0, 0));       // length 1 is below type + length
        assertMalformed(TestFrames.bytes(1, 7, 8, 0));       // runs 4 bytes past the header
        assertMalformed(TestFrames.bytes(1, 1, 1, 148));     // length octet missing
    }

    private static void assertMalformed(byte[] options) {
        ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv4(TestFrames.IP_A, TestFrames.IP_B, 6, options, 0, new byte[0]));
        Ipv4Header ip = new Ipv4Header().wrap(buf, 0);
        assertThat(ip.optionsWellFormed()).as("options %s", java.util.Arrays.toString(options)).isFalse();
        assertThat(ip.findOption(Ipv4Header.OPTION_TIMESTAMP)).isEqualTo(Ipv4Header.OPTIONS_MALFORMED);
    }

    private static byte[] zeroChecksum(ByteBuf buf, int length) {
        byte[] copy = new byte[length];
        buf.getBytes(0, copy);
        copy[10] = 0;
        copy[11] = 0;
        return copy;
    }
}
