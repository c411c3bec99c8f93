package io.hypernf.sdk.port.inproc;

import static io.hypernf.sdk.ring.NetmapLayout.NS_BUF_CHANGED;

import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.PortCounters;
import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.NetmapRing;

/**
 * One end of an {@link InprocLink}. This class is the "kernel side" of its own rings: it owns the
 * TX slots from {@code hwcur} (the next one to send) up to the application's {@code head}, and
 * writes the peer's RX ring from the peer's delivery tail up to one slot before the peer's
 * {@code head} (the one-empty-slot rule, NETMAP-ABI.md).
 *
 * <p>Zero copy: a packet leaves by swapping buffer indices between the TX slot and a free slot of
 * the peer's RX ring, both flagged {@code NS_BUF_CHANGED}; the frame bytes never move.
 *
 * <p>Threads: each end is used by one thread, and the two ends may be on different threads. The
 * peer's delivery tail is a volatile field written only by the peer's txSync and published into
 * this end's RX {@code tail} only by this end's rxSync, so {@code tail} changes only during a sync
 * as on a device. The peer's RX {@code head} is read with acquire ({@link NetmapRing#headAcquire}).
 */
public final class InprocPort implements Port {
    private final InprocLink link;
    private final int index;
    private final NetmapRegion region;
    private final NetmapRing tx;
    private final NetmapRing rx;
    private final PortCounters counters = new PortCounters();
    private final boolean holdWhenFull;

    private InprocPort peer;
    private NetmapRing peerRx;
    private String uri;
    private volatile boolean open;

    /** Next TX slot to send; [hwcur, head) are queued, the rest of the kernel's share is free. */
    private int txHwcur;
    /** End of what the peer delivered into this end's RX ring; written by the peer's thread only. */
    private volatile int rxDelivered;
    /** The RX tail this end published at its last rxSync. */
    private int rxPublished;

    /** End {@code end} (0 or 1) of {@code link}, on interface {@code index} of the link's region. */
    InprocPort(InprocLink link, int end, int index) {
        this.link = link;
        this.index = index;
        this.region = link.region();
        this.tx = region.txRing(index, 0);
        this.rx = region.rxRing(index, 0);
        this.holdWhenFull = link.isPipe();
        this.uri = "inproc:" + link.name() + (end == 0 ? "/a" : "/b");
    }

    void connect(InprocPort other) {
        this.peer = other;
        this.peerRx = region.rxRing(other.index, 0);
    }

    void markOpen(String openedAs) {
        this.uri = openedAs;
        this.open = true;
    }

    boolean isOpen() { return open; }

    /** The link this end belongs to. */
    public InprocLink link() { return link; }

    /** The other end of the link. */
    public InprocPort peer() { return peer; }

    @Override
    public String name() { return uri; }

    @Override
    public NetmapRegion region() { return region; }

    @Override
    public int rxRingCount() { return 1; }

    @Override
    public int txRingCount() { return 1; }

    @Override
    public NetmapRing rxRing(int i) { checkRing(i); return rx; }

    @Override
    public NetmapRing txRing(int i) { checkRing(i); return tx; }

    /**
     * Publishes what the peer delivered since the last call as {@code [head, tail)} of the RX ring
     * and counts it. Slots the application released (by advancing {@code head}) become free for
     * the peer through {@code head} itself, so there is nothing else to do.
     */
    @Override
    public int rxSync() {
        int delivered = rxDelivered;
        int fresh = rx.distance(rxPublished, delivered);
        if (fresh == 0) {
            return 0;
        }
        long bytes = 0;
        for (int slot = rxPublished; slot != delivered; slot = rx.next(slot)) {
            bytes += rx.len(slot);
        }
        rx.tail(delivered);
        rxPublished = delivered;
        counters.received(fresh, bytes);
        return fresh;
    }

