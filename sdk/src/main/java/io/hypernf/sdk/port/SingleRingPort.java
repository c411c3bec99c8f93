package io.hypernf.sdk.port;

import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.NetmapRing;

/**
 * A port with one RX and one TX ring in a region of its own (interface 0 of that region), whose
 * kernel side is this SDK's code: {@code afpacket:} and {@code pcap:}. It holds what such ports
 * share — the name, the region, the two ring flyweights and the counters — so a subclass writes
 * only its syncs, poll and close. The rings are final fields so the data path reads them
 * directly; ring indexes other than 0 are a caller's bug and throw.
 */
public abstract class SingleRingPort implements Port {
    private final String kind;
    private final String name;
    /** The region holding both rings; the subclass closes it in {@link #close()}. */
    protected final NetmapRegion region;
    protected final NetmapRing rxRing;
    protected final NetmapRing txRing;
    protected final PortCounters counters = new PortCounters();

    /**
     * @param kind the scheme, for messages ({@code "afpacket"})
     * @param name the port's URI
     * @param region a region of one interface with one ring per direction, owned by the port from now on
     */
    protected SingleRingPort(String kind, String name, NetmapRegion region) {
        this.kind = kind;
        this.name = name;
        this.region = region;
        this.rxRing = region.rxRing(0, 0);
        this.txRing = region.txRing(0, 0);
    }

    @Override public final String name() { return name; }
    @Override public final NetmapRegion region() { return region; }
    @Override public final int rxRingCount() { return 1; }
    @Override public final int txRingCount() { return 1; }
    @Override public final PortCounters counters() { return counters; }

    @Override
    public final NetmapRing rxRing(int i) {
        checkRing(i);
        return rxRing;
    }

    @Override
    public final NetmapRing txRing(int i) {
        checkRing(i);
        return txRing;
    }

    /**
     * The application's {@code head} of {@code ring}, read with acquire order (the slots before it
     * are filled or released), or -1 after counting an error when it lies outside the ring: a
     * corrupt head must not send a sync over slots that do not exist (netmap's
     * {@code nm_txsync_prologue} and {@code nm_rxsync_prologue} refuse it the same way).
     */
    protected final int acquireHead(NetmapRing ring) {
        int head = ring.headAcquire();
        if (head < 0 || head >= ring.numSlots()) {
            counters.error();
            return -1;
        }
        return head;
    }

    private void checkRing(int i) {
        if (i != 0) {
            throw new IndexOutOfBoundsException(kind + " port '" + name + "' has one ring per direction, not " + (i + 1));
        }
    }
}
