package org.myelin.reservoir;

import java.util.Arrays;

/**
 * A square or rectangular sparse matrix in compressed sparse row (CSR) form, its values stored as
 * doubles or as floats ({@link Precision}): row {@code i} holds the entries
 * {@code rowStart[i] .. rowStart[i+1]-1} of {@code cols} and the values, with column indices
 * increasing. Immutable after construction; {@link #scaled} and {@link #withPrecision} return new
 * matrices.
 *
 * <p>Used for the recurrent weights of a reservoir, where row {@code i} lists the inputs of unit
 * {@code i}: {@code (W x)_i = sum_k values[k] x[cols[k]]}. A row-wise product writes each output once
 * and reads the state vector with the locality of the sorted columns.
 *
 * <h2>Precision</h2>
 * A {@code FLOAT} matrix stores each value rounded to the nearest float (relative error at most
 * {@code 2^-24}) and halves the bytes per stored value (12 to 8 with the column index), which is what
 * a memory-bound product pays for. Products still take and return doubles and accumulate in double,
 * so the only difference from the {@code DOUBLE} matrix with the same values is the rounding of the
 * values themselves: {@code |(W_f x)_i - (W x)_i| <= 2^-24 sum_k |values[k] x[cols[k]]|}.
 */
public final class CsrMatrix {
    /** How the values are stored. */
    public enum Precision { DOUBLE, FLOAT }

    final int rows;
    final int columns;
    final int[] rowStart;
    final int[] cols;
    /** The values when {@code DOUBLE}, else null. */
    final double[] values;
    /** The values when {@code FLOAT}, else null. */
    final float[] floats;

    CsrMatrix(int rows, int columns, int[] rowStart, int[] cols, double[] values) {
        this(rows, columns, rowStart, cols, values, null);
    }

    private CsrMatrix(int rows, int columns, int[] rowStart, int[] cols, double[] values, float[] floats) {
        this.rows = rows;
        this.columns = columns;
        this.rowStart = rowStart;
        this.cols = cols;
        this.values = values;
        this.floats = floats;
        assert (values == null) != (floats == null);
        assert rowStart.length == rows + 1 && rowStart[rows] == cols.length
                && cols.length == (values != null ? values.length : floats.length);
    }

