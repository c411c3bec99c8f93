package io.hypernf.bench;

import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.PortCounters;
import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.NetmapRing;

/**
 * A port that is nothing but one RX and one TX ring of a {@link NetmapRegion}, whose kernel side
 * is the benchmark itself ({@link BareRingHarness}): syncs do no work, exactly as the C loop's
 * rings have no kernel behind them but its own producer and consumer. It lets the SDK runtime run
 * on the same rings, laid out the same way, as {@code bench/c-ref/macswap.c}, so that the ratio
 * of the two is the price of the runtime and nothing else.
 *
 * <p>One such port only receives (the RX ring, no TX ring) and another only sends (the TX ring,
 * no RX ring), so that an NF forwarding from its port 0 to its port 1 moves packets from the RX
 * ring to the TX ring of one interface, as the C loop does.
 */
final class BareRingPort implements Port {
    private final NetmapRegion region;
    private final NetmapRing rx;
    private final NetmapRing tx;
    private final PortCounters counters = new PortCounters();

    private BareRingPort(NetmapRegion region, NetmapRing rx, NetmapRing tx) {
        this.region = region;
        this.rx = rx;
        this.tx = tx;
    }

    /** The RX ring of interface 0 of {@code region}, and no TX ring. */
    static BareRingPort receiving(NetmapRegion region) { return new BareRingPort(region, region.rxRing(0, 0), null); }

    /** The TX ring of interface 0 of {@code region}, and no RX ring. */
    static BareRingPort sending(NetmapRegion region) { return new BareRingPort(region, null, region.txRing(0, 0)); }

    @Override public String name() { return "bench:" + region.interfaceName(0); }
    @Override public NetmapRegion region() { return region; }
    @Override public int rxRingCount() { return rx == null ? 0 : 1; }
    @Override public int txRingCount() { return tx == null ? 0 : 1; }

    @Override
    public NetmapRing rxRing(int i) {
        if (rx == null || i != 0) {
            throw new IndexOutOfBoundsException("RX ring " + i + " of a port with " + rxRingCount());
        }
        return rx;
    }

    @Override
    public NetmapRing txRing(int i) {
        if (tx == null || i != 0) {
            throw new IndexOutOfBoundsException("TX ring " + i + " of a port with " + txRingCount());
        }
        return tx;
    }

    /** The producer advanced RX {@code tail} itself: nothing to fetch. */
    @Override public int rxSync() { return 0; }

    /** The consumer moves TX {@code tail} itself: nothing to hand over. */
    @Override public int txSync() { return 0; }

    @Override public boolean poll(boolean wantTx, long timeoutMillis) { return true; }
    @Override public PortCounters counters() { return counters; }

    /** The harness closes the region. */
    @Override public void close() {}
}
