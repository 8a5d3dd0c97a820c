package org.myelin.core;

import java.util.Arrays;

/**
 * Records chosen state variables of chosen neurons every {@code interval} steps (NEST's multimeter).
 * A sample is taken after step t when {@code (t + 1) % interval == 0}, and has time
 * {@code (t + 1) * dt}. Each worker writes the columns of the neurons it owns; storage grows once per
 * run, before the workers start.
 */
public final class StateRecorder {
    final Population pop;
    final int[] vars;
    final String[] varNames;
    final int[] neurons;
    final int interval;
    final double dt;
    final int cols;
    double[] data = new double[0];
    int rows;
    long[] sampleSteps = new long[0];
    long runFirst;
    int runRowBase;
    int runCount;

    StateRecorder(Population pop, int[] vars, String[] varNames, int[] neurons, int interval, double dt) {
        this.pop = pop;
        this.vars = vars;
        this.varNames = varNames;
        this.neurons = neurons;
        this.interval = interval;
        this.dt = dt;
        this.cols = vars.length * neurons.length;
    }

    /** Reserves rows for the samples of steps [t0, t1). */
    void reserve(long t0, long t1) {
        long first = ((t0 + 1 + interval - 1) / interval) * interval - 1; // first t >= t0 with (t+1)%interval==0
        long count = first >= t1 ? 0 : (t1 - 1 - first) / interval + 1;
        long need = (rows + count) * (long) cols;
        if (need > Integer.MAX_VALUE - 16) {
            throw new ModelException("state recorder of '" + pop.name + "'", "interval",
                    "would hold " + need + " values; record fewer neurons or a longer interval");
        }
        if (data.length < need) data = Arrays.copyOf(data, (int) need);
        if (sampleSteps.length < rows + count) sampleSteps = Arrays.copyOf(sampleSteps, (int) (rows + count));
        for (long k = 0; k < count; k++) sampleSteps[(int) (rows + k)] = first + k * interval;
        runFirst = first;
        runRowBase = rows;
        runCount = (int) count;
    }

    /**
     * Records neurons [from, to) of the population after step t, if a sample is due; the slice lies
     * at offset {@code off} in the state arrays ({@link Population#offset}).
     */
    void record(long t, int from, int to, int off, double[][] state) {
        if ((t + 1) % interval != 0) return;
        final int row = runRowBase + (int) ((t - runFirst) / interval);
        final int base = row * cols;
        final int nv = vars.length;
        for (int k = 0; k < neurons.length; k++) {
            int i = neurons[k];
            if (i < from || i >= to) continue;
            for (int v = 0; v < nv; v++) data[base + k * nv + v] = state[vars[v]][i + off];
        }
    }

    /** Called after the run: the reserved rows are now filled. */
    void commit() {
        rows = runRowBase + runCount;
        runCount = 0;
    }

    public Population population() {
        return pop;
    }

    public String[] variables() {
        return varNames.clone();
    }

    public int[] neurons() {
        return neurons.clone();
    }

    /** Number of samples. */
    public int samples() {
        return rows;
    }

    /** Sample times in ms. */
    public double[] times() {
        double[] t = new double[rows];
        for (int r = 0; r < rows; r++) t[r] = (sampleSteps[r] + 1) * dt;
        return t;
    }

    /** The trace of variable {@code var} of the k-th recorded neuron. */
    public double[] trace(String var, int k) {
        int v = -1;
        for (int i = 0; i < varNames.length; i++) if (varNames[i].equals(var)) v = i;
        if (v < 0) throw new IllegalArgumentException("variable " + var + " not recorded; recorded: " + String.join(", ", varNames));
        if (k < 0 || k >= neurons.length) throw new IndexOutOfBoundsException("recorded neuron index " + k);
        double[] out = new double[rows];
        int c = k * vars.length + v;
        for (int r = 0; r < rows; r++) out[r] = data[r * cols + c];
        return out;
    }
}
