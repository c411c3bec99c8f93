package io.hypernf.nf.bridge;

import io.hypernf.sdk.nf.DropReason;
import io.hypernf.sdk.nf.NetworkFunction;
import io.hypernf.sdk.nf.Packet;
import io.hypernf.sdk.nf.PacketBatch;
import io.hypernf.sdk.packet.EthernetHeader;
import io.hypernf.sdk.packet.MacAddresses;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A MAC learning bridge with the behaviour of netmap's VALE switch (NETMAP-ABI.md "The VALE
 * switch"; netmap {@code netmap_bdg_learning}):
 * <ol>
 *   <li>the source address, unless it is a group address (multicast or broadcast, IEEE 802 I/G
 *       bit), is learned on the input port; an address seen on another port than before moves;
 *       a full table learns nothing and counts it;</li>
 *   <li>a unicast destination that is known goes to its port — unless that is the input port, where
 *       the frame is dropped (the station is on the segment it came from) and counted;</li>
 *   <li>unknown unicast, broadcast and multicast are flooded to every other port;</li>
 *   <li>addresses not seen as a source for {@code age} seconds are forgotten.</li>
 * </ol>
 * Frames shorter than an Ethernet header are dropped as {@code bridge/runt}. Addresses travel as
 * longs; nothing is allocated per frame. Counters are written by the data-path thread only.
 */
public final class Bridge implements NetworkFunction {
    private static final int ETHERNET_HEADER = 14;

    private final String name;
    private final BridgeConfig config;
    private final MacTable table;
    private final EthernetHeader ethernet = new EthernetHeader();
    private final DropReason runt = new DropReason("bridge", "runt");
    private final DropReason samePort = new DropReason("bridge", "same-port");

    private long learned;
    private long moved;
    private long learnFull;
    private long forwardedKnown;
    private long floodedUnknown;
    private long floodedGroup;
    private long droppedSamePort;
    private long droppedRunt;

    public Bridge(String name, BridgeConfig config) {
        this.name = name;
        this.config = config;
        this.table = new MacTable(config.tableSize(), TimeUnit.SECONDS.toNanos(config.ageSeconds()));
    }

    @Override public String name() { return name; }
    @Override public List<String> portNames() { return config.ports(); }
    @Override public List<DropReason> dropReasons() { return List.of(runt, samePort); }

    @Override
    public void process(PacketBatch batch) {
        int input = batch.inputPort();
        long now = batch.nowNanos();
        for (int i = 0, n = batch.size(); i < n; i++) {
            Packet packet = batch.packet(i);
            if (packet.length() < ETHERNET_HEADER) {
                droppedRunt++;
                packet.drop(runt);
                continue;
            }
            ethernet.wrap(packet.buf(), 0);
            long source = ethernet.source();
            long destination = ethernet.destination();
            if (!MacAddresses.isMulticast(source)) {
                learnSource(source, input, now);
            }
            if (MacAddresses.isMulticast(destination)) {
                floodedGroup++;
                packet.flood();
                continue;
            }
            int output = table.portOf(destination, now);
            if (output == MacTable.UNKNOWN) {
                floodedUnknown++;
                packet.flood();
            } else if (output == input) {
                droppedSamePort++;
                packet.drop(samePort);
            } else {
                forwardedKnown++;
                packet.forward(output);
            }
        }
    }

    private void learnSource(long source, int input, long now) {
        switch (table.learn(source, input, now)) {
            case MacTable.LEARNED: learned++; break;
            case MacTable.MOVED: moved++; break;
            case MacTable.FULL: learnFull++; break;
            default: break;
        }
    }

    @Override
    public void tick(long nowNanos) {
        table.age(nowNanos);
    }

    /** The port index {@code mac} is currently learned on, or -1 (tests, diagnostics; data-path thread). */
    public int portOf(long mac, long now) { return table.portOf(mac, now); }

    public int tableSize() { return table.size(); }
    public long learned() { return learned; }
    /** Addresses that appeared on another port than the one they were learned on. */
    public long moved() { return moved; }
    /** Sources not learned because the table was full. */
    public long learnFull() { return learnFull; }
    /** Entries forgotten by ageing. */
    public long aged() { return table.aged(); }
    public long forwardedKnown() { return forwardedKnown; }
    public long floodedUnknown() { return floodedUnknown; }
    /** Broadcast and multicast frames flooded. */
    public long floodedGroup() { return floodedGroup; }
    public long droppedSamePort() { return droppedSamePort; }
    public long droppedRunt() { return droppedRunt; }
}
