package io.hypernf.sdk.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes and reads classic little-endian pcap files for CLI tests, independently of the pcap port. */
final class PcapFiles {
    private PcapFiles() {}

    static void write(Path file, List<byte[]> frames) throws IOException {
        int size = 24;
        for (byte[] f : frames) {
            size += 16 + f.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        int i = 0;
        for (byte[] f : frames) {
            b.putInt(1_700_000_000 + i).putInt(0).putInt(f.length).putInt(f.length).put(f);
            i++;
        }
        Files.write(file, b.array());
    }

    static List<byte[]> read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt() != 0xa1b2c3d4 && b.getInt(0) != 0xa1b23c4d) {
            throw new IOException(file + " is not a little-endian pcap");
        }
        b.position(24);
        List<byte[]> frames = new ArrayList<>();
        while (b.remaining() >= 16) {
            b.getInt();
            b.getInt();
            int captured = b.getInt();
            b.getInt();
            byte[] f = new byte[captured];
            b.get(f);
            frames.add(f);
        }
        return frames;
    }

    /** {@code count} 60-byte frames whose first byte is {@code code} (a {@code coded} NF verdict). */
    static List<byte[]> frames(int count, char code) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] f = new byte[60];
            f[0] = (byte) code;
            f[59] = (byte) i;
            out.add(f);
        }
        return out;
    }
}
