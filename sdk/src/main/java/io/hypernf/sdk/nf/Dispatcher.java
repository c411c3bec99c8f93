package io.hypernf.sdk.nf;

import static io.hypernf.sdk.ring.NetmapLayout.NS_BUF_CHANGED;

import io.hypernf.sdk.ring.NativeMemory;
import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.NetmapRing;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the run loop through the NF graph: the packets taken from one RX ring (and the
 * ones NFs emit or flood into chained NFs on the way) are "entries" of the pass, each with a
 * reusable {@link Packet} holder and its origin (an RX slot, or a scratch buffer).
 *
 * <p>The NF bound to the RX port processes them first; each verdict is applied at once:
 * <ul>
 *   <li>forward to an external port: the packet moves into that port's TX ring — by swapping
 *       buffer indices with the TX slot and setting {@code NS_BUF_CHANGED} on both slots when both
 *       rings index the same region's buffer pool (zero copy, netmap's rule), else by copying;
 *       a full TX ring is a drop counted as {@link DropReason#TX_FULL};</li>
 *   <li>forward to a port wired to another NF: the entry's index joins that NF's batch for that
 *       port (the buffer does not move), and the next NF processes it later in the same pass;</li>
 *   <li>flood: a copy out of every other port; drop: counted by reason; consume: counted.</li>
 * </ul>
 * Batches are processed until none is left, so a packet crosses a whole chain within one pass,
 * bounded by {@link #MAX_HOPS}. Then the caller releases the RX slots (every slot of the pass:
 * swapped ones now hold the TX ring's former buffer) and scratch buffers go back to the pool.
 * Nothing here allocates: every array is sized at start-up.
 *
 * <p>Speed: each entry's holder is pointed at the entry's buffer by address and length (plain
 * fields; its {@code ByteBuf} is pointed only if the NF asks for it), so a packet touches the same
 * few hundred hot objects whatever buffer it sits in (a {@code ByteBuf} per region buffer meant a
 * cache miss per packet).
 */
final class Dispatcher {
    /** A packet may be handed between chained NFs this many times per pass before it counts as a loop. */
    static final int MAX_HOPS = 16;

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int TX_OK = 0;
    private static final int TX_FULL = 1;
    private static final int TX_TOO_BIG = 2;
    private static final int SCRATCH = -1;
    /** {@link #walk}'s fast verdict when there is no fast target: no verdict is this value. */
    private static final int NO_FAST_VERDICT = Integer.MIN_VALUE;

    private final NfNode[] nodes;
    private final BoundPort[] ports;
    private final ScratchPool scratch;
    private final Packet[] holders;
    /** The holder a {@link #walk} points at each RX slot; a packet that does not move by a swap is copied into an entry's holder. */
    private final Packet walker = new Packet();
    /** Every RX ring of every port, numbered in port order: an entry's origin is an index here. */
    private final NetmapRing[] originRing;
    private final NetmapRegion[] originRegion;
    /** Where each entry's buffer came from: an index of {@link #originRing}, or {@link #SCRATCH}. */
    private final int[] entryOrigin;
    private final int[] entrySlot;
    private final int[] entryBuffer;
    private final int[] entryHops;
    private int entryCount;
    /** Scratch buffers taken in this pass (0 in a plain forward pass: nothing to give back). */
    private int scratchTaken;
    private final int[] emitted;
    private int emittedCount;
    private NfNode processing;
    private int outPackets;
    private long outBytes;
    /** Whether an entry of this pass has a hop count above 0 (endPass then clears them). */
    private boolean hopsTaken;
    /** Whether a packet joined an NF's batch since {@link #runBatches} last looked (a walk that only forwards stages none). */
    private boolean staged;
    private long clock;
    private boolean clockValid;

    Dispatcher(NfNode[] nodes, BoundPort[] ports, int batch, ScratchPool scratch) {
        this.nodes = nodes;
        this.ports = ports;
        this.scratch = scratch;
        int capacity = batch + scratch.capacity();
        this.holders = new Packet[capacity];
        for (int i = 0; i < capacity; i++) {
            holders[i] = new Packet();
        }
        int rings = 0;
        for (BoundPort port : ports) {
            rings += port.rx.length;
        }
        this.originRing = new NetmapRing[rings];
        this.originRegion = new NetmapRegion[rings];
        int origin = 0;
        for (BoundPort port : ports) {
            port.firstOrigin = origin;
            for (NetmapRing ring : port.rx) {
                originRing[origin] = ring;
                originRegion[origin++] = port.region;
            }
        }
        this.entryOrigin = new int[capacity];
        this.entrySlot = new int[capacity];
        this.entryBuffer = new int[capacity];
        this.entryHops = new int[capacity];
        this.emitted = new int[scratch.capacity()];
        for (BoundPort port : ports) {
            NfNode node = port.nf;
            port.swapTarget = new BoundPort[node.portCount];
            for (int p = 0; p < node.portCount; p++) {
                int external = node.externalTarget[p];
                if (external >= 0 && ports[external].tx.length == 1 && ports[external].region == port.region) {
                    port.swapTarget[p] = ports[external];
                }
            }
        }
        for (NfNode node : nodes) {
            node.staging = new RuntimeBatch[node.portCount];
            for (int p = 0; p < node.portCount; p++) {
                node.staging[p] = new RuntimeBatch(this, node, p, capacity);
            }
        }
    }

    Packet holder(int entry) { return holders[entry]; }

    /**
     * Adds the {@code n} packets in RX slots {@code [head, head + n)} of ring {@code ringIndex} of
     * {@code port} to the batch of NF port {@code port.nfPort}, skipping slots with an invalid
     * buffer index or length. Returns the slot after the last one and counts skipped slots.
     */
    int receive(BoundPort port, int ringIndex, int head, int n) {
        NetmapRing ring = port.rx[ringIndex];
        NetmapRegion region = port.region;
        int bufferSize = region.bufferSize();
        int origin = port.firstOrigin + ringIndex;
        int nfPort = port.nfPort;
        RuntimeBatch target = port.nf.staging[nfPort];
        int slot = head;
        long bad = 0;
        long bytes = 0;
        int e = entryCount;
        for (int i = 0; i < n; i++) {
            int bufIdx = ring.bufIdx(slot);
            int length = ring.len(slot);
            if (!region.isValidBuffer(bufIdx) || length == 0 || length > bufferSize) {
                bad++;
            } else {
                // entryHops[e] is 0 already: endPass clears the hops a pass used.
                entryOrigin[e] = origin;
                entrySlot[e] = slot;
                entryBuffer[e] = bufIdx;
                holders[e].point(region.bufferAddress(bufIdx), bufferSize, length, nfPort);
                target.append(e);
                bytes += length;
                e++;
            }
            slot = ring.next(slot);
        }
        staged |= e != entryCount;
        entryCount = e;
        target.addBytes(bytes);
        if (bad != 0) {
            port.badSlots += bad;
        }
        return slot;
    }

    /**
     * The one-walk pass of a {@link PacketFunction} bound to {@code port}: for each of the {@code n}
     * RX slots {@code [head, head + n)} of ring {@code ringIndex}, points a holder at it, has the
     * NF decide it, and applies the verdict before the next slot is read. A forward to an external
     * port with one TX ring in the same region — the common case — is a buffer-index swap into that
     * TX ring with its head and tail kept in locals (published when the target changes and at the
     * end), and the packet never becomes an entry: a forwarding walk writes one holder,
     * {@link #walker}, two fields per packet. Anything else (drops, chained NFs, flood, a full or
     * foreign TX ring, a packet that emitted) becomes an entry of the pass and goes through
     * {@link #apply}, as in a batch; emitted packets leave after the
     * walk. Invalid slots are skipped and counted as in {@link #receive}. Returns the slot after
     * the last one.
     */
    int walk(BoundPort port, int ringIndex, int head, int n) {
        NetmapRing ring = port.rx[ringIndex];
        NetmapRegion region = port.region;
        int bufferSize = region.bufferSize();
        int origin = port.firstOrigin + ringIndex;
        int nfPort = port.nfPort;
        NfNode node = port.nf;
        PacketFunction nf = node.perPacket;
        RuntimeBatch context = node.staging[nfPort];
        Packet packet = walker;
        packet.point(0, bufferSize, 0, nfPort);
        processing = node;
        emittedCount = 0;
        outPackets = 0;
        outBytes = 0;
        // Start with the target of the last walk over this port: at batch 1 every walk would
        // otherwise look it up again for its only packet.
        int fastVerdict = port.walkVerdict;
        BoundPort out = fastVerdict >= 0 ? port.swapTarget[fastVerdict] : null;
        NetmapRing tx = null;
        int txSlot = 0;
        int txTail = 0;
        int txBufferSize = 0;
        if (out != null) {
            tx = out.tx[0];
            txSlot = out.txHead[0];
            txTail = out.txTail[0];
            txBufferSize = tx.bufferSize();
        } else {
            fastVerdict = NO_FAST_VERDICT;
        }
        int received = 0;
        long bytes = 0;
        int moved = 0;
        long movedBytes = 0;
        long bad = 0;
        int slot = head;
        int i = 0;
        while (i < n) {
            // The inner loop calls nothing but the NF: a call anywhere in a loop (apply, a log line)
            // makes the JIT reload every ring and region field per packet, which measured as a
            // third of the walk. It stops at the first packet that is not a swap into the fast
            // target; that one is finished below, out of line.
            int entriesBefore = entryCount;
            int bufIdx = 0;
            RuntimeException failure = null;
            boolean pending = false;
            for (; i < n; i++, slot = ring.next(slot)) {
                bufIdx = ring.bufIdx(slot);
                int length = ring.len(slot);
                if (!region.isValidBuffer(bufIdx) || length == 0 || length > bufferSize) {
                    bad++;
                    continue;
                }
                received++;
                bytes += length;
                packet.pointFrame(region.bufferAddress(bufIdx), length);
                try {
                    nf.process(packet, context);
                } catch (RuntimeException ex) {
                    failure = ex;
                    pending = true;
                    break;
                }
                if (packet.verdict() == fastVerdict && entryCount == entriesBefore && txSlot != txTail) {
                    int sent = packet.length();
                    if (sent <= txBufferSize) {
                        swapSlots(ring, slot, bufIdx, tx, txSlot, sent);
                        txSlot = tx.next(txSlot);
                        moved++;
                        movedBytes += sent;
                        continue;
                    }
                }
                pending = true;
                break;
            }
            if (!pending) {
                break;
            }
            boolean failed = failure != null;
            if (failed) {
                nfFailed(node, failure);
            }
            int verdict = packet.verdict();
            if (verdict != fastVerdict) {
                publishTx(out, txSlot);
                out = verdict >= 0 && verdict < port.swapTarget.length ? port.swapTarget[verdict] : null;
                fastVerdict = out != null ? verdict : NO_FAST_VERDICT;
                if (out != null) {
                    port.walkVerdict = verdict;
                }
                if (out != null) {
                    tx = out.tx[0];
                    txSlot = out.txHead[0];
                    txTail = out.txTail[0];
                    txBufferSize = tx.bufferSize();
                }
            }
            int sent = packet.length();
            if (out != null && entryCount == entriesBefore && txSlot != txTail && sent <= txBufferSize) {
                swapSlots(ring, slot, bufIdx, tx, txSlot, sent);
                txSlot = tx.next(txSlot);
                moved++;
                movedBytes += sent;
            } else {
                // Emitted packets went after it in the entries: this one becomes an entry of its own.
                int e = entryCount++;
                holders[e].takeOver(packet);
                entryOrigin[e] = origin;
                entrySlot[e] = slot;
                entryBuffer[e] = bufIdx;
                publishTx(out, txSlot);
                apply(node, e, failed);
                if (out != null) {
                    txSlot = out.txHead[0];
                    txTail = out.txTail[0];
                }
            }
            i++;
            slot = ring.next(slot);
        }
        publishTx(out, txSlot);
        processing = null;
        if (bad != 0) {
            port.badSlots += bad;
        }
        node.counters.in(received, bytes);
        outPackets += moved;
        outBytes += movedBytes;
        if (emittedCount == 0) {
            node.counters.out(outPackets, outBytes);
        } else {
            finishEmits(node);
        }
        return slot;
    }

    /**
     * Moves the frame of RX slot {@code rxSlot} (buffer {@code bufIdx}, {@code length} bytes) into
     * TX slot {@code txSlot} by swapping buffer indices; both slots are flagged
     * {@code NS_BUF_CHANGED} (NETMAP-ABI.md), the RX slot keeping its other flags.
     */
    private static void swapSlots(NetmapRing rx, int rxSlot, int bufIdx, NetmapRing tx, int txSlot, int length) {
        int txBuffer = tx.bufIdx(txSlot);
        tx.bufIdx(txSlot, bufIdx);
        tx.len(txSlot, length);
        tx.slotFlags(txSlot, NS_BUF_CHANGED);
        rx.bufIdx(rxSlot, txBuffer);
        rx.slotFlags(rxSlot, rx.slotFlags(rxSlot) | NS_BUF_CHANGED);
    }

    private static void publishTx(BoundPort out, int txSlot) {
        if (out != null && out.txHead[0] != txSlot) {
            out.txHead[0] = txSlot;
            out.dirty = true;
        }
    }

    private void nfFailed(NfNode node, RuntimeException e) {
        node.counters.error();
        if (node.counters.errors() <= 3) {
            LOG.error("NF '{}' threw from process(); its packets without a verdict are dropped as runtime/nf-error", node.name, e);
        }
    }

    /**
     * Starts a run-loop iteration: the clock is read again when an NF first asks for it
     * ({@link RuntimeBatch#nowNanos}), not before every pass — an NF that never asks (a plain
     * forwarder) pays no clock read per batch.
     */
    void newIteration() { clockValid = false; }

    /** The iteration's clock ({@link System#nanoTime()}), read at most once per iteration. */
    long now() {
        if (!clockValid) {
            clock = System.nanoTime();
            clockValid = true;
        }
        return clock;
    }

    /** Whether {@link #now()} was read in this iteration (so the caller can reuse it for free). */
    boolean clockRead() { return clockValid; }

    /** Runs every NF batch that has packets until none has. */
    void runBatches() {
        while (staged) {
            staged = false;
            for (NfNode node : nodes) {
                for (int p = 0; p < node.portCount; p++) {
                    if (node.staging[p].size() > 0) {
                        process(node, node.staging[p]);
                    }
                }
            }
        }
    }

    /** Ends the pass: scratch buffers go back to the pool; the caller releases the RX slots. */
    void endPass() {
        if (scratchTaken != 0) {
            for (int e = 0; e < entryCount; e++) {
                if (entryOrigin[e] == SCRATCH) {
                    scratch.give(entryBuffer[e]);
                }
            }
            scratchTaken = 0;
        }
        if (hopsTaken) {
            Arrays.fill(entryHops, 0, entryCount, 0);
            hopsTaken = false;
        }
        entryCount = 0;
    }

    private void process(NfNode node, RuntimeBatch batch) {
        int n = batch.size();
        node.counters.in(n, batch.bytes());
        processing = node;
        emittedCount = 0;
        outPackets = 0;
        outBytes = 0;
        boolean failed = false;
        try {
            node.nf.process(batch);
        } catch (RuntimeException e) {
            failed = true;
            nfFailed(node, e);
        }
        processing = null;
        batch.clear();
        int i = 0;
        while (i < n) {
            i = swapRun(node, batch, i, n);
            if (i < n) {
                apply(node, batch.entry(i), failed);
                i++;
            }
        }
        finishEmits(node);
    }

    /** After a batch or a walk: the packets the NF emitted leave, and the out counters are written. */
    private void finishEmits(NfNode node) {
        int emits = emittedCount;
        for (int k = 0; k < emits; k++) {
            int e = emitted[k];
            if (holders[e].length() == 0) {
                node.counters.drop(RuntimeDrops.EMPTY_EMIT, 1);
            } else {
                apply(node, e, false);
            }
        }
        emittedCount = 0;
        node.counters.emitted(emits);
        node.counters.out(outPackets, outBytes);
    }

    /**
     * The common case in one tight loop: packets {@code from, from + 1, ...} of {@code batch}
     * forwarded to the same external port, with one TX ring, from RX slots of a ring in that
     * port's region, and room in the TX ring. Each moves by a buffer-index swap (both slots flagged
     * {@code NS_BUF_CHANGED}) with the ring state kept in locals, published once at the end.
     * Stops at the first packet that is not such a case, and returns its index, for
     * {@link #apply} (which also refreshes a TX tail that looks full).
     */
    private int swapRun(NfNode node, RuntimeBatch batch, int from, int n) {
        int first = batch.entry(from);
        int verdict = holders[first].verdict();
        if (verdict < 0 || verdict >= node.portCount) {
            return from;
        }
        int external = node.externalTarget[verdict];
        if (external < 0) {
            return from;
        }
        BoundPort out = ports[external];
        int origin = entryOrigin[first];
        if (out.tx.length != 1 || origin == SCRATCH || originRegion[origin] != out.region) {
            return from;
        }
        NetmapRing tx = out.tx[0];
        NetmapRing rx = originRing[origin];
        int txSlot = out.txHead[0];
        int txTail = out.txTail[0];
        int txBufferSize = tx.bufferSize();
        long bytes = 0;
        int i = from;
        for (; i < n; i++) {
            int e = batch.entry(i);
            Packet packet = holders[e];
            if (packet.verdict() != verdict || entryOrigin[e] != origin || txSlot == txTail) {
                break;
            }
            int length = packet.length();
            if (length > txBufferSize) {
                break;
            }
            int rxSlot = entrySlot[e];
            int txBuffer = tx.bufIdx(txSlot);
            tx.bufIdx(txSlot, entryBuffer[e]);
            tx.len(txSlot, length);
            tx.slotFlags(txSlot, NS_BUF_CHANGED);
            rx.bufIdx(rxSlot, txBuffer);
            rx.slotFlags(rxSlot, rx.slotFlags(rxSlot) | NS_BUF_CHANGED);
            entryBuffer[e] = txBuffer;
            txSlot = tx.next(txSlot);
            bytes += length;
        }
        int moved = i - from;
        if (moved > 0) {
            out.txHead[0] = txSlot;
            out.dirty = true;
            outPackets += moved;
            outBytes += bytes;
        }
        return i;
    }

    private void apply(NfNode node, int e, boolean failed) {
        Packet packet = holders[e];
        int verdict = packet.verdict();
        if (verdict >= 0) {
            if (verdict >= node.portCount) {
                node.counters.drop(DropReason.BAD_PORT, 1);
            } else {
                send(node, e, verdict, packet.length());
            }
            return;
        }
        switch (verdict) {
            case Packet.VERDICT_NONE:
                node.counters.drop(failed ? RuntimeDrops.NF_ERROR : DropReason.NO_VERDICT, 1);
                break;
            case Packet.VERDICT_DROP:
                DropReason reason = packet.dropReason();
                node.counters.drop(reason != null ? reason : RuntimeDrops.NO_REASON, 1);
                break;
            case Packet.VERDICT_CONSUME:
                node.counters.consumed(1);
                break;
            case Packet.VERDICT_FLOOD:
                flood(node, e);
                break;
            default:
                node.counters.drop(DropReason.BAD_PORT, 1);
                break;
        }
    }

    private void send(NfNode node, int e, int port, int length) {
        int external = node.externalTarget[port];
        if (external >= 0) {
            int result = transmit(e, length, ports[external], true);
            if (result == TX_OK) {
                countOut(length);
            } else {
                node.counters.drop(result == TX_FULL ? DropReason.TX_FULL : RuntimeDrops.TOO_BIG, 1);
            }
            return;
        }
        hopsTaken = true;
        if (++entryHops[e] > MAX_HOPS) {
            node.counters.drop(RuntimeDrops.CHAIN_LOOP, 1);
            return;
        }
        int nextPort = node.linkPort[port];
        holders[e].handOver(nextPort);
        node.linkNf[port].staging[nextPort].add(e, length);
        staged = true;
        countOut(length);
    }

    private void flood(NfNode node, int e) {
        Packet packet = holders[e];
        int length = packet.length();
        int input = packet.inputPort();
        for (int port = 0; port < node.portCount; port++) {
            if (port == input) {
                continue;
            }
            int external = node.externalTarget[port];
            if (external >= 0) {
                int result = transmit(e, length, ports[external], false);
                if (result == TX_OK) {
                    countOut(length);
                } else {
                    node.counters.drop(result == TX_FULL ? DropReason.TX_FULL : RuntimeDrops.TOO_BIG, 1);
                }
                continue;
            }
            if (entryHops[e] + 1 > MAX_HOPS) {
                node.counters.drop(RuntimeDrops.CHAIN_LOOP, 1);
                continue;
            }
            int copy = copyToScratch(e, length);
            if (copy < 0) {
                node.counters.drop(RuntimeDrops.NO_BUFFER, 1);
                continue;
            }
            int nextPort = node.linkPort[port];
            entryHops[copy] = entryHops[e] + 1;
            hopsTaken = true;
            NetmapRegion pool = scratch.region();
            holders[copy].point(pool.bufferAddress(entryBuffer[copy]), pool.bufferSize(), length, nextPort);
            node.linkNf[port].staging[nextPort].add(copy, length);
            staged = true;
            countOut(length);
        }
    }

    /**
     * Moves entry {@code e} ({@code length} bytes) into the first TX ring of {@code port} with a
     * free slot: swaps buffers when allowed and both sides index the same pool, copies otherwise.
     */
    private int transmit(int e, int length, BoundPort port, boolean mayMove) {
        NetmapRing[] rings = port.tx;
        int[] heads = port.txHead;
        for (int r = 0; r < rings.length; r++) {
            int slot = heads[r];
            if (slot == port.txTail[r] && !hasRoom(port, r)) {
                continue;
            }
            NetmapRing ring = rings[r];
            if (length > ring.bufferSize()) {
                return TX_TOO_BIG;
            }
            int origin = entryOrigin[e];
            if (mayMove && origin != SCRATCH && originRegion[origin] == port.region) {
                NetmapRing rxRing = originRing[origin];
                int rxSlot = entrySlot[e];
                int txBuffer = ring.bufIdx(slot);
                ring.bufIdx(slot, entryBuffer[e]);
                ring.slotFlags(slot, NS_BUF_CHANGED);
                rxRing.bufIdx(rxSlot, txBuffer);
                rxRing.slotFlags(rxSlot, rxRing.slotFlags(rxSlot) | NS_BUF_CHANGED);
                entryBuffer[e] = txBuffer;
            } else if (!copyInto(e, length, port, ring, slot)) {
                return TX_FULL;
            }
            ring.len(slot, length);
            heads[r] = ring.next(slot);
            port.dirty = true;
            return TX_OK;
        }
        port.port.counters().txDropped(1);
        return TX_FULL;
    }

    /**
     * The cached tail of TX ring {@code r} says the ring is full: reads the real one (acquire) and
     * says whether there is room now. Kept out of {@link #transmit} so that the common case
     * stays small enough to inline.
     */
    private static boolean hasRoom(BoundPort port, int r) {
        NetmapRing ring = port.tx[r];
        int tail = ring.tail();
        if (tail < 0 || tail >= ring.numSlots()) {
            port.port.counters().error();
            return false;
        }
        port.txTail[r] = tail;
        return port.txHead[r] != tail;
    }

    /** Copies entry {@code e} into TX slot {@code slot}'s own buffer; false (counted) when that buffer index is invalid. */
    private boolean copyInto(int e, int length, BoundPort port, NetmapRing ring, int slot) {
        int txBuffer = ring.bufIdx(slot);
        if (!ring.isValidBuffer(txBuffer)) {
            port.port.counters().error();
            return false;
        }
        NativeMemory.copy(entryAddress(e), ring.bufferAddress(txBuffer), length);
        ring.slotFlags(slot, 0);
        return true;
    }

    private int copyToScratch(int e, int length) {
        if (entryCount == holders.length || length > scratch.region().bufferSize()) {
            return -1;
        }
        int buffer = scratch.take();
        if (buffer < 0) {
            return -1;
        }
        int copy = newScratchEntry(buffer);
        NativeMemory.copy(entryAddress(e), scratch.region().bufferAddress(buffer), length);
        return copy;
    }

    private long entryAddress(int e) {
        int origin = entryOrigin[e];
        return (origin == SCRATCH ? scratch.region() : originRegion[origin]).bufferAddress(entryBuffer[e]);
    }

    private int newScratchEntry(int buffer) {
        int e = entryCount++;
        entryOrigin[e] = SCRATCH;
        entrySlot[e] = -1;
        entryBuffer[e] = buffer;
        entryHops[e] = 0;
        scratchTaken++;
        return e;
    }

    /** {@link PacketBatch#emit}: a scratch buffer sent out of {@code port} after the batch, or null. */
    ByteBuf emit(NfNode node, int port) {
        if (node != processing) {
            throw new IllegalStateException("NF '" + node.name + "' called emit() outside process()");
        }
        if (port < 0 || port >= node.portCount) {
            node.counters.drop(DropReason.BAD_PORT, 1);
            return null;
        }
        if (emittedCount == emitted.length || entryCount == holders.length) {
            node.counters.drop(RuntimeDrops.NO_BUFFER, 1);
            return null;
        }
        int buffer = scratch.take();
        if (buffer < 0) {
            node.counters.drop(RuntimeDrops.NO_BUFFER, 1);
            return null;
        }
        int e = newScratchEntry(buffer);
        NetmapRegion pool = scratch.region();
        Packet packet = holders[e];
        packet.point(pool.bufferAddress(buffer), pool.bufferSize(), 0, port);
        packet.forward(port);
        ByteBuf buf = packet.buf();
        emitted[emittedCount++] = e;
        return buf;
    }

    private void countOut(int length) {
        outPackets++;
        outBytes += length;
    }
}
