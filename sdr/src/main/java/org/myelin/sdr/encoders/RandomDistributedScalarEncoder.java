package org.myelin.sdr.encoders;

import org.myelin.sdr.Rng;
import org.myelin.sdr.Sdr;

/**
 * The random distributed scalar encoder (RDSE): values are cut into buckets of width
 * {@code resolution}; bucket {@code b} turns on the bits {@code h(b), h(b+1), ..., h(b+w-1)} where
 * {@code h} is a seeded hash onto {@code [0, size)}. Neighbouring buckets share {@code w - 1} terms, so
 * similar values share bits, while far-apart buckets overlap only by chance (about
 * {@code w * w / size} bits). The range is unbounded and the encoder is stateless, as in htm.core's
 * RDSE; NuPIC's RDSE (used by the published NAB detector) builds the same kind of code incrementally.
 *
 * <p>When two terms of one bucket hash to the same bit, that bucket has fewer than {@code w} on bits
 * (probability about {@code w^2 / (2 size)} per bucket); the encoding stays deterministic.
 *
 * <p>NaN and infinities are rejected, and so is a value whose bucket index does not fit in 52 bits.
 */
public final class RandomDistributedScalarEncoder {
    /**
     * Parameters.
     *
     * @param size number of bits (n)
     * @param activeBits on bits per value (w)
     * @param resolution width of one bucket; values closer than this usually share all bits
     * @param seed hash seed
     */
    public record Params(int size, int activeBits, double resolution, long seed) {
        public Params {
            if (activeBits <= 0 || size <= activeBits) {
                throw new IllegalArgumentException("RDSE needs 0 < activeBits < size, got activeBits="
                        + activeBits + " size=" + size);
            }
            if (!(resolution > 0) || !Double.isFinite(resolution)) {
                throw new IllegalArgumentException("RDSE resolution must be positive and finite, got "
                        + resolution);
            }
        }
    }

    private static final double MAX_BUCKET = 0x1.0p52;

    private final Params p;
    private final long key;

    public RandomDistributedScalarEncoder(Params params) {
        this.p = params;
        this.key = Rng.mix(params.seed() * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
    }

    public Params params() {
        return p;
    }

    public int size() {
        return p.size();
    }

    /** The bucket of {@code value}: {@code floor(value / resolution + 1/2)}. */
    public long bucket(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("RDSE cannot encode " + value);
        }
        double b = Math.floor(value / p.resolution() + 0.5);
        if (Math.abs(b) >= MAX_BUCKET) {
            throw new IllegalArgumentException("value " + value + " is outside the RDSE range (bucket index "
                    + b + " does not fit in 52 bits at resolution " + p.resolution() + ")");
        }
        return (long) b;
    }

    /**
     * Writes the sorted on-bit indices (plus {@code base}) into {@code out} from {@code pos}; returns
     * how many were written (at most {@code activeBits}).
     */
    public int encodeInto(double value, int[] out, int pos, int base) {
        return encodeBucket(bucket(value), out, pos, base);
    }

    /** Encodes a bucket index directly. */
    public int encodeBucket(long bucket, int[] out, int pos, int base) {
        final int w = p.activeBits();
        final int n = p.size();
        int count = 0;
        for (int k = 0; k < w; k++) {
            long h = Rng.mix(key ^ Rng.mix(bucket + k));
            int bit = (int) ((h >>> 1) % n) + base;
            // insertion into the sorted run out[pos, pos+count), dropping hash collisions
            int j = pos + count - 1;
            while (j >= pos && out[j] > bit) {
                j--;
            }
            if (j >= pos && out[j] == bit) {
                continue;
            }
            System.arraycopy(out, j + 1, out, j + 2, pos + count - (j + 1));
            out[j + 1] = bit;
            count++;
        }
        return count;
    }

    /** Encodes into {@code out} (size must match). */
    public Sdr encode(double value, Sdr out) {
        int[] bits = new int[p.activeBits()];
        int n = encodeInto(value, bits, 0, 0);
        return out.setSparse(bits, n);
    }

    /** Encodes into a new SDR. */
    public Sdr encode(double value) {
        return encode(value, new Sdr(p.size()));
    }
}
