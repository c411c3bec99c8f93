package io.hypernf.sdk.nf;

import io.netty.buffer.ByteBuf;

/**
 * The packets that arrived on one port of an NF, processed together. Made once by the runtime
 * and refilled for every batch.
 */
public interface PacketBatch {

    /** Number of packets in this batch. */
    int size();

    /** Packet {@code i}, {@code 0 <= i < size()}; the holder is reused by the next batch. */
    Packet packet(int i);

    /** The NF port index all packets of this batch arrived on. */
    int inputPort();

    /**
     * The run loop's clock for this batch: {@link System#nanoTime()} taken once per run-loop
     * iteration, when first asked for (the same value for every batch of the iteration).
     */
    long nowNanos();

    /**
     * A fresh buffer to build a new packet in (a TCP RST, an ICMP error, a reply), sent out of
     * {@code port} after this batch: write the frame from index 0 and set the writer index to its
     * length. Returns null, counting a drop, when the port has no room; the buffer stays the
     * runtime's and is valid until {@link NetworkFunction#process} returns.
     */
    ByteBuf emit(int port);
}
