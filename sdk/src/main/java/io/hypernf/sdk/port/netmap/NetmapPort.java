package io.hypernf.sdk.port.netmap;

import static io.hypernf.sdk.ring.NetmapLayout.*;

import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.PortCounters;
import io.hypernf.sdk.port.PortException;
import io.hypernf.sdk.port.PortUri;
import io.hypernf.sdk.port.os.PollFd;
import io.hypernf.sdk.port.os.Syscalls;
import io.hypernf.sdk.ring.NativeMemory;
import io.hypernf.sdk.ring.NetmapIf;
import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.NetmapRing;

/**
 * A port on a netmap-ABI device. Opening: open(2) the device, register (see
 * {@link NetmapRegistration} for the API 14 / API 11 rule), mmap(2) {@code nr_memsize} bytes
 * shared, wrap them with {@link NetmapRegion#mapped}. The data path is the device's: NIOCTXSYNC
 * hands TX slots up to {@code head} to the device and reclaims sent ones, NIOCRXSYNC publishes
 * received slots up to {@code tail}, poll(2) does both and sleeps. The ioctls are full barriers,
 * so the ring indices need no other ordering here.
 *
 * <p>Which rings the port exposes follows the register mode (NETMAP-ABI.md "Port names"): all
 * hardware rings, the host rings ({@code ^}), both ({@code *}), or one ({@code -N}, {@code ^N});
 * flags R and T drop the other direction. API 11 had one host ring per direction, and its RX
 * rings follow {@code ni_tx_rings + 1} TX rings.
 */
public final class NetmapPort implements Port {
    private final String name;
    private final Syscalls sys;
    private final int fd;
    private final NetmapRegion region;
    private final NetmapRegistration registration;
    private final NetmapRing[] txRings;
    private final NetmapRing[] rxRings;
    /** Per TX ring, the head handed to the device at the last txSync. */
    private final int[] txSynced;
    /** Per RX ring, the tail seen at the last rxSync. */
    private final int[] rxSeen;
    private final long pollFds;
    private final PollFd pollFd = new PollFd();
    private final PortCounters counters = new PortCounters();
    private boolean closed;

    private NetmapPort(String name, Syscalls sys, int fd, NetmapRegion region, NetmapRegistration registration,
                       NetmapRing[] txRings, NetmapRing[] rxRings) {
        this.name = name;
        this.sys = sys;
        this.fd = fd;
        this.region = region;
        this.registration = registration;
        this.txRings = txRings;
        this.rxRings = rxRings;
        this.txSynced = new int[txRings.length];
        this.rxSeen = new int[rxRings.length];
        for (int i = 0; i < txRings.length; i++) {
            txSynced[i] = txRings[i].head();
        }
        for (int i = 0; i < rxRings.length; i++) {
            rxSeen[i] = rxRings[i].tail();
        }
        this.pollFds = NativeMemory.allocateZeroed(PollFd.SIZE);
        pollFd.wrap(pollFds).fd(0, fd);
    }

