package io.hypernf.bench;

import io.hypernf.sdk.packet.InternetChecksum;
import io.hypernf.sdk.ring.NativeMemory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A fixed set of 64-byte frames in native memory that a benchmark's producer copies, one after the
 * other, into the buffers it sends: the traffic of many flows without building a frame per packet.
 * Frames are Ethernet II / IPv4 (RFC 791, no options) / UDP (RFC 768) with correct IPv4 header and
 * UDP checksums, so NFs that verify or update checksums see well-formed packets.
 *
 * <pre>
 *  0      6      12   14            34     42            64
 *  | dst  | src  | 0800 | IPv4 (20 B) | UDP  | payload (22 B) |
 * </pre>
 */
final class TrafficFrames implements AutoCloseable {
    static final int FRAME_LENGTH = 64;
    /** Locally administered unicast addresses (IEEE 802 bit 1 of the first byte set). */
    static final long SOURCE_MAC = 0x02_00_00_00_00_01L;
    static final long DESTINATION_MAC = 0x02_00_00_00_00_02L;

    private static final int IPV4_OFFSET = 14;
    private static final int UDP_OFFSET = 34;
    private static final int PROTOCOL_UDP = 17;

    private final long base;
    private final int count;
    private int next;

    /** Room for {@code count} frames, all zero until {@link #udp} fills them. */
    TrafficFrames(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("frame count " + count + " must be at least 1");
        }
        this.count = count;
        this.base = NativeMemory.allocateZeroed((long) count * FRAME_LENGTH);
    }

    int count() { return count; }

    /** Writes frame {@code i}: UDP from {@code source:sourcePort} to {@code destination:destinationPort} (IPv4 as ints). */
    void udp(int i, int source, int sourcePort, int destination, int destinationPort) {
        ByteBuf frame = Unpooled.buffer(FRAME_LENGTH, FRAME_LENGTH);
        frame.writeShort((int) (DESTINATION_MAC >>> 32)).writeInt((int) DESTINATION_MAC);
        frame.writeShort((int) (SOURCE_MAC >>> 32)).writeInt((int) SOURCE_MAC);
        frame.writeShort(0x0800);
        int ipLength = FRAME_LENGTH - IPV4_OFFSET;
        frame.writeByte(0x45).writeByte(0).writeShort(ipLength).writeShort(i & 0xffff).writeShort(0);
        frame.writeByte(64).writeByte(PROTOCOL_UDP).writeShort(0).writeInt(source).writeInt(destination);
        int udpLength = FRAME_LENGTH - UDP_OFFSET;
        frame.writeShort(sourcePort).writeShort(destinationPort).writeShort(udpLength).writeShort(0);
        while (frame.writerIndex() < FRAME_LENGTH) {
            frame.writeByte(frame.writerIndex());
        }
        frame.setShort(IPV4_OFFSET + 10, InternetChecksum.compute(frame, IPV4_OFFSET, 20));
        long sum = InternetChecksum.ipv4PseudoHeaderSum(source, destination, PROTOCOL_UDP, udpLength)
                + InternetChecksum.sum(frame, UDP_OFFSET, udpLength);
        int udpChecksum = InternetChecksum.finish(sum);
        frame.setShort(UDP_OFFSET + 6, udpChecksum == 0 ? 0xffff : udpChecksum);
        for (int b = 0; b < FRAME_LENGTH; b++) {
            NativeMemory.putByte(base + (long) i * FRAME_LENGTH + b, frame.getByte(b));
        }
    }

    /** Copies the next frame (round robin) to {@code address}; returns its length. */
    int copyNext(long address) {
        NativeMemory.copy(base + (long) next * FRAME_LENGTH, address, FRAME_LENGTH);
        next = next + 1 == count ? 0 : next + 1;
        return FRAME_LENGTH;
    }

    /** Writes the benchmark's destination and source MAC into the frame at {@code address} (MAC-swap runs). */
    static void writeMacs(long address) {
        writeMacs(address, DESTINATION_MAC, SOURCE_MAC);
    }

    /** Writes {@code destination} and {@code source} (network order) and ethertype IPv4 into the frame at {@code address}. */
    static void writeMacs(long address, long destination, long source) {
        for (int b = 0; b < 6; b++) {
            NativeMemory.putByte(address + b, (byte) (destination >>> (40 - 8 * b)));
            NativeMemory.putByte(address + 6 + b, (byte) (source >>> (40 - 8 * b)));
        }
        NativeMemory.putShort(address + 12, (short) 0x0008);
    }

    @Override
    public void close() { NativeMemory.free(base); }
}
