package io.hypernf.sdk.nf;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.RingGeometry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The steady-state forward loop allocates nothing per packet (DESIGN.md, "Zero-copy means"):
 * a million packets through the runtime between two ports of one region, measured with the
 * thread's allocated-bytes counter after a warm-up that lets the JIT settle and fills every
 * buffer's cached ByteBuf.
 */
class ForwardAllocationTest {
    private static final int BATCH = 256;
    private static final int FRAME = 64;

    @Test
    void aMillionForwardedPacketsAllocateAboutNothing() {
        AllocatedBytes allocations = AllocatedBytes.ofCurrentThread();

        try (NetmapRegion region = NetmapRegion.allocate(0, List.of(RingGeometry.simple("in", 1024), RingGeometry.simple("out", 1024)))) {
            RingTestPort in = new RingTestPort("in", region, 0);
            RingTestPort out = new RingTestPort("out", region, 1);
            out.record(false);
            NfRuntime runtime = NfRuntime.builder(new RunOptions(BATCH, IdleMode.SPIN, 100)).port("in", in).port("out", out)
                    .nf("x", new TestNfs.Cross()).connect("x", "a", "in").connect("x", "b", "out").build();

            forward(runtime, in, 300_000);
            long sentBefore = out.sentPackets;
            long before = allocations.now();
            long packets = forward(runtime, in, 1_000_000);
            long allocated = allocations.now() - before;

            assertThat(out.sentPackets - sentBefore).as("every packet was forwarded").isEqualTo(packets);
            double perPacket = (double) allocated / packets;
            System.out.printf("forward loop: %d packets, %d bytes allocated, %.5f B/packet%n", packets, allocated, perPacket);
            assertThat(perPacket).isLessThan(0.01);
        }
    }

    private static long forward(NfRuntime runtime, RingTestPort in, long count) {
        long done = 0;
        while (done < count) {
            in.refill((int) Math.min(BATCH, count - done), FRAME);
            done += runtime.runOnce();
        }
        return done;
    }
}
