package io.hypernf.sdk.nf;

import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.PortCounters;
import io.hypernf.sdk.ring.NativeMemory;
import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.NetmapRing;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only port over one interface of a {@link NetmapRegion}, where the test plays the kernel
 * side: {@link #inject} puts a frame into the RX ring (advancing {@code tail}), and
 * {@link #txSync} "transmits" the slots the runtime queued, recording their bytes and buffer
 * indices. Several of these on one region share its buffer pool, which is what lets the runtime
 * swap buffers. {@link #stallTx} stops transmission so the TX ring fills up.
 */
final class RingTestPort implements Port {
    private final String name;
    private final NetmapRegion region;
    private final NetmapRing rx;
    private final NetmapRing tx;
    private final PortCounters counters = new PortCounters();
    private final List<byte[]> sent = new ArrayList<>();
    private final List<Integer> sentBuffers = new ArrayList<>();
    private final List<Integer> sentFlags = new ArrayList<>();
    private int txNext;
    private int rxReported;
    private boolean record = true;
    private boolean stallTx;
    private boolean endOfInput;
    private boolean closed;
    long sentPackets;
    /** Calls of {@link #txSync}, stalled or not. */
    int txSyncs;

    RingTestPort(String name, NetmapRegion region, int interfaceIndex) {
        this.name = name;
        this.region = region;
        this.rx = region.rxRing(interfaceIndex, 0);
        this.tx = region.txRing(interfaceIndex, 0);
        this.txNext = tx.head();
    }

    /** Writes {@code frame} into the next RX slot; false when the RX ring is full. */
    boolean inject(byte[] frame) {
        int tail = rx.tail();
        if (rx.next(tail) == rx.head()) {
            return false;
        }
        int buf = rx.bufIdx(tail);
        NativeMemory.copyFromArray(frame, 0, region.bufferAddress(buf), frame.length);
        rx.len(tail, frame.length);
        rx.slotFlags(tail, 0);
        rx.tail(rx.next(tail));
        return true;
    }

    /** Marks {@code count} RX slots as received again with length {@code length}, keeping their bytes (no copy, no allocation). */
    int refill(int count, int length) {
        int tail = rx.tail();
        int done = 0;
        while (done < count && rx.next(tail) != rx.head()) {
            rx.len(tail, length);
            tail = rx.next(tail);
            done++;
        }
        rx.tail(tail);
        return done;
    }

    NetmapRing rx() { return rx; }
    NetmapRing tx() { return tx; }
    List<byte[]> sent() { return sent; }
    List<Integer> sentBuffers() { return sentBuffers; }
    List<Integer> sentFlags() { return sentFlags; }
    void record(boolean on) { record = on; }
    void stallTx(boolean on) { stallTx = on; }
    void endOfInput(boolean on) { endOfInput = on; }
    boolean closed() { return closed; }

    @Override public String name() { return name; }
    @Override public NetmapRegion region() { return region; }
    @Override public int rxRingCount() { return 1; }
    @Override public int txRingCount() { return 1; }
    @Override public NetmapRing rxRing(int i) { return rx; }
    @Override public NetmapRing txRing(int i) { return tx; }

    @Override
    public int rxSync() {
        int available = rx.distance(rx.head(), rx.tail());
        int fresh = Math.max(0, available - rxReported);
        rxReported = available;
        return fresh;
    }

    @Override
    public int txSync() {
        txSyncs++;
        if (stallTx) {
            return 0;
        }
        int head = tx.head();
        int n = 0;
        long bytes = 0;
        for (int s = txNext; s != head; s = tx.next(s)) {
            int len = tx.len(s);
            if (record) {
                byte[] copy = new byte[len];
                NativeMemory.copyToArray(tx.bufferAddress(tx.bufIdx(s)), copy, 0, len);
                sent.add(copy);
                sentBuffers.add(tx.bufIdx(s));
                sentFlags.add(tx.slotFlags(s));
            }
            tx.slotFlags(s, 0);
            bytes += len;
            n++;
        }
        txNext = head;
        tx.tail(head == 0 ? tx.numSlots() - 1 : head - 1);
        sentPackets += n;
        counters.transmitted(n, bytes);
        return n;
    }

    @Override
    public boolean poll(boolean wantTx, long timeoutMillis) { return tx.space() > 0 || rx.space() > 0; }

    @Override
    public boolean endOfInput() { return endOfInput; }

    @Override
    public PortCounters counters() { return counters; }

    @Override
    public void close() { closed = true; }
}
