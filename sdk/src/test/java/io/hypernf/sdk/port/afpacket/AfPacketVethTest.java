package io.hypernf.sdk.port.afpacket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hypernf.sdk.port.Port;
import io.hypernf.sdk.port.PortException;
import io.hypernf.sdk.port.Ports;
import io.hypernf.sdk.port.os.NetnsLab;
import io.hypernf.sdk.ring.NativeMemory;
import io.hypernf.sdk.ring.NetmapRing;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The afpacket port on a real veth pair inside a namespace this test creates (root only; CI is
 * root). Frames carry ethertype 0x88B5 (IEEE local experimental) and are told apart by a
 * sequence number in their payload.
 */
class AfPacketVethTest {
    static final String END_A = "veth-a";
    static final String END_B = "veth-b";
    private static NetnsLab lab;
    private static String ns;
    private final List<Port> ports = new ArrayList<>();

    @BeforeAll
    static void createNamespace() throws Exception {
        NetnsLab.assumeRoot("afpacket veth tests", "ethtool");
        lab = NetnsLab.create();
        ns = lab.add("veth");
        lab.veth(ns, END_A, ns, END_B);
    }

    @AfterAll
    static void deleteNamespace() throws Exception {
        if (lab != null) {
            List<String> made = lab.namespaces();
            lab.close();
            for (String name : made) {
                assertThat(NetnsLab.exists(name)).as(name + " deleted").isFalse();
            }
        }
    }

    @AfterEach
    void closePorts() {
        for (Port port : ports) {
            port.close();
        }
    }

    private AfPacketPort open(String ifName, int slots, int blockSize) throws Exception {
        AfPacketPort port = lab.call(ns, () -> AfPacketPort.open("afpacket:" + ifName, ifName, slots, blockSize, -1, 0, false));
        ports.add(port);
        return port;
    }

    static byte[] frame(int length, int seq) {
        byte[] f = new byte[length];
        byte[] header = {0x02, 0, 0, 0, 0, 0x0b, 0x02, 0, 0, 0, 0, 0x0a, (byte) 0x88, (byte) 0xb5};
        System.arraycopy(header, 0, f, 0, Math.min(length, header.length));
        for (int i = header.length; i < length; i++) {
            f[i] = (byte) (seq * 13 + i);
        }
        if (length >= 18) {
            f[14] = (byte) (seq >> 24);
            f[15] = (byte) (seq >> 16);
            f[16] = (byte) (seq >> 8);
            f[17] = (byte) seq;
        }
        return f;
    }

    /** Queues frames on the TX ring (as many as fit) and syncs; returns how many were queued. */
    static int queue(Port port, List<byte[]> frames) {
        NetmapRing tx = port.txRing(0);
        int head = tx.head();
        int n = 0;
        for (byte[] f : frames) {
            if (tx.space() - n == 0) {
                break;
            }
            NativeMemory.copyFromArray(f, 0, tx.bufferAddress(tx.bufIdx(head)), f.length);
            tx.len(head, f.length);
            head = tx.next(head);
            n++;
        }
        tx.head(head);
        tx.cur(head);
        port.txSync();
        return n;
    }

    /** Receives frames until {@code expected} arrived or 2 s passed; keeps only this test's frames. */
    static List<byte[]> receive(Port port, int expected) {
        List<byte[]> got = new ArrayList<>();
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (got.size() < expected && System.nanoTime() < deadline) {
            port.poll(false, 10);
            port.rxSync();
            got.addAll(take(port));
        }
        return got;
    }

    /** Copies out this test's frames from RX [head, tail) and releases every slot. */
    static List<byte[]> take(Port port) {
        List<byte[]> got = new ArrayList<>();
        NetmapRing rx = port.rxRing(0);
        int head = rx.head();
        int tail = rx.tail();
        for (; head != tail; head = rx.next(head)) {
            byte[] f = new byte[rx.len(head)];
            NativeMemory.copyToArray(rx.bufferAddress(rx.bufIdx(head)), f, 0, f.length);
            if (f.length >= 14 && (f[12] & 0xff) == 0x88 && (f[13] & 0xff) == 0xb5) {
                got.add(f);
            }
        }
        rx.head(head);
        rx.cur(head);
        return got;
    }