    /**
     * Sends TX slots {@code [hwcur, head)} into the peer's RX ring by swapping buffer indices.
     * What the peer cannot take is dropped and counted (pair) or left queued (pipe); a slot with a
     * length above the buffer size or a buffer index outside the pool is dropped and counted as an
     * error. Sent and dropped slots are handed back by moving {@code tail} to just before
     * {@code hwcur}. A {@code head} outside the ring (an application bug) sends nothing and counts
     * an error; a peer whose RX {@code head} is outside its ring gets nothing. Returns the number of
     * packets delivered.
     */
    @Override
    public int txSync() {
        int head = tx.head();
        if (head < 0 || head >= tx.numSlots()) {
            counters.error();
            return 0;
        }
        int queued = tx.distance(txHwcur, head);
        if (queued == 0) {
            return 0;
        }
        int cursor = txHwcur;
        int moved = 0;
        int dropped = 0;
        long bytes = 0;
        if (peer.open) {
            int deliverAt = peer.rxDelivered;
            int peerHead = peerRx.headAcquire();
            int gap = peerRx.distance(deliverAt, peerHead);
            int room = gap == 0 ? peerRx.numSlots() - 1 : gap - 1;
            if (peerHead < 0 || peerHead >= peerRx.numSlots()) {
                room = 0;
                counters.error();
            }
            int bufferSize = region.bufferSize();
            while (queued > 0 && room > 0) {
                int len = tx.len(cursor);
                int buf = tx.bufIdx(cursor);
                if (len > bufferSize || !region.isValidBuffer(buf)) {
                    dropped++;
                    counters.error();
                } else {
                    int freeBuf = peerRx.bufIdx(deliverAt);
                    peerRx.bufIdx(deliverAt, buf);
                    peerRx.len(deliverAt, len);
                    peerRx.slotFlags(deliverAt, NS_BUF_CHANGED);
                    tx.bufIdx(cursor, freeBuf);
                    tx.slotFlags(cursor, NS_BUF_CHANGED);
                    deliverAt = peerRx.next(deliverAt);
                    room--;
                    moved++;
                    bytes += len;
                }
                cursor = tx.next(cursor);
                queued--;
            }
            peer.rxDelivered = deliverAt;
        }
        if (queued > 0 && (!holdWhenFull || !peer.open)) {
            dropped += queued;
            cursor = head;
        }
        txHwcur = cursor;
        tx.tail(cursor == 0 ? tx.numSlots() - 1 : cursor - 1);
        if (moved > 0) {
            counters.transmitted(moved, bytes);
        }
        if (dropped > 0) {
            counters.txDropped(dropped);
        }
        return moved;
    }

    /** Never blocks (the peer is in this process): ready when packets wait or, with {@code wantTx}, TX has room. */
    @Override
    public boolean poll(boolean wantTx, long timeoutMillis) {
        return rx.distance(rx.head(), rxDelivered) > 0 || (wantTx && tx.space() > 0);
    }

    @Override
    public PortCounters counters() { return counters; }

    /** Free slots of this end's RX ring that the peer may still fill (for tests and fixtures). */
    int rxRoom() {
        int head = rx.head();
        if (head < 0 || head >= rx.numSlots()) {
            return 0;
        }
        int gap = rx.distance(rxDelivered, head);
        return gap == 0 ? rx.numSlots() - 1 : gap - 1;
    }

    /** Sends what the peer can still take; drops and counts what stays queued; frees the link when both ends are closed. */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        txSync();
        int head = tx.head();
        if (head >= 0 && head < tx.numSlots()) {
            int stuck = tx.distance(txHwcur, head);
            if (stuck > 0) {
                counters.txDropped(stuck);
                txHwcur = head;
            }
        }
        open = false;
        link.endClosed();
    }

    private static void checkRing(int i) {
        if (i != 0) {
            throw new IndexOutOfBoundsException("ring " + i + " of an in-process port with one ring per direction");
        }
    }

    @Override
    public String toString() { return "InprocPort[" + uri + ", tx " + tx + ", rx " + rx + "]"; }
}
