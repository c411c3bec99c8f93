package io.hypernf.sdk.nf;

/**
 * A network function that decides every packet on its own, without looking at the others of its
 * batch — forwarders, firewalls, NAT, load balancers. It is still a {@link NetworkFunction}: its
 * batch {@link #process(PacketBatch)} is a loop over {@link #process(Packet, PacketContext)}, so
 * every caller of the batch API (tests, tools, a chained position) keeps working.
 *
 * <p>Why it exists: when such an NF receives straight from a port's RX ring, the runtime runs it
 * in one walk over the ring — each RX slot is pointed at, handed to the NF, and its verdict applied
 * at once (for a forward to a single-ring port of the same region: a buffer-index swap into the TX
 * ring, NETMAP-ABI.md) before the next slot is read. A batch NF costs three walks instead
 * (receive into a batch, the NF, verdicts), which measured as most of the runtime's cost per packet
 * (BENCHMARKS.md).
 *
 * <p>Contract: {@code packet} and everything reached through it are valid only during the call;
 * the verdict is the one the packet holds when the call returns. In the runtime's walk, a packet
 * whose call throws keeps the verdict it had by then, or is dropped as {@code runtime/nf-error} if
 * it had none, and the packets after it are processed as usual (in a batch, a throw drops every
 * packet of the batch still without a verdict as {@code runtime/nf-error}).
 */
public interface PacketFunction extends NetworkFunction {

    /** Gives {@code packet}, arrived on NF port {@code context.inputPort()}, its verdict. */
    void process(Packet packet, PacketContext context);

    @Override
    default void process(PacketBatch batch) {
        for (int i = 0, n = batch.size(); i < n; i++) {
            process(batch.packet(i), batch);
        }
    }
}
