package io.hypernf.sdk.nf;

import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.NetmapRing;

/**
 * An external port inside a runtime, with the runtime's side of its TX rings: the next slot to
 * fill ({@link #txHead}, published to the ring once per pass) and the last {@code tail} read
 * ({@link #txTail}, refreshed only when the cached one says the ring is full, so the common case
 * costs no acquire read). Packets received on it go to one NF port ({@link #nf}, {@link #nfPort}).
 */
final class BoundPort {
    final String name;
    final Port port;
    final NetmapRegion region;
    final NetmapRing[] rx;
    final NetmapRing[] tx;
    final int[] txHead;
    final int[] txTail;
    boolean dirty;
    /** Packets handed to the port that it has not sent yet (its TX side was busy): sync again later. */
    boolean txPending;
    /** Whether {@link #flushTx} ran in the current run-loop iteration (the iteration's end then need not sync it again). */
    boolean flushedThisIteration;
    /**
     * Per NF port index: this port's RX packets forwarded there move by a buffer swap into that
     * port's single TX ring (same region), so a {@code Dispatcher.walk} may keep its TX state in
     * locals; null where they may not. Set when the dispatcher is made.
     */
    BoundPort[] swapTarget;
    /** The NF port the last walk over this port's RX forwarded to by swaps, kept for the next walk; -1 for none. */
    int walkVerdict = -1;
    NfNode nf;
    int nfPort;
    /** The dispatcher's number for RX ring 0 of this port (ring i is {@code firstOrigin + i}). */
    int firstOrigin;
    /** RX slots that carried an invalid buffer index or length: skipped and counted. */
    volatile long badSlots;

    BoundPort(String name, Port port) {
        this.name = name;
        this.port = port;
        this.region = port.region();
        this.rx = new NetmapRing[port.rxRingCount()];
        for (int i = 0; i < rx.length; i++) {
            rx[i] = port.rxRing(i);
        }
        this.tx = new NetmapRing[port.txRingCount()];
        this.txHead = new int[tx.length];
        this.txTail = new int[tx.length];
        for (int i = 0; i < tx.length; i++) {
            tx[i] = port.txRing(i);
            txHead[i] = tx[i].head();
            txTail[i] = tx[i].tail();
        }
    }

    /** Hands the filled TX slots to the port: publishes head and cur, then syncs. */
    void flushTx() {
        for (int r = 0; r < tx.length; r++) {
            tx[r].advance(txHead[r]);
        }
        port.txSync();
        boolean pending = false;
        for (int r = 0; r < tx.length; r++) {
            NetmapRing ring = tx[r];
            int tail = ring.tail();
            if (tail >= 0 && tail < ring.numSlots()) {
                txTail[r] = tail;
                // Sent everything: the application owns every slot but one again (txFlushed, from the tail just read).
                pending |= ring.distance(txHead[r], tail) != ring.numSlots() - 1;
            } else {
                // An index outside the ring: treat the ring as full and count it (STYLE.md 13).
                txTail[r] = txHead[r];
                port.counters().error();
            }
        }
        dirty = false;
        txPending = pending;
        flushedThisIteration = true;
    }

    /** Whether every TX slot has been sent: the application owns all of them again. */
    boolean txFlushed() {
        for (NetmapRing ring : tx) {
            int tail = ring.tail();
            if (tail >= 0 && tail < ring.numSlots() && ring.distance(ring.head(), tail) != ring.numSlots() - 1) {
                return false;
            }
        }
        return true;
    }
}
