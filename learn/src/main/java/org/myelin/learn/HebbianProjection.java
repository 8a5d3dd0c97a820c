package org.myelin.learn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Hebbian learning based orthogonal projection (HLOP; Xiao, Meng, Zhang, He, Lin 2024): a layer of
 * {@code k} lateral neurons whose weights {@code H} ({@code k x n}) learn, by Hebbian and
 * anti-Hebbian plasticity, the principal subspace of a population's activity; the projector onto
 * its complement, {@code I - H^T H}, then removes from any later weight update its component in
 * that subspace, so learning a new task does not interfere with what the activity of the old tasks
 * drives.
 *
 * <h2>Lateral network and its learning (per sample {@code x}, an activity trace vector)</h2>
 * <pre>
 *   y    = H x                  lateral neurons (feedforward from the population)
 *   xhat = H^T y                their feedback onto the population
 *   H_r <- H_r + eta y_r (x - xhat)^T     for the rows r of the newest subspace only
 * </pre>
 * i.e. Oja's subspace rule ({@code dH = eta (y x^T - y y^T H)}: Hebbian {@code y x^T}, anti-Hebbian
 * {@code y xhat^T} through the recurrent loop). For small {@code eta} and data with second-moment
 * matrix {@code C = E[x x^T]}, the rows converge to an orthonormal basis of the span of the top
 * {@code k} eigenvectors of {@code C} (Oja 1989); note that {@code C} is not centred, as in the
 * paper (for zero-mean activity it is the principal subspace).
 *
 * <h2>Subspaces for successive tasks</h2>
 * {@link #addSubspace} appends {@code k} rows (orthonormal random start) for a new task; the
 * earlier rows are then frozen, and since {@code xhat} uses all rows, the new rows learn the
 * principal subspace of what the frozen ones do not yet represent (the paper's
 * {@code fix_subspace_id_list}).
 *
 * <h2>Projection</h2>
 * {@link #project} gives {@code x - H^T H x}; {@link #projectUpdate} replaces a weight update
 * {@code dW} (rows over the same {@code n} inputs) by {@code dW (I - H^T H)}. When the rows of
 * {@code H} are orthonormal (as learned), {@code P = H^T H} is the orthogonal projector onto the
 * learned subspace, and for any {@code x} in it {@code dW (I - P) x = 0}: outputs for the old
 * tasks' activity do not change. {@link #orthonormalityError()} says how far the rows are from
 * orthonormal.
 *
 * <p>Not thread-safe; {@link #learn} and {@link #project} allocate nothing.
 *
 * <p>References: Xiao et al. (2024) ICLR, arXiv:2402.11984; Oja (1989) Int J Neural Syst 1:61;
 * Pehlevan, Hu, Chklovskii (2015) Neural Comput 27:1461 (Hebbian/anti-Hebbian subspace networks).
 */
public final class HebbianProjection {
    private final int n;
    private final double eta;
    private double[] h = new double[0]; // row-major k x n
    private int rows;
    private int learnFrom; // first row that learns
    private double[] y = new double[0];
    private final double[] xhat;

    /** A projection over {@code inputs} activities with learning rate {@code eta}, and no subspace yet. */
    public HebbianProjection(int inputs, double eta) {
        if (inputs < 1) throw new IllegalArgumentException("inputs = " + inputs + " is invalid; valid: >= 1");
        if (!(eta > 0) || !Double.isFinite(eta)) throw new IllegalArgumentException("eta = " + eta + " is invalid; valid: (0, inf)");
        this.n = inputs;
        this.eta = eta;
        this.xhat = new double[inputs];
    }

    /** Number of activities (the population size). */
    public int inputs() {
        return n;
    }

    /** Number of lateral neurons (the subspace dimension). */
    public int dimension() {
        return rows;
    }

    /**
     * Appends {@code k} lateral neurons for a new task, their weights an orthonormal random basis
     * (Gram-Schmidt on Gaussian draws from {@code seed}) orthogonal to the existing rows; the
     * existing rows stop learning.
     */
    public void addSubspace(int k, long seed) {
        if (k < 1 || rows + k > n) {
            throw new IllegalArgumentException("k = " + k + " is invalid; valid: 1 to " + (n - rows) + " (inputs " + n
                    + ", already " + rows + ")");
        }
        double[] nh = Arrays.copyOf(h, (rows + k) * n);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int r = rows; r < rows + k; r++) {
            double norm = 0;
            while (norm < 1e-6) {
                for (int j = 0; j < n; j++) nh[r * n + j] = gaussian(rng);
                for (int q = 0; q < r; q++) {
                    double dot = 0;
                    for (int j = 0; j < n; j++) dot += nh[r * n + j] * nh[q * n + j];
                    for (int j = 0; j < n; j++) nh[r * n + j] -= dot * nh[q * n + j];
                }
                norm = 0;
                for (int j = 0; j < n; j++) norm += nh[r * n + j] * nh[r * n + j];
                norm = Math.sqrt(norm);
            }
            for (int j = 0; j < n; j++) nh[r * n + j] /= norm;
        }
        h = nh;
        learnFrom = rows;
        rows += k;
        y = new double[rows];
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    /** One Hebbian/anti-Hebbian step on activity {@code x} (only the newest subspace learns). */
    public void learn(double[] x) {
        check(x);
        if (rows == 0) throw new IllegalStateException("no subspace: call addSubspace first");
        lateral(x);
        for (int r = learnFrom; r < rows; r++) {
            final double g = eta * y[r];
            final int o = r * n;
            for (int j = 0; j < n; j++) h[o + j] += g * (x[j] - xhat[j]);
        }
    }

    /** y = H x and xhat = H^T y. */
    private void lateral(double[] x) {
        final int n = this.n;
        for (int r = 0; r < rows; r++) {
            double s = 0;
            final int o = r * n;
            for (int j = 0; j < n; j++) s += h[o + j] * x[j];
            y[r] = s;
        }
        Arrays.fill(xhat, 0);
        for (int r = 0; r < rows; r++) {
            final double g = y[r];
            final int o = r * n;
            for (int j = 0; j < n; j++) xhat[j] += g * h[o + j];
        }
    }

    /** Writes {@code x - H^T H x} to {@code out} (may be {@code x} itself). */
    public void project(double[] x, double[] out) {
        check(x);
        check(out);
        if (rows == 0) {
            if (out != x) System.arraycopy(x, 0, out, 0, n);
            return;
        }
        lateral(x);
        for (int j = 0; j < n; j++) out[j] = x[j] - xhat[j];
    }

    /** Replaces each row {@code d} of a weight update by {@code d (I - H^T H)}, in place. */
    public void projectUpdate(double[][] dw) {
        for (double[] row : dw) project(row, row);
    }

    /** A copy of the lateral weights, {@code [neuron][input]}. */
    public double[][] weights() {
        double[][] c = new double[rows][];
        for (int r = 0; r < rows; r++) c[r] = Arrays.copyOfRange(h, r * n, (r + 1) * n);
        return c;
    }

    /** {@code max |H H^T - I|}: 0 when the rows are orthonormal and {@code H^T H} a projector. */
    public double orthonormalityError() {
        double m = 0;
        for (int a = 0; a < rows; a++) {
            for (int c = 0; c < rows; c++) {
                double s = 0;
                for (int j = 0; j < n; j++) s += h[a * n + j] * h[c * n + j];
                m = Math.max(m, Math.abs(s - (a == c ? 1 : 0)));
            }
        }
        return m;
    }

    private void check(double[] x) {
        if (x.length != n) throw new IllegalArgumentException("vector has " + x.length + " values, expected " + n);
    }
}
