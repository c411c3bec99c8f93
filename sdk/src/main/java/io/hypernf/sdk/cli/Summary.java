package io.hypernf.sdk.cli;

import io.hypernf.sdk.nf.NfCounters;
import io.hypernf.sdk.nf.NfRuntime;
import io.hypernf.sdk.port.PortCounters;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report printed when a run ends: how it ended, then per port (URI, packets and bytes each
 * way, drops, errors) and per NF (packets in and out, consumed, emitted, drops by reason).
 */
final class Summary {
    private Summary() {}

    static void print(PrintStream out, NfRuntime runtime, Map<String, String> nfTypes, String ending, double seconds) {
        out.printf(Locale.ROOT, "hypernf: %s after %.2f s%n", ending, seconds);
        out.println("ports:");
        for (int i = 0; i < runtime.portCount(); i++) {
            PortCounters c = runtime.port(i).counters();
            out.printf(Locale.ROOT, "  %-10s %-40s rx %d pkts %d B, tx %d pkts %d B, rx-drop %d, tx-drop %d, errors %d%s%n",
                    runtime.portName(i), runtime.port(i).name(), c.rxPackets(), c.rxBytes(), c.txPackets(), c.txBytes(),
                    c.rxDropped(), c.txDropped(), c.errors(),
                    runtime.badSlots(i) == 0 ? "" : ", bad slots " + runtime.badSlots(i));
        }
        out.println("NFs:");
        for (int i = 0; i < runtime.nfCount(); i++) {
            NfCounters c = runtime.nfCounters(i);
            String name = runtime.nfName(i);
            out.printf(Locale.ROOT, "  %-10s %-10s in %d pkts %d B, out %d pkts %d B, consumed %d, emitted %d, dropped %d%s%n",
                    name, nfTypes.getOrDefault(name, ""), c.packetsIn(), c.bytesIn(), c.packetsOut(), c.bytesOut(),
                    c.consumed(), c.emitted(), c.dropped(), c.errors() == 0 ? "" : ", NF errors " + c.errors());
            List<String> drops = c.dropsByReason();
            if (!drops.isEmpty()) {
                out.println("             drops: " + String.join(", ", drops));
            }
        }
    }
}
