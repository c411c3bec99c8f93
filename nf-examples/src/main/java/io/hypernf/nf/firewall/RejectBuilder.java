package io.hypernf.nf.firewall;

import io.hypernf.sdk.packet.EthernetHeader;
import io.hypernf.sdk.packet.IcmpHeader;
import io.hypernf.sdk.packet.Icmpv6Header;
import io.hypernf.sdk.packet.IpProtocol;
import io.hypernf.sdk.packet.Ipv4Header;
import io.hypernf.sdk.packet.Ipv6Header;
import io.hypernf.sdk.packet.ParsedPacket;
import io.hypernf.sdk.packet.TcpHeader;
import io.netty.buffer.ByteBuf;

/**
 * Builds the answer of a {@code reject} into a fresh frame: a TCP RST or an ICMP / ICMPv6
 * destination unreachable, addressed back to the sender from the address it tried to reach (a
 * bump-in-the-wire firewall has no address of its own), with the L2 header (and VLAN tags) of
 * the offending frame, MACs swapped. Flyweights and scratch state are fields; nothing is
 * allocated per packet.
 *
 * <p>No answer is built (the packet is only dropped) where the RFCs forbid one: for an ICMP
 * error or a RST (RFC 1122 §3.2.2, RFC 9293 §3.10.7.1: never answer a RST), for a later
 * fragment, for a multicast or broadcast destination, or for a source that is not a unicast
 * host (RFC 1812 §4.3.2.7, RFC 4443 §2.4 (e)).
 */
public final class RejectBuilder {
    /** ICMP destination unreachable codes (RFC 792, RFC 1812 §5.2.7.1). */
    static final int ICMP_PORT_UNREACHABLE = 3;
    static final int ICMP_ADMIN_PROHIBITED = 13;
    /** ICMPv6 destination unreachable codes (RFC 4443 §3.1). */
    static final int ICMPV6_ADMIN_PROHIBITED = 1;
    static final int ICMPV6_PORT_UNREACHABLE = 4;
    /** An ICMPv4 error carries as much of the packet as keeps it within 576 bytes (RFC 1812 §4.3.2.3). */
    static final int ICMPV4_MAX_DATAGRAM = 576;
    /** An ICMPv6 error carries as much as keeps it within the minimum MTU (RFC 4443 §2.4 (c)). */
    static final int ICMPV6_MAX_DATAGRAM = 1280;
    private static final int TTL = 64;

    private final EthernetHeader ethernet = new EthernetHeader();
    private final Ipv4Header ipv4 = new Ipv4Header();
    private final Ipv6Header ipv6 = new Ipv6Header();
    private final TcpHeader tcp = new TcpHeader();
    private final TcpHeader offendingTcp = new TcpHeader();
    private final IcmpHeader icmp = new IcmpHeader();
    private final Icmpv6Header icmpv6 = new Icmpv6Header();

    /** Whether an answer to this packet is allowed at all (see the class comment). */
    public boolean mayAnswer(ByteBuf in, ParsedPacket packet) {
        if (!packet.isOk() || packet.ipVersion() == 0 || packet.isLaterFragment() || packet.l4Offset() < 0) {
            return false;
        }
        if ((in.getUnsignedByte(packet.frameOffset() + EthernetHeader.DESTINATION) & 1) != 0) {
            return false;
        }
        int protocol = packet.l4Protocol();
        if (protocol == IpProtocol.TCP && (packet.tcpFlags() & TcpHeader.RST) != 0) {
            return false;
        }
        if (packet.ipVersion() == 4) {
            if (protocol == IpProtocol.ICMP && IcmpTypes.isError(4, packet.icmpType())) {
                return false;
            }
            int source = packet.ipv4Source();
            int destination = packet.ipv4Destination();
            return isUnicast4(source) && isUnicast4(destination) && source != 0;
        }
        if (protocol == IpProtocol.ICMPV6 && IcmpTypes.isError(6, packet.icmpType())) {
            return false;
        }
        boolean sourceUnspecified = packet.ipv6SourceHigh() == 0 && packet.ipv6SourceLow() == 0;
        return !sourceUnspecified && (packet.ipv6SourceHigh() >>> 56) != 0xff && (packet.ipv6DestinationHigh() >>> 56) != 0xff;
    }

    private static boolean isUnicast4(int address) {
        return (address >>> 28) != 0xe && address != -1 && (address >>> 24) != 0 && (address >>> 28) != 0xf;
    }

