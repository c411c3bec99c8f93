package io.hypernf.nf.lb;

import static io.hypernf.nf.lb.FullNatTest.CLIENT;
import static io.hypernf.nf.lb.FullNatTest.LB;
import static io.hypernf.nf.lb.FullNatTest.VIP;
import static io.hypernf.nf.lb.LbFrames.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.hypernf.sdk.nf.ManualBatch;
import io.hypernf.sdk.nf.Packet;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Direct server return: the frame leaves byte for byte as RFC 2003 / RFC 2784 say. */
class EncapsulationTest {
    static final long BACKEND_MAC = 0x02_00_00_00_B0_01L;

    /** The expected frame, written out field by field: Ethernet, outer IPv4, optional GRE, the untouched inner packet. */
    static byte[] expected(byte[] original, int protocol, int identification) {
        byte[] inner = Arrays.copyOfRange(original, 14, original.length);
        int innerTotal = LbFrames.u16(original, 16);
        int extra = protocol == 47 ? 4 : 0;
        ByteBuffer b = ByteBuffer.allocate(original.length + 20 + extra);
        LbFrames.putMac(b, BACKEND_MAC);
        LbFrames.putMac(b, LbFrames.LB_MAC);
        b.putShort((short) 0x0800);
        b.put((byte) 0x45).put(original[15]).putShort((short) (innerTotal + 20 + extra)).putShort((short) identification)
                .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0).putInt(LB).putInt(ip("10.1.0.1"));
        byte[] out = b.array();
        int sum = LbFrames.checksum(out, 14, 20, 0);
        out[24] = (byte) (sum >>> 8);
        out[25] = (byte) sum;
        if (protocol == 47) {
            b.putShort((short) 0).putShort((short) 0x0800);
        }
        b.put(inner);
        return out;
    }

    private static void check(ForwardingMode mode, int protocol) {
        LoadBalancer lb = FullNatTest.lb(mode, "10.1.0.1 mac=02:00:00:00:b0:01");
        byte[] first = LbFrames.tcp(CLIENT, VIP, 40000, 80, 0x02, new byte[0]);
        byte[] second = LbFrames.tcp(CLIENT, VIP, 40000, 80, 0x18, "hello, backend".getBytes());
        ManualBatch batch = ManualBatch.of(LoadBalancer.CLIENT, 0, first, second);
        lb.process(batch);
        assertThat(batch.verdict(0)).isEqualTo(LoadBalancer.SERVER);
        assertThat(batch.frame(0)).isEqualTo(expected(first, protocol, 0));
        assertThat(batch.frame(1)).isEqualTo(expected(second, protocol, 1));
        assertThat(LbFrames.checksum(batch.frame(1), 14, 20, 0)).as("outer header checksum verifies").isZero();
    }

    @Test
    void ipInIpIsByteExact() {
        check(ForwardingMode.IPIP, 4);
    }

    @Test
    void greIsByteExact() {
        check(ForwardingMode.GRE, 47);
    }

    @Test
    void aFrameWithNoRoomToGrowIsACountedDrop() {
        LoadBalancer lb = FullNatTest.lb(ForwardingMode.GRE, "10.1.0.1 mac=02:00:00:00:b0:01");
        byte[] frame = LbFrames.tcp(CLIENT, VIP, 40000, 80, 0x02, new byte[0]);
        ManualBatch tight = new ManualBatch(frame.length + 23).reset(LoadBalancer.CLIENT, 0, frame);
        lb.process(tight);
        assertThat(tight.verdict(0)).isEqualTo(Packet.VERDICT_DROP);
        assertThat(lb.dropped("no-room-to-encapsulate")).isEqualTo(1);
        assertThat(tight.frame(0)).as("left untouched").isEqualTo(frame);
        ManualBatch enough = new ManualBatch(frame.length + 24).reset(LoadBalancer.CLIENT, 0, frame);
        lb.process(enough);
        assertThat(enough.verdict(0)).isEqualTo(LoadBalancer.SERVER);
    }

    @Test
    void theMoveHandlesEveryOverlap() {
        for (int length = 0; length < 40; length++) {
            for (int by = 1; by < 26; by++) {
                byte[] data = new byte[100];
                for (int i = 0; i < data.length; i++) {
                    data[i] = (byte) i;
                }
                io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(data);
                Encapsulator.moveTowardsEnd(buf, 10, length, by);
                for (int i = 0; i < length; i++) {
                    assertThat(data[10 + by + i]).as("length " + length + " by " + by + " byte " + i).isEqualTo((byte) (10 + i));
                }
            }
        }
    }
}
