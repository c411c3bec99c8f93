package io.hypernf.nf.lb;

import io.hypernf.sdk.flow.FlowKey;
import io.hypernf.sdk.flow.FlowTable;
import io.hypernf.sdk.nf.DropReason;
import io.hypernf.sdk.nf.Packet;
import io.hypernf.sdk.nf.PacketContext;
import io.hypernf.sdk.nf.PacketFunction;
import io.hypernf.sdk.packet.EthernetHeader;
import io.hypernf.sdk.packet.IpProtocol;
import io.hypernf.sdk.packet.Ipv4Header;
import io.hypernf.sdk.packet.PacketClass;
import io.hypernf.sdk.packet.PacketParser;
import io.hypernf.sdk.packet.ParsedPacket;
import io.hypernf.sdk.packet.TcpHeader;
import io.hypernf.sdk.packet.UdpHeader;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The L4 load balancer NF (the bar: Katran, VPP's lb plugin, Maglev). Port {@code client} (0)
 * receives traffic for the virtual services and sends replies; port {@code server} (1) faces the
 * backends.
 *
 * <p>Roadmap of a packet from a client ({@link #fromClient}):
 * <ol>
 *   <li>parse ({@link PacketParser}); not IPv4 TCP/UDP to a service
 *       ({@link LbSnapshot#service}): {@code non-vip} pass or counted drop;</li>
 *   <li>connection lookup by 5-tuple in {@link FlowTable} {@code connections}; a tracked flow keeps
 *       its backend while that backend is up or draining, else it is rescheduled;</li>
 *   <li>a new flow: {@link LbSnapshot#pick} (Maglev, 5-tuple hash), tracked, and in full NAT bound
 *       to an SNAT port in the {@code replies} table ({@link #bindSnatPort});</li>
 *   <li>{@link #natToBackend} (DNAT + SNAT, RFC 1624 incremental checksums) or
 *       {@link Encapsulator} (IP-in-IP / GRE); next-hop MAC from the backend.</li>
 * </ol>
 * From a backend ({@link #fromServer}, full NAT only): the {@code replies} table maps the
 * backend-side 5-tuple to its connection, {@link #natToClient} restores VIP and client.
 * {@link #tick} expires idle connections (TCP FIN/RST shortens the timeout). The backend set
 * changes at run time through {@link BackendRegistry} (backends file, control socket): one
 * volatile read per packet (a plain load on x86). Settings: {@link LbConfig}. Nothing is allocated per packet.
 */
public final class LoadBalancer implements PacketFunction, AutoCloseable {
    public static final int CLIENT = 0;
    public static final int SERVER = 1;
    /** SNAT ports are taken from [1024, 65535]; this many candidates are tried per new connection. */
    static final int SNAT_FIRST_PORT = 1024;
    static final int SNAT_PORTS = 65536 - SNAT_FIRST_PORT;
    static final int SNAT_ATTEMPTS = 32;
    /** An odd stride coprime with the port range, so successive candidates spread out. */
    private static final int SNAT_STRIDE = 7919;
    private static final long SNAT_HASH_SEED = 0x534E4154L;

    private final String name;
    private final LbConfig config;
    private final BackendRegistry registry;
    private final LbControlPlane controlPlane;
    private final boolean fullNat;
    private final PacketParser parser = new PacketParser();
    private final ParsedPacket parsed = new ParsedPacket();
    private final FlowKey key = new FlowKey();
    private final FlowKey scratch = new FlowKey();
    private final EthernetHeader ethernet = new EthernetHeader();
    private final Ipv4Header ip = new Ipv4Header();
    private final TcpHeader tcp = new TcpHeader();
    private final UdpHeader udp = new UdpHeader();
    private final Encapsulator encapsulator;

    private final FlowTable connections;
    private final int[] backendOf;
    private final int[] snatPort;
    private final int[] replyEntry;
    private final long[] clientMac;
    private final long[] clientFacingMac;
    private final FlowTable replies;
    private final int[] connectionOfReply;
    private final int expiryBudget;
    private final long tcpTimeout;
    private final long tcpClosingTimeout;
    private final long udpTimeout;

    private final DropReason notForService = new DropReason("lb", "not-for-a-service");
    private final DropReason fragment = new DropReason("lb", "fragment");
    private final DropReason noBackend = new DropReason("lb", "no-backend");
    private final DropReason tableFull = new DropReason("lb", "connection-table-full");
    private final DropReason snatExhausted = new DropReason("lb", "snat-ports-exhausted");
    private final DropReason noRoom = new DropReason("lb", "no-room-to-encapsulate");
    private final DropReason noConnection = new DropReason("lb", "reply-without-connection");
    private final List<DropReason> reasons = List.of(notForService, fragment, noBackend, tableFull, snatExhausted, noRoom, noConnection);
    private final long[] dropCounts = new long[reasons.size()];

    private long balanced;
    private long newConnections;
    private long rescheduled;
    private long stateless;
    private long repliesTranslated;
    private long passed;

    /** A load balancer over {@code registry}'s backends; {@code controlPlane} (may be null) is closed with it. */
    public LoadBalancer(String name, LbConfig config, BackendRegistry registry, LbControlPlane controlPlane) {
        this.name = name;
        this.config = config;
        this.registry = registry;
        this.controlPlane = controlPlane;
        this.fullNat = config.mode() == ForwardingMode.FULL_NAT;
        this.encapsulator = fullNat ? null : new Encapsulator(config.mode() == ForwardingMode.GRE);
        int capacity = config.connections();
        this.connections = new FlowTable(capacity);
        this.backendOf = new int[capacity];
        this.snatPort = new int[capacity];
        this.replyEntry = new int[capacity];
        this.clientMac = new long[capacity];
        this.clientFacingMac = new long[capacity];
        this.replies = fullNat ? new FlowTable(capacity) : null;
        this.connectionOfReply = fullNat ? new int[capacity] : null;
        this.expiryBudget = Math.max(64, capacity / 1024);
        this.tcpTimeout = TimeUnit.SECONDS.toNanos(config.tcpTimeoutSeconds());
        this.tcpClosingTimeout = TimeUnit.SECONDS.toNanos(config.tcpClosingTimeoutSeconds());
        this.udpTimeout = TimeUnit.SECONDS.toNanos(config.udpTimeoutSeconds());
        if (fullNat) {
            connections.expiryListener(entry -> replies.removeEntry(replyEntry[entry]));
        }
    }

    @Override public String name() { return name; }
    @Override public List<String> portNames() { return List.of("client", "server"); }
    @Override public List<DropReason> dropReasons() { return reasons; }

    public BackendRegistry registry() { return registry; }
    public LbConfig config() { return config; }
    /** The file watcher and control socket of this LB, or null when it was made without them. */
    public LbControlPlane controlPlane() { return controlPlane; }

    @Override
    public void process(Packet packet, PacketContext context) {
        if (context.inputPort() == CLIENT) {
            fromClient(packet, registry.snapshot(), context.nowNanos());
        } else {
            fromServer(packet, context.nowNanos());
        }
    }

    private void fromClient(Packet packet, LbSnapshot snapshot, long now) {
        ByteBuf frame = packet.buf();
        PacketClass packetClass = parser.parse(frame, parsed);
        if (packetClass != PacketClass.OK_IPV4_TCP && packetClass != PacketClass.OK_IPV4_UDP) {
            notForService(packet, SERVER);
            return;
        }
        int service = snapshot.service(parsed.ipv4Destination(), parsed.destinationPort(), parsed.l4Protocol());
        if (service < 0) {
            notForService(packet, SERVER);
            return;
        }
        if (parsed.isFragment()) {
            drop(packet, fragment);
            return;
        }
        key.set(parsed);
        boolean isTcp = parsed.l4Protocol() == IpProtocol.TCP;
        int entry = connections.lookup(key);
        int backend = -1;
        if (entry >= 0) {
            backend = backendOf[entry];
            if (snapshot.keeps(backend)) {
                connections.touch(entry, now);
            } else {
                rescheduled++;
                release(entry);
                entry = -1;
            }
        }
        if (entry < 0) {
            backend = snapshot.pick(service, key.hash(config.hashSeed()));
            if (backend < 0) {
                drop(packet, noBackend);
                return;
            }
            entry = connections.insert(key, now, isTcp ? tcpTimeout : udpTimeout);
            if (entry < 0) {
                if (fullNat) {
                    drop(packet, tableFull);
                    return;
                }
                stateless++;
            } else {
                newConnections++;
                backendOf[entry] = backend;
                if (fullNat && !bindSnatPort(entry, snapshot.address(backend), snapshot.port(backend))) {
                    connections.removeEntry(entry);
                    drop(packet, snatExhausted);
                    return;
                }
            }
        }
        if (entry >= 0 && isTcp) {
            adjustTimeout(entry, parsed.tcpFlags());
        }
        ethernet.wrap(frame, 0);
        long addressedMac = ethernet.destination();
        if (entry >= 0) {
            clientMac[entry] = ethernet.source();
            clientFacingMac[entry] = addressedMac;
        }
        if (fullNat) {
            natToBackend(frame, isTcp, snapshot.address(backend), snapshot.port(backend), snatPort[entry]);
        } else {
            int grown = packet.length() + encapsulator.overhead();
            if (grown > packet.capacity()) {
                drop(packet, noRoom);
                return;
            }
            packet.length(encapsulator.encapsulate(frame, parsed.l3Offset(), packet.length(), config.lbAddress(), snapshot.address(backend)));
        }
        ethernet.destination(snapshot.mac(backend));
        ethernet.source(config.lbMac() != 0 ? config.lbMac() : addressedMac);
        balanced++;
        packet.forward(SERVER);
    }

    private void fromServer(Packet packet, long now) {
        ByteBuf frame = packet.buf();
        PacketClass packetClass = parser.parse(frame, parsed);
        if (!fullNat || (packetClass != PacketClass.OK_IPV4_TCP && packetClass != PacketClass.OK_IPV4_UDP)
                || parsed.ipv4Destination() != config.lbAddress()) {
            notForService(packet, CLIENT);
            return;
        }
        if (parsed.isFragment()) {
            drop(packet, fragment);
            return;
        }
        key.set(parsed);
        int reply = replies.lookup(key);
        if (reply < 0) {
            drop(packet, noConnection);
            return;
        }
        int entry = connectionOfReply[reply];
        connections.touch(entry, now);
        boolean isTcp = parsed.l4Protocol() == IpProtocol.TCP;
        if (isTcp) {
            adjustTimeout(entry, parsed.tcpFlags());
        }
        connections.key(entry, scratch);
        natToClient(frame, isTcp, scratch.ipv4Destination(), scratch.destinationPort(), scratch.ipv4Source(), scratch.sourcePort());
        ethernet.wrap(frame, 0);
        ethernet.destination(clientMac[entry]);
        // The MAC the client addressed, never lb-mac: that one belongs to the server side, and a
        // learning switch that saw it arrive from the client side would send backends' replies there.
        ethernet.source(clientFacingMac[entry]);
        repliesTranslated++;
        packet.forward(CLIENT);
    }

    /**
     * Finds a free SNAT port for a new full-NAT connection: the reply of the backend will be
     * {@code backend:port -> lb-address:snat}, which must not be in use. The client's own source
     * port is tried first (port preservation, as RFC 4787 REQ-3 advises NATs), then candidates
     * drawn from a hash of the connection's 5-tuple, so clients that share a source port do not
     * chase each other through the same sequence. Returns false when every attempt was taken.
     */
    private boolean bindSnatPort(int entry, int backendAddress, int backendPort) {
        int preferred = key.sourcePort();
        int spread = key.hash(SNAT_HASH_SEED);
        for (int attempt = 0; attempt < SNAT_ATTEMPTS; attempt++) {
            int port = attempt == 0 && preferred >= SNAT_FIRST_PORT ? preferred
                    : SNAT_FIRST_PORT + Integer.remainderUnsigned(spread + attempt * SNAT_STRIDE, SNAT_PORTS);
            scratch.setIpv4(backendAddress, config.lbAddress(), key.protocol(), backendPort, port);
            int reply = replies.insert(scratch, 0, Long.MAX_VALUE);
            if (reply < 0) {
                return false;
            }
            if (replies.lastInsertCreated()) {
                snatPort[entry] = port;
                replyEntry[entry] = reply;
                connectionOfReply[reply] = entry;
                return true;
            }
        }
        return false;
    }

    /** Forgets a connection (and its reply mapping) so it can be scheduled again. */
    private void release(int entry) {
        if (fullNat) {
            replies.removeEntry(replyEntry[entry]);
        }
        connections.removeEntry(entry);
    }

    /** A RST or FIN means the connection is ending (either side): keep it only briefly; a new SYN revives it. */
    private void adjustTimeout(int entry, int flags) {
        if ((flags & (TcpHeader.RST | TcpHeader.FIN)) != 0) {
            connections.timeout(entry, tcpClosingTimeout);
        } else if ((flags & (TcpHeader.SYN | TcpHeader.ACK)) == TcpHeader.SYN) {
            connections.timeout(entry, tcpTimeout);
        }
    }

    /**
     * DNAT + SNAT: destination to the backend, source to the LB address and the SNAT port. The IPv4
     * header checksum and the TCP/UDP checksum (whose pseudo-header holds both addresses) are
     * patched per RFC 1624; a UDP checksum of 0 (none, RFC 768) stays 0.
     */
    private void natToBackend(ByteBuf frame, boolean isTcp, int backendAddress, int backendPort, int sourcePort) {
        rewrite(frame, isTcp, config.lbAddress(), sourcePort, backendAddress, backendPort);
    }

    /** The reverse translation for a reply: source back to the VIP and service port, destination to the client. */
    private void natToClient(ByteBuf frame, boolean isTcp, int vip, int servicePort, int client, int clientPort) {
        rewrite(frame, isTcp, vip, servicePort, client, clientPort);
    }

    private void rewrite(ByteBuf frame, boolean isTcp, int source, int sourcePort, int destination, int destinationPort) {
        ip.wrap(frame, parsed.l3Offset());
        int oldSource = ip.source();
        int oldDestination = ip.destination();
        ip.rewriteSource(source).rewriteDestination(destination);
        if (isTcp) {
            tcp.wrap(frame, parsed.l4Offset())
                    .adjustChecksum32(oldSource, source)
                    .adjustChecksum32(oldDestination, destination)
                    .rewriteSourcePort(sourcePort)
                    .rewriteDestinationPort(destinationPort);
        } else {
            udp.wrap(frame, parsed.l4Offset())
                    .adjustChecksum32(oldSource, source)
                    .adjustChecksum32(oldDestination, destination)
                    .rewriteSourcePort(sourcePort)
                    .rewriteDestinationPort(destinationPort);
        }
    }

    private void notForService(Packet packet, int otherPort) {
        if (config.passNonVip()) {
            passed++;
            packet.forward(otherPort);
        } else {
            drop(packet, notForService);
        }
    }

    private void drop(Packet packet, DropReason reason) {
        for (int i = 0; i < dropCounts.length; i++) {
            if (reasons.get(i) == reason) {
                dropCounts[i]++;
                break;
            }
        }
        packet.drop(reason);
    }

    @Override
    public void tick(long nowNanos) {
        connections.expire(nowNanos, expiryBudget);
    }

    /** Stops the control plane (file watcher, control socket) started for this LB. */
    @Override
    public void close() throws java.io.IOException {
        if (controlPlane != null) {
            controlPlane.close();
        }
    }

    /** The backend id of the tracked connection with {@code key}, or -1 (tests, diagnostics; data-path thread). */
    public int backendOfConnection(FlowKey connection) {
        int entry = connections.lookup(connection);
        return entry < 0 ? -1 : backendOf[entry];
    }

    public int trackedConnections() { return connections.size(); }
    public long expiredConnections() { return connections.expiredCount(); }
    /** Packets sent to a backend. */
    public long balanced() { return balanced; }
    public long newConnections() { return newConnections; }
    /** Connections moved because their backend went down or was removed. */
    public long rescheduled() { return rescheduled; }
    /** Packets sent by hash alone because the connection table was full (direct server return only). */
    public long stateless() { return stateless; }
    public long repliesTranslated() { return repliesTranslated; }
    /** Packets passed unchanged ({@code non-vip: pass}). */
    public long passed() { return passed; }

    /** Drops this LB counted under {@code reason} (one of {@link #dropReasons()}). */
    public long dropped(DropReason reason) {
        int i = reasons.indexOf(reason);
        return i < 0 ? 0 : dropCounts[i];
    }

    /** Drops under the reason named {@code reasonName} ({@code no-backend}, ...). */
    public long dropped(String reasonName) {
        for (int i = 0; i < dropCounts.length; i++) {
            if (reasons.get(i).name().equals(reasonName)) {
                return dropCounts[i];
            }
        }
        throw new IllegalArgumentException("no drop reason '" + reasonName + "'");
    }
}