    @Test
    void framesCrossThePairByteExactInBothDirections() throws Exception {
        AfPacketPort a = open(END_A, 256, 1 << 16);
        AfPacketPort b = open(END_B, 256, 1 << 16);
        assertThat(a.mtu()).isEqualTo(1500);
        List<byte[]> toB = List.of(frame(60, 1), frame(1514, 2), frame(300, 3));
        List<byte[]> toA = List.of(frame(64, 10), frame(1000, 11));
        assertThat(queue(a, toB)).isEqualTo(3);
        assertThat(queue(b, toA)).isEqualTo(2);
        assertThat(receive(b, 3)).containsExactlyElementsOf(toB);
        assertThat(receive(a, 2)).containsExactlyElementsOf(toA);
        assertThat(a.counters().txPackets()).isEqualTo(3);
        assertThat(b.counters().rxPackets()).isEqualTo(3);
        assertThat(b.counters().rxBytes()).isEqualTo(60 + 1514 + 300);
    }

    @Test
    void aPortDoesNotReceiveItsOwnTransmissions() throws Exception {
        AfPacketPort a = open(END_A, 64, 1 << 16);
        AfPacketPort b = open(END_B, 64, 1 << 16);
        queue(a, List.of(frame(60, 1), frame(60, 2)));
        assertThat(receive(b, 2)).hasSize(2);
        assertThat(receive(a, 1)).as("PACKET_IGNORE_OUTGOING").isEmpty();
    }

    @Test
    void tinyAndOversizedFramesAreDroppedAndCountedWhileGoodOnesPass() throws Exception {
        AfPacketPort a = open(END_A, 64, 1 << 16);
        AfPacketPort b = open(END_B, 64, 1 << 16);
        byte[] tagged = frame(1518, 5);
        tagged[12] = (byte) 0x81;
        tagged[13] = 0x00;
        tagged[16] = (byte) 0x88;
        tagged[17] = (byte) 0xb5;
        List<byte[]> offered = List.of(frame(0, 0), frame(60, 1), frame(5, 0), frame(13, 0), frame(1515, 0), frame(14, 2),
                frame(2000, 0), frame(1514, 3), tagged, frame(2048, 0));
        assertThat(queue(a, offered)).isEqualTo(offered.size());
        assertThat(a.counters().txDropped()).isEqualTo(6);
        assertThat(a.malformedTransmit()).isEqualTo(6);
        assertThat(a.counters().txPackets()).isEqualTo(4);

        List<byte[]> got = new ArrayList<>();
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (got.size() < 4 && System.nanoTime() < deadline) {
            b.poll(false, 10);
            b.rxSync();
            NetmapRing rx = b.rxRing(0);
            for (int i = rx.head(); i != rx.tail(); i = rx.next(i)) {
                byte[] f = new byte[rx.len(i)];
                NativeMemory.copyToArray(rx.bufferAddress(rx.bufIdx(i)), f, 0, f.length);
                got.add(f);
            }
            rx.head(rx.tail());
            rx.cur(rx.tail());
        }
        assertThat(got).containsExactly(frame(60, 1), frame(14, 2), frame(1514, 3), tagged);
    }

