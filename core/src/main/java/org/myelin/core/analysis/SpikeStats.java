package org.myelin.core.analysis;

/**
 * Summary statistics of a population's spike trains in a time window [t0, t1) (ms), computed from
 * parallel arrays of spike times and neuron indices (as a {@code SpikeRecorder} returns them).
 *
 * <ul>
 * <li>{@code rate}: spikes in the window / (N * window length), Hz.</li>
 * <li>{@code cvIsi}: mean over neurons with at least 3 spikes in the window of std/mean of that
 * neuron's inter-spike intervals (population std, ddof = 0); NaN if no neuron qualifies.</li>
 * <li>{@code fano}: var/mean (ddof = 0) of the population's spike count in consecutive bins of
 * {@code binMs} covering the window.</li>
 * <li>{@code activeFraction}: fraction of neurons with at least 3 spikes in the window.</li>
 * <li>{@code synchrony}: var(population count) / mean over neurons of var(neuron count), in the same
 * bins, normalised by N (Golomb's chi-squared synchrony measure: ~0 asynchronous, 1 fully synchronous).</li>
 * </ul>
 * The same definitions are used by the Brian2 reference scripts in {@code validation/brian2}.
 */
public final class SpikeStats {
    public final int neurons;
    public final long spikes;
    public final double rate;
    public final double cvIsi;
    public final double fano;
    public final double activeFraction;
    public final double synchrony;

    private SpikeStats(int neurons, long spikes, double rate, double cvIsi, double fano, double activeFraction,
                       double synchrony) {
        this.neurons = neurons;
        this.spikes = spikes;
        this.rate = rate;
        this.cvIsi = cvIsi;
        this.fano = fano;
        this.activeFraction = activeFraction;
        this.synchrony = synchrony;
    }

    /**
     * Statistics of {@code n} neurons' spikes (times in ms, neuron indices, in time order) in [t0, t1),
     * with population counts in bins of {@code binMs}.
     */
    public static SpikeStats of(double[] times, int[] ids, int n, double t0, double t1, double binMs) {
        if (times.length != ids.length) throw new IllegalArgumentException("times and ids differ in length");
        if (!(t1 > t0) || !(binMs > 0)) throw new IllegalArgumentException("empty window or bin");
        int bins = (int) Math.floor((t1 - t0) / binMs + 1e-9);
        long[] pop = new long[bins];
        double[] last = new double[n];
        double[] s1 = new double[n];
        double[] s2 = new double[n];
        int[] count = new int[n];
        long spikes = 0;
        java.util.Arrays.fill(last, Double.NaN);
        for (int k = 0; k < times.length; k++) {
            double t = times[k];
            if (t < t0 || t >= t1) continue;
            int i = ids[k];
            spikes++;
            int b = (int) ((t - t0) / binMs);
            if (b < bins) pop[b]++;
            if (count[i] > 0) {
                double isi = t - last[i];
                s1[i] += isi;
                s2[i] += isi * isi;
            }
            last[i] = t;
            count[i]++;
        }
        double cvSum = 0;
        int cvN = 0;
        for (int i = 0; i < n; i++) {
            if (count[i] >= 3) {
                int m = count[i] - 1;
                double mean = s1[i] / m;
                double var = Math.max(0, s2[i] / m - mean * mean);
                cvSum += Math.sqrt(var) / mean;
                cvN++;
            }
        }
        double pm = 0;
        for (long c : pop) pm += c;
        pm /= bins;
        double pv = 0;
        for (long c : pop) pv += (c - pm) * (c - pm);
        pv /= bins;
        // per-neuron count variance in the same bins, for the synchrony measure
        double sumVarNeuron = 0;
        {
            double[] ns1 = new double[n];
            double[] ns2 = new double[n];
            int[] cur = new int[n];
            int[] curBin = new int[n];
            java.util.Arrays.fill(curBin, -1);
            for (int k = 0; k < times.length; k++) {
                double t = times[k];
                if (t < t0 || t >= t1) continue;
                int b = (int) ((t - t0) / binMs);
                if (b >= bins) continue;
                int i = ids[k];
                if (curBin[i] != b) {
                    if (curBin[i] >= 0) {
                        ns1[i] += cur[i];
                        ns2[i] += (double) cur[i] * cur[i];
                    }
                    curBin[i] = b;
                    cur[i] = 0;
                }
                cur[i]++;
            }
            for (int i = 0; i < n; i++) {
                if (curBin[i] >= 0) {
                    ns1[i] += cur[i];
                    ns2[i] += (double) cur[i] * cur[i];
                }
                double m = ns1[i] / bins;
                sumVarNeuron += Math.max(0, ns2[i] / bins - m * m);
            }
        }
        double sync = sumVarNeuron > 0 ? pv / (n * sumVarNeuron / n) / n : Double.NaN;
        return new SpikeStats(n, spikes, spikes / (n * (t1 - t0) * 1e-3), cvN > 0 ? cvSum / cvN : Double.NaN,
                pm > 0 ? pv / pm : Double.NaN, (double) cvN / n, sync);
    }

    @Override
    public String toString() {
        return String.format("rate %.3f Hz, CV ISI %.4f, Fano %.4f, active %.3f, synchrony %.4f", rate, cvIsi, fano,
                activeFraction, synchrony);
    }
}
