package org.myelin.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The branching-factor estimators on a simulated branching process with immigration of known
 * {@code m}, observed through a random subsample (each unit of activity recorded with probability
 * {@code alpha}): the MR estimate recovers {@code m}, the conventional one is biased to
 * {@code b m} with {@code b = alpha / (alpha + (1 - alpha)(1 - m^2))}, as Wilting and Priesemann
 * (2018) derive. Tolerances are four standard errors, the standard error measured from independent
 * replicates (seeds 1..R, printed).
 */
class BranchingFactorTest {
    /**
     * A(t+1) ~ Poisson(m A(t) + h) (each unit has Poisson(m) offspring, plus Poisson(h) immigrants),
     * started at the stationary mean; a(t) ~ Binomial(A(t), alpha).
     */
    static double[] subsampledProcess(double m, double h, double alpha, int bins, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long a = Math.round(h / (1 - m));
        for (int t = 0; t < 20 * (int) Math.ceil(1 / (1 - m)); t++) a = poisson(rnd, m * a + h); // burn in
        double[] out = new double[bins];
        for (int t = 0; t < bins; t++) {
            a = poisson(rnd, m * a + h);
            long seen = 0;
            for (long i = 0; i < a; i++) if (rnd.nextDouble() < alpha) seen++;
            out[t] = seen;
        }
        return out;
    }

    /** Exact Poisson sampling: a sum of Poisson(<= 20) variates, each by inversion. */
    static long poisson(SplittableRandom rnd, double lambda) {
        long n = 0;
        while (lambda > 0) {
            double l = Math.min(lambda, 20);
            lambda -= l;
            double p = Math.exp(-l);
            double c = p;
            double u = rnd.nextDouble();
            int k = 0;
            while (u > c && k < 1000) {
                k++;
                p *= l / k;
                c += p;
            }
            n += k;
        }
        return n;
    }

    record Stats(double mean, double se) {
    }

    static Stats stats(double[] x) {
        double mu = 0;
        for (double v : x) mu += v;
        mu /= x.length;
        double ss = 0;
        for (double v : x) ss += (v - mu) * (v - mu);
        return new Stats(mu, Math.sqrt(ss / (x.length - 1) / x.length));
    }

    void check(double m, double h, double alpha, int bins, int maxLag) {
        int reps = 6;
        double[] mr = new double[reps];
        double[] conv = new double[reps];
        double[] full = new double[reps];
        for (int r = 0; r < reps; r++) {
            long seed = r + 1;
            double[] sub = subsampledProcess(m, h, alpha, bins, seed);
            BranchingFactor.Estimate e = BranchingFactor.estimate(sub, maxLag);
            mr[r] = e.multistep();
            conv[r] = e.conventional();
            full[r] = BranchingFactor.estimate(subsampledProcess(m, h, 1.0, bins, seed), maxLag).conventional();
        }
        Stats smr = stats(mr);
        Stats sconv = stats(conv);
        Stats sfull = stats(full);
        double b = alpha / (alpha + (1 - alpha) * (1 - m * m));
        System.out.printf("m %.3f alpha %.3f (seeds 1..%d): MR %.5f +- %.5f, conventional %.5f +- %.5f (theory b m = %.5f),"
                + " conventional fully sampled %.5f +- %.5f%n", m, alpha, reps, smr.mean, smr.se, sconv.mean, sconv.se,
                b * m, sfull.mean, sfull.se);
        // MR recovers m within sampling error
        assertEquals(m, smr.mean, 4 * smr.se + 1e-4, "MR estimate");
        // the conventional estimate is biased as theory says, and far from m
        assertEquals(b * m, sconv.mean, 4 * sconv.se + 1e-4, "conventional estimate under subsampling");
        assertTrue(m - sconv.mean > 10 * sconv.se + 0.02, "conventional estimate should be clearly biased below m");
        // fully sampled, the conventional estimate is unbiased too
        assertEquals(m, sfull.mean, 4 * sfull.se + 1e-4, "conventional estimate under full sampling");
    }