    /** Opens and registers {@code uri}; every failure closes what was opened and throws {@link PortException}. */
    public static NetmapPort open(Syscalls sys, PortUri.Netmap uri) {
        int fd = sys.open(uri.device(), Syscalls.O_RDWR | Syscalls.O_CLOEXEC);
        if (fd < 0) {
            int errno = sys.errno();
            String hint = errno == Syscalls.ENOENT ? " (no netmap-ABI device here: is the netmap or HyperNF front module loaded?)"
                    : errno == Syscalls.EACCES || errno == Syscalls.EPERM ? " (permission: run as root or grant access to the device)" : "";
            throw new PortException("port '" + uri.text() + "': cannot open " + uri.device() + ": " + sys.describe(errno) + hint);
        }
        long mem = Syscalls.MAP_FAILED;
        long memsize = 0;
        try {
            NetmapRegistration reg = NetmapRegistration.register(sys, fd, uri);
            memsize = reg.memsize();
            if (reg.memsize() <= 0 || reg.offset() < 0 || reg.offset() + IF_HEADER_SIZE > reg.memsize()) {
                throw new PortException("port '" + uri.text() + "': " + uri.device() + " replied with bad geometry: nr_offset "
                        + reg.offset() + ", nr_memsize " + reg.memsize());
            }
            mem = sys.mmap(0, reg.memsize(), Syscalls.PROT_READ | Syscalls.PROT_WRITE, Syscalls.MAP_SHARED, fd, 0);
            if (mem == Syscalls.MAP_FAILED) {
                throw new PortException("port '" + uri.text() + "': " + uri.device() + ": mmap of " + reg.memsize()
                        + " bytes failed: " + sys.describe(sys.errno()));
            }
            long mapped = mem;
            long size = reg.memsize();
            NetmapRegion region;
            try {
                region = NetmapRegion.mapped(mapped, size, reg.offset(), () -> sys.munmap(mapped, size));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new PortException("port '" + uri.text() + "': " + uri.device() + " replied with bad geometry: " + e.getMessage(), e);
            }
            try {
                NetmapRing[][] rings = selectRings(uri, reg, region);
                return new NetmapPort(uri.text(), sys, fd, region, reg, rings[0], rings[1]);
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new PortException("port '" + uri.text() + "': " + uri.device() + " replied with bad geometry: " + e.getMessage(), e);
            }
        } catch (RuntimeException e) {
            if (mem != Syscalls.MAP_FAILED) {
                sys.munmap(mem, memsize);
            }
            sys.close(fd);
            throw e;
        }
    }

    private static NetmapRing[][] selectRings(PortUri.Netmap uri, NetmapRegistration reg, NetmapRegion region) {
        NetmapIf nifp = new NetmapIf().wrap(region.interfaceAddress(0));
        int hwTx = nifp.txRings();
        int hwRx = nifp.rxRings();
        boolean legacy = reg.api() == NETMAP_API_LEGACY;
        int hostTx = legacy ? 1 : nifp.hostTxRings();
        int hostRx = legacy ? 1 : nifp.hostRxRings();
        int[] tx = ringRange(uri, hwTx, hostTx);
        int[] rx = ringRange(uri, hwRx, hostRx);
        boolean wantTx = (uri.flags() & PortUri.Netmap.NR_RX_RINGS_ONLY) == 0;
        boolean wantRx = (uri.flags() & PortUri.Netmap.NR_TX_RINGS_ONLY) == 0;
        NetmapRing[] txRings = new NetmapRing[wantTx ? tx[1] - tx[0] : 0];
        NetmapRing[] rxRings = new NetmapRing[wantRx ? rx[1] - rx[0] : 0];
        int ringSlots = hwTx + hostTx + hwRx + hostRx;
        if (ringSlots > 4 * 64 + 2) {
            throw new IllegalArgumentException("netmap_if reports " + ringSlots + " rings");
        }
        for (int i = 0; i < txRings.length; i++) {
            txRings[i] = new NetmapRing().wrap(nifp.address() + nifp.ringOffset(tx[0] + i), region.address(), region.end());
        }
        for (int i = 0; i < rxRings.length; i++) {
            long ofs = nifp.ringOffset(hwTx + hostTx + rx[0] + i);
            rxRings[i] = new NetmapRing().wrap(nifp.address() + ofs, region.address(), region.end());
        }
        return new NetmapRing[][] {txRings, rxRings};
    }

    /** [first, end) of the rings a register mode binds, in the order hardware rings then host rings. */
    private static int[] ringRange(PortUri.Netmap uri, int hw, int host) {
        int mode = uri.pipe() != null ? NR_REG_ALL_NIC : uri.mode();
        int[] range = switch (mode) {
            case NR_REG_SW -> new int[] {hw, hw + host};
            case NR_REG_NIC_SW -> new int[] {0, hw + host};
            case NR_REG_ONE_NIC -> new int[] {uri.ringId(), uri.ringId() + 1};
            case NR_REG_ONE_SW -> new int[] {hw + uri.ringId(), hw + uri.ringId() + 1};
            default -> new int[] {0, hw};
        };
        if (range[1] > hw + host || range[0] >= range[1]) {
            throw new IllegalArgumentException("rings [" + range[0] + ", " + range[1] + ") requested, the interface has "
                    + hw + " hardware and " + host + " host rings");
        }
        return range;
    }

    /** What the device answered to the register request. */
    public NetmapRegistration registration() { return registration; }

