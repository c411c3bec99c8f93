package io.hypernf.sdk.nf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link PacketBatch} for driving one NF by hand in the tests of any module: each frame is
 * copied into its own heap buffer of {@link #capacity} bytes (so NFs may grow frames in place),
 * and {@link #emit} collects built frames per port. Reusable: {@link #reset} refills it without
 * making new holders, which keeps allocation tests honest.
 */
public final class ManualBatch implements PacketBatch {
    private final int capacity;
    private final List<Packet> holders = new ArrayList<>();
    private final List<ByteBuf> buffers = new ArrayList<>();
    private final List<ByteBuf> emittedFrames = new ArrayList<>();
    private final List<Integer> emittedPorts = new ArrayList<>();
    private int size;
    private int inputPort;
    private long now;

    /** An empty batch whose packet buffers hold {@code capacity} bytes each. */
    public ManualBatch(int capacity) {
        this.capacity = capacity;
    }

    /** A batch of {@code frames} that arrived on {@code inputPort} at {@code now}, 2048-byte buffers. */
    public static ManualBatch of(int inputPort, long now, byte[]... frames) {
        return new ManualBatch(2048).reset(inputPort, now, frames);
    }

    /** Refills the batch with copies of {@code frames}; holders and buffers are reused. */
    public ManualBatch reset(int inputPort, long now, byte[]... frames) {
        this.inputPort = inputPort;
        this.now = now;
        this.size = frames.length;
        emittedFrames.clear();
        emittedPorts.clear();
        while (holders.size() < frames.length) {
            holders.add(new Packet());
            buffers.add(Unpooled.wrappedBuffer(new byte[capacity]));
        }
        for (int i = 0; i < frames.length; i++) {
            ByteBuf buf = buffers.get(i);
            buf.clear();
            buf.setBytes(0, frames[i]);
            holders.get(i).reset(buf, frames[i].length, inputPort);
        }
        return this;
    }

    /**
     * Hands the same frames, as the NF left them, in again from {@code inputPort} at {@code now},
     * verdicts cleared; allocates nothing (allocation and replay loops).
     */
    public ManualBatch rearm(int inputPort, long now) {
        this.inputPort = inputPort;
        this.now = now;
        for (int i = 0; i < size; i++) {
            Packet packet = holders.get(i);
            packet.reset(packet.buf(), packet.length(), inputPort);
        }
        return this;
    }

    @Override public int size() { return size; }

    @Override
    public Packet packet(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("packet " + i + " of a batch of " + size);
        }
        return holders.get(i);
    }

    @Override public int inputPort() { return inputPort; }
    @Override public long nowNanos() { return now; }

    @Override
    public ByteBuf emit(int port) {
        ByteBuf buf = Unpooled.wrappedBuffer(new byte[capacity]).clear();
        emittedFrames.add(buf);
        emittedPorts.add(port);
        return buf;
    }

    /** The bytes of packet {@code i} as the NF left them (0 to its length). */
    public byte[] frame(int i) {
        Packet packet = packet(i);
        return Arrays.copyOf(packet.buf().array(), packet.length());
    }

    /** Verdict of packet {@code i} ({@code >= 0}: forwarded to that port; see {@link Packet}). */
    public int verdict(int i) { return packet(i).verdict(); }

    /** Frames built with {@link #emit} during the last process call, in order. */
    public List<ByteBuf> emitted() { return emittedFrames; }

    /** The ports the frames of {@link #emitted()} go to. */
    public List<Integer> emittedPorts() { return emittedPorts; }
}
