package io.hypernf.sdk.ring;

import static io.hypernf.sdk.ring.NetmapLayout.*;

/**
 * A reusable flyweight over one {@code struct netmap_ring} in native memory.
 *
 * <pre>
 *  0        8          12            16      18    20     24    28     32      40    56            64           128  256
 *  | buf_ofs | num_slots | nr_buf_size | ringid | dir | head | cur | tail | flags | ts | offset_mask | buf_align | sem | slot[0] ...
 * </pre>
 *
 * <h2>Who owns which slots</h2>
 * Slots {@code [head, tail)} (modulo {@code num_slots}) belong to the application; all others
 * belong to the kernel side — the netmap kernel, the HyperNF hypervisor switch, or this SDK's own
 * port code for in-process, pcap and afpacket ports. The application fills or consumes slots it
 * owns, then advances {@code head} (and {@code cur}, its wake-up point) to hand them back, and
 * calls sync; the kernel side advances {@code tail} to hand slots to the application. One slot is
 * always left empty so that {@code head == tail} means "the application owns nothing": a ring of
 * N slots carries at most N-1 packets.
 *
 * <h2>Ordering</h2>
 * Each index has exactly one writer, so a plain read of one's own index is exact. Reading the
 * other side's index uses acquire ({@link #tail()} from the application, {@link #headAcquire()}
 * from the kernel side) so that the slots it hands over are read after it; publishing one's own
 * index uses release ({@link #head(int)}, {@link #tail(int)}) so that the slots are written before
 * the index becomes visible; {@link #advance(int)} publishes {@code head} and {@code cur} behind one
 * release, once per batch. On a real device the sync ioctl/hypercall is a full barrier as well;
 * the explicit orderings matter for in-process ports, where both sides share one address space
 * and may run on different threads.
 */
public final class NetmapRing {
    private long address;
    private int numSlots;
    private int bufferSize;
    private long bufferBase;
    private long regionStart;
    private long regionEnd;

    /** Points this flyweight at a ring header; reads the geometry (constant for a ring's life). */
    public NetmapRing wrap(long ringAddress, long regionStart, long regionEnd) {
        if (ringAddress < regionStart || ringAddress + RING_HEADER_SIZE > regionEnd) {
            throw new IllegalArgumentException("ring header at 0x" + Long.toHexString(ringAddress)
                    + " is outside the region [0x" + Long.toHexString(regionStart) + ", 0x" + Long.toHexString(regionEnd) + ")");
        }
        int slots = NativeMemory.getInt(ringAddress + RING_NUM_SLOTS);
        int bufSize = NativeMemory.getInt(ringAddress + RING_NR_BUF_SIZE);
        if (slots < 2 || ringAddress + RING_SLOTS + (long) slots * SLOT_SIZE > regionEnd) {
            throw new IllegalArgumentException("ring at 0x" + Long.toHexString(ringAddress) + ": num_slots " + slots
                    + " does not fit the region (needs at least 2 slots inside it)");
        }
        if (bufSize < 64 || bufSize > 65536) {
            throw new IllegalArgumentException("ring at 0x" + Long.toHexString(ringAddress) + ": nr_buf_size " + bufSize
                    + " is outside [64, 65536]");
        }
        this.address = ringAddress;
        this.numSlots = slots;
        this.bufferSize = bufSize;
        this.bufferBase = ringAddress + NativeMemory.getLong(ringAddress + RING_BUF_OFS);
        this.regionStart = regionStart;
        this.regionEnd = regionEnd;
        return this;
    }

    public long address() { return address; }
    public int numSlots() { return numSlots; }
    public int bufferSize() { return bufferSize; }
    public boolean isTx() { return (NativeMemory.getShort(address + RING_DIR) & 0xffff) == DIR_TX; }
    public int ringId() { return NativeMemory.getShort(address + RING_RINGID) & 0xffff; }
    public int flags() { return NativeMemory.getInt(address + RING_FLAGS); }

    /** The application's index; exact for the application, which is its only writer. */
    public int head() { return NativeMemory.getInt(address + RING_HEAD); }

    /** {@code head} read by the kernel side: acquire, so the slots it returns are read after it. */
    public int headAcquire() { return NativeMemory.getIntAcquire(address + RING_HEAD); }

    /** Publishes {@code head} (application side): release, after the slots it hands back are written. */
    public void head(int value) { NativeMemory.putIntRelease(address + RING_HEAD, checkIndex(value)); }

