package io.hypernf.sdk.port.inproc;

import io.hypernf.sdk.port.PortException;
import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.RingGeometry;
import java.util.List;

/**
 * Two in-process port ends on one {@link NetmapRegion} of two interfaces (one per end, one TX and
 * one RX ring each). End 0's TX ring feeds end 1's RX ring and the other way round. The region is
 * freed when every end that was opened has been closed.
 *
 * <p>A pair ({@code pipe == false}) drops what the peer's RX ring cannot take; a pipe keeps it in
 * the sender's TX ring for a later txSync. Opening and closing take one global lock (start-up and
 * shutdown only); the data path takes none.
 */
public final class InprocLink {
    static final Object LOCK = new Object();

    private final String name;
    private final boolean pipe;
    private final NetmapRegion region;
    private final InprocPort[] ends = new InprocPort[2];
    private final boolean[] opened = new boolean[2];
    private final Runnable onFree;
    private boolean freed;

    private InprocLink(String name, boolean pipe, int slots, int bufferSize, Runnable onFree) {
        this.name = name;
        this.pipe = pipe;
        this.onFree = onFree;
        String[] endNames = pipe ? new String[] {name, name.replace('{', '}')} : new String[] {name + "/a", name + "/b"};
        this.region = NetmapRegion.allocate(0, List.of(
                new RingGeometry(endNames[0], 1, 1, slots, slots, bufferSize),
                new RingGeometry(endNames[1], 1, 1, slots, slots, bufferSize)));
        ends[0] = new InprocPort(this, 0);
        ends[1] = new InprocPort(this, 1);
        ends[0].connect(ends[1]);
        ends[1].connect(ends[0]);
    }

    /** A link not entered in {@link InprocLinks}: for programs and tests that wire ports themselves. */
    public static InprocLink create(String name, boolean pipe, int slots, int bufferSize) {
        return new InprocLink(name, pipe, slots, bufferSize, () -> {});
    }

    static InprocLink registered(String name, boolean pipe, int slots, int bufferSize, Runnable onFree) {
        return new InprocLink(name, pipe, slots, bufferSize, onFree);
    }

    public String name() { return name; }
    public boolean isPipe() { return pipe; }
    public NetmapRegion region() { return region; }
    int slots() { return ends[0].txRing(0).numSlots(); }

    /** Opens end {@code index} (0: a or master, 1: b or slave) under the URI {@code uri}. */
    public InprocPort open(int index, String uri) {
        synchronized (LOCK) {
            if (freed) {
                throw new PortException("port '" + uri + "': link '" + name + "' is already closed");
            }
            if (opened[index]) {
                throw new PortException("port '" + uri + "': this end of link '" + name + "' is already open");
            }
            opened[index] = true;
            ends[index].markOpen(uri);
            return ends[index];
        }
    }

    /** Called by an end's close: frees the region once no end is open any more. */
    void endClosed() {
        boolean freeNow;
        synchronized (LOCK) {
            freeNow = !freed && !ends[0].isOpen() && !ends[1].isOpen();
            freed |= freeNow;
        }
        if (freeNow) {
            onFree.run();
            region.close();
        }
    }

    boolean isFreed() {
        synchronized (LOCK) {
            return freed;
        }
    }
}
