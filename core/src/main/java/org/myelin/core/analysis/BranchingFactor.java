package org.myelin.core.analysis;

/**
 * The branching factor {@code m} of population activity: the mean number of spikes one spike causes
 * in the next time bin, the order parameter of the critical point ({@code m = 1}) between dying and
 * exploding activity (Beggs and Plenz 2003; Haldeman and Beggs 2005).
 *
 * <h2>Model</h2>
 * Spikes are counted in bins of width {@code Delta t}, {@code a(t)}. For a branching process with
 * immigration (each unit of activity causes on average {@code m} units in the next bin, plus an
 * external drive {@code h}), {@code E[A(t+1) | A(t)] = m A(t) + h}, and the slope of the linear
 * regression of {@code A(t+k)} on {@code A(t)} is {@code r_k = m^k}. When only a fraction of the
 * neurons is recorded ({@code a(t)} a random subsample of {@code A(t)}), the slopes are scaled,
 * {@code r_k = b m^k} with {@code b = alpha^2 Var[A] / Var[a] < 1} for sampling probability
 * {@code alpha} (Wilting and Priesemann 2018), so:
 * <ul>
 * <li>{@link Estimate#conventional()}: {@code r_1}, the conventional estimator; it equals {@code m}
 * under full sampling and is biased towards 0 ({@code b m}) under subsampling;</li>
 * <li>{@link Estimate#multistep()}: the multistep regression (MR) estimator of Wilting and Priesemann
 * (2018): {@code m} from fitting {@code r_k = b m^k} over {@code k = 1..K}, which is unbiased under
 * subsampling because subsampling changes only {@code b}.</li>
 * </ul>
 *
 * <h2>Exact definitions</h2>
 * <ul>
 * <li>{@code r_k} is the ordinary least-squares slope of the pairs {@code (a(t), a(t+k))}:
 * {@code r_k = sum (x - mean x)(y - mean y) / sum (x - mean x)^2} over all pairs with both bins in the
 * same trial, means over those pairs; NaN if all {@code x} are equal.</li>
 * <li>{@link Fit#EXPONENTIAL} (Wilting and Priesemann's default): {@code (b, m)} minimise
 * {@code sum_k (r_k - b m^k)^2} over {@code k = 1..K}, all lags included; for a given {@code m} the
 * best {@code b} is {@code sum r_k m^k / sum m^(2k)}, and {@code m} is searched in
 * {@code (0, 2]} (a grid of 4,000 points, then golden-section refinement to 1e-12 around the best
 * one).</li>
 * <li>{@link Fit#LOG_LINEAR} (the reservoir module's earlier {@code Criticality}): least squares on
 * {@code log r_k = log b + k log m} using the lags before the first non-positive slope; NaN when
 * fewer than two lags qualify.</li>
 * </ul>
 * The estimate depends on the bin width ({@code m} per bin); the dt-independent quantity is the
 * autocorrelation time {@code tau = -Delta t / ln m} ({@link Estimate#timescale(double)}). Choose
 * {@code K} a few times {@code tau / Delta t} (Wilting and Priesemann use {@code K} with
 * {@code r_K} near 1/e or beyond), and a recording several hundred times longer than {@code tau}.
 *
 * <p>References: Beggs and Plenz (2003) J Neurosci 23:11167; Wilting and Priesemann (2018) Nat
 * Commun 9:2325 (the MR estimator, {@code mrestimator}); Ivanov and Michmizos (2021) NeurIPS
 * (branching factor of a liquid state machine).
 */
public final class BranchingFactor {
    private BranchingFactor() {
    }

    /** How {@code r_k = b m^k} is fitted. */
    public enum Fit {
        /** Nonlinear least squares on {@code r_k} over all lags (Wilting and Priesemann 2018). */
        EXPONENTIAL,
        /** Least squares on {@code log r_k} over the leading positive slopes. */
        LOG_LINEAR
    }

    /**
     * The estimates from one activity series (or a set of trials).
     *
     * @param conventional the lag-1 slope {@code r_1}
     * @param multistep    the MR estimate of {@code m} (NaN if the fit is undefined)
     * @param amplitude    the fitted {@code b} of {@code r_k = b m^k} (NaN with {@code multistep})
     * @param slopes       {@code r_k} for {@code k = 1..K} at index {@code k - 1}
     * @param lagsUsed     the number of lags the fit used
     * @param fit          the fit that gave {@code multistep}
     */
    public record Estimate(double conventional, double multistep, double amplitude, double[] slopes, int lagsUsed,
                           Fit fit) {
        /** The autocorrelation time {@code -binMs / ln(multistep)} in ms (infinite for m >= 1). */
        public double timescale(double binMs) {
            return multistep >= 1 ? Double.POSITIVE_INFINITY : -binMs / Math.log(multistep);
        }

        @Override
        public String toString() {
            return String.format("m_conv %.4f, m_MR %.4f (b %.4f, %d lags, %s)", conventional, multistep, amplitude,
                    lagsUsed, fit);
        }
    }

