package io.hypernf.sdk.nf;

/**
 * The packets that arrived on one port of an NF, processed together. Made once by the runtime
 * and refilled for every batch. Its {@link PacketContext} side ({@link #inputPort()},
 * {@link #nowNanos()}, {@link #emit}) is the same for every packet of the batch.
 */
public interface PacketBatch extends PacketContext {

    /** Number of packets in this batch. */
    int size();

    /** Packet {@code i}, {@code 0 <= i < size()}; the holder is reused by the next batch. */
    Packet packet(int i);
}
