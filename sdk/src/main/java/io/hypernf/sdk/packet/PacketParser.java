package io.hypernf.sdk.packet;

import io.netty.buffer.ByteBuf;

/**
 * Classifies an Ethernet frame and records where its headers are, in one pass, into a reusable
 * {@link ParsedPacket}. The layers, in order:
 * <ol>
 *   <li>Ethernet II, then up to {@link #MAX_VLAN_TAGS} stacked 802.1Q / 802.1ad tags;</li>
 *   <li>by EtherType: IPv4 (RFC 791: version, IHL, total length, options, fragments), IPv6
 *       (RFC 8200: payload length, extension headers via {@link Ipv6ExtensionHeaders}), ARP;</li>
 *   <li>by protocol: TCP (data offset), UDP (length), ICMP, ICMPv6 (8-byte header).</li>
 * </ol>
 * <p>It never throws on a malformed frame and never reads outside {@code [offset, offset + length)}:
 * every length field is checked against the frame before it is used, and inner layers are also
 * held to the outer length fields (a TCP header must fit inside the IP total length, not merely
 * inside the frame). A frame that fails a check gets a {@code MALFORMED_*} class and a
 * {@link MalformedReason}. Nothing is allocated; one parser per thread.
 *
 * <p>{@link #parseEmbedded} parses the datagram an ICMP or ICMPv6 error quotes (RFC 792, RFC 4443
 * 2.4(c)), which NATs and firewalls match against their flows (RFC 5508 4.2): the quote is usually
 * cut short, so there the IP length fields may exceed it and only 8 transport bytes are required.
 */
public final class PacketParser {
    /** Stacked VLAN tags accepted before a frame is malformed (QinQ needs 2; some carriers stack 3). */
    public static final int MAX_VLAN_TAGS = 4;
    /** Largest IP datagram (RFC 791: total length is 16 bits); fragments must stay below it. */
    public static final int MAX_DATAGRAM = 65535;

    private final Ipv6ExtensionHeaders extensions = new Ipv6ExtensionHeaders();
    private final Ipv4Header ipv4 = new Ipv4Header();

    /** Parses the frame between the buffer's reader and writer indices. */
    public PacketClass parse(ByteBuf buf, ParsedPacket out) {
        return parse(buf, buf.readerIndex(), buf.readableBytes(), out);
    }

    /** Parses the {@code length}-byte frame at {@code offset} of {@code buf} into {@code out} and returns its class. */
    public PacketClass parse(ByteBuf buf, int offset, int length, ParsedPacket out) {
        out.reset(offset, length);
        if (offset < 0 || length < 0 || length > buf.capacity() - offset) {
            return malformed(out, MalformedReason.FRAME_EXCEEDS_BUFFER);
        }
        int end = offset + length;
        if (length < EthernetHeader.LENGTH) {
            return malformed(out, MalformedReason.TRUNCATED_ETHERNET);
        }
        int typeAt = offset + EthernetHeader.ETHER_TYPE;
        int type = buf.getUnsignedShort(typeAt);
        while (EtherType.isVlanTag(type)) {
            if (out.vlanCount == MAX_VLAN_TAGS) {
                return malformed(out, MalformedReason.TOO_MANY_VLAN_TAGS);
            }
            if (typeAt + VlanTag.LENGTH + 2 > end) {
                return malformed(out, MalformedReason.TRUNCATED_VLAN);
            }
            int vlanId = buf.getUnsignedShort(typeAt + VlanTag.TCI) & VlanTag.VLAN_ID_MASK;
            if (out.vlanCount == 0) {
                out.outerVlanId = vlanId;
            } else if (out.vlanCount == 1) {
                out.innerVlanId = vlanId;
            }
            out.vlanCount++;
            typeAt += VlanTag.LENGTH;
            type = buf.getUnsignedShort(typeAt);
        }
        int l3 = typeAt + 2;
        out.etherType = type;
        out.l3Offset = l3;
        out.l3End = end;
        out.payloadOffset = l3;
        out.payloadLength = end - l3;
        switch (type) {
            case EtherType.IPV4:
                return parseIpv4(buf, l3, end, out);
            case EtherType.IPV6:
                return parseIpv6(buf, l3, end, out);
            case EtherType.ARP:
                return parseArp(buf, l3, end, out);
            default:
                return ok(out, PacketClass.OK_OTHER_L2);
        }
    }

