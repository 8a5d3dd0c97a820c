package org.myelin.sdr;

import java.util.Arrays;

/**
 * A sparse distributed representation: a binary vector of {@link #size()} bits of which few are on.
 *
 * <p>The value is held as a dense view (one byte per bit) and/or a sparse view (the sorted indices of
 * the on bits); whichever view is asked for is computed from the other on first use and then cached
 * until the next change, as htm.core's {@code SDR} does. Accessors return the internal arrays
 * without copying: treat them as read-only, and read only the first {@link #sum()} entries of
 * {@link #sparse()}. Nothing here boxes.
 *
 * <p>Set operations ({@link #overlap}, {@link #union}, {@link #intersection}) and random ones
 * ({@link #randomize}, {@link #addNoise}, {@link #subsample}) take an explicit {@link Rng} so results
 * are reproducible.
 */
public final class Sdr {
    private final int size;
    private final int[] dimensions;
    private byte[] dense;
    private int[] sparse = new int[8];
    private int sum;
    private boolean denseValid;
    private boolean sparseValid = true;

    /** An all-zero SDR with the given dimensions (their product is the size). */
    public Sdr(int... dimensions) {
        if (dimensions.length == 0) {
            throw new IllegalArgumentException("an SDR needs at least one dimension");
        }
        long s = 1;
        for (int d : dimensions) {
            if (d <= 0) {
                throw new IllegalArgumentException("SDR dimensions must be positive, got "
                        + Arrays.toString(dimensions));
            }
            s *= d;
        }
        if (s > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("SDR too large: " + s + " bits");
        }
        this.size = (int) s;
        this.dimensions = dimensions.clone();
    }

    /** A copy of {@code other}. */
    public Sdr(Sdr other) {
        this(other.dimensions);
        set(other);
    }

    public int size() {
        return size;
    }

    public int[] dimensions() {
        return dimensions.clone();
    }

    /** Number of on bits. */
    public int sum() {
        if (!sparseValid) {
            ensureSparse();
        }
        return sum;
    }

    /** Fraction of on bits. */
    public double sparsity() {
        return sum() / (double) size;
    }

    /**
     * The sorted indices of the on bits in entries {@code [0, sum())}; the array may be longer. Valid
     * until the next change.
     */
    public int[] sparse() {
        ensureSparse();
        return sparse;
    }

    /** A fresh array holding exactly the on-bit indices. */
    public int[] sparseCopy() {
        ensureSparse();
        return Arrays.copyOf(sparse, sum);
    }

    /** One byte (0 or 1) per bit. Valid until the next change. */
    public byte[] dense() {
        ensureDense();
        return dense;
    }

    /** Whether bit {@code index} is on. */
    public boolean get(int index) {
        checkIndex(index);
        if (denseValid) {
            return dense[index] != 0;
        }
        return Arrays.binarySearch(sparse, 0, sum, index) >= 0;
    }

    /** Turns all bits off. */
    public Sdr zero() {
        sum = 0;
        sparseValid = true;
        denseValid = false;
        return this;
    }

    /** Sets the on bits to {@code indices}, in any order; duplicates and out-of-range indices fail. */
    public Sdr setSparse(int... indices) {
        return setSparse(indices, indices.length);
    }

    /** Sets the on bits to the first {@code count} entries of {@code indices}. */
    public Sdr setSparse(int[] indices, int count) {
        if (sparse.length < count) {
            sparse = new int[Math.max(count, sparse.length * 2)];
        }
        boolean sorted = true;
        for (int i = 0; i < count; i++) {
            int v = indices[i];
            checkIndex(v);
            sparse[i] = v;
            if (i > 0 && v <= indices[i - 1]) {
                sorted = false;
            }
        }
        if (!sorted) {
            Arrays.sort(sparse, 0, count);
            for (int i = 1; i < count; i++) {
                if (sparse[i] == sparse[i - 1]) {
                    throw new IllegalArgumentException("duplicate SDR index " + sparse[i]);
                }
            }
        }
        sum = count;
        sparseValid = true;
        denseValid = false;
        return this;
    }

