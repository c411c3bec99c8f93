package io.hypernf.sdk.nf;

import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.RingGeometry;
import java.util.List;

/**
 * Spare packet buffers of the runtime, for packets that exist in no RX slot: emitted packets and
 * the extra copies a flood sends into a chained NF. They live in a small region of their own
 * (netmap-layout, so the same {@code ByteBuf}-per-buffer rule holds) and are handed out from a
 * stack; every buffer taken during a pass is given back when the pass ends, so the pool never
 * leaks and never allocates after start-up.
 */
final class ScratchPool implements AutoCloseable {
    private final NetmapRegion region;
    private final int[] free;
    private int freeCount;

    ScratchPool(int buffers, int bufferSize) {
        int size = Math.max(2048, (bufferSize + 63) & ~63);
        this.region = NetmapRegion.allocate(buffers, List.of(new RingGeometry("scratch", 1, 1, 2, 2, size)));
        this.free = new int[buffers];
        int first = region.bufferCount() - buffers;
        for (int i = 0; i < buffers; i++) {
            free[i] = first + buffers - 1 - i;
        }
        this.freeCount = buffers;
    }

    NetmapRegion region() { return region; }

    int capacity() { return free.length; }

    /** A free buffer index, or -1 when every buffer is in use. */
    int take() { return freeCount == 0 ? -1 : free[--freeCount]; }

    void give(int bufIdx) { free[freeCount++] = bufIdx; }

    @Override
    public void close() { region.close(); }
}
