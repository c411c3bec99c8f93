package io.hypernf.sdk.port.netmap;

import static io.hypernf.sdk.ring.NetmapLayout.*;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.hypernf.sdk.port.AbstractPortTest;
import io.hypernf.sdk.port.os.LinuxSyscalls;
import io.hypernf.sdk.port.os.PollFd;
import io.hypernf.sdk.port.os.Syscalls;
import io.hypernf.sdk.ring.NativeMemory;
import io.hypernf.sdk.ring.NetmapIf;
import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.NetmapRing;
import io.hypernf.sdk.ring.RingGeometry;
import java.util.ArrayList;
import java.util.List;

/**
 * A netmap device played by a Mockito mock of {@link Syscalls}: it records the exact bytes of each
 * register request, answers with a reply describing a {@link NetmapRegion} allocated in the netmap
 * layout (the "mapped memory"), and on NIOCTXSYNC/NIOCRXSYNC/poll acts as the kernel side of ring
 * 0 of each direction: it takes TX slots up to {@code head} (copying the frames out) and fills RX
 * slots up to one before {@code head} from a queue of injected frames.
 */
final class FakeNetmapDevice implements AutoCloseable {
    static final int FD = 7;
    static final long CTRL = Integer.toUnsignedLong(NIOCCTRL);
    static final long REGIF = Integer.toUnsignedLong(NIOCREGIF);

    final Syscalls sys = mock(Syscalls.class);
    final NetmapRegion memory;
    final List<byte[]> headers = new ArrayList<>();
    final List<byte[]> bodies = new ArrayList<>();
    final List<byte[]> legacyRequests = new ArrayList<>();
    final List<byte[]> transmitted = new ArrayList<>();
    final List<byte[]> toReceive = new ArrayList<>();
    int errno;
    int ctrlErrno;
    int regifErrno;
    long replyMemsize;
    long replyOffset;
    private final int slots;
    private int txHwcur;
    private int delivered;

    /** A device with {@code hwRings} hardware rings and one host ring per direction, {@code slots} slots each. */
    FakeNetmapDevice(int hwRings, int slots) {
        this(hwRings, 1, slots);
    }

    /**
     * A device with {@code hwRings} hardware and {@code hostRings} host rings per direction; the
     * HyperNF front device is {@code (1, 0, slots)}.
     */
    FakeNetmapDevice(int hwRings, int hostRings, int slots) {
        this.slots = slots;
        memory = NetmapRegion.allocate(new RingGeometry("eth0", hwRings + hostRings, hwRings + hostRings, slots, slots, 2048));
        NetmapIf nifp = new NetmapIf().wrap(memory.interfaceAddress(0));
        NativeMemory.putInt(nifp.address() + IF_TX_RINGS, hwRings);
        NativeMemory.putInt(nifp.address() + IF_RX_RINGS, hwRings);
        NativeMemory.putInt(nifp.address() + IF_HOST_TX_RINGS, hostRings);
        NativeMemory.putInt(nifp.address() + IF_HOST_RX_RINGS, hostRings);
        replyMemsize = memory.size();
        replyOffset = memory.interfaceAddress(0) - memory.address();

        when(sys.open(anyString(), anyInt())).thenReturn(FD);
        when(sys.errno()).thenAnswer(inv -> errno);
        when(sys.strerror(anyInt())).thenAnswer(inv -> LinuxSyscalls.INSTANCE.strerror(inv.getArgument(0)));
        when(sys.describe(anyInt())).thenCallRealMethod();
        when(sys.ioctl(eq(FD), eq(CTRL), anyLong())).thenAnswer(inv -> ctrl(inv.getArgument(2)));
        when(sys.ioctl(eq(FD), eq(REGIF), anyLong())).thenAnswer(inv -> regif(inv.getArgument(2)));
        when(sys.ioctl(eq(FD), eq((long) NIOCTXSYNC), eq(0L))).thenAnswer(inv -> { kernelTx(); return 0; });
        when(sys.ioctl(eq(FD), eq((long) NIOCRXSYNC), eq(0L))).thenAnswer(inv -> { kernelRx(); return 0; });
        when(sys.mmap(anyLong(), anyLong(), anyInt(), anyInt(), anyInt(), anyLong())).thenAnswer(inv -> memory.address());
        when(sys.poll(anyLong(), anyInt(), anyInt())).thenAnswer(inv -> poll(inv.getArgument(0)));
    }

    private int ctrl(long hdr) {
        headers.add(bytes(hdr, HDR_SIZE));
        long body = NativeMemory.getLong(hdr + HDR_BODY);
        bodies.add(bytes(body, REG_SIZE));
        if (ctrlErrno != 0) {
            errno = ctrlErrno;
            return -1;
        }
        NativeMemory.putLong(body + REG_OFFSET, replyOffset);
        NativeMemory.putLong(body + REG_MEMSIZE, replyMemsize);
        NativeMemory.putInt(body + REG_TX_SLOTS, slots);
        NativeMemory.putInt(body + REG_RX_SLOTS, slots);
        NativeMemory.putShort(body + REG_MEM_ID, (short) 1);
        return 0;
    }

    private int regif(long req) {
        legacyRequests.add(bytes(req, NMREQ_SIZE));
        if (regifErrno != 0) {
            errno = regifErrno;
            return -1;
        }
        NativeMemory.putInt(req + NMREQ_OFFSET, (int) replyOffset);
        NativeMemory.putInt(req + NMREQ_MEMSIZE, (int) replyMemsize);
        return 0;
    }

    /** The kernel side of TX ring 0: "sends" [hwcur, head) and hands every slot back. */
    private void kernelTx() {
        NetmapRing tx = memory.txRing(0, 0);
        int head = tx.head();
        while (txHwcur != head) {
            transmitted.add(AbstractPortTest.slotBytes(tx, txHwcur));
            txHwcur = tx.next(txHwcur);
        }
        tx.tail(head == 0 ? tx.numSlots() - 1 : head - 1);
    }

    /** The kernel side of RX ring 0: fills free slots from tail up to one before head. */
    private void kernelRx() {
        NetmapRing rx = memory.rxRing(0, 0);
        int tail = rx.tail();
        int head = rx.head();
        while (delivered < toReceive.size() && rx.next(tail) != head) {
            byte[] frame = toReceive.get(delivered++);
            NativeMemory.copyFromArray(frame, 0, rx.bufferAddress(rx.bufIdx(tail)), frame.length);
            rx.len(tail, frame.length);
            tail = rx.next(tail);
        }
        rx.tail(tail);
    }

    private int poll(long fds) {
        kernelTx();
        kernelRx();
        PollFd pfd = new PollFd().wrap(fds);
        short events = pfd.events(0);
        NetmapRing rx = memory.rxRing(0, 0);
        NetmapRing tx = memory.txRing(0, 0);
        short revents = 0;
        if ((events & Syscalls.POLLIN) != 0 && rx.space() > 0) {
            revents |= Syscalls.POLLIN;
        }
        if ((events & Syscalls.POLLOUT) != 0 && tx.space() > 0) {
            revents |= Syscalls.POLLOUT;
        }
        pfd.revents(0, revents);
        return revents != 0 ? 1 : 0;
    }

    static byte[] bytes(long address, int length) {
        byte[] out = new byte[length];
        NativeMemory.copyToArray(address, out, 0, length);
        return out;
    }

    @Override
    public void close() { memory.close(); }
}
