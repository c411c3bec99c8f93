package io.hypernf.sdk.nf;

import static io.hypernf.sdk.ring.NetmapLayout.NS_BUF_CHANGED;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static io.hypernf.sdk.nf.TestRegions.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.ring.NetmapRegion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime's one-walk pass for {@link PacketFunction}s ({@code Dispatcher.walk}): the same
 * verdict rules as a batch, applied slot by slot — buffer swaps into the TX ring, drops by reason,
 * emits, chains, a full TX ring in the middle of a walk, an NF that throws on one packet.
 */
class PacketFunctionWalkTest {
    private final TestRegions regions = new TestRegions();

    @AfterEach
    void freeRegions() {
        regions.close();
    }

    private static void inject(RingTestPort port, String... frames) {
        for (String f : frames) {
            assertThat(port.inject(f.getBytes(US_ASCII))).as("room for %s", f).isTrue();
        }
    }

    private static NfRuntime coded(int batch, RingTestPort in, RingTestPort out) {
        return NfRuntime.builder(new RunOptions(batch, IdleMode.SPIN, 500)).port("in", in).port("out", out)
                .nf("coded", new TestNfs.CodedPerPacket("p0", "p1"))
                .connect("coded", "p0", "in").connect("coded", "p1", "out").build();
    }

    @Test
    void forwardsSwapBuffersAndEveryOtherVerdictIsCountedInOneWalk() {
        NetmapRegion shared = regions.region(2, 16);
        RingTestPort in = new RingTestPort("in", shared, 0);
        RingTestPort out = new RingTestPort("out", shared, 1);
        NfRuntime runtime = coded(32, in, out);
        List<Integer> rxBuffers = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            rxBuffers.add(in.rx().bufIdx(i));
        }
        int firstTxBuffer = out.tx().bufIdx(0);
        inject(in, "1-a", "D-b", "1-c", "Z-d", "N-e", "C-f", "7-g", "1-h", "0-i");

        assertThat(runtime.runOnce()).isEqualTo(9);

