package org.myelin.core;

/**
 * Records the spikes of a population (all neurons or a subset). Each worker appends its own spikes
 * to its own buffer during the run; {@link #steps()} and {@link #neurons()} merge them in
 * (step, neuron) order. Results are primitive arrays, no object per spike.
 */
public final class SpikeRecorder {
    final Population pop;
    final boolean[] mask; // null = all
    IntList[] steps; // per worker
    IntList[] ids;
    private int[] mergedSteps;
    private int[] mergedIds;
    final double dt;

    SpikeRecorder(Population pop, boolean[] mask, double dt) {
        this.pop = pop;
        this.mask = mask;
        this.dt = dt;
    }

    void allocate(int workers) {
        if (steps != null && steps.length == workers) return;
        steps = new IntList[workers];
        ids = new IntList[workers];
        for (int w = 0; w < workers; w++) {
            steps[w] = new IntList(1024);
            ids[w] = new IntList(1024);
        }
    }

    void invalidate() {
        mergedSteps = null;
        mergedIds = null;
    }

    /** Called by worker w for its spikes of step t. */
    void record(int w, int t, int[] spikeIds, int from, int to) {
        final IntList s = steps[w];
        final IntList n = ids[w];
        final boolean[] m = mask;
        for (int q = from; q < to; q++) {
            int i = spikeIds[q];
            if (m == null || m[i]) {
                s.add(t);
                n.add(i);
            }
        }
    }

    private void merge() {
        if (mergedSteps != null) return;
        int total = 0;
        for (IntList l : steps) total += l.size;
        int[] st = new int[total];
        int[] id = new int[total];
        int[] cur = new int[steps.length];
        int o = 0;
        while (o < total) {
            // next step among workers; workers own ascending neuron ranges, so worker order is id order
            int best = Integer.MAX_VALUE;
            for (int w = 0; w < steps.length; w++) {
                if (cur[w] < steps[w].size && steps[w].a[cur[w]] < best) best = steps[w].a[cur[w]];
            }
            for (int w = 0; w < steps.length; w++) {
                IntList s = steps[w];
                int c = cur[w];
                while (c < s.size && s.a[c] == best) {
                    st[o] = best;
                    id[o] = ids[w].a[c];
                    o++;
                    c++;
                }
                cur[w] = c;
            }
        }
        mergedSteps = st;
        mergedIds = id;
    }

    public Population population() {
        return pop;
    }

    /** Number of spikes recorded. */
    public int count() {
        int total = 0;
        if (steps != null) for (IntList l : steps) total += l.size;
        return total;
    }

    /** Step of each spike (the spike's time is {@code (step + 1) * dt}), in time order. */
    public int[] steps() {
        if (steps == null) return new int[0];
        merge();
        return mergedSteps.clone();
    }

    /** Neuron (index within the population) of each spike, parallel to {@link #steps()}. */
    public int[] neurons() {
        if (steps == null) return new int[0];
        merge();
        return mergedIds.clone();
    }

    /** Time of each spike in ms, parallel to {@link #neurons()}. */
    public double[] times() {
        int[] s = steps();
        double[] t = new double[s.length];
        for (int i = 0; i < s.length; i++) t[i] = (s[i] + 1L) * dt;
        return t;
    }

    /** Spikes per neuron. */
    public int[] countsPerNeuron() {
        int[] c = new int[pop.size];
        if (steps == null) return c;
        for (IntList l : ids) for (int k = 0; k < l.size; k++) c[l.a[k]]++;
        return c;
    }

    /** Drops the recorded spikes (e.g. after a warm-up). */
    public void clear() {
        if (steps != null) for (int w = 0; w < steps.length; w++) {
            steps[w].size = 0;
            ids[w].size = 0;
        }
        invalidate();
    }
}
