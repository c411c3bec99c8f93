package io.hypernf.sdk.port.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.AllocatedBytes;
import io.hypernf.sdk.ring.NetmapRing;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steady state of the pcap port allocates nothing per packet: a looping replay forwarded
 * slot by slot into a writing port, measured with the thread's allocated-bytes counter.
 */
class PcapPortAllocationTest {
    @TempDir
    Path dir;

    /** Moves every received frame to the TX ring (copying; the two ports have their own regions). Returns frames moved. */
    static int forward(PcapPort in, PcapPort out) {
        in.rxSync();
        NetmapRing rx = in.rxRing(0);
        NetmapRing tx = out.txRing(0);
        int moved = 0;
        int r = rx.head();
        int t = tx.head();
        int room = tx.space();
        while (r != rx.tail() && moved < room) {
            io.hypernf.sdk.ring.NativeMemory.copy(rx.bufferAddress(rx.bufIdx(r)), tx.bufferAddress(tx.bufIdx(t)), rx.len(r));
            tx.len(t, rx.len(r));
            r = rx.next(r);
            t = tx.next(t);
            moved++;
        }
        rx.head(r);
        rx.cur(r);
        tx.head(t);
        tx.cur(t);
        out.txSync();
        return moved;
    }

    @Test
    void aLoopingReplayIntoAWriterAllocatesNothingPerPacket() throws Exception {
        AllocatedBytes allocations = AllocatedBytes.ofCurrentThread();
        CaptureBytes bytes = new CaptureBytes(ByteOrder.LITTLE_ENDIAN).classicHeader(PcapReader.MAGIC_NANOSECONDS, 65535, 1);
        for (int i = 0; i < 500; i++) {
            bytes.classicRecord(i, i, CaptureBytes.frame(60 + i % 1400, i), 60 + i % 1400);
        }
        Path in = dir.resolve("in.pcap");
        Files.write(in, bytes.bytes());
        try (PcapPort reader = PcapPort.reading("in", PcapReader.open(in), PcapPort.Pace.FULL, 0);
             PcapPort writer = PcapPort.writing("out", PcapWriter.create(dir.resolve("out.pcap"), false, 64))) {
            long warm = 0;
            while (warm < 200_000) {
                warm += forward(reader, writer);
            }
            long before = allocations.now();
            long packets = 0;
            while (packets < 500_000) {
                packets += forward(reader, writer);
            }
            long allocated = allocations.now() - before;
            System.out.printf("pcap replay -> pcap write: %d packets, %d bytes allocated%n", packets, allocated);
            assertThat(writer.counters().txPackets()).isEqualTo(warm + packets);
            assertThat(allocated).as("bytes allocated over %d packets", packets).isLessThan(packets / 100);
        }
    }
}
