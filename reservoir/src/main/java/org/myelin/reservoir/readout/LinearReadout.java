package org.myelin.reservoir.readout;

import org.ejml.data.DMatrixRMaj;

/**
 * A trained linear map from features to outputs: {@code y = W^T x + b}, with {@code W} of shape
 * {@code features x outputs}. Produced by {@link Ridge} or {@link Rls}.
 */
public final class LinearReadout {
    private final int features;
    private final int outputs;
    private final double[] w; // [features * outputs], row-major
    private final double[] b;
    private final double lambda;

    LinearReadout(int features, int outputs, double[] w, double[] b, double lambda) {
        this.features = features;
        this.outputs = outputs;
        this.w = w;
        this.b = b;
        this.lambda = lambda;
    }

    /** A readout from explicit weights {@code [features][outputs]} and intercepts {@code [outputs]}. */
    public static LinearReadout of(double[][] weights, double[] intercept) {
        int f = weights.length, o = intercept.length;
        double[] w = new double[f * o];
        for (int i = 0; i < f; i++) {
            if (weights[i].length != o) {
                throw new IllegalArgumentException("weights row " + i + " has " + weights[i].length + " entries; valid: " + o);
            }
            System.arraycopy(weights[i], 0, w, i * o, o);
        }
        return new LinearReadout(f, o, w, intercept.clone(), Double.NaN);
    }

    public int features() {
        return features;
    }

    public int outputs() {
        return outputs;
    }

    /** The regularisation it was trained with (absolute, as added to the Gram diagonal), NaN if none. */
    public double lambda() {
        return lambda;
    }

    /** Weight from feature {@code i} to output {@code k}. */
    public double weight(int i, int k) {
        return w[i * outputs + k];
    }

    public double intercept(int k) {
        return b[k];
    }

    /** {@code y = W^T x + b} for one feature vector; no allocation. */
    public void predict(double[] x, double[] y) {
        final int f = features, o = outputs;
        final double[] ww = w;
        for (int k = 0; k < o; k++) y[k] = b[k];
        for (int i = 0; i < f; i++) {
            final double xi = x[i];
            if (xi == 0) continue;
            final int base = i * o;
            for (int k = 0; k < o; k++) y[k] += ww[base + k] * xi;
        }
    }

    /** Predictions for every row of {@code x} ({@code rows x features}): {@code rows x outputs}. */
    public DMatrixRMaj predict(DMatrixRMaj x) {
        if (x.numCols != features) {
            throw new IllegalArgumentException("feature matrix has " + x.numCols + " columns; the readout takes " + features);
        }
        DMatrixRMaj y = new DMatrixRMaj(x.numRows, outputs);
        double[] row = new double[features];
        double[] out = new double[outputs];
        for (int r = 0; r < x.numRows; r++) {
            System.arraycopy(x.data, r * features, row, 0, features);
            predict(row, out);
            System.arraycopy(out, 0, y.data, r * outputs, outputs);
        }
        return y;
    }
}