    /**
     * Spike counts per bin of {@code binSteps} steps over {@code [fromStep, toStep)}: bin {@code i}
     * counts the spikes with step in {@code [fromStep + i*binSteps, fromStep + (i+1)*binSteps)}; a
     * last partial bin is dropped, spikes outside the range are ignored. {@code steps} as a
     * {@code SpikeRecorder} gives them (any order).
     */
    public static double[] activity(int[] steps, long fromStep, long toStep, int binSteps) {
        if (binSteps < 1) throw new IllegalArgumentException("branching factor: bin = " + binSteps + " steps; valid: >= 1");
        if (toStep < fromStep) {
            throw new IllegalArgumentException("branching factor: window [" + fromStep + ", " + toStep
                    + ") steps is invalid; valid: from <= to");
        }
        long bins = (toStep - fromStep) / binSteps;
        if (bins > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("branching factor: " + bins + " bins are too many");
        double[] a = new double[(int) bins];
        for (int s : steps) {
            long d = s - fromStep;
            if (d < 0) continue;
            long b = d / binSteps;
            if (b < bins) a[(int) b]++;
        }
        return a;
    }

    /**
     * Spike counts per bin of {@code binMs} over {@code [t0, t1)} from spike times in ms: bin
     * {@code i} counts the times in {@code [t0 + i*binMs, t0 + (i+1)*binMs)}; a last partial bin is
     * dropped. Prefer {@link #activity(int[], long, long, int)} with integer steps where they exist.
     */
    public static double[] activity(double[] timesMs, double t0, double t1, double binMs) {
        if (!(binMs > 0) || Double.isInfinite(binMs)) {
            throw new IllegalArgumentException("branching factor: bin = " + binMs + " ms; valid: (0, inf) ms");
        }
        if (!(t1 >= t0) || Double.isInfinite(t1) || Double.isInfinite(t0)) {
            throw new IllegalArgumentException("branching factor: window [" + t0 + ", " + t1
                    + ") ms is invalid; valid: finite, t0 <= t1");
        }
        int bins = (int) Math.floor((t1 - t0) / binMs + 1e-9);
        double[] a = new double[bins];
        for (double t : timesMs) {
            if (t < t0) continue;
            int b = (int) ((t - t0) / binMs);
            if (b < bins) a[b]++;
        }
        return a;
    }

    /** {@code r_k} for {@code k = 1..maxLag} (index {@code k - 1}) from one series. */
    public static double[] slopes(double[] a, int maxLag) {
        return slopes(new double[][] {a}, maxLag);
    }

    /**
     * {@code r_k} for {@code k = 1..maxLag} from several trials (pairs never cross from one trial to
     * the next; means are over all pairs of a lag, Wilting and Priesemann's "stationary mean").
     */
    public static double[] slopes(double[][] trials, int maxLag) {
        check(trials, maxLag);
        double[] r = new double[maxLag];
        for (int k = 1; k <= maxLag; k++) {
            long n = 0;
            double mx = 0, my = 0;
            for (double[] a : trials) {
                for (int t = 0; t + k < a.length; t++) {
                    mx += a[t];
                    my += a[t + k];
                    n++;
                }
            }
            mx /= n;
            my /= n;
            double sxy = 0, sxx = 0;
            for (double[] a : trials) {
                for (int t = 0; t + k < a.length; t++) {
                    sxy += (a[t] - mx) * (a[t + k] - my);
                    sxx += (a[t] - mx) * (a[t] - mx);
                }
            }
            r[k - 1] = sxx > 0 ? sxy / sxx : Double.NaN;
        }
        return r;
    }

    /** The estimates from one series with lags {@code 1..maxLag}, MR by {@link Fit#EXPONENTIAL}. */
    public static Estimate estimate(double[] a, int maxLag) {
        return estimate(new double[][] {a}, maxLag, Fit.EXPONENTIAL);
    }

    /** The estimates from one series with lags {@code 1..maxLag}. */
    public static Estimate estimate(double[] a, int maxLag, Fit fit) {
        return estimate(new double[][] {a}, maxLag, fit);
    }

    /** The estimates from several trials with lags {@code 1..maxLag}. */
    public static Estimate estimate(double[][] trials, int maxLag, Fit fit) {
        if (fit == null) throw new IllegalArgumentException("branching factor: fit is null; valid: EXPONENTIAL, LOG_LINEAR");
        double[] r = slopes(trials, maxLag);
        return fit == Fit.EXPONENTIAL ? exponential(r) : logLinear(r);
    }

    /**
     * The MR estimate from given slopes {@code r_k} ({@code k = 1..r.length}), e.g. averaged over
     * trials by the caller.
     */
    public static Estimate fit(double[] r, Fit fit) {
        if (r.length < 1) throw new IllegalArgumentException("branching factor: no slopes; valid: at least one lag");
        if (fit == null) throw new IllegalArgumentException("branching factor: fit is null; valid: EXPONENTIAL, LOG_LINEAR");
        return fit == Fit.EXPONENTIAL ? exponential(r.clone()) : logLinear(r.clone());
    }

    private static void check(double[][] trials, int maxLag) {
        if (maxLag < 1) throw new IllegalArgumentException("branching factor: maxLag = " + maxLag + "; valid: >= 1");
        long pairs = 0;
        for (int i = 0; i < trials.length; i++) {
            if (trials[i] == null) throw new IllegalArgumentException("branching factor: trial " + i + " is null");
            pairs += Math.max(0, trials[i].length - maxLag);
        }
        if (pairs < 10) {
            throw new IllegalArgumentException("branching factor: " + pairs + " bin pairs at lag " + maxLag
                    + " are too few; valid: at least 10 (longer recordings or a smaller maxLag)");
        }
    }

    private static Estimate logLinear(double[] r) {
        int used = 0;
        double sk = 0, sl = 0, skk = 0, skl = 0;
        for (int k = 1; k <= r.length; k++) {
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
        double b = Double.NaN;
        if (used >= 2) {
            double slope = (used * skl - sk * sl) / (used * skk - sk * sk);
            m = Math.exp(slope);
            b = Math.exp((sl - slope * sk) / used);
        }
        return new Estimate(r[0], m, b, r, used >= 2 ? used : 0, Fit.LOG_LINEAR);
    }

    private static final double M_MAX = 2.0;
    private static final int GRID = 4000;

    private static Estimate exponential(double[] r) {
        int used = 0;
        for (double v : r) {
            if (Double.isNaN(v)) break;
            used++;
        }
        if (used < 2) return new Estimate(r[0], Double.NaN, Double.NaN, r, 0, Fit.EXPONENTIAL);
        double best = Double.NaN;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int i = 1; i <= GRID; i++) {
            double m = M_MAX * i / GRID;
            double c = cost(r, used, m);
            if (c < bestCost) {
                bestCost = c;
                best = m;
            }
        }
        // golden-section search in the grid cell on either side of the best point
        double lo = Math.max(1e-12, best - M_MAX / GRID);
        double hi = Math.min(M_MAX, best + M_MAX / GRID);
        final double g = (Math.sqrt(5) - 1) / 2;
        double x1 = hi - g * (hi - lo);
        double x2 = lo + g * (hi - lo);
        double f1 = cost(r, used, x1);
        double f2 = cost(r, used, x2);
        while (hi - lo > 1e-12) {
            if (f1 <= f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - g * (hi - lo);
                f1 = cost(r, used, x1);
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + g * (hi - lo);
                f2 = cost(r, used, x2);
            }
        }
        double m = 0.5 * (lo + hi);
        if (cost(r, used, m) > bestCost) m = best;
        return new Estimate(r[0], m, amplitude(r, used, m), r, used, Fit.EXPONENTIAL);
    }

    /** The residual sum of squares of {@code r_k = b m^k} at the best {@code b} for this {@code m}. */
    private static double cost(double[] r, int used, double m) {
        double srr = 0, srm = 0, smm = 0;
        double p = 1;
        for (int k = 0; k < used; k++) {
            p *= m;
            srr += r[k] * r[k];
            srm += r[k] * p;
            smm += p * p;
        }
        return smm > 0 && Double.isFinite(smm) ? srr - srm * srm / smm : Double.POSITIVE_INFINITY;
    }

    private static double amplitude(double[] r, int used, double m) {
        double srm = 0, smm = 0;
        double p = 1;
        for (int k = 0; k < used; k++) {
            p *= m;
            srm += r[k] * p;
            smm += p * p;
        }
        return srm / smm;
    }
}
