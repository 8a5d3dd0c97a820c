package org.myelin.reservoir;

import java.util.Arrays;

/**
 * A square or rectangular sparse matrix of doubles in compressed sparse row (CSR) form: row
 * {@code i} holds the entries {@code rowStart[i] .. rowStart[i+1]-1} of {@code cols} and
 * {@code values}, with column indices increasing. Immutable after construction; {@link #scaled}
 * returns a new matrix.
 *
 * <p>Used for the recurrent weights of a reservoir, where row {@code i} lists the inputs of unit
 * {@code i}: {@code (W x)_i = sum_k values[k] x[cols[k]]}. A row-wise product writes each output once
 * and reads the state vector with the locality of the sorted columns.
 */
public final class CsrMatrix {
    final int rows;
    final int columns;
    final int[] rowStart;
    final int[] cols;
    final double[] values;

    CsrMatrix(int rows, int columns, int[] rowStart, int[] cols, double[] values) {
        this.rows = rows;
        this.columns = columns;
        this.rowStart = rowStart;
        this.cols = cols;
        this.values = values;
        assert rowStart.length == rows + 1 && rowStart[rows] == cols.length && cols.length == values.length;
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
        return values.length;
    }

    /** Stored entries over rows times columns. */
    public double density() {
        return values.length / ((double) rows * columns);
    }

    /** The entry at (i, j), 0 if not stored (binary search in row i). */
    public double get(int i, int j) {
        int k = Arrays.binarySearch(cols, rowStart[i], rowStart[i + 1], j);
        return k >= 0 ? values[k] : 0;
    }

    /** {@code y = A x}. {@code x} and {@code y} must not overlap. */
    public void multiply(double[] x, double[] y) {
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

    /** A copy with every value multiplied by {@code factor}. */
    public CsrMatrix scaled(double factor) {
        double[] v = values.clone();
        for (int k = 0; k < v.length; k++) v[k] *= factor;
        return new CsrMatrix(rows, columns, rowStart, cols, v);
    }

    /** The matrix as a dense row-major array (for tests and small matrices). */
    public double[][] toDense() {
        double[][] a = new double[rows][columns];
        for (int i = 0; i < rows; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) a[i][cols[k]] = values[k];
        }
        return a;
    }

    @Override
    public String toString() {
        return "CsrMatrix " + rows + "x" + columns + ", " + values.length + " entries";
    }
}