    /**
     * Publishes {@code head} and {@code cur} both at {@code value} (application side), the usual
     * end of a batch: one release orders every slot written before it ahead of both stores, so a
     * batch pays for one fence, not one per index.
     */
    public void advance(int value) {
        checkIndex(value);
        NativeMemory.storeFence();
        NativeMemory.putInt(address + RING_CUR, value);
        NativeMemory.putInt(address + RING_HEAD, value);
    }

    public int cur() { return NativeMemory.getInt(address + RING_CUR); }
    public void cur(int value) { NativeMemory.putIntRelease(address + RING_CUR, checkIndex(value)); }

    /** {@code tail} read by the application: acquire, so the slots it hands over are read after it. */
    public int tail() { return NativeMemory.getIntAcquire(address + RING_TAIL); }

    /** Publishes {@code tail} (kernel side): release, after the slots it hands over are written. */
    public void tail(int value) { NativeMemory.putIntRelease(address + RING_TAIL, checkIndex(value)); }

    /** The slot after {@code i}, wrapping at {@code num_slots}. */
    public int next(int i) { return i + 1 == numSlots ? 0 : i + 1; }

    /** Slots in {@code [from, to)} modulo the ring size. */
    public int distance(int from, int to) { int d = to - from; return d < 0 ? d + numSlots : d; }

    /** Slots the application owns now: {@code [head, tail)}. */
    public int space() { return distance(head(), tail()); }

    public int bufIdx(int slot) { return NativeMemory.getInt(slotAddress(slot) + SLOT_BUF_IDX); }
    public void bufIdx(int slot, int bufIdx) { NativeMemory.putInt(slotAddress(slot) + SLOT_BUF_IDX, bufIdx); }
    public int len(int slot) { return NativeMemory.getShort(slotAddress(slot) + SLOT_LEN) & 0xffff; }
    public void len(int slot, int len) { NativeMemory.putShort(slotAddress(slot) + SLOT_LEN, (short) len); }
    public int slotFlags(int slot) { return NativeMemory.getShort(slotAddress(slot) + SLOT_FLAGS) & 0xffff; }
    public void slotFlags(int slot, int flags) { NativeMemory.putShort(slotAddress(slot) + SLOT_FLAGS, (short) flags); }
    public long ptr(int slot) { return NativeMemory.getLong(slotAddress(slot) + SLOT_PTR); }
    public void ptr(int slot, long ptr) { NativeMemory.putLong(slotAddress(slot) + SLOT_PTR, ptr); }

    /** Address of slot {@code slot}'s 16-byte descriptor. */
    public long slotAddress(int slot) {
        if (NativeMemory.BOUNDS_CHECKS && (slot < 0 || slot >= numSlots)) {
            throw new IndexOutOfBoundsException("slot " + slot + " of a ring of " + numSlots);
        }
        return address + RING_SLOTS + (long) slot * SLOT_SIZE;
    }

    /** Address of buffer {@code bufIdx} of this ring ({@code ring + buf_ofs + idx * nr_buf_size}). */
    public long bufferAddress(int bufIdx) {
        long at = bufferBase + (long) bufIdx * bufferSize;
        if (NativeMemory.BOUNDS_CHECKS && (bufIdx < 0 || at < regionStart || at + bufferSize > regionEnd)) {
            throw new IndexOutOfBoundsException("buffer " + bufIdx + " lies outside the ring's region");
        }
        return at;
    }

    /** Index of the buffer at {@code address}, the inverse of {@link #bufferAddress(int)}. */
    public int bufferIndexOf(long bufferAddress) { return (int) ((bufferAddress - bufferBase) / bufferSize); }

    /** Whether {@code bufIdx} names a buffer inside this ring's region (for validating foreign values). */
    public boolean isValidBuffer(int bufIdx) {
        if (bufIdx < 0) {
            return false;
        }
        long at = bufferBase + (long) bufIdx * bufferSize;
        return at >= regionStart && at + bufferSize <= regionEnd;
    }

    private int checkIndex(int value) {
        if (NativeMemory.BOUNDS_CHECKS && (value < 0 || value >= numSlots)) {
            throw new IndexOutOfBoundsException("ring index " + value + " of a ring of " + numSlots);
        }
        return value;
    }

    @Override
    public String toString() {
        return "NetmapRing[" + (isTx() ? "tx" : "rx") + ", slots=" + numSlots + ", head=" + head() + ", cur=" + cur() + ", tail=" + tail() + "]";
    }
}
