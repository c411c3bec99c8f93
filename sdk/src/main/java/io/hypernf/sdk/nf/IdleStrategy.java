package io.hypernf.sdk.nf;

import io.hypernf.sdk.port.Port;
import java.util.concurrent.locks.LockSupport;

/**
 * What the run loop does after a pass that found no packet ({@link IdleMode}). {@code BLOCK}
 * backs off in steps: a few spins and yields (a burst that pauses for microseconds costs no
 * latency), then {@link Port#poll} on a single input port for up to a millisecond (the tick
 * period), and short sleeps that double up to a millisecond when there are several ports or the
 * port cannot block (files, in-process ports return from poll at once). Any packet resets it.
 */
final class IdleStrategy {
    private static final int SPINS = 64;
    private static final int YIELDS = 64;
    private static final long MIN_PARK_NANOS = 20_000;
    private static final long MAX_PARK_NANOS = 1_000_000;

    private final IdleMode mode;
    private final Port[] ports;
    private int idles;
    private long parkNanos = MIN_PARK_NANOS;

    IdleStrategy(IdleMode mode, Port[] ports) {
        this.mode = mode;
        this.ports = ports;
    }

    void reset() {
        idles = 0;
        parkNanos = MIN_PARK_NANOS;
    }

    void idle() {
        switch (mode) {
            case SPIN:
                Thread.onSpinWait();
                return;
            case YIELD:
                Thread.yield();
                return;
            default:
                block();
        }
    }

    private void block() {
        idles++;
        if (idles <= SPINS) {
            Thread.onSpinWait();
            return;
        }
        if (idles <= SPINS + YIELDS) {
            Thread.yield();
            return;
        }
        if (ports.length == 1) {
            long start = System.nanoTime();
            if (ports[0].poll(false, 1) || System.nanoTime() - start >= MAX_PARK_NANOS / 2) {
                return;
            }
        }
        LockSupport.parkNanos(parkNanos);
        parkNanos = Math.min(parkNanos * 2, MAX_PARK_NANOS);
    }
}
