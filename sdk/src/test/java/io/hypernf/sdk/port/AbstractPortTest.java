package io.hypernf.sdk.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hypernf.sdk.ring.NativeMemory;
import io.hypernf.sdk.ring.NetmapRing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Port} obeys (STYLE.md 10: one abstract test, extended once per
 * implementation). A subclass supplies a {@link Fixture}: the port under test plus its far side,
 * which feeds frames into the port's receive side and collects what the port transmitted. Tests
 * that need a direction the port lacks (a pcap reader has no TX) are skipped through the
 * capability methods.
 *
 * <p>Rules checked: RX {@code [head, tail)} semantics and the one-empty-slot rule; a TX side
 * that cannot take more gives short counts and counted drops, never an exception; frames of 60
 * bytes up to {@link #maxFrameLength} round-trip byte-exact and in order in both directions;
 * counters match what crossed the port; txSync with nothing queued changes nothing; close is
 * idempotent and flushes; poll with timeout 0 never blocks; end-of-input for finite inputs.
 * Ring accessors return the same flyweight each call and refuse an index past the count; beyond
 * that only ring 0 of each direction is used.
 *
 * <p>Extending it, e.g. for a capture-file reader:
 * <pre>{@code
 * class PcapReadPortTest extends AbstractPortTest {
 *     protected Fixture open(List<byte[]> toReceive) throws Exception {
 *         Path file = ...; write toReceive into it;             // the far side, before opening
 *         Port port = Ports.open("pcap:" + file);
 *         return new Fixture() {
 *             public Port port() { return port; }
 *             public void pump() {}                                 // the port reads the file itself
 *             public List<byte[]> collectTransmitted() { return List.of(); }
 *             public void close() { port.close(); delete the file; }
 *         };
 *     }
 *     protected boolean transmits() { return false; }
 *     protected boolean blocksInPoll() { return false; }
 *     protected boolean finiteInput() { return true; }
 * }
 * }</pre>
 * A writer returns {@code receives() == false} and reads its file back in
 * {@code collectTransmitted()} (the contract closes the port first); a socket port sends
 * {@code toReceive} from the far side in {@code pump()} and captures there what the port sent.
 */
public abstract class AbstractPortTest {

    /** One port under test and its far side. */
    public interface Fixture extends AutoCloseable {
        /** The port under test, open. */
        Port port();

        /**
         * Moves frames given to {@link #open} toward the port's receive side, never more than the
         * port can take without losing any. Called before every rxSync of the contract; ports that
         * fetch their input themselves (files) do nothing here. The port must receive exactly these
         * frames and nothing else (on a veth, disable IPv6 so that no router solicitation slips in).
         */
        void pump();

        /**
         * The frames that left the port's TX side and reached the far side since the last call, in
         * order. The contract calls it after {@code port().close()}, so files may be read then.
         */
        List<byte[]> collectTransmitted();

        /** Releases the far side; closes the port too if the test did not. */
        @Override
        void close();
    }

    /** Opens a fresh port whose receive side will be fed {@code toReceive}, in order. */
    protected abstract Fixture open(List<byte[]> toReceive) throws Exception;

    /** Whether the port receives (a pcap writer does not). */
    protected boolean receives() { return true; }

    /** Whether the port transmits (a pcap reader does not). */
    protected boolean transmits() { return true; }

    /** Whether poll may sleep until the timeout (devices, sockets) or always answers at once (files, in-process). */
    protected abstract boolean blocksInPoll();

    /** Whether the input ends (files): after the last frame, {@link Port#endOfInput()} turns true. */
    protected boolean finiteInput() { return false; }

    /** The longest frame the port carries; by default its buffer size. */
    protected int maxFrameLength(Port port) { return port.region().bufferSize(); }

    /** How long frames may take to arrive (sockets deliver asynchronously). */
    protected Duration arrivalTimeout() { return Duration.ofSeconds(2); }

    private final List<Fixture> fixtures = new ArrayList<>();

    @AfterEach
    void closeFixtures() {
        for (Fixture f : fixtures) {
            f.close();
        }
    }

    private Fixture fixture(List<byte[]> toReceive) throws Exception {
        Fixture f = open(toReceive);
        fixtures.add(f);
        return f;
    }


    @Test
    void ringsAreTheSameFlyweightsAndAnIndexPastTheCountIsRefused() throws Exception {
        Fixture f = fixture(List.of());
        Port port = f.port();
        assertThat(port.rxRingCount()).isPositive();
        assertThat(port.txRingCount()).isPositive();
        for (int i = 0; i < port.rxRingCount(); i++) {
            assertThat(port.rxRing(i)).isSameAs(port.rxRing(i));
        }
        for (int i = 0; i < port.txRingCount(); i++) {
            assertThat(port.txRing(i)).isSameAs(port.txRing(i));
        }
        assertThat(port.rxRing(0)).isNotSameAs(port.txRing(0));
        assertThatThrownBy(() -> port.rxRing(port.rxRingCount())).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> port.txRing(port.txRingCount())).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> port.rxRing(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rxRingStartsEmptyAndSyncWithoutInputReturnsZero() throws Exception {
        assumeTrue(receives(), "port does not receive");
        Fixture f = fixture(List.of());
        Port port = f.port();
        NetmapRing rx = port.rxRing(0);
        int head = rx.head();
        f.pump();
        assertThat(port.rxSync()).isZero();
        assertThat(rx.space()).isZero();
        assertThat(rx.head()).isEqualTo(head);
        assertThat(port.counters().rxPackets()).isZero();
    }

    @Test
    void receivedFramesAreTheSlotsFromHeadToTail() throws Exception {
        assumeTrue(receives(), "port does not receive");
        List<byte[]> frames = frames(5, 60, 100);
        Fixture f = fixture(frames);
        Port port = f.port();
        NetmapRing rx = port.rxRing(0);
        int head = rx.head();
        long deadline = System.nanoTime() + arrivalTimeout().toNanos();
        int announced = 0;
        while (rx.space() < frames.size() && System.nanoTime() < deadline) {
            f.pump();
            port.poll(false, 10);
            announced += port.rxSync();
        }
        assertThat(rx.space()).as("frames owned by the application").isEqualTo(frames.size());
        assertThat(announced).as("sum of rxSync results").isEqualTo(frames.size());
        assertThat(rx.head()).as("rxSync never moves head").isEqualTo(head);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(slotBytes(rx, (head + i) % rx.numSlots())).isEqualTo(frames.get(i));
        }
        release(rx, 2);
        assertThat(port.rxSync()).isZero();
        assertThat(rx.space()).isEqualTo(frames.size() - 2);
        assertThat(rx.head()).isEqualTo((head + 2) % rx.numSlots());
    }

    @Test
    void rxRingKeepsOneSlotEmptyAndLosesNothing() throws Exception {
        assumeTrue(receives(), "port does not receive");
        int slots;
        try (Fixture probe = open(List.of())) {
            slots = probe.port().rxRing(0).numSlots();
        }
        List<byte[]> frames = frames(slots + 3, 60, 61);
        Fixture f = fixture(frames);
        Port port = f.port();
        NetmapRing rx = port.rxRing(0);
        List<byte[]> got = new ArrayList<>();
        int maxOwned = 0;
        long deadline = System.nanoTime() + arrivalTimeout().toNanos();
        int previousOwned = -1;
        while (got.size() < frames.size() && System.nanoTime() < deadline) {
            f.pump();
            port.poll(false, 10);
            port.rxSync();
            int owned = rx.space();
            maxOwned = Math.max(maxOwned, owned);
            assertThat(owned).as("a ring of %d slots holds at most %d", slots, slots - 1).isLessThan(slots);
            if (owned == slots - 1 || (owned > 0 && owned == previousOwned)) {
                got.addAll(consume(rx));
            }
            previousOwned = owned;
        }
        got.addAll(consume(rx));
        assertThat(maxOwned).isPositive();
        assertThat(got).as("every frame, in order").containsExactlyElementsOf(frames);
    }

    @Test
    void framesFrom60BytesToMaximumArriveByteExactInOrderAndAreCounted() throws Exception {
        assumeTrue(receives(), "port does not receive");
        int max;
        try (Fixture probe = open(List.of())) {
            max = maxFrameLength(probe.port());
        }
        List<byte[]> frames = sizedFrames(max);
        Fixture f = fixture(frames);
        List<byte[]> got = receive(f, frames.size());
        assertThat(got).containsExactlyElementsOf(frames);
        assertThat(f.port().counters().rxPackets()).isEqualTo(frames.size());
        assertThat(f.port().counters().rxBytes()).isEqualTo(totalBytes(frames));
        assertThat(f.port().counters().rxDropped()).isZero();
    }

    @Test
    void endOfInputOnlyAfterTheLastFrameOfAFiniteInput() throws Exception {
        assumeTrue(receives(), "port does not receive");
        List<byte[]> frames = frames(3, 64, 80);
        Fixture f = fixture(frames);
        Port port = f.port();
        List<byte[]> got = receive(f, frames.size());
        assertThat(got).hasSize(frames.size());
        if (finiteInput()) {
            long deadline = System.nanoTime() + arrivalTimeout().toNanos();
            while (!port.endOfInput() && System.nanoTime() < deadline) {
                f.pump();
                port.rxSync();
            }
            assertThat(port.endOfInput()).isTrue();
            assertThat(port.rxSync()).isZero();
        } else {
            port.rxSync();
            assertThat(port.endOfInput()).isFalse();
        }
    }


    @Test
    void framesFrom60BytesToMaximumLeaveByteExactInOrderAndAreCounted() throws Exception {
        assumeTrue(transmits(), "port does not transmit");
        Fixture f = fixture(List.of());
        Port port = f.port();
        List<byte[]> frames = sizedFrames(maxFrameLength(port));
        int offered = send(port, frames);
        assertThat(offered).isEqualTo(frames.size());
        port.close();
        assertThat(f.collectTransmitted()).containsExactlyElementsOf(frames);
        assertThat(port.counters().txPackets()).isEqualTo(frames.size());
        assertThat(port.counters().txBytes()).isEqualTo(totalBytes(frames));
        assertThat(port.counters().txDropped()).isZero();
    }

    @Test
    void txSyncWithNothingQueuedChangesNothing() throws Exception {
        assumeTrue(transmits(), "port does not transmit");
        Fixture f = fixture(List.of());
        Port port = f.port();
        NetmapRing tx = port.txRing(0);
        int head = tx.head();
        int cur = tx.cur();
        int tail = tx.tail();
        assertThat(port.txSync()).isZero();
        assertThat(port.txSync()).isZero();
        assertThat(tx.head()).isEqualTo(head);
        assertThat(tx.cur()).isEqualTo(cur);
        assertThat(tx.tail()).isEqualTo(tail);
        assertThat(tx.space()).isEqualTo(tx.numSlots() - 1);
        port.close();
        assertThat(f.collectTransmitted()).isEmpty();
        assertThat(port.counters().txPackets()).isZero();
        assertThat(port.counters().txDropped()).isZero();
    }

    @Test
    void aTxSideThatCannotTakeMoreGivesShortCountsAndCountedDropsNeverAnException() throws Exception {
        assumeTrue(transmits(), "port does not transmit");
        Fixture f = fixture(List.of());
        Port port = f.port();
        NetmapRing tx = port.txRing(0);
        List<byte[]> offeredFrames = new ArrayList<>();
        int rounds = 4;
        for (int round = 0; round < rounds; round++) {
            int room = tx.space();
            List<byte[]> batch = frames(room, 60 + round, 64);
            int queued = fill(tx, batch);
            assertThat(queued).isEqualTo(room);
            offeredFrames.addAll(batch);
            int sent = port.txSync();
            assertThat(sent).as("txSync of round %d", round).isBetween(0, queued + tx.numSlots());
        }
        port.close();
        List<byte[]> arrived = f.collectTransmitted();
        PortCounters c = port.counters();
        assertThat(c.txPackets()).as("counted as sent = arrived").isEqualTo(arrived.size());
        assertThat(c.txPackets() + c.txDropped()).as("every offered frame is sent or counted as dropped").isEqualTo(offeredFrames.size());
        assertThat(offeredFrames).as("what arrived is an in-order subsequence of what was offered").containsSubsequence(arrived);
    }

    @Test
    void closeFlushesQueuedFramesAndIsIdempotent() throws Exception {
        assumeTrue(transmits(), "port does not transmit");
        Fixture f = fixture(List.of());
        Port port = f.port();
        List<byte[]> frames = frames(3, 70, 90);
        assertThat(fill(port.txRing(0), frames)).isEqualTo(frames.size());
        port.close();
        port.close();
        assertThat(f.collectTransmitted()).containsExactlyElementsOf(frames);
        assertThat(port.counters().txPackets()).isEqualTo(frames.size());
    }


    @Test
    void pollWithTimeoutZeroNeverBlocks() throws Exception {
        Fixture f = fixture(List.of());
        Port port = f.port();
        boolean ready = assertTimeout(Duration.ofSeconds(5), () -> port.poll(false, 0));
        if (!finiteInput()) {
            assertThat(ready).as("nothing to receive").isFalse();
        }
        if (transmits()) {
            assertThat(assertTimeout(Duration.ofSeconds(5), () -> port.poll(true, 0))).as("TX has room").isTrue();
        }
        if (!blocksInPoll()) {
            assertTimeout(Duration.ofSeconds(5), () -> port.poll(false, 60_000), "a port that cannot block answers at once");
        }
    }

    @Test
    void pollReportsReceivedFrames() throws Exception {
        assumeTrue(receives(), "port does not receive");
        Fixture f = fixture(frames(1, 60, 60));
        Port port = f.port();
        long deadline = System.nanoTime() + arrivalTimeout().toNanos();
        boolean ready = false;
        while (!ready && System.nanoTime() < deadline) {
            f.pump();
            ready = port.poll(false, 10);
        }
        assertThat(ready).isTrue();
    }


    /** {@code count} Ethernet frames (ethertype 0x88B5, local experimental) of lengths cycling in [minLength, maxLength]. */
    public static List<byte[]> frames(int count, int minLength, int maxLength) {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(frame(minLength + i % (maxLength - minLength + 1), i));
        }
        return out;
    }

    /** One frame of {@code length} bytes whose payload depends on {@code seed} and each byte's position. */
    public static byte[] frame(int length, int seed) {
        byte[] f = new byte[length];
        byte[] header = {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, (byte) 0x88, (byte) 0xb5};
        System.arraycopy(header, 0, f, 0, Math.min(header.length, length));
        for (int i = header.length; i < length; i++) {
            f[i] = (byte) (seed * 31 + i * 7 + (i >> 8));
        }
        if (length > 15) {
            f[14] = (byte) (seed >> 8);
            f[15] = (byte) seed;
        }
        return f;
    }

    /** Frames of 60, 61, 64, 128, 255, 256, 512, 1000, 1514, max-1 and max bytes (those up to max). */
    public static List<byte[]> sizedFrames(int max) {
        int[] sizes = {60, 61, 64, 128, 255, 256, 512, 1000, 1514, max - 1, max};
        List<byte[]> out = new ArrayList<>();
        int seed = 0;
        int previous = 0;
        for (int size : sizes) {
            if (size <= max && size > previous) {
                out.add(frame(size, seed++));
                previous = size;
            }
        }
        return out;
    }

    /** Writes frames into the TX ring's free slots from {@code head}, then publishes head and cur. Returns how many fit. */
    public static int fill(NetmapRing tx, List<byte[]> frames) {
        int head = tx.head();
        int n = Math.min(frames.size(), tx.space());
        for (int i = 0; i < n; i++) {
            byte[] frame = frames.get(i);
            long buffer = tx.bufferAddress(tx.bufIdx(head));
            NativeMemory.copyFromArray(frame, 0, buffer, frame.length);
            tx.len(head, frame.length);
            tx.slotFlags(head, 0);
            head = tx.next(head);
        }
        tx.head(head);
        tx.cur(head);
        return n;
    }

    /** Sends every frame (filling, syncing, retrying while the port makes progress). Returns how many were queued. */
    public static int send(Port port, List<byte[]> frames) {
        NetmapRing tx = port.txRing(0);
        int queued = 0;
        int idle = 0;
        while (queued < frames.size() && idle < 1000) {
            int n = fill(tx, frames.subList(queued, frames.size()));
            queued += n;
            port.txSync();
            idle = n == 0 ? idle + 1 : 0;
        }
        port.txSync();
        return queued;
    }

    /** Copies out every frame in RX {@code [head, tail)} and releases the slots. */
    public static List<byte[]> consume(NetmapRing rx) {
        List<byte[]> out = new ArrayList<>();
        int head = rx.head();
        int tail = rx.tail();
        while (head != tail) {
            out.add(slotBytes(rx, head));
            head = rx.next(head);
        }
        rx.head(head);
        rx.cur(head);
        return out;
    }

    /** Receives until {@code expected} frames came (or the arrival timeout, or the end of a finite input). */
    protected List<byte[]> receive(Fixture f, int expected) {
        Port port = f.port();
        List<byte[]> got = new ArrayList<>();
        long deadline = System.nanoTime() + arrivalTimeout().toNanos();
        while (got.size() < expected && System.nanoTime() < deadline) {
            f.pump();
            port.poll(false, 10);
            port.rxSync();
            got.addAll(consume(port.rxRing(0)));
            if (port.endOfInput() && port.rxRing(0).space() == 0) {
                port.rxSync();
                got.addAll(consume(port.rxRing(0)));
                break;
            }
        }
        return got;
    }

    public static byte[] slotBytes(NetmapRing ring, int slot) {
        byte[] out = new byte[ring.len(slot)];
        NativeMemory.copyToArray(ring.bufferAddress(ring.bufIdx(slot)), out, 0, out.length);
        return out;
    }

    private static void release(NetmapRing rx, int count) {
        int head = rx.head();
        for (int i = 0; i < count; i++) {
            head = rx.next(head);
        }
        rx.head(head);
        rx.cur(head);
    }

    private static long totalBytes(List<byte[]> frames) {
        long sum = 0;
        for (byte[] f : frames) {
            sum += f.length;
        }
        return sum;
    }
}
