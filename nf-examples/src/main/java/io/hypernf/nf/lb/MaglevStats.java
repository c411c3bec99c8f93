package io.hypernf.nf.lb;

import java.util.Locale;

/**
 * The two figures the Maglev paper judges a table by (NSDI 2016, section 5.3): <em>balance</em>,
 * each backend's share of the table against its share of the total weight, and
 * <em>disruption</em>, the fraction of the table (hence, with a uniform flow hash, of new flows)
 * that maps elsewhere after a change.
 */
public final class MaglevStats {
    private MaglevStats() {}

    /** Each backend's share of the slots, {@code share[i] = slots of i / table length}. */
    public static double[] shares(int[] table, int backends) {
        long[] count = new long[backends];
        for (int b : table) {
            if (b >= 0) {
                count[b]++;
            }
        }
        double[] share = new double[backends];
        for (int i = 0; i < backends; i++) {
            share[i] = (double) count[i] / table.length;
        }
        return share;
    }

    /**
     * The largest relative deviation of a backend's share from its weight share:
     * {@code max |share_i / (w_i / sum w) - 1|} over backends of positive weight (0.01 = 1%).
     */
    public static double maxImbalance(int[] table, int[] weights) {
        double[] share = shares(table, weights.length);
        long total = 0;
        for (int w : weights) {
            total += w;
        }
        double worst = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                worst = Math.max(worst, Math.abs(share[i] / ((double) weights[i] / total) - 1));
            }
        }
        return worst;
    }

    /**
     * The fraction of slots whose backend changed between two tables whose entries are backend
     * <em>identities</em> (the same number means the same backend in both).
     */
    public static double disruption(int[] before, int[] after) {
        if (before.length != after.length) {
            throw new IllegalArgumentException("tables of " + before.length + " and " + after.length + " slots");
        }
        long moved = 0;
        for (int i = 0; i < before.length; i++) {
            if (before[i] != after[i]) {
                moved++;
            }
        }
        return (double) moved / before.length;
    }

    /**
     * The part of the disruption that was not forced: slots that changed although their old
     * backend, identity {@code removed}, is still there (the paper's "minimal disruption" is the
     * removed backend's own slots; this is what Maglev adds on top).
     */
    public static double extraDisruption(int[] before, int[] after, int removed) {
        long moved = 0;
        for (int i = 0; i < before.length; i++) {
            if (before[i] != removed && before[i] != after[i]) {
                moved++;
            }
        }
        return (double) moved / before.length;
    }

    /** {@code 12.50%} style. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }
}
