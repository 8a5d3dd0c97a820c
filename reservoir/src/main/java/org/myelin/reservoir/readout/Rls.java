package org.myelin.reservoir.readout;

/**
 * Online recursive least squares for a linear readout, as used by FORCE learning (Sussillo and
 * Abbott 2009): after each sample the weights move to the exact (exponentially weighted,
 * regularised) least-squares solution of everything seen so far.
 * <pre>
 *   P(0) = I / alpha
 *   k    = P x / (forgetting + x^T P x)
 *   e    = W^T x + b - target          (error before the update)
 *   W   -= k e^T
 *   P    = (P - k x^T P) / forgetting
 * </pre>
 * A constant feature 1 is appended so the intercept is learned too. With {@code forgetting = 1},
 * after T samples the weights equal ridge regression with regularisation {@code alpha} on the
 * (uncentred, intercept-penalised) augmented features, which the tests check.
 *
 * <p>Cost {@code O(F^2)} per sample; {@link #update} allocates nothing.
 */
public final class Rls {
    private final int f; // features including the constant
    private final int o;
    private final double forgetting;
    private final double[] p; // f x f
    private final double[] w; // f x o
    private final double[] x;
    private final double[] px;
    private final double[] y;

    /**
     * @param features   features per sample (without the constant)
     * @param outputs    outputs
     * @param alpha      initial regularisation ({@code P(0) = I / alpha}), &gt; 0
     * @param forgetting forgetting factor in (0, 1]; 1 forgets nothing
     */
    public Rls(int features, int outputs, double alpha, double forgetting) {
        if (features < 1) throw new IllegalArgumentException("rls: features = " + features + "; valid: >= 1");
        if (outputs < 1) throw new IllegalArgumentException("rls: outputs = " + outputs + "; valid: >= 1");
        if (!(alpha > 0) || Double.isInfinite(alpha)) throw new IllegalArgumentException("rls: alpha = " + alpha + "; valid: (0, inf)");
        if (!(forgetting > 0 && forgetting <= 1)) {
            throw new IllegalArgumentException("rls: forgetting = " + forgetting + "; valid: (0, 1]");
        }
        this.f = features + 1;
        this.o = outputs;
        this.forgetting = forgetting;
        this.p = new double[f * f];
        for (int i = 0; i < f; i++) p[i * f + i] = 1 / alpha;
        this.w = new double[f * o];
        this.x = new double[f];
        this.px = new double[f];
        this.y = new double[o];
    }

    /** Predicts into {@code out} (length outputs). */
    public void predict(double[] features, double[] out) {
        final int n = f - 1;
        for (int k = 0; k < o; k++) out[k] = w[n * o + k];
        for (int i = 0; i < n; i++) {
            double xi = features[i];
            if (xi == 0) continue;
            for (int k = 0; k < o; k++) out[k] += w[i * o + k] * xi;
        }
    }

    /** One RLS step towards {@code target}; returns the squared prediction error before the update. */
    public double update(double[] features, double[] target) {
        final int n = f;
        final double[] pp = p;
        System.arraycopy(features, 0, x, 0, n - 1);
        x[n - 1] = 1;
        predict(features, y);
        double err = 0;
        for (int k = 0; k < o; k++) {
            y[k] -= target[k];
            err += y[k] * y[k];
        }
        // px = P x (P symmetric)
        double denom = forgetting;
        for (int i = 0; i < n; i++) {
            double s = 0;
            int base = i * n;
            for (int j = 0; j < n; j++) s += pp[base + j] * x[j];
            px[i] = s;
            denom += x[i] * s;
        }
        double inv = 1 / denom;
        for (int i = 0; i < n; i++) {
            double ki = px[i] * inv;
            for (int k = 0; k < o; k++) w[i * o + k] -= ki * y[k];
        }
        double lf = 1 / forgetting;
        for (int i = 0; i < n; i++) {
            double ki = px[i] * inv;
            int base = i * n;
            for (int j = 0; j < n; j++) pp[base + j] = (pp[base + j] - ki * px[j]) * lf;
        }
        return err;
    }

    /** The current weights as a readout. */
    public LinearReadout readout() {
        int n = f - 1;
        double[] ww = new double[n * o];
        System.arraycopy(w, 0, ww, 0, n * o);
        double[] b = new double[o];
        System.arraycopy(w, n * o, b, 0, o);
        return new LinearReadout(n, o, ww, b, Double.NaN);
    }
}
