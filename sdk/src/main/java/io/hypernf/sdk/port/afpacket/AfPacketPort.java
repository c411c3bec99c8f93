package io.hypernf.sdk.port.afpacket;

import static io.hypernf.sdk.port.afpacket.TpacketLayout.*;

import com.sun.jna.Native;
import io.hypernf.sdk.port.PortException;
import io.hypernf.sdk.port.SingleRingPort;
import io.hypernf.sdk.port.os.LinuxSyscalls;
import io.hypernf.sdk.port.os.PollFd;
import io.hypernf.sdk.port.os.Syscalls;
import io.hypernf.sdk.ring.NativeMemory;
import io.hypernf.sdk.ring.NetmapLayout;
import io.hypernf.sdk.ring.NetmapRegion;
import io.hypernf.sdk.ring.RingGeometry;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code afpacket:IFNAME} port: a Linux interface through an AF_PACKET socket with a
 * TPACKET_V3 RX ring and TX ring mapped into this process (Documentation/networking/
 * packet_mmap.rst). The application sees one netmap RX and one TX ring in a region of the port's
 * own; this class is their kernel side and copies between them and the socket's rings.
 *
 * <p>Roadmap:
 * <ul>
 *   <li>{@link #open}: socket(AF_PACKET, SOCK_RAW, 0) (protocol 0: nothing is queued before the
 *       rings exist), PACKET_VERSION = TPACKET_V3, PACKET_IGNORE_OUTGOING (a forwarder must not
 *       receive its own transmissions), PACKET_LOSS (a frame the kernel rejects is skipped
 *       instead of stalling the TX ring), optionally PACKET_QDISC_BYPASS, PACKET_RX_RING and
 *       PACKET_TX_RING with {@code tpacket_req3}, one mmap of both rings (RX first), bind to
 *       the interface index with ETH_P_ALL, SIOCGIFMTU, optionally PACKET_FANOUT.</li>
 *   <li>{@link #rxSync()}: walks blocks the kernel retired to user space
 *       ({@code block_status & TP_STATUS_USER}), copies each {@code tpacket3_hdr} frame into a
 *       free netmap RX slot and returns each fully copied block to the kernel
 *       ({@code TP_STATUS_KERNEL}). When the netmap ring is full it stops inside the block and
 *       resumes there next time, so this side loses nothing; the kernel drops when all blocks
 *       are held, and those drops ({@code PACKET_STATISTICS tp_drops}, fetched when a block
 *       carries {@code TP_STATUS_LOSING} and on close) are added to the RX drop counter. A VLAN
 *       tag the driver stripped ({@code TP_STATUS_VLAN_VALID}) is put back into the frame.</li>
 *   <li>{@link #txSync()}: copies slots {@code [hwcur, head)} into free TX frames (data at
 *       {@link TpacketLayout#TX_DATA_OFFSET}, {@code tp_len}, then
 *       {@code TP_STATUS_SEND_REQUEST}), then {@code sendto(fd, NULL, 0, MSG_DONTWAIT)} hands
 *       them to the driver. Frames shorter than an Ethernet header or longer than the MTU allows
 *       are dropped and counted here rather than refused by the kernel.</li>
 *   <li>{@link #poll}: answers from memory when it can, else poll(2) on the socket.</li>
 * </ul>
 * Kernel memory is trusted for layout but bounded anyway: a frame that would reach outside its
 * block is counted as an error and skipped. Used by one thread; sockets stay in the network
 * namespace of the thread that opened them.
 */
public final class AfPacketPort extends SingleRingPort {
    /** Size of a TX frame, and nominal RX frame size: header plus any MTU-1500 frame. */
    public static final int FRAME_SIZE = 2048;
    /** Slot buffer size of the netmap rings. */
    public static final int BUFFER_SIZE = 2048;
    /** A block is handed to user space at the latest this long after its first frame (tpacket_req3.tp_retire_blk_tov). */
    public static final int RETIRE_BLOCK_TIMEOUT_MS = 1;
    /**
     * Fewest RX blocks. The retire timeout hands even a nearly empty block to user space, so a
     * ring of few blocks fills after a few bursts while the application is busy, however large
     * the blocks are; the kernel then drops until a block comes back.
     */
    public static final int MIN_RX_BLOCKS = 8;
    private static final int TX_BLOCK_SIZE = 1 << 16;
    private static final int ETHERNET_HEADER = 14;
    private static final int VLAN_HEADER = 4;
    private static final int ETHERNET_ADDRESS = 6;
    private static final long CLOSE_FLUSH_NANOS = 200_000_000L;

    private static final int SCRATCH_POLLFD = 0;
    private static final int SCRATCH_STATS = 16;
    private static final int SCRATCH_LENGTH = 32;
    private static final int SCRATCH_SIZE = 64;

    private final String ifName;
    private final Syscalls sys;
    private final int fd;
    private final long ring;
    private final long ringSize;
    private final int rxBlockSize;
    private final int rxBlockCount;
    private final long txBase;
    private final int txFrameCount;
    private final int mtu;
    private final long scratch;
    private final PollFd pollFd = new PollFd();

    private int rxBlock;
    private boolean blockHeld;
    private int packetsLeftInBlock;
    private long packetAddress;
    private int txHwcur;
    private int txFrame;
    private boolean sendPending;
    private long kernelDrops;
    private long oversizeReceived;
    private long malformedTransmit;
    private boolean closed;

    private AfPacketPort(String name, String ifName, Syscalls sys, int fd, long ring, long ringSize, int rxBlockSize,
                         int rxBlockCount, int txFrameCount, int mtu, long scratch, int slots) {
        super("afpacket", name, NetmapRegion.allocate(new RingGeometry(ifName, 1, 1, slots, slots, BUFFER_SIZE)));
        this.ifName = ifName;
        this.sys = sys;
        this.fd = fd;
        this.ring = ring;
        this.ringSize = ringSize;
        this.rxBlockSize = rxBlockSize;
        this.rxBlockCount = rxBlockCount;
        this.txBase = ring + (long) rxBlockSize * rxBlockCount;
        this.txFrameCount = txFrameCount;
        this.mtu = mtu;
        this.scratch = scratch;
        this.pollFd.wrap(scratch + SCRATCH_POLLFD);
    }

    /**
     * Opens {@code ifName} in the calling thread's network namespace.
     *
     * @param name the port's name (its URI)
     * @param slots slots of each netmap ring, and TX frames of the socket (rounded up to a whole TX block)
     * @param blockSize RX block size, a power of two of at least 4096
     * @param fanoutMode a PACKET_FANOUT mode, or -1 for none
     * @param qdiscBypass whether to set PACKET_QDISC_BYPASS (transmit straight to the driver)
     * @throws PortException naming the port, the failed step and errno when any setup step fails
     */
    public static AfPacketPort open(String name, String ifName, int slots, int blockSize, int fanoutMode, int fanoutGroup,
                                    boolean qdiscBypass) {
        if (Integer.bitCount(blockSize) != 1 || blockSize < 4096 || blockSize < FRAME_SIZE) {
            throw new PortException("port '" + name + "': block size " + blockSize + " is not a power of two of at least 4096");
        }
        if (slots < 2 || slots > RingGeometry.MAX_SLOTS) {
            throw new PortException("port '" + name + "': " + slots + " slots is outside [2, " + RingGeometry.MAX_SLOTS + "]");
        }
        Syscalls sys = LinuxSyscalls.INSTANCE;
        int ifIndex = AfPacketLib.if_nametoindex(ifName);
        if (ifIndex == 0) {
            throw new PortException("port '" + name + "': no interface '" + ifName + "' in this network namespace ("
                    + sys.describe(Native.getLastError()) + ")");
        }
        long scratch = NativeMemory.allocateZeroed(Math.max(SCRATCH_SIZE, IFREQ_SIZE + SCRATCH_SIZE));
        int fd = -1;
        long ring = Syscalls.MAP_FAILED;
        long ringSize = 0;
        try {
            fd = AfPacketLib.socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw setupError(name, "socket(AF_PACKET, SOCK_RAW) (needs root or CAP_NET_RAW)");
            }
            setIntOption(name, fd, scratch, PACKET_VERSION, TPACKET_V3, "PACKET_VERSION=TPACKET_V3");
            setIntOption(name, fd, scratch, PACKET_IGNORE_OUTGOING, 1, "PACKET_IGNORE_OUTGOING");
            setIntOption(name, fd, scratch, PACKET_LOSS, 1, "PACKET_LOSS");
            if (qdiscBypass) {
                setIntOption(name, fd, scratch, PACKET_QDISC_BYPASS, 1, "PACKET_QDISC_BYPASS");
            }

            int rxBlocks = (int) Math.max(MIN_RX_BLOCKS, ((long) slots * FRAME_SIZE + blockSize - 1) / blockSize);
            writeRequest(scratch, blockSize, rxBlocks, FRAME_SIZE, rxBlocks * (blockSize / FRAME_SIZE), RETIRE_BLOCK_TIMEOUT_MS);
            if (AfPacketLib.setsockopt(fd, SOL_PACKET, PACKET_RX_RING, scratch, REQ3_SIZE) != 0) {
                throw setupError(name, "PACKET_RX_RING (" + rxBlocks + " blocks of " + blockSize + " bytes)");
            }
            int framesPerTxBlock = TX_BLOCK_SIZE / FRAME_SIZE;
            int txBlocks = (slots + framesPerTxBlock - 1) / framesPerTxBlock;
            // TPACKET_V3 TX rings are frame rings: retire timeout, private area and features must be 0 (af_packet.c packet_set_ring).
            writeRequest(scratch, TX_BLOCK_SIZE, txBlocks, FRAME_SIZE, txBlocks * framesPerTxBlock, 0);
            if (AfPacketLib.setsockopt(fd, SOL_PACKET, PACKET_TX_RING, scratch, REQ3_SIZE) != 0) {
                throw setupError(name, "PACKET_TX_RING (" + txBlocks * framesPerTxBlock + " frames)");
            }
            ringSize = (long) blockSize * rxBlocks + (long) TX_BLOCK_SIZE * txBlocks;
            ring = sys.mmap(0, ringSize, Syscalls.PROT_READ | Syscalls.PROT_WRITE, Syscalls.MAP_SHARED, fd, 0);
            if (ring == Syscalls.MAP_FAILED) {
                throw setupError(name, "mmap of " + ringSize + " bytes of packet rings");
            }

            NativeMemory.fill(scratch, SLL_SIZE, (byte) 0);
            NativeMemory.putShort(scratch + SLL_FAMILY, (short) AF_PACKET);
            NativeMemory.putShort(scratch + SLL_PROTOCOL, (short) ETH_P_ALL_NETWORK_ORDER);
            NativeMemory.putInt(scratch + SLL_IFINDEX, ifIndex);
            if (AfPacketLib.bind(fd, scratch, SLL_SIZE) != 0) {
                throw setupError(name, "bind to " + ifName + " (index " + ifIndex + ")");
            }
            int mtu = readMtu(name, fd, scratch, ifName);
            if (fanoutMode >= 0) {
                setIntOption(name, fd, scratch, PACKET_FANOUT, (fanoutGroup & 0xffff) | (fanoutMode << 16),
                        "PACKET_FANOUT mode " + fanoutMode + " group " + fanoutGroup);
            }
            return new AfPacketPort(name, ifName, sys, fd, ring, ringSize, blockSize, rxBlocks, txBlocks * framesPerTxBlock,
                    mtu, scratch, slots);
        } catch (RuntimeException e) {
            if (ring != Syscalls.MAP_FAILED) {
                sys.munmap(ring, ringSize);
            }
            if (fd >= 0) {
                sys.close(fd);
            }
            NativeMemory.free(scratch);
            throw e;
        }
    }

    private static void writeRequest(long at, int blockSize, int blocks, int frameSize, int frames, int retireMillis) {
        NativeMemory.fill(at, REQ3_SIZE, (byte) 0);
        NativeMemory.putInt(at + REQ3_BLOCK_SIZE, blockSize);
        NativeMemory.putInt(at + REQ3_BLOCK_NR, blocks);
        NativeMemory.putInt(at + REQ3_FRAME_SIZE, frameSize);
        NativeMemory.putInt(at + REQ3_FRAME_NR, frames);
        NativeMemory.putInt(at + REQ3_RETIRE_BLK_TOV, retireMillis);
    }

    private static void setIntOption(String name, int fd, long scratch, int option, int value, String what) {
        NativeMemory.putInt(scratch, value);
        if (AfPacketLib.setsockopt(fd, SOL_PACKET, option, scratch, 4) != 0) {
            throw setupError(name, what);
        }
    }

    private static int readMtu(String name, int fd, long scratch, String ifName) {
        byte[] raw = ifName.getBytes(StandardCharsets.US_ASCII);
        NativeMemory.fill(scratch, IFREQ_SIZE, (byte) 0);
        NativeMemory.copyFromArray(raw, 0, scratch + IFREQ_NAME, Math.min(raw.length, IFNAMSIZ - 1));
        if (LinuxSyscalls.INSTANCE.ioctl(fd, SIOCGIFMTU, scratch) != 0) {
            throw setupError(name, "SIOCGIFMTU on " + ifName);
        }
        return NativeMemory.getInt(scratch + IFREQ_MTU);
    }

    private static PortException setupError(String name, String step) {
        int errno = Native.getLastError();
        return new PortException("port '" + name + "': " + step + " failed: " + LinuxSyscalls.INSTANCE.describe(errno));
    }

    /** The interface's MTU when the port was opened. */
    public int mtu() { return mtu; }
    /** The longest frame this port transmits: MTU plus an Ethernet header, plus 4 for an 802.1Q tag. */
    public int maxTransmitLength() { return Math.min(mtu + ETHERNET_HEADER + VLAN_HEADER, Math.min(FRAME_SIZE - TX_DATA_OFFSET, BUFFER_SIZE)); }
    /** Frames the kernel dropped because every RX block was held (PACKET_STATISTICS tp_drops, as fetched so far). */
    public long kernelDrops() { return kernelDrops; }
    /** Received frames longer than a slot buffer, or cut by the kernel, dropped and counted. */
    public long oversizeReceived() { return oversizeReceived; }
    /** TX slots dropped because their length was impossible for Ethernet on this interface or their buffer index was invalid. */
    public long malformedTransmit() { return malformedTransmit; }

    private long blockAddress(int block) {
        return ring + (long) block * rxBlockSize;
    }

    @Override
    public int rxSync() {
        if (closed) {
            return 0;
        }
        int head = acquireHead(rxRing);
        if (head < 0) {
            return 0;
        }
        int tail = rxRing.tail();
        int filled = 0;
        int dropped = 0;
        long bytes = 0;
        boolean losing = false;
        while (rxRing.next(tail) != head) {
            if (packetsLeftInBlock == 0) {
                long block = blockAddress(rxBlock);
                int status = NativeMemory.getIntAcquire(block + BLOCK_STATUS);
                if ((status & TP_STATUS_USER) == 0) {
                    break;
                }
                losing |= (status & TP_STATUS_LOSING) != 0;
                int packets = NativeMemory.getInt(block + BLOCK_NUM_PKTS);
                long first = NativeMemory.getInt(block + BLOCK_OFFSET_TO_FIRST_PKT) & 0xffffffffL;
                blockHeld = true;
                if (packets <= 0 || first < BLOCK_DESC_SIZE || first + TP3_SIZE > rxBlockSize) {
                    if (packets != 0) {
                        counters.error();
                    }
                    releaseBlock();
                    continue;
                }
                packetsLeftInBlock = packets;
                packetAddress = block + first;
            }
            long frame = packetAddress;
            long blockEnd = blockAddress(rxBlock) + rxBlockSize;
            int snaplen = NativeMemory.getInt(frame + TP3_SNAPLEN);
            int length = NativeMemory.getInt(frame + TP3_LEN);
            int mac = NativeMemory.getShort(frame + TP3_MAC) & 0xffff;
            long nextOffset = NativeMemory.getInt(frame + TP3_NEXT_OFFSET) & 0xffffffffL;
            if (snaplen < 0 || frame + mac + (long) snaplen > blockEnd) {
                counters.error();
                releaseBlock();
                continue;
            }
            int bufIdx = rxRing.bufIdx(tail);
            int frameStatus = NativeMemory.getInt(frame + TP3_STATUS);
            boolean tagRemoved = (frameStatus & TP_STATUS_VLAN_VALID) != 0 && snaplen >= 2 * ETHERNET_ADDRESS;
            int delivered = tagRemoved ? snaplen + VLAN_HEADER : snaplen;
            if (delivered > rxRing.bufferSize() || snaplen != length) {
                oversizeReceived++;
                dropped++;
            } else if (!rxRing.isValidBuffer(bufIdx)) {
                counters.error();
                dropped++;
            } else {
                long to = rxRing.bufferAddress(bufIdx);
                if (tagRemoved) {
                    copyRestoringTag(frame, frame + mac, snaplen, frameStatus, to);
                } else {
                    NativeMemory.copy(frame + mac, to, snaplen);
                }
                rxRing.len(tail, delivered);
                rxRing.slotFlags(tail, 0);
                tail = rxRing.next(tail);
                filled++;
                bytes += delivered;
            }
            packetsLeftInBlock--;
            if (packetsLeftInBlock == 0) {
                releaseBlock();
            } else if (nextOffset < TP3_SIZE || frame + nextOffset + TP3_SIZE > blockEnd) {
                counters.error();
                releaseBlock();
            } else {
                packetAddress = frame + nextOffset;
            }
        }
        rxRing.tail(tail);
        counters.received(filled, bytes);
        if (dropped > 0) {
            counters.rxDropped(dropped);
        }
        if (losing) {
            refreshStatistics();
        }
        return filled;
    }

    /**
     * Copies a frame whose 802.1Q/802.1ad tag the driver stripped (VLAN offload) and puts the tag
     * back after the MAC addresses, so the application sees the frame as it was on the wire
     * (libpcap does the same): | dst | src | TPID | TCI | rest of the frame |.
     */
    private static void copyRestoringTag(long header, long data, int length, int frameStatus, long to) {
        int tpid = (frameStatus & TP_STATUS_VLAN_TPID_VALID) != 0
                ? NativeMemory.getShort(header + TP3_VLAN_TPID) & 0xffff : 0x8100;
        int tci = NativeMemory.getInt(header + TP3_VLAN_TCI) & 0xffff;
        NativeMemory.copy(data, to, 2 * ETHERNET_ADDRESS);
        NativeMemory.putByte(to + 12, (byte) (tpid >> 8));
        NativeMemory.putByte(to + 13, (byte) tpid);
        NativeMemory.putByte(to + 14, (byte) (tci >> 8));
        NativeMemory.putByte(to + 15, (byte) tci);
        NativeMemory.copy(data + 2 * ETHERNET_ADDRESS, to + 2 * ETHERNET_ADDRESS + VLAN_HEADER, length - 2 * ETHERNET_ADDRESS);
    }

    /** Gives the current block back to the kernel (after every read of it: release order) and moves to the next. */
    private void releaseBlock() {
        NativeMemory.putIntRelease(blockAddress(rxBlock) + BLOCK_STATUS, TP_STATUS_KERNEL);
        blockHeld = false;
        packetsLeftInBlock = 0;
        rxBlock = rxBlock + 1 == rxBlockCount ? 0 : rxBlock + 1;
    }

    /** Reads (and so resets) the socket's PACKET_STATISTICS and adds its drops to the RX drop counter. */
    public void refreshStatistics() {
        if (closed) {
            return;
        }
        NativeMemory.fill(scratch + SCRATCH_STATS, STATS_V3_SIZE, (byte) 0);
        NativeMemory.putInt(scratch + SCRATCH_LENGTH, STATS_V3_SIZE);
        if (AfPacketLib.getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, scratch + SCRATCH_STATS, scratch + SCRATCH_LENGTH) != 0) {
            counters.error();
            return;
        }
        int drops = NativeMemory.getInt(scratch + SCRATCH_STATS + STATS_DROPS);
        if (drops > 0) {
            kernelDrops += drops;
            counters.rxDropped(drops);
        }
    }

    private long txFrameAddress(int frame) {
        return txBase + (long) frame * FRAME_SIZE;
    }

    @Override
    public int txSync() {
        if (closed) {
            return 0;
        }
        int head = acquireHead(txRing);
        if (head < 0) {
            return 0;
        }
        int queued = 0;
        int dropped = 0;
        long bytes = 0;
        int i = txHwcur;
        while (i != head) {
            int length = txRing.len(i);
            int bufIdx = txRing.bufIdx(i);
            if (!txRing.isValidBuffer(bufIdx) || !transmittable(txRing.bufferAddress(bufIdx), length)) {
                malformedTransmit++;
                dropped++;
                txRing.slotFlags(i, txRing.slotFlags(i) & ~NetmapLayout.NS_BUF_CHANGED);
                i = txRing.next(i);
                continue;
            }
            long frame = txFrameAddress(txFrame);
            int status = NativeMemory.getIntAcquire(frame + TP3_STATUS);
            if (status == TP_STATUS_WRONG_FORMAT) {
                // Only without PACKET_LOSS: the kernel refused an earlier frame here; it was counted as sent.
                counters.error();
            } else if (status != TP_STATUS_AVAILABLE) {
                break;
            }
            NativeMemory.copy(txRing.bufferAddress(bufIdx), frame + TX_DATA_OFFSET, length);
            NativeMemory.putInt(frame + TP3_NEXT_OFFSET, 0);
            NativeMemory.putInt(frame + TP3_LEN, length);
            NativeMemory.putInt(frame + TP3_SNAPLEN, length);
            NativeMemory.putIntRelease(frame + TP3_STATUS, TP_STATUS_SEND_REQUEST);
            txFrame = txFrame + 1 == txFrameCount ? 0 : txFrame + 1;
            txRing.slotFlags(i, txRing.slotFlags(i) & ~NetmapLayout.NS_BUF_CHANGED);
            queued++;
            bytes += length;
            i = txRing.next(i);
        }
        txHwcur = i;
        txRing.tail(i == 0 ? txRing.numSlots() - 1 : i - 1);
        if (queued > 0 || sendPending) {
            kick();
        }
        counters.transmitted(queued, bytes);
        if (dropped > 0) {
            counters.txDropped(dropped);
        }
        return queued;
    }

    /** Asks the kernel to send every frame marked SEND_REQUEST, without waiting for completion. */
    private void kick() {
        long result = AfPacketLib.sendto(fd, 0, 0, MSG_DONTWAIT, 0, 0);
        if (result >= 0) {
            sendPending = false;
            return;
        }
        int errno = Native.getLastError();
        sendPending = true;
        if (errno != Syscalls.EAGAIN && errno != ENOBUFS && errno != Syscalls.EINTR) {
            counters.error();
        }
    }

    /**
     * Whether the kernel will accept a frame of {@code length} bytes at {@code data}: at least an
     * Ethernet header (dev_validate_header), at most MTU + 14, or MTU + 18 when 802.1Q/802.1ad
     * tagged (af_packet.c tpacket_snd, packet_extra_vlan_len_allowed).
     */
    private boolean transmittable(long data, int length) {
        if (length < ETHERNET_HEADER || length > maxTransmitLength()) {
            return false;
        }
        if (length <= mtu + ETHERNET_HEADER) {
            return true;
        }
        int etherType = ((NativeMemory.getByte(data + 12) & 0xff) << 8) | (NativeMemory.getByte(data + 13) & 0xff);
        return etherType == 0x8100 || etherType == 0x88a8;
    }

    @Override
    public boolean poll(boolean wantTx, long timeoutMillis) {
        if (closed) {
            return false;
        }
        if (rxReadyInMemory() || (wantTx && txReadyInMemory())) {
            return true;
        }
        pollFd.fd(0, fd);
        pollFd.events(0, (short) (Syscalls.POLLIN | (wantTx ? Syscalls.POLLOUT : 0)));
        pollFd.revents(0, (short) 0);
        int result = sys.poll(pollFd.address(), 1, (int) Math.min(Math.max(timeoutMillis, 0), Integer.MAX_VALUE));
        if (result < 0) {
            if (sys.errno() != Syscalls.EINTR) {
                counters.error();
            }
            return false;
        }
        return rxReadyInMemory() || (wantTx && txReadyInMemory());
    }

    private boolean rxReadyInMemory() {
        return rxRing.space() > 0 || packetsLeftInBlock > 0
                || (NativeMemory.getIntAcquire(blockAddress(rxBlock) + BLOCK_STATUS) & TP_STATUS_USER) != 0;
    }

    private boolean txReadyInMemory() {
        return txRing.space() > 0 && NativeMemory.getIntAcquire(txFrameAddress(txFrame) + TP3_STATUS) == TP_STATUS_AVAILABLE;
    }

    /**
     * Sends what the application queued, waits (at most 200 ms) until every queued slot is in a TX
     * frame and the kernel has taken every TX frame, fetches the final drop statistics, and releases the socket, the mapping and the
     * region. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        txSync();
        long deadline = System.nanoTime() + CLOSE_FLUSH_NANOS;
        while ((txHwcur != txRing.head() || txFramesInFlight()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(500_000);
            if (txHwcur != txRing.head()) {
                txSync();
            } else {
                kick();
            }
        }
        refreshStatistics();
        if (blockHeld) {
            releaseBlock();
        }
        closed = true;
        sys.munmap(ring, ringSize);
        sys.close(fd);
        NativeMemory.free(scratch);
        region.close();
    }

    private boolean txFramesInFlight() {
        for (int frame = 0; frame < txFrameCount; frame++) {
            int status = NativeMemory.getIntAcquire(txFrameAddress(frame) + TP3_STATUS);
            if (status == TP_STATUS_SEND_REQUEST || status == TP_STATUS_SENDING) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "AfPacketPort[" + name() + ", " + ifName + ", mtu " + mtu + ", " + rxBlockCount + " RX blocks of " + rxBlockSize
                + " B, " + txFrameCount + " TX frames]";
    }
}
