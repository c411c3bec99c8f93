package io.hypernf.sdk.packet;

/**
 * IPv6 addresses held as two {@code long}s in network order: {@code high} holds bytes 0..7,
 * {@code low} bytes 8..15. Text conversions (RFC 5952 output, RFC 4291 2.2 input) are for
 * configuration and tests; they allocate, the data path never calls them.
 */
public final class Ipv6Addresses {
    private Ipv6Addresses() {}

    /** RFC 5952 canonical text: lower case, leading zeros dropped, the longest run (2+) of zero groups as {@code ::}. */
    public static String format(long high, long low) {
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (high >>> (48 - 16 * i)) & 0xFFFF;
            groups[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xFFFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** The high half of a parsed address; see {@link #parse(String, long[])}. */
    public static long parseHigh(String text) {
        long[] out = new long[2];
        parse(text, out);
        return out[0];
    }

    /** The low half of a parsed address; see {@link #parse(String, long[])}. */
    public static long parseLow(String text) {
        long[] out = new long[2];
        parse(text, out);
        return out[1];
    }

    /**
     * Parses RFC 4291 2.2 text (hex groups, one {@code ::}, an optional dotted-quad tail) into
     * {@code out[0]} (high) and {@code out[1]} (low). The error names the text.
     */
    public static void parse(String text, long[] out) {
        int[] groups = new int[8];
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            throw bad(text, "more than one '::'");
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        int[] headGroups = groups(text, head, doubleColon < 0);
        int[] tailGroups = groups(text, tail, true);
        int total = headGroups.length + tailGroups.length;
        if (doubleColon < 0 ? total != 8 : total > 7) {
            throw bad(text, total + " groups");
        }
        System.arraycopy(headGroups, 0, groups, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, groups, 8 - tailGroups.length, tailGroups.length);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = (high << 16) | groups[i];
            low = (low << 16) | groups[i + 4];
        }
        out[0] = high;
        out[1] = low;
    }

    /** The 16-bit groups of one side of a {@code ::}; a dotted quad may end only the address. */
    private static int[] groups(String text, String part, boolean endsAddress) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] items = part.split(":", -1);
        boolean dottedTail = endsAddress && items[items.length - 1].indexOf('.') >= 0;
        int[] groups = new int[items.length + (dottedTail ? 1 : 0)];
        for (int i = 0; i < items.length; i++) {
            String item = items[i];
            if (dottedTail && i == items.length - 1) {
                int v4 = parseV4(text, item);
                groups[i] = v4 >>> 16;
                groups[i + 1] = v4 & 0xFFFF;
                continue;
            }
            if (item.isEmpty() || item.length() > 4) {
                throw bad(text, "group '" + item + "'");
            }
            int value = 0;
            for (int c = 0; c < item.length(); c++) {
                int digit = Character.digit(item.charAt(c), 16);
                if (digit < 0) {
                    throw bad(text, "group '" + item + "'");
                }
                value = value << 4 | digit;
            }
            groups[i] = value;
        }
        return groups;
    }

    private static int parseV4(String text, String item) {
        try {
            return Ipv4Addresses.parse(item);
        } catch (IllegalArgumentException e) {
            throw bad(text, "embedded IPv4 '" + item + "'");
        }
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not an IPv6 address: " + why);
    }
}
