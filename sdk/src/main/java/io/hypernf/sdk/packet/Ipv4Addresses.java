package io.hypernf.sdk.packet;

/**
 * IPv4 addresses held as an {@code int} in network order (first octet in bits 31..24), plus text
 * conversions for configuration and tests. The text methods allocate; the data path uses the
 * {@code int} form only.
 */
public final class Ipv4Addresses {
    private Ipv4Addresses() {}

    /** Dotted quad, e.g. {@code 192.0.2.1}. */
    public static String format(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." + (address & 0xFF);
    }

    /** Parses a dotted quad (exactly four decimal octets 0..255); the error names the text. */
    public static int parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (four decimal octets separated by '.')");
        }
        int address = 0;
        for (String part : parts) {
            address = (address << 8) | parseOctet(text, part);
        }
        return address;
    }

    private static int parseOctet(String text, String part) {
        if (part.isEmpty() || part.length() > 3) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address: bad octet '" + part + "'");
        }
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address: bad octet '" + part + "'");
            }
            value = value * 10 + (c - '0');
        }
        if (value > 255) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address: octet " + value + " is above 255");
        }
        return value;
    }
}
