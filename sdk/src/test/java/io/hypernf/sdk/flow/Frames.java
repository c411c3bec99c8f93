package io.hypernf.sdk.flow;

import io.hypernf.sdk.packet.EtherType;
import io.hypernf.sdk.packet.EthernetHeader;
import io.hypernf.sdk.packet.IcmpHeader;
import io.hypernf.sdk.packet.IpProtocol;
import io.hypernf.sdk.packet.Ipv4Header;
import io.hypernf.sdk.packet.Ipv6Header;
import io.hypernf.sdk.packet.TcpHeader;
import io.hypernf.sdk.packet.UdpHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Writes small test frames through the packet flyweights (flow tests need only well-formed 5-tuples). */
final class Frames {
    private Frames() {}

    static ByteBuf ipv4(int protocol, int source, int destination, int sourcePort, int destinationPort) {
        ByteBuf buf = Unpooled.buffer(128).writeZero(128);
        return ipv4(buf, protocol, source, destination, sourcePort, destinationPort);
    }

    /** Writes an Ethernet/IPv4/TCP-or-UDP frame at index 0 of {@code buf}; sets its indices to the frame. */
    static ByteBuf ipv4(ByteBuf buf, int protocol, int source, int destination, int sourcePort, int destinationPort) {
        int l4Length = protocol == IpProtocol.TCP ? TcpHeader.MIN_LENGTH : UdpHeader.LENGTH;
        new EthernetHeader().wrap(buf, 0).destination(2).source(1).etherType(EtherType.IPV4);
        new Ipv4Header().wrap(buf, 14).version(4).ihl(5).totalLength(20 + l4Length).ttl(64).protocol(protocol)
                .source(source).destination(destination).updateChecksum();
        writePorts(buf, 34, protocol, sourcePort, destinationPort);
        buf.setIndex(0, 34 + l4Length);
        return buf;
    }

    static ByteBuf ipv4Icmp(int source, int destination, int type, int identifier) {
        ByteBuf buf = Unpooled.buffer(64).writeZero(64);
        new EthernetHeader().wrap(buf, 0).etherType(EtherType.IPV4);
        new Ipv4Header().wrap(buf, 14).version(4).ihl(5).totalLength(28).ttl(64).protocol(IpProtocol.ICMP)
                .source(source).destination(destination).updateChecksum();
        new IcmpHeader().wrap(buf, 34).type(type).identifier(identifier).updateChecksum(8);
        buf.setIndex(0, 42);
        return buf;
    }

    static ByteBuf ipv6(int protocol, long sourceHigh, long sourceLow, long destinationHigh, long destinationLow,
                        int sourcePort, int destinationPort) {
        ByteBuf buf = Unpooled.buffer(128).writeZero(128);
        return ipv6(buf, protocol, sourceHigh, sourceLow, destinationHigh, destinationLow, sourcePort, destinationPort);
    }

    static ByteBuf ipv6(ByteBuf buf, int protocol, long sourceHigh, long sourceLow, long destinationHigh, long destinationLow,
                        int sourcePort, int destinationPort) {
        int l4Length = protocol == IpProtocol.TCP ? TcpHeader.MIN_LENGTH : UdpHeader.LENGTH;
        new EthernetHeader().wrap(buf, 0).destination(2).source(1).etherType(EtherType.IPV6);
        new Ipv6Header().wrap(buf, 14).version(6).payloadLength(l4Length).nextHeader(protocol).hopLimit(64)
                .source(sourceHigh, sourceLow).destination(destinationHigh, destinationLow);
        writePorts(buf, 54, protocol, sourcePort, destinationPort);
        buf.setIndex(0, 54 + l4Length);
        return buf;
    }

    private static void writePorts(ByteBuf buf, int l4, int protocol, int sourcePort, int destinationPort) {
        if (protocol == IpProtocol.TCP) {
            new TcpHeader().wrap(buf, l4).sourcePort(sourcePort).destinationPort(destinationPort).dataOffset(5).flags(TcpHeader.ACK);
        } else {
            new UdpHeader().wrap(buf, l4).sourcePort(sourcePort).destinationPort(destinationPort).length(UdpHeader.LENGTH);
        }
    }
}
