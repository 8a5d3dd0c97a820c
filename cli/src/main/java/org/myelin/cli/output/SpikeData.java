package org.myelin.cli.output;

import java.util.Arrays;
import java.util.Objects;

import org.myelin.core.Network;
import org.myelin.core.SpikeRecorder;

/**
 * The recorded spikes of a run, one entry per population, as primitive arrays.
 *
 * <p>{@code neurons[p][k]} and {@code timesMs[p][k]} are the k-th spike of population {@code p}
 * (neuron index within the population, time in ms), in time order and, at equal times, in neuron
 * order, as {@link SpikeRecorder} returns them. {@code sizes[p]} is the population's size. {@code dt}
 * is the step in ms (NaN if unknown, e.g. for a CSV read without its sidecar); spikes of step
 * {@code s} have time {@code (s + 1) * dt}, so times lie in (0, durationMs].
 *
 * <p>The arrays are not copied: treat them as read-only. {@link #equals(Object)} compares contents.
 */
public record SpikeData(String[] populations, int[] sizes, int[][] neurons, double[][] timesMs, double dt,
                        double durationMs) {

    public SpikeData {
        Objects.requireNonNull(populations, "populations");
        int n = populations.length;
        if (sizes.length != n || neurons.length != n || timesMs.length != n) {
            throw new IllegalArgumentException("populations, sizes, neurons and timesMs differ in length: " + n + ", "
                    + sizes.length + ", " + neurons.length + ", " + timesMs.length);
        }
        if (n > Short.MAX_VALUE) throw new IllegalArgumentException(n + " populations; at most " + Short.MAX_VALUE);
        for (int p = 0; p < n; p++) {
            String name = populations[p];
            if (name == null || name.isEmpty()) throw new IllegalArgumentException("population " + p + " has no name");
            for (int q = 0; q < p; q++) {
                if (populations[q].equals(name)) throw new IllegalArgumentException("population '" + name + "' listed twice");
            }
            int[] id = neurons[p];
            double[] t = timesMs[p];
            if (id.length != t.length) {
                throw new IllegalArgumentException("population '" + name + "': " + id.length + " neurons but " + t.length + " times");
            }
            int size = sizes[p];
            for (int k = 0; k < id.length; k++) {
                if (id[k] < 0 || id[k] >= size) {
                    throw new IllegalArgumentException("population '" + name + "' spike " + k + ": neuron " + id[k]
                            + " is outside 0.." + (size - 1));
                }
                if (!(t[k] == t[k])) throw new IllegalArgumentException("population '" + name + "' spike " + k + ": time is NaN");
                if (k > 0 && (t[k] < t[k - 1] || (t[k] == t[k - 1] && id[k] <= id[k - 1]))) {
                    throw new IllegalArgumentException("population '" + name + "' spike " + k + " (neuron " + id[k] + " at "
                            + t[k] + " ms) is out of (time, neuron) order after neuron " + id[k - 1] + " at " + t[k - 1] + " ms");
                }
            }
        }
    }

    /**
     * The spikes of {@code recorders} (one per population, each recording all its neurons) after
     * {@code net} ran; the duration is all the time simulated so far ({@link Network#time()}).
     */
    public static SpikeData from(Network net, SpikeRecorder... recorders) {
        int n = recorders.length;
        String[] names = new String[n];
        int[] sizes = new int[n];
        int[][] ids = new int[n][];
        double[][] times = new double[n][];
        for (int p = 0; p < n; p++) {
            names[p] = recorders[p].population().name();
            sizes[p] = recorders[p].population().size();
            ids[p] = recorders[p].neurons();
            times[p] = recorders[p].times();
        }
        return new SpikeData(names, sizes, ids, times, net.dt(), net.time());
    }

    public int populationCount() {
        return populations.length;
    }

    /** Index of population {@code name}, or -1. */
    public int indexOf(String name) {
        for (int p = 0; p < populations.length; p++) if (populations[p].equals(name)) return p;
        return -1;
    }

    public long totalSpikes() {
        long s = 0;
        for (int[] id : neurons) s += id.length;
        return s;
    }

    /** Spikes per neuron of population {@code p}. */
    public int[] countsPerNeuron(int p) {
        int[] c = new int[sizes[p]];
        for (int i : neurons[p]) c[i]++;
        return c;
    }

    /** Offsets of each population's first neuron when all populations are stacked in order; length n + 1. */
    public long[] offsets() {
        long[] o = new long[populations.length + 1];
        for (int p = 0; p < populations.length; p++) o[p + 1] = o[p] + sizes[p];
        return o;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof SpikeData)) return false;
        SpikeData d = (SpikeData) o;
        return Arrays.equals(populations, d.populations) && Arrays.equals(sizes, d.sizes)
                && Arrays.deepEquals(neurons, d.neurons) && Arrays.deepEquals(timesMs, d.timesMs)
                && Double.compare(dt, d.dt) == 0 && Double.compare(durationMs, d.durationMs) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(populations), Arrays.hashCode(sizes), Arrays.deepHashCode(neurons),
                Arrays.deepHashCode(timesMs), dt, durationMs);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SpikeData[");
        for (int p = 0; p < populations.length; p++) {
            if (p > 0) sb.append(", ");
            sb.append(populations[p]).append(": ").append(neurons[p].length).append(" spikes of ").append(sizes[p]);
        }
        return sb.append("; dt ").append(dt).append(" ms, ").append(durationMs).append(" ms]").toString();
    }
}
