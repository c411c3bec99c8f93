package io.hypernf.nf.firewall;

import io.hypernf.sdk.nf.Packet;
import io.hypernf.sdk.nf.PacketBatch;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch for driving an NF directly in unit tests: frames are wrapped in heap buffers with
 * spare capacity; emitted frames are collected per port. The runtime's own batch is tested in
 * the SDK; this one only has to follow the {@link PacketBatch} contract.
 */
final class TestBatch implements PacketBatch {
    private final List<Packet> packets = new ArrayList<>();
    private final int inputPort;
    private final long now;
    private final List<ByteBuf> emittedBuffers = new ArrayList<>();
    private final List<Integer> emittedPorts = new ArrayList<>();
    private int emitRoom = Integer.MAX_VALUE;

    TestBatch(int inputPort, long now, byte[]... frames) {
        this.inputPort = inputPort;
        this.now = now;
        for (byte[] frame : frames) {
            ByteBuf buf = Unpooled.wrappedBuffer(new byte[2048]);
            buf.setBytes(0, frame);
            Packet packet = new Packet();
            packet.reset(buf, frame.length, inputPort);
            packets.add(packet);
        }
    }

    /** Makes {@link #emit} answer null (no room) after {@code room} frames. */
    TestBatch emitRoom(int room) {
        emitRoom = room;
        return this;
    }

    @Override public int size() { return packets.size(); }
    @Override public Packet packet(int i) { return packets.get(i); }
    @Override public int inputPort() { return inputPort; }
    @Override public long nowNanos() { return now; }

    @Override
    public ByteBuf emit(int port) {
        if (emittedBuffers.size() >= emitRoom) {
            return null;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(new byte[2048]);
        buf.setIndex(0, 0);
        emittedBuffers.add(buf);
        emittedPorts.add(port);
        return buf;
    }

    /** The frames emitted, as written (only those with a non-zero length count as sent). */
    List<byte[]> emitted() {
        List<byte[]> frames = new ArrayList<>();
        for (ByteBuf buf : emittedBuffers) {
            if (buf.writerIndex() > 0) {
                byte[] frame = new byte[buf.writerIndex()];
                buf.getBytes(0, frame);
                frames.add(frame);
            }
        }
        return frames;
    }

    List<Integer> emittedPorts() { return emittedPorts; }

    int verdict(int i) { return packets.get(i).verdict(); }
}
