package org.myelin.reservoir.readout;

import org.ejml.data.DMatrixRMaj;

/**
 * A row-wise source of feature vectors, so that large sample sets (e.g. spike counts of a liquid
 * for 60,000 images) can stay in a compact form and be expanded one row at a time.
 */
public interface Features {
    int rows();

    int columns();

    /** Copies row {@code r} into {@code out} (length {@link #columns()}). */
    void row(int r, double[] out);

    /** A view of a dense matrix. */
    static Features of(DMatrixRMaj m) {
        return new Features() {
            public int rows() {
                return m.numRows;
            }

            public int columns() {
                return m.numCols;
            }

            public void row(int r, double[] out) {
                System.arraycopy(m.data, r * m.numCols, out, 0, m.numCols);
            }
        };
    }

    /** A view of unsigned bytes, row-major {@code [rows][cols]}. */
    static Features ofUnsignedBytes(byte[] data, int rows, int cols) {
        if ((long) rows * cols > data.length) {
            throw new IllegalArgumentException("features: " + data.length + " bytes cannot hold " + rows + "x" + cols);
        }
        return new Features() {
            public int rows() {
                return rows;
            }

            public int columns() {
                return cols;
            }

            public void row(int r, double[] out) {
                int base = r * cols;
                for (int j = 0; j < cols; j++) out[j] = data[base + j] & 0xFF;
            }
        };
    }
}
