package io.hypernf.sdk.cli;

import io.hypernf.sdk.nf.NfCounters;
import io.hypernf.sdk.nf.NfRuntime;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The live one-line display on stderr: once a run has lasted a second, every second it prints
 * packets per second into the chain and out of it, and drops per second and in total. On a
 * terminal the line is rewritten in place; otherwise one line per second is appended (logs).
 * Reads the runtime's volatile counters from its own daemon thread.
 */
final class StatsLine implements AutoCloseable {
    private final NfRuntime runtime;
    private final PrintStream err;
    private final boolean terminal;
    private final Thread thread;
    private volatile boolean stopped;
    private boolean printed;

    StatsLine(NfRuntime runtime, PrintStream err, boolean enabled) {
        this.runtime = runtime;
        this.err = err;
        this.terminal = System.console() != null;
        this.thread = new Thread(this::loop, "hypernf-stats");
        thread.setDaemon(true);
        if (enabled) {
            thread.start();
        }
    }

    private void loop() {
        long lastIn = totalIn();
        long lastOut = totalOut();
        long lastDrops = totalDrops();
        long last = System.nanoTime();
        while (!stopped) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            if (stopped) {
                return;
            }
            long now = System.nanoTime();
            double seconds = (now - last) / 1e9;
            long in = totalIn();
            long out = totalOut();
            long drops = totalDrops();
            String line = String.format(Locale.ROOT, "hypernf: %s pps in, %s pps out, %s drops/s, %d dropped in total",
                    rate((in - lastIn) / seconds), rate((out - lastOut) / seconds), rate((drops - lastDrops) / seconds), drops);
            synchronized (this) {
                err.print(terminal ? "\r" + line + "   " : line + System.lineSeparator());
                err.flush();
                printed = true;
            }
            lastIn = in;
            lastOut = out;
            lastDrops = drops;
            last = now;
        }
    }

    /** Packets the first NF of each input received: the chain's input rate. */
    private long totalIn() {
        long sum = 0;
        for (int i = 0; i < runtime.portCount(); i++) {
            sum += runtime.port(i).counters().rxPackets();
        }
        if (sum == 0) {
            for (int i = 0; i < runtime.nfCount(); i++) {
                sum = Math.max(sum, runtime.nfCounters(i).packetsIn());
            }
        }
        return sum;
    }

    private long totalOut() {
        long sum = 0;
        for (int i = 0; i < runtime.portCount(); i++) {
            sum += runtime.port(i).counters().txPackets();
        }
        return sum;
    }

    private long totalDrops() {
        long sum = 0;
        for (int i = 0; i < runtime.nfCount(); i++) {
            NfCounters c = runtime.nfCounters(i);
            sum += c.dropped();
        }
        return sum;
    }

    static String rate(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        synchronized (this) {
            if (printed && terminal) {
                err.println();
            }
        }
    }
}
