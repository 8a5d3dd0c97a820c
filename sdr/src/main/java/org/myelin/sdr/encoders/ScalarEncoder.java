package org.myelin.sdr.encoders;

import org.myelin.sdr.Sdr;

/**
 * Encodes a number as a block of {@code activeBits} contiguous on bits whose position moves with the
 * value, so that close values share bits (NuPIC's and htm.core's {@code ScalarEncoder}).
 *
 * <p>Non-periodic: there are {@code size - activeBits + 1} positions; value {@code x} takes position
 * {@code round((x - minimum) / (maximum - minimum) * (size - activeBits))}. Periodic: there are
 * {@code size} positions around a ring, value {@code x} takes
 * {@code floor((x - minimum) / (maximum - minimum) * size) mod size}, and the block wraps.
 *
 * <p>Out-of-range values are clipped when {@code clipInput} is true and rejected otherwise; periodic
 * encoders wrap any finite value into range. NaN and infinities are rejected.
 */
public final class ScalarEncoder {
    /**
     * Parameters.
     *
     * @param minimum lowest value
     * @param maximum highest value (exclusive for periodic encoders)
     * @param size number of bits
     * @param activeBits number of on bits (w)
     * @param periodic whether the range wraps around
     * @param clipInput whether out-of-range values are clipped (else rejected); ignored when periodic
     */
    public record Params(double minimum, double maximum, int size, int activeBits, boolean periodic,
            boolean clipInput) {
        public Params {
            if (!(maximum > minimum) || !Double.isFinite(minimum) || !Double.isFinite(maximum)) {
                throw new IllegalArgumentException("ScalarEncoder needs finite minimum < maximum, got ["
                        + minimum + ", " + maximum + "]");
            }
            if (activeBits <= 0 || size < activeBits || (periodic && size <= activeBits)) {
                throw new IllegalArgumentException("ScalarEncoder needs 0 < activeBits < size, got activeBits="
                        + activeBits + " size=" + size);
            }
        }

        /**
         * NuPIC's sizing from a radius: two values {@code radius} apart share no bits, so
         * {@code size = ceil(activeBits * (maximum - minimum) / radius)} (periodic) or that plus
         * {@code activeBits - 1} positions of padding (non-periodic).
         */
        public static Params ofRadius(double minimum, double maximum, double radius, int activeBits,
                boolean periodic, boolean clipInput) {
            if (!(radius > 0)) {
                throw new IllegalArgumentException("radius must be positive, got " + radius);
            }
            int n = (int) Math.ceil(activeBits * (maximum - minimum) / radius);
            return new Params(minimum, maximum, periodic ? n : n + activeBits, activeBits, periodic,
                    clipInput);
        }
    }

    private final Params p;
    private final int positions;
    private final double scale;

    public ScalarEncoder(Params params) {
        this.p = params;
        this.positions = params.periodic() ? params.size() : params.size() - params.activeBits() + 1;
        this.scale = params.periodic() ? params.size() / (params.maximum() - params.minimum())
                : (positions - 1) / (params.maximum() - params.minimum());
    }

    public Params params() {
        return p;
    }

    public int size() {
        return p.size();
    }

    public int activeBits() {
        return p.activeBits();
    }

    /** Index of the first on bit for {@code value}. */
    public int position(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("ScalarEncoder cannot encode " + value);
        }
        double min = p.minimum();
        double max = p.maximum();
        if (p.periodic()) {
            double range = max - min;
            double x = value - min;
            if (x < 0 || x >= range) {
                x = x - Math.floor(x / range) * range;
            }
            int i = (int) Math.floor(x * scale);
            return i >= positions ? i - positions : i;
        }
        if (value < min || value > max) {
            if (!p.clipInput()) {
                throw new IllegalArgumentException("value " + value + " outside the encoder range [" + min
                        + ", " + max + "] and clipInput is false");
            }
            value = value < min ? min : max;
        }
        return (int) Math.round((value - min) * scale);
    }

    /**
     * Writes the on-bit indices (plus {@code base}) for {@code value} into {@code out} from {@code pos};
     * returns how many were written ({@link #activeBits()}).
     */
    public int encodeInto(double value, int[] out, int pos, int base) {
        int first = position(value);
        int w = p.activeBits();
        int n = p.size();
        for (int k = 0; k < w; k++) {
            int bit = first + k;
            if (bit >= n) {
                bit -= n;
            }
            out[pos + k] = base + bit;
        }
        return w;
    }

    /** Encodes into {@code out} (size must match). */
    public Sdr encode(double value, Sdr out) {
        int[] bits = new int[p.activeBits()];
        encodeInto(value, bits, 0, 0);
        return out.setSparse(bits, bits.length);
    }

    /** Encodes into a new SDR. */
    public Sdr encode(double value) {
        return encode(value, new Sdr(p.size()));
    }
}
