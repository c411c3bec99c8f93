package io.hypernf.sdk.packet;

/**
 * MAC addresses held as the low 48 bits of a {@code long} (first octet in bits 47..40), plus text
 * conversions for configuration and tests. The text methods allocate; the data path uses the
 * {@code long} form only.
 */
public final class MacAddresses {
    private MacAddresses() {}

    public static final long BROADCAST = 0xFFFF_FFFF_FFFFL;

    /** Whether the group bit (I/G, the lowest bit of the first octet; IEEE 802 8.2) is set. */
    public static boolean isMulticast(long mac) {
        return (mac & 0x0100_0000_0000L) != 0;
    }

    /** {@code 02:00:5e:10:00:01} style, lower case. */
    public static String format(long mac) {
        StringBuilder text = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            int octet = (int) (mac >>> shift) & 0xFF;
            if (shift != 40) {
                text.append(':');
            }
            text.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xF, 16));
        }
        return text.toString();
    }

    /** Parses six colon- or dash-separated hex octets; the error names the text. */
    public static long parse(String text) {
        String[] parts = text.split("[:-]", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("'" + text + "' is not a MAC address (six hex octets separated by ':')");
        }
        long mac = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 2) {
                throw new IllegalArgumentException("'" + text + "' is not a MAC address: bad octet '" + part + "'");
            }
            try {
                mac = (mac << 8) | Integer.parseInt(part, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a MAC address: bad octet '" + part + "'");
            }
        }
        return mac;
    }
}
