package io.hypernf.sdk.nf;

import io.netty.buffer.ByteBuf;

/**
 * One packet of a batch, in place in its ring buffer: a reusable holder the runtime re-points for
 * every packet, never made per packet. {@link #buf()} is the buffer's {@code ByteBuf}, with
 * {@code readerIndex} 0 at the first byte of the Ethernet frame and {@code writerIndex} at its end.
 *
 * <p>The NF may rewrite the frame in place and change its length up to {@link #capacity()}; the
 * buffer stays owned by the runtime — NFs never retain, release or keep a reference to it past
 * {@link NetworkFunction#process}.
 */
public final class Packet {
    /** Verdict codes; {@code >= 0} means "forward to that port index". */
    public static final int VERDICT_NONE = -1;
    public static final int VERDICT_DROP = -2;
    public static final int VERDICT_CONSUME = -3;
    public static final int VERDICT_FLOOD = -4;

    private ByteBuf buf;
    private int inputPort;
    private int verdict = VERDICT_NONE;
    private DropReason dropReason;

    /** Runtime only: points this holder at a packet. */
    public void reset(ByteBuf buffer, int length, int inputPort) {
        if (buffer != buf) {
            // The runtime re-points one ByteBuf per holder: skipping the same-reference store skips its GC write barrier.
            this.buf = buffer;
        }
        buffer.setIndex(0, length);
        this.inputPort = inputPort;
        this.verdict = VERDICT_NONE;
        this.dropReason = null;
    }

    public ByteBuf buf() { return buf; }
    public int length() { return buf.writerIndex(); }

    /** Sets the frame length (after growing or trimming the frame in place). */
    public void length(int length) {
        if (length < 0 || length > buf.capacity()) {
            throw new IllegalArgumentException("packet length " + length + " is outside [0, " + buf.capacity() + "]");
        }
        buf.writerIndex(length);
    }

    public int capacity() { return buf.capacity(); }
    public int inputPort() { return inputPort; }

    /** Sends the packet out of the NF's port {@code port} (an index into its port names). */
    public void forward(int port) { verdict = port; dropReason = null; }

    /** Sends a copy out of every port of the NF except the one it came in on. */
    public void flood() { verdict = VERDICT_FLOOD; dropReason = null; }

    /** Drops the packet, counting it under {@code reason}. */
    public void drop(DropReason reason) { verdict = VERDICT_DROP; dropReason = reason; }

    /** The NF took care of the packet (answered it, absorbed it): no output, not a drop. */
    public void consume() { verdict = VERDICT_CONSUME; dropReason = null; }

    public int verdict() { return verdict; }
    public DropReason dropReason() { return dropReason; }
}
