package io.hypernf.nf.firewall;

/**
 * An address prefix of a rule ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, a single address, or
 * {@code any}) in one 128-bit space: IPv4 addresses live at {@code ::ffff:a.b.c.d}, the
 * IPv4-mapped range of RFC 4291 §2.5.5.2, so an IPv4 {@code /n} is a {@code /(96+n)} there. One
 * representation lets the classifier mask and hash both families with the same code.
 *
 * @param high    the first 64 bits of the prefix, bits beyond {@code length} zero
 * @param low     the last 64 bits of the prefix, bits beyond {@code length} zero
 * @param length  prefix length in the 128-bit space, 0 for {@code any}
 * @param family  4, 6, or 0 for {@code any}
 */
public record AddressPrefix(long high, long low, int length, int family) {

    /** Where IPv4 addresses sit in the 128-bit space: {@code ::ffff:0:0/96}. */
    public static final long IPV4_MAPPED_LOW = 0x0000_ffff_0000_0000L;

    public static final AddressPrefix ANY = new AddressPrefix(0, 0, 0, 0);

    /** The high half of the mask of a prefix of {@code length} bits in the 128-bit space. */
    public static long maskHigh(int length) {
        return length <= 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
    }

    /** The low half of the mask of a prefix of {@code length} bits in the 128-bit space. */
    public static long maskLow(int length) {
        return length <= 64 ? 0 : length >= 128 ? -1L : -1L << (128 - length);
    }

    /** Whether the 128-bit address {@code (addrHigh, addrLow)} lies inside this prefix. */
    public boolean contains(long addrHigh, long addrLow) {
        return ((addrHigh & maskHigh(length)) == high) && ((addrLow & maskLow(length)) == low);
    }

    /**
     * Parses {@code any}, an address, or address/length, for either family. Returns null with a
     * reason in {@code error[0]} when the text is not one (the parser adds file and line).
     */
    public static AddressPrefix parse(String text, String[] error) {
        if (text.equals("any")) {
            return ANY;
        }
        String address = text;
        int explicitLength = -1;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            address = text.substring(0, slash);
            String lengthText = text.substring(slash + 1);
            if (lengthText.isEmpty() || lengthText.length() > 3 || !lengthText.chars().allMatch(Character::isDigit)) {
                error[0] = "'" + text + "' has a bad prefix length '" + lengthText + "'";
                return null;
            }
            explicitLength = Integer.parseInt(lengthText);
        }
        if (address.indexOf(':') >= 0) {
            long[] words = new long[2];
            if (!parseIpv6(address, words)) {
                error[0] = "'" + address + "' is not an IPv6 address";
                return null;
            }
            int length = explicitLength < 0 ? 128 : explicitLength;
            if (length > 128) {
                error[0] = "'" + text + "': an IPv6 prefix length is at most 128";
                return null;
            }
            return aligned(words[0], words[1], length, 6, text, error);
        }
        long v4 = parseIpv4(address);
        if (v4 < 0) {
            error[0] = "'" + address + "' is not an IPv4 address (four decimal bytes, e.g. 10.0.0.1)";
            return null;
        }
        int length = explicitLength < 0 ? 32 : explicitLength;
        if (length > 32) {
            error[0] = "'" + text + "': an IPv4 prefix length is at most 32";
            return null;
        }
        return aligned(0, IPV4_MAPPED_LOW | v4, 96 + length, 4, text, error);
    }

    /** Host bits set below the prefix length are an error, as in VPP's acl plugin and pf: they hide typos. */
    private static AddressPrefix aligned(long high, long low, int length, int family, String text, String[] error) {
        if ((high & ~maskHigh(length)) != 0 || (low & ~maskLow(length)) != 0) {
            error[0] = "'" + text + "' has host bits set beyond the prefix length";
            return null;
        }
        return new AddressPrefix(high, low, length, family);
    }

    /** Strict dotted quad: exactly four decimal parts 0..255, no leading zeros (they read as octal elsewhere). */
    static long parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                return -1;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return -1;
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    /**
     * RFC 4291 §2.2 text forms: eight groups, one {@code ::}, and an optional trailing dotted quad.
     * Written here rather than through {@code InetAddress} so that no text can start a DNS lookup.
     */
    static boolean parseIpv6(String text, long[] out) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        int[] groups = new int[8];
        int count;
        if (doubleColon < 0) {
            count = parseGroups(text, groups, 0, true);
            if (count != 8) {
                return false;
            }
        } else {
            String head = text.substring(0, doubleColon);
            String tail = text.substring(doubleColon + 2);
            int[] tailGroups = new int[8];
            int headCount = head.isEmpty() ? 0 : parseGroups(head, groups, 0, false);
            int tailCount = tail.isEmpty() ? 0 : parseGroups(tail, tailGroups, 0, true);
            if (headCount < 0 || tailCount < 0 || headCount + tailCount > 7) {
                return false;
            }
            System.arraycopy(tailGroups, 0, groups, 8 - tailCount, tailCount);
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = (high << 16) | groups[i];
            low = (low << 16) | groups[i + 4];
        }
        out[0] = high;
        out[1] = low;
        return true;
    }

    /** Parses colon-separated hex groups into {@code groups}; returns how many, or -1. */
    private static int parseGroups(String text, int[] groups, int start, boolean allowDottedQuad) {
        String[] parts = text.split(":", -1);
        int index = start;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (allowDottedQuad && i == parts.length - 1 && part.indexOf('.') >= 0) {
                long v4 = parseIpv4(part);
                if (v4 < 0 || index + 2 > 8) {
                    return -1;
                }
                groups[index++] = (int) (v4 >>> 16);
                groups[index++] = (int) (v4 & 0xffff);
                continue;
            }
            if (part.isEmpty() || part.length() > 4 || index >= 8) {
                return -1;
            }
            int value = 0;
            for (int c = 0; c < part.length(); c++) {
                int digit = Character.digit(part.charAt(c), 16);
                if (digit < 0) {
                    return -1;
                }
                value = (value << 4) | digit;
            }
            groups[index++] = value;
        }
        return index - start;
    }

    @Override
    public String toString() {
        if (family == 0) {
            return "any";
        }
        if (family == 4) {
            long v4 = low & 0xffff_ffffL;
            return (v4 >>> 24) + "." + ((v4 >>> 16) & 255) + "." + ((v4 >>> 8) & 255) + "." + (v4 & 255) + "/" + (length - 96);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            long word = i < 4 ? high : low;
            int group = (int) ((word >>> (48 - 16 * (i % 4))) & 0xffff);
            text.append(i == 0 ? "" : ":").append(Integer.toHexString(group));
        }
        return text.append('/').append(length).toString();
    }
}
