package org.myelin.core;

/**
 * Counter-based random numbers: every draw is a pure function of a 64-bit key and a counter, so a
 * result never depends on which thread (or, later, which process) draws it.
 *
 * <p>Keys are derived by hashing (seed, stream kind, element id, index) with {@link #key}. Values come
 * from the SplitMix64 output function applied to {@code key + counter * golden gamma}, a bijective
 * 64-bit mixer with full avalanche (Steele, Lea, Flood 2014). This is a small, fast, stateless
 * generator; it passes BigCrush as a sequential generator. Instances of {@link Stream} walk a counter
 * for build-time draws (connectivity, initial values).
 */
public final class Rng {
    /** SplitMix64's counter increment (the golden gamma); {@link PoissonSimd} uses it too. */
    static final long GAMMA = 0x9E3779B97F4A7C15L;

    private Rng() {
    }

    /** The SplitMix64 finaliser. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A key derived from a parent key and one more component. */
    public static long key(long parent, long component) {
        return mix(parent + GAMMA + mix(component ^ 0x5851F42D4C957F2DL));
    }

    /** A key from seed and three components. */
    public static long key(long seed, long a, long b, long c) {
        return key(key(key(mix(seed), a), b), c);
    }

    /** 64 random bits for (key, counter). */
    public static long bits(long key, long counter) {
        return mix(key + counter * GAMMA);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public static double uniform(long key, long counter) {
        return (bits(key, counter) >>> 11) * 0x1.0p-53;
    }

    /** Uniform in (0, 1]: safe for {@code log}. */
    public static double uniformPositive(long key, long counter) {
        return ((bits(key, counter) >>> 11) + 1) * 0x1.0p-53;
    }

    /** Stream kinds, the second component of every key. */
    public static final long KIND_INIT = 1, KIND_CONNECT = 2, KIND_STIMULUS = 3, KIND_SYNAPSE = 4,
            KIND_MODEL = 5;

    /** A sequential stream over one key, for build-time draws. Not thread-safe; one per target. */
    public static final class Stream {
        private final long key;
        private long counter;

        public Stream(long key) {
            this.key = key;
        }

        public long nextLong() {
            return bits(key, counter++);
        }

        /** Uniform in [0, 1). */
        public double nextDouble() {
            return (nextLong() >>> 11) * 0x1.0p-53;
        }

        /** Uniform in (0, 1]. */
        public double nextPositive() {
            return ((nextLong() >>> 11) + 1) * 0x1.0p-53;
        }

        /** Uniform integer in [0, bound), unbiased (Lemire's method with rejection). */
        public int nextInt(int bound) {
            long m = (nextLong() >>> 32) * bound;
            long l = m & 0xFFFFFFFFL;
            if (l < bound) {
                long t = (0x1_0000_0000L - bound) % bound;
                while (l < t) {
                    m = (nextLong() >>> 32) * bound;
                    l = m & 0xFFFFFFFFL;
                }
            }
            return (int) (m >>> 32);
        }

        /** Standard normal (Box-Muller, one value per two uniforms; no hidden state). */
        public double nextGaussian() {
            double u1 = nextPositive();
            double u2 = nextDouble();
            return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
    }

    /**
     * A Poisson variate with mean {@code lambda} from the uniforms of (key, counter*4 + j). Inversion
     * by sequential search for lambda below 32; above, the sum of independent Poisson(lambda/m) draws,
     * each by inversion, which is exactly Poisson(lambda).
     */
    public static int poisson(long key, long counter, double lambda, double expMinusLambda) {
        if (lambda < 32) return poissonInversion(uniform(key, counter), lambda, expMinusLambda);
        return poissonLarge(key, counter, lambda);
    }

    /**
     * The cumulative distribution of Poisson(lambda) scaled to 2^53, for inversion of 53-bit
     * uniform integers {@code r}: the variate is the least k with {@code r < table[k]}, i.e. the number
     * of entries {@code <= r}. The table is padded to a power-of-two length with {@code Long.MAX_VALUE},
     * so a search always stops; tail mass below 2^-60 is folded into the last real entry.
     * Returns null for lambda >= 32 (use {@link #poisson}).
     */
    public static long[] poissonTable(double lambda) {
        if (!(lambda < 32)) return null;
        long[] t = new long[16];
        double p = Math.exp(-lambda);
        double f = p;
        int k = 0;
        while (true) {
            if (k + 1 >= t.length) t = java.util.Arrays.copyOf(t, t.length * 2);
            long v = (long) Math.floor(f * 0x1.0p53);
            t[k] = v;
            if (v >= (1L << 53) || (k > lambda && p < 0x1.0p-60)) {
                // pad to a power of two with a sentinel no 53-bit value reaches, for branch-free search
                int len = Integer.highestOneBit(k + 1) == k + 1 ? k + 1 : Integer.highestOneBit(k + 1) << 1;
                long[] out = java.util.Arrays.copyOf(t, len);
                for (int i = k; i < len; i++) out[i] = Long.MAX_VALUE;
                return out;
            }
            k++;
            p *= lambda / k;
            f += p;
        }
    }

    /** Bits of a 53-bit uniform below the guide table's index. */
    public static final int GUIDE_SHIFT = 41;

    /**
     * A guide table for {@link #poissonTable}: entry b is the variate for every r with
     * {@code r >>> GUIDE_SHIFT == b}, or -1 where that range of r straddles a step of the CDF.
     */
    public static int[] poissonGuide(long[] table) {
        int buckets = 1 << (53 - GUIDE_SHIFT);
        int[] g = new int[buckets];
        for (int b = 0; b < buckets; b++) {
            long lo = (long) b << GUIDE_SHIFT;
            long hi = lo + (1L << GUIDE_SHIFT) - 1;
            int klo = poissonSearch(table, lo);
            int khi = poissonSearch(table, hi);
            g[b] = klo == khi ? klo : -1;
        }
        return g;
    }

    /** The variate for a 53-bit uniform r: the number of table entries {@code <= r} (branch-free). */
    public static int poissonSearch(long[] table, long r) {
        int k = 0;
        for (int half = table.length >> 1; half > 0; half >>= 1) k += (table[k + half - 1] <= r) ? half : 0;
        return k;
    }

    static int poissonInversion(double u, double lambda, double p0) {
        double p = p0;
        double f = p;
        int k = 0;
        while (u > f && k < 1000) {
            k++;
            p *= lambda / k;
            f += p;
            if (p == 0) break;
        }
        return k;
    }

    private static int poissonLarge(long key, long counter, double lambda) {
        int m = (int) Math.ceil(lambda / 16);
        double part = lambda / m;
        double p0 = Math.exp(-part);
        long sub = key(key, counter);
        int sum = 0;
        for (int j = 0; j < m; j++) sum += poissonInversion(uniform(sub, j), part, p0);
        return sum;
    }
}
