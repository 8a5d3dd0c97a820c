package org.myelin.sdr.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.sdr.Rng;

/**
 * Simulated random SDR matching against the formulas of Ahmad and Hawkins (2016). Every comparison
 * allows 4.5 binomial standard deviations, {@code sqrt(p (1 - p) / trials)}, of the predicted
 * probability (a two-sided 4.5 sigma band fails by chance with probability 7e-6), with fixed seeds.
 */
class SdrTheoryTest {
    static final double Z = 4.5;

    /** Fraction of trials in which a random w-of-n SDR overlaps a fixed random wx-of-n set in >= theta bits. */
    static double simulateMatch(int n, int wx, int w, int theta, int trials, long seed) {
        Rng rng = new Rng(seed);
        int[] all = new int[n];
        byte[] mark = new byte[n];
        int hits = 0;
        for (int t = 0; t < trials; t++) {
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            rng.sample(all, n, wx);
            for (int i = 0; i < wx; i++) {
                mark[all[i]] = 1;
            }
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            rng.sample(all, n, w);
            int ov = 0;
            for (int i = 0; i < w; i++) {
                ov += mark[all[i]];
            }
            if (ov >= theta) {
                hits++;
            }
            java.util.Arrays.fill(mark, (byte) 0);
        }
        return hits / (double) trials;
    }

    static void assertWithinSamplingError(double predicted, double observed, int trials, String what) {
        double sd = Math.sqrt(predicted * (1 - predicted) / trials);
        assertTrue(Math.abs(observed - predicted) <= Z * sd + 1e-12,
                what + ": predicted " + predicted + ", observed " + observed + " (sd " + sd + ")");
    }

    @Test
    void hypergeometricOverlapSumsToOne() {
        double s = 0;
        for (int b = 0; b <= 40; b++) {
            s += SdrTheory.overlapProbability(2048, 40, 40, b);
        }
        assertEquals(1.0, s, 1e-10);
    }

    @Test
    void falseMatchProbabilityAcrossNWAndTheta() {
        int[][] cases = {
            // n, segment synapses (wx), active bits (w), theta
            {256, 16, 16, 2}, {256, 16, 16, 3}, {512, 24, 24, 3}, {1024, 32, 32, 3},
            {128, 10, 20, 3}, {64, 8, 8, 3}, {2048, 40, 40, 3}, {300, 30, 30, 6},
        };
        int trials = 20_000;
        long seed = 1;
        for (int[] c : cases) {
            double predicted = SdrTheory.matchProbability(c[0], c[1], c[2], c[3]);
            double observed = simulateMatch(c[0], c[1], c[2], c[3], trials, seed++);
            System.out.printf("false match n=%d s=%d w=%d theta=%d: formula %.5f simulated %.5f (%d trials)%n",
                    c[0], c[1], c[2], c[3], predicted, observed, trials);
            assertWithinSamplingError(predicted, observed, trials,
                    "n=" + c[0] + " s=" + c[1] + " w=" + c[2] + " theta=" + c[3]);
        }
        // and the paper's headline: n = 2048, w = 40, s = 20 synapses, theta = 10 is practically never fooled
        assertTrue(SdrTheory.matchProbability(2048, 20, 40, 10) < 1e-12);
    }

    @Test
    void unionFalseMatchAgainstTheFormula() {
        int[][] cases = {
            // n, w, patterns in the union, theta
            {1024, 20, 10, 6}, {1024, 20, 20, 8}, {2048, 40, 30, 12}, {512, 16, 15, 6},
        };
        int trials = 4_000;
        long seed = 100;
        for (int[] c : cases) {
            int n = c[0];
            int w = c[1];
            int m = c[2];
            int theta = c[3];
            Rng rng = new Rng(seed++);
            int hits = 0;
            int[] all = new int[n];
            byte[] union = new byte[n];
            for (int t = 0; t < trials; t++) {
                java.util.Arrays.fill(union, (byte) 0);
                for (int p = 0; p < m; p++) {
                    for (int i = 0; i < n; i++) {
                        all[i] = i;
                    }
                    rng.sample(all, n, w);
                    for (int i = 0; i < w; i++) {
                        union[all[i]] = 1;
                    }
                }
                for (int i = 0; i < n; i++) {
                    all[i] = i;
                }
                rng.sample(all, n, w);
                int ov = 0;
                for (int i = 0; i < w; i++) {
                    ov += union[all[i]];
                }
                hits += ov >= theta ? 1 : 0;
            }
            double observed = hits / (double) trials;
            double exact = SdrTheory.unionMatchProbabilityExact(n, w, m, theta);
            double paper = SdrTheory.unionMatchProbability(n, w, m, theta);
            String what = "union n=" + n + " w=" + w + " M=" + m + " theta=" + theta + " paper=" + paper;
            System.out.printf("union n=%d w=%d M=%d theta=%d: paper %.5f exact %.5f simulated %.5f (%d trials)%n",
                    n, w, m, theta, paper, exact, observed, trials);
            assertWithinSamplingError(exact, observed, trials, what);
            // the paper's plug-in of the expected union size is within 15% of the exact value here
            assertEquals(exact, paper, 0.15 * exact, what);
        }
    }

    @Test
    void theta10Of20RecognisesItsPatternUnder50PercentNoise() {
        // pattern of w = 40 bits out of n = 2048; a segment samples s = 20 of them, theta = 10;
        // 50% noise replaces 20 of the 40 active bits by random off bits
        int n = 2048;
        int w = 40;
        int s = 20;
        int theta = 10;
        int k = 20;
        double predicted = SdrTheory.noiseRecognitionProbability(w, s, theta, k);
        assertEquals(0.6238, predicted, 1e-4);
        Rng rng = new Rng(42);
        int trials = 20_000;
        int hits = 0;
        int falseHits = 0;
        int[] all = new int[n];
        int[] pattern = new int[w];
        byte[] synapse = new byte[n];
        for (int t = 0; t < trials; t++) {
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            rng.sample(all, n, w);
            System.arraycopy(all, 0, pattern, 0, w);
            java.util.Arrays.fill(synapse, (byte) 0);
            int[] p = pattern.clone();
            rng.sample(p, w, s);
            for (int i = 0; i < s; i++) {
                synapse[p[i]] = 1;
            }
            // noisy copy: drop k random pattern bits, add k random bits outside the pattern
            int[] q = pattern.clone();
            rng.sample(q, w, w - k);
            int ov = 0;
            for (int i = 0; i < w - k; i++) {
                ov += synapse[q[i]];
            }
            hits += ov >= theta ? 1 : 0;
            // and a random SDR for the false-positive rate
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            rng.sample(all, n, w);
            int fo = 0;
            for (int i = 0; i < w; i++) {
                fo += synapse[all[i]];
            }
            falseHits += fo >= theta ? 1 : 0;
        }
        System.out.printf("theta=10 of s=20 under 50%% noise: formula %.4f simulated %.4f; false matches %d of %d%n",
                predicted, hits / (double) trials, falseHits, trials);
        assertWithinSamplingError(predicted, hits / (double) trials, trials, "recognition under 50% noise");
        assertEquals(0, falseHits);
        // with less noise recognition is near certain
        assertTrue(SdrTheory.noiseRecognitionProbability(w, s, theta, 10) > 0.999);
    }
}
