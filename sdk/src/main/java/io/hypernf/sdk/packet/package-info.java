/**
 * Layer 3: packet headers. Reusable flyweights ({@code wrap(buf, offset)}, paired accessors,
 * explicit network byte order) over the Netty {@code ByteBuf} of a slot's buffer; full and
 * incremental (RFC 1624) checksums; a parser that classifies any frame and never throws.
 * Uses {@link io.hypernf.sdk.ring} and Netty; nothing per packet is allocated.
 *
 * <p>Roadmap, in the order a frame is read:
 * <ol>
 *   <li>{@link io.hypernf.sdk.packet.PacketParser#parse} classifies the frame into a reusable
 *       {@link io.hypernf.sdk.packet.ParsedPacket}: a {@link io.hypernf.sdk.packet.PacketClass}
 *       ({@code OK_*} or {@code MALFORMED_*} with a {@link io.hypernf.sdk.packet.MalformedReason}),
 *       header offsets, addresses, ports; {@code parseEmbedded} does the same for the datagram
 *       quoted by an ICMP error.</li>
 *   <li>L2: {@link io.hypernf.sdk.packet.EthernetHeader}, {@link io.hypernf.sdk.packet.VlanTag}
 *       (802.1Q / 802.1ad, stacked), {@link io.hypernf.sdk.packet.ArpHeader};
 *       {@link io.hypernf.sdk.packet.EtherType}, {@link io.hypernf.sdk.packet.MacAddresses}.</li>
 *   <li>L3: {@link io.hypernf.sdk.packet.Ipv4Header} (options walk, TTL and address rewrites with
 *       checksum patches), {@link io.hypernf.sdk.packet.Ipv6Header},
 *       {@link io.hypernf.sdk.packet.Ipv6ExtensionHeaders} (bounded extension-header walk);
 *       {@link io.hypernf.sdk.packet.IpProtocol}, {@link io.hypernf.sdk.packet.Ipv4Addresses},
 *       {@link io.hypernf.sdk.packet.Ipv6Addresses} (text forms for configuration and tests).</li>
 *   <li>L4: {@link io.hypernf.sdk.packet.TcpHeader} (flags, options, MSS clamping),
 *       {@link io.hypernf.sdk.packet.UdpHeader}, {@link io.hypernf.sdk.packet.IcmpHeader},
 *       {@link io.hypernf.sdk.packet.Icmpv6Header}.</li>
 *   <li>{@link io.hypernf.sdk.packet.InternetChecksum}: RFC 1071 sums, pseudo-headers for IPv4 and
 *       IPv6, RFC 1624 updates for 16-, 32- and 64-bit fields.</li>
 * </ol>
 * A flyweight never checks lengths itself: wrap it at offsets the parser validated.
 */
package io.hypernf.sdk.packet;
