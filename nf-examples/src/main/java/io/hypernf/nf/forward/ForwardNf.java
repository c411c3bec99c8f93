package io.hypernf.nf.forward;

import io.hypernf.sdk.nf.DropReason;
import io.hypernf.sdk.nf.Packet;
import io.hypernf.sdk.nf.PacketContext;
import io.hypernf.sdk.nf.PacketFunction;
import io.hypernf.sdk.packet.EthernetHeader;
import io.hypernf.sdk.ring.NativeMemory;
import java.util.List;

/**
 * Forwards every frame from port {@code in} to {@code out} and back. Frames shorter than an
 * Ethernet header (14 bytes, IEEE 802.3 clause 3.1) are dropped as {@code forward/runt}, since
 * nothing downstream can parse them. In {@code mac-swap} mode the destination (bytes 0-5) and
 * source (bytes 6-11) addresses trade places in place. Nothing is allocated per packet. Decides
 * packet by packet ({@link PacketFunction}), so the runtime forwards in one walk over the RX ring.
 */
public final class ForwardNf implements PacketFunction {
    static final int PORT_IN = 0;
    static final int PORT_OUT = 1;
    private static final int ETHERNET_HEADER = 14;

    private final String name;
    private final ForwardConfig config;
    private final DropReason runt = new DropReason("forward", "runt");
    /**
     * For frames without a native address (tests' heap buffers), and under bounds checks, where the
     * address-mode flyweight checks the header lies inside the frame; otherwise the static swap,
     * which writes no field per packet.
     */
    private final EthernetHeader ethernet = new EthernetHeader();

    public ForwardNf(String name, ForwardConfig config) {
        this.name = name;
        this.config = config;
    }

    @Override public String name() { return name; }
    @Override public List<String> portNames() { return List.of("in", "out"); }
    @Override public List<DropReason> dropReasons() { return List.of(runt); }

    @Override
    public void process(Packet packet, PacketContext context) {
        if (packet.length() < ETHERNET_HEADER) {
            packet.drop(runt);
            return;
        }
        if (config.macSwap()) {
            long frame = packet.address();
            if (frame != 0 && !NativeMemory.BOUNDS_CHECKS) {
                EthernetHeader.swapAddresses(frame);
            } else if (frame != 0) {
                ethernet.wrap(frame, packet.length()).swapAddresses();
            } else {
                ethernet.wrap(packet.buf(), 0).swapAddresses();
            }
        }
        int input = context.inputPort();
        packet.forward(config.reflect() ? input : 1 - input);
    }
}
