package io.hypernf.sdk.nf;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** Small NFs for runtime tests. */
final class TestNfs {
    private TestNfs() {}

    /** Two ports; every packet leaves by the other one. Allocates nothing. */
    static final class Cross implements NetworkFunction {
        @Override public String name() { return "cross"; }
        @Override public List<String> portNames() { return List.of("a", "b"); }
        @Override public void process(PacketBatch batch) {
            int out = 1 - batch.inputPort();
            for (int i = 0; i < batch.size(); i++) {
                batch.packet(i).forward(out);
            }
        }
    }

    /** Like {@link Cross}, and adds one to the frame's last byte, to show which NFs a packet crossed. */
    static final class Stamp implements NetworkFunction {
        @Override public String name() { return "stamp"; }
        @Override public List<String> portNames() { return List.of("a", "b"); }
        @Override public void process(PacketBatch batch) {
            for (int i = 0; i < batch.size(); i++) {
                Packet p = batch.packet(i);
                int last = p.length() - 1;
                p.buf().setByte(last, p.buf().getByte(last) + 1);
                p.forward(1 - batch.inputPort());
            }
        }
    }

    /**
     * The verdict is written in the frame's first byte: '0'..'9' forward to that port, 'D' drop
     * with {@link #BAD_FRAME}, 'Z' drop without a reason, 'C' consume, 'F' flood, 'N' no verdict,
     * 'R' consume and emit a reply (the frame with its first byte 'r') on the input port,
     * 'E' emit a copy (first byte 'e') on port 0 and forward the packet to port 1,
     * 'X' throw from process.
     */
    static class Coded implements NetworkFunction {
        static final DropReason BAD_FRAME = new DropReason("coded", "bad-frame");
        private final List<String> ports;
        long ticks;

        Coded(String... ports) { this.ports = List.of(ports); }

        @Override public String name() { return "coded"; }
        @Override public List<String> portNames() { return ports; }
        @Override public List<DropReason> dropReasons() { return List.of(BAD_FRAME); }
        @Override public void tick(long nowNanos) { ticks++; }

        @Override
        public void process(PacketBatch batch) {
            for (int i = 0; i < batch.size(); i++) {
                decide(batch.packet(i), batch);
            }
        }

        static void decide(Packet p, PacketContext context) {
            int code = p.buf().getByte(0);
            if (code >= '0' && code <= '9') {
                p.forward(code - '0');
            } else if (code == 'D') {
                p.drop(BAD_FRAME);
            } else if (code == 'Z') {
                p.drop(null);
            } else if (code == 'C') {
                p.consume();
            } else if (code == 'F') {
                p.flood();
            } else if (code == 'R' || code == 'E') {
                ByteBuf copy = context.emit(code == 'R' ? context.inputPort() : 0);
                copy.writeBytes(p.buf(), 0, p.length());
                copy.setByte(0, Character.toLowerCase(code));
                if (code == 'R') {
                    p.consume();
                } else {
                    p.forward(1);
                }
            } else if (code == 'X') {
                throw new IllegalStateException("coded NF asked to fail");
            }
        }
    }

    /** {@link Coded} deciding packet by packet, which the runtime runs in one walk over the RX ring. */
    static final class CodedPerPacket extends Coded implements PacketFunction {
        CodedPerPacket(String... ports) { super(ports); }

        @Override public void process(PacketBatch batch) { PacketFunction.super.process(batch); }
        @Override public void process(Packet packet, PacketContext context) { decide(packet, context); }
    }

    /** Records every frame it sees (as text) and forwards it by the other port. */
    static final class Recorder implements NetworkFunction {
        final List<String> seen = new ArrayList<>();
        @Override public String name() { return "recorder"; }
        @Override public List<String> portNames() { return List.of("a", "b"); }
        @Override public void process(PacketBatch batch) {
            for (int i = 0; i < batch.size(); i++) {
                Packet p = batch.packet(i);
                seen.add(p.buf().toString(0, p.length(), java.nio.charset.StandardCharsets.US_ASCII));
                p.forward(1 - batch.inputPort());
            }
        }
    }
}
