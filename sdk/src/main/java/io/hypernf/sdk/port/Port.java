package io.hypernf.sdk.port;

import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.NetmapRing;

/**
 * A network port seen through netmap-ABI rings: the application (the NF runtime) owns slots
 * {@code [head, tail)} of each ring and hands them back by advancing {@code head} and syncing;
 * the port's kernel side (a device, or this SDK's code for files, sockets and in-process ports)
 * owns the rest. See {@link NetmapRing} for the ordering rules.
 *
 * <p>Data-path methods return counts and never throw: a full ring is a short count and a counted
 * drop (STYLE.md 4). Setup errors (bad URI, missing device, permission) are exceptions thrown by
 * the factory that opens the port, naming what was wrong. A port is used by one thread.
 */
public interface Port extends AutoCloseable {

    /** The URI this port was opened with, e.g. {@code pcap:in.pcap} or {@code afpacket:veth0}. */
    String name();

    /** The memory holding this port's rings and buffers; two ports with the same region may swap buffers. */
    NetmapRegion region();

    int rxRingCount();

    int txRingCount();

    /** RX ring {@code i}; the same flyweight object on every call. */
    NetmapRing rxRing(int i);

    /** TX ring {@code i}; the same flyweight object on every call. */
    NetmapRing txRing(int i);

    /**
     * Asks the kernel side for received packets: afterwards each RX ring's {@code [head, tail)}
     * holds the packets the application has not consumed yet, and slots the application released
     * (by advancing {@code head}) are free again. Returns how many packets became newly available.
     */
    int rxSync();

    /**
     * Hands the TX slots the application filled (up to {@code head}) to the kernel side for
     * transmission and reclaims sent slots by advancing {@code tail}. Returns how many packets
     * were handed over by this call.
     */
    int txSync();

    /**
     * Waits up to {@code timeoutMillis} (0: do not wait) until an RX ring holds packets or, when
     * {@code wantTx} is set, a TX ring has room. Returns whether the port is ready. Ports that
     * cannot block (files, in-process) return at once.
     */
    boolean poll(boolean wantTx, long timeoutMillis);

    /**
     * Whether the port's input is finished for good (the end of a capture file): no packet will
     * ever be received again. Live ports always answer false.
     */
    default boolean endOfInput() {
        return false;
    }

    /** Packets, bytes and drops of this port, updated by its sync calls. */
    PortCounters counters();

    /** Flushes pending TX (best effort, bounded in time) and releases every resource. Idempotent. */
    @Override
    void close();
}
