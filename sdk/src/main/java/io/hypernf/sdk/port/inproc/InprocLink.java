package io.hypernf.sdk.port.inproc;

import io.hypernf.sdk.port.PortException;
import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.RingGeometry;
import java.util.List;

/**
 * Two in-process port ends on two interfaces of one {@link NetmapRegion} (one TX and one RX ring
 * each). End 0's TX ring feeds end 1's RX ring and the other way round. A link either owns a
 * region of its own, freed when every end that was opened has been closed, or uses two
 * interfaces of an {@link InprocGroup}'s region, shared with the group's other links so that
 * packets move between links by buffer swaps too.
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
    private final boolean ownsRegion;
    private boolean freed;

    private InprocLink(String name, boolean pipe, NetmapRegion region, int firstInterface, boolean ownsRegion, Runnable onFree) {
        this.name = name;
        this.pipe = pipe;
        this.region = region;
        this.ownsRegion = ownsRegion;
        this.onFree = onFree;
        ends[0] = new InprocPort(this, 0, firstInterface);
        ends[1] = new InprocPort(this, 1, firstInterface + 1);
        ends[0].connect(ends[1]);
        ends[1].connect(ends[0]);
    }

    /** A link on a region of its own, not entered in {@link InprocLinks}: for programs and tests that wire ports themselves. */
    public static InprocLink create(String name, boolean pipe, int slots, int bufferSize) {
        return new InprocLink(name, pipe, ownRegion(name, pipe, slots, bufferSize), 0, true, () -> {});
    }

    static InprocLink registered(String name, boolean pipe, int slots, int bufferSize, Runnable onFree) {
        return new InprocLink(name, pipe, ownRegion(name, pipe, slots, bufferSize), 0, true, onFree);
    }

    /** A link on interfaces {@code firstInterface} and {@code firstInterface + 1} of a group's region. */
    static InprocLink inGroup(String name, boolean pipe, NetmapRegion region, int firstInterface, Runnable onFree) {
        return new InprocLink(name, pipe, region, firstInterface, false, onFree);
    }

    private static NetmapRegion ownRegion(String name, boolean pipe, int slots, int bufferSize) {
        String[] endNames = pipe ? new String[] {name, name.replace('{', '}')} : new String[] {name + "/a", name + "/b"};
        return NetmapRegion.allocate(0, List.of(
                new RingGeometry(endNames[0], 1, 1, slots, slots, bufferSize),
                new RingGeometry(endNames[1], 1, 1, slots, slots, bufferSize)));
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

    /** Called by an end's close: once no end is open any more, frees the link (and its own region). */
    void endClosed() {
        boolean freeNow;
        synchronized (LOCK) {
            freeNow = !freed && !ends[0].isOpen() && !ends[1].isOpen();
            freed |= freeNow;
        }
        if (freeNow) {
            onFree.run();
            if (ownsRegion) {
                region.close();
            }
        }
    }
}
