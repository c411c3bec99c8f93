package io.hypernf.nf.lb;

import io.hypernf.sdk.packet.Ipv4Addresses;
import io.hypernf.sdk.packet.MacAddresses;

/**
 * One backend of a virtual service as configured: IPv4 address, port (0: the service's port),
 * weight (0 takes no new flows, like drain), next-hop MAC (0: the LB's {@code next-hop-mac}) and
 * state. Written as one line, in the config, the backends file and the control protocol:
 * <pre>
 *   10.1.0.1[:8080] [weight=N] [mac=02:00:00:00:01:01] [state=up|drain|down]
 * </pre>
 */
public record Backend(int address, int port, int weight, long mac, BackendState state) {
    public static final int MAX_WEIGHT = 65535;

    public Backend {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside [0, 65535]");
        }
        if (weight < 0 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("weight " + weight + " is outside [0, " + MAX_WEIGHT + "]");
        }
    }

    /** The identity Maglev hashes and the registry keys on: address and port. */
    public long name() { return (address & 0xFFFF_FFFFL) << 16 | port; }

    public Backend withState(BackendState newState) { return new Backend(address, port, weight, mac, newState); }
    public Backend withWeight(int newWeight) { return new Backend(address, port, newWeight, mac, state); }

    /** {@code 10.1.0.1} or {@code 10.1.0.1:8080}. */
    public String endpoint() {
        return Ipv4Addresses.format(address) + (port == 0 ? "" : ":" + port);
    }

    /** Parses the words of a backend line; the message of the exception says which word is wrong and why. */
    public static Backend parse(String[] words, int from) {
        if (words.length <= from) {
            throw new IllegalArgumentException("a backend address is missing");
        }
        int[] endpoint = parseEndpoint(words[from]);
        int weight = 1;
        long mac = 0;
        BackendState state = BackendState.UP;
        for (int i = from + 1; i < words.length; i++) {
            String word = words[i];
            int eq = word.indexOf('=');
            String key = eq < 0 ? word : word.substring(0, eq);
            String value = eq < 0 ? "" : word.substring(eq + 1);
            switch (key) {
                case "weight":
                    weight = parseInt(value, "weight", 0, MAX_WEIGHT);
                    break;
                case "mac":
                    try {
                        mac = MacAddresses.parse(value);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("mac '" + value + "' is not a MAC address like 02:00:00:00:01:01");
                    }
                    break;
                case "state":
                    state = BackendState.byConfigName(value);
                    break;
                default:
                    throw new IllegalArgumentException("'" + word + "' is not accepted; accepted: weight=N, mac=MAC, state=up|drain|down");
            }
        }
        return new Backend(endpoint[0], endpoint[1], weight, mac, state);
    }

    /** {@code ADDRESS[:PORT]} as {address, port}. */
    static int[] parseEndpoint(String text) {
        int colon = text.indexOf(':');
        String address = colon < 0 ? text : text.substring(0, colon);
        int port = colon < 0 ? 0 : parseInt(text.substring(colon + 1), "port", 1, 65535);
        try {
            return new int[] {Ipv4Addresses.parse(address), port};
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + address + "' is not an IPv4 address");
        }
    }

    private static int parseInt(String text, String what, int min, int max) {
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException(what + " " + value + " is outside [" + min + ", " + max + "]");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a number");
        }
    }

    @Override
    public String toString() {
        return endpoint() + " weight=" + weight + (mac == 0 ? "" : " mac=" + MacAddresses.format(mac)) + " state=" + state.configName();
    }
}
