package io.hypernf.sdk.nf;

/**
 * Drop reasons the runtime itself counts, besides the API's {@link DropReason#NO_VERDICT},
 * {@link DropReason#BAD_PORT} and {@link DropReason#TX_FULL}. They are charged to the NF whose
 * verdict led to the drop.
 */
final class RuntimeDrops {
    private RuntimeDrops() {}

    /** {@code packet.drop(null)}: dropped, but the NF gave no reason. */
    static final DropReason NO_REASON = new DropReason("runtime", "no-reason");
    /** A packet bounced between chained NFs more than {@link Dispatcher#MAX_HOPS} times. */
    static final DropReason CHAIN_LOOP = new DropReason("runtime", "chain-loop");
    /** The NF threw from process(): the packets of that batch without a verdict are dropped. */
    static final DropReason NF_ERROR = new DropReason("runtime", "nf-error");
    /** The frame is longer than the output port's buffers. */
    static final DropReason TOO_BIG = new DropReason("runtime", "too-big");
    /** An emitted buffer left with length 0. */
    static final DropReason EMPTY_EMIT = new DropReason("runtime", "empty-emit");
    /** A flood copy or an emit found no spare buffer left in this pass. */
    static final DropReason NO_BUFFER = new DropReason("runtime", "no-buffer");
}
