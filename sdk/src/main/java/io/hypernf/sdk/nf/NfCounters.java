package io.hypernf.sdk.nf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counters of one NF in a runtime: packets and bytes in (handed to process) and out (forwarded,
 * flooded copies, emitted), consumed, and drops by reason. Written by the data-path thread only,
 * with opaque stores ({@link VarHandle#setOpaque}): atomic (never torn, even for a long) and seen
 * by the stats display's opaque reads soon enough, but no fence — a volatile store costs a
 * locked instruction on x86, several per batch, which measured as a third of the run loop's cost
 * per batch at batch size 1. Drop reasons are looked up by identity in a short array, so
 * counting allocates nothing once a reason has been seen.
 */
public final class NfCounters {
    private static final VarHandle PACKETS_IN = field("packetsIn");
    private static final VarHandle BYTES_IN = field("bytesIn");
    private static final VarHandle PACKETS_OUT = field("packetsOut");
    private static final VarHandle BYTES_OUT = field("bytesOut");
    private static final VarHandle CONSUMED = field("consumed");
    private static final VarHandle EMITTED = field("emitted");

    private long packetsIn;
    private long bytesIn;
    private long packetsOut;
    private long bytesOut;
    private long consumed;
    private long emitted;
    private volatile long errors;
    private volatile DropReason[] reasons;
    private volatile long[] drops;

    NfCounters(List<DropReason> declared) {
        this.reasons = declared.toArray(new DropReason[0]);
        this.drops = new long[reasons.length];
    }

    private static VarHandle field(String name) {
        try {
            return MethodHandles.lookup().findVarHandle(NfCounters.class, name, long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // The data-path thread is the only writer: its plain reads of its own fields are exact.
    void in(int packets, long bytes) {
        PACKETS_IN.setOpaque(this, packetsIn + packets);
        BYTES_IN.setOpaque(this, bytesIn + bytes);
    }

    void out(int packets, long bytes) {
        if (packets != 0) {
            PACKETS_OUT.setOpaque(this, packetsOut + packets);
            BYTES_OUT.setOpaque(this, bytesOut + bytes);
        }
    }

    void consumed(int packets) { CONSUMED.setOpaque(this, consumed + packets); }

    void emitted(int packets) {
        if (packets != 0) {
            EMITTED.setOpaque(this, emitted + packets);
        }
    }
    void error() { errors++; }

    void drop(DropReason reason, int packets) {
        DropReason[] r = reasons;
        long[] d = drops;
        for (int i = 0; i < r.length; i++) {
            if (r[i] == reason) {
                d[i] += packets;
                drops = d;
                reason.add(packets);
                return;
            }
        }
        DropReason[] grownReasons = Arrays.copyOf(r, r.length + 1);
        long[] grownDrops = Arrays.copyOf(d, d.length + 1);
        grownReasons[r.length] = reason;
        grownDrops[r.length] = packets;
        drops = grownDrops;
        reasons = grownReasons;
        reason.add(packets);
    }

    public long packetsIn() { return (long) PACKETS_IN.getOpaque(this); }
    public long bytesIn() { return (long) BYTES_IN.getOpaque(this); }
    public long packetsOut() { return (long) PACKETS_OUT.getOpaque(this); }
    public long bytesOut() { return (long) BYTES_OUT.getOpaque(this); }
    public long consumed() { return (long) CONSUMED.getOpaque(this); }
    public long emitted() { return (long) EMITTED.getOpaque(this); }
    /** Times process() threw. */
    public long errors() { return errors; }

    /** All drops, whatever the reason. */
    public long dropped() {
        long sum = 0;
        for (long d : drops) {
            sum += d;
        }
        return sum;
    }

    /** Drops counted under {@code reason} by this runtime (0 when never seen). */
    public long dropped(DropReason reason) {
        DropReason[] r = reasons;
        long[] d = drops;
        for (int i = 0; i < r.length && i < d.length; i++) {
            if (r[i] == reason) {
                return d[i];
            }
        }
        return 0;
    }

    /** Drops by reason as {@code owner/name=count}, reasons with a zero count left out. */
    public List<String> dropsByReason() {
        DropReason[] r = reasons;
        long[] d = drops;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.length && i < d.length; i++) {
            if (d[i] != 0) {
                out.add(r[i].owner() + "/" + r[i].name() + "=" + d[i]);
            }
        }
        return out;
    }
}
