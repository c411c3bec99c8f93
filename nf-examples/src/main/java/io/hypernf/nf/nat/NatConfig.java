package io.hypernf.nf.nat;

import io.hypernf.sdk.flow.FlowTable;
import io.hypernf.sdk.nf.NfSettings;
import io.hypernf.sdk.packet.IpProtocol;
import io.hypernf.sdk.packet.Ipv4Addresses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The NAT's configuration: declared data with defaults and validation in one place (STYLE.md 6).
 * From a chain config every error names file, line and key; built directly, errors read
 * {@code nat: pool '10.0.0.0/33' is not a CIDR ...}.
 *
 * <pre>
 * pool: [203.0.113.0/30, 198.51.100.7]  # required: outside addresses (CIDR prefixes or addresses)
 * port-range: 1024-65535                 # ports handed out when the inside port is taken
 * mapping: endpoint-independent          # or address-and-port-dependent (RFC 4787 section 4.1)
 * filtering: endpoint-independent        # or address-and-port-dependent (RFC 4787 section 5)
 * hairpinning: true                      # inside to inside through the outside address (REQ-9)
 * static: ["10.0.0.5 &lt;-&gt; 192.0.2.5"]     # 1:1 address mappings, inside &lt;-&gt; outside
 * forwards: ["tcp 203.0.113.1:8080 -&gt; 10.0.0.10:80"]  # port forwards, outside -&gt; inside
 * mss-clamp: 0                           # 0: off; else the largest MSS a SYN may announce
 * ipv6: pass                             # pass | drop (counted); NAT44 translates IPv4 only
 * non-ip: pass                           # ARP and other non-IP frames: pass | drop (counted)
 * max-sessions: 65536                    # sessions (and dynamic mappings); full is a counted drop
 * timeouts:                              # seconds, or a number with s, m, h or d
 *   tcp-established: 7440                # defaults and minimums: see NatTimeouts
 *   tcp-transitory: 240
 *   udp: 300
 *   icmp: 60
 *   port-hold-down: 240
 * </pre>
 * Port forwards need their outside address in the pool; a 1:1 outside address must not be in it.
 */
