package io.hypernf.nf.nat;

import io.hypernf.sdk.nf.DropReason;
import io.hypernf.sdk.nf.Packet;
import io.hypernf.sdk.nf.PacketBatch;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;

/**
 * Drives a {@link Nat} one frame at a time in unit tests with a clock the test moves, keeping the
 * verdict and the frame as it left. Implements the {@link PacketBatch} contract for one packet
 * (a NAT never emits).
 */
final class NatDriver implements PacketBatch {
    /** Largest frame the driver carries (corpus records are cut to it). */
    static final int MAX_FRAME = 65536;

    final Nat nat;
    private final Packet packet = new Packet();
    private final ByteBuf buf = Unpooled.buffer(MAX_FRAME, MAX_FRAME);
    private int inputPort;
    long now = 1_000_000_000L;

    NatDriver(NatConfig config) {
        this(new Nat("nat", config, 42));
    }

    NatDriver(Nat nat) {
        this.nat = nat;
    }

    /** Sends the first {@code length} bytes of {@code frame}; returns the verdict (the frame stays in {@link #lastFrame}). */
    int sendInPlace(int port, byte[] frame, int length) {
        inputPort = port;
        buf.clear().writeBytes(frame, 0, length);
        packet.reset(buf, length, port);
        nat.process(this);
        if (packet.verdict() == Packet.VERDICT_DROP) {
            packet.dropReason().add(1);
        }
        return packet.verdict();
    }

    /** The frame of the last {@link #sendInPlace} as it is now. */
    byte[] lastFrame() {
        byte[] out = new byte[packet.length()];
        buf.getBytes(0, out);
        return out;
    }

    /** Sends {@code frame} into port {@code port}; returns the frame as it left, or null when dropped. */
    byte[] send(int port, byte[] frame) {
        inputPort = port;
        buf.clear().writeBytes(frame);
        packet.reset(buf, frame.length, port);
        nat.process(this);
        if (packet.verdict() < 0) {
            if (packet.verdict() == Packet.VERDICT_DROP) {
                packet.dropReason().add(1);
            }
            return null;
        }
        byte[] out = new byte[packet.length()];
        buf.getBytes(0, out);
        return out;
    }

    byte[] out(byte[] frame) { return send(Nat.INSIDE, frame); }
    byte[] in(byte[] frame) { return send(Nat.OUTSIDE, frame); }

    int verdict() { return packet.verdict(); }
    DropReason dropReason() { return packet.dropReason(); }

    /** Moves the clock and runs enough ticks for a full expiry sweep. */
    void advance(Duration by) {
        now += by.toNanos();
        for (int i = 0; i < 1100; i++) {
            nat.tick(now);
        }
    }

    @Override public int size() { return 1; }
    @Override public Packet packet(int i) { return packet; }
    @Override public int inputPort() { return inputPort; }
    @Override public long nowNanos() { return now; }
    @Override public ByteBuf emit(int port) { throw new AssertionError("the NAT does not emit"); }
}
