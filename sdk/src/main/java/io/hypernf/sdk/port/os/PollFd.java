package io.hypernf.sdk.port.os;

import io.hypernf.sdk.ring.NativeMemory;

/**
 * A reusable flyweight over an array of {@code struct pollfd} in native memory (poll(2)):
 * <pre>
 *  0    4        6         8
 *  | fd | events | revents |
 * </pre>
 * A port allocates its array once and re-arms {@code events} before each poll: no allocation per call.
 */
public final class PollFd {
    public static final int SIZE = 8;
    public static final int FD = 0;
    public static final int EVENTS = 4;
    public static final int REVENTS = 6;

    private long address;

    public PollFd wrap(long arrayAddress) { this.address = arrayAddress; return this; }

    public long address() { return address; }

    public int fd(int i) { return NativeMemory.getInt(address + (long) i * SIZE + FD); }
    public void fd(int i, int fd) { NativeMemory.putInt(address + (long) i * SIZE + FD, fd); }
    public short events(int i) { return NativeMemory.getShort(address + (long) i * SIZE + EVENTS); }
    public void events(int i, short events) { NativeMemory.putShort(address + (long) i * SIZE + EVENTS, events); }
    public short revents(int i) { return NativeMemory.getShort(address + (long) i * SIZE + REVENTS); }
    public void revents(int i, short revents) { NativeMemory.putShort(address + (long) i * SIZE + REVENTS, revents); }
}
