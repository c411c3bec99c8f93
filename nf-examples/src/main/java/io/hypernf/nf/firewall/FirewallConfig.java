package io.hypernf.nf.firewall;

import io.hypernf.sdk.flow.FlowTable;
import java.nio.file.Path;
import java.time.Duration;
import io.hypernf.sdk.nf.NfSettings;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The firewall's configuration: declared data with defaults and validation in one place
 * (STYLE.md 6). Every error names the key: {@code firewall: key 'conntrack-size' must be ...}.
 *
 * <pre>
 * ports: [inside, outside]        # pairs of wires: port 2k (inside) &lt;-&gt; port 2k+1 (outside)
 * rules-file: firewall.rules      # or inline:  rules: ["accept out", "drop in proto tcp to any port 22"]
 * default-policy: drop            # accept | drop | reject, for packets no rule matches
 * strict: true                    # TCP that cannot open a connection (not a SYN) is invalid
 * non-ip: accept                  # ARP and other non-IP frames: accept | drop
 * conntrack-size: 65536           # tracked connections; a full table is a counted drop
 * timeouts:                       # seconds, or a number with s, m, h or d
 *   tcp-established: 5d
 *   udp: 30s
 * </pre>
 * Timeout keys: {@code tcp-syn-sent, tcp-syn-recv, tcp-established, tcp-fin-wait, tcp-close-wait,
 * tcp-last-ack, tcp-time-wait, tcp-close, udp, udp-stream, icmp, other}.
 */
