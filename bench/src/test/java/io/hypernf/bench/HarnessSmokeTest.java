package io.hypernf.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.ring.NativeMemory;
import io.hypernf.sdk.ring.NetmapRing;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks measure what they claim: every packet of an invocation reaches the consumer with
 * its MAC addresses swapped. A few invocations each, no timing (speed is measured by bench/run).
 */
class HarnessSmokeTest {

    @Test
    void ringLoopForwardsEveryPacketWithMacsSwapped() {
        for (int batch : new int[] {1, 8, 32, 256}) {
            RingMacSwapBenchmark bench = new RingMacSwapBenchmark();
            bench.batch = batch;
            bench.setUp();
            try {
                for (int i = 0; i < 10; i++) {
                    assertThat(bench.forward()).as("batch %d, invocation %d", batch, i).isEqualTo(InprocHarness.PACKETS_PER_OP);
                }
                NetmapRing rx = bench.rxRing();
                NetmapRing tx = bench.txRing();
                int txSlot = tx.head();
                assertThat(bench.produce(1)).isEqualTo(1);
                TrafficFrames.writeMacs(bench.frame(rx, rx.head()));
                assertThat(bench.swapBatch(batch)).isEqualTo(1);
                assertSwapped(bench.frame(tx, txSlot));
            } finally {
                bench.tearDown();
            }
        }
    }

    @Test
    void runtimeForwardsEveryPacketWithMacsSwapped() {
        for (int batch : new int[] {1, 8, 32, 256}) {
            RuntimeMacSwapBenchmark bench = new RuntimeMacSwapBenchmark();
            bench.batch = batch;
            bench.ports = "inproc";
            bench.setUp();
            try {
                InprocHarness harness = bench.harness();
                for (int i = 0; i < 10; i++) {
                    assertThat(bench.forward()).as("batch %d, invocation %d", batch, i).isEqualTo(InprocHarness.PACKETS_PER_OP);
                }
                NetmapRing sourceTx = harness.sourceTx();
                TrafficFrames.writeMacs(harness.region().bufferAddress(sourceTx.bufIdx(sourceTx.head())));
                harness.produce(1);
                harness.runtime().runOnce();
                harness.sink().rxSync();
                NetmapRing rx = harness.sinkRx();
                assertThat(rx.distance(rx.head(), rx.tail())).isEqualTo(1);
                assertSwapped(harness.region().bufferAddress(rx.bufIdx(rx.head())));
            } finally {
                bench.tearDown();
            }
        }
    }

    @Test
    void runtimeOnTheCLoopsRingsForwardsEveryPacketWithMacsSwapped() {
        for (int batch : new int[] {1, 8, 32, 256}) {
            RuntimeMacSwapBenchmark bench = new RuntimeMacSwapBenchmark();
            bench.batch = batch;
            bench.ports = "ring";
            bench.setUp();
            try {
                BareRingHarness harness = bench.ringHarness();
                for (int i = 0; i < 10; i++) {
                    assertThat(bench.forward()).as("batch %d, invocation %d", batch, i).isEqualTo(InprocHarness.PACKETS_PER_OP);
                }
                NetmapRing rx = harness.rx();
                NetmapRing tx = harness.tx();
                int txSlot = tx.head();
                TrafficFrames.writeMacs(harness.region().bufferAddress(rx.bufIdx(rx.tail())));
                assertThat(harness.produce(1)).isEqualTo(1);
                harness.runtime().runOnce();
                assertThat(tx.distance(txSlot, tx.head())).isEqualTo(1);
                assertThat(tx.len(txSlot)).isEqualTo(TrafficFrames.FRAME_LENGTH);
                assertSwapped(harness.region().bufferAddress(tx.bufIdx(txSlot)));
                assertThat(harness.runtime().nfCounters(0).dropped()).isZero();
            } finally {
                bench.tearDown();
            }
        }
    }

    private static void assertSwapped(long frame) {
        long destination = 0;
        long source = 0;
        for (int b = 0; b < 6; b++) {
            destination = destination << 8 | (NativeMemory.getByte(frame + b) & 0xff);
            source = source << 8 | (NativeMemory.getByte(frame + 6 + b) & 0xff);
        }
        assertThat(destination).isEqualTo(TrafficFrames.SOURCE_MAC);
        assertThat(source).isEqualTo(TrafficFrames.DESTINATION_MAC);
    }
}
