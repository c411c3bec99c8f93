package io.hypernf.sdk.packet;

import io.netty.buffer.ByteBuf;

/**
 * The Internet checksum (RFC 1071): the 16-bit one's complement of the one's complement sum of
 * the data taken as big-endian 16-bit words, plus its incremental update (RFC 1624).
 *
 * <p>Sums are carried in a {@code long} and folded at the end, so partial sums of any range up to
 * 2^47 bytes can be added together before {@link #fold}. A range of odd length is padded with one
 * zero byte (RFC 1071 section 4.1); a range that starts at an odd offset inside a larger checksummed
 * block must not be summed on its own (sum the whole block, or byte-swap the partial sum).
 *
 * <p>Incremental update, RFC 1624 equation 3: {@code HC' = ~(~HC + ~m + m')}, where {@code HC} is
 * the old checksum field, {@code m} the old value of a 16-bit field and {@code m'} its new value.
 * Unlike equation 2 of RFC 1141 it never produces the 0x0000 / 0xFFFF ambiguity wrongly.
 */
public final class InternetChecksum {
    private InternetChecksum() {}

    /** Sum of {@code length} bytes of {@code buf} from {@code offset} as big-endian 16-bit words, not folded. */
    public static long sum(ByteBuf buf, int offset, int length) {
        long sum = 0;
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            long word = buf.getLong(i);
            sum += (word >>> 48) + ((word >>> 32) & 0xFFFF) + ((word >>> 16) & 0xFFFF) + (word & 0xFFFF);
        }
        for (; i + 2 <= end; i += 2) {
            sum += buf.getUnsignedShort(i);
        }
        if (i < end) {
            sum += buf.getUnsignedByte(i) << 8;
        }
        return sum;
    }

    /** Folds a wide sum into 16 bits with end-around carries; the result is in {@code [0, 0xFFFF]}. */
    public static int fold(long sum) {
        sum = (sum & 0xFFFF_FFFFL) + (sum >>> 32);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        return (int) sum;
    }

    /** The checksum of a finished sum: {@code ~fold(sum)} in 16 bits. */
    public static int finish(long sum) {
        return ~fold(sum) & 0xFFFF;
    }

    /** The checksum of a byte range (the field it will be stored in must be zero, or excluded, in the range). */
    public static int compute(ByteBuf buf, int offset, int length) {
        return finish(sum(buf, offset, length));
    }

    /**
     * Whether a range that contains its own checksum field is intact: its sum folds to 0xFFFF
     * (RFC 1071 section 1, "(2) To check a checksum").
     */
    public static boolean verify(ByteBuf buf, int offset, int length) {
        return fold(sum(buf, offset, length)) == 0xFFFF;
    }

    /** Sum of the IPv4 pseudo-header (RFC 793 3.1 / RFC 768): source, destination, zero, protocol, length. */
    public static long ipv4PseudoHeaderSum(int source, int destination, int protocol, int length) {
        return (source >>> 16) + (source & 0xFFFF) + (destination >>> 16) + (destination & 0xFFFF)
                + (protocol & 0xFF) + (length & 0xFFFF);
    }

    /**
     * Sum of the IPv6 pseudo-header (RFC 8200 8.1): source, destination, 32-bit upper-layer length,
     * three zero bytes, next header. The destination is the final one (the last address of a
     * Routing header, if any).
     */
    public static long ipv6PseudoHeaderSum(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow,
                                           int nextHeader, long length) {
        return sumWords(sourceHigh) + sumWords(sourceLow) + sumWords(destinationHigh) + sumWords(destinationLow)
                + (length >>> 16 & 0xFFFF) + (length & 0xFFFF) + (nextHeader & 0xFF);
    }

    /** The four 16-bit words of a long, summed. */
    public static long sumWords(long value) {
        return (value >>> 48) + ((value >>> 32) & 0xFFFF) + ((value >>> 16) & 0xFFFF) + (value & 0xFFFF);
    }

    /** RFC 1624 eqn. 3 for a 16-bit field at an even offset of the checksummed data: returns the new checksum. */
    public static int update16(int checksum, int oldValue, int newValue) {
        long sum = (~checksum & 0xFFFF) + (~oldValue & 0xFFFF) + (newValue & 0xFFFF);
        return ~fold(sum) & 0xFFFF;
    }

    /**
     * As {@link #update16} for a 16-bit field that sits at an odd offset of the checksummed data
     * (a TCP option value after a single NOP): its bytes land in two different words, which in one's
     * complement arithmetic is the same as adding the byte-swapped value.
     */
    public static int update16Unaligned(int checksum, int oldValue, int newValue) {
        return update16(checksum, swap16(oldValue), swap16(newValue));
    }

    /** RFC 1624 eqn. 3 for a 32-bit field (an IPv4 address) at an even offset: two 16-bit updates in one sum. */
    public static int update32(int checksum, int oldValue, int newValue) {
        long sum = (~checksum & 0xFFFF)
                + (~(oldValue >>> 16) & 0xFFFF) + (~oldValue & 0xFFFF)
                + (newValue >>> 16) + (newValue & 0xFFFF);
        return ~fold(sum) & 0xFFFF;
    }

    /** RFC 1624 eqn. 3 for a 64-bit field (half an IPv6 address): four 16-bit updates in one sum. */
    public static int update64(int checksum, long oldValue, long newValue) {
        long sum = (~checksum & 0xFFFF) + sumWords(~oldValue) + sumWords(newValue);
        return ~fold(sum) & 0xFFFF;
    }

    private static int swap16(int value) {
        return ((value & 0xFF) << 8) | ((value >>> 8) & 0xFF);
    }
}
