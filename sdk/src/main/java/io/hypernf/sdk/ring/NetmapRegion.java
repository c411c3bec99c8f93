package io.hypernf.sdk.ring;

import static io.hypernf.sdk.ring.NetmapLayout.*;

import com.sun.jna.Pointer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A block of native memory in the netmap layout: one or more {@code netmap_if}s, their rings, and
 * one pool of equally sized buffers shared by every ring of the region.
 *
 * <p>Either allocated here ({@link #allocate}) for in-process ports and tests, with netmap's
 * geometry rules, or mapped from a device ({@link #mapped}). Because all rings of a region index
 * the same pool, a packet moves between two of its rings by swapping buffer indices (and setting
 * {@code NS_BUF_CHANGED}), never by copying.
 *
 * <p>{@link #buffer(int)} hands out one Netty {@code ByteBuf} per buffer, made on first use and
 * reused for every packet that buffer ever carries: nothing is allocated per packet. Layout of an
 * allocated region:
 * <pre>
 *  | netmap_if #0 + ring_ofs[] | ... | netmap_if #k | ring | ring | ... | (page aligned) buffer pool: buf 0, buf 1 (reserved), buf 2 ...
 * </pre>
 * Buffers 0 and 1 are reserved as in netmap (an index of 0 or 1 in a slot is never valid data).
 */
public final class NetmapRegion implements AutoCloseable {
    /** Buffers 0 and 1 are never handed out, as in netmap. */
    public static final int RESERVED_BUFFERS = 2;
    private static final long PAGE = 4096;

    private final long base;
    private final long size;
    private final long[] interfaceOffsets;
    private final String[] interfaceNames;
    private final long poolBase;
    private final int bufferSize;
    private final int bufferCount;
    private final Runnable release;
    private final ByteBuf[] buffers;
    private boolean closed;

    private NetmapRegion(long base, long size, long[] interfaceOffsets, String[] names, long poolBase,
                         int bufferSize, int bufferCount, Runnable release) {
        this.base = base;
        this.size = size;
        this.interfaceOffsets = interfaceOffsets;
        this.interfaceNames = names;
        this.poolBase = poolBase;
        this.bufferSize = bufferSize;
        this.bufferCount = bufferCount;
        this.release = release;
        this.buffers = new ByteBuf[bufferCount];
    }

    /**
     * Allocates a zeroed region holding one {@code netmap_if} per geometry, every slot filled with
     * its own buffer, plus {@code extraBuffers} spare buffers chained from the first interface's
     * {@code ni_bufs_head} (each free buffer's first 4 bytes name the next; 0 ends the list).
     * All geometries must share one buffer size (one pool). TX rings start with {@code head = cur = 0,
     * tail = num_slots - 1} (all but one slot free for the application), RX rings empty.
     */
    public static NetmapRegion allocate(int extraBuffers, List<RingGeometry> interfaces) {
        if (interfaces.isEmpty()) {
            throw new IllegalArgumentException("a region needs at least one interface");
        }
        if (extraBuffers < 0) {
            throw new IllegalArgumentException("extraBuffers " + extraBuffers + " is negative");
        }
        int bufSize = interfaces.get(0).bufferSize();
        long slotBuffers = 0;
        for (RingGeometry g : interfaces) {
            if (g.bufferSize() != bufSize) {
                throw new IllegalArgumentException("interface '" + g.name() + "': bufferSize " + g.bufferSize()
                        + " differs from the region's " + bufSize + " (one region has one buffer pool)");
            }
            slotBuffers += g.slotBuffers();
        }
        long totalBuffers = RESERVED_BUFFERS + slotBuffers + extraBuffers;
        if (totalBuffers > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("region would need " + totalBuffers + " buffers");
        }

        long[] ifOffsets = new long[interfaces.size()];
        long at = 0;
        for (int k = 0; k < interfaces.size(); k++) {
            RingGeometry g = interfaces.get(k);
            ifOffsets[k] = at;
            at = align(at + IF_HEADER_SIZE + 8L * (g.txRings() + g.rxRings()), 64);
        }
        long[][] ringOffsets = new long[interfaces.size()][];
        for (int k = 0; k < interfaces.size(); k++) {
            RingGeometry g = interfaces.get(k);
            ringOffsets[k] = new long[g.txRings() + g.rxRings()];
            for (int r = 0; r < ringOffsets[k].length; r++) {
                int slots = r < g.txRings() ? g.txSlots() : g.rxSlots();
                ringOffsets[k][r] = at;
                at = align(at + RING_HEADER_SIZE + (long) slots * SLOT_SIZE, 256);
            }
        }
        long poolOffset = align(at, PAGE);
        long size = poolOffset + totalBuffers * bufSize;

        long raw = NativeMemory.allocateZeroed(size + PAGE);
        long base = align(raw, PAGE);
        long pool = base + poolOffset;

        int nextBuffer = RESERVED_BUFFERS;
        String[] names = new String[interfaces.size()];
        for (int k = 0; k < interfaces.size(); k++) {
            RingGeometry g = interfaces.get(k);
            names[k] = g.name();
            long nifp = base + ifOffsets[k];
            byte[] name = g.name().getBytes(StandardCharsets.US_ASCII);
            NativeMemory.copyFromArray(name, 0, nifp + IF_NAME, name.length);
            NativeMemory.putInt(nifp + IF_VERSION, NETMAP_API);
            NativeMemory.putInt(nifp + IF_TX_RINGS, g.txRings());
            NativeMemory.putInt(nifp + IF_RX_RINGS, g.rxRings());
            for (int r = 0; r < ringOffsets[k].length; r++) {
                long ring = base + ringOffsets[k][r];
                NativeMemory.putLong(nifp + IF_RING_OFS + 8L * r, ring - nifp);
                boolean tx = r < g.txRings();
                int slots = tx ? g.txSlots() : g.rxSlots();
                NativeMemory.putLong(ring + RING_BUF_OFS, pool - ring);
                NativeMemory.putInt(ring + RING_NUM_SLOTS, slots);
                NativeMemory.putInt(ring + RING_NR_BUF_SIZE, bufSize);
                NativeMemory.putShort(ring + RING_RINGID, (short) (tx ? r : r - g.txRings()));
                NativeMemory.putShort(ring + RING_DIR, (short) (tx ? DIR_TX : DIR_RX));
                NativeMemory.putInt(ring + RING_TAIL, tx ? slots - 1 : 0);
                for (int s = 0; s < slots; s++) {
                    long slot = ring + RING_SLOTS + (long) s * SLOT_SIZE;
                    NativeMemory.putInt(slot + SLOT_BUF_IDX, nextBuffer++);
                    NativeMemory.putShort(slot + SLOT_LEN, (short) (tx ? 0 : bufSize));
                }
            }
        }
        long firstIf = base + ifOffsets[0];
        int head = 0;
        for (int i = extraBuffers - 1; i >= 0; i--) {
            int idx = nextBuffer + i;
            NativeMemory.putInt(pool + (long) idx * bufSize, head);
            head = idx;
        }
        NativeMemory.putInt(firstIf + IF_BUFS_HEAD, head);

        return new NetmapRegion(base, size, ifOffsets, names, pool, bufSize, (int) totalBuffers,
                () -> NativeMemory.free(raw));
    }

    /** A region of one interface with one RX and one TX ring of {@code slots} slots. */
    public static NetmapRegion allocate(RingGeometry geometry) {
        return allocate(0, List.of(geometry));
    }

    /**
     * Wraps memory mapped from a device: {@code nrOffset} locates the one {@code netmap_if};
     * {@code unmap} runs on {@link #close()}. The pool geometry is read from the first TX ring.
     */
    public static NetmapRegion mapped(long base, long size, long nrOffset, Runnable unmap) {
        if (nrOffset < 0 || nrOffset + IF_HEADER_SIZE > size) {
            throw new IllegalArgumentException("nr_offset " + nrOffset + " is outside the mapped region of " + size + " bytes");
        }
        NetmapIf nifp = new NetmapIf().wrap(base + nrOffset);
        int rings = nifp.txRings() + nifp.hostTxRings();
        if (rings < 1 || rings > 2 * RingGeometry.MAX_RINGS) {
            throw new IllegalArgumentException("netmap_if '" + nifp.name() + "' reports " + rings + " TX rings");
        }
        NetmapRing first = new NetmapRing().wrap(nifp.txRingAddress(0), base, base + size);
        long pool = first.bufferAddress(0);
        long count = (base + size - pool) / first.bufferSize();
        return new NetmapRegion(base, size, new long[] {nrOffset}, new String[] {nifp.name()}, pool,
                first.bufferSize(), (int) Math.min(count, Integer.MAX_VALUE / 2), unmap);
    }

    public long address() { return base; }
    public long size() { return size; }
    public long end() { return base + size; }
    public int interfaceCount() { return interfaceOffsets.length; }
    public long interfaceAddress(int k) { return base + interfaceOffsets[k]; }
    public String interfaceName(int k) { return interfaceNames[k]; }
    public int bufferSize() { return bufferSize; }
    public int bufferCount() { return bufferCount; }
    public long poolAddress() { return poolBase; }

    /** Index of the interface called {@code name}, or -1. */
    public int interfaceIndex(String name) {
        for (int k = 0; k < interfaceNames.length; k++) {
            if (interfaceNames[k].equals(name)) {
                return k;
            }
        }
        return -1;
    }

    /** A new flyweight over TX ring {@code i} of interface {@code k}. */
    public NetmapRing txRing(int k, int i) {
        NetmapIf nifp = new NetmapIf().wrap(interfaceAddress(k));
        checkRing("TX", i, nifp.txRings() + nifp.hostTxRings());
        return new NetmapRing().wrap(nifp.txRingAddress(i), base, end());
    }

    /** A new flyweight over RX ring {@code i} of interface {@code k}. */
    public NetmapRing rxRing(int k, int i) {
        NetmapIf nifp = new NetmapIf().wrap(interfaceAddress(k));
        checkRing("RX", i, nifp.rxRings() + nifp.hostRxRings());
        return new NetmapRing().wrap(nifp.rxRingAddress(i), base, end());
    }

    /** Whether a ring flyweight points into this region's memory (so buffers can be swapped). */
    public boolean contains(NetmapRing ring) { return ring.address() >= base && ring.address() < end(); }

    /**
     * The {@code ByteBuf} over buffer {@code bufIdx}: capacity {@link #bufferSize()}, made once and
     * reused; callers set its reader and writer indices for each packet. The region owns it: it is
     * never released by callers and becomes invalid when the region is closed.
     */
    public ByteBuf buffer(int bufIdx) {
        if (bufIdx < RESERVED_BUFFERS || bufIdx >= bufferCount) {
            throw new IndexOutOfBoundsException("buffer index " + bufIdx + " is outside [" + RESERVED_BUFFERS + ", " + bufferCount + ")");
        }
        ByteBuf buf = buffers[bufIdx];
        if (buf == null) {
            // A direct ByteBuffer made by JNI's NewDirectByteBuffer (through JNA), not Netty's
            // wrappedBuffer(address, ...): that one needs the private DirectByteBuffer(long, int)
            // constructor, which Java 17 hides without --add-opens. Netty wraps the ByteBuffer
            // without taking ownership (it never frees region memory).
            ByteBuffer view = new Pointer(bufferAddress(bufIdx)).getByteBuffer(0, bufferSize);
            buf = Unpooled.wrappedBuffer(view);
            buffers[bufIdx] = buf;
        }
        return buf;
    }

    /** Address of buffer {@code bufIdx} of the pool. */
    public long bufferAddress(int bufIdx) { return poolBase + (long) bufIdx * bufferSize; }

    /** Whether {@code bufIdx} is an index of this pool that may carry data. */
    public boolean isValidBuffer(int bufIdx) { return bufIdx >= RESERVED_BUFFERS && bufIdx < bufferCount; }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            release.run();
        }
    }

    private void checkRing(String dir, int i, int count) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(dir + " ring " + i + " of an interface with " + count);
        }
    }

    private static long align(long value, long to) { return (value + to - 1) & -to; }
}
