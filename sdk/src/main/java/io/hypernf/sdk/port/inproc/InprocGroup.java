package io.hypernf.sdk.port.inproc;

import io.hypernf.sdk.port.PortException;
import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.NetmapRing;
import io.hypernf.sdk.ring.RingGeometry;
import java.util.ArrayList;
import java.util.List;

/**
 * Several in-process links on one region ({@code inproc:NAME/a?group=G&links=K}): every link of
 * group G gets two interfaces of the same buffer pool, so an NF that forwards from one link to
 * another swaps buffer indices instead of copying (DESIGN.md "zero copy"). The region is sized
 * for {@code links} links when the group's first link opens and freed when its last link closes;
 * a link's interfaces are reused, with fresh ring indices, after it closes.
 */
final class InprocGroup {
    private final String name;
    private final NetmapRegion region;
    private final InprocLink[] links;
    private final int slots;
    private final int bufferSize;
    private final Runnable onEmpty;

    InprocGroup(String name, int capacity, int slots, int bufferSize, Runnable onEmpty) {
        this.name = name;
        this.slots = slots;
        this.bufferSize = bufferSize;
        this.onEmpty = onEmpty;
        List<RingGeometry> interfaces = new ArrayList<>();
        for (int i = 0; i < 2 * capacity; i++) {
            interfaces.add(new RingGeometry(name.length() > 10 ? "g" + i : name + "." + i, 1, 1, slots, slots, bufferSize));
        }
        this.region = NetmapRegion.allocate(0, interfaces);
        this.links = new InprocLink[capacity];
    }

    NetmapRegion region() { return region; }
    int slots() { return slots; }
    int bufferSize() { return bufferSize; }

    /** A new link on the first free pair of interfaces; the caller holds {@link InprocLink#LOCK}. */
    InprocLink newLink(String linkName, boolean pipe, String uri, Runnable onFree) {
        for (int k = 0; k < links.length; k++) {
            if (links[k] == null) {
                resetRings(2 * k);
                resetRings(2 * k + 1);
                int slot = k;
                links[k] = InprocLink.inGroup(linkName, pipe, region, 2 * k, () -> {
                    onFree.run();
                    linkFreed(slot);
                });
                return links[k];
            }
        }
        throw new PortException("port '" + uri + "': group '" + name + "' already holds " + links.length
                + " links; open its first link with a larger links=N");
    }

    private void linkFreed(int k) {
        synchronized (InprocLink.LOCK) {
            links[k] = null;
            for (InprocLink l : links) {
                if (l != null) {
                    return;
                }
            }
            onEmpty.run();
            region.close();
        }
    }

    /** Initial ring state (TX: all but one slot free; RX: empty) on an interface a closed link used. */
    private void resetRings(int k) {
        NetmapRing tx = region.txRing(k, 0);
        NetmapRing rx = region.rxRing(k, 0);
        tx.head(0);
        tx.cur(0);
        tx.tail(tx.numSlots() - 1);
        rx.head(0);
        rx.cur(0);
        rx.tail(0);
        for (int s = 0; s < tx.numSlots(); s++) {
            tx.slotFlags(s, 0);
            rx.slotFlags(s, 0);
        }
    }
}
