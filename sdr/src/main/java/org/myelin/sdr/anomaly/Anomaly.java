package org.myelin.sdr.anomaly;

import org.myelin.sdr.Sdr;

/** The raw anomaly score. */
public final class Anomaly {
    private Anomaly() {
    }

    /**
     * Fraction of {@code active} columns that are not in {@code predicted} (both sorted ascending):
     * 0 when everything was predicted, 1 when nothing was, 0 when nothing is active.
     */
    public static double rawScore(int[] active, int nActive, int[] predicted, int nPredicted) {
        if (nActive == 0) {
            return 0.0;
        }
        int both = Sdr.overlapSorted(active, nActive, predicted, nPredicted);
        return (nActive - both) / (double) nActive;
    }

    /** Raw score of two SDRs of active and (previously) predicted columns. */
    public static double rawScore(Sdr active, Sdr predicted) {
        int n = active.sum();
        return n == 0 ? 0.0 : (n - active.overlap(predicted)) / (double) n;
    }
}
