package io.hypernf.nf.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hypernf.sdk.nf.ConfigException;
import io.hypernf.sdk.nf.ConfigLocation;
import io.hypernf.sdk.nf.NfSettings;
import io.hypernf.sdk.nf.Packet;
import io.hypernf.sdk.nf.PacketBatch;
import io.hypernf.sdk.nf.WrittenSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardNfTest {
    private static final ConfigLocation AT = new ConfigLocation("test.yaml", 3, "nfs[0].settings");

    /** A batch over heap buffers, as the runtime would hand it (the NF is what is tested). */
    private static final class ListBatch implements PacketBatch {
        final List<Packet> packets = new ArrayList<>();
        final int input;

        ListBatch(int input, byte[]... frames) {
            this.input = input;
            for (byte[] frame : frames) {
                ByteBuf buf = Unpooled.buffer(2048);
                buf.writeBytes(frame);
                Packet p = new Packet();
                p.reset(buf, frame.length, input);
                packets.add(p);
            }
        }

        @Override public int size() { return packets.size(); }
        @Override public Packet packet(int i) { return packets.get(i); }
        @Override public int inputPort() { return input; }
        @Override public long nowNanos() { return 0; }
        @Override public ByteBuf emit(int port) { throw new AssertionError("the forwarder never emits"); }
    }

    private static NfSettings settings(Object... keyValues) {
        return WrittenSettings.of(AT, keyValues);
    }

    private static byte[] frame(int dstLast, int srcLast) {
        byte[] f = new byte[60];
        f[5] = (byte) dstLast;
        f[11] = (byte) srcLast;
        f[12] = 0x08;
        return f;
    }

    @Test
    void framesCrossToTheOtherPortUnchanged() {
        ForwardNf nf = (ForwardNf) new ForwardFactory().create("fwd", settings());
        ListBatch fromIn = new ListBatch(ForwardNf.PORT_IN, frame(2, 1));
        nf.process(fromIn);
        assertThat(fromIn.packet(0).verdict()).isEqualTo(ForwardNf.PORT_OUT);
        assertThat(fromIn.packet(0).buf().getByte(5)).isEqualTo((byte) 2);
        ListBatch fromOut = new ListBatch(ForwardNf.PORT_OUT, frame(1, 2));
        nf.process(fromOut);
        assertThat(fromOut.packet(0).verdict()).isEqualTo(ForwardNf.PORT_IN);
    }

    @Test
    void macSwapTradesAddressesAndReflectSendsBack() {
        ForwardNf nf = (ForwardNf) new ForwardFactory().create("fwd", settings("mode", "mac-swap", "reflect", "true"));
        byte[] f = frame(0xaa, 0xbb);
        f[0] = 0x11;
        f[6] = 0x22;
        ListBatch batch = new ListBatch(ForwardNf.PORT_IN, f);
        nf.process(batch);
        ByteBuf out = batch.packet(0).buf();
        assertThat(out.getByte(0)).isEqualTo((byte) 0x22);
        assertThat(out.getByte(5)).isEqualTo((byte) 0xbb);
        assertThat(out.getByte(6)).isEqualTo((byte) 0x11);
        assertThat(out.getByte(11)).isEqualTo((byte) 0xaa);
        assertThat(out.getByte(12)).as("the EtherType stays").isEqualTo((byte) 0x08);
        assertThat(batch.packet(0).verdict()).isEqualTo(ForwardNf.PORT_IN);
    }

    @Test
    void runtsAreDroppedWithTheirOwnReason() {
        ForwardNf nf = (ForwardNf) new ForwardFactory().create("fwd", settings());
        ListBatch batch = new ListBatch(ForwardNf.PORT_IN, new byte[13], frame(1, 2));
        nf.process(batch);
        assertThat(batch.packet(0).verdict()).isEqualTo(Packet.VERDICT_DROP);
        assertThat(batch.packet(0).dropReason().name()).isEqualTo("runt");
        assertThat(nf.dropReasons()).contains(batch.packet(0).dropReason());
        assertThat(batch.packet(1).verdict()).isEqualTo(ForwardNf.PORT_OUT);
    }

    @Test
    void badSettingsNameTheKey() {
        assertThatThrownBy(() -> new ForwardFactory().create("fwd", settings("mode", "swap")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.yaml:4: nfs[0].settings.mode 'swap' is not accepted; accepted: forward, mac-swap");
        assertThatThrownBy(() -> new ForwardFactory().create("fwd", settings("reflect", "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("reflect 'maybe' is not a boolean");
    }
}
