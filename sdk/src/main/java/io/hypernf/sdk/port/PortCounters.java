package io.hypernf.sdk.port;

/**
 * Counters of one port, written by the port's single data-path thread and readable from a stats
 * thread (plain long fields published through volatile reads are good enough for a display: a
 * reader may see a value one batch old, never a torn one, on 64-bit JVMs).
 */
public final class PortCounters {
    private volatile long rxPackets;
    private volatile long rxBytes;
    private volatile long txPackets;
    private volatile long txBytes;
    private volatile long rxDropped;
    private volatile long txDropped;
    private volatile long errors;

    public void received(int packets, long bytes) { rxPackets += packets; rxBytes += bytes; }
    public void transmitted(int packets, long bytes) { txPackets += packets; txBytes += bytes; }
    /** Packets the port could not take in (its RX ring was full, or the frame was unusable). */
    public void rxDropped(int packets) { rxDropped += packets; }
    /** Packets the port could not send (its TX side was full, or the device refused them). */
    public void txDropped(int packets) { txDropped += packets; }
    /** Sync or I/O errors that were counted instead of thrown. */
    public void error() { errors++; }

    public long rxPackets() { return rxPackets; }
    public long rxBytes() { return rxBytes; }
    public long txPackets() { return txPackets; }
    public long txBytes() { return txBytes; }
    public long rxDropped() { return rxDropped; }
    public long txDropped() { return txDropped; }
    public long errors() { return errors; }

    @Override
    public String toString() {
        return "rx " + rxPackets + " pkts/" + rxBytes + " B, tx " + txPackets + " pkts/" + txBytes
                + " B, rx-drop " + rxDropped + ", tx-drop " + txDropped + ", errors " + errors;
    }
}