    /**
     * Parses the datagram quoted by the ICMP error already parsed into {@code error} (same buffer)
     * into {@code out}, whose frame is then the quote: from 8 bytes into the ICMP message to the
     * outer datagram's end. {@code out} gets the inner addresses, protocol and ports; a quote that
     * is not an error message gives {@link MalformedReason#NOT_AN_ICMP_ERROR}.
     */
    public PacketClass parseEmbedded(ByteBuf buf, ParsedPacket error, ParsedPacket out) {
        PacketClass outer = error.packetClass();
        boolean isError = (outer == PacketClass.OK_IPV4_ICMP && IcmpHeader.isErrorType(error.icmpType()))
                || (outer == PacketClass.OK_IPV6_ICMPV6 && Icmpv6Header.isErrorType(error.icmpType()));
        if (!isError) {
            out.reset(error.frameOffset(), 0);
            out.embedded = true;
            return malformed(out, MalformedReason.NOT_AN_ICMP_ERROR);
        }
        int start = error.l4Offset() + IcmpHeader.EMBEDDED;
        int end = error.l3End();
        out.reset(start, end - start);
        out.embedded = true;
        out.l3Offset = start;
        out.l3End = end;
        out.payloadOffset = start;
        out.payloadLength = end - start;
        if (outer == PacketClass.OK_IPV4_ICMP) {
            out.etherType = EtherType.IPV4;
            return parseIpv4(buf, start, end, out);
        }
        out.etherType = EtherType.IPV6;
        return parseIpv6(buf, start, end, out);
    }

    private PacketClass parseArp(ByteBuf buf, int l3, int end, ParsedPacket out) {
        if (l3 + ArpHeader.FIXED_LENGTH > end) {
            return malformed(out, MalformedReason.TRUNCATED_ARP);
        }
        int declared = ArpHeader.FIXED_LENGTH + 2 * (buf.getUnsignedByte(l3 + ArpHeader.HARDWARE_LENGTH)
                + buf.getUnsignedByte(l3 + ArpHeader.PROTOCOL_LENGTH));
        if (l3 + declared > end) {
            return malformed(out, MalformedReason.TRUNCATED_ARP);
        }
        out.l3End = l3 + declared;
        out.payloadLength = declared;
        return ok(out, PacketClass.OK_ARP);
    }

    private PacketClass parseIpv4(ByteBuf buf, int l3, int end, ParsedPacket out) {
        if (l3 + Ipv4Header.MIN_LENGTH > end) {
            return malformed(out, MalformedReason.TRUNCATED_IPV4);
        }
        int versionIhl = buf.getUnsignedByte(l3 + Ipv4Header.VERSION_IHL);
        if (versionIhl >>> 4 != 4) {
            return malformed(out, MalformedReason.BAD_IPV4_VERSION);
        }
        out.ipVersion = 4;
        int headerLength = (versionIhl & 0x0F) << 2;
        if (headerLength < Ipv4Header.MIN_LENGTH || l3 + headerLength > end) {
            return malformed(out, MalformedReason.BAD_IHL);
        }
        int totalLength = buf.getUnsignedShort(l3 + Ipv4Header.TOTAL_LENGTH);
        if (totalLength < headerLength) {
            return malformed(out, MalformedReason.IPV4_TOTAL_LENGTH_BELOW_HEADER);
        }
        if (l3 + totalLength > end && !out.embedded) {
            return malformed(out, MalformedReason.IPV4_TOTAL_LENGTH_EXCEEDS_FRAME);
        }
        int l3End = Math.min(l3 + totalLength, end);
        out.l3End = l3End;
        out.ipv4Source = buf.getInt(l3 + Ipv4Header.SOURCE);
        out.ipv4Destination = buf.getInt(l3 + Ipv4Header.DESTINATION);
        int protocol = buf.getUnsignedByte(l3 + Ipv4Header.PROTOCOL);
        out.l4Protocol = protocol;
        if (headerLength > Ipv4Header.MIN_LENGTH && !ipv4.wrap(buf, l3).optionsWellFormed()) {
            return malformed(out, MalformedReason.BAD_IPV4_OPTIONS);
        }
        int flagsOffset = buf.getUnsignedShort(l3 + Ipv4Header.FLAGS_FRAGMENT_OFFSET);
        int fragmentOffset = (flagsOffset & Ipv4Header.FRAGMENT_OFFSET_MASK) << 3;
        boolean more = (flagsOffset & Ipv4Header.FLAG_MORE_FRAGMENTS) != 0;
        out.fragment = more || fragmentOffset != 0;
        out.fragmentOffsetBytes = fragmentOffset;
        out.moreFragments = more;
        out.fragmentId = buf.getUnsignedShort(l3 + Ipv4Header.IDENTIFICATION);
        int l4 = l3 + headerLength;
        out.payloadOffset = l4;
        out.payloadLength = l3End - l4;
        if (fragmentOffset + (totalLength - headerLength) > MAX_DATAGRAM) {
            return malformed(out, MalformedReason.FRAGMENT_TOO_LARGE);
        }
        if (fragmentOffset != 0) {
            return ok(out, PacketClass.OK_IPV4_FRAGMENT);
        }
        return parseTransport(buf, protocol, l4, l3End, false, out);
    }