public record NatConfig(AddressPool pool, int portLow, int portHigh, EndpointBehaviour mapping, EndpointBehaviour filtering,
                        boolean hairpinning, List<StaticMapping> statics, List<PortForward> forwards, int mssClamp,
                        boolean passIpv6, boolean passNonIp, int maxSessions, NatTimeouts timeouts) {

    public static final List<String> PORTS = List.of("inside", "outside");
    public static final int INSIDE = 0;
    public static final int OUTSIDE = 1;
    public static final int DEFAULT_PORT_LOW = 1024;
    public static final int DEFAULT_PORT_HIGH = 65535;
    public static final int DEFAULT_MAX_SESSIONS = 65536;
    /** Smallest MSS worth clamping to: the IPv4 minimum MTU 68 less 40 bytes of headers is 28; below 64 nothing sane remains. */
    public static final int MIN_MSS_CLAMP = 64;

    public NatConfig {
        if (pool == null) {
            throw new IllegalArgumentException("nat: pool is required");
        }
        if (portLow < 1 || portHigh > 65535 || portLow > portHigh) {
            throw new IllegalArgumentException("nat: port-range '" + portLow + "-" + portHigh + "' is not a range within 1-65535");
        }
        if (mapping == null || filtering == null) {
            throw new IllegalArgumentException("nat: mapping and filtering are required");
        }
        statics = List.copyOf(statics);
        forwards = List.copyOf(forwards);
        if (mssClamp != 0 && (mssClamp < MIN_MSS_CLAMP || mssClamp > 65535)) {
            throw new IllegalArgumentException("nat: mss-clamp " + mssClamp + " is not 0 (off) or " + MIN_MSS_CLAMP + "..65535");
        }
        if (maxSessions < 1 || maxSessions > FlowTable.MAX_CAPACITY / 8) {
            throw new IllegalArgumentException("nat: max-sessions " + maxSessions + " is outside [1, " + FlowTable.MAX_CAPACITY / 8 + "]");
        }
        if (timeouts == null) {
            throw new IllegalArgumentException("nat: timeouts are required");
        }
        Set<Integer> insides = new HashSet<>();
        Set<Integer> outsides = new HashSet<>();
        for (StaticMapping s : statics) {
            if (!insides.add(s.inside()) || !outsides.add(s.outside())) {
                throw new IllegalArgumentException("nat: static '" + s + "' repeats an address of another static mapping");
            }
            if (pool.indexOf(s.outside()) >= 0) {
                throw new IllegalArgumentException("nat: static '" + s + "' maps to a pool address; 1:1 outside addresses must be outside the pool");
            }
        }
        Set<Long> forwardOutside = new HashSet<>();
        Set<Long> forwardInside = new HashSet<>();
        for (PortForward f : forwards) {
            if (pool.indexOf(f.outsideAddress()) < 0) {
                throw new IllegalArgumentException("nat: forwards '" + f + "' uses an outside address that is not in the pool " + pool);
            }
            if (!forwardOutside.add((long) f.protocol() << 48 | (f.outsideAddress() & 0xFFFF_FFFFL) << 16 | f.outsidePort())
                    || !forwardInside.add((long) f.protocol() << 48 | (f.insideAddress() & 0xFFFF_FFFFL) << 16 | f.insidePort())) {
                throw new IllegalArgumentException("nat: forwards '" + f + "' repeats an endpoint of another forward");
            }
            if (insides.contains(f.insideAddress())) {
                throw new IllegalArgumentException("nat: forwards '" + f + "' targets an address that has a static 1:1 mapping");
            }
        }
    }

    /** Defaults around {@code pool}: EIM and EIF, hairpinning, no statics, no clamping, IPv6 and non-IP pass. */
    public static NatConfig defaults(AddressPool pool) {
        return new NatConfig(pool, DEFAULT_PORT_LOW, DEFAULT_PORT_HIGH, EndpointBehaviour.ENDPOINT_INDEPENDENT,
                EndpointBehaviour.ENDPOINT_INDEPENDENT, true, List.of(), List.of(), 0, true, true, DEFAULT_MAX_SESSIONS,
                NatTimeouts.defaults());
    }

    public NatConfig withPortRange(int low, int high) {
        return new NatConfig(pool, low, high, mapping, filtering, hairpinning, statics, forwards, mssClamp, passIpv6, passNonIp, maxSessions, timeouts);
    }

    public NatConfig withBehaviour(EndpointBehaviour newMapping, EndpointBehaviour newFiltering) {
        return new NatConfig(pool, portLow, portHigh, newMapping, newFiltering, hairpinning, statics, forwards, mssClamp, passIpv6, passNonIp, maxSessions, timeouts);
    }

    public NatConfig withStatics(List<StaticMapping> newStatics, List<PortForward> newForwards) {
        return new NatConfig(pool, portLow, portHigh, mapping, filtering, hairpinning, newStatics, newForwards, mssClamp, passIpv6, passNonIp, maxSessions, timeouts);
    }

    public NatConfig withMssClamp(int mss) {
        return new NatConfig(pool, portLow, portHigh, mapping, filtering, hairpinning, statics, forwards, mss, passIpv6, passNonIp, maxSessions, timeouts);
    }

    public NatConfig withMaxSessions(int sessions) {
        return new NatConfig(pool, portLow, portHigh, mapping, filtering, hairpinning, statics, forwards, mssClamp, passIpv6, passNonIp, sessions, timeouts);
    }

    public NatConfig withTimeouts(NatTimeouts newTimeouts) {
        return new NatConfig(pool, portLow, portHigh, mapping, filtering, hairpinning, statics, forwards, mssClamp, passIpv6, passNonIp, maxSessions, newTimeouts);
    }

    public NatConfig withPassing(boolean ipv6, boolean nonIp, boolean hairpin) {
        return new NatConfig(pool, portLow, portHigh, mapping, filtering, hairpin, statics, forwards, mssClamp, ipv6, nonIp, maxSessions, timeouts);
    }

    /**
     * Reads the config from the NF's settings ({@code nfs[i].settings}, or {@code --set key=value});
     * every error names the file, line and key: {@code chain.yaml:12: nfs[1].settings.pool
     * '10.0.0.0/33' is not a CIDR: the prefix length must be 0..32}.
     */
    public static NatConfig from(NfSettings settings) {
        List<String> poolEntries = settings.stringList("pool", List.of());
        AddressPool pool;
        try {
            pool = AddressPool.parse(poolEntries);
        } catch (IllegalArgumentException e) {
            throw settings.error("pool", e.getMessage());
        }
        String range = settings.string("port-range", DEFAULT_PORT_LOW + "-" + DEFAULT_PORT_HIGH);
        int[] ports = portRange(range);
        if (ports == null) {
            throw settings.error("port-range", "'" + range + "' is not a port range; accepted: LOW-HIGH within 1-65535, e.g. 1024-65535");
        }
        EndpointBehaviour mapping = EndpointBehaviour.byKeyword(settings.choice("mapping", "endpoint-independent",
                "endpoint-independent", "address-and-port-dependent"));
        EndpointBehaviour filtering = EndpointBehaviour.byKeyword(settings.choice("filtering", "endpoint-independent",
                "endpoint-independent", "address-and-port-dependent"));
        boolean hairpinning = settings.bool("hairpinning", true);
        List<StaticMapping> statics = new ArrayList<>();
        for (String line : settings.stringList("static", List.of())) {
            try {
                statics.add(staticMapping(line));
            } catch (IllegalArgumentException e) {
                throw settings.error("static", e.getMessage());
            }
        }
        List<PortForward> forwards = new ArrayList<>();
        for (String line : settings.stringList("forwards", List.of())) {
            try {
                forwards.add(portForward(line));
            } catch (IllegalArgumentException e) {
                throw settings.error("forwards", e.getMessage());
            }
        }
        int mss = settings.integer("mss-clamp", 0, 0, 65535);
        if (mss != 0 && mss < MIN_MSS_CLAMP) {
            throw settings.error("mss-clamp", mss + " is not 0 (off) or " + MIN_MSS_CLAMP + "..65535");
        }
        boolean passIpv6 = settings.choice("ipv6", "pass", "pass", "drop").equals("pass");
        boolean passNonIp = settings.choice("non-ip", "pass", "pass", "drop").equals("pass");
        int maxSessions = settings.integer("max-sessions", DEFAULT_MAX_SESSIONS, 1, FlowTable.MAX_CAPACITY / 8);
        NatTimeouts defaults = NatTimeouts.defaults();
        NfSettings t = settings.child("timeouts");
        NatTimeouts timeouts = new NatTimeouts(
                t.duration("tcp-established", defaults.tcpEstablished(), NatTimeouts.MIN_TCP_ESTABLISHED),
                t.duration("tcp-transitory", defaults.tcpTransitory(), NatTimeouts.MIN_TCP_TRANSITORY),
                t.duration("udp", defaults.udp(), NatTimeouts.MIN_UDP),
                t.duration("icmp", defaults.icmp(), NatTimeouts.MIN_ICMP),
                t.duration("port-hold-down", defaults.portHoldDown(), Duration.ZERO));
        try {
            return new NatConfig(pool, ports[0], ports[1], mapping, filtering, hairpinning, statics, forwards, mss,
                    passIpv6, passNonIp, maxSessions, timeouts);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage().replaceFirst("^nat: ", "");
            String key = message.startsWith("forwards") ? "forwards" : message.startsWith("static") ? "static" : "pool";
            throw settings.error(key, message.substring(message.startsWith(key) ? key.length() + 1 : 0));
        }
    }

    /** A pool from its entries; errors read {@code nat: pool '10.0.0.0/33' is not a CIDR ...}. */
    public static AddressPool pool(String... entries) {
        try {
            return AddressPool.parse(List.of(entries));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("nat: pool " + e.getMessage(), e);
        }
    }

    /** {@code LOW-HIGH}, or null when malformed or outside 1..65535. */
    static int[] portRange(String text) {
        String[] parts = text.strip().split("-", -1);
        if (parts.length != 2) {
            return null;
        }
        int low = port(parts[0]);
        int high = port(parts[1]);
        return low < 1 || high < 1 || low > high ? null : new int[] {low, high};
    }

    private static int port(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 5 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int value = Integer.parseInt(t);
        return value <= 65535 ? value : -1;
    }

    /** {@code INSIDE <-> OUTSIDE}, e.g. {@code 10.0.0.5 <-> 192.0.2.5}. */
    static StaticMapping staticMapping(String line) {
        String[] parts = line.split("<->", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + line + "' is not a static mapping; accepted: INSIDE <-> OUTSIDE (10.0.0.5 <-> 192.0.2.5)");
        }
        return new StaticMapping(address(parts[0], line), address(parts[1], line));
    }

    /** {@code PROTO OUTSIDE:PORT -> INSIDE:PORT}, e.g. {@code tcp 203.0.113.1:8080 -> 10.0.0.10:80}. */
    static PortForward portForward(String line) {
        String usage = "'" + line + "' is not a port forward; accepted: tcp|udp OUTSIDE:PORT -> INSIDE:PORT (tcp 203.0.113.1:8080 -> 10.0.0.10:80)";
        String text = line.strip();
        int space = text.indexOf(' ');
        String[] sides = space < 0 ? new String[0] : text.substring(space + 1).split("->", -1);
        if (sides.length != 2) {
            throw new IllegalArgumentException(usage);
        }
        String protocolName = text.substring(0, space).toLowerCase(Locale.ROOT);
        int protocol = protocolName.equals("tcp") ? IpProtocol.TCP : protocolName.equals("udp") ? IpProtocol.UDP : -1;
        int[] outside = endpoint(sides[0]);
        int[] inside = endpoint(sides[1]);
        if (protocol < 0 || outside == null || inside == null) {
            throw new IllegalArgumentException(usage);
        }
        return new PortForward(protocol, outside[0], outside[1], inside[0], inside[1]);
    }

    private static int[] endpoint(String text) {
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            return null;
        }
        int port = port(t.substring(colon + 1));
        try {
            return port < 1 ? null : new int[] {Ipv4Addresses.parse(t.substring(0, colon)), port};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int address(String text, String line) {
        try {
            return Ipv4Addresses.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + line + "': " + e.getMessage());
        }
    }
}
