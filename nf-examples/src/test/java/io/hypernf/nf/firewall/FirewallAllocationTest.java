package io.hypernf.nf.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.AllocatedBytes;
import io.hypernf.sdk.nf.Packet;
import io.hypernf.sdk.nf.PacketBatch;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The firewall allocates nothing per packet in steady state — tracked connections, new ones,
 * related ICMP errors, rejects with emitted answers, drops, non-IP, IPv6, expiry — measured with
 * the thread's allocated-bytes counter over about a million packets after warm-up.
 */
class FirewallAllocationTest {
    private static final int ROUNDS = 60_000;

    /** A batch over fixed buffers and holders, refilled in place: the harness itself allocates nothing. */
    private static final class FixedBatch implements PacketBatch {
        final Packet[] packets;
        final ByteBuf[] buffers;
        final ByteBuf answer = Unpooled.wrappedBuffer(new byte[2048]);
        int size;
        int inputPort;
        long now;
        long answers;

        FixedBatch(int capacity) {
            packets = new Packet[capacity];
            buffers = new ByteBuf[capacity];
            for (int i = 0; i < capacity; i++) {
                packets[i] = new Packet();
                buffers[i] = Unpooled.wrappedBuffer(new byte[2048]);
            }
        }

        void fill(int port, long time, byte[][] frames) {
            inputPort = port;
            now = time;
            size = frames.length;
            for (int i = 0; i < size; i++) {
                buffers[i].setBytes(0, frames[i]);
                packets[i].reset(buffers[i], frames[i].length, port);
            }
        }

        @Override public int size() { return size; }
        @Override public Packet packet(int i) { return packets[i]; }
        @Override public int inputPort() { return inputPort; }
        @Override public long nowNanos() { return now; }

        @Override
        public ByteBuf emit(int port) {
            answers++;
            answer.setIndex(0, 0);
            return answer;
        }
    }

    @Test
    void processingAllocatesNothingPerPacket() {
        AllocatedBytes allocations = AllocatedBytes.ofCurrentThread();

        Firewall firewall = new Firewall("fw", FirewallConfig.defaults().withConntrackSize(256).withRules(List.of(
                "accept out proto tcp flags S/SA", "accept out proto udp", "reject in proto tcp to any port 23",
                "reject in proto udp", "drop in proto tcp to any port 22")));
        byte[][][] outbound = new byte[64][][];
        byte[][][] inbound = new byte[64][][];
        for (int c = 0; c < 64; c++) {
            int port = 40000 + c;
            byte[] syn = TestFrames.tcp4(TestFrames.INSIDE_MAC, TestFrames.OUTSIDE_MAC, "10.0.0.1", "192.0.2.10", port, 80, 0x02, 1, 0, 0);
            outbound[c] = new byte[][] {
                syn,
                TestFrames.tcp4(TestFrames.INSIDE_MAC, TestFrames.OUTSIDE_MAC, "10.0.0.1", "192.0.2.10", port, 80, 0x10, 2, 2, 0),
                TestFrames.udp4(TestFrames.INSIDE_MAC, TestFrames.OUTSIDE_MAC, "10.0.0.1", "192.0.2.53", port, 53, 30),
                TestFrames.udp6(TestFrames.INSIDE_MAC, TestFrames.OUTSIDE_MAC, "2001:db8:0:0:0:0:0:1", "2001:db8:0:0:0:0:0:53", port, 53, 30),
                TestFrames.arpRequest(TestFrames.INSIDE_MAC),
            };
            inbound[c] = new byte[][] {
                TestFrames.tcp4(TestFrames.OUTSIDE_MAC, TestFrames.INSIDE_MAC, "192.0.2.10", "10.0.0.1", 80, port, 0x12, 1, 2, 0),
                TestFrames.icmp4(TestFrames.OUTSIDE_MAC, TestFrames.INSIDE_MAC, "203.0.113.1", "10.0.0.1", 11, 0, 0, TestFrames.ipDatagram(syn)),
                TestFrames.tcp4(TestFrames.OUTSIDE_MAC, TestFrames.INSIDE_MAC, "198.51.100.9", "10.0.0.1", port, 23, 0x02, 5, 0, 0),
                TestFrames.udp4(TestFrames.OUTSIDE_MAC, TestFrames.INSIDE_MAC, "198.51.100.9", "10.0.0.1", port, 161, 20),
                TestFrames.tcp4(TestFrames.OUTSIDE_MAC, TestFrames.INSIDE_MAC, "198.51.100.9", "10.0.0.1", port, 22, 0x02, 5, 0, 0),
                TestFrames.tcp4(TestFrames.OUTSIDE_MAC, TestFrames.INSIDE_MAC, "198.51.100.9", "10.0.0.1", port, 443, 0x10, 5, 5, 0),
            };
        }
        FixedBatch batch = new FixedBatch(8);
        long[] now = {0};
        run(firewall, batch, outbound, inbound, 20_000, now);
        long before = allocations.now();
        long packets = run(firewall, batch, outbound, inbound, ROUNDS, now);
        long allocated = allocations.now() - before;
        System.out.printf("firewall allocation: %d bytes over %d packets, %d answers, %d related, %d expired%n",
                allocated, packets, batch.answers, firewall.relatedCount(), firewall.connections().expiredCount());
        assertThat(batch.answers).as("rejects were answered on the measured path").isPositive();
        assertThat(firewall.relatedCount()).isPositive();
        assertThat(firewall.connections().expiredCount()).as("expiry ran").isPositive();
        assertThat(allocated).as("bytes allocated over %d packets (one object per packet would be >10 MB)", packets)
                .isLessThan(4096);
    }

    private static long run(Firewall firewall, FixedBatch batch, byte[][][] outbound, byte[][][] inbound, int rounds, long[] now) {
        long packets = 0;
        for (int r = 0; r < rounds; r++) {
            int c = r & 63;
            // Every 1000 rounds, six idle days: every connection expires and is opened again.
            now[0] += r % 1000 == 999 ? 6 * 86_400_000_000_000L : 50_000_000L;
            batch.fill(0, now[0], outbound[c]);
            firewall.process(batch);
            packets += batch.size;
            batch.fill(1, now[0], inbound[c]);
            firewall.process(batch);
            packets += batch.size;
            firewall.tick(now[0]);
        }
        return packets;
    }
}
