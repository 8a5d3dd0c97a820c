package org.myelin.reservoir.lsm;

/**
 * The branching factor of population activity, a measure of how close a spiking reservoir is to
 * the critical point ({@code m = 1}) between dying and exploding activity (Beggs and Plenz 2003).
 *
 * <p>Spikes are counted in bins, {@code A(t)}. For a branching process with immigration,
 * {@code E[A(t+k) | A(t)] = m^k A(t) + const}, so the slope {@code r_k} of the linear regression of
 * {@code A(t+k)} on {@code A(t)} is {@code m^k} under full sampling.
 * <ul>
 * <li>{@code conventional}: {@code r_1}, biased towards 0 when only a subset of neurons is
 * recorded;</li>
 * <li>{@code multistep}: the MR estimator of Wilting and Priesemann (2018), {@code m} from fitting
 * {@code r_k = b m^k} over {@code k = 1..K} (here by least squares on {@code log r_k}, using the lags
 * before the first non-positive slope), which is unbiased under subsampling because subsampling
 * only scales {@code b}.</li>
 * </ul>
 */
public final class Criticality {
    private Criticality() {
    }

    /**
     * The estimates.
     *
     * @param conventional the lag-1 regression slope
     * @param multistep    the MR estimate (NaN if fewer than two positive slopes)
     * @param slopes       {@code r_k} for {@code k = 1..K} at index {@code k - 1}
     */
    public record Branching(double conventional, double multistep, double[] slopes) {
    }

    /** Spike counts per bin of {@code binSteps} steps over {@code [0, totalSteps)}. */
    public static double[] activity(int[] steps, long totalSteps, int binSteps) {
        if (binSteps < 1) throw new IllegalArgumentException("criticality: bin = " + binSteps + " steps; valid: >= 1");
        int bins = (int) (totalSteps / binSteps);
        double[] a = new double[bins];
        for (int s : steps) {
            int b = s / binSteps;
            if (b < bins) a[b]++;
        }
        return a;
    }

    /** Estimates from an activity series, with lags {@code 1..maxLag}. */
    public static Branching branching(double[] a, int maxLag) {
        if (maxLag < 1) throw new IllegalArgumentException("criticality: maxLag = " + maxLag + "; valid: >= 1");
        if (a.length < maxLag + 10) {
            throw new IllegalArgumentException("criticality: " + a.length + " bins are too few for lags up to " + maxLag);
        }
        double[] r = new double[maxLag];
        for (int k = 1; k <= maxLag; k++) {
            int n = a.length - k;
            double mx = 0, my = 0;
            for (int t = 0; t < n; t++) {
                mx += a[t];
                my += a[t + k];
            }
            mx /= n;
            my /= n;
            double sxy = 0, sxx = 0;
            for (int t = 0; t < n; t++) {
                sxy += (a[t] - mx) * (a[t + k] - my);
                sxx += (a[t] - mx) * (a[t] - mx);
            }
            r[k - 1] = sxx > 0 ? sxy / sxx : Double.NaN;
        }
        // fit log r_k = log b + k log m on the leading positive slopes
        int used = 0;
        double sk = 0, sl = 0, skk = 0, skl = 0;
        for (int k = 1; k <= maxLag; k++) {
            double v = r[k - 1];
            if (!(v > 0)) break;
            double l = Math.log(v);
            sk += k;
            sl += l;
            skk += (double) k * k;
            skl += k * l;
            used++;
        }
        double m = Double.NaN;
        if (used >= 2) {
            double slope = (used * skl - sk * sl) / (used * skk - sk * sk);
            m = Math.exp(slope);
        }
        return new Branching(r[0], m, r);
    }
}
