package io.hypernf.nf.forward;

import io.hypernf.sdk.nf.DropReason;
import io.hypernf.sdk.nf.NetworkFunction;
import io.hypernf.sdk.nf.Packet;
import io.hypernf.sdk.nf.PacketBatch;
import io.hypernf.sdk.packet.EthernetHeader;
import java.util.List;

/**
 * Forwards every frame from port {@code in} to {@code out} and back. Frames shorter than an
 * Ethernet header (14 bytes, IEEE 802.3 clause 3.1) are dropped as {@code forward/runt}, since
 * nothing downstream can parse them. In {@code mac-swap} mode the destination (bytes 0-5) and
 * source (bytes 6-11) addresses trade places in place. Nothing is allocated per packet.
 */
public final class ForwardNf implements NetworkFunction {
    static final int PORT_IN = 0;
    static final int PORT_OUT = 1;
    private static final int ETHERNET_HEADER = 14;

    private final String name;
    private final ForwardConfig config;
    private final DropReason runt = new DropReason("forward", "runt");
    /** Over the frame's native address when it has one (the run loop's packets: no ByteBuf touched), else its ByteBuf. */
    private final EthernetHeader ethernet = new EthernetHeader();

    public ForwardNf(String name, ForwardConfig config) {
        this.name = name;
        this.config = config;
    }

    @Override public String name() { return name; }
    @Override public List<String> portNames() { return List.of("in", "out"); }
    @Override public List<DropReason> dropReasons() { return List.of(runt); }

    @Override
    public void process(PacketBatch batch) {
        int output = config.reflect() ? batch.inputPort() : 1 - batch.inputPort();
        for (int i = 0, n = batch.size(); i < n; i++) {
            Packet packet = batch.packet(i);
            if (packet.length() < ETHERNET_HEADER) {
                packet.drop(runt);
                continue;
            }
            if (config.macSwap()) {
                long frame = packet.address();
                if (frame != 0) {
                    ethernet.wrap(frame, packet.length());
                } else {
                    ethernet.wrap(packet.buf(), 0);
                }
                ethernet.swapAddresses();
            }
            packet.forward(output);
        }
    }
}