    /**
     * A matrix from (row, column, value) triplets in any order. Duplicate positions are summed;
     * explicit zeros are kept (they cost time, not correctness).
     */
    public static CsrMatrix fromTriplets(int rows, int columns, int[] r, int[] c, double[] v) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("matrix shape " + rows + "x" + columns + " is invalid; valid: >= 1x1");
        }
        if (r.length != c.length || r.length != v.length) {
            throw new IllegalArgumentException("triplet arrays differ in length: rows " + r.length + ", columns "
                    + c.length + ", values " + v.length);
        }
        int[] count = new int[rows + 1];
        for (int k = 0; k < r.length; k++) {
            if (r[k] < 0 || r[k] >= rows || c[k] < 0 || c[k] >= columns) {
                throw new IllegalArgumentException("entry (" + r[k] + ", " + c[k] + ") is outside the "
                        + rows + "x" + columns + " matrix");
            }
            if (!Double.isFinite(v[k])) {
                throw new IllegalArgumentException("entry (" + r[k] + ", " + c[k] + ") is " + v[k] + "; valid: finite");
            }
            count[r[k] + 1]++;
        }
        for (int i = 0; i < rows; i++) count[i + 1] += count[i];
        int[] fill = Arrays.copyOf(count, rows);
        int[] cc = new int[r.length];
        double[] vv = new double[r.length];
        for (int k = 0; k < r.length; k++) {
            int p = fill[r[k]]++;
            cc[p] = c[k];
            vv[p] = v[k];
        }
        // sort each row by column (insertion sort: rows are short) and merge duplicates
        int[] start = new int[rows + 1];
        int out = 0;
        for (int i = 0; i < rows; i++) {
            int lo = count[i], hi = count[i + 1];
            for (int a = lo + 1; a < hi; a++) {
                int ca = cc[a];
                double va = vv[a];
                int b = a - 1;
                while (b >= lo && cc[b] > ca) {
                    cc[b + 1] = cc[b];
                    vv[b + 1] = vv[b];
                    b--;
                }
                cc[b + 1] = ca;
                vv[b + 1] = va;
            }
            start[i] = out;
            for (int a = lo; a < hi; a++) {
                if (out > start[i] && cc[out - 1] == cc[a]) {
                    vv[out - 1] += vv[a];
                } else {
                    cc[out] = cc[a];
                    vv[out] = vv[a];
                    out++;
                }
            }
        }
        start[rows] = out;
        return new CsrMatrix(rows, columns, start, Arrays.copyOf(cc, out), Arrays.copyOf(vv, out));
    }

    /** A matrix holding every entry of a dense row-major array (zeros included only if {@code keepZeros}). */
    public static CsrMatrix fromDense(double[][] a, boolean keepZeros) {
        int n = a.length, m = a[0].length;
        int nnz = 0;
        for (double[] row : a) {
            if (row.length != m) throw new IllegalArgumentException("ragged dense matrix: rows of length " + m + " and " + row.length);
            for (double x : row) if (keepZeros || x != 0) nnz++;
        }
        int[] start = new int[n + 1];
        int[] cc = new int[nnz];
        double[] vv = new double[nnz];
        int k = 0;
        for (int i = 0; i < n; i++) {
            start[i] = k;
            for (int j = 0; j < m; j++) {
                double x = a[i][j];
                if (!Double.isFinite(x)) throw new IllegalArgumentException("entry (" + i + ", " + j + ") is " + x + "; valid: finite");
                if (keepZeros || x != 0) {
                    cc[k] = j;
                    vv[k++] = x;
                }
            }
        }
        start[n] = k;
        return new CsrMatrix(n, m, start, cc, vv);
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    /** Stored entries. */
    public int nonZeros() {
        return cols.length;
    }

    /** Stored entries over rows times columns. */
    public double density() {
        return cols.length / ((double) rows * columns);
    }

    /** How the values are stored. */
    public Precision precision() {
        return floats != null ? Precision.FLOAT : Precision.DOUBLE;
    }

    /**
     * This matrix with its values stored in {@code p}: itself when already so; to {@code FLOAT}
     * each value is rounded to the nearest float; to {@code DOUBLE} each float is widened exactly.
     */
    public CsrMatrix withPrecision(Precision p) {
        if (p == null) throw new IllegalArgumentException("csr: precision must not be null; valid: DOUBLE or FLOAT");
        if (p == precision()) return this;
        if (p == Precision.FLOAT) {
            float[] f = new float[values.length];
            for (int k = 0; k < f.length; k++) f[k] = (float) values[k];
            return new CsrMatrix(rows, columns, rowStart, cols, null, f);
        }
        double[] d = new double[floats.length];
        for (int k = 0; k < d.length; k++) d[k] = floats[k];
        return new CsrMatrix(rows, columns, rowStart, cols, d, null);
    }

    /** Stored value {@code k} (slow path: tests, set-up, norms). */
    double value(int k) {
        return floats != null ? floats[k] : values[k];
    }

    /** The entry at (i, j), 0 if not stored (binary search in row i). */
    public double get(int i, int j) {
        int k = Arrays.binarySearch(cols, rowStart[i], rowStart[i + 1], j);
        return k >= 0 ? value(k) : 0;
    }

    /** {@code y = A x}, accumulated in double for either precision. {@code x} and {@code y} must not overlap. */
    public void multiply(double[] x, double[] y) {
        if (floats != null) {
            multiplyFloat(x, y);
            return;
        }
        final int[] start = rowStart;
        final int[] c = cols;
        final double[] v = values;
        final int n = rows;
        for (int i = 0; i < n; i++) {
            double s = 0;
            final int end = start[i + 1];
            for (int k = start[i]; k < end; k++) s += v[k] * x[c[k]];
            y[i] = s;
        }
    }

    private void multiplyFloat(double[] x, double[] y) {
        final int[] start = rowStart;
        final int[] c = cols;
        final float[] v = floats;
        final int n = rows;
        for (int i = 0; i < n; i++) {
            double s = 0;
            final int end = start[i + 1];
            for (int k = start[i]; k < end; k++) s += v[k] * x[c[k]];
            y[i] = s;
        }
    }

    /**
     * A copy with every value multiplied by {@code factor}, in the same precision (a float matrix's
     * product is computed in double and rounded once).
     */
    public CsrMatrix scaled(double factor) {
        if (floats != null) {
            float[] f = new float[floats.length];
            for (int k = 0; k < f.length; k++) f[k] = (float) (floats[k] * factor);
            return new CsrMatrix(rows, columns, rowStart, cols, null, f);
        }
        double[] v = values.clone();
        for (int k = 0; k < v.length; k++) v[k] *= factor;
        return new CsrMatrix(rows, columns, rowStart, cols, v);
    }

    /** The matrix as a dense row-major array (for tests and small matrices). */
    public double[][] toDense() {
        double[][] a = new double[rows][columns];
        for (int i = 0; i < rows; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) a[i][cols[k]] = value(k);
        }
        return a;
    }

    @Override
    public String toString() {
        return "CsrMatrix " + rows + "x" + columns + ", " + cols.length + " entries" + (floats != null ? " (float)" : "");
    }
}
