package io.hypernf.sdk.nf;

import io.netty.buffer.ByteBuf;

/**
 * What an NF may ask the runtime while it decides a packet: the port the packet arrived on, the
 * run loop's clock, and a buffer for a packet of its own. A {@link PacketBatch} is one; a
 * {@link PacketFunction} gets one with each packet.
 */
public interface PacketContext {

    /** The NF port index the packet (every packet of a batch) arrived on. */
    int inputPort();

    /**
     * The run loop's clock: {@link System#nanoTime()} taken once per run-loop iteration, when
     * first asked for (the same value for every packet and batch of the iteration).
     */
    long nowNanos();

    /**
     * A fresh buffer to build a new packet in (a TCP RST, an ICMP error, a reply), sent out of
     * {@code port} after the current batch: write the frame from index 0 and set the writer index
     * to its length. Returns null, counting a drop, when the port has no room; the buffer stays
     * the runtime's and is valid until the NF returns from the batch or packet it is processing.
     */
    ByteBuf emit(int port);
}
