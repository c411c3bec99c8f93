package io.hypernf.sdk.nf;

import io.hypernf.sdk.ring.PacketByteBuf;
import io.netty.buffer.ByteBuf;

/**
 * One packet of a batch, in place in its ring buffer: a reusable holder the runtime re-points for
 * every packet, never made per packet. {@link #buf()} is the buffer's {@code ByteBuf}, with
 * {@code readerIndex} 0 at the first byte of the Ethernet frame and {@code writerIndex} at its end.
 *
 * <p>The NF may rewrite the frame in place and change its length up to {@link #capacity()}; the
 * buffer stays owned by the runtime — NFs never retain, release or keep a reference to it past
 * {@link NetworkFunction#process}.
 *
 * <p>Speed: the runtime points a holder at a packet by its native address and length, plain
 * fields ({@link #point}); the {@code ByteBuf} is pointed at the packet only when the NF asks for
 * it, so a packet the NF does not read (or reads through {@link #address()}) costs no
 * {@code ByteBuf} bookkeeping. Once handed out, the {@code ByteBuf}'s {@code writerIndex} is the
 * packet's length (an NF may set either).
 */
public final class Packet {
    /** Verdict codes; {@code >= 0} means "forward to that port index". */
    public static final int VERDICT_NONE = -1;
    public static final int VERDICT_DROP = -2;
    public static final int VERDICT_CONSUME = -3;
    public static final int VERDICT_FLOOD = -4;

    private long address;
    private int length;
    private int capacity;
    private int inputPort;
    private int verdict = VERDICT_NONE;
    private DropReason dropReason;
    /** The ByteBuf this packet is in while {@link #bufLive}: {@link #view}, or one given to {@link #reset}. */
    private ByteBuf buf;
    private boolean bufLive;
    /** The holder's own view over native packet buffers, made on the first {@link #buf()} and re-pointed after. */
    private PacketByteBuf view;

    /**
     * Runtime only: points this holder at the {@code length}-byte frame at native address
     * {@code address} of a buffer of {@code capacity} bytes, arrived on NF port {@code inputPort}.
     * Plain field writes: nothing is read from or written to the frame.
     */
    public void point(long address, int capacity, int length, int inputPort) {
        this.address = address;
        this.capacity = capacity;
        this.length = length;
        this.inputPort = inputPort;
        this.verdict = VERDICT_NONE;
        this.bufLive = false;
    }

    /**
     * Runtime only: re-points this holder at the {@code length}-byte frame at {@code address} in a
     * buffer of the capacity, and for the input port, of the last {@link #point} (four field
     * stores: the one-walk pass calls it for every packet).
     */
    void pointFrame(long address, int length) {
        this.address = address;
        this.length = length;
        this.verdict = VERDICT_NONE;
        this.bufLive = false;
    }

    /**
     * Runtime only: this holder takes the packet {@code other} holds — frame, length, input port,
     * verdict and drop reason — so that {@code other} can be re-pointed. The {@code ByteBuf} view
     * stays {@code other}'s: this holder points its own when asked.
     */
    void takeOver(Packet other) {
        this.address = other.address;
        this.capacity = other.capacity;
        this.length = other.length();
        this.inputPort = other.inputPort;
        this.verdict = other.verdict;
        this.dropReason = other.dropReason;
        this.bufLive = false;
    }

    /**
     * Points this holder at a frame in {@code buffer} (indices set to {@code [0, length)}): for
     * tests and tools that hold frames in their own {@code ByteBuf}s. {@link #address()} is the
     * buffer's native address, or 0 for a heap buffer.
     */
    public void reset(ByteBuf buffer, int length, int inputPort) {
        if (buffer != buf) {
            this.buf = buffer;
        }
        buffer.setIndex(0, length);
        this.bufLive = true;
        this.address = buffer.hasMemoryAddress() ? buffer.memoryAddress() : 0;
        this.capacity = buffer.capacity();
        this.length = length;
        this.inputPort = inputPort;
        this.verdict = VERDICT_NONE;
        this.dropReason = null;
    }

    /** The frame as a {@code ByteBuf} ({@code [0, length)} readable); pointed at the frame on first use per packet. */
    public ByteBuf buf() {
        if (!bufLive) {
            PacketByteBuf v = view;
            if (v == null) {
                v = new PacketByteBuf();
                view = v;
            }
            v.point(address, capacity).setIndex(0, length);
            if (buf != v) {
                buf = v;
            }
            bufLive = true;
        }
        return buf;
    }

    /**
     * Native address of the frame's first byte (0 when the holder wraps a heap buffer, in tests).
     * For flyweights that read the frame directly; valid until {@link NetworkFunction#process}
     * returns, and only {@code [address, address + capacity())} belongs to the packet.
     */
    public long address() { return address; }

    public int length() { return bufLive ? buf.writerIndex() : length; }

    /** Sets the frame length (after growing or trimming the frame in place). */
    public void length(int length) {
        if (length < 0 || length > capacity) {
            throw new IllegalArgumentException("packet length " + length + " is outside [0, " + capacity + "]");
        }
        this.length = length;
        if (bufLive) {
            buf.writerIndex(length);
        }
    }

    public int capacity() { return capacity; }
    public int inputPort() { return inputPort; }

    /** Runtime only: the packet moves on to NF port {@code port} of the next NF, verdict cleared. */
    void handOver(int port) {
        this.length = length();
        this.inputPort = port;
        this.verdict = VERDICT_NONE;
        if (bufLive) {
            buf.setIndex(0, length);
        }
    }

    /** Sends the packet out of the NF's port {@code port} (an index into its port names). */
    public void forward(int port) { verdict = port; }

    /** Sends a copy out of every port of the NF except the one it came in on. */
    public void flood() { verdict = VERDICT_FLOOD; }

    /** Drops the packet, counting it under {@code reason}. */
    public void drop(DropReason reason) { verdict = VERDICT_DROP; dropReason = reason; }

    /** The NF took care of the packet (answered it, absorbed it): no output, not a drop. */
    public void consume() { verdict = VERDICT_CONSUME; }

    public int verdict() { return verdict; }
    /** The reason given to {@link #drop}; null unless the verdict is {@link #VERDICT_DROP} (the field is left stale otherwise, one store less per packet). */
    public DropReason dropReason() { return verdict == VERDICT_DROP ? dropReason : null; }
}