    /**
     * Writes a TCP RST answering the TCP segment {@code packet} of {@code in} into {@code out} from
     * index 0 and sets its writer index. RFC 9293 §3.10.7.1: if the segment had ACK, the RST takes
     * its sequence number from that ACK; otherwise it has sequence 0 and acknowledges everything the
     * segment occupied (data, SYN and FIN count one each). Returns the frame length, or 0 when
     * {@code out} is too small.
     */
    public int tcpReset(ByteBuf in, ParsedPacket packet, ByteBuf out) {
        int l2Length = packet.l3Offset() - packet.frameOffset();
        boolean v6 = packet.ipVersion() == 6;
        int ipLength = v6 ? Ipv6Header.LENGTH : Ipv4Header.MIN_LENGTH;
        int length = l2Length + ipLength + TcpHeader.MIN_LENGTH;
        int frameLength = Math.max(length, EthernetHeader.MIN_FRAME);
        if (out.capacity() < frameLength) {
            return 0;
        }
        out.setZero(0, frameLength);
        writeL2(in, packet, out, l2Length);
        offendingTcp.wrap(in, packet.l4Offset());
        int flags = packet.tcpFlags();
        int tcpAt = l2Length + ipLength;
        tcp.wrap(out, tcpAt)
                .sourcePort(packet.destinationPort())
                .destinationPort(packet.sourcePort())
                .dataOffset(TcpHeader.MIN_LENGTH / 4);
        if ((flags & TcpHeader.ACK) != 0) {
            tcp.sequence(offendingTcp.acknowledgment()).acknowledgment(0).flags(TcpHeader.RST);
        } else {
            int occupied = packet.payloadLength() + ((flags & TcpHeader.SYN) != 0 ? 1 : 0) + ((flags & TcpHeader.FIN) != 0 ? 1 : 0);
            tcp.sequence(0).acknowledgment(offendingTcp.sequence() + occupied).flags(TcpHeader.RST | TcpHeader.ACK);
        }
        writeIp(packet, out, l2Length, IpProtocol.TCP, TcpHeader.MIN_LENGTH);
        if (v6) {
            tcp.checksum(tcp.computeChecksumIpv6(packet.ipv6DestinationHigh(), packet.ipv6DestinationLow(),
                    packet.ipv6SourceHigh(), packet.ipv6SourceLow(), TcpHeader.MIN_LENGTH));
        } else {
            tcp.checksum(tcp.computeChecksumIpv4(packet.ipv4Destination(), packet.ipv4Source(), TcpHeader.MIN_LENGTH));
        }
        out.setIndex(0, frameLength);
        return frameLength;
    }

    /**
     * Writes an ICMP (IPv4) or ICMPv6 (IPv6) destination unreachable with {@code with}'s code,
     * quoting the offending datagram from its IP header on, into {@code out}. Returns the frame
     * length, or 0 when {@code out} is too small.
     */
    public int unreachable(ByteBuf in, ParsedPacket packet, RejectWith with, ByteBuf out) {
        int l2Length = packet.l3Offset() - packet.frameOffset();
        boolean v6 = packet.ipVersion() == 6;
        boolean portUnreachable = with == RejectWith.PORT_UNREACHABLE;
        int ipLength = v6 ? Ipv6Header.LENGTH : Ipv4Header.MIN_LENGTH;
        int maxQuote = (v6 ? ICMPV6_MAX_DATAGRAM : ICMPV4_MAX_DATAGRAM) - ipLength - IcmpHeader.LENGTH;
        int quote = Math.min(packet.l3End() - packet.l3Offset(), maxQuote);
        int icmpLength = IcmpHeader.LENGTH + quote;
        int length = l2Length + ipLength + icmpLength;
        int frameLength = Math.max(length, EthernetHeader.MIN_FRAME);
        if (out.capacity() < frameLength) {
            return 0;
        }
        out.setZero(0, frameLength);
        writeL2(in, packet, out, l2Length);
        int icmpAt = l2Length + ipLength;
        out.setBytes(icmpAt + IcmpHeader.EMBEDDED, in, packet.l3Offset(), quote);
        writeIp(packet, out, l2Length, v6 ? IpProtocol.ICMPV6 : IpProtocol.ICMP, icmpLength);
        if (v6) {
            icmpv6.wrap(out, icmpAt).type(IcmpTypes.V6_DEST_UNREACHABLE)
                    .code(portUnreachable ? ICMPV6_PORT_UNREACHABLE : ICMPV6_ADMIN_PROHIBITED);
            icmpv6.checksum(icmpv6.computeChecksum(packet.ipv6DestinationHigh(), packet.ipv6DestinationLow(),
                    packet.ipv6SourceHigh(), packet.ipv6SourceLow(), icmpLength));
        } else {
            icmp.wrap(out, icmpAt).type(IcmpTypes.V4_DEST_UNREACHABLE)
                    .code(portUnreachable ? ICMP_PORT_UNREACHABLE : ICMP_ADMIN_PROHIBITED);
            icmp.updateChecksum(icmpLength);
        }
        out.setIndex(0, frameLength);
        return frameLength;
    }

    /** Copies the L2 header (with VLAN tags) and swaps the MACs. */
    private void writeL2(ByteBuf in, ParsedPacket packet, ByteBuf out, int l2Length) {
        out.setBytes(0, in, packet.frameOffset(), l2Length);
        ethernet.wrap(out, 0).swapAddresses();
    }

    /** The IP header of the answer: from the offending packet's destination back to its source. */
    private void writeIp(ParsedPacket packet, ByteBuf out, int at, int protocol, int payloadLength) {
        if (packet.ipVersion() == 6) {
            ipv6.wrap(out, at).version(6);
            ipv6.payloadLength(payloadLength).nextHeader(protocol).hopLimit(TTL)
                    .source(packet.ipv6DestinationHigh(), packet.ipv6DestinationLow())
                    .destination(packet.ipv6SourceHigh(), packet.ipv6SourceLow());
            return;
        }
        ipv4.wrap(out, at).version(4);
        ipv4.ihl(Ipv4Header.MIN_LENGTH / 4);
        ipv4.totalLength(Ipv4Header.MIN_LENGTH + payloadLength)
                .identification(0)
                .flagsFragmentOffset(Ipv4Header.FLAG_DONT_FRAGMENT)
                .ttl(TTL)
                .protocol(protocol)
                .source(packet.ipv4Destination())
                .destination(packet.ipv4Source());
        ipv4.updateChecksum();
    }
}