        assertThat(texts(out.sent())).containsExactly("1-a", "1-c", "1-h");
        assertThat(out.sentBuffers()).as("the RX buffers themselves went out")
                .containsExactly(rxBuffers.get(0), rxBuffers.get(2), rxBuffers.get(7));
        assertThat(out.sentFlags()).allMatch(f -> (f & NS_BUF_CHANGED) != 0);
        assertThat(in.rx().bufIdx(0)).as("RX slot 0 got the TX slot's former buffer").isEqualTo(firstTxBuffer);
        assertThat(in.rx().slotFlags(0) & NS_BUF_CHANGED).isEqualTo(NS_BUF_CHANGED);
        assertThat(texts(in.sent())).as("a forward back out of the input port copies nothing wrong").containsExactly("0-i");
        assertThat(in.rx().head()).as("every slot of the walk released").isEqualTo(9);
        NfCounters c = runtime.nfCounters(0);
        assertThat(c.packetsIn()).isEqualTo(9);
        assertThat(c.bytesIn()).isEqualTo(27);
        assertThat(c.packetsOut()).isEqualTo(4);
        assertThat(c.bytesOut()).isEqualTo(12);
        assertThat(c.dropped(TestNfs.Coded.BAD_FRAME)).isEqualTo(1);
        assertThat(c.dropped(RuntimeDrops.NO_REASON)).isEqualTo(1);
        assertThat(c.dropped(DropReason.NO_VERDICT)).isEqualTo(1);
        assertThat(c.dropped(DropReason.BAD_PORT)).isEqualTo(1);
        assertThat(c.consumed()).isEqualTo(1);
    }

    @Test
    void batchOfOneKeepsOrderAcrossWalks() {
        NetmapRegion shared = regions.region(2, 16);
        RingTestPort in = new RingTestPort("in", shared, 0);
        RingTestPort out = new RingTestPort("out", shared, 1);
        NfRuntime runtime = coded(1, in, out);
        inject(in, "1-a", "D-b", "1-c", "1-d");
        int taken = 0;
        for (int i = 0; i < 4; i++) {
            taken += runtime.runOnce();
        }
        assertThat(taken).isEqualTo(4);
        assertThat(texts(out.sent())).containsExactly("1-a", "1-c", "1-d");
        assertThat(runtime.nfCounters(0).packetsOut()).isEqualTo(3);
    }

    @Test
    void aPacketThatEmitsLeavesInOrderAndItsEmitAfterTheWalk() {
        NetmapRegion shared = regions.region(2, 16);
        RingTestPort in = new RingTestPort("in", shared, 0);
        RingTestPort out = new RingTestPort("out", shared, 1);
        NfRuntime runtime = coded(32, in, out);
        inject(in, "1-x", "E-y", "1-z", "R-ping");
        runtime.runOnce();
        assertThat(texts(out.sent())).containsExactly("1-x", "E-y", "1-z");
        assertThat(texts(in.sent())).containsExactly("e-y", "r-ping");
        NfCounters c = runtime.nfCounters(0);
        assertThat(c.emitted()).isEqualTo(2);
        assertThat(c.consumed()).isEqualTo(1);
        assertThat(c.packetsOut()).isEqualTo(5);
        assertThat(c.dropped()).isZero();
    }

    @Test
    void anNfThatThrowsLosesOnlyThePacketItThrewOn() {
        RingTestPort in = new RingTestPort("in", regions.region(1, 16), 0);
        RingTestPort out = new RingTestPort("out", regions.region(1, 16), 0);
        NfRuntime runtime = coded(32, in, out);
        inject(in, "1-before", "X-boom", "1-after");
        runtime.runOnce();
        NfCounters c = runtime.nfCounters(0);
        assertThat(c.errors()).isEqualTo(1);
        assertThat(c.dropped(RuntimeDrops.NF_ERROR)).isEqualTo(1);
        assertThat(texts(out.sent())).as("copied between regions, in order").containsExactly("1-before", "1-after");
    }

    @Test
    void aTxRingFillingUpInTheMiddleOfAWalkDropsTheRestAsTxFull() {
        NetmapRegion shared = regions.region(2, 8);
        RingTestPort in = new RingTestPort("in", shared, 0);
        RingTestPort out = new RingTestPort("out", shared, 1);
        NfRuntime runtime = coded(32, in, out);
        out.stallTx(true);
        inject(in, "1-a0", "1-a1", "1-a2", "1-a3", "1-a4");
        runtime.runOnce();
        inject(in, "1-b0", "1-b1", "1-b2", "1-b3", "1-b4");
        runtime.runOnce();
        NfCounters c = runtime.nfCounters(0);
        assertThat(c.dropped(DropReason.TX_FULL)).as("a ring of 8 slots holds 7").isEqualTo(3);
        assertThat(c.packetsOut()).isEqualTo(7);
        out.stallTx(false);
        runtime.runOnce();
        assertThat(texts(out.sent())).containsExactly("1-a0", "1-a1", "1-a2", "1-a3", "1-a4", "1-b0", "1-b1");
        inject(in, "1-c0");
        runtime.runOnce();
        assertThat(texts(out.sent())).as("room again once the port sent").endsWith("1-c0");
    }

    @Test
    void aPortWithTxPendingIsSyncedOncePerIteration() {
        NetmapRegion shared = regions.region(2, 16);
        RingTestPort in = new RingTestPort("in", shared, 0);
        RingTestPort out = new RingTestPort("out", shared, 1);
        NfRuntime runtime = coded(32, in, out);
        out.stallTx(true);
        inject(in, "1-a");
        runtime.runOnce();
        assertThat(out.txSyncs).as("the pass flushed it; the iteration's end does not sync it again").isEqualTo(1);
        runtime.runOnce();
        assertThat(out.txSyncs).as("still pending, no pass flushed it: synced at the iteration's end").isEqualTo(2);
        out.stallTx(false);
        runtime.runOnce();
        assertThat(texts(out.sent())).containsExactly("1-a");
        runtime.runOnce();
        assertThat(out.txSyncs).as("nothing pending any more").isEqualTo(3);
    }

    @Test
    void walkingNfsHandPacketsToChainedNfsWithoutCopies() {
        NetmapRegion shared = regions.region(2, 16);
        RingTestPort in = new RingTestPort("in", shared, 0);
        RingTestPort out = new RingTestPort("out", shared, 1);
        NfRuntime runtime = NfRuntime.builder(new RunOptions(32, IdleMode.SPIN, 500)).port("in", in).port("out", out)
                .nf("first", new TestNfs.CodedPerPacket("p0", "p1")).nf("stamp", new TestNfs.Stamp())
                .connect("first", "p0", "in").link("first", "p1", "stamp", "a").connect("stamp", "b", "out").build();
        int rxBuffer = in.rx().bufIdx(0);
        inject(in, "1-chain0", "D-gone", "1-chain5");
        runtime.runOnce();
        assertThat(texts(out.sent())).containsExactly("1-chain1", "1-chain6");
        assertThat(out.sentBuffers().get(0)).as("one buffer travelled the whole chain").isEqualTo(rxBuffer);
        assertThat(runtime.nfCounters(1).packetsIn()).isEqualTo(2);
    }

    @Test
    void floodAndInvalidSlotsBehaveAsInABatch() {
        NetmapRegion shared = regions.region(3, 16);
        RingTestPort a = new RingTestPort("a", shared, 0);
        RingTestPort b = new RingTestPort("b", shared, 1);
        RingTestPort c = new RingTestPort("c", shared, 2);
        NfRuntime runtime = NfRuntime.builder(new RunOptions(32, IdleMode.SPIN, 500)).port("a", a).port("b", b).port("c", c)
                .nf("hub", new TestNfs.CodedPerPacket("p0", "p1", "p2"))
                .connect("hub", "p0", "a").connect("hub", "p1", "b").connect("hub", "p2", "c").build();
        inject(a, "F-one", "bad-index", "2-two", "bad-len");
        a.rx().bufIdx(1, 1);
        a.rx().len(3, 60000);
        runtime.runOnce();
        assertThat(runtime.badSlots(0)).isEqualTo(2);
        assertThat(texts(b.sent())).containsExactly("F-one");
        assertThat(texts(c.sent())).containsExactly("F-one", "2-two");
        assertThat(a.sent()).as("never back out of the input port").isEmpty();
        assertThat(a.rx().head()).isEqualTo(4);
    }
}
