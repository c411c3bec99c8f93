package io.hypernf.nf.lb;

import io.hypernf.sdk.flow.FlowTable;
import io.hypernf.sdk.nf.NfSettings;
import io.hypernf.sdk.packet.IpProtocol;
import io.hypernf.sdk.packet.Ipv4Addresses;
import io.hypernf.sdk.packet.MacAddresses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The load balancer's settings, defaults and validation in one place (STYLE.md 6); every error
 * names the key and the value.
 * <pre>
 * mode: full-nat               # full-nat | ipip | gre
 * lb-address: 10.0.0.1         # required: the SNAT source (full-nat) or the outer source (ipip, gre)
 * lb-mac: 02:00:00:00:00:01    # source MAC of frames the LB sends towards backends; default: the MAC the
 *                              # client addressed. Replies to a client always leave from the MAC that
 *                              # client addressed: a two-armed LB must not teach a learning switch on
 *                              # the client side that its server-side MAC is there
 * next-hop-mac: 02:...         # destination MAC for backends without mac=; default: none (each needs one)
 * table-size: 65537            # Maglev table, a prime
 * connections: 65536           # tracked connections; full: counted (full-nat drops, dsr sends stateless)
 * hash-seed: 0                 # the 5-tuple hash; the same on every LB of a tier so they agree
 * tcp-timeout: 300             # idle seconds of a TCP connection
 * tcp-closing-timeout: 10      # idle seconds once a FIN or RST was seen
 * udp-timeout: 30
 * non-vip: drop                # traffic that is not for a service (or a reply): drop | pass (to the other port)
 * services:
 *   - name: web
 *     vip: 10.0.0.10
 *     port: 80
 *     protocol: tcp            # tcp | udp
 *     backends: ["10.1.0.1 weight=2 mac=02:00:00:00:01:01", "10.1.0.2 mac=02:00:00:00:01:02"]
 * backends-file: backends.txt  # instead of inline backends: see BackendsFile; re-read on change
 * backends-poll-ms: 200        # how often the file is checked
 * control: tcp:127.0.0.1:7070  # or unix:/run/hypernf-lb.sock; loopback only; see ControlProtocol
 * </pre>
 * Ports: {@code client} (index 0, where VIP traffic arrives and replies leave) and {@code server}
 * (index 1, towards the backends).
 */
