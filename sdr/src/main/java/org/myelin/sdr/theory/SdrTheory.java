package org.myelin.sdr.theory;

/**
 * Closed-form probabilities for random SDRs of {@code n} bits (Ahmad and Hawkins 2016).
 *
 * <p>The number of SDRs of {@code w} on bits that share exactly {@code b} bits with a fixed set of
 * {@code wx} bits is {@code |Omega_x(n, w, b)| = C(wx, b) C(n - wx, w - b)} (eq. 2), so the
 * probability that a random SDR overlaps it in at least {@code theta} bits is
 * {@code sum_{b >= theta} |Omega_x(n, w, b)| / C(n, w)} (eq. 3). A dendritic segment with
 * {@code s} synapses on the bits of a pattern falsely matches a random SDR with that probability,
 * taking {@code wx = s}. For a union of {@code M} random patterns the union has on average
 * {@code n (1 - (1 - w/n)^M)} bits (eq. 7), which takes the place of {@code wx}.
 *
 * <p>All sums are in log space with exact log-factorials, accurate down to probabilities near
 * {@code 1e-300}.
 */
public final class SdrTheory {
    private SdrTheory() {
    }

    private static double[] logFactorial = new double[1];

    /** log(k!) from a table extended on demand. */
    public static synchronized double logFactorial(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("negative factorial argument " + k);
        }
        if (k >= logFactorial.length) {
            int m = Math.max(k + 1, logFactorial.length * 2);
            double[] t = new double[m];
            System.arraycopy(logFactorial, 0, t, 0, logFactorial.length);
            for (int i = logFactorial.length; i < m; i++) {
                t[i] = t[i - 1] + Math.log(i);
            }
            logFactorial = t;
        }
        return logFactorial[k];
    }

    /** log C(n, k); negative infinity when {@code k < 0} or {@code k > n}. */
    public static double logBinomial(int n, int k) {
        if (k < 0 || k > n) {
            return Double.NEGATIVE_INFINITY;
        }
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    /** P(overlap = b) between a fixed set of {@code wx} bits and a random SDR of {@code w} bits (hypergeometric). */
    public static double overlapProbability(int n, int wx, int w, int b) {
        double l = logBinomial(wx, b) + logBinomial(n - wx, w - b) - logBinomial(n, w);
        return Math.exp(l);
    }

    /**
     * P(overlap >= theta) between a fixed set of {@code wx} bits and a random SDR of {@code w} on bits
     * out of {@code n}: eq. 3 of the paper, the false-match probability of a segment with
     * {@code wx} synapses and threshold {@code theta}.
     */
    public static double matchProbability(int n, int wx, int w, int theta) {
        double p = 0;
        for (int b = Math.max(theta, 0); b <= Math.min(wx, w); b++) {
            p += overlapProbability(n, wx, w, b);
        }
        return Math.min(1.0, p);
    }

    /** Expected number of on bits in the union of {@code m} random SDRs of {@code w} bits (eq. 7). */
    public static double expectedUnionSize(int n, int w, int m) {
        return n * (1.0 - Math.pow(1.0 - w / (double) n, m));
    }

    /**
     * The paper's false-match probability of a random SDR against a union of {@code m} random
     * patterns: eq. 3 with the expected union size (rounded) in place of {@code wx}.
     */
    public static double unionMatchProbability(int n, int w, int m, int theta) {
        int wu = (int) Math.round(expectedUnionSize(n, w, m));
        return matchProbability(n, wu, w, theta);
    }

    /**
     * The exact distribution of the size of the union of {@code m} independent random SDRs of
     * {@code w} bits: adding one pattern to a union of {@code k} bits adds {@code j} new bits with
     * the hypergeometric probability {@code C(n-k, j) C(k, w-j) / C(n, w)}.
     */
    public static double[] unionSizeDistribution(int n, int w, int m) {
        double[] p = new double[n + 1];
        p[0] = 1.0;
        for (int step = 0; step < m; step++) {
            double[] q = new double[n + 1];
            for (int k = 0; k <= n; k++) {
                if (p[k] < 1e-300) {
                    continue;
                }
                for (int j = 0; j <= w && k + j <= n; j++) {
                    double l = logBinomial(n - k, j) + logBinomial(k, w - j) - logBinomial(n, w);
                    if (l > -700) {
                        q[k + j] += p[k] * Math.exp(l);
                    }
                }
            }
            p = q;
        }
        return p;
    }

    /**
     * The exact false-match probability against a union of {@code m} random patterns: eq. 3
     * averaged over the exact distribution of the union's size.
     */
    public static double unionMatchProbabilityExact(int n, int w, int m, int theta) {
        double[] dist = unionSizeDistribution(n, w, m);
        double p = 0;
        for (int k = 0; k <= n; k++) {
            if (dist[k] > 1e-18) {
                p += dist[k] * matchProbability(n, k, w, theta);
            }
        }
        return p;
    }

    /**
     * Probability that a segment with {@code s} synapses on a pattern of {@code w} bits and threshold
     * {@code theta} still matches after {@code k} of the pattern's bits are replaced by bits outside it:
     * the segment keeps {@code s - j} active synapses, {@code j} hypergeometric, and matches when
     * {@code s - j >= theta}.
     */
    public static double noiseRecognitionProbability(int w, int s, int theta, int k) {
        double p = 0;
        for (int j = 0; j <= Math.min(s - theta, k); j++) {
            double l = logBinomial(s, j) + logBinomial(w - s, k - j) - logBinomial(w, k);
            p += Math.exp(l);
        }
        return Math.min(1.0, p);
    }
}
