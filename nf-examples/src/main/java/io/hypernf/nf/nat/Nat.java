package io.hypernf.nf.nat;

import io.hypernf.sdk.flow.FlowKey;
import io.hypernf.sdk.flow.FlowTable;
import io.hypernf.sdk.nf.DropReason;
import io.hypernf.sdk.nf.Packet;
import io.hypernf.sdk.nf.PacketContext;
import io.hypernf.sdk.nf.PacketFunction;
import io.hypernf.sdk.packet.IcmpHeader;
import io.hypernf.sdk.packet.IpProtocol;
import io.hypernf.sdk.packet.Ipv4Header;
import io.hypernf.sdk.packet.PacketParser;
import io.hypernf.sdk.packet.ParsedPacket;
import io.hypernf.sdk.packet.TcpHeader;
import io.hypernf.sdk.packet.UdpHeader;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * The NAT44 NF between port 0 "inside" and port 1 "outside" (the bar: VPP's nat44-ed, Linux
 * netfilter masquerade; RFC 4787, RFC 5382, RFC 5508). The path of one packet, {@link #process}:
 * <ol>
 *   <li>parse ({@link PacketParser}); malformed → counted drop; IPv6 and non-IP → pass or
 *       counted drop by config; the rest is IPv4, translated in place;</li>
 *   <li>from inside, {@link #outbound}: an ICMP error → {@link #outboundError}; a static 1:1
 *       source → {@link #translateStatic}; else find or make the mapping ({@link MappingTable},
 *       ports from {@link PortAllocator}: preserved if free, else from the range; exhausted or
 *       full is a counted drop) and the session ({@link SessionTable}), then rewrite the source
 *       ({@link #rewriteSource}); a destination that is one of our outside addresses is
 *       hairpinned ({@link #inbound} with the translated source, out of the inside port);</li>
 *   <li>from outside, {@link #inbound}: an ICMP error → {@link #inboundError}; a static 1:1
 *       destination → {@link #translateStatic}; else the mapping of the destination endpoint
 *       (with address-and-port-dependent filtering, a session with that remote must exist
 *       unless it is a port forward), then rewrite the destination ({@link #rewriteDestination});</li>
 *   <li>checksums: IPv4 header, TCP/UDP pseudo-header and ports, ICMP identifiers all patched by
 *       RFC 1624 through the SDK flyweights (a zero UDP checksum stays zero); ICMP errors through
 *       {@link IcmpErrorRewriter}; TCP SYNs get their MSS clamped when configured;</li>
 *   <li>{@link #tick}: sessions expire by protocol and TCP state ({@link NatTimeouts}); a mapping
 *       goes with its last session and its port is held down before reuse.</li>
 * </ol>
 * Fragments are translated only by static 1:1 mappings (no reassembly; others are counted drops).
 * Single-threaded like every NF; nothing is allocated per packet.
 */
public final class Nat implements PacketFunction {
    static final int INSIDE = NatConfig.INSIDE;
    static final int OUTSIDE = NatConfig.OUTSIDE;
    private static final int EXPIRY_BUDGET = 256;
    private static final int RECLAIM_BUDGET = 1024;
    private static final long NANOS = 1_000_000_000L;
    private static final int EXHAUSTED = -2;

    private final String name;
    private final NatConfig config;
    private final AddressPool pool;
    private final boolean dependentMapping;
    private final boolean dependentFiltering;
    private final long tcpEstablishedNanos;
    private final long tcpTransitoryNanos;
    private final long udpNanos;
    private final long icmpNanos;

    private final PortAllocator ports;
    private final MappingTable mappings;
    private final SessionTable sessions;
    private final FlowTable staticByInside;
    private final FlowTable staticByOutside;
    private final int[] staticOutside;
    private final int[] staticInside;

    private final PacketParser parser = new PacketParser();
    private final ParsedPacket parsed = new ParsedPacket();
    private final Ipv4Header ip = new Ipv4Header();
    private final TcpHeader tcp = new TcpHeader();
    private final UdpHeader udp = new UdpHeader();
    private final IcmpHeader icmp = new IcmpHeader();
    private final IcmpErrorRewriter icmpError = new IcmpErrorRewriter();
    private final FlowKey staticKey = new FlowKey();

    private final DropReason malformed;
    private final DropReason ipv6;
    private final DropReason nonIp;
    private final DropReason fragment;
    private final DropReason unsupported;
    private final DropReason noMapping;
    private final DropReason filtered;
    private final DropReason portsExhausted;
    private final DropReason tableFull;
    private final DropReason icmpErrorMalformed;
    private final DropReason icmpErrorUnmatched;

    private long expiryNow;
    private long translatedOut;
    private long translatedIn;
    private long hairpinned;
    private long staticTranslated;
    private long icmpErrorsOut;
    private long icmpErrorsIn;
    private long mssClamped;
    private long mappingsCreated;
    private long mappingsRemoved;
    private long sessionsCreated;
    private long passedIpv6;
    private long passedNonIp;

    public Nat(String name, NatConfig config) {
        this(name, config, System.nanoTime() * 0x9E3779B97F4A7C15L);
    }

    /** A NAT with a fixed seed for its hashes and port choices (tests, reproducible runs). */
    public Nat(String name, NatConfig config, long seed) {
        this.name = name;
        this.config = config;
        this.pool = config.pool();
        this.dependentMapping = config.mapping() == EndpointBehaviour.ADDRESS_AND_PORT_DEPENDENT;
        this.dependentFiltering = config.filtering() == EndpointBehaviour.ADDRESS_AND_PORT_DEPENDENT;
        NatTimeouts t = config.timeouts();
        this.tcpEstablishedNanos = t.tcpEstablished().toNanos();
        this.tcpTransitoryNanos = t.tcpTransitory().toNanos();
        this.udpNanos = t.udp().toNanos();
        this.icmpNanos = t.icmp().toNanos();
        long holdDown = t.portHoldDown().toNanos();
        long perSession = (holdDown + t.shortest().toNanos() - 1) / t.shortest().toNanos();
        int holdDownCapacity = (int) Math.min(1 << 24, config.maxSessions() * perSession + 1);
        this.ports = new PortAllocator(pool.size(), config.portLow(), config.portHigh(), holdDown, holdDownCapacity, seed);
        this.mappings = new MappingTable(config.maxSessions() + config.forwards().size(), seed);
        this.sessions = new SessionTable(config.maxSessions(), seed * 31, this::sessionExpired);
        int statics = Math.max(1, config.statics().size());
        this.staticByInside = new FlowTable(statics, seed);
        this.staticByOutside = new FlowTable(statics, seed);
        this.staticOutside = new int[statics];
        this.staticInside = new int[statics];
        for (StaticMapping s : config.statics()) {
            staticOutside[staticByInside.insert(staticKey.setIpv4(s.inside(), 0, 0, 0, 0), 0, Long.MAX_VALUE)] = s.outside();
            staticInside[staticByOutside.insert(staticKey.setIpv4(s.outside(), 0, 0, 0, 0), 0, Long.MAX_VALUE)] = s.inside();
        }
        for (PortForward f : config.forwards()) {
            int address = pool.indexOf(f.outsideAddress());
            if (!ports.reserve(address, PortAllocator.classOf(f.protocol()), f.outsidePort())) {
                throw new IllegalArgumentException("nat: forwards '" + f + "' reuses an outside port");
            }
            mappings.create(f.protocol(), f.insideAddress(), f.insidePort(), 0, 0, f.outsideAddress(), f.outsidePort(), address, true, 0);
        }
        this.malformed = new DropReason(name, "malformed");
        this.ipv6 = new DropReason(name, "ipv6");
        this.nonIp = new DropReason(name, "non-ip");
        this.fragment = new DropReason(name, "fragment");
        this.unsupported = new DropReason(name, "unsupported-protocol");
        this.noMapping = new DropReason(name, "no-mapping");
        this.filtered = new DropReason(name, "filtered");
        this.portsExhausted = new DropReason(name, "ports-exhausted");
        this.tableFull = new DropReason(name, "table-full");
        this.icmpErrorMalformed = new DropReason(name, "icmp-error-malformed");
        this.icmpErrorUnmatched = new DropReason(name, "icmp-error-unmatched");
    }

    @Override
    public String name() { return name; }

    @Override
    public List<String> portNames() { return NatConfig.PORTS; }

    @Override
    public List<DropReason> dropReasons() {
        return List.of(malformed, ipv6, nonIp, fragment, unsupported, noMapping, filtered, portsExhausted, tableFull,
                icmpErrorMalformed, icmpErrorUnmatched);
    }

    @Override
    public void tick(long nowNanos) {
        expiryNow = nowNanos;
        sessions.expire(nowNanos, EXPIRY_BUDGET);
        ports.reclaim(nowNanos, RECLAIM_BUDGET);
    }

    @Override
    public void process(Packet packet, PacketContext context) {
        handle(packet, context.inputPort(), context.nowNanos());
    }

    private void handle(Packet packet, int inputPort, long now) {
        ByteBuf buf = packet.buf();
        parser.parse(buf, 0, packet.length(), parsed);
        int other = inputPort == INSIDE ? OUTSIDE : INSIDE;
        if (parsed.packetClass().isMalformed()) {
            packet.drop(malformed);
            return;
        }
        if (parsed.ipVersion() == 6) {
            if (config.passIpv6()) {
                passedIpv6++;
                packet.forward(other);
            } else {
                packet.drop(ipv6);
            }
            return;
        }
        if (parsed.ipVersion() != 4) {
            if (config.passNonIp()) {
                passedNonIp++;
                packet.forward(other);
            } else {
                packet.drop(nonIp);
            }
            return;
        }
        ip.wrap(buf, parsed.l3Offset());
        if (inputPort == INSIDE) {
            outbound(packet, buf, now);
        } else {
            inbound(packet, buf, now, false);
        }
    }

    private boolean isIcmpError() {
        return parsed.l4Protocol() == IpProtocol.ICMP && parsed.l4Offset() >= 0 && !parsed.isFragment()
                && IcmpHeader.isErrorType(parsed.icmpType());
    }

    private void outbound(Packet packet, ByteBuf buf, long now) {
        if (isIcmpError()) {
            outboundError(packet, buf);
            return;
        }
        int source = parsed.ipv4Source();
        int destination = parsed.ipv4Destination();
        int protocol = parsed.l4Protocol();
        int l4 = parsed.l4Offset();
        int outside = staticOutsideOf(source);
        if (outside != 0) {
            translateStatic(buf, l4, protocol, true, source, outside);
            afterOutbound(packet, buf, now, destination);
            return;
        }
        if (parsed.isFragment()) {
            packet.drop(fragment);
            return;
        }
        int cls = PortAllocator.classOf(protocol);
        if (cls < 0) {
            packet.drop(unsupported);
            return;
        }
        int port;
        int remotePort;
        boolean mayCreate = true;
        if (protocol == IpProtocol.ICMP) {
            int type = parsed.icmpType();
            if (!IcmpHeader.isQueryType(type)) {
                packet.drop(unsupported);
                return;
            }
            mayCreate = type == IcmpHeader.ECHO_REQUEST || type == IcmpHeader.TIMESTAMP_REQUEST;
            port = parsed.icmpIdentifier();
            remotePort = 0;
        } else {
            port = parsed.sourcePort();
            remotePort = parsed.destinationPort();
        }
        // An existing session knows its mapping: one lookup for the packets of established flows.
        int session = sessions.find(protocol, source, port, destination, remotePort);
        int mapping = session >= 0 ? sessions.mapping(session) : -1;
        if (session < 0) {
            int remote = dependentMapping ? destination : 0;
            int remoteKeyPort = dependentMapping ? remotePort : 0;
            mapping = mappings.findByInside(protocol, source, port, remote, remoteKeyPort);
            if (mapping < 0 && dependentMapping) {
                mapping = mappings.findByInside(protocol, source, port, 0, 0);
            }
            boolean newMapping = false;
            if (mapping < 0) {
                if (!mayCreate) {
                    packet.drop(noMapping);
                    return;
                }
                mapping = createMapping(protocol, cls, source, port, remote, remoteKeyPort, now);
                if (mapping < 0) {
                    packet.drop(mapping == EXHAUSTED ? portsExhausted : tableFull);
                    return;
                }
                newMapping = true;
            }
            session = sessions.create(protocol, source, port, destination, remotePort, mapping, now, transitoryTimeout(protocol));
            if (session < 0) {
                if (newMapping) {
                    ports.releaseNow(mappings.poolIndex(mapping), cls, mappings.outsidePort(mapping));
                    mappings.remove(mapping);
                    mappingsRemoved++;
                }
                packet.drop(tableFull);
                return;
            }
            mappings.addSession(mapping);
            sessionsCreated++;
        }
        sessions.touch(session, now, timeout(protocol, session, true));
        clampMss(buf, l4, protocol);
        rewriteSource(buf, l4, protocol, source, mappings.outsideAddress(mapping), port, mappings.outsidePort(mapping));
        translatedOut++;
        afterOutbound(packet, buf, now, destination);
    }

    /** Sends a translated outbound packet on, hairpinning it when it is addressed to one of our outside addresses (RFC 4787 REQ-9). */
    private void afterOutbound(Packet packet, ByteBuf buf, long now, int destination) {
        if (config.hairpinning() && isOutsideAddress(destination)) {
            hairpinned++;
            parser.parse(buf, 0, packet.length(), parsed);
            ip.wrap(buf, parsed.l3Offset());
            inbound(packet, buf, now, true);
            return;
        }
        packet.forward(OUTSIDE);
    }

    private void inbound(Packet packet, ByteBuf buf, long now, boolean hairpin) {
        int output = INSIDE;
        if (!hairpin && isIcmpError()) {
            inboundError(packet, buf);
            return;
        }
        int source = parsed.ipv4Source();
        int destination = parsed.ipv4Destination();
        int protocol = parsed.l4Protocol();
        int l4 = parsed.l4Offset();
        int inside = staticInsideOf(destination);
        if (inside != 0) {
            translateStatic(buf, l4, protocol, false, destination, inside);
            packet.forward(output);
            return;
        }
        if (parsed.isFragment()) {
            packet.drop(fragment);
            return;
        }
        int cls = PortAllocator.classOf(protocol);
        if (cls < 0) {
            packet.drop(unsupported);
            return;
        }
        int port;
        int remotePort;
        if (protocol == IpProtocol.ICMP) {
            int type = parsed.icmpType();
            if (type != IcmpHeader.ECHO_REPLY && type != IcmpHeader.TIMESTAMP_REPLY) {
                packet.drop(noMapping);
                return;
            }
            port = parsed.icmpIdentifier();
            remotePort = 0;
        } else {
            port = parsed.destinationPort();
            remotePort = parsed.sourcePort();
        }
        int out = dependentMapping ? mappings.findByOutside(protocol, destination, port, source, remotePort) : -1;
        if (out < 0) {
            out = mappings.findByOutside(protocol, destination, port, 0, 0);
        }
        if (out < 0) {
            packet.drop(noMapping);
            return;
        }
        int mapping = mappings.insideEntryOf(out);
        int insideAddress = mappings.insideAddressOf(out);
        int insidePort = mappings.insidePortOf(out);
        int session = sessions.find(protocol, insideAddress, insidePort, source, remotePort);
        if (session < 0) {
            if (dependentFiltering && !mappings.permanent(mapping)) {
                packet.drop(filtered);
                return;
            }
            session = sessions.create(protocol, insideAddress, insidePort, source, remotePort, mapping, now, transitoryTimeout(protocol));
            if (session < 0) {
                packet.drop(tableFull);
                return;
            }
            mappings.addSession(mapping);
            sessionsCreated++;
        }
        sessions.touch(session, now, timeout(protocol, session, false));
        clampMss(buf, l4, protocol);
        rewriteDestination(buf, l4, protocol, destination, insideAddress, port, insidePort);
        translatedIn++;
        packet.forward(output);
    }

    /**
     * An ICMP error from inside about a packet the inside host received (RFC 5508, ICMP error
     * payload translation): the quoted packet went remote → inside, so its destination is
     * translated to the mapping's outside endpoint, and the outer source to that outside address
     * (also when an inside router, not the host, sent the error: RFC 5508 has the NAT put a public
     * address there, so private addresses do not leak).
     */
    private void outboundError(Packet packet, ByteBuf buf) {
        if (!validError(buf)) {
            packet.drop(icmpErrorMalformed);
            return;
        }
        int outerSource = parsed.ipv4Source();
        int quotedInside = icmpError.innerDestination();
        int staticOutside = staticOutsideOf(quotedInside);
        int newOuterSource;
        if (staticOutside != 0) {
            icmpError.rewriteInnerDestination(staticOutside, -1);
            newOuterSource = staticOutside;
        } else {
            int protocol = icmpError.innerProtocol();
            int remote = icmpError.innerSource();
            int remotePort = protocol == IpProtocol.ICMP ? 0 : icmpError.innerSourcePort();
            int port = icmpError.innerDestinationPort();
            int mapping = dependentMapping ? mappings.findByInside(protocol, quotedInside, port, remote, remotePort) : -1;
            if (mapping < 0) {
                mapping = mappings.findByInside(protocol, quotedInside, port, 0, 0);
            }
            if (mapping < 0) {
                packet.drop(icmpErrorUnmatched);
                return;
            }
            icmpError.rewriteInnerDestination(mappings.outsideAddress(mapping), mappings.outsidePort(mapping));
            newOuterSource = mappings.outsideAddress(mapping);
        }
        int ownOutside = staticOutsideOf(outerSource);
        ip.rewriteSource(ownOutside != 0 ? ownOutside : newOuterSource);
        icmpErrorsOut++;
        packet.forward(OUTSIDE);
    }

    /**
     * An ICMP error from outside about a packet we sent (RFC 5508): the quoted packet
     * went outside endpoint → remote, so its source is translated back to the inside endpoint, and
     * the outer destination to the inside address. Filtered like the session it belongs to.
     */
    private void inboundError(Packet packet, ByteBuf buf) {
        if (!validError(buf)) {
            packet.drop(icmpErrorMalformed);
            return;
        }
        int quotedOutside = icmpError.innerSource();
        int staticInside = staticInsideOf(quotedOutside);
        int insideAddress;
        if (staticInside != 0) {
            icmpError.rewriteInnerSource(staticInside, -1);
            insideAddress = staticInside;
        } else {
            int protocol = icmpError.innerProtocol();
            int remote = icmpError.innerDestination();
            int remotePort = protocol == IpProtocol.ICMP ? 0 : icmpError.innerDestinationPort();
            int port = icmpError.innerSourcePort();
            int out = dependentMapping ? mappings.findByOutside(protocol, quotedOutside, port, remote, remotePort) : -1;
            if (out < 0) {
                out = mappings.findByOutside(protocol, quotedOutside, port, 0, 0);
            }
            if (out < 0) {
                packet.drop(icmpErrorUnmatched);
                return;
            }
            insideAddress = mappings.insideAddressOf(out);
            int insidePort = mappings.insidePortOf(out);
            if (dependentFiltering && !mappings.permanent(mappings.insideEntryOf(out))
                    && sessions.find(protocol, insideAddress, insidePort, remote, remotePort) < 0) {
                packet.drop(filtered);
                return;
            }
            icmpError.rewriteInnerSource(insideAddress, insidePort);
        }
        ip.rewriteDestination(insideAddress);
        icmpErrorsIn++;
        packet.forward(INSIDE);
    }

    /**
     * Whether the ICMP error's checksum is right and its quote usable. A bad checksum is dropped
     * (RFC 5508 asks a NAT to drop such errors rather than translate them); errors are rare, so
     * summing the whole message is affordable here.
     */
    private boolean validError(ByteBuf buf) {
        int l4 = parsed.l4Offset();
        int end = parsed.l3End();
        return icmp.wrap(buf, l4).verifyChecksum(end - l4) && icmpError.wrap(buf, l4, end);
    }

    /** Makes a mapping with a port from the pool; returns its entry, {@link #EXHAUSTED}, or -1 (table full). */
    private int createMapping(int protocol, int cls, int inside, int port, int remote, int remotePort, long now) {
        // Paired pooling (RFC 4787 REQ-2): an inside address always starts at the same pool address.
        int first = Integer.remainderUnsigned(mix(inside), pool.size());
        int preferred = port == 0 && cls != PortAllocator.ICMP ? -1 : port;
        for (int i = 0; i < pool.size(); i++) {
            int address = first + i < pool.size() ? first + i : first + i - pool.size();
            int outsidePort = ports.allocate(address, cls, preferred);
            if (outsidePort < 0) {
                continue;
            }
            int mapping = mappings.create(protocol, inside, port, remote, remotePort, pool.address(address), outsidePort,
                    address, false, now);
            if (mapping < 0) {
                ports.releaseNow(address, cls, outsidePort);
                return -1;
            }
            mappingsCreated++;
            return mapping;
        }
        return EXHAUSTED;
    }

    private void sessionExpired(int session) {
        int mapping = sessions.mapping(session);
        if (mappings.permanent(mapping) || mappings.removeSession(mapping) > 0) {
            return;
        }
        ports.release(mappings.poolIndex(mapping), PortAllocator.classOf(mappings.protocol(mapping)),
                mappings.outsidePort(mapping), expiryNow);
        mappings.remove(mapping);
        mappingsRemoved++;
    }

    private long transitoryTimeout(int protocol) {
        return protocol == IpProtocol.TCP ? tcpTransitoryNanos : protocol == IpProtocol.UDP ? udpNanos : icmpNanos;
    }

    private long timeout(int protocol, int session, boolean outbound) {
        if (protocol == IpProtocol.TCP) {
            return sessions.trackTcp(session, parsed.tcpFlags(), outbound) ? tcpEstablishedNanos : tcpTransitoryNanos;
        }
        return protocol == IpProtocol.UDP ? udpNanos : icmpNanos;
    }

    private void clampMss(ByteBuf buf, int l4, int protocol) {
        if (config.mssClamp() > 0 && protocol == IpProtocol.TCP && (parsed.tcpFlags() & TcpHeader.SYN) != 0
                && tcp.wrap(buf, l4).clampMss(config.mssClamp())) {
            mssClamped++;
        }
    }

    /** Static 1:1: only the address changes, plus the TCP/UDP pseudo-header sum when the header is in this packet. */
    private void translateStatic(ByteBuf buf, int l4, int protocol, boolean source, int from, int to) {
        if (source) {
            ip.rewriteSource(to);
        } else {
            ip.rewriteDestination(to);
        }
        patchPseudoHeader(buf, l4, protocol, from, to);
        staticTranslated++;
    }

    private void rewriteSource(ByteBuf buf, int l4, int protocol, int oldAddress, int newAddress, int oldPort, int newPort) {
        if (oldAddress != newAddress) {
            ip.rewriteSource(newAddress);
            patchPseudoHeader(buf, l4, protocol, oldAddress, newAddress);
        }
        if (oldPort != newPort) {
            rewritePort(buf, l4, protocol, newPort, true);
        }
    }

    private void rewriteDestination(ByteBuf buf, int l4, int protocol, int oldAddress, int newAddress, int oldPort, int newPort) {
        if (oldAddress != newAddress) {
            ip.rewriteDestination(newAddress);
            patchPseudoHeader(buf, l4, protocol, oldAddress, newAddress);
        }
        if (oldPort != newPort) {
            rewritePort(buf, l4, protocol, newPort, false);
        }
    }

    private void patchPseudoHeader(ByteBuf buf, int l4, int protocol, int oldAddress, int newAddress) {
        if (l4 < 0) {
            return;
        }
        if (protocol == IpProtocol.TCP) {
            tcp.wrap(buf, l4).adjustChecksum32(oldAddress, newAddress);
        } else if (protocol == IpProtocol.UDP) {
            udp.wrap(buf, l4).adjustChecksum32(oldAddress, newAddress);
        }
    }

    /** The port (TCP/UDP source or destination) or the ICMP query identifier, which serves both ways. */
    private void rewritePort(ByteBuf buf, int l4, int protocol, int port, boolean source) {
        if (protocol == IpProtocol.TCP) {
            if (source) {
                tcp.wrap(buf, l4).rewriteSourcePort(port);
            } else {
                tcp.wrap(buf, l4).rewriteDestinationPort(port);
            }
        } else if (protocol == IpProtocol.UDP) {
            if (source) {
                udp.wrap(buf, l4).rewriteSourcePort(port);
            } else {
                udp.wrap(buf, l4).rewriteDestinationPort(port);
            }
        } else {
            icmp.wrap(buf, l4).rewriteIdentifier(port);
        }
    }

    /** The 1:1 outside address of an inside address, or 0 (0.0.0.0 is never a mapping). */
    private int staticOutsideOf(int address) {
        if (config.statics().isEmpty()) {
            return 0;
        }
        int entry = staticByInside.lookup(staticKey.setIpv4(address, 0, 0, 0, 0));
        return entry < 0 ? 0 : staticOutside[entry];
    }

    private int staticInsideOf(int address) {
        if (config.statics().isEmpty()) {
            return 0;
        }
        int entry = staticByOutside.lookup(staticKey.setIpv4(address, 0, 0, 0, 0));
        return entry < 0 ? 0 : staticInside[entry];
    }

    private boolean isOutsideAddress(int address) {
        return pool.indexOf(address) >= 0 || staticInsideOf(address) != 0;
    }

    /** MurmurHash3's 32-bit finaliser (public domain). */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    public NatConfig config() { return config; }
    public long translatedOut() { return translatedOut; }
    public long translatedIn() { return translatedIn; }
    public long hairpinned() { return hairpinned; }
    public long staticTranslated() { return staticTranslated; }
    public long icmpErrorsOut() { return icmpErrorsOut; }
    public long icmpErrorsIn() { return icmpErrorsIn; }
    public long mssClamped() { return mssClamped; }
    public long mappingsCreated() { return mappingsCreated; }
    public long mappingsRemoved() { return mappingsRemoved; }
    public long sessionsCreated() { return sessionsCreated; }
    public long passedIpv6() { return passedIpv6; }
    public long passedNonIp() { return passedNonIp; }
    /** Live sessions. */
    public int sessions() { return sessions.size(); }
    /** Live mappings, port forwards included. */
    public int mappings() { return mappings.size(); }
    /** Ports waiting out their hold-down. */
    public int portsHeldDown() { return ports.heldDown(); }
    public long holdDownOverflows() { return ports.holdDownOverflows(); }

    /** Drop counters by reason, for tests and the counters display. */
    public DropReason drop(String reason) {
        for (DropReason r : dropReasons()) {
            if (r.name().equals(reason)) {
                return r;
            }
        }
        throw new IllegalArgumentException("nat: no drop reason '" + reason + "'");
    }
}
