package io.hypernf.nf.nat;

import io.hypernf.sdk.packet.Ipv4Addresses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The outside addresses a NAT maps inside endpoints to, written as CIDR prefixes or single
 * addresses. Held as a sorted {@code int[]} (network order, compared unsigned) so that the data
 * path finds an address's index by binary search without allocating.
 */
public final class AddressPool {
    /** Most addresses in a pool: each costs 24 KiB of port bitmaps ({@link PortAllocator}). */
    public static final int MAX_ADDRESSES = 1024;

    private final int[] addresses;

    private AddressPool(int[] sortedAddresses) {
        this.addresses = sortedAddresses;
    }

    /**
     * Parses entries such as {@code 203.0.113.1} or {@code 203.0.113.0/30}. A prefix of length
     * below 31 leaves out its network and broadcast addresses, which hosts on that subnet do not
     * answer to. Errors name the entry: {@code '10.0.0.0/33' is not a CIDR ...}.
     */
    public static AddressPool parse(List<String> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("is empty; give at least one address or CIDR prefix");
        }
        List<Integer> all = new ArrayList<>();
        for (String entry : entries) {
            String text = entry.strip();
            int slash = text.indexOf('/');
            if (slash < 0) {
                all.add(address(text, entry));
                continue;
            }
            int length = prefixLength(text.substring(slash + 1), entry);
            int base = address(text.substring(0, slash), entry);
            int mask = length == 0 ? 0 : -1 << (32 - length);
            if ((base & ~mask) != 0) {
                throw new IllegalArgumentException("'" + entry + "' is not a CIDR: host bits are set (network is "
                        + Ipv4Addresses.format(base & mask) + "/" + length + ")");
            }
            long size = 1L << (32 - length);
            long first = length < 31 ? 1 : 0;
            long last = length < 31 ? size - 2 : size - 1;
            if (last - first + 1 + all.size() > MAX_ADDRESSES) {
                throw new IllegalArgumentException("'" + entry + "' holds more than " + MAX_ADDRESSES + " addresses, the most a pool may have");
            }
            for (long i = first; i <= last; i++) {
                all.add(base + (int) i);
            }
        }
        int[] sorted = all.stream().mapToInt(Integer::intValue).map(a -> a ^ Integer.MIN_VALUE).sorted().map(a -> a ^ Integer.MIN_VALUE).toArray();
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("lists " + Ipv4Addresses.format(sorted[i]) + " twice");
            }
        }
        if (sorted.length > MAX_ADDRESSES) {
            throw new IllegalArgumentException("holds " + sorted.length + " addresses, more than the " + MAX_ADDRESSES + " a pool may have");
        }
        return new AddressPool(sorted);
    }

    private static int address(String text, String entry) {
        try {
            return Ipv4Addresses.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + entry + "' is not an IPv4 address or CIDR (a.b.c.d or a.b.c.d/len)");
        }
    }

    private static int prefixLength(String text, String entry) {
        if (text.isEmpty() || text.length() > 2 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(text) > 32) {
            throw new IllegalArgumentException("'" + entry + "' is not a CIDR: the prefix length must be 0..32");
        }
        return Integer.parseInt(text);
    }

    /** Number of addresses. */
    public int size() {
        return addresses.length;
    }

    /** Address {@code i}, in ascending order. */
    public int address(int i) {
        return addresses[i];
    }

    /** The index of {@code address}, or -1 when it is not in the pool. */
    public int indexOf(int address) {
        int low = 0;
        int high = addresses.length - 1;
        int key = address ^ Integer.MIN_VALUE;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int value = addresses[mid] ^ Integer.MIN_VALUE;
            if (value < key) {
                low = mid + 1;
            } else if (value > key) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressPool pool && Arrays.equals(addresses, pool.addresses);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(addresses);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < addresses.length; i++) {
            text.append(i == 0 ? "" : ", ").append(Ipv4Addresses.format(addresses[i]));
        }
        return text.append(']').toString();
    }
}