    private PacketClass parseIpv6(ByteBuf buf, int l3, int end, ParsedPacket out) {
        if (l3 + Ipv6Header.LENGTH > end) {
            return malformed(out, MalformedReason.TRUNCATED_IPV6);
        }
        if (buf.getUnsignedByte(l3) >>> 4 != 6) {
            return malformed(out, MalformedReason.BAD_IPV6_VERSION);
        }
        out.ipVersion = 6;
        int l3End = l3 + Ipv6Header.LENGTH + buf.getUnsignedShort(l3 + Ipv6Header.PAYLOAD_LENGTH);
        if (l3End > end) {
            if (!out.embedded) {
                return malformed(out, MalformedReason.BAD_IPV6_PAYLOAD_LENGTH);
            }
            l3End = end;
        }
        out.l3End = l3End;
        out.ipv6SourceHigh = buf.getLong(l3 + Ipv6Header.SOURCE);
        out.ipv6SourceLow = buf.getLong(l3 + Ipv6Header.SOURCE + 8);
        out.ipv6DestinationHigh = buf.getLong(l3 + Ipv6Header.DESTINATION);
        out.ipv6DestinationLow = buf.getLong(l3 + Ipv6Header.DESTINATION + 8);
        out.payloadOffset = l3 + Ipv6Header.LENGTH;
        out.payloadLength = l3End - out.payloadOffset;
        MalformedReason reason = extensions.walk(buf, l3, l3End);
        out.ipv6ExtensionHeaders = extensions.headerCount();
        if (reason != MalformedReason.NONE) {
            return malformed(out, reason);
        }
        out.l4Protocol = extensions.upperLayerProtocol();
        out.fragment = extensions.isFragment();
        out.fragmentOffsetBytes = extensions.fragmentOffsetBytes();
        out.moreFragments = extensions.moreFragments();
        out.fragmentId = extensions.fragmentId();
        int l4 = extensions.upperLayerOffset();
        if (l4 < 0) {
            int afterFragmentHeader = extensions.fragmentHeaderOffset() + 8;
            out.payloadOffset = afterFragmentHeader;
            out.payloadLength = l3End - afterFragmentHeader;
            return ok(out, PacketClass.OK_IPV6_FRAGMENT);
        }
        out.payloadOffset = l4;
        out.payloadLength = l3End - l4;
        return parseTransport(buf, out.l4Protocol, l4, l3End, true, out);
    }

