package io.hypernf.sdk.nf;

import static io.hypernf.sdk.ring.NetmapLayout.NS_BUF_CHANGED;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static io.hypernf.sdk.nf.TestRegions.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.ring.NativeMemory;
import io.hypernf.sdk.ring.NetmapLayout;
import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.NetmapRing;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NfRuntimeTest {
    private final TestRegions regions = new TestRegions();

    @AfterEach
    void freeRegions() {
        regions.close();
    }

    private static byte[] frame(String text) {
        return text.getBytes(US_ASCII);
    }

    private static RunOptions options(int batch) {
        return new RunOptions(batch, IdleMode.SPIN, 500);
    }

    @Test
    void forwardInOneRegionSwapsBufferIndicesInsteadOfCopying() {
        NetmapRegion shared = regions.region(2, 16);
        RingTestPort in = new RingTestPort("in", shared, 0);
        RingTestPort out = new RingTestPort("out", shared, 1);
        NfRuntime runtime = NfRuntime.builder(options(32)).port("in", in).port("out", out)
                .nf("x", new TestNfs.Cross()).connect("x", "a", "in").connect("x", "b", "out").build();

        List<Integer> rxBuffers = new ArrayList<>();
        List<Integer> txBuffers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rxBuffers.add(in.rx().bufIdx(i));
            txBuffers.add(out.tx().bufIdx(i));
            assertThat(in.inject(frame("packet-" + i))).isTrue();
        }
        assertThat(runtime.runOnce()).isEqualTo(3);

        assertThat(texts(out.sent())).containsExactly("packet-0", "packet-1", "packet-2");
        assertThat(out.sentBuffers()).as("the RX buffers themselves went out").isEqualTo(rxBuffers);
        assertThat(out.sentFlags()).allMatch(f -> (f & NS_BUF_CHANGED) != 0);
        for (int i = 0; i < 3; i++) {
            assertThat(in.rx().bufIdx(i)).as("RX slot %d got the TX slot's former buffer", i).isEqualTo(txBuffers.get(i));
            assertThat(in.rx().slotFlags(i) & NS_BUF_CHANGED).isEqualTo(NS_BUF_CHANGED);
        }
        assertThat(in.rx().head()).as("RX slots released").isEqualTo(3);
        assertThat(runtime.nfCounters(0).packetsIn()).isEqualTo(3);
        assertThat(runtime.nfCounters(0).packetsOut()).isEqualTo(3);
        assertThat(runtime.nfCounters(0).bytesOut()).isEqualTo(3 * 8);
    }

    @Test
    void forwardBetweenRegionsCopiesTheBytes() {
        RingTestPort in = new RingTestPort("in", regions.region(1, 16), 0);
        RingTestPort out = new RingTestPort("out", regions.region(1, 16), 0);
        NfRuntime runtime = NfRuntime.builder(options(32)).port("in", in).port("out", out)
                .nf("x", new TestNfs.Cross()).connect("x", "a", "in").connect("x", "b", "out").build();
        int ownTxBuffer = out.tx().bufIdx(0);
        int rxBuffer = in.rx().bufIdx(0);
        in.inject(frame("copied"));
        runtime.runOnce();
        assertThat(texts(out.sent())).containsExactly("copied");
        assertThat(out.sentBuffers()).containsExactly(ownTxBuffer);
        assertThat(out.sentFlags()).containsExactly(0);
        assertThat(in.rx().bufIdx(0)).isEqualTo(rxBuffer);
    }

    @Test
    void packetsCrossAChainWithinOnePassWithoutCopies() {
        NetmapRegion shared = regions.region(2, 16);
        RingTestPort in = new RingTestPort("in", shared, 0);
        RingTestPort out = new RingTestPort("out", shared, 1);
        TestNfs.Recorder first = new TestNfs.Recorder();
        NfRuntime runtime = NfRuntime.builder(options(32)).port("in", in).port("out", out)
                .nf("first", first).nf("second", new TestNfs.Stamp()).nf("third", new TestNfs.Stamp())
                .connect("first", "a", "in").link("first", "b", "second", "a")
                .link("second", "b", "third", "a").connect("third", "b", "out").build();
        int rxBuffer = in.rx().bufIdx(0);
        in.inject(frame("chain-0"));
        in.inject(frame("chain-5"));
        assertThat(runtime.runOnce()).isEqualTo(2);

        assertThat(texts(out.sent())).as("both Stamp NFs touched each packet").containsExactly("chain-2", "chain-7");
        assertThat(out.sentBuffers().get(0)).as("one buffer travelled the whole chain").isEqualTo(rxBuffer);
        for (int nf = 0; nf < 3; nf++) {
            assertThat(runtime.nfCounters(nf).packetsIn()).isEqualTo(2);
            assertThat(runtime.nfCounters(nf).packetsOut()).isEqualTo(2);
        }

        out.inject(frame("back-0"));
        runtime.runOnce();
        assertThat(texts(in.sent())).as("chains carry packets both ways").containsExactly("back-2");
        assertThat(first.seen).containsExactly("chain-0", "chain-5", "back-2");
    }

    @Test
    void floodCopiesToEveryOtherPortIncludingChainedNfs() {
        RingTestPort a = new RingTestPort("a", regions.region(1, 16), 0);
        RingTestPort b = new RingTestPort("b", regions.region(1, 16), 0);
        RingTestPort c = new RingTestPort("c", regions.region(1, 16), 0);
        TestNfs.Recorder next = new TestNfs.Recorder();
        NfRuntime runtime = NfRuntime.builder(options(32)).port("a", a).port("b", b).port("c", c)
                .nf("hub", new TestNfs.Coded("p0", "p1", "p2")).nf("next", next)
                .connect("hub", "p0", "a").connect("hub", "p1", "b").link("hub", "p2", "next", "a").connect("next", "b", "c").build();
        a.inject(frame("F-one"));
        runtime.runOnce();
        assertThat(texts(b.sent())).containsExactly("F-one");
        assertThat(texts(c.sent())).containsExactly("F-one");
        assertThat(next.seen).containsExactly("F-one");
        assertThat(a.sent()).as("never back out of the input port").isEmpty();
        assertThat(runtime.nfCounters(0).packetsOut()).isEqualTo(2);
    }

    @Test
    void emittedPacketsLeaveAfterTheBatch() {
        NetmapRegion shared = regions.region(2, 16);
        RingTestPort a = new RingTestPort("a", shared, 0);
        RingTestPort b = new RingTestPort("b", shared, 1);
        NfRuntime runtime = NfRuntime.builder(options(32)).port("a", a).port("b", b)
                .nf("coded", new TestNfs.Coded("p0", "p1")).connect("coded", "p0", "a").connect("coded", "p1", "b").build();
        a.inject(frame("R-ping"));
        a.inject(frame("1-data"));
        runtime.runOnce();
        assertThat(texts(a.sent())).containsExactly("r-ping");
        assertThat(texts(b.sent())).containsExactly("1-data");
        NfCounters counters = runtime.nfCounters(0);
        assertThat(counters.emitted()).isEqualTo(1);
        assertThat(counters.consumed()).isEqualTo(1);
        assertThat(counters.packetsOut()).isEqualTo(2);
        assertThat(counters.dropped()).isZero();
    }

    @Test
    void aFullTxRingDropsAndCountsTxFull() {
        NetmapRegion shared = regions.region(2, 8);
        RingTestPort in = new RingTestPort("in", shared, 0);
        RingTestPort out = new RingTestPort("out", shared, 1);
        NfRuntime runtime = NfRuntime.builder(options(32)).port("in", in).port("out", out)
                .nf("x", new TestNfs.Cross()).connect("x", "a", "in").connect("x", "b", "out").build();
        out.stallTx(true);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 7; i++) {
                assertThat(in.inject(frame("p" + round + i))).isTrue();
            }
            runtime.runOnce();
        }
        assertThat(runtime.nfCounters(0).dropped(DropReason.TX_FULL)).as("a ring of 8 slots holds 7").isEqualTo(7);
        assertThat(runtime.nfCounters(0).packetsOut()).isEqualTo(7);
        assertThat(out.counters().txDropped()).as("the port shows the drops too").isEqualTo(7);
        out.stallTx(false);
        runtime.runOnce();
        assertThat(texts(out.sent())).containsExactly("p00", "p01", "p02", "p03", "p04", "p05", "p06");
    }

    @Test
    void dropsAreCountedByReasonAndMissingVerdictsAreNeverSilent() {
        RingTestPort in = new RingTestPort("in", regions.region(1, 16), 0);
        RingTestPort out = new RingTestPort("out", regions.region(1, 16), 0);
        TestNfs.Coded coded = new TestNfs.Coded("p0", "p1");
        NfRuntime runtime = NfRuntime.builder(options(32)).port("in", in).port("out", out)
                .nf("coded", coded).connect("coded", "p0", "in").connect("coded", "p1", "out").build();
        for (String f : List.of("D-a", "D-b", "Z-c", "N-d", "N-e", "N-f", "7-g", "C-h", "1-i")) {
            in.inject(frame(f));
        }
        runtime.runOnce();
        NfCounters c = runtime.nfCounters(0);
        assertThat(c.dropped(TestNfs.Coded.BAD_FRAME)).isEqualTo(2);
        assertThat(c.dropped(RuntimeDrops.NO_REASON)).isEqualTo(1);
        assertThat(c.dropped(DropReason.NO_VERDICT)).isEqualTo(3);
        assertThat(c.dropped(DropReason.BAD_PORT)).isEqualTo(1);
        assertThat(c.consumed()).isEqualTo(1);
        assertThat(c.dropped()).isEqualTo(7);
        assertThat(c.packetsIn()).isEqualTo(9);
        assertThat(texts(out.sent())).containsExactly("1-i");
        assertThat(c.dropsByReason()).contains("coded/bad-frame=2", "runtime/no-verdict=3");
    }

    @Test
    void anNfThatThrowsLosesItsBatchButNotTheRuntime() {
        RingTestPort in = new RingTestPort("in", regions.region(1, 16), 0);
        RingTestPort out = new RingTestPort("out", regions.region(1, 16), 0);
        NfRuntime runtime = NfRuntime.builder(options(32)).port("in", in).port("out", out)
                .nf("coded", new TestNfs.Coded("p0", "p1")).connect("coded", "p0", "in").connect("coded", "p1", "out").build();
        in.inject(frame("1-before"));
        in.inject(frame("X-boom"));
        in.inject(frame("1-after"));
        runtime.runOnce();
        NfCounters c = runtime.nfCounters(0);
        assertThat(c.errors()).isEqualTo(1);
        assertThat(c.dropped(RuntimeDrops.NF_ERROR)).as("the packets left without verdict").isEqualTo(2);
        assertThat(texts(out.sent())).containsExactly("1-before");
        in.inject(frame("1-later"));
        runtime.runOnce();
        assertThat(texts(out.sent())).containsExactly("1-before", "1-later");
    }

    @Test
    void packetsBouncingBetweenChainedNfsAreDroppedAsALoop() {
        RingTestPort in = new RingTestPort("in", regions.region(1, 16), 0);
        RingTestPort out = new RingTestPort("out", regions.region(1, 16), 0);
        NfRuntime runtime = NfRuntime.builder(options(32)).port("in", in).port("out", out)
                .nf("left", new TestNfs.Coded("p0", "p1")).nf("right", new TestNfs.Coded("p0", "p1"))
                .connect("left", "p0", "in").link("left", "p1", "right", "p1").connect("right", "p0", "out").build();
        in.inject(frame("1-ping-pong"));
        runtime.runOnce();
        long loops = runtime.nfCounters(0).dropped(RuntimeDrops.CHAIN_LOOP) + runtime.nfCounters(1).dropped(RuntimeDrops.CHAIN_LOOP);
        assertThat(loops).isEqualTo(1);
        assertThat(runtime.nfCounters(0).packetsIn() + runtime.nfCounters(1).packetsIn()).isEqualTo(Dispatcher.MAX_HOPS + 1);
    }

    @Test
    void invalidRxSlotsAreSkippedAndCounted() {
        NetmapRegion shared = regions.region(2, 16);
        RingTestPort in = new RingTestPort("in", shared, 0);
        RingTestPort out = new RingTestPort("out", shared, 1);
        NfRuntime runtime = NfRuntime.builder(options(32)).port("in", in).port("out", out)
                .nf("x", new TestNfs.Cross()).connect("x", "a", "in").connect("x", "b", "out").build();
        in.inject(frame("good"));
        in.inject(frame("bad-index"));
        in.rx().bufIdx(1, 1);
        in.inject(frame("bad-len"));
        in.rx().len(2, 60000);
        runtime.runOnce();
        assertThat(runtime.badSlots(0)).isEqualTo(2);
        assertThat(texts(out.sent())).containsExactly("good");
        assertThat(in.rx().head()).isEqualTo(3);
    }

    @Test
    void ringIndicesOutsideTheRingAreCountedAndNeverFollowed() {
        NetmapRegion shared = regions.region(2, 16);
        RingTestPort in = new RingTestPort("in", shared, 0);
        RingTestPort out = new RingTestPort("out", shared, 1);
        NfRuntime runtime = NfRuntime.builder(options(32)).port("in", in).port("out", out)
                .nf("x", new TestNfs.Cross()).connect("x", "a", "in").connect("x", "b", "out").build();
        NativeMemory.putInt(in.rx().address() + NetmapLayout.RING_TAIL, 4000);
        assertThat(runtime.runOnce()).isZero();
        assertThat(in.counters().errors()).isEqualTo(1);
        assertThat(in.rx().head()).isZero();

        NativeMemory.putInt(in.rx().address() + NetmapLayout.RING_TAIL, 0);
        out.stallTx(true);
        for (int i = 0; i < 15; i++) {
            in.inject(frame("f" + i));
        }
        NativeMemory.putInt(out.tx().address() + NetmapLayout.RING_TAIL, -7);
        runtime.runOnce();
        for (int i = 0; i < 15; i++) {
            in.inject(frame("g" + i));
        }
        runtime.runOnce();
        assertThat(out.counters().errors()).as("a bad TX tail is an error, not a license to write on").isPositive();
        assertThat(runtime.nfCounters(0).packetsOut()).as("nothing written past the last good tail").isEqualTo(15);
        assertThat(runtime.nfCounters(0).dropped(DropReason.TX_FULL)).isEqualTo(15);
    }

    @Test
    void runEndsAtEndOfInputWithEverythingSent() {
        RingTestPort in = new RingTestPort("in", regions.region(1, 64), 0);
        RingTestPort out = new RingTestPort("out", regions.region(1, 64), 0);
        NfRuntime runtime = NfRuntime.builder(new RunOptions(4, IdleMode.BLOCK, 500)).port("in", in).port("out", out)
                .nf("x", new TestNfs.Cross()).connect("x", "a", "in").connect("x", "b", "out").build();
        for (int i = 0; i < 10; i++) {
            in.inject(frame("eoi-" + i));
        }
        in.endOfInput(true);
        out.endOfInput(true);
        assertThat(runtime.run()).isEqualTo(NfRuntime.StopCause.END_OF_INPUT);
        assertThat(out.sent()).hasSize(10);
        runtime.close();
        assertThat(in.closed()).isTrue();
        assertThat(out.closed()).isTrue();
    }

    @Test
    void stopFlushesQueuedTxBeforeReturning() throws Exception {
        NetmapRegion shared = regions.region(2, 64);
        RingTestPort in = new RingTestPort("in", shared, 0);
        RingTestPort out = new RingTestPort("out", shared, 1);
        TestNfs.Coded coded = new TestNfs.Coded("p0", "p1");
        NfRuntime runtime = NfRuntime.builder(new RunOptions(32, IdleMode.BLOCK, 2000)).port("in", in).port("out", out)
                .nf("coded", coded).connect("coded", "p0", "in").connect("coded", "p1", "out").build();
        out.stallTx(true);
        for (int i = 0; i < 5; i++) {
            in.inject(frame("1-queued-" + i));
        }
        CompletableFuture<NfRuntime.StopCause> done = CompletableFuture.supplyAsync(runtime::run);
        NetmapRing tx = out.tx();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (tx.space() == tx.numSlots() - 1 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(out.sent()).as("nothing left while stalled").isEmpty();
        out.stallTx(false);
        runtime.stop();
        assertThat(done.get(5, TimeUnit.SECONDS)).isEqualTo(NfRuntime.StopCause.STOPPED);
        assertThat(out.sent()).hasSize(5);
        assertThat(coded.ticks).as("tick() ran while idle").isPositive();
        runtime.close();
    }

    @Test
    void stopProcessesThePacketsAlreadyReceived() {
        NetmapRegion shared = regions.region(2, 64);
        RingTestPort in = new RingTestPort("in", shared, 0);
        RingTestPort out = new RingTestPort("out", shared, 1);
        NfRuntime[] runtime = new NfRuntime[1];
        NetworkFunction stopsAtOnce = new NetworkFunction() {
            @Override public String name() { return "stopper"; }
            @Override public List<String> portNames() { return List.of("a", "b"); }
            @Override public void process(PacketBatch batch) {
                runtime[0].stop();
                for (int i = 0; i < batch.size(); i++) {
                    batch.packet(i).forward(1 - batch.inputPort());
                }
            }
        };
        runtime[0] = NfRuntime.builder(new RunOptions(4, IdleMode.SPIN, 2000)).port("in", in).port("out", out)
                .nf("stopper", stopsAtOnce).connect("stopper", "a", "in").connect("stopper", "b", "out").build();
        for (int i = 0; i < 40; i++) {
            assertThat(in.inject(frame("received-" + i))).isTrue();
        }

        assertThat(runtime[0].run()).isEqualTo(NfRuntime.StopCause.STOPPED);

        assertThat(out.sent()).as("stopped during the first batch of 4, yet all 40 received packets went out").hasSize(40);
        assertThat(texts(out.sent())).startsWith("received-0", "received-1").endsWith("received-39");
        assertThat(runtime[0].nfCounters(0).packetsIn()).isEqualTo(40);
        assertThat(in.rx().head()).as("every RX slot released").isEqualTo(40);
        runtime[0].close();
    }
}
