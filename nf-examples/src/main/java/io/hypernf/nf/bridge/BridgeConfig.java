package io.hypernf.nf.bridge;

import io.hypernf.sdk.flow.FlowTable;
import io.hypernf.sdk.nf.NfSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The bridge's settings, defaults and validation (STYLE.md 6):
 * <pre>
 * ports: [p0, p1, p2]   # at least 2 names, unique; default [p0, p1]
 * table-size: 1024      # learned MACs; VALE's table has 1024 entries. Full: counted, no learning
 * age: 300              # seconds an address stays learned without being seen as a source
 * </pre>
 */
public record BridgeConfig(List<String> ports, int tableSize, int ageSeconds) {
    public static final List<String> DEFAULT_PORTS = List.of("p0", "p1");
    public static final int DEFAULT_TABLE_SIZE = 1024;
    /** IEEE 802.1D-2004 7.9.2 recommends an ageing time of 300 s. */
    public static final int DEFAULT_AGE_SECONDS = 300;
    /** The runtime's verdicts address ports by index; keep the count small enough for a flood loop. */
    public static final int MAX_PORTS = 64;

    public BridgeConfig {
        if (ports.size() < 2 || ports.size() > MAX_PORTS) {
            throw new IllegalArgumentException("bridge: ports " + ports + " must name 2 to " + MAX_PORTS + " ports");
        }
        Set<String> seen = new HashSet<>();
        for (String port : ports) {
            if (port.isBlank() || !seen.add(port)) {
                throw new IllegalArgumentException("bridge: ports " + ports + " has a blank or repeated name '" + port + "'");
            }
        }
        if (tableSize < 1 || tableSize > FlowTable.MAX_CAPACITY) {
            throw new IllegalArgumentException("bridge: table-size " + tableSize + " is outside [1, " + FlowTable.MAX_CAPACITY + "]");
        }
        if (ageSeconds < 1) {
            throw new IllegalArgumentException("bridge: age " + ageSeconds + " must be at least 1 second");
        }
        ports = List.copyOf(ports);
    }

    public static BridgeConfig defaults() {
        return new BridgeConfig(DEFAULT_PORTS, DEFAULT_TABLE_SIZE, DEFAULT_AGE_SECONDS);
    }

    /** Reads the settings; every error names the file, line and key. */
    public static BridgeConfig from(NfSettings settings) {
        List<String> ports = settings.stringList("ports", DEFAULT_PORTS);
        int tableSize = settings.integer("table-size", DEFAULT_TABLE_SIZE, 1, FlowTable.MAX_CAPACITY);
        int age = settings.integer("age", DEFAULT_AGE_SECONDS, 1, Integer.MAX_VALUE);
        try {
            return new BridgeConfig(ports, tableSize, age);
        } catch (IllegalArgumentException e) {
            throw settings.error("ports", "'" + String.join(", ", ports) + "' is not accepted: " + e.getMessage());
        }
    }

    public BridgeConfig withPorts(List<String> names) { return new BridgeConfig(names, tableSize, ageSeconds); }
    public BridgeConfig withTableSize(int size) { return new BridgeConfig(ports, size, ageSeconds); }
    public BridgeConfig withAgeSeconds(int seconds) { return new BridgeConfig(ports, tableSize, seconds); }
}
