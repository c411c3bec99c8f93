package io.hypernf.sdk.nf;

import static io.hypernf.sdk.ring.NetmapLayout.NS_BUF_CHANGED;

import io.hypernf.sdk.ring.NativeMemory;
import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.NetmapRing;
import io.netty.buffer.ByteBuf;
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
 */
final class Dispatcher {
    /** A packet may be handed between chained NFs this many times per pass before it counts as a loop. */
    static final int MAX_HOPS = 16;

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int TX_OK = 0;
    private static final int TX_FULL = 1;
    private static final int TX_TOO_BIG = 2;

    private final NfNode[] nodes;
    private final BoundPort[] ports;
    private final ScratchPool scratch;
    private final Packet[] holders;
    private final NetmapRegion[] entryRegion;
    private final NetmapRing[] entryRing;
    private final int[] entrySlot;
    private final int[] entryBuffer;
    private final int[] entryHops;
    /** The length a packet had when it joined its current batch (for bytes-in without touching its ByteBuf). */
    private final int[] entryLength;
    private final boolean[] entryScratch;
    private int entryCount;
    private final int[] emitted;
    private int emittedCount;
    private NfNode processing;
    private int outPackets;
    private long outBytes;

    Dispatcher(NfNode[] nodes, BoundPort[] ports, int batch, ScratchPool scratch) {
        this.nodes = nodes;
        this.ports = ports;
        this.scratch = scratch;
        int capacity = batch + scratch.capacity();
        this.holders = new Packet[capacity];
        for (int i = 0; i < capacity; i++) {
            holders[i] = new Packet();
        }
        this.entryRegion = new NetmapRegion[capacity];
        this.entryRing = new NetmapRing[capacity];
        this.entrySlot = new int[capacity];
        this.entryBuffer = new int[capacity];
        this.entryHops = new int[capacity];
        this.entryLength = new int[capacity];
        this.entryScratch = new boolean[capacity];
        this.emitted = new int[scratch.capacity()];
        for (NfNode node : nodes) {
            node.staging = new RuntimeBatch[node.portCount];
            for (int p = 0; p < node.portCount; p++) {
                node.staging[p] = new RuntimeBatch(this, node, p, capacity);
            }
        }
    }

    Packet holder(int entry) { return holders[entry]; }

    /** Adds the packet in RX slot {@code slot} of {@code ring} to the batch of NF port {@code port.nfPort}. */
    void addReceived(BoundPort port, NetmapRing ring, int slot, int bufIdx, int length) {
        int e = entryCount++;
        entryRegion[e] = port.region;
        entryRing[e] = ring;
        entrySlot[e] = slot;
        entryBuffer[e] = bufIdx;
        entryHops[e] = 0;
        entryScratch[e] = false;
        entryLength[e] = length;
        holders[e].reset(port.region.buffer(bufIdx), length, port.nfPort);
        port.nf.staging[port.nfPort].add(e);
    }

    /** Runs every NF batch that has packets until none has, all with clock {@code now}. */
    void runBatches(long now) {
        boolean again;
        do {
            again = false;
            for (NfNode node : nodes) {
                for (int p = 0; p < node.portCount; p++) {
                    if (node.staging[p].size() > 0) {
                        process(node, node.staging[p], now);
                        again = true;
                    }
                }
            }
        } while (again);
    }

    /** Ends the pass: scratch buffers go back to the pool; the caller releases the RX slots. */
    void endPass() {
        for (int e = 0; e < entryCount; e++) {
            if (entryScratch[e]) {
                scratch.give(entryBuffer[e]);
            }
            entryRing[e] = null;
            entryRegion[e] = null;
        }
        entryCount = 0;
    }