    private PacketClass parseTransport(ByteBuf buf, int protocol, int l4, int l3End, boolean v6, ParsedPacket out) {
        int available = l3End - l4;
        switch (protocol) {
            case IpProtocol.TCP: {
                out.l4Offset = l4;
                if (out.embedded) {
                    return quotedTcp(buf, l4, l3End, v6, out);
                }
                if (available < TcpHeader.MIN_LENGTH) {
                    return malformed(out, MalformedReason.TRUNCATED_TCP);
                }
                int headerLength = (buf.getUnsignedByte(l4 + TcpHeader.DATA_OFFSET_FLAGS) >>> 4) << 2;
                if (headerLength < TcpHeader.MIN_LENGTH) {
                    return malformed(out, MalformedReason.BAD_TCP_DATA_OFFSET);
                }
                if (headerLength > available) {
                    return malformed(out, MalformedReason.TRUNCATED_TCP);
                }
                out.sourcePort = buf.getUnsignedShort(l4 + TcpHeader.SOURCE_PORT);
                out.destinationPort = buf.getUnsignedShort(l4 + TcpHeader.DESTINATION_PORT);
                out.tcpFlags = buf.getUnsignedShort(l4 + TcpHeader.DATA_OFFSET_FLAGS) & 0x1FF;
                out.payloadOffset = l4 + headerLength;
                out.payloadLength = l3End - out.payloadOffset;
                return ok(out, v6 ? PacketClass.OK_IPV6_TCP : PacketClass.OK_IPV4_TCP);
            }
            case IpProtocol.UDP: {
                out.l4Offset = l4;
                if (available < UdpHeader.LENGTH) {
                    return malformed(out, MalformedReason.TRUNCATED_UDP);
                }
                int udpLength = buf.getUnsignedShort(l4 + UdpHeader.LENGTH_FIELD);
                // A first fragment holds only part of the datagram the UDP length describes.
                if (udpLength < UdpHeader.LENGTH || (udpLength > available && !out.moreFragments && !out.embedded)) {
                    return malformed(out, MalformedReason.BAD_UDP_LENGTH);
                }
                out.sourcePort = buf.getUnsignedShort(l4 + UdpHeader.SOURCE_PORT);
                out.destinationPort = buf.getUnsignedShort(l4 + UdpHeader.DESTINATION_PORT);
                out.payloadOffset = l4 + UdpHeader.LENGTH;
                out.payloadLength = Math.min(udpLength, available) - UdpHeader.LENGTH;
                return ok(out, v6 ? PacketClass.OK_IPV6_UDP : PacketClass.OK_IPV4_UDP);
            }
            case IpProtocol.ICMP:
                if (v6) {
                    break;
                }
                out.l4Offset = l4;
                if (available < IcmpHeader.LENGTH) {
                    return malformed(out, MalformedReason.TRUNCATED_ICMP);
                }
                readIcmp(buf, l4, l3End, out);
                if (IcmpHeader.isQueryType(out.icmpType)) {
                    out.icmpIdentifier = buf.getUnsignedShort(l4 + IcmpHeader.IDENTIFIER);
                }
                return ok(out, PacketClass.OK_IPV4_ICMP);
            case IpProtocol.ICMPV6:
                if (!v6) {
                    break;
                }
                out.l4Offset = l4;
                if (available < Icmpv6Header.LENGTH) {
                    return malformed(out, MalformedReason.TRUNCATED_ICMPV6);
                }
                readIcmp(buf, l4, l3End, out);
                if (Icmpv6Header.isEchoType(out.icmpType)) {
                    out.icmpIdentifier = buf.getUnsignedShort(l4 + Icmpv6Header.IDENTIFIER);
                }
                return ok(out, PacketClass.OK_IPV6_ICMPV6);
            default:
                break;
        }
        out.l4Offset = l4;
        return ok(out, v6 ? PacketClass.OK_IPV6_OTHER : PacketClass.OK_IPV4_OTHER);
    }

    /** A quoted TCP header: RFC 792 guarantees only its first 8 bytes (ports and sequence number). */
    private static PacketClass quotedTcp(ByteBuf buf, int l4, int l3End, boolean v6, ParsedPacket out) {
        int available = l3End - l4;
        if (available < 8) {
            return malformed(out, MalformedReason.TRUNCATED_TCP);
        }
        out.sourcePort = buf.getUnsignedShort(l4 + TcpHeader.SOURCE_PORT);
        out.destinationPort = buf.getUnsignedShort(l4 + TcpHeader.DESTINATION_PORT);
        if (available >= TcpHeader.FLAGS + 1) {
            out.tcpFlags = buf.getUnsignedShort(l4 + TcpHeader.DATA_OFFSET_FLAGS) & 0x1FF;
        }
        out.payloadOffset = l3End;
        out.payloadLength = 0;
        return ok(out, v6 ? PacketClass.OK_IPV6_TCP : PacketClass.OK_IPV4_TCP);
    }

    private static void readIcmp(ByteBuf buf, int l4, int l3End, ParsedPacket out) {
        out.icmpType = buf.getUnsignedByte(l4);
        out.icmpCode = buf.getUnsignedByte(l4 + 1);
        out.payloadOffset = l4 + IcmpHeader.LENGTH;
        out.payloadLength = l3End - out.payloadOffset;
    }

    private static PacketClass ok(ParsedPacket out, PacketClass packetClass) {
        out.packetClass = packetClass;
        out.malformedReason = MalformedReason.NONE;
        return packetClass;
    }

    private static PacketClass malformed(ParsedPacket out, MalformedReason reason) {
        out.packetClass = reason.packetClass();
        out.malformedReason = reason;
        return out.packetClass;
    }
}
