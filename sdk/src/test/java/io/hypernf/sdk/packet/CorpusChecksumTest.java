package io.hypernf.sdk.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.port.pcap.LinkType;
import io.hypernf.sdk.port.pcap.PcapReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Checksums against real traffic: every corpus packet whose IPv4 header, TCP, UDP, ICMP or
 * ICMPv6 checksum is valid as captured (offloaded or corrupted ones are counted and left out) must
 * verify with the flyweights, must stay valid after random NAT-style rewrites patched
 * incrementally (RFC 1624), and the patched value must equal a from-scratch computation by the
 * independent {@link ReferenceChecksum}.
 */
class CorpusChecksumTest {
    private final SplittableRandom random = new SplittableRandom(1624);
    private final Ipv4Header ipv4 = new Ipv4Header();
    private final Ipv6Header ipv6 = new Ipv6Header();
    private final TcpHeader tcp = new TcpHeader();
    private final UdpHeader udp = new UdpHeader();
    private final IcmpHeader icmp = new IcmpHeader();
    private final Icmpv6Header icmpv6 = new Icmpv6Header();

    private long ipv4Headers;
    private long ipv4HeadersInvalid;
    private long transportValid;
    private long transportInvalid;
    private long icmpValid;
    private long icmpv6Valid;

    @Test
    void realChecksumsVerifyAndSurviveIncrementalRewrites() throws IOException {
        PacketParser parser = new PacketParser();
        ParsedPacket parsed = new ParsedPacket();
        byte[] record = new byte[PcapReader.MAX_CAPTURED_LENGTH];
        for (Path file : PcapCorpus.files()) {
            try (PcapReader reader = PcapReader.open(file)) {
                while (reader.next()) {
                    if (reader.linkType() != LinkType.ETHERNET) {
                        continue;
                    }
                    int length = reader.copyTo(record, 0);
                    byte[] frame = Arrays.copyOf(record, length);
                    ByteBuf buf = Unpooled.wrappedBuffer(frame);
                    if (!parser.parse(buf, 0, length, parsed).isOk() || parsed.isFragment()) {
                        continue;
                    }
                    if (parsed.ipVersion() == 4) {
                        checkIpv4(buf, frame, parsed);
                    } else if (parsed.ipVersion() == 6 && parsed.ipv6ExtensionHeaders() == 0) {
                        checkIpv6(buf, frame, parsed);
                    }
                }
            } catch (IOException e) {
                // A file the reader refuses has no packets to check; the corpus parse test counts it.
            }
        }
        System.out.printf("corpus checksums: IPv4 headers valid %d (invalid %d); TCP/UDP valid %d (invalid %d); ICMP valid %d; ICMPv6 valid %d%n",
                ipv4Headers, ipv4HeadersInvalid, transportValid, transportInvalid, icmpValid, icmpv6Valid);
        assertThat(ipv4Headers).as("IPv4 headers with a valid checksum in the corpus").isPositive();
        assertThat(transportValid).as("TCP/UDP segments with a valid checksum").isPositive();
        assertThat(icmpValid).isPositive();
        assertThat(icmpv6Valid).isPositive();
    }

    private void checkIpv4(ByteBuf buf, byte[] frame, ParsedPacket parsed) {
        int l3 = parsed.l3Offset();
        ipv4.wrap(buf, l3);
        boolean headerValid = ipv4.verifyChecksum();
        assertThat(headerValid).isEqualTo(ReferenceChecksum.checksum(frame, l3, ipv4.headerLength()) == 0);
        if (!headerValid) {
            ipv4HeadersInvalid++;
            return;
        }
        ipv4Headers++;
        int l4 = parsed.l4Offset();
        int segment = parsed.l3End() - l4;
        boolean transportOk = false;
        if (parsed.packetClass() == PacketClass.OK_IPV4_TCP) {
            transportOk = tcp.wrap(buf, l4).verifyChecksumIpv4(ipv4.source(), ipv4.destination(), segment);
        } else if (parsed.packetClass() == PacketClass.OK_IPV4_UDP && udp.wrap(buf, l4).checksum() != 0) {
            segment = udp.length();
            transportOk = udp.verifyChecksumIpv4(ipv4.source(), ipv4.destination(), segment);
        } else if (parsed.packetClass() == PacketClass.OK_IPV4_ICMP) {
            if (icmp.wrap(buf, l4).verifyChecksum(segment)) {
                icmpValid++;
                if (IcmpHeader.isQueryType(icmp.type())) {
                    icmp.rewriteIdentifier(random.nextInt(65536));
                    assertThat(icmp.verifyChecksum(segment)).isTrue();
                    assertThat(icmp.checksum()).isEqualTo(reference(frame, l4, segment, 2, 0));
                }
            }
        }
        boolean checksummed = parsed.packetClass() == PacketClass.OK_IPV4_TCP
                || (parsed.packetClass() == PacketClass.OK_IPV4_UDP && udp.checksum() != UdpHeader.NO_CHECKSUM);
        if (checksummed) {
            if (transportOk) {
                transportValid++;
            } else {
                transportInvalid++;
            }
        }
        boolean isTcp = parsed.packetClass() == PacketClass.OK_IPV4_TCP;
        for (int round = 0; round < 4; round++) {
            int oldSource = ipv4.source();
            int oldDestination = ipv4.destination();
            ipv4.rewriteSource(random.nextInt()).rewriteDestination(random.nextInt());
            ipv4.decrementTtl();
            if (transportOk) {
                if (isTcp) {
                    tcp.adjustChecksum32(oldSource, ipv4.source()).adjustChecksum32(oldDestination, ipv4.destination())
                            .rewriteSourcePort(random.nextInt(65536)).rewriteDestinationPort(random.nextInt(65536));
                    assertThat(tcp.verifyChecksumIpv4(ipv4.source(), ipv4.destination(), segment)).isTrue();
                    long pseudo = ReferenceChecksum.ipv4PseudoSum(ipv4.source(), ipv4.destination(), IpProtocol.TCP, segment);
                    assertThat(tcp.checksum()).isEqualTo(reference(frame, l4, segment, TcpHeader.CHECKSUM, pseudo));
                } else {
                    udp.adjustChecksum32(oldSource, ipv4.source()).adjustChecksum32(oldDestination, ipv4.destination())
                            .rewriteSourcePort(random.nextInt(65536)).rewriteDestinationPort(random.nextInt(65536));
                    assertThat(udp.verifyChecksumIpv4(ipv4.source(), ipv4.destination(), segment)).isTrue();
                    long pseudo = ReferenceChecksum.ipv4PseudoSum(ipv4.source(), ipv4.destination(), IpProtocol.UDP, segment);
                    assertThat(udp.checksum()).isEqualTo(nonZero(reference(frame, l4, segment, UdpHeader.CHECKSUM, pseudo)));
                }
            }
            assertThat(ipv4.verifyChecksum()).isTrue();
            assertThat(ipv4.checksum()).isEqualTo(reference(frame, l3, ipv4.headerLength(), Ipv4Header.CHECKSUM, 0));
        }
    }

