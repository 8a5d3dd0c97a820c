package org.myelin.reservoir.readout;

import org.ejml.data.DMatrixRMaj;
import org.myelin.learn.ErrorModulatedReadout;

/**
 * A readout learned online by learn's {@link ErrorModulatedReadout}: a local three-factor rule
 * (presynaptic feature times the output error, the modulating third factor), sample by sample, with
 * no matrix inversion; the online, local alternative to {@link Ridge} and {@link SoftmaxRegression}.
 *
 * <h2>Exactly what {@link #fit} does</h2>
 * <ol>
 * <li>Each feature column j is centred and scaled, {@code z_j = (x_j - mu_j) / sd_j}, with the
 * training rows' mean and standard deviation ({@code sd_j = 1} for a constant column). The rule itself
 * is scale-free (normalised), but centring removes the common mode that otherwise dominates the
 * correlation matrix of reservoir states and slows the rule by orders of magnitude.</li>
 * <li>For {@code epochs} passes over the training rows, in time order, each row is one sample of
 * {@link ErrorModulatedReadout} with {@code Options().eta(eta).normalized(true).decay(decay)}, a bias and
 * no trace ({@code tau = 0}): output {@code y = W z + b} ({@code step}), third factor
 * {@code e = (target - y) / (1 + k)} in pass {@code k = 0..epochs-1} ({@code learnError}), so
 * {@code W <- (1 - decay) W + eta e z^T / (1e-6 + |z|^2)} and {@code b <- b + eta e / (1e-6 + |z|^2)}:
 * normalised LMS with the step {@code eta / (1 + k)}, decreasing so that the last passes average out
 * the noise of the updates.</li>
 * <li>The learned map is folded back into the original features:
 * {@code W'_ij = W_ij / sd_j}, {@code b'_i = b_i - sum_j W_ij mu_j / sd_j}, and returned as a
 * {@link LinearReadout} ({@code lambda()} NaN).</li>
 * </ol>
 * Cost {@code O(epochs * rows * features * outputs)}; memory {@code O(features * outputs)} beyond the
 * data.
 *
 * <p>References: Widrow and Hoff (1960) (LMS); Nagumo and Noda (1967) (normalised LMS); Fremaux and
 * Gerstner (2016) (three-factor rules).
 */
public final class ErrorModulated {
    private ErrorModulated() {
    }

    /** Settings with documented defaults; validated by {@link #conclude()}. */
    public static final class Context {
        private double eta = 0.5;
        private int epochs = 50;
        private double decay = 0;
        private double anneal = 0.1;

        /** Initial normalised step in (0, 2) (default 0.5). */
        public Context eta(double v) {
            eta = v;
            return this;
        }

        /** Passes over the training rows (default 50). */
        public Context epochs(int e) {
            epochs = e;
            return this;
        }

        /** Weight decay per sample in [0, 1) (default 0). */
        public Context decay(double d) {
            decay = d;
            return this;
        }

        /** Annealing rate {@code a} of the step {@code eta / (1 + a k)} in pass k (default 0.1; 0: constant). */
        public Context anneal(double a) {
            anneal = a;
            return this;
        }

        public int epochs() {
            return epochs;
        }

        public Context conclude() {
            if (!(eta > 0 && eta < 2)) throw new IllegalArgumentException("error-modulated readout: eta = " + eta + "; valid: (0, 2)");
            if (epochs < 1) throw new IllegalArgumentException("error-modulated readout: epochs = " + epochs + "; valid: >= 1");
            if (!(anneal >= 0) || Double.isInfinite(anneal)) {
                throw new IllegalArgumentException("error-modulated readout: anneal = " + anneal + "; valid: [0, inf)");
            }
            if (!(decay >= 0 && decay < 1)) {
                throw new IllegalArgumentException("error-modulated readout: decay = " + decay + "; valid: [0, 1)");
            }
            return this;
        }
    }

    /** Learns {@code y} ({@code rows x outputs}) from {@code x} ({@code rows x features}) as described above. */
    public static LinearReadout fit(DMatrixRMaj x, DMatrixRMaj y, Context c) {
        c.conclude();
        if (x.numRows != y.numRows) {
            throw new IllegalArgumentException("error-modulated readout: " + x.numRows + " feature rows and " + y.numRows
                    + " target rows; valid: equal");
        }
        if (x.numRows < 2) throw new IllegalArgumentException("error-modulated readout: " + x.numRows + " rows; valid: >= 2");
        Rows.checkFinite(x, "error-modulated readout: the features");
        Rows.checkFinite(y, "error-modulated readout: the targets");
        final int n = x.numRows, f = x.numCols, o = y.numCols;
        double[] mu = new double[f], sd = new double[f];
        for (int r = 0; r < n; r++) for (int j = 0; j < f; j++) mu[j] += x.data[r * f + j];
        for (int j = 0; j < f; j++) mu[j] /= n;
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < f; j++) {
                double d = x.data[r * f + j] - mu[j];
                sd[j] += d * d;
            }
        }
        for (int j = 0; j < f; j++) {
            sd[j] = Math.sqrt(sd[j] / n);
            if (!(sd[j] > 0)) sd[j] = 1;
        }
        double[] z = new double[f], e = new double[o];
        ErrorModulatedReadout rule = new ErrorModulatedReadout(f, o,
                new ErrorModulatedReadout.Options().eta(c.eta).normalized(true).decay(c.decay));
        for (int k = 0; k < c.epochs; k++) {
            // pass k's step eta / (1 + anneal k), given to the rule as a scaled error (its third factor)
            final double scale = 1.0 / (1 + c.anneal * k);
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < f; j++) z[j] = (x.data[r * f + j] - mu[j]) / sd[j];
                double[] out = rule.step(z);
                for (int i = 0; i < o; i++) e[i] = scale * (y.data[r * o + i] - out[i]);
                rule.learnError(e);
            }
        }
        double[][] w = rule.weights();
        double[] b = rule.biases();
        double[][] wt = new double[f][o];
        double[] b0 = b.clone();
        for (int i = 0; i < o; i++) {
            for (int j = 0; j < f; j++) {
                wt[j][i] = w[i][j] / sd[j];
                b0[i] -= w[i][j] * mu[j] / sd[j];
            }
        }
        return LinearReadout.of(wt, b0);
    }
}
