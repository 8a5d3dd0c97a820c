package org.myelin.core;

import java.util.Arrays;

/**
 * The spikes of a {@link VolumeTransmitter} as one worker sees them (every worker keeps an identical
 * copy, appended in step order during delivery, so reading needs no locks): entry 0 is a reference
 * at the last trigger (multiplicity 0), then one entry per step with modulator spikes, each with its
 * stamp, multiplicity and the value of every registered modulator trace just after it (a trace
 * decays with {@code exp(-dt/tau)} and jumps by {@code multiplicity/tau}, NEST's dopamine trace
 * {@code n}). Cleared to a new reference at every trigger.
 */
public final class ModulatorSpikes {
    final double dt;
    final double[] tau;
    final int traces;
    int size;
    int[] stamps = new int[16];
    double[] mult = new double[16];
    double[] after; // [entry * traces + tr]

    ModulatorSpikes(double dt, double[] tau) {
        this.dt = dt;
        this.tau = tau.clone();
        this.traces = tau.length;
        this.after = new double[16 * traces];
        size = 1; // reference at stamp 0, traces 0
    }

    /** Number of entries (the first is the reference). */
    public int size() {
        return size;
    }

    /** Stamp of entry {@code i}. */
    public int stamp(int i) {
        return stamps[i];
    }

    /** Multiplicity (number of spikes) of entry {@code i}; 0 for the reference. */
    public double multiplicity(int i) {
        return mult[i];
    }

    /** Value of trace {@code tr} just after entry {@code i}. */
    public double after(int i, int tr) {
        return after[i * traces + tr];
    }

    /** Index of the last entry with stamp {@code <= s} (at least 0). */
    public int last(int s) {
        int i = size - 1;
        while (i > 0 && stamps[i] > s) i--;
        return i;
    }

    /** Trace {@code tr} at stamp {@code s} (from the entries up to {@code s}). */
    public double trace(int tr, int s) {
        int i = last(s);
        return after[i * traces + tr] * Math.exp((stamps[i] - s) * dt / tau[tr]);
    }

    void add(int s, double m) {
        if (size == stamps.length) {
            stamps = Arrays.copyOf(stamps, size * 2);
            mult = Arrays.copyOf(mult, size * 2);
            after = Arrays.copyOf(after, size * 2 * traces);
        }
        final int p = size - 1;
        for (int k = 0; k < traces; k++) {
            after[size * traces + k] = after[p * traces + k] * Math.exp((stamps[p] - s) * dt / tau[k]) + m / tau[k];
        }
        stamps[size] = s;
        mult[size] = m;
        size++;
    }

    /** After a trigger at stamp {@code s}: the new reference holds the traces at {@code s}; later entries stay. */
    void rebase(int s) {
        int i = last(s);
        for (int k = 0; k < traces; k++) after[k] = after[i * traces + k] * Math.exp((stamps[i] - s) * dt / tau[k]);
        stamps[0] = s;
        mult[0] = 0;
        int keep = size - (i + 1);
        System.arraycopy(stamps, i + 1, stamps, 1, keep);
        System.arraycopy(mult, i + 1, mult, 1, keep);
        System.arraycopy(after, (i + 1) * traces, after, traces, keep * traces);
        size = keep + 1;
    }
}