public record FirewallConfig(List<String> ports, Path rulesFile, List<String> rules, RuleAction defaultPolicy,
                             boolean strict, boolean acceptNonIp, int conntrackSize, ConntrackTimeouts timeouts) {

    public static final List<String> DEFAULT_PORTS = List.of("inside", "outside");
    public static final int DEFAULT_CONNTRACK_SIZE = 65536;

    private static final Map<String, Integer> TCP_TIMEOUT_KEYS = new LinkedHashMap<>();

    static {
        TCP_TIMEOUT_KEYS.put("tcp-syn-sent", TcpStateMachine.SYN_SENT);
        TCP_TIMEOUT_KEYS.put("tcp-syn-recv", TcpStateMachine.SYN_RECV);
        TCP_TIMEOUT_KEYS.put("tcp-established", TcpStateMachine.ESTABLISHED);
        TCP_TIMEOUT_KEYS.put("tcp-fin-wait", TcpStateMachine.FIN_WAIT);
        TCP_TIMEOUT_KEYS.put("tcp-close-wait", TcpStateMachine.CLOSE_WAIT);
        TCP_TIMEOUT_KEYS.put("tcp-last-ack", TcpStateMachine.LAST_ACK);
        TCP_TIMEOUT_KEYS.put("tcp-time-wait", TcpStateMachine.TIME_WAIT);
        TCP_TIMEOUT_KEYS.put("tcp-close", TcpStateMachine.CLOSE);
    }

    public FirewallConfig {
        ports = List.copyOf(ports);
        rules = rules == null ? null : List.copyOf(rules);
        if (ports.isEmpty() || ports.size() % 2 != 0 || ports.size() > 64) {
            throw new IllegalArgumentException("firewall: key 'ports' must list pairs of ports (inside, outside, ...), at most 64, got " + ports);
        }
        Set<String> seen = new HashSet<>();
        for (String port : ports) {
            if (port == null || port.isBlank() || !seen.add(port)) {
                throw new IllegalArgumentException("firewall: key 'ports' has an empty or repeated name in " + ports);
            }
        }
        if (rulesFile != null && rules != null) {
            throw new IllegalArgumentException("firewall: give either 'rules-file' or 'rules', not both");
        }
        if (defaultPolicy == null) {
            throw new IllegalArgumentException("firewall: key 'default-policy' must be accept, drop or reject");
        }
        if (conntrackSize < 1 || conntrackSize > FlowTable.MAX_CAPACITY) {
            throw new IllegalArgumentException("firewall: key 'conntrack-size' must be in [1, " + FlowTable.MAX_CAPACITY + "], got " + conntrackSize);
        }
        if (timeouts == null) {
            throw new IllegalArgumentException("firewall: timeouts missing");
        }
    }

    /** Defaults: ports inside/outside, no rules, default drop, strict, non-IP accepted, 65536 connections. */
    public static FirewallConfig defaults() {
        return new FirewallConfig(DEFAULT_PORTS, null, null, RuleAction.DROP, true, true, DEFAULT_CONNTRACK_SIZE,
                ConntrackTimeouts.defaults());
    }

    /** The same config with inline rules instead of a rules file. */
    public FirewallConfig withRules(List<String> inlineRules) {
        return new FirewallConfig(ports, null, inlineRules, defaultPolicy, strict, acceptNonIp, conntrackSize, timeouts);
    }

    /** The same config with another default policy. */
    public FirewallConfig withDefaultPolicy(RuleAction policy) {
        return new FirewallConfig(ports, rulesFile, rules, policy, strict, acceptNonIp, conntrackSize, timeouts);
    }

    /** The same config with another strictness. */
    public FirewallConfig withStrict(boolean strictTcp) {
        return new FirewallConfig(ports, rulesFile, rules, defaultPolicy, strictTcp, acceptNonIp, conntrackSize, timeouts);
    }

    /** The same config with another connection table size. */
    public FirewallConfig withConntrackSize(int size) {
        return new FirewallConfig(ports, rulesFile, rules, defaultPolicy, strict, acceptNonIp, size, timeouts);
    }

    /** Parses the rules (file or inline) against the port names; errors read {@code file:line: ...}. */
    public List<Rule> parseRules() {
        RuleParser parser = new RuleParser(ports);
        if (rulesFile != null) {
            return parser.parseFile(rulesFile);
        }
        return rules == null ? List.of() : parser.parse("firewall.rules", rules);
    }

    /**
     * Reads the config from the NF's settings ({@code nfs[i].settings} of a YAML config, or
     * {@code --set key=value}); every error names the file, line and key. A relative
     * {@code rules-file} is resolved against the directory of the config file. Rules are parsed
     * here, so a bad rule stops start-up: {@code fw.rules:7: ...} for a file, or for an inline
     * rule the config file's line of that rule with {@code rules[i]}.
     */
    public static FirewallConfig from(NfSettings settings) {
        FirewallConfig defaults = defaults();
        List<String> ports = settings.stringList("ports", defaults.ports());
        Path rulesFile = null;
        String rulesFileName = settings.string("rules-file", null);
        if (rulesFileName != null) {
            Path configFile = Path.of(settings.location().source());
            Path base = configFile.getParent();
            rulesFile = base == null || Path.of(rulesFileName).isAbsolute() ? Path.of(rulesFileName) : base.resolve(rulesFileName);
            if (!Files.isReadable(rulesFile)) {
                throw settings.error("rules-file", "'" + rulesFile + "' is not a readable file");
            }
        }
        List<String> rules = settings.has("rules") ? settings.stringList("rules", List.of()) : null;
        if (rulesFile != null && rules != null) {
            throw settings.error("rules", "give either rules-file or rules, not both");
        }
        RuleAction policy = RuleAction.byKeyword(settings.choice("default-policy", defaults.defaultPolicy().keyword(),
                "accept", "drop", "reject"));
        boolean strict = settings.bool("strict", defaults.strict());
        boolean acceptNonIp = settings.choice("non-ip", "accept", "accept", "drop").equals("accept");
        int size = settings.integer("conntrack-size", defaults.conntrackSize(), 1, FlowTable.MAX_CAPACITY);
        ConntrackTimeouts timeouts = settings.has("timeouts") ? timeouts(settings.child("timeouts")) : defaults.timeouts();
        FirewallConfig config;
        try {
            config = new FirewallConfig(ports, rulesFile, rules, policy, strict, acceptNonIp, size, timeouts);
        } catch (IllegalArgumentException e) {
            throw settings.error("ports", e.getMessage().replaceFirst("^firewall: ", ""));
        }
        try {
            config.parseRules();
        } catch (RuleSyntaxException e) {
            if (rulesFile != null) {
                throw settings.error("rules-file", e.getMessage());
            }
            throw settings.location("rules", e.line() - 1).error(e.problem());
        }
        return config;
    }

    private static ConntrackTimeouts timeouts(NfSettings settings) {
        ConntrackTimeouts.Builder builder = ConntrackTimeouts.builder();
        for (String key : settings.keys()) {
            Duration duration = duration(settings.string(key), key, settings);
            Integer tcpState = TCP_TIMEOUT_KEYS.get(key);
            if (tcpState != null) {
                builder.tcp(tcpState, duration);
                continue;
            }
            switch (key) {
                case "udp" -> builder.udp(duration);
                case "udp-stream" -> builder.udpStream(duration);
                case "icmp" -> builder.icmp(duration);
                case "other" -> builder.other(duration);
                default -> throw settings.error(key, "is not a timeout; known: "
                        + String.join(", ", TCP_TIMEOUT_KEYS.keySet()) + ", udp, udp-stream, icmp, other");
            }
        }
        return builder.build();
    }

    /** Seconds as a number, or a number with a unit: {@code 30s}, {@code 2m}, {@code 1h}, {@code 5d}. */
    static Duration duration(String value, String key, NfSettings settings) {
        String text = String.valueOf(value).strip();
        long multiplier = 1;
        if (!text.isEmpty() && "smhd".indexOf(text.charAt(text.length() - 1)) >= 0) {
            char unit = text.charAt(text.length() - 1);
            multiplier = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : 86400;
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit) || Long.parseLong(text) == 0) {
            throw settings.error(key, "'" + value + "' is not a positive duration; accepted: seconds, or a number with s, m, h or d (30, 30s, 5m, 5d)");
        }
        return Duration.ofSeconds(Long.parseLong(text) * multiplier);
    }
}
