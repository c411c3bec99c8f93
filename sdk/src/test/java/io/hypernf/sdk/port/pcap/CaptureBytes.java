package io.hypernf.sdk.port.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds capture files byte by byte for tests, independently of {@link PcapWriter}: classic pcap
 * headers and records, and pcapng blocks, in either byte order, including deliberately broken ones.
 */
final class CaptureBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;

    CaptureBytes(ByteOrder order) {
        this.order = order;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    CaptureBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    CaptureBytes u16(int v) {
        out.writeBytes(ByteBuffer.allocate(2).order(order).putShort((short) v).array());
        return this;
    }

    CaptureBytes u32(long v) {
        out.writeBytes(ByteBuffer.allocate(4).order(order).putInt((int) v).array());
        return this;
    }

    CaptureBytes u64(long v) {
        out.writeBytes(ByteBuffer.allocate(8).order(order).putLong(v).array());
        return this;
    }

    CaptureBytes pad4(int written) {
        for (int i = written; (i & 3) != 0; i++) {
            out.write(0);
        }
        return this;
    }

    CaptureBytes classicHeader(int magic, int snaplen, int linkType) {
        return u32(magic).u16(2).u16(4).u32(0).u32(0).u32(snaplen).u32(linkType);
    }

    CaptureBytes classicRecord(long seconds, long fraction, byte[] data, int originalLength) {
        return u32(seconds).u32(fraction).u32(data.length).u32(originalLength).raw(data);
    }

    CaptureBytes sectionHeader() {
        return u32(0x0a0d0d0aL).u32(28).u32(0x1a2b3c4dL).u16(1).u16(0).u64(-1).u32(28);
    }

    /** Interface description with an if_tsresol option when {@code tsresol >= 0}. */
    CaptureBytes interfaceDescription(int linkType, int snaplen, int tsresol) {
        int options = tsresol >= 0 ? 8 + 4 : 0;
        int length = 20 + options;
        u32(1).u32(length).u16(linkType).u16(0).u32(snaplen);
        if (tsresol >= 0) {
            u16(9).u16(1).raw(new byte[] {(byte) tsresol, 0, 0, 0}).u16(0).u16(0);
        }
        return u32(length);
    }

    CaptureBytes enhancedPacket(int iface, long timestamp, byte[] data, int originalLength) {
        int length = 32 + ((data.length + 3) & ~3);
        u32(6).u32(length).u32(iface).u32(timestamp >>> 32).u32(timestamp & 0xffffffffL)
                .u32(data.length).u32(originalLength).raw(data).pad4(data.length);
        return u32(length);
    }

    CaptureBytes simplePacket(byte[] data, int originalLength) {
        int length = 16 + ((data.length + 3) & ~3);
        u32(3).u32(length).u32(originalLength).raw(data).pad4(data.length);
        return u32(length);
    }

    CaptureBytes obsoletePacket(int iface, long timestamp, byte[] data) {
        int length = 32 + ((data.length + 3) & ~3);
        u32(2).u32(length).u16(iface).u16(0).u32(timestamp >>> 32).u32(timestamp & 0xffffffffL)
                .u32(data.length).u32(data.length).raw(data).pad4(data.length);
        return u32(length);
    }

    /** A block of a type the reader does not know (custom block 0x00000BAD), to be skipped. */
    CaptureBytes unknownBlock(int bodyBytes) {
        int length = 12 + ((bodyBytes + 3) & ~3);
        u32(0xbad).u32(length).raw(new byte[(bodyBytes + 3) & ~3]);
        return u32(length);
    }

    static byte[] frame(int length, int seed) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (seed * 31 + i);
        }
        return data;
    }
}