    @Test
    void aFullNetmapRingHoldsTheBlockAndLosesNothing() throws Exception {
        AfPacketPort a = open(END_A, 1024, 1 << 16);
        AfPacketPort b = open(END_B, 16, 1 << 16);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            frames.add(frame(60 + i % 40, i));
        }
        assertThat(queue(a, frames)).isEqualTo(300);
        List<byte[]> got = new ArrayList<>();
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (got.size() < 300 && System.nanoTime() < deadline) {
            b.poll(false, 10);
            b.rxSync();
            assertThat(b.rxRing(0).space()).isLessThan(16);
            got.addAll(take(b));
        }
        assertThat(got).containsExactlyElementsOf(frames);
        assertThat(b.counters().rxDropped()).isZero();
    }

    @Test
    void framesTheKernelDropsWhileEveryBlockIsHeldAreCounted() throws Exception {
        AfPacketPort a = open(END_A, 1024, 1 << 16);
        AfPacketPort b = open(END_B, 2, 4096);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            frames.add(frame(200, i));
        }
        assertThat(queue(a, frames)).isEqualTo(400);
        Thread.sleep(50);
        List<byte[]> got = new ArrayList<>();
        long quietSince = System.nanoTime();
        long deadline = quietSince + 3_000_000_000L;
        while (System.nanoTime() - quietSince < 200_000_000L && System.nanoTime() < deadline) {
            b.poll(false, 10);
            if (b.rxSync() > 0) {
                quietSince = System.nanoTime();
            }
            got.addAll(take(b));
        }
        b.close();
        assertThat(b.kernelDrops()).as("two 4 KiB blocks cannot hold 400 frames of 200 bytes").isPositive();
        assertThat(b.counters().rxPackets() + b.counters().rxDropped()).isEqualTo(400);
        assertThat(frames).containsSubsequence(got);
    }

    @Test
    void portsOpenThroughTheirUriAndAMissingInterfaceIsAClearError() throws Exception {
        Port a = lab.call(ns, () -> Ports.open("afpacket:" + END_A + "?frames=128&block=65536"));
        ports.add(a);
        assertThat(a.rxRing(0).numSlots()).isEqualTo(128);
        assertThat(a.name()).isEqualTo("afpacket:" + END_A + "?frames=128&block=65536");
        assertThatThrownBy(() -> lab.call(ns, () -> Ports.open("afpacket:hnfnosuch0")))
                .isInstanceOf(PortException.class).hasMessageContaining("hnfnosuch0").hasMessageContaining("no interface");
    }
    @Test
    void aFanoutGroupSharesTheFramesBetweenItsPorts() throws Exception {
        AfPacketPort a = open(END_A, 256, 1 << 16);
        String uri = "afpacket:" + END_B + "?frames=256&block=65536&fanout=lb:4242";
        Port first = lab.call(ns, () -> Ports.open(uri));
        ports.add(first);
        Port second = lab.call(ns, () -> Ports.open(uri));
        ports.add(second);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            frames.add(frame(60, i));
        }
        assertThat(queue(a, frames)).isEqualTo(100);
        List<byte[]> toFirst = new ArrayList<>();
        List<byte[]> toSecond = new ArrayList<>();
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (toFirst.size() + toSecond.size() < 100 && System.nanoTime() < deadline) {
            first.poll(false, 5);
            first.rxSync();
            toFirst.addAll(take(first));
            second.rxSync();
            toSecond.addAll(take(second));
        }
        assertThat(toFirst.size() + toSecond.size()).as("each frame reaches one member").isEqualTo(100);
        assertThat(toFirst).as("PACKET_FANOUT_LB shares round robin").isNotEmpty();
        assertThat(toSecond).isNotEmpty();
        assertThat(frames).containsSubsequence(toFirst).containsSubsequence(toSecond);
    }

    @Test
    void theDataPathAllocatesNothingPerPacket() throws Exception {
        AfPacketPort a = open(END_A, 512, 1 << 16);
        AfPacketPort b = open(END_B, 512, 1 << 16);
        byte[] template = frame(128, 7);
        long[] received = new long[1];
        Runnable round = () -> {
            NetmapRing tx = a.txRing(0);
            int head = tx.head();
            for (int n = tx.space(); n > 0; n--) {
                NativeMemory.copyFromArray(template, 0, tx.bufferAddress(tx.bufIdx(head)), template.length);
                tx.len(head, template.length);
                head = tx.next(head);
            }
            tx.head(head);
            tx.cur(head);
            a.txSync();
            b.poll(false, 1);
            received[0] += b.rxSync();
            NetmapRing rx = b.rxRing(0);
            rx.head(rx.tail());
            rx.cur(rx.tail());
        };
        while (received[0] < 50_000) {
            round.run();
        }
        long before = allocatedBytes();
        long start = received[0];
        while (received[0] - start < 200_000) {
            round.run();
        }
        long allocated = allocatedBytes() - before;
        long packets = received[0] - start;
        System.out.printf("afpacket veth A->B: %d packets received, %d bytes allocated, B %s%n", packets, allocated, b.counters());
        assertThat(allocated).as("bytes allocated over %d packets", packets).isLessThan(packets / 100);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
