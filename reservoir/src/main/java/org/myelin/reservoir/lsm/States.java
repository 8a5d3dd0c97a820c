package org.myelin.reservoir.lsm;

import org.ejml.data.DMatrixRMaj;

/**
 * State extraction from recorded spikes (parallel arrays of steps and neuron indices in time
 * order, as {@code org.myelin.core.SpikeRecorder} gives them): spike counts per time bin, and
 * exponentially filtered spike trains sampled at chosen steps (the "liquid state" of Maass,
 * Natschlaeger and Markram 2002).
 */
public final class States {
    private States() {
    }

    /**
     * Counts per neuron and bin over steps {@code [from, to)} split into {@code bins} equal bins:
     * element {@code neuron * bins + bin}.
     */
    public static int[] counts(int[] steps, int[] neurons, int n, long from, long to, int bins) {
        if (bins < 1) throw new IllegalArgumentException("states: bins = " + bins + "; valid: >= 1");
        if (to <= from) throw new IllegalArgumentException("states: empty step range [" + from + ", " + to + ")");
        int[] c = new int[n * bins];
        long len = to - from;
        for (int k = 0; k < steps.length; k++) {
            long s = steps[k];
            if (s < from || s >= to) continue;
            int b = (int) ((s - from) * bins / len);
            c[neurons[k] * bins + b]++;
        }
        return c;
    }

    /**
     * Spike trains filtered by {@code exp(-t / tau)} (each spike adds 1), sampled at the end of each
     * step in {@code sampleSteps} (ascending): one row per sample, one column per neuron. A spike of
     * step s counts from step s on.
     */
    public static DMatrixRMaj filtered(int[] steps, int[] neurons, int n, double tauMs, double dt, int[] sampleSteps) {
        if (!(tauMs > 0)) throw new IllegalArgumentException("states: tau = " + tauMs + " ms; valid: > 0");
        DMatrixRMaj out = new DMatrixRMaj(sampleSteps.length, n);
        double[] trace = new double[n];
        long[] last = new long[n]; // step at which trace[i] was last brought up to date
        double decay = Math.exp(-dt / tauMs);
        int k = 0;
        for (int r = 0; r < sampleSteps.length; r++) {
            int t = sampleSteps[r];
            if (r > 0 && t < sampleSteps[r - 1]) throw new IllegalArgumentException("states: sample steps must ascend");
            while (k < steps.length && steps[k] <= t) {
                int i = neurons[k];
                trace[i] = trace[i] * Math.pow(decay, steps[k] - last[i]) + 1;
                last[i] = steps[k];
                k++;
            }
            for (int i = 0; i < n; i++) out.data[r * n + i] = trace[i] * Math.pow(decay, t - last[i]);
        }
        return out;
    }
}
