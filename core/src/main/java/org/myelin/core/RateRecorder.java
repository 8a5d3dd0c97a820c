package org.myelin.core;

/**
 * Counts a population's spikes per step (summed over workers on query): the population rate.
 */
public final class RateRecorder {
    final Population pop;
    final double dt;
    IntList[] counts; // per worker, one entry per step

    RateRecorder(Population pop, double dt) {
        this.pop = pop;
        this.dt = dt;
    }

    void allocate(int workers) {
        if (counts != null && counts.length == workers) return;
        counts = new IntList[workers];
        for (int w = 0; w < workers; w++) counts[w] = new IntList(1024);
    }

    public Population population() {
        return pop;
    }

    /** Spikes of the population in each step since the first run. */
    public int[] countsPerStep() {
        if (counts == null) return new int[0];
        int n = counts[0].size;
        int[] c = new int[n];
        for (IntList l : counts) for (int k = 0; k < n; k++) c[k] += l.a[k];
        return c;
    }

    /** Population rate in Hz per neuron in consecutive bins of {@code binMs} (a multiple of dt). */
    public double[] rate(double binMs) {
        int bin = (int) Math.round(binMs / dt);
        if (bin < 1 || Math.abs(bin * dt - binMs) > 1e-9 * binMs) {
            throw new IllegalArgumentException("bin " + binMs + " ms is not a positive multiple of dt = " + dt + " ms");
        }
        int[] c = countsPerStep();
        int nb = c.length / bin;
        double[] r = new double[nb];
        for (int b = 0; b < nb; b++) {
            long s = 0;
            for (int k = b * bin; k < (b + 1) * bin; k++) s += c[k];
            r[b] = s / (pop.size * binMs * 1e-3);
        }
        return r;
    }
}