    /** Sets the value from one entry per bit (non-zero means on). */
    public Sdr setDense(byte[] values) {
        if (values.length != size) {
            throw new IllegalArgumentException("dense array has " + values.length + " entries, SDR size is "
                    + size);
        }
        if (dense == null) {
            dense = new byte[size];
        }
        for (int i = 0; i < size; i++) {
            dense[i] = values[i] != 0 ? (byte) 1 : 0;
        }
        denseValid = true;
        sparseValid = false;
        return this;
    }

    /** Sets the value from one boolean per bit. */
    public Sdr setDense(boolean[] values) {
        if (values.length != size) {
            throw new IllegalArgumentException("dense array has " + values.length + " entries, SDR size is "
                    + size);
        }
        if (dense == null) {
            dense = new byte[size];
        }
        for (int i = 0; i < size; i++) {
            dense[i] = values[i] ? (byte) 1 : 0;
        }
        denseValid = true;
        sparseValid = false;
        return this;
    }

    /** Copies the value of {@code other} (same size required). */
    public Sdr set(Sdr other) {
        checkSize(other);
        if (other == this) {
            return this;
        }
        other.ensureSparse();
        return setSparse(other.sparse, other.sum);
    }

    /** Number of bits on in both. */
    public int overlap(Sdr other) {
        checkSize(other);
        ensureSparse();
        if (other.denseValid) {
            byte[] d = other.dense;
            int n = 0;
            for (int i = 0; i < sum; i++) {
                n += d[sparse[i]];
            }
            return n;
        }
        other.ensureSparse();
        return overlapSorted(sparse, sum, other.sparse, other.sum);
    }

    /** Overlap of two sorted index lists. */
    public static int overlapSorted(int[] a, int na, int[] b, int nb) {
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < na && j < nb) {
            int x = a[i];
            int y = b[j];
            if (x == y) {
                n++;
                i++;
                j++;
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        return n;
    }

    /** This becomes the union (OR) of {@code a} and {@code b}; either may be this SDR. */
    public Sdr union(Sdr a, Sdr b) {
        checkSize(a);
        checkSize(b);
        a.ensureSparse();
        b.ensureSparse();
        int[] out = new int[a.sum + b.sum];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.sum || j < b.sum) {
            if (j >= b.sum || (i < a.sum && a.sparse[i] < b.sparse[j])) {
                out[n++] = a.sparse[i++];
            } else if (i >= a.sum || b.sparse[j] < a.sparse[i]) {
                out[n++] = b.sparse[j++];
            } else {
                out[n++] = a.sparse[i++];
                j++;
            }
        }
        return setSparse(out, n);
    }

