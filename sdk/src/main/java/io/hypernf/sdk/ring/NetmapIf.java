package io.hypernf.sdk.ring;

import static io.hypernf.sdk.ring.NetmapLayout.*;

import java.nio.charset.StandardCharsets;

/**
 * A reusable flyweight over one {@code struct netmap_if}: the port's name, ring counts and the
 * offsets of its rings relative to the {@code netmap_if} itself.
 *
 * <pre>
 *  0         16           20         24            28            32             36               40               56
 *  | ni_name | ni_version | ni_flags | ni_tx_rings | ni_rx_rings | ni_bufs_head | ni_host_tx_rings | ni_host_rx_rings | ring_ofs[] (i64)
 * </pre>
 * TX ring i is at {@code ring_ofs[i]}; RX ring i at {@code ring_ofs[i + ni_tx_rings + ni_host_tx_rings]}
 * (API 14; the hardware rings come first, then the host rings, in each direction).
 */
public final class NetmapIf {
    private long address;

    public NetmapIf wrap(long ifAddress) { this.address = ifAddress; return this; }

    public long address() { return address; }

    public String name() {
        byte[] raw = new byte[IF_NAME_SIZE];
        NativeMemory.copyToArray(address + IF_NAME, raw, 0, IF_NAME_SIZE);
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.US_ASCII);
    }

    public int version() { return NativeMemory.getInt(address + IF_VERSION); }
    public int flags() { return NativeMemory.getInt(address + IF_FLAGS); }
    public int txRings() { return NativeMemory.getInt(address + IF_TX_RINGS); }
    public int rxRings() { return NativeMemory.getInt(address + IF_RX_RINGS); }
    public int bufsHead() { return NativeMemory.getInt(address + IF_BUFS_HEAD); }
    public int hostTxRings() { return NativeMemory.getInt(address + IF_HOST_TX_RINGS); }
    public int hostRxRings() { return NativeMemory.getInt(address + IF_HOST_RX_RINGS); }
    public long ringOffset(int i) { return NativeMemory.getLong(address + IF_RING_OFS + 8L * i); }

    /** Address of TX ring {@code i} (hardware rings, then host rings). */
    public long txRingAddress(int i) { return address + ringOffset(i); }

    /** Address of RX ring {@code i} (hardware rings, then host rings), API 14 numbering. */
    public long rxRingAddress(int i) { return address + ringOffset(i + txRings() + hostTxRings()); }
}
