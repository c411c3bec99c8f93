package io.hypernf.sdk.nf;

/**
 * Run-loop options ({@code run:} in the config).
 *
 * @param batch        packets taken from one RX ring per pass (netmap's bridge uses 1024, the
 *                     HyperNF paper's example 100); also the size of every {@link PacketBatch}
 * @param idle         what to do when no packet arrived
 * @param drainMillis  how long to keep syncing TX at the end so queued packets leave, at most
 */
public record RunOptions(int batch, IdleMode idle, long drainMillis) {
    public static final int MAX_BATCH = 4096;

    public RunOptions {
        if (batch < 1 || batch > MAX_BATCH) {
            throw new IllegalArgumentException("batch " + batch + " is outside [1, " + MAX_BATCH + "]");
        }
        if (idle == null) {
            throw new IllegalArgumentException("idle mode is missing; accepted: spin, yield, block");
        }
        if (drainMillis < 0) {
            throw new IllegalArgumentException("drainMillis " + drainMillis + " is negative");
        }
    }

    public static RunOptions defaults() { return new RunOptions(256, IdleMode.BLOCK, 2000); }
}