    private void checkIpv6(ByteBuf buf, byte[] frame, ParsedPacket parsed) {
        ipv6.wrap(buf, parsed.l3Offset());
        int l4 = parsed.l4Offset();
        int segment = parsed.l3End() - l4;
        if (parsed.packetClass() == PacketClass.OK_IPV6_ICMPV6) {
            if (icmpv6.wrap(buf, l4).verifyChecksum(ipv6.sourceHigh(), ipv6.sourceLow(), ipv6.destinationHigh(), ipv6.destinationLow(), segment)) {
                icmpv6Valid++;
                long oldLow = ipv6.sourceLow();
                ipv6.source(ipv6.sourceHigh(), random.nextLong());
                icmpv6.adjustChecksum64(oldLow, ipv6.sourceLow());
                assertThat(icmpv6.verifyChecksum(ipv6.sourceHigh(), ipv6.sourceLow(), ipv6.destinationHigh(), ipv6.destinationLow(), segment)).isTrue();
            }
            return;
        }
        boolean isTcp = parsed.packetClass() == PacketClass.OK_IPV6_TCP;
        if (!isTcp && parsed.packetClass() != PacketClass.OK_IPV6_UDP) {
            return;
        }
        boolean valid = isTcp
                ? tcp.wrap(buf, l4).verifyChecksumIpv6(ipv6.sourceHigh(), ipv6.sourceLow(), ipv6.destinationHigh(), ipv6.destinationLow(), segment)
                : udp.wrap(buf, l4).verifyChecksumIpv6(ipv6.sourceHigh(), ipv6.sourceLow(), ipv6.destinationHigh(), ipv6.destinationLow(), segment = udp.length());
        if (!valid) {
            transportInvalid++;
            return;
        }
        transportValid++;
        for (int round = 0; round < 4; round++) {
            long oldHigh = ipv6.destinationHigh();
            long oldLow = ipv6.destinationLow();
            ipv6.destination(random.nextLong(), random.nextLong());
            int protocol = isTcp ? IpProtocol.TCP : IpProtocol.UDP;
            if (isTcp) {
                tcp.adjustChecksum64(oldHigh, ipv6.destinationHigh()).adjustChecksum64(oldLow, ipv6.destinationLow())
                        .rewriteSourcePort(random.nextInt(65536));
            } else {
                udp.adjustChecksum64(oldHigh, ipv6.destinationHigh()).adjustChecksum64(oldLow, ipv6.destinationLow())
                        .rewriteSourcePort(random.nextInt(65536));
            }
            byte[] source = new byte[16];
            byte[] destination = new byte[16];
            buf.getBytes(ipv6.offset() + Ipv6Header.SOURCE, source);
            buf.getBytes(ipv6.offset() + Ipv6Header.DESTINATION, destination);
            long pseudo = ReferenceChecksum.ipv6PseudoSum(source, destination, protocol, segment);
            int expected = reference(frame, l4, segment, isTcp ? TcpHeader.CHECKSUM : UdpHeader.CHECKSUM, pseudo);
            assertThat(isTcp ? tcp.checksum() : udp.checksum()).isEqualTo(isTcp ? expected : nonZero(expected));
        }
    }

    /** The reference checksum of {@code frame[offset, offset + length)} with its checksum field zeroed. */
    private static int reference(byte[] frame, int offset, int length, int checksumField, long pseudo) {
        byte[] copy = Arrays.copyOfRange(frame, offset, offset + length);
        copy[checksumField] = 0;
        copy[checksumField + 1] = 0;
        return ReferenceChecksum.checksum(copy, 0, length, pseudo);
    }

    private static int nonZero(int checksum) {
        return checksum == 0 ? 0xFFFF : checksum;
    }
}
