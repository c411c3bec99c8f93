package io.hypernf.bench;

import io.hypernf.sdk.nf.IdleMode;
import io.hypernf.sdk.nf.NetworkFunction;
import io.hypernf.sdk.nf.NfRuntime;
import io.hypernf.sdk.nf.RunOptions;
import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.NetmapRing;
import io.hypernf.sdk.ring.RingGeometry;
import java.util.List;

/**
 * An NF inside the SDK runtime on the C loop's rings: one {@code netmap_if} with one RX and one
 * TX ring of {@link #SLOTS} slots and 2048-byte buffers; the NF's port 0 receives from the RX
 * ring and its port 1 sends into the TX ring ({@link BareRingPort}). One invocation does what one operation of {@code bench/c-ref/macswap.c} does:
 * <ol>
 *   <li>producer (kernel side of RX): sets the length of {@link InprocHarness#PACKETS_PER_OP}
 *       slots and advances RX {@code tail}, as {@code produce()} in C;</li>
 *   <li>{@link NfRuntime#runOnce} {@code PACKETS_PER_OP / batch} times, each taking one batch: the
 *       runtime's receive, the NF, verdicts (buffer swaps into TX), head/cur publication;</li>
 *   <li>consumer (kernel side of TX): every sent slot is free again, as {@code consume()} in C.</li>
 * </ol>
 */
final class BareRingHarness implements AutoCloseable {
    static final int SLOTS = 1024;

    private final NetmapRegion region;
    private final NetmapRing rx;
    private final NetmapRing tx;
    private final NfRuntime runtime;
    private final TrafficFrames frames;
    private final int runsPerOp;

    /**
     * Runs {@code nf} over fresh rings; the producer writes the next frame of {@code frames} into
     * each buffer it hands over, or only sets the length when {@code frames} is null.
     */
    BareRingHarness(NetworkFunction nf, int batch, TrafficFrames frames) {
        if (InprocHarness.PACKETS_PER_OP % batch != 0) {
            throw new IllegalArgumentException("batch " + batch + " does not divide " + InprocHarness.PACKETS_PER_OP);
        }
        this.region = NetmapRegion.allocate(0, List.of(new RingGeometry("ring", 1, 1, SLOTS, SLOTS, 2048)));
        this.rx = region.rxRing(0, 0);
        this.tx = region.txRing(0, 0);
        for (int b = NetmapRegion.RESERVED_BUFFERS; b < region.bufferCount(); b++) {
            TrafficFrames.writeMacs(region.bufferAddress(b));
        }
        this.runtime = NfRuntime.builder(new RunOptions(batch, IdleMode.SPIN, 0))
                .port("in", BareRingPort.receiving(region))
                .port("out", BareRingPort.sending(region))
                .nf(nf.name(), nf)
                .connect(nf.name(), nf.portNames().get(0), "in")
                .connect(nf.name(), nf.portNames().get(1), "out")
                .build();
        this.frames = frames;
        this.runsPerOp = InprocHarness.PACKETS_PER_OP / batch;
    }

    NfRuntime runtime() { return runtime; }
    NetmapRegion region() { return region; }
    NetmapRing rx() { return rx; }
    NetmapRing tx() { return tx; }

    /** One benchmark operation; returns the packets the NF sent. */
    int invoke() {
        int txHead = tx.head();
        produce(InprocHarness.PACKETS_PER_OP);
        for (int i = 0; i < runsPerOp; i++) {
            runtime.runOnce();
        }
        int sent = tx.distance(txHead, tx.head());
        consume();
        return sent;
    }

    /** Kernel side of RX: hands up to {@code count} frames to the application. */
    int produce(int count) {
        int tail = rx.tail();
        int head = rx.headAcquire();
        int limit = head == 0 ? SLOTS - 1 : head - 1;
        int made = 0;
        while (made < count && tail != limit) {
            int length = TrafficFrames.FRAME_LENGTH;
            if (frames != null) {
                length = frames.copyNext(region.bufferAddress(rx.bufIdx(tail)));
            }
            rx.len(tail, length);
            tail = rx.next(tail);
            made++;
        }
        rx.tail(tail);
        return made;
    }

    /** Kernel side of TX: every slot the application sent is free again. */
    void consume() {
        int head = tx.headAcquire();
        tx.tail(head == 0 ? SLOTS - 1 : head - 1);
    }

    @Override
    public void close() {
        runtime.close();
        region.close();
    }
}