public record LbConfig(ForwardingMode mode, int lbAddress, long lbMac, long nextHopMac, int tableSize, int connections,
                       long hashSeed, int tcpTimeoutSeconds, int tcpClosingTimeoutSeconds, int udpTimeoutSeconds,
                       boolean passNonVip, List<VirtualService> services, Path backendsFile, int backendsPollMillis,
                       String control) {

    public static final int DEFAULT_CONNECTIONS = 65536;
    public static final int DEFAULT_TCP_TIMEOUT = 300;
    public static final int DEFAULT_TCP_CLOSING_TIMEOUT = 10;
    public static final int DEFAULT_UDP_TIMEOUT = 30;
    public static final int DEFAULT_POLL_MILLIS = 200;

    public LbConfig {
        if (!Maglev.isPrime(tableSize) || tableSize > Maglev.MAX_TABLE_SIZE) {
            throw new IllegalArgumentException("table-size " + tableSize + " is not a prime up to " + Maglev.MAX_TABLE_SIZE);
        }
        if (connections < 1 || connections > FlowTable.MAX_CAPACITY) {
            throw new IllegalArgumentException("connections " + connections + " is outside [1, " + FlowTable.MAX_CAPACITY + "]");
        }
        Set<String> names = new HashSet<>();
        Set<Long> keys = new HashSet<>();
        for (VirtualService service : services) {
            if (!names.add(service.name())) {
                throw new IllegalArgumentException("services: name '" + service.name() + "' is used twice");
            }
            if (!keys.add(service.key())) {
                throw new IllegalArgumentException("services: '" + service + "' has the address, port and protocol of another service");
            }
            if (backendsFile != null && !service.backends().isEmpty()) {
                throw new IllegalArgumentException("services: '" + service.name() + "' lists backends although backends-file is set (the file holds them all)");
            }
            for (Backend backend : service.backends()) {
                if (backend.mac() == 0 && nextHopMac == 0) {
                    throw new IllegalArgumentException("services: backend " + backend.endpoint() + " of '" + service.name() + "' has no mac= and next-hop-mac is not set");
                }
            }
        }
        services = List.copyOf(services);
    }

    /** Reads and validates the settings; errors name file, line, key and value. */
    public static LbConfig from(NfSettings settings) {
        ForwardingMode mode = ForwardingMode.byConfigName(settings.choice("mode", "full-nat", "full-nat", "ipip", "gre"));
        int lbAddress = address(settings, "lb-address", settings.string("lb-address"));
        long lbMac = mac(settings, "lb-mac");
        long nextHopMac = mac(settings, "next-hop-mac");
        int tableSize = settings.integer("table-size", Maglev.DEFAULT_TABLE_SIZE, 2, Maglev.MAX_TABLE_SIZE);
        if (!Maglev.isPrime(tableSize)) {
            throw settings.error("table-size", tableSize + " is not prime (Maglev needs a prime table size, e.g. 65537, 655373)");
        }
        int connections = settings.integer("connections", DEFAULT_CONNECTIONS, 1, FlowTable.MAX_CAPACITY);
        long hashSeed = settings.integer("hash-seed", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        int tcpTimeout = settings.integer("tcp-timeout", DEFAULT_TCP_TIMEOUT, 1, 86400 * 30);
        int closing = settings.integer("tcp-closing-timeout", DEFAULT_TCP_CLOSING_TIMEOUT, 1, 86400 * 30);
        int udpTimeout = settings.integer("udp-timeout", DEFAULT_UDP_TIMEOUT, 1, 86400 * 30);
        boolean pass = settings.choice("non-vip", "drop", "drop", "pass").equals("pass");
        String fileName = settings.string("backends-file", null);
        Path file = fileName == null ? null : Path.of(fileName);
        int poll = settings.integer("backends-poll-ms", DEFAULT_POLL_MILLIS, 10, 60_000);
        String control = settings.string("control", null);
        if (control != null) {
            try {
                ControlServer.parseAddress(control);
            } catch (IllegalArgumentException e) {
                throw settings.error("control", "'" + control + "' is not accepted: " + e.getMessage());
            }
        }
        List<VirtualService> services = new ArrayList<>();
        List<NfSettings> entries = settings.list("services");
        if (entries.isEmpty()) {
            throw settings.error("services", "is required: at least one virtual service");
        }
        for (NfSettings entry : entries) {
            services.add(service(entry));
        }
        try {
            return new LbConfig(mode, lbAddress, lbMac, nextHopMac, tableSize, connections, hashSeed, tcpTimeout, closing,
                    udpTimeout, pass, services, file, poll, control);
        } catch (IllegalArgumentException e) {
            throw settings.error("services", e.getMessage());
        }
    }

    private static VirtualService service(NfSettings entry) {
        String name = entry.string("name");
        int vip = address(entry, "vip", entry.string("vip"));
        int port = entry.integer("port", 0, 1, 65535);
        if (!entry.has("port")) {
            throw entry.error("port", "is required");
        }
        int protocol = entry.choice("protocol", "tcp", "tcp", "udp").equals("tcp") ? IpProtocol.TCP : IpProtocol.UDP;
        List<Backend> backends = new ArrayList<>();
        List<String> lines = entry.stringList("backends", List.of());
        for (int i = 0; i < lines.size(); i++) {
            try {
                backends.add(Backend.parse(lines.get(i).trim().split("\\s+"), 0));
            } catch (IllegalArgumentException e) {
                throw entry.error("backends", "[" + i + "] '" + lines.get(i) + "': " + e.getMessage());
            }
        }
        try {
            return new VirtualService(name, vip, port, protocol, backends);
        } catch (IllegalArgumentException e) {
            throw entry.error("name", "'" + name + "': " + e.getMessage());
        }
    }

    private static int address(NfSettings settings, String key, String text) {
        try {
            return Ipv4Addresses.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw settings.error(key, "'" + text + "' is not an IPv4 address");
        }
    }

    private static long mac(NfSettings settings, String key) {
        String text = settings.string(key, null);
        if (text == null) {
            return 0;
        }
        try {
            return MacAddresses.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw settings.error(key, "'" + text + "' is not a MAC address like 02:00:00:00:00:01");
        }
    }

    /** A full-NAT configuration with defaults for everything but the address and services (tests, embedding). */
    public static LbConfig of(ForwardingMode mode, int lbAddress, List<VirtualService> services) {
        return new LbConfig(mode, lbAddress, 0, 0x02_00_00_00_00_FEL, Maglev.DEFAULT_TABLE_SIZE, DEFAULT_CONNECTIONS, 0,
                DEFAULT_TCP_TIMEOUT, DEFAULT_TCP_CLOSING_TIMEOUT, DEFAULT_UDP_TIMEOUT, false, services, null,
                DEFAULT_POLL_MILLIS, null);
    }

    public LbConfig withTableSize(int size) {
        return new LbConfig(mode, lbAddress, lbMac, nextHopMac, size, connections, hashSeed, tcpTimeoutSeconds,
                tcpClosingTimeoutSeconds, udpTimeoutSeconds, passNonVip, services, backendsFile, backendsPollMillis, control);
    }

    public LbConfig withConnections(int count) {
        return new LbConfig(mode, lbAddress, lbMac, nextHopMac, tableSize, count, hashSeed, tcpTimeoutSeconds,
                tcpClosingTimeoutSeconds, udpTimeoutSeconds, passNonVip, services, backendsFile, backendsPollMillis, control);
    }

    public LbConfig withLbMac(long mac) {
        return new LbConfig(mode, lbAddress, mac, nextHopMac, tableSize, connections, hashSeed, tcpTimeoutSeconds,
                tcpClosingTimeoutSeconds, udpTimeoutSeconds, passNonVip, services, backendsFile, backendsPollMillis, control);
    }

    public LbConfig withPassNonVip(boolean pass) {
        return new LbConfig(mode, lbAddress, lbMac, nextHopMac, tableSize, connections, hashSeed, tcpTimeoutSeconds,
                tcpClosingTimeoutSeconds, udpTimeoutSeconds, pass, services, backendsFile, backendsPollMillis, control);
    }

    public LbConfig withBackendsFile(Path file, int pollMillis) {
        return new LbConfig(mode, lbAddress, lbMac, nextHopMac, tableSize, connections, hashSeed, tcpTimeoutSeconds,
                tcpClosingTimeoutSeconds, udpTimeoutSeconds, passNonVip, services, file, pollMillis, control);
    }

    public LbConfig withControl(String address) {
        return new LbConfig(mode, lbAddress, lbMac, nextHopMac, tableSize, connections, hashSeed, tcpTimeoutSeconds,
                tcpClosingTimeoutSeconds, udpTimeoutSeconds, passNonVip, services, backendsFile, backendsPollMillis, address);
    }
}