    /** This becomes the intersection (AND) of {@code a} and {@code b}; either may be this SDR. */
    public Sdr intersection(Sdr a, Sdr b) {
        checkSize(a);
        checkSize(b);
        a.ensureSparse();
        b.ensureSparse();
        int[] out = new int[Math.min(a.sum, b.sum)];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.sum && j < b.sum) {
            int x = a.sparse[i];
            int y = b.sparse[j];
            if (x == y) {
                out[n++] = x;
                i++;
                j++;
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        return setSparse(out, n);
    }

    /** This becomes {@code parts} laid end to end; their sizes must add up to this size. */
    public Sdr concatenate(Sdr... parts) {
        int total = 0;
        int on = 0;
        for (Sdr p : parts) {
            if (p == this) {
                throw new IllegalArgumentException("cannot concatenate an SDR into itself");
            }
            total += p.size;
            on += p.sum();
        }
        if (total != size) {
            throw new IllegalArgumentException("parts have " + total + " bits, SDR has " + size);
        }
        int[] out = new int[on];
        int n = 0;
        int offset = 0;
        for (Sdr p : parts) {
            int[] s = p.sparse();
            for (int i = 0; i < p.sum; i++) {
                out[n++] = offset + s[i];
            }
            offset += p.size;
        }
        return setSparse(out, n);
    }

    /** This becomes a uniformly random SDR with exactly {@code round(size * sparsity)} on bits. */
    public Sdr randomize(double sparsity, Rng rng) {
        if (!(sparsity >= 0 && sparsity <= 1)) {
            throw new IllegalArgumentException("sparsity must be in [0, 1], got " + sparsity);
        }
        int k = (int) Math.round(size * sparsity);
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        rng.sample(all, size, k);
        return setSparse(all, k);
    }

    /**
     * Moves {@code round(fraction * sum)} randomly chosen on bits to randomly chosen off positions,
     * keeping the number of on bits (htm.core's {@code addNoise}).
     */
    public Sdr addNoise(double fraction, Rng rng) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("noise fraction must be in [0, 1], got " + fraction);
        }
        ensureSparse();
        int n = sum;
        int move = (int) Math.round(fraction * n);
        if (move > size - n) {
            throw new IllegalArgumentException("not enough off bits to move " + move + " bits");
        }
        byte[] d = dense().clone();
        int[] on = Arrays.copyOf(sparse, n);
        rng.sample(on, n, move);
        int[] off = new int[size - n];
        int m = 0;
        for (int i = 0; i < size; i++) {
            if (d[i] == 0) {
                off[m++] = i;
            }
        }
        rng.sample(off, m, move);
        for (int i = 0; i < move; i++) {
            d[on[i]] = 0;
            d[off[i]] = 1;
        }
        return setDense(d);
    }

    /** Keeps {@code round(fraction * sum)} randomly chosen on bits and turns the others off. */
    public Sdr subsample(double fraction, Rng rng) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("subsample fraction must be in [0, 1], got " + fraction);
        }
        ensureSparse();
        int keep = (int) Math.round(fraction * sum);
        int[] on = Arrays.copyOf(sparse, sum);
        rng.sample(on, sum, keep);
        return setSparse(on, keep);
    }

    private void ensureSparse() {
        if (sparseValid) {
            return;
        }
        int n = 0;
        for (int i = 0; i < size; i++) {
            n += dense[i];
        }
        if (sparse.length < n) {
            sparse = new int[Math.max(n, sparse.length * 2)];
        }
        int k = 0;
        for (int i = 0; i < size; i++) {
            if (dense[i] != 0) {
                sparse[k++] = i;
            }
        }
        sum = n;
        sparseValid = true;
    }

    private void ensureDense() {
        if (denseValid) {
            return;
        }
        if (dense == null) {
            dense = new byte[size];
        } else {
            Arrays.fill(dense, (byte) 0);
        }
        for (int i = 0; i < sum; i++) {
            dense[sparse[i]] = 1;
        }
        denseValid = true;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("SDR index " + i + " outside [0, " + size + ")");
        }
    }

    private void checkSize(Sdr other) {
        if (other.size != size) {
            throw new IllegalArgumentException("SDR sizes differ: " + size + " and " + other.size);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Sdr)) {
            return false;
        }
        Sdr other = (Sdr) o;
        if (other.size != size || !Arrays.equals(dimensions, other.dimensions)) {
            return false;
        }
        ensureSparse();
        other.ensureSparse();
        return Arrays.equals(sparse, 0, sum, other.sparse, 0, other.sum);
    }

    @Override
    public int hashCode() {
        ensureSparse();
        int h = size;
        for (int i = 0; i < sum; i++) {
            h = 31 * h + sparse[i];
        }
        return h;
    }

    @Override
    public String toString() {
        ensureSparse();
        StringBuilder b = new StringBuilder("Sdr(").append(size).append(")[");
        for (int i = 0; i < sum; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(sparse[i]);
        }
        return b.append(']').toString();
    }
}
