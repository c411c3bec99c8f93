package io.hypernf.sdk.nf;

/**
 * Why a packet was dropped, with its counter. An NF makes its reasons once (fields) and passes
 * them to {@link Packet#drop(DropReason)}; the runtime counts each drop, so nothing is allocated
 * per packet. Counted on the data-path thread, read by the stats display.
 */
public final class DropReason {
    /** A packet the NF left without a verdict (an NF bug; counted, never silent). */
    public static final DropReason NO_VERDICT = new DropReason("runtime", "no-verdict");
    /** A forward to a port index the NF does not have. */
    public static final DropReason BAD_PORT = new DropReason("runtime", "bad-port");
    /** The output ring was full. */
    public static final DropReason TX_FULL = new DropReason("runtime", "tx-full");

    private final String owner;
    private final String name;
    private volatile long count;

    public DropReason(String owner, String name) {
        if (owner == null || owner.isBlank() || name == null || name.isBlank()) {
            throw new IllegalArgumentException("a drop reason needs an owner and a name, got '" + owner + "', '" + name + "'");
        }
        this.owner = owner;
        this.name = name;
    }

    public String owner() { return owner; }
    public String name() { return name; }
    public long count() { return count; }

    /** Counts {@code packets} drops (single writer: the data-path thread). */
    public void add(int packets) { count += packets; }

    @Override
    public String toString() { return owner + "/" + name + "=" + count; }
}
