package io.hypernf.sdk.packet;

import static io.hypernf.sdk.packet.TestFrames.concat;
import static io.hypernf.sdk.packet.TestFrames.extension;
import static io.hypernf.sdk.packet.TestFrames.fragment;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class Ipv6ExtensionHeadersTest {
    private final Ipv6ExtensionHeaders walker = new Ipv6ExtensionHeaders();

    @Test
    void noExtensionHeaders() {
        assertWalk(TestFrames.ipv6(IpProtocol.TCP, new byte[20]), MalformedReason.NONE);
        assertThat(walker.upperLayerProtocol()).isEqualTo(IpProtocol.TCP);
        assertThat(walker.upperLayerOffset()).isEqualTo(40);
        assertThat(walker.headerCount()).isZero();
        assertThat(walker.isFragment()).isFalse();
    }

    @Test
    void walksEveryKindToTheUpperLayer() {
        byte[] ah = TestFrames.bytes(IpProtocol.TCP, 4, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        byte[] payload = concat(
                extension(IpProtocol.IPV6_DESTINATION_OPTIONS, 0),          // hop-by-hop, 8 bytes
                extension(IpProtocol.IPV6_ROUTING, 1),                      // destination options, 16 bytes
                extension(IpProtocol.IPV6_FRAGMENT, 2),                     // routing, 24 bytes
                fragment(IpProtocol.AH, 0, true, 0xCAFEBABE),               // first fragment, 8 bytes
                ah,                                                         // AH: (4 + 2) * 4 = 24 bytes
                new byte[20]);
        assertWalk(TestFrames.ipv6(IpProtocol.HOP_BY_HOP, payload), MalformedReason.NONE);
        assertThat(walker.headerCount()).isEqualTo(5);
        assertThat(walker.upperLayerProtocol()).isEqualTo(IpProtocol.TCP);
        assertThat(walker.upperLayerOffset()).isEqualTo(40 + 8 + 16 + 24 + 8 + 24);
        assertThat(walker.routingHeaderOffset()).isEqualTo(40 + 8 + 16);
        assertThat(walker.fragmentHeaderOffset()).isEqualTo(40 + 8 + 16 + 24);
        assertThat(walker.isFragment()).isTrue();
        assertThat(walker.moreFragments()).isTrue();
        assertThat(walker.fragmentOffsetBytes()).isZero();
        assertThat(walker.fragmentId()).isEqualTo(0xCAFEBABE);
    }

    @Test
    void laterFragmentsStopAtTheFragmentHeader() {
        byte[] payload = concat(fragment(IpProtocol.UDP, 1480, false, 7), new byte[100]);
        assertWalk(TestFrames.ipv6(IpProtocol.IPV6_FRAGMENT, payload), MalformedReason.NONE);
        assertThat(walker.upperLayerProtocol()).isEqualTo(IpProtocol.UDP);
        assertThat(walker.upperLayerOffset()).isEqualTo(-1);
        assertThat(walker.fragmentOffsetBytes()).isEqualTo(1480);
        assertThat(walker.moreFragments()).isFalse();
        assertThat(walker.isFragment()).isTrue();
    }

    @Test
    void anAtomicFragmentIsNotAFragment() {
        byte[] payload = concat(fragment(IpProtocol.UDP, 0, false, 7), new byte[8]);
        assertWalk(TestFrames.ipv6(IpProtocol.IPV6_FRAGMENT, payload), MalformedReason.NONE);
        assertThat(walker.isFragment()).isFalse();
        assertThat(walker.upperLayerOffset()).isEqualTo(48);
    }

    @Test
    void espAndNoNextHeaderEndTheWalk() {
        assertWalk(TestFrames.ipv6(IpProtocol.HOP_BY_HOP, concat(extension(IpProtocol.ESP, 0), new byte[16])), MalformedReason.NONE);
        assertThat(walker.upperLayerProtocol()).isEqualTo(IpProtocol.ESP);
        assertThat(walker.upperLayerOffset()).isEqualTo(48);
        assertWalk(TestFrames.ipv6(IpProtocol.IPV6_NO_NEXT_HEADER, new byte[0]), MalformedReason.NONE);
        assertThat(walker.upperLayerProtocol()).isEqualTo(IpProtocol.IPV6_NO_NEXT_HEADER);
    }

    @Test
    void finalDestinationComesFromTheRoutingHeader() {
        byte[] home = TestFrames.ipv6("2001:db8:ffff::42");
        // Type 2 (Mobile IPv6 home address), one address, segments left 1.
        byte[] type2 = concat(TestFrames.bytes(IpProtocol.UDP, 2, 2, 1, 0, 0, 0, 0), home);
        byte[] udp = TestFrames.withIpv6Checksum(TestFrames.udp(7, 9, new byte[5]), 6, TestFrames.IP6_A, home, IpProtocol.UDP);
        byte[] packet = TestFrames.ipv6(IpProtocol.IPV6_ROUTING, concat(type2, udp));
        assertWalk(packet, MalformedReason.NONE);
        assertThat(walker.finalDestinationOffset()).isEqualTo(48);
        ByteBuf buf = Unpooled.wrappedBuffer(packet);
        Ipv6Header ip = new Ipv6Header().wrap(buf, 0);
        int last = walker.finalDestinationOffset();
        assertThat(new UdpHeader().wrap(buf, walker.upperLayerOffset())
                .verifyChecksumIpv6(ip.sourceHigh(), ip.sourceLow(), buf.getLong(last), buf.getLong(last + 8), 13)).isTrue();
        assertThat(new UdpHeader().wrap(buf, walker.upperLayerOffset())
                .verifyChecksumIpv6(ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow(), 13)).isFalse();

        // Type 0 with two addresses: the last one. Segment Routing (type 4): Segment List[0].
        byte[] type0 = concat(TestFrames.bytes(IpProtocol.TCP, 4, 0, 2, 0, 0, 0, 0), new byte[16], home);
        assertWalk(TestFrames.ipv6(IpProtocol.IPV6_ROUTING, concat(type0, new byte[20])), MalformedReason.NONE);
        assertThat(walker.finalDestinationOffset()).isEqualTo(40 + 8 + 16);
        byte[] srh = concat(TestFrames.bytes(IpProtocol.TCP, 4, 4, 1, 1, 0, 0, 0), home, new byte[16]);
        assertWalk(TestFrames.ipv6(IpProtocol.IPV6_ROUTING, concat(srh, new byte[20])), MalformedReason.NONE);
        assertThat(walker.finalDestinationOffset()).isEqualTo(48);
        // No segments left: the IPv6 destination is already the final one.
        byte[] done = concat(TestFrames.bytes(IpProtocol.TCP, 2, 2, 0, 0, 0, 0, 0), home);
        assertWalk(TestFrames.ipv6(IpProtocol.IPV6_ROUTING, concat(done, new byte[20])), MalformedReason.NONE);
        assertThat(walker.finalDestinationOffset()).isEqualTo(Ipv6Header.DESTINATION);
        assertWalk(TestFrames.ipv6(IpProtocol.TCP, new byte[20]), MalformedReason.NONE);
        assertThat(walker.finalDestinationOffset()).isEqualTo(Ipv6Header.DESTINATION);
    }

    @Test
    void hopByHopMustComeFirst() {
        byte[] payload = concat(extension(IpProtocol.HOP_BY_HOP, 0), extension(IpProtocol.TCP, 0), new byte[20]);
        assertWalk(TestFrames.ipv6(IpProtocol.IPV6_DESTINATION_OPTIONS, payload), MalformedReason.HOP_BY_HOP_NOT_FIRST);
    }

    @Test
    void theChainIsBounded() {
        byte[][] parts = new byte[Ipv6ExtensionHeaders.MAX_HEADERS + 1][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = extension(IpProtocol.IPV6_DESTINATION_OPTIONS, 0);
        }
        assertWalk(TestFrames.ipv6(IpProtocol.IPV6_DESTINATION_OPTIONS, concat(concat(parts), new byte[8])),
                MalformedReason.TOO_MANY_EXTENSION_HEADERS);
        byte[][] allowed = java.util.Arrays.copyOf(parts, Ipv6ExtensionHeaders.MAX_HEADERS);
        allowed[allowed.length - 1] = extension(IpProtocol.UDP, 0);
        assertWalk(TestFrames.ipv6(IpProtocol.IPV6_DESTINATION_OPTIONS, concat(concat(allowed), new byte[8])), MalformedReason.NONE);
        assertThat(walker.headerCount()).isEqualTo(Ipv6ExtensionHeaders.MAX_HEADERS);
    }

    @Test
    void truncatedHeadersAreReportedAgainstTheGivenEnd() {
        // Routing header claims 24 bytes, only 16 inside the payload length.
        byte[] payload = concat(extension(IpProtocol.TCP, 2));
        byte[] packet = TestFrames.ipv6(IpProtocol.IPV6_ROUTING, java.util.Arrays.copyOf(payload, 16));
        assertWalk(packet, MalformedReason.TRUNCATED_IPV6_EXTENSION);
        // Only one byte of a header: its length octet is missing.
        assertWalk(TestFrames.ipv6(IpProtocol.IPV6_ROUTING, new byte[1]), MalformedReason.TRUNCATED_IPV6_EXTENSION);
        assertWalk(TestFrames.ipv6(IpProtocol.IPV6_FRAGMENT, new byte[7]), MalformedReason.TRUNCATED_IPV6_EXTENSION);
        assertWalk(TestFrames.ipv6(IpProtocol.AH, TestFrames.bytes(6, 4, 0, 0, 0, 0, 0, 0)), MalformedReason.TRUNCATED_IPV6_EXTENSION);
        // Bytes past the end exist in the buffer, but the walk must not use them.
        byte[] longer = concat(TestFrames.ipv6(IpProtocol.IPV6_ROUTING, new byte[0]), extension(IpProtocol.TCP, 0), new byte[20]);
        ByteBuf buf = Unpooled.wrappedBuffer(longer);
        assertThat(walker.walk(buf, 0, 40)).isEqualTo(MalformedReason.TRUNCATED_IPV6_EXTENSION);
    }

    private void assertWalk(byte[] packet, MalformedReason expected) {
        ByteBuf exact = Unpooled.wrappedBuffer(packet);
        assertThat(walker.walk(exact, 0, packet.length)).isEqualTo(expected);
    }
}
