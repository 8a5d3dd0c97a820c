package org.myelin.sdr.memory;

import java.util.Arrays;
import org.myelin.sdr.Rng;

/**
 * A CA3-like auto-associative memory: {@code n} binary neurons, recurrent binary synapses set by a
 * Hebbian rule (Willshaw, Buneman and Longuet-Higgins 1969; Marr 1971): storing a pattern of
 * {@code w} active neurons sets {@code W[i][j] = 1} for every pair of its neurons ({@code i != j}).
 * Weights are clipped at 1, so the memory is a bit matrix ({@code n * n / 8} bytes).
 *
 * <p>Recall from a cue (for example a 30 % fragment of a stored pattern) iterates: each neuron sums
 * its weights from the active neurons; the {@code w} neurons with the largest sums become active
 * (all neurons tied with the {@code w}-th largest sum are kept, so no tie is broken arbitrarily);
 * this repeats until the state stops changing or {@code maxIterations} pass. A pattern is recalled
 * when the final state equals it exactly.
 *
 * <p>The first step is Willshaw retrieval with threshold equal to the cue size: a neuron outside the
 * pattern joins only if it is connected to every cue neuron, which happens with probability about
 * {@code p1^c} where {@code p1 = 1 - (1 - (w/n)^2)^P} is the fraction of set weights after {@code P}
 * patterns and {@code c} the cue size ({@link #expectedSpurious}).
 */
public final class AssociativeMemory {
    private final int n;
    private final int w;
    private final int words;
    private final long[] weights;
    private int stored;
    private long setBits;

    // scratch
    private final int[] sums;
    private final int[] active;
    private final int[] next;
    private final int[] order;
    private final long[] mask;

    public AssociativeMemory(int n, int w) {
        if (n <= 0 || w <= 0 || w > n) {
            throw new IllegalArgumentException("AssociativeMemory needs 0 < w <= n, got n=" + n + " w=" + w);
        }
        this.n = n;
        this.w = w;
        this.words = (n + 63) >>> 6;
        this.weights = new long[n * words];
        this.sums = new int[n];
        this.active = new int[n];
        this.next = new int[n];
        this.order = new int[n + 1];
        this.mask = new long[words];
    }

    public int size() {
        return n;
    }

    public int activeBits() {
        return w;
    }

    /** Number of patterns stored. */
    public int stored() {
        return stored;
    }

    /** Fraction of the {@code n (n - 1)} possible synapses that are set. */
    public double loadFraction() {
        return setBits / ((double) n * (n - 1));
    }

    /** Stores a pattern (distinct neuron indices). */
    public void store(int[] pattern) {
        for (int i : pattern) {
            if (i < 0 || i >= n) {
                throw new IndexOutOfBoundsException("neuron " + i + " outside [0, " + n + ")");
            }
        }
        for (int i : pattern) {
            int row = i * words;
            for (int j : pattern) {
                if (i == j) {
                    continue;
                }
                long bit = 1L << j;
                long old = weights[row + (j >>> 6)];
                if ((old & bit) == 0) {
                    weights[row + (j >>> 6)] = old | bit;
                    setBits++;
                }
            }
        }
        stored++;
    }

    /** Whether the synapse from {@code j} to {@code i} is set. */
    public boolean weight(int i, int j) {
        return (weights[i * words + (j >>> 6)] & (1L << j)) != 0;
    }

    /**
     * Completes {@code cue[0, count)}; returns the final active neurons, sorted.
     */
    public int[] recall(int[] cue, int count, int maxIterations) {
        int na = 0;
        for (int k = 0; k < count; k++) {
            active[na++] = cue[k];
        }
        Arrays.sort(active, 0, na);
        for (int it = 0; it < maxIterations; it++) {
            // weights are symmetric: neuron i's sum is popcount(row i AND active set)
            Arrays.fill(mask, 0L);
            for (int a = 0; a < na; a++) {
                mask[active[a] >>> 6] |= 1L << active[a];
            }
            for (int i = 0; i < n; i++) {
                int row = i * words;
                int c = 0;
                for (int wd = 0; wd < words; wd++) {
                    c += Long.bitCount(weights[row + wd] & mask[wd]);
                }
                sums[i] = c;
            }
            int nn = topW(next);
            boolean same = nn == na;
            for (int k = 0; same && k < nn; k++) {
                same = next[k] == active[k];
            }
            System.arraycopy(next, 0, active, 0, nn);
            na = nn;
            if (same) {
                break;
            }
        }
        return Arrays.copyOf(active, na);
    }

    /** Neurons with sums at least the w-th largest (and positive), sorted. */
    private int topW(int[] out) {
        // counting sort of the sums (they are at most n)
        int max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, sums[i]);
        }
        if (max == 0) {
            return 0;
        }
        int[] hist = order;
        Arrays.fill(hist, 0, max + 1, 0);
        for (int i = 0; i < n; i++) {
            hist[sums[i]]++;
        }
        int threshold = max;
        int above = hist[max];
        while (above < w && threshold > 1) {
            threshold--;
            above += hist[threshold];
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (sums[i] >= threshold) {
                out[k++] = i;
            }
        }
        return k;
    }

    /**
     * Expected number of neurons outside a stored pattern that a cue of {@code c} of its neurons
     * recruits in the first step, in the independent-weights approximation: {@code (n - w) p1^c}.
     */
    public static double expectedSpurious(int n, int w, int patterns, int c) {
        double p1 = 1.0 - Math.pow(1.0 - Math.pow(w / (double) n, 2), patterns);
        return (n - w) * Math.pow(p1, c);
    }

    /** Result of a capacity measurement. */
    public record RecallStats(int patterns, int recalled, double accuracy, double loadFraction) {
    }

    /**
     * Stores {@code patterns} random patterns in a fresh memory and recalls each from a random fragment
     * of {@code round(fragment * w)} of its neurons.
     */
    public static RecallStats measure(int n, int w, int patterns, double fragment, long seed) {
        Rng rng = new Rng(seed);
        AssociativeMemory m = new AssociativeMemory(n, w);
        int[][] stored = new int[patterns][];
        int[] all = new int[n];
        for (int p = 0; p < patterns; p++) {
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            rng.sample(all, n, w);
            stored[p] = Arrays.copyOf(all, w);
            Arrays.sort(stored[p]);
            m.store(stored[p]);
        }
        int c = (int) Math.round(fragment * w);
        int ok = 0;
        int[] cue = new int[w];
        for (int p = 0; p < patterns; p++) {
            System.arraycopy(stored[p], 0, cue, 0, w);
            rng.sample(cue, w, c);
            int[] got = m.recall(cue, c, 20);
            if (Arrays.equals(got, stored[p])) {
                ok++;
            }
        }
        return new RecallStats(patterns, ok, ok / (double) patterns, m.loadFraction());
    }

    /**
     * The largest number of patterns (to a resolution of {@code step}) at which at least
     * {@code target} of the patterns are recalled, by bisection between {@code lo} (known good) and
     * {@code hi} (known bad) using {@link #measure}.
     */
    public static int capacity(int n, int w, double fragment, double target, int lo, int hi, int step, long seed) {
        while (hi - lo > step) {
            int mid = (lo + hi) / 2;
            if (measure(n, w, mid, fragment, seed).accuracy() >= target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
