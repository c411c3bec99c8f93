package io.hypernf.sdk.port.inproc;

import static io.hypernf.sdk.ring.NetmapLayout.NS_BUF_CHANGED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.AllocatedBytes;
import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.NetmapRing;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

/**
 * The steady-state in-process data path allocates nothing per packet: a generator end sends
 * batches, the other end forwards every received packet back out by swapping buffer indices
 * between its RX and TX slots (reading and rewriting a byte through the buffer's ByteBuf view),
 * and the generator consumes what comes back. The thread's allocated bytes are read with
 * {@code com.sun.management.ThreadMXBean} over a million packets after a warm-up.
 */
class InprocZeroAllocationTest {
    private static final int PACKETS = 1_000_000;
    private static final int BATCH = 32;

    @Test
    void aMillionForwardedPacketsAllocateNothing() {
        AllocatedBytes allocations = AllocatedBytes.ofCurrentThread();

        InprocLink link = InprocLink.create("alloc", false, 256, 2048);
        InprocPort generator = link.open(0, "inproc:alloc/a");
        InprocPort forwarder = link.open(1, "inproc:alloc/b");
        try {
            long[] sink = new long[1];
            run(generator, forwarder, 300_000, sink);
            long before = allocations.now();
            long forwarded = run(generator, forwarder, PACKETS, sink);
            long allocated = allocations.now() - before;

            assertThat(forwarded).isGreaterThanOrEqualTo(PACKETS);
            assertThat(forwarder.counters().txDropped()).isZero();
            assertThat(allocated).as("bytes allocated while forwarding %d packets", PACKETS).isLessThan(8 * 1024);
            System.out.printf("in-process forward loop: %d packets, %d bytes allocated (%.5f B/packet), checksum %d%n",
                    PACKETS, allocated, (double) allocated / PACKETS, sink[0]);
        } finally {
            generator.close();
            forwarder.close();
        }
    }

    /** Runs until {@code packets} packets came back to the generator; returns the forwarder's count. */
    private static long run(InprocPort generator, InprocPort forwarder, int packets, long[] sink) {
        NetmapRegion region = generator.region();
        NetmapRing genTx = generator.txRing(0);
        NetmapRing genRx = generator.rxRing(0);
        NetmapRing fwdRx = forwarder.rxRing(0);
        NetmapRing fwdTx = forwarder.txRing(0);
        long start = forwarder.counters().txPackets();
        int returned = 0;
        long checksum = sink[0];
        while (returned < packets) {
            int head = genTx.head();
            int n = Math.min(BATCH, genTx.space());
            for (int i = 0; i < n; i++) {
                genTx.len(head, 60 + (i & 7));
                head = genTx.next(head);
            }
            genTx.head(head);
            genTx.cur(head);
            generator.txSync();

            forwarder.rxSync();
            int rx = fwdRx.head();
            int rxTail = fwdRx.tail();
            int tx = fwdTx.head();
            int room = fwdTx.space();
            while (rx != rxTail && room > 0) {
                int buf = fwdRx.bufIdx(rx);
                ByteBuf view = region.buffer(buf);
                view.setByte(0, view.getByte(0) + 1);
                int freeBuf = fwdTx.bufIdx(tx);
                fwdTx.bufIdx(tx, buf);
                fwdTx.len(tx, fwdRx.len(rx));
                fwdTx.slotFlags(tx, NS_BUF_CHANGED);
                fwdRx.bufIdx(rx, freeBuf);
                fwdRx.slotFlags(rx, NS_BUF_CHANGED);
                rx = fwdRx.next(rx);
                tx = fwdTx.next(tx);
                room--;
            }
            fwdRx.head(rx);
            fwdRx.cur(rx);
            fwdTx.head(tx);
            fwdTx.cur(tx);
            forwarder.txSync();

            generator.rxSync();
            int back = genRx.head();
            int backTail = genRx.tail();
            while (back != backTail) {
                checksum += genRx.len(back);
                back = genRx.next(back);
                returned++;
            }
            genRx.head(back);
            genRx.cur(back);
        }
        sink[0] = checksum;
        return forwarder.counters().txPackets() - start;
    }
}