    @Override
    public String name() { return name; }

    @Override
    public NetmapRegion region() { return region; }

    @Override
    public int rxRingCount() { return rxRings.length; }

    @Override
    public int txRingCount() { return txRings.length; }

    @Override
    public NetmapRing rxRing(int i) { return rxRings[i]; }

    @Override
    public NetmapRing txRing(int i) { return txRings[i]; }

    /**
     * NIOCRXSYNC, then counts the slots between each ring's previous and new {@code tail}. A failed
     * ioctl, or a {@code tail} outside the ring, is counted as an error.
     */
    @Override
    public int rxSync() {
        if (closed) {
            return 0;
        }
        if (sys.ioctl(fd, NIOCRXSYNC, 0) < 0) {
            counters.error();
        }
        return countReceived();
    }

    private int countReceived() {
        int packets = 0;
        long bytes = 0;
        for (int r = 0; r < rxRings.length; r++) {
            NetmapRing ring = rxRings[r];
            int tail = ring.tail();
            if (tail < 0 || tail >= ring.numSlots()) {
                counters.error();
                continue;
            }
            for (int slot = rxSeen[r]; slot != tail; slot = ring.next(slot)) {
                bytes += ring.len(slot);
                packets++;
            }
            rxSeen[r] = tail;
        }
        if (packets > 0) {
            counters.received(packets, bytes);
        }
        return packets;
    }

    /**
     * Counts the slots the application queued since the last sync, then NIOCTXSYNC. A failed ioctl,
     * or a {@code head} outside the ring, is counted as an error and sends nothing.
     */
    @Override
    public int txSync() {
        if (closed) {
            return 0;
        }
        int packets = 0;
        long bytes = 0;
        for (int r = 0; r < txRings.length; r++) {
            NetmapRing ring = txRings[r];
            int head = ring.head();
            if (head < 0 || head >= ring.numSlots()) {
                counters.error();
                return 0;
            }
            for (int slot = txSynced[r]; slot != head; slot = ring.next(slot)) {
                bytes += ring.len(slot);
                packets++;
            }
        }
        if (packets == 0) {
            return 0;
        }
        if (sys.ioctl(fd, NIOCTXSYNC, 0) < 0) {
            counters.error();
            return 0;
        }
        for (int r = 0; r < txRings.length; r++) {
            txSynced[r] = txRings[r].head();
        }
        counters.transmitted(packets, bytes);
        return packets;
    }

    /**
     * poll(2) on the descriptor for POLLIN (and POLLOUT with {@code wantTx}); netmap's poll syncs
     * the rings itself. EINTR is "not ready"; other failures and POLLERR/POLLNVAL count as errors.
     */
    @Override
    public boolean poll(boolean wantTx, long timeoutMillis) {
        if (closed) {
            return false;
        }
        short events = wantTx ? (short) (Syscalls.POLLIN | Syscalls.POLLOUT) : Syscalls.POLLIN;
        pollFd.events(0, events);
        pollFd.revents(0, (short) 0);
        int timeout = (int) Math.max(0, Math.min(Integer.MAX_VALUE, timeoutMillis));
        int rc = sys.poll(pollFds, 1, timeout);
        if (rc < 0) {
            if (sys.errno() != Syscalls.EINTR) {
                counters.error();
            }
            return false;
        }
        short revents = pollFd.revents(0);
        if ((revents & (Syscalls.POLLERR | Syscalls.POLLNVAL)) != 0) {
            counters.error();
        }
        return rc > 0 && (revents & events) != 0;
    }

    @Override
    public PortCounters counters() { return counters; }

    /** Syncs queued TX, waits up to about 100 ms for the device to take it, then unmaps and closes. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        txSync();
        for (int attempt = 0; attempt < 10 && !txDrained(); attempt++) {
            poll(true, 10);
            sys.ioctl(fd, NIOCTXSYNC, 0);
        }
        closed = true;
        region.close();
        sys.close(fd);
        NativeMemory.free(pollFds);
    }

    private boolean txDrained() {
        for (NetmapRing ring : txRings) {
            if (ring.space() != ring.numSlots() - 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() { return "NetmapPort[" + name + ", fd " + fd + ", API " + registration.api() + "]"; }
}
