package io.hypernf.sdk.nf;

/**
 * What the run loop does when a pass over every port found no packet: burn the core for the
 * lowest latency ({@link #SPIN}), give it to other threads ({@link #YIELD}), or back off into
 * {@code poll()} and short sleeps ({@link #BLOCK}, the default: an idle NF costs no CPU).
 */
public enum IdleMode {
    SPIN, YIELD, BLOCK;

    /** The config spelling ({@code spin}, {@code yield}, {@code block}). */
    public String configName() { return name().toLowerCase(java.util.Locale.ROOT); }
}
