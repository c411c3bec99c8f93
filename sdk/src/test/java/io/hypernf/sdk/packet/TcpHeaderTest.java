package io.hypernf.sdk.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TcpHeaderTest {
    private static final int L4 = 14 + 20;

    @Test
    void readsAndWritesFields() {
        ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv4Tcp(40000, 443, TcpHeader.SYN | TcpHeader.ECE | TcpHeader.CWR, new byte[0], new byte[0]));
        TcpHeader tcp = new TcpHeader().wrap(buf, L4);
        assertThat(tcp.sourcePort()).isEqualTo(40000);
        assertThat(tcp.destinationPort()).isEqualTo(443);
        assertThat(tcp.sequence()).isEqualTo(0x1000_0001);
        assertThat(tcp.acknowledgment()).isEqualTo(0x2000_0002);
        assertThat(tcp.dataOffset()).isEqualTo(5);
        assertThat(tcp.headerLength()).isEqualTo(20);
        assertThat(tcp.flags()).isEqualTo(TcpHeader.SYN | TcpHeader.ECE | TcpHeader.CWR);
        assertThat(tcp.hasFlags(TcpHeader.SYN)).isTrue();
        assertThat(tcp.hasFlags(TcpHeader.SYN | TcpHeader.ACK)).isFalse();
        assertThat(tcp.window()).isEqualTo(65535);
        assertThat(tcp.verifyChecksumIpv4(TestFrames.IP_A, TestFrames.IP_B, 20)).isTrue();

        tcp.flags(TcpHeader.AE | TcpHeader.FIN);
        assertThat(buf.getUnsignedShort(L4 + 12)).isEqualTo(0x5101);
        tcp.dataOffset(6);
        assertThat(tcp.flags()).isEqualTo(TcpHeader.AE | TcpHeader.FIN);
        assertThat(tcp.headerLength()).isEqualTo(24);
        tcp.sequence(-1).acknowledgment(0x01020304).window(7).urgentPointer(9);
        assertThat(buf.getUnsignedByte(L4 + 4)).isEqualTo((short) 0xFF);
        assertThat(buf.getUnsignedByte(L4 + 8)).isEqualTo((short) 1);
        assertThat(tcp.urgentPointer()).isEqualTo(9);
    }

    @Test
    void checksumFromScratchMatchesTheReference() {
        SplittableRandom random = new SplittableRandom(9293);
        for (int i = 0; i < 200; i++) {
            byte[] payload = new byte[random.nextInt(100)];
            random.nextBytes(payload);
            ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv4Tcp(random.nextInt(65536), random.nextInt(65536), TcpHeader.ACK, new byte[0], payload));
            TcpHeader tcp = new TcpHeader().wrap(buf, L4);
            int expected = tcp.checksum();
            tcp.checksum(random.nextInt(65536));
            assertThat(tcp.computeChecksumIpv4(TestFrames.IP_A, TestFrames.IP_B, 20 + payload.length)).isEqualTo(expected);
        }
        byte[] frame = TestFrames.ipv6Tcp(1, 2, TcpHeader.SYN, new byte[33]);
        ByteBuf buf = Unpooled.wrappedBuffer(frame);
        Ipv6Header ip = new Ipv6Header().wrap(buf, 14);
        TcpHeader tcp = new TcpHeader().wrap(buf, 54);
        assertThat(tcp.verifyChecksumIpv6(ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow(), 53)).isTrue();
        assertThat(tcp.computeChecksumIpv6(ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow(), 53)).isEqualTo(tcp.checksum());
        buf.setByte(frame.length - 1, 1);
        assertThat(tcp.verifyChecksumIpv6(ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow(), 53)).isFalse();
    }

    @Test
    void natRewritesKeepTheChecksumValid() {
        SplittableRandom random = new SplittableRandom(1624);
        ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv4Tcp(1234, 80, TcpHeader.ACK, new byte[0], new byte[17]));
        Ipv4Header ip = new Ipv4Header().wrap(buf, 14);
        TcpHeader tcp = new TcpHeader().wrap(buf, L4);
        for (int i = 0; i < 1000; i++) {
            int oldSource = ip.source();
            int newSource = random.nextInt();
            ip.rewriteSource(newSource);
            tcp.adjustChecksum32(oldSource, newSource);
            tcp.rewriteSourcePort(random.nextInt(65536));
            tcp.rewriteDestinationPort(random.nextInt(65536));
            assertThat(ip.verifyChecksum()).isTrue();
            assertThat(tcp.verifyChecksumIpv4(ip.source(), ip.destination(), 37)).isTrue();
            assertThat(tcp.checksum()).isEqualTo(referenceChecksumIpv4(buf, ip.source(), ip.destination(), L4, 37, 16));
        }
    }

    @Test
    void ipv6AddressRewriteThroughTwo64BitAdjustments() {
        ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv6Tcp(1, 2, TcpHeader.ACK, new byte[5]));
        Ipv6Header ip = new Ipv6Header().wrap(buf, 14);
        TcpHeader tcp = new TcpHeader().wrap(buf, 54);
        long oldHigh = ip.sourceHigh();
        long oldLow = ip.sourceLow();
        ip.source(0xFD00_0000_0000_0001L, 0x0000_0000_DEAD_BEEFL);
        tcp.adjustChecksum64(oldHigh, ip.sourceHigh()).adjustChecksum64(oldLow, ip.sourceLow());
        assertThat(tcp.verifyChecksumIpv6(ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow(), 25)).isTrue();
    }

    @Test
    void mssClampAtAnAlignedOffset() {
        byte[] options = TestFrames.bytes(2, 4, 0x05, 0xB4, 1, 3, 3, 7);  // MSS 1460, NOP, window scale 7
        ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv4Tcp(1000, 80, TcpHeader.SYN, options, new byte[0]));
        TcpHeader tcp = new TcpHeader().wrap(buf, L4);
        assertThat(tcp.findOption(TcpHeader.OPTION_MSS)).isEqualTo(L4 + 20);
        assertThat(tcp.findOption(TcpHeader.OPTION_WINDOW_SCALE)).isEqualTo(L4 + 25);
        assertThat(tcp.findOption(TcpHeader.OPTION_TIMESTAMPS)).isEqualTo(TcpHeader.NO_OPTION);
        assertThat(tcp.mss()).isEqualTo(1460);
        assertThat(tcp.clampMss(1500)).isFalse();
        assertThat(tcp.clampMss(1460)).isFalse();
        assertThat(tcp.clampMss(1400)).isTrue();
        assertThat(tcp.mss()).isEqualTo(1400);
        assertThat(buf.getUnsignedShort(L4 + 22)).isEqualTo(1400);
        assertThat(tcp.verifyChecksumIpv4(TestFrames.IP_A, TestFrames.IP_B, 28)).isTrue();
        assertThat(tcp.checksum()).isEqualTo(referenceChecksumIpv4(buf, TestFrames.IP_A, TestFrames.IP_B, L4, 28, 16));
    }

    @Test
    void mssClampAtAnOddOffsetAfterOneNop() {
        byte[] options = TestFrames.bytes(1, 2, 4, 0x23, 0x28, 1, 1, 0);  // NOP, MSS 9000, NOP, NOP, EOL
        ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv4Tcp(1000, 80, TcpHeader.SYN, options, TestFrames.bytes(1, 2, 3)));
        TcpHeader tcp = new TcpHeader().wrap(buf, L4);
        assertThat(tcp.mss()).isEqualTo(9000);
        assertThat(tcp.clampMss(1360)).isTrue();
        assertThat(tcp.mss()).isEqualTo(1360);
        assertThat(buf.getUnsignedShort(L4 + 23)).isEqualTo(1360);
        assertThat(tcp.verifyChecksumIpv4(TestFrames.IP_A, TestFrames.IP_B, 31)).isTrue();
        assertThat(tcp.checksum()).isEqualTo(referenceChecksumIpv4(buf, TestFrames.IP_A, TestFrames.IP_B, L4, 31, 16));
    }

    @Test
    void mssClampRandomisedOverPositionsAndValues() {
        SplittableRandom random = new SplittableRandom(879);
        for (int round = 0; round < 500; round++) {
            int nops = random.nextInt(5);
            byte[] options = new byte[12];
            for (int i = 0; i < nops; i++) {
                options[i] = 1;
            }
            int mss = random.nextInt(65536);
            options[nops] = 2;
            options[nops + 1] = 4;
            options[nops + 2] = (byte) (mss >>> 8);
            options[nops + 3] = (byte) mss;
            byte[] payload = new byte[random.nextInt(20)];
            random.nextBytes(payload);
            ByteBuf buf = Unpooled.wrappedBuffer(TestFrames.ipv4Tcp(random.nextInt(65536), 443, TcpHeader.SYN, options, payload));
            TcpHeader tcp = new TcpHeader().wrap(buf, L4);
            int limit = random.nextInt(65536);
            assertThat(tcp.clampMss(limit)).isEqualTo(mss > limit);
            assertThat(tcp.mss()).isEqualTo(Math.min(mss, limit));
            int length = 32 + payload.length;
            assertThat(tcp.checksum()).isEqualTo(referenceChecksumIpv4(buf, TestFrames.IP_A, TestFrames.IP_B, L4, length, 16));
        }
    }

    @Test
    void malformedOptionsAreNotWalkedPastTheHeader() {
        ByteBuf zeroLength = Unpooled.wrappedBuffer(TestFrames.ipv4Tcp(1, 2, TcpHeader.SYN, TestFrames.bytes(3, 0, 0, 0), new byte[0]));
        TcpHeader tcp = new TcpHeader().wrap(zeroLength, L4);
        assertThat(tcp.findOption(TcpHeader.OPTION_MSS)).isEqualTo(TcpHeader.OPTIONS_MALFORMED);
        assertThat(tcp.mss()).isEqualTo(-1);
        assertThat(tcp.clampMss(100)).isFalse();
        ByteBuf overlong = Unpooled.wrappedBuffer(TestFrames.ipv4Tcp(1, 2, TcpHeader.SYN, TestFrames.bytes(1, 8, 10, 0), new byte[8]));
        assertThat(tcp.wrap(overlong, L4).findOption(TcpHeader.OPTION_MSS)).isEqualTo(TcpHeader.OPTIONS_MALFORMED);
        ByteBuf missingLength = Unpooled.wrappedBuffer(TestFrames.ipv4Tcp(1, 2, TcpHeader.SYN, TestFrames.bytes(1, 1, 1, 8), new byte[8]));
        assertThat(tcp.wrap(missingLength, L4).findOption(TcpHeader.OPTION_MSS)).isEqualTo(TcpHeader.OPTIONS_MALFORMED);
        ByteBuf mssTooShort = Unpooled.wrappedBuffer(TestFrames.ipv4Tcp(1, 2, TcpHeader.SYN, TestFrames.bytes(2, 3, 5, 0), new byte[8]));
        assertThat(tcp.wrap(mssTooShort, L4).mss()).isEqualTo(-1);
        ByteBuf afterEnd = Unpooled.wrappedBuffer(TestFrames.ipv4Tcp(1, 2, TcpHeader.SYN, TestFrames.bytes(0, 2, 4, 5, 0xB4, 0, 0, 0), new byte[8]));
        assertThat(tcp.wrap(afterEnd, L4).mss()).isEqualTo(-1);
    }

    private static int referenceChecksumIpv4(ByteBuf buf, int source, int destination, int offset, int length, int checksumAt) {
        byte[] segment = new byte[length];
        buf.getBytes(offset, segment);
        segment[checksumAt] = 0;
        segment[checksumAt + 1] = 0;
        return ReferenceChecksum.checksum(segment, 0, length, ReferenceChecksum.ipv4PseudoSum(source, destination, IpProtocol.TCP, length));
    }
}
