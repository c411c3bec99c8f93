package io.hypernf.sdk.packet;

/**
 * An independent, deliberately naive Internet checksum over {@code byte[]} (RFC 1071 section 4.1,
 * the C reference: add 16-bit words, add a trailing odd byte as the high half, fold carries, invert).
 * Tests compare {@link InternetChecksum} and the flyweights against it; it shares no code with them.
 */
final class ReferenceChecksum {
    private ReferenceChecksum() {}

    /** Checksum of {@code data[offset, offset + length)} with {@code initialSum} (a pseudo-header sum) added. */
    static int checksum(byte[] data, int offset, int length, long initialSum) {
        long sum = initialSum;
        int count = length;
        int i = offset;
        while (count > 1) {
            sum += ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
            i += 2;
            count -= 2;
        }
        if (count > 0) {
            sum += (data[i] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    static int checksum(byte[] data, int offset, int length) {
        return checksum(data, offset, length, 0);
    }

    /** Pseudo-header sum from its bytes, built the way RFC 793 3.1 draws it. */
    static long ipv4PseudoSum(int source, int destination, int protocol, int length) {
        byte[] pseudo = {
            (byte) (source >>> 24), (byte) (source >>> 16), (byte) (source >>> 8), (byte) source,
            (byte) (destination >>> 24), (byte) (destination >>> 16), (byte) (destination >>> 8), (byte) destination,
            0, (byte) protocol, (byte) (length >>> 8), (byte) length
        };
        return wordSum(pseudo);
    }

    /** RFC 8200 8.1 pseudo-header: addresses, 32-bit length, 3 zero bytes, next header. */
    static long ipv6PseudoSum(byte[] source, byte[] destination, int nextHeader, int length) {
        byte[] pseudo = new byte[40];
        System.arraycopy(source, 0, pseudo, 0, 16);
        System.arraycopy(destination, 0, pseudo, 16, 16);
        pseudo[32] = (byte) (length >>> 24);
        pseudo[33] = (byte) (length >>> 16);
        pseudo[34] = (byte) (length >>> 8);
        pseudo[35] = (byte) length;
        pseudo[39] = (byte) nextHeader;
        return wordSum(pseudo);
    }

    private static long wordSum(byte[] bytes) {
        long sum = 0;
        for (int i = 0; i + 1 < bytes.length; i += 2) {
            sum += ((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF);
        }
        return sum;
    }
}
