package io.hypernf.nf.lb;

import java.util.Locale;

/**
 * What a backend may receive. Only {@link #UP} backends are in the Maglev table; a
 * {@link #DRAIN}ing one keeps its existing connections (Katran and VPP's "drain": weight 0,
 * flows stay); a {@link #DOWN} one gets nothing and its connections are rescheduled, since a dead
 * server would only reset them. {@link #REMOVED} is DOWN and forgotten by the configuration.
 */
public enum BackendState {
    UP, DRAIN, DOWN, REMOVED;

    /** Whether a connection already assigned to a backend in this state stays with it. */
    public boolean keepsConnections() { return this == UP || this == DRAIN; }

    public String configName() { return name().toLowerCase(Locale.ROOT); }

    /** {@code up}, {@code drain} or {@code down} (REMOVED is not written, it is the absence of the line). */
    public static BackendState byConfigName(String name) {
        switch (name) {
            case "up": return UP;
            case "drain": return DRAIN;
            case "down": return DOWN;
            default: throw new IllegalArgumentException("state '" + name + "' is not accepted; accepted: up, drain, down");
        }
    }
}