    private void process(NfNode node, RuntimeBatch batch, long now) {
        int n = batch.size();
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            bytes += entryLength[batch.entry(i)];
        }
        node.counters.in(n, bytes);
        batch.now(now);
        processing = node;
        emittedCount = 0;
        outPackets = 0;
        outBytes = 0;
        boolean failed = false;
        try {
            node.nf.process(batch);
        } catch (RuntimeException e) {
            failed = true;
            node.counters.error();
            if (node.counters.errors() <= 3) {
                LOG.error("NF '{}' threw from process(); its packets without a verdict are dropped as runtime/nf-error", node.name, e);
            }
        }
        processing = null;
        batch.clear();
        for (int i = 0; i < n; i++) {
            apply(node, batch.entry(i), failed);
        }
        int emits = emittedCount;
        for (int i = 0; i < emits; i++) {
            int e = emitted[i];
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

    private void apply(NfNode node, int e, boolean failed) {
        Packet packet = holders[e];
        int verdict = packet.verdict();
        if (verdict >= 0) {
            if (verdict >= node.portCount) {
                node.counters.drop(DropReason.BAD_PORT, 1);
            } else {
                send(node, e, verdict);
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

    private void send(NfNode node, int e, int port) {
        int length = holders[e].length();
        int external = node.externalTarget[port];
        if (external >= 0) {
            int result = transmit(e, ports[external], true);
            if (result == TX_OK) {
                countOut(length);
            } else {
                node.counters.drop(result == TX_FULL ? DropReason.TX_FULL : RuntimeDrops.TOO_BIG, 1);
            }
            return;
        }
        if (++entryHops[e] > MAX_HOPS) {
            node.counters.drop(RuntimeDrops.CHAIN_LOOP, 1);
            return;
        }
        int nextPort = node.linkPort[port];
        Packet packet = holders[e];
        packet.reset(packet.buf(), length, nextPort);
        entryLength[e] = length;
        node.linkNf[port].staging[nextPort].add(e);
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
                int result = transmit(e, ports[external], false);
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
            entryLength[copy] = length;
            holders[copy].reset(scratch.region().buffer(entryBuffer[copy]), length, nextPort);
            node.linkNf[port].staging[nextPort].add(copy);
            countOut(length);
        }
    }

    /**
     * Moves entry {@code e} into the first TX ring of {@code port} with a free slot: swaps buffers
     * when allowed and both sides index the same pool, copies otherwise.
     */
    private int transmit(int e, BoundPort port, boolean mayMove) {
        int length = holders[e].length();
        for (int r = 0; r < port.tx.length; r++) {
            NetmapRing ring = port.tx[r];
            int slot = port.txHead[r];
            if (slot == port.txTail[r]) {
                int tail = ring.tail();
                if (tail < 0 || tail >= ring.numSlots()) {
                    port.port.counters().error();
                    continue;
                }
                port.txTail[r] = tail;
                if (slot == tail) {
                    continue;
                }
            }
            if (length > ring.bufferSize()) {
                return TX_TOO_BIG;
            }
            int txBuffer = ring.bufIdx(slot);
            if (mayMove && !entryScratch[e] && entryRegion[e] == port.region) {
                NetmapRing rxRing = entryRing[e];
                int rxSlot = entrySlot[e];
                ring.bufIdx(slot, entryBuffer[e]);
                ring.slotFlags(slot, NS_BUF_CHANGED);
                rxRing.bufIdx(rxSlot, txBuffer);
                rxRing.slotFlags(rxSlot, rxRing.slotFlags(rxSlot) | NS_BUF_CHANGED);
                entryBuffer[e] = txBuffer;
            } else {
                if (!ring.isValidBuffer(txBuffer)) {
                    port.port.counters().error();
                    return TX_FULL;
                }
                NativeMemory.copy(entryRegion[e].bufferAddress(entryBuffer[e]), ring.bufferAddress(txBuffer), length);
                ring.slotFlags(slot, 0);
            }
            ring.len(slot, length);
            port.txHead[r] = ring.next(slot);
            port.dirty = true;
            return TX_OK;
        }
        port.port.counters().txDropped(1);
        return TX_FULL;
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
        NativeMemory.copy(entryRegion[e].bufferAddress(entryBuffer[e]), scratch.region().bufferAddress(buffer), length);
        return copy;
    }

    private int newScratchEntry(int buffer) {
        int e = entryCount++;
        entryRegion[e] = scratch.region();
        entryRing[e] = null;
        entrySlot[e] = -1;
        entryBuffer[e] = buffer;
        entryHops[e] = 0;
        entryScratch[e] = true;
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
        ByteBuf buf = scratch.region().buffer(buffer);
        holders[e].reset(buf, 0, port);
        holders[e].forward(port);
        emitted[emittedCount++] = e;
        return buf;
    }

    private void countOut(int length) {
        outPackets++;
        outBytes += length;
    }
}
