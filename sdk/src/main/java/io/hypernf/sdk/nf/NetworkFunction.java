package io.hypernf.sdk.nf;

import java.util.List;

/**
 * A network function: it declares named ports and gives every packet of a batch a verdict
 * (STYLE.md 5). The runtime calls {@link #process} on one thread; an NF keeps its flyweights and
 * tables in fields and allocates nothing per packet.
 *
 * <p>Port indices used in verdicts are positions in {@link #portNames()}: an NF with ports
 * {@code ["inside", "outside"]} forwards a packet out of "outside" with {@code packet.forward(1)}.
 * The runtime binds each name to a real port, or to the next NF of a chain.
 */
public interface NetworkFunction {

    /** A short name for logs, counters and the config ({@code firewall}, {@code nat}, ...). */
    String name();

    /** The NF's ports, in index order. At least one. */
    List<String> portNames();

    /**
     * Processes a batch of packets that arrived on one port ({@link PacketBatch#inputPort()}).
     * Every packet must leave with a verdict; a packet left without one is dropped and counted
     * as {@link DropReason#NO_VERDICT}.
     */
    void process(PacketBatch batch);

    /** Called by the run loop about every millisecond, also when idle: expire flows, age tables. */
    default void tick(long nowNanos) {}

    /** The NF's drop reasons, for the counters display. Every reason it uses must be listed. */
    default List<DropReason> dropReasons() {
        return List.of();
    }
}
