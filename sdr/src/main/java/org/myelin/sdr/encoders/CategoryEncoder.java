package org.myelin.sdr.encoders;

import org.myelin.sdr.Sdr;

/**
 * Encodes one of {@code numCategories} categories as its own block of {@code activeBits} bits;
 * different categories share no bits. Categories outside {@code [0, numCategories)} are rejected.
 */
public final class CategoryEncoder {
    private final int numCategories;
    private final int activeBits;

    public CategoryEncoder(int numCategories, int activeBits) {
        if (numCategories <= 0 || activeBits <= 0) {
            throw new IllegalArgumentException("CategoryEncoder needs numCategories > 0 and activeBits > 0, got "
                    + numCategories + ", " + activeBits);
        }
        this.numCategories = numCategories;
        this.activeBits = activeBits;
    }

    public int size() {
        return numCategories * activeBits;
    }

    public int numCategories() {
        return numCategories;
    }

    /** Writes the on-bit indices (plus {@code base}); returns {@code activeBits}. */
    public int encodeInto(int category, int[] out, int pos, int base) {
        if (category < 0 || category >= numCategories) {
            throw new IllegalArgumentException("category " + category + " outside [0, " + numCategories + ")");
        }
        int first = base + category * activeBits;
        for (int k = 0; k < activeBits; k++) {
            out[pos + k] = first + k;
        }
        return activeBits;
    }

    public Sdr encode(int category, Sdr out) {
        int[] bits = new int[activeBits];
        encodeInto(category, bits, 0, 0);
        return out.setSparse(bits, activeBits);
    }

    public Sdr encode(int category) {
        return encode(category, new Sdr(size()));
    }
}
