package org.myelin.reservoir.readout;

import org.ejml.data.DMatrixRMaj;

/** Row and column helpers for state matrices (one row per time step or sample). */
public final class Rows {
    private Rows() {
    }

    /** Rows {@code from .. to-1} of {@code m} as a new matrix. */
    public static DMatrixRMaj slice(DMatrixRMaj m, int from, int to) {
        if (from < 0 || to > m.numRows || from > to) {
            throw new IllegalArgumentException("row range [" + from + ", " + to + ") is invalid for " + m.numRows + " rows");
        }
        DMatrixRMaj out = new DMatrixRMaj(to - from, m.numCols);
        System.arraycopy(m.data, from * m.numCols, out.data, 0, (to - from) * m.numCols);
        return out;
    }

    /** {@code [a | b]}, column-wise concatenation of two matrices with equal rows. */
    public static DMatrixRMaj concat(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numRows != b.numRows) {
            throw new IllegalArgumentException("cannot join " + a.numRows + " rows with " + b.numRows + " rows");
        }
        int ca = a.numCols, cb = b.numCols;
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, ca + cb);
        for (int r = 0; r < a.numRows; r++) {
            System.arraycopy(a.data, r * ca, out.data, r * (ca + cb), ca);
            System.arraycopy(b.data, r * cb, out.data, r * (ca + cb) + ca, cb);
        }
        return out;
    }

    /** A {@code T x 1} matrix from a series. */
    public static DMatrixRMaj column(double[] series) {
        return new DMatrixRMaj(series.length, 1, true, series);
    }

    /** A matrix from {@code [rows][cols]} values. */
    public static DMatrixRMaj of(double[][] values) {
        return new DMatrixRMaj(values);
    }

    /** Column {@code c} as an array. */
    public static double[] column(DMatrixRMaj m, int c) {
        double[] out = new double[m.numRows];
        for (int r = 0; r < m.numRows; r++) out[r] = m.data[r * m.numCols + c];
        return out;
    }

    /** Throws if {@code m} holds NaN or infinity, naming what it is. */
    static void checkFinite(DMatrixRMaj m, String what) {
        for (int k = 0; k < m.data.length && k < m.getNumElements(); k++) {
            if (!Double.isFinite(m.data[k])) {
                throw new IllegalArgumentException(what + " holds " + m.data[k] + " at row " + (k / m.numCols)
                        + ", column " + (k % m.numCols));
            }
        }
    }
}
