package io.hypernf.bench;

import io.hypernf.sdk.nf.IdleMode;
import io.hypernf.sdk.nf.NetworkFunction;
import io.hypernf.sdk.nf.NfRuntime;
import io.hypernf.sdk.nf.RunOptions;
import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.Ports;
import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.NetmapRing;

/**
 * An NF inside the SDK runtime, exactly as a user runs it, between two in-process links of one
 * group (so every hop is a buffer-index swap, never a copy):
 *
 * <pre>
 *  producer ── inproc:NAME_src/a ══► /b ── NF port 0 ─[NfRuntime]─ NF port 1 ── inproc:NAME_dst/a ══► /b ── consumer
 * </pre>
 *
 * One {@link #invoke} is one benchmark operation: the producer queues {@link #PACKETS_PER_OP}
 * frames and syncs once; the runtime runs {@code PACKETS_PER_OP / batch} iterations
 * ({@link NfRuntime#runOnce}), each taking one batch; the consumer syncs and releases what arrived.
 * Producer and consumer cost is the same for every batch size, so the batch size only changes the
 * runtime's work. Frames the NF sends back out of port 0 are released by the producer's side.
 */
final class InprocHarness implements AutoCloseable {
    /** Packets per benchmark invocation; a multiple of every batch size measured. */
    static final int PACKETS_PER_OP = 256;
    static final int SLOTS = 1024;

    private final Port source;
    private final Port sink;
    private final NfRuntime runtime;
    private final NetmapRing sourceTx;
    private final NetmapRing sinkRx;
    private final NetmapRing sourceRx;
    private final NetmapRegion region;
    private final TrafficFrames frames;
    private final int runsPerOp;

    /**
     * Wires {@code nf} (ports 0 and 1) between fresh links named after {@code name}; the producer
     * writes the next frame of {@code frames} into each buffer it sends, or only sets the length
     * when {@code frames} is null (the buffers keep whatever frame they hold).
     */
    InprocHarness(String name, NetworkFunction nf, int batch, TrafficFrames frames) {
        if (PACKETS_PER_OP % batch != 0) {
            throw new IllegalArgumentException("batch " + batch + " does not divide " + PACKETS_PER_OP);
        }
        String query = "?slots=" + SLOTS + "&group=" + name + "&links=2";
        this.source = Ports.open("inproc:" + name + "_src/a" + query);
        Port nfIn = Ports.open("inproc:" + name + "_src/b" + query);
        Port nfOut = Ports.open("inproc:" + name + "_dst/a" + query);
        this.sink = Ports.open("inproc:" + name + "_dst/b" + query);
        this.runtime = NfRuntime.builder(new RunOptions(batch, IdleMode.SPIN, 0))
                .port("in", nfIn)
                .port("out", nfOut)
                .nf(nf.name(), nf)
                .connect(nf.name(), nf.portNames().get(0), "in")
                .connect(nf.name(), nf.portNames().get(1), "out")
                .build();
        this.sourceTx = source.txRing(0);
        this.sourceRx = source.rxRing(0);
        this.sinkRx = sink.rxRing(0);
        this.region = source.region();
        this.frames = frames;
        this.runsPerOp = PACKETS_PER_OP / batch;
        for (int b = NetmapRegion.RESERVED_BUFFERS; b < region.bufferCount(); b++) {
            TrafficFrames.writeMacs(region.bufferAddress(b));
            // The region makes each buffer's ByteBuf on first use (slow: JNA makes a direct
            // ByteBuffer); make them all now so that only the steady state is measured.
            region.buffer(b);
        }
    }

    NfRuntime runtime() { return runtime; }
    NetmapRegion region() { return region; }

    /** One benchmark operation; returns the packets that reached the consumer. */
    int invoke() {
        produce(PACKETS_PER_OP);
        for (int i = 0; i < runsPerOp; i++) {
            runtime.runOnce();
        }
        release(source, sourceRx);
        return release(sink, sinkRx);
    }

    /** Queues up to {@code count} frames on the producer's TX ring and syncs; returns how many were queued. */
    int produce(int count) {
        int head = sourceTx.head();
        int tail = sourceTx.tail();
        int queued = 0;
        while (queued < count && head != tail) {
            int length = TrafficFrames.FRAME_LENGTH;
            if (frames != null) {
                length = frames.copyNext(region.bufferAddress(sourceTx.bufIdx(head)));
            }
            sourceTx.len(head, length);
            head = sourceTx.next(head);
            queued++;
        }
        sourceTx.head(head);
        sourceTx.cur(head);
        source.txSync();
        return queued;
    }

    /** Receives on {@code port} and hands every received slot back; returns how many there were. */
    private static int release(Port port, NetmapRing rx) {
        port.rxSync();
        int tail = rx.tail();
        int received = rx.distance(rx.head(), tail);
        rx.head(tail);
        rx.cur(tail);
        return received;
    }

    /** The consumer's RX ring, for checks by tests before {@link #invoke} releases it. */
    NetmapRing sinkRx() { return sinkRx; }
    NetmapRing sourceTx() { return sourceTx; }
    Port sink() { return sink; }

    @Override
    public void close() {
        runtime.close();
        source.close();
        sink.close();
    }
}
