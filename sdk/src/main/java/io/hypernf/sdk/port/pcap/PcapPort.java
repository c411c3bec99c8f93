package io.hypernf.sdk.port.pcap;

import io.hypernf.sdk.port.PortCounters;
import io.hypernf.sdk.port.SingleRingPort;
import io.hypernf.sdk.ring.NetmapLayout;
import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.RingGeometry;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The {@code pcap:} port: replays a capture file into its RX ring, and writes what the
 * application puts on its TX ring into a capture file. One RX and one TX ring in a region of its
 * own ({@link NetmapRegion#allocate}); this class plays the kernel side of both rings.
 *
 * <p>Roadmap: {@link #rxSync()} hands consumed RX slots back (the application advanced
 * {@code head}), then fills free slots {@code [tail, head - 1)} with the next Ethernet records of
 * the {@link PcapReader} — at full speed, or at the recorded pace, where a record is released once
 * its offset from the first record has elapsed on the clock — and publishes {@code tail}.
 * {@link #txSync()} writes slots {@code [hwcur, head)} with the {@link PcapWriter} and gives them
 * all back by moving {@code tail} to {@code head - 1}. Records of other link types, and frames
 * longer than a slot buffer, are skipped and counted as RX drops.
 *
 * <p>A reading port has no writer: what is put on its TX ring is reclaimed and counted as TX drops;
 * a writing port has no reader and its input is ended from the start. A corrupt file ends the
 * input: the reader's error is counted once in {@link PortCounters#error()} and kept in
 * {@link #inputError()}. Used by one thread.
 */
public final class PcapPort extends SingleRingPort {
    /** Slots per ring. */
    public static final int RING_SLOTS = 1024;
    /** Slot buffer size: any standard or VLAN-tagged Ethernet frame. */
    public static final int BUFFER_SIZE = 2048;

    /** Whether a reading port releases records as fast as it can or at the gaps they were captured with. */
    public enum Pace { FULL, RECORDED }

    private final PcapReader reader;
    private final PcapWriter writer;
    private final Pace pace;
    private final int loops;
    private final LongSupplier clock;
    private final long wallClockBaseNanos;
    private final long clockBaseNanos;

    /** The kernel side's TX position: slots [txHwcur, head) are filled and not yet written. */
    private int txHwcur;
    /** A record the reader returned that waits for its time (recorded pace) or for a free slot. */
    private boolean pending;
    private boolean inputEnded;
    private int loopsDone;
    private long deliveredThisPass;
    private boolean passStarted;
    private long passFirstTimestamp;
    private long passStartClock;
    private long skippedLinkType;
    private long skippedOversize;
    private String inputError = "";
    private boolean closed;

    /**
     * @param reader the input, or null for a write-only port (owned by the port from now on)
     * @param writer the output, or null for a read-only port (owned by the port from now on)
     * @param loops how many times to replay the file, 0 for ever
     * @param clock monotonic nanoseconds ({@code System::nanoTime}; tests pass their own)
     */
    PcapPort(String name, PcapReader reader, PcapWriter writer, Pace pace, int loops, LongSupplier clock) {
        super("pcap", name, regionFor(name, loops));
        this.reader = reader;
        this.writer = writer;
        this.pace = pace;
        this.loops = loops;
        this.clock = clock;
        this.inputEnded = reader == null;
        this.wallClockBaseNanos = System.currentTimeMillis() * 1_000_000L;
        this.clockBaseNanos = clock.getAsLong();
    }

    /** Checks the arguments before the region is allocated, so that a bad one leaks no native memory. */
    private static NetmapRegion regionFor(String name, int loops) {
        if (loops < 0) {
            throw new IllegalArgumentException("pcap port '" + name + "': loop " + loops + " is negative");
        }
        return NetmapRegion.allocate(RingGeometry.simple("pcap", RING_SLOTS));
    }

    /** A port that replays {@code reader}. */
    public static PcapPort reading(String name, PcapReader reader, Pace pace, int loops) {
        return new PcapPort(name, reader, null, pace, loops, System::nanoTime);
    }

    /** A port that writes its TX ring to {@code writer}. */
    public static PcapPort writing(String name, PcapWriter writer) {
        return new PcapPort(name, null, writer, Pace.FULL, 1, System::nanoTime);
    }

    @Override
    public int rxSync() {
        if (closed || inputEnded) {
            return 0;
        }
        int head = acquireHead(rxRing);
        if (head < 0) {
            return 0;
        }
        int tail = rxRing.tail();
        int filled = 0;
        long bytes = 0;
        long now = pace == Pace.RECORDED ? clock.getAsLong() : 0;
        while (rxRing.next(tail) != head) {
            if (!pending && !advanceReader()) {
                break;
            }
            pending = true;
            if (pace == Pace.RECORDED && !due(now)) {
                break;
            }
            int bufIdx = rxRing.bufIdx(tail);
            if (!rxRing.isValidBuffer(bufIdx)) {
                counters.error();
                break;
            }
            int length = reader.copyTo(rxRing.bufferAddress(bufIdx), rxRing.bufferSize());
            rxRing.len(tail, length);
            rxRing.slotFlags(tail, 0);
            pending = false;
            deliveredThisPass++;
            bytes += length;
            filled++;
            tail = rxRing.next(tail);
        }
        rxRing.tail(tail);
        counters.received(filled, bytes);
        return filled;
    }

    /**
     * Moves the reader to the next Ethernet record that fits a slot, skipping and counting others;
     * rewinds at the end while loops remain. Returns false when the input has ended.
     */
    private boolean advanceReader() {
        while (true) {
            if (reader.next()) {
                if (reader.linkType() != LinkType.ETHERNET) {
                    skippedLinkType++;
                    counters.rxDropped(1);
                    continue;
                }
                if (reader.capturedLength() > rxRing.bufferSize()) {
                    skippedOversize++;
                    counters.rxDropped(1);
                    continue;
                }
                if (!passStarted) {
                    passStarted = true;
                    passFirstTimestamp = reader.timestampNanos();
                    passStartClock = clock.getAsLong();
                }
                return true;
            }
            if (reader.error() != PcapError.NONE) {
                inputError = reader.errorMessage();
                counters.error();
                return endInput();
            }
            loopsDone++;
            // A pass that delivered nothing would loop for ever without output: stop instead.
            if ((loops != 0 && loopsDone >= loops) || deliveredThisPass == 0) {
                return endInput();
            }
            try {
                reader.rewind();
            } catch (java.io.IOException e) {
                inputError = reader.file() + ": rewind failed: " + e.getMessage();
                counters.error();
                return endInput();
            }
            deliveredThisPass = 0;
            passStarted = false;
        }
    }

    private boolean endInput() {
        inputEnded = true;
        return false;
    }

    /** Recorded pace: the pending record is due once its offset in the pass has elapsed on the clock. */
    private boolean due(long now) {
        return reader.timestampNanos() - passFirstTimestamp <= now - passStartClock;
    }

    /** Nanoseconds until the pending record is due (0 if due, or nothing is pending). */
    private long nanosUntilDue() {
        if (!pending || pace != Pace.RECORDED) {
            return 0;
        }
        long wait = (reader.timestampNanos() - passFirstTimestamp) - (clock.getAsLong() - passStartClock);
        return Math.max(0, wait);
    }

    @Override
    public int txSync() {
        if (closed) {
            return 0;
        }
        int head = acquireHead(txRing);
        if (head < 0) {
            return 0;
        }
        int sent = 0;
        int dropped = 0;
        long bytes = 0;
        long timestamp = writer == null ? 0 : wallClockBaseNanos + (clock.getAsLong() - clockBaseNanos);
        for (int i = txHwcur; i != head; i = txRing.next(i)) {
            int length = txRing.len(i);
            int bufIdx = txRing.bufIdx(i);
            txRing.slotFlags(i, txRing.slotFlags(i) & ~NetmapLayout.NS_BUF_CHANGED);
            if (writer == null || length > txRing.bufferSize() || !txRing.isValidBuffer(bufIdx)
                    || !writer.write(timestamp, txRing.bufferAddress(bufIdx), length)) {
                dropped++;
                continue;
            }
            sent++;
            bytes += length;
        }
        txHwcur = head;
        txRing.tail(head == 0 ? txRing.numSlots() - 1 : head - 1);
        counters.transmitted(sent, bytes);
        if (dropped > 0) {
            counters.txDropped(dropped);
        }
        return sent;
    }

    /**
     * Ready when RX holds packets, or a record can be delivered now, or (with {@code wantTx}) at
     * once, since a file always takes what is written. At the recorded pace it sleeps until the
     * next record is due, at most {@code timeoutMillis}.
     */
    @Override
    public boolean poll(boolean wantTx, long timeoutMillis) {
        if (closed) {
            return false;
        }
        if (wantTx || rxRing.space() > 0) {
            return true;
        }
        if (inputEnded) {
            return false;
        }
        if (!pending && !advanceReader()) {
            return false;
        }
        pending = true;
        long wait = nanosUntilDue();
        if (wait > 0 && timeoutMillis > 0) {
            LockSupport.parkNanos(Math.min(wait, timeoutMillis * 1_000_000L));
            wait = nanosUntilDue();
        }
        return wait == 0;
    }

    /** True once the file (and every loop) has been read and handed to the RX ring; always true for a write-only port. */
    @Override
    public boolean endOfInput() {
        return inputEnded && !pending;
    }

    /** Records skipped because their link type is not Ethernet. */
    public long skippedLinkType() { return skippedLinkType; }
    /** Records skipped because they are longer than a slot buffer. */
    public long skippedOversize() { return skippedOversize; }
    /** Why the input ended early (the reader's message naming file and offset), or empty. */
    public String inputError() { return inputError; }
    /** Records the writer has taken, or 0 for a read-only port. */
    public long recordsWritten() { return writer == null ? 0 : writer.records(); }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        // Slots the application queued but never synced still belong in the file (Port#close).
        txSync();
        closed = true;
        if (writer != null) {
            writer.close();
        }
        if (reader != null) {
            reader.close();
        }
        region.close();
    }
}
