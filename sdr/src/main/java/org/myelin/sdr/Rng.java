package org.myelin.sdr;

/**
 * A small seeded pseudo-random generator: SplitMix64 (Steele, Lea and Flood 2014) walked
 * sequentially. Its whole state is one {@code long}, so algorithms that own one can be saved and
 * restored bit-identically ({@link #state()}, {@link #state(long)}).
 *
 * <p>Not thread-safe: each algorithm instance owns its generator. It replaces {@code java.util.Random}
 * in all code of this module.
 */
public final class Rng {
    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    /** A generator whose sequence is a pure function of {@code seed}. */
    public Rng(long seed) {
        this.state = mix(seed ^ 0x2545F4914F6CDD1DL);
    }

    /** The SplitMix64 finaliser: a bijective 64-bit mixer with full avalanche. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 64 random bits. */
    public long nextLong() {
        state += GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        // Lemire's multiply-shift with rejection of the biased low products.
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /**
     * Moves {@code k} elements chosen uniformly at random (without replacement) from
     * {@code values[0, n)} to {@code values[0, k)}: a partial Fisher-Yates shuffle.
     */
    public void sample(int[] values, int n, int k) {
        if (k > n) {
            throw new IllegalArgumentException("cannot sample " + k + " of " + n);
        }
        for (int i = 0; i < k; i++) {
            int j = i + nextInt(n - i);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** The whole state, for saving. */
    public long state() {
        return state;
    }

    /** Restores a state obtained from {@link #state()}. */
    public void state(long s) {
        this.state = s;
    }
}
