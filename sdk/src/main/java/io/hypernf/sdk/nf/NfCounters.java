package io.hypernf.sdk.nf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counters of one NF in a runtime: packets and bytes in (handed to process) and out (forwarded,
 * flooded copies, emitted), consumed, and drops by reason. Written by the data-path thread only;
 * fields are volatile so the stats display reads recent, untorn values. Drop reasons are looked up
 * by identity in a short array, so counting allocates nothing once a reason has been seen.
 */
public final class NfCounters {
    private volatile long packetsIn;
    private volatile long bytesIn;
    private volatile long packetsOut;
    private volatile long bytesOut;
    private volatile long consumed;
    private volatile long emitted;
    private volatile long errors;
    private volatile DropReason[] reasons;
    private volatile long[] drops;

    NfCounters(List<DropReason> declared) {
        this.reasons = declared.toArray(new DropReason[0]);
        this.drops = new long[reasons.length];
    }

    void in(int packets, long bytes) { packetsIn += packets; bytesIn += bytes; }
    void out(int packets, long bytes) { packetsOut += packets; bytesOut += bytes; }
    void consumed(int packets) { consumed += packets; }
    void emitted(int packets) { emitted += packets; }
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

    public long packetsIn() { return packetsIn; }
    public long bytesIn() { return bytesIn; }
    public long packetsOut() { return packetsOut; }
    public long bytesOut() { return bytesOut; }
    public long consumed() { return consumed; }
    public long emitted() { return emitted; }
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