    @Test
    void subcriticalProcess() {
        check(0.9, 10, 0.05, 100_000, 40);
    }

    @Test
    void nearCriticalProcess() {
        check(0.99, 1, 0.05, 200_000, 200);
    }

    @Test
    void logLinearFitAgreesOnAClearExponential() {
        double[] a = subsampledProcess(0.9, 10, 0.2, 100_000, 7);
        BranchingFactor.Estimate ex = BranchingFactor.estimate(a, 10, BranchingFactor.Fit.EXPONENTIAL);
        BranchingFactor.Estimate ll = BranchingFactor.estimate(a, 10, BranchingFactor.Fit.LOG_LINEAR);
        assertEquals(ex.multistep(), ll.multistep(), 0.02);
        assertEquals(10, ll.lagsUsed());
        assertEquals(ex.conventional(), ll.conventional(), 0.0);
        assertArrayEquals(ex.slopes(), ll.slopes());
    }

    @Test
    void exactSlopesGiveExactFit() {
        double[] r = new double[30];
        for (int k = 1; k <= 30; k++) r[k - 1] = 0.37 * Math.pow(0.973, k);
        BranchingFactor.Estimate e = BranchingFactor.fit(r, BranchingFactor.Fit.EXPONENTIAL);
        assertEquals(0.973, e.multistep(), 1e-9);
        assertEquals(0.37, e.amplitude(), 1e-8);
        BranchingFactor.Estimate l = BranchingFactor.fit(r, BranchingFactor.Fit.LOG_LINEAR);
        assertEquals(0.973, l.multistep(), 1e-12);
        assertEquals(0.37, l.amplitude(), 1e-12);
        assertEquals(-2.0 / Math.log(0.973), e.timescale(2.0), 1e-6);
    }

    @Test
    void slopesOfALinearRecurrenceAreItsPowers() {
        // a(t) = 0.5 a(t-1) + e(t): with pairs pooled over many trials the lag-1 slope is 0.5
        SplittableRandom rnd = new SplittableRandom(3);
        double[][] trials = new double[400][250];
        for (double[] tr : trials) {
            tr[0] = rnd.nextGaussian();
            for (int t = 1; t < tr.length; t++) tr[t] = 0.5 * tr[t - 1] + rnd.nextGaussian();
        }
        double[] r = BranchingFactor.slopes(trials, 3);
        assertEquals(0.5, r[0], 0.01);
        assertEquals(0.25, r[1], 0.01);
        assertEquals(0.125, r[2], 0.01);
    }

    @Test
    void activityCountsSpikesPerBin() {
        int[] steps = {0, 3, 4, 4, 9, 10, 11, 25};
        assertArrayEquals(new double[] {4, 1, 2, 0}, BranchingFactor.activity(steps, 0, 20, 5));
        assertArrayEquals(new double[] {3, 3, 0}, BranchingFactor.activity(steps, 3, 18, 5));
        double[] times = {0.1, 0.4, 0.5, 1.49, 2.0};
        assertArrayEquals(new double[] {3, 1, 1}, BranchingFactor.activity(times, 0, 3, 1.0));
    }

    @Test
    void invalidInputIsRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BranchingFactor.activity(new int[0], 0, 10, 0));
        assertTrue(e.getMessage().contains("bin = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BranchingFactor.estimate(new double[100], 0));
        assertTrue(e.getMessage().contains("maxLag = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BranchingFactor.estimate(new double[12], 5));
        assertTrue(e.getMessage().contains("too few"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BranchingFactor.activity(new double[0], 0, 1, -1));
        assertTrue(e.getMessage().contains("-1.0 ms"), e.getMessage());
    }

    @Test
    void constantActivityHasNoSlope() {
        BranchingFactor.Estimate e = BranchingFactor.estimate(new double[100], 3);
        assertTrue(Double.isNaN(e.conventional()));
        assertTrue(Double.isNaN(e.multistep()));
    }
}
