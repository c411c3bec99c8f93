package io.hypernf.bench;

import static io.hypernf.sdk.ring.NetmapLayout.NS_BUF_CHANGED;

import io.hypernf.sdk.ring.NativeMemory;
import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.NetmapRing;
import io.hypernf.sdk.ring.RingGeometry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The MAC swap written directly on netmap rings, line for line the loop of
 * {@code bench/c-ref/macswap.c}, so that the ratio of the two measures Java against C and nothing
 * else. One interface of a {@link NetmapRegion} (one RX and one TX ring of
 * {@link #SLOTS} slots, 2048-byte buffers); per invocation:
 * <ol>
 *   <li>the producer, acting as the kernel side of RX, hands {@link InprocHarness#PACKETS_PER_OP}
 *       64-byte frames to the application by setting their length and advancing RX {@code tail};</li>
 *   <li>the application loop takes up to {@code batch} slots of RX {@code [head, tail)} at a time,
 *       swaps each frame's destination and source MAC in place, moves it to the next TX slot by
 *       swapping buffer indices (both slots flagged {@code NS_BUF_CHANGED}, NETMAP-ABI.md), and
 *       advances RX and TX {@code head}/{@code cur};</li>
 *   <li>the consumer, acting as the kernel side of TX, takes every sent slot back by moving TX
 *       {@code tail} to just before {@code head}.</li>
 * </ol>
 * Buffer indices read from a slot are checked against the pool before use, as the runtime does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class RingMacSwapBenchmark {
    static final int SLOTS = 1024;
    static final int FRAME_LENGTH = 64;

    @Param({"1", "8", "32", "256"})
    public int batch;

    private NetmapRegion region;
    private NetmapRing rx;
    private NetmapRing tx;
    private long pool;
    private int bufferSize;
    private int bufferCount;

    @Setup(Level.Trial)
    public void setUp() {
        region = NetmapRegion.allocate(0, List.of(new RingGeometry("ring", 1, 1, SLOTS, SLOTS, 2048)));
        rx = region.rxRing(0, 0);
        tx = region.txRing(0, 0);
        pool = region.poolAddress();
        bufferSize = region.bufferSize();
        bufferCount = region.bufferCount();
        for (int b = NetmapRegion.RESERVED_BUFFERS; b < bufferCount; b++) {
            TrafficFrames.writeMacs(region.bufferAddress(b));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        region.close();
    }

    /** One invocation: produce, forward in batches, consume; returns the packets forwarded. */
    @Benchmark
    @OperationsPerInvocation(InprocHarness.PACKETS_PER_OP)
    public int forward() {
        produce(InprocHarness.PACKETS_PER_OP);
        int forwarded = 0;
        for (int done = 0; done < InprocHarness.PACKETS_PER_OP; done += batch) {
            forwarded += swapBatch(batch);
        }
        consume();
        return forwarded;
    }

    /** Kernel side of RX: hands up to {@code count} frames to the application. */
    int produce(int count) {
        int tail = rx.tail();
        int limit = rx.head() == 0 ? SLOTS - 1 : rx.head() - 1;
        int made = 0;
        while (made < count && tail != limit) {
            rx.len(tail, FRAME_LENGTH);
            tail = rx.next(tail);
            made++;
        }
        rx.tail(tail);
        return made;
    }

    /** The application: up to {@code max} frames RX → TX, MACs swapped, buffers swapped. */
    int swapBatch(int max) {
        int rxHead = rx.head();
        int txHead = tx.head();
        int n = Math.min(Math.min(rx.distance(rxHead, rx.tail()), tx.distance(txHead, tx.tail())), max);
        int rxSlot = rxHead;
        int txSlot = txHead;
        for (int i = 0; i < n; i++) {
            int buffer = rx.bufIdx(rxSlot);
            if (buffer >= NetmapRegion.RESERVED_BUFFERS && buffer < bufferCount) {
                swapMacs(pool + (long) buffer * bufferSize);
                int free = tx.bufIdx(txSlot);
                tx.bufIdx(txSlot, buffer);
                tx.len(txSlot, rx.len(rxSlot));
                tx.slotFlags(txSlot, NS_BUF_CHANGED);
                rx.bufIdx(rxSlot, free);
                rx.slotFlags(rxSlot, NS_BUF_CHANGED);
                txSlot = tx.next(txSlot);
            }
            rxSlot = rx.next(rxSlot);
        }
        rx.head(rxSlot);
        rx.cur(rxSlot);
        tx.head(txSlot);
        tx.cur(txSlot);
        return tx.distance(txHead, txSlot);
    }

    /** Kernel side of TX: every slot the application sent is free again. */
    void consume() {
        int head = tx.head();
        tx.tail(head == 0 ? SLOTS - 1 : head - 1);
    }

    /** Destination (bytes 0-5) and source (6-11) trade places: one int and one short each. */
    private static void swapMacs(long frame) {
        int dstHigh = NativeMemory.getInt(frame);
        short dstLow = NativeMemory.getShort(frame + 4);
        NativeMemory.putInt(frame, NativeMemory.getInt(frame + 6));
        NativeMemory.putShort(frame + 4, NativeMemory.getShort(frame + 10));
        NativeMemory.putInt(frame + 6, dstHigh);
        NativeMemory.putShort(frame + 10, dstLow);
    }

    /** For the smoke test: the buffer in slot {@code slot} of {@code ring}. */
    long frame(NetmapRing ring, int slot) { return region.bufferAddress(ring.bufIdx(slot)); }
    NetmapRing rxRing() { return rx; }
    NetmapRing txRing() { return tx; }
}
