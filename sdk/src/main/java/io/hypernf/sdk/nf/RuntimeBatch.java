package io.hypernf.sdk.nf;

import io.netty.buffer.ByteBuf;

/**
 * The runtime's {@link PacketBatch}: the packets waiting for one port of one NF, as indices into
 * the {@link Dispatcher}'s pass. One per NF port, made at start-up and refilled for every batch;
 * a packet handed from NF A to chained NF B moves as an index, its buffer staying where it is.
 */
final class RuntimeBatch implements PacketBatch {
    private final Dispatcher dispatcher;
    private final NfNode owner;
    private final int inputPort;
    private final int[] entries;
    private int size;
    private long bytes;

    RuntimeBatch(Dispatcher dispatcher, NfNode owner, int inputPort, int capacity) {
        this.dispatcher = dispatcher;
        this.owner = owner;
        this.inputPort = inputPort;
        this.entries = new int[capacity];
    }

    /** Adds an entry of {@code length} bytes (its length when it joined, for the bytes-in counter). */
    void add(int entry, int length) { entries[size++] = entry; bytes += length; }
    /** Adds an entry whose bytes the caller counts with {@link #addBytes} (once per receive, not per packet). */
    void append(int entry) { entries[size++] = entry; }
    void addBytes(long count) { bytes += count; }
    int entry(int i) { return entries[i]; }
    long bytes() { return bytes; }
    void clear() { size = 0; bytes = 0; }

    @Override
    public int size() { return size; }

    @Override
    public Packet packet(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("packet " + i + " of a batch of " + size);
        }
        return dispatcher.holder(entries[i]);
    }

    @Override
    public int inputPort() { return inputPort; }

    @Override
    public long nowNanos() { return dispatcher.now(); }

    @Override
    public ByteBuf emit(int port) { return dispatcher.emit(owner, port); }
}
