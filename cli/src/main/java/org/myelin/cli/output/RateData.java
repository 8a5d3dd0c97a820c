package org.myelin.cli.output;

import java.util.Arrays;
import java.util.Objects;

import org.myelin.core.RateRecorder;

/**
 * Population rates in consecutive bins: {@code hz[p][b]} is population {@code populations[p]}'s rate
 * (spikes per neuron per second) in bin {@code b}, which starts at {@code b * binMs} and holds the
 * spikes of steps [b·n, (b+1)·n) for a bin of n steps, i.e. spike times in (b·bin, (b+1)·bin].
 * A last, partial bin is dropped. Arrays are not copied.
 */
public record RateData(double binMs, String[] populations, double[][] hz) {

    public RateData {
        if (populations.length != hz.length) {
            throw new IllegalArgumentException(populations.length + " populations but " + hz.length + " rate series");
        }
        for (int p = 1; p < hz.length; p++) {
            if (hz[p].length != hz[0].length) {
                throw new IllegalArgumentException("rate series of '" + populations[p] + "' has " + hz[p].length
                        + " bins, '" + populations[0] + "' has " + hz[0].length);
            }
        }
    }

    public int bins() {
        return hz.length == 0 ? 0 : hz[0].length;
    }

    /** Left edge of bin {@code b}, ms. */
    public double timeMs(int b) {
        return b * binMs;
    }

    /** A bin of about {@code wantedMs} rounded to a positive multiple of {@code dt} (dt NaN: wantedMs). */
    public static double binFor(double dt, double wantedMs) {
        if (!(dt > 0)) return wantedMs;
        long n = Math.max(1, Math.round(wantedMs / dt));
        return TimeFormat.forStep(dt).canonical(n * dt);
    }

    /** Rates from rate recorders (all recorded since the first run), bin a multiple of dt. */
    public static RateData from(double binMs, RateRecorder... recorders) {
        String[] names = new String[recorders.length];
        double[][] hz = new double[recorders.length][];
        for (int p = 0; p < recorders.length; p++) {
            names[p] = recorders[p].population().name();
            hz[p] = recorders[p].rate(binMs);
        }
        return new RateData(binMs, names, hz);
    }

    /**
     * Rates computed from recorded spikes (all neurons of each population must have been recorded),
     * bin a multiple of the spikes' dt. With dt unknown (NaN), spikes are binned by time in (b·bin, (b+1)·bin].
     */
    public static RateData fromSpikes(SpikeData d, double binMs) {
        if (!(binMs > 0)) throw new IllegalArgumentException("bin " + binMs + " ms is not positive");
        double dt = d.dt();
        int n = d.populationCount();
        double[][] hz = new double[n][];
        if (dt > 0) {
            long binSteps = Math.round(binMs / dt);
            if (binSteps < 1 || Math.abs(binSteps * dt - binMs) > 1e-9 * binMs) {
                throw new IllegalArgumentException("bin " + binMs + " ms is not a positive multiple of dt = " + dt + " ms");
            }
            long steps = Math.round(d.durationMs() / dt);
            int bins = (int) (steps / binSteps);
            for (int p = 0; p < n; p++) {
                long[] c = new long[bins];
                for (double t : d.timesMs()[p]) {
                    long step = Math.round(t / dt) - 1;
                    long b = step / binSteps;
                    if (step >= 0 && b < bins) c[(int) b]++;
                }
                hz[p] = toHz(c, d.sizes()[p], binMs);
            }
        } else {
            int bins = (int) Math.floor(d.durationMs() / binMs + 1e-9);
            for (int p = 0; p < n; p++) {
                long[] c = new long[Math.max(0, bins)];
                for (double t : d.timesMs()[p]) {
                    long b = (long) Math.ceil(t / binMs) - 1;
                    if (b >= 0 && b < c.length) c[(int) b]++;
                }
                hz[p] = toHz(c, d.sizes()[p], binMs);
            }
        }
        return new RateData(binMs, d.populations().clone(), hz);
    }

    private static double[] toHz(long[] c, int size, double binMs) {
        double[] r = new double[c.length];
        for (int b = 0; b < c.length; b++) r[b] = size > 0 ? c[b] / (size * binMs * 1e-3) : 0;
        return r;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof RateData)) return false;
        RateData r = (RateData) o;
        return Double.compare(binMs, r.binMs) == 0 && Arrays.equals(populations, r.populations) && Arrays.deepEquals(hz, r.hz);
    }

    @Override
    public int hashCode() {
        return Objects.hash(binMs, Arrays.hashCode(populations), Arrays.deepHashCode(hz));
    }

    @Override
    public String toString() {
        return "RateData[" + String.join(", ", populations) + "; " + bins() + " bins of " + binMs + " ms]";
    }
}
