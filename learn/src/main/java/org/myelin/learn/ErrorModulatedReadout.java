package org.myelin.learn;

import java.util.Arrays;

/**
 * An online, error-modulated Hebbian readout (a three-factor rule): a linear map from a feature
 * stream (rates, reservoir states, filtered spike trains) to {@code outputs} values, learned sample
 * by sample from a presynaptic trace, a postsynaptic output and a third factor, the output error.
 * Rate-based and independent of the kernel, so any feature stream (e.g. a reservoir's) can use it.
 *
 * <h2>Rule (per sample {@code t}, in this order)</h2>
 * <pre>
 *   x_j(t) = lambda x_j(t-1) + u_j(t)          presynaptic trace, lambda = exp(-1/tau) (x = u when tau = 0)
 *   y_i(t) = sum_j W_ij x_j(t) + b_i            output ({@link #step})
 *   e_i(t) = target_i(t) - y_i(t)               error, the modulating third factor ({@link #learn}),
 *                                               or given directly ({@link #learnError})
 *   W_ij <- clip((1 - gamma) W_ij + eta e_i(t) xp_j(t))
 *   b_i  <- b_i + eta e_i(t)                    (only with a bias)
 * </pre>
 * with {@code xp = x}, or {@code xp = x - P x} when a {@link HebbianProjection} is attached
 * ({@link #projection}), so that the update {@code eta e xp^T = eta e x^T (I - P)} leaves the outputs
 * for inputs in the protected subspace unchanged (Xiao et al. 2024). {@code clip} bounds every
 * weight to {@code [-wmax, wmax]} (no bound when {@code wmax} is infinite). With
 * {@link Options#normalized(boolean)} the step is {@code eta / (epsilon + |xp|^2)} (normalised LMS,
 * stable for {@code 0 < eta < 2} whatever the scale of the features).
 *
 * <p>Without decay or clipping this is the Widrow-Hoff (LMS) delta rule on the traces: for small
 * {@code eta} and stationary data the weights converge, in the mean, to the least-squares solution
 * {@code W = E[t x^T] E[x x^T]^-1}; with decay {@code gamma} to the ridge solution
 * {@code W = E[t x^T] (E[x x^T] + (gamma/eta) I)^-1}; the excess error is of order
 * {@code eta tr(E[x x^T]) / 2} relative to the noise (Widrow and Stearns 1985).
 *
 * <p>Not thread-safe; {@link #step} and {@link #learn} allocate nothing (the returned output
 * array is reused).
 *
 * <p>References: Widrow, Hoff (1960); Fremaux, Gerstner (2016) Front Neural Circuits 9:85 (three-factor
 * rules); Xiao et al. (2024) ICLR, arXiv:2402.11984 (projected traces).
 */
public final class ErrorModulatedReadout {
    /** Learning options with documented defaults; validated when a readout is made. */
    public static final class Options {
        double eta = 0.01;
        double tau = 0;
        double decay = 0;
        double wmax = Double.POSITIVE_INFINITY;
        boolean bias = true;
        boolean normalized = false;
        double epsilon = 1e-6;

        /** The defaults: eta 0.01, no trace, no decay, no bound, a bias, plain (not normalised) LMS. */
        public Options() {
        }

        /** Learning rate {@code eta} (default 0.01); with normalisation, in (0, 2). */
        public Options eta(double v) {
            eta = v;
            return this;
        }

        /** Trace time constant in samples (default 0: the trace is the input itself). */
        public Options tau(double samples) {
            tau = samples;
            return this;
        }

        /** Weight decay {@code gamma} per update, in [0, 1) (default 0). */
        public Options decay(double gamma) {
            decay = gamma;
            return this;
        }

        /** Bound on |w| (default: none). */
        public Options wmax(double v) {
            wmax = v;
            return this;
        }

        /** Whether each output has a learned bias (default true). */
        public Options bias(boolean b) {
            bias = b;
            return this;
        }

        /** Normalised LMS: step {@code eta / (epsilon + |xp|^2)} (default false, epsilon 1e-6). */
        public Options normalized(boolean n) {
            normalized = n;
            return this;
        }

        void validate() {
            if (!(eta > 0) || !Double.isFinite(eta) || (normalized && !(eta < 2))) {
                throw new IllegalArgumentException("eta = " + eta + " is invalid; valid: " + (normalized ? "(0, 2)" : "(0, inf)"));
            }
            if (!(tau >= 0) || !Double.isFinite(tau)) {
                throw new IllegalArgumentException("tau = " + tau + " samples is invalid; valid: [0, inf) (0: no trace)");
            }
            if (!(decay >= 0 && decay < 1)) {
                throw new IllegalArgumentException("decay = " + decay + " is invalid; valid: [0, 1)");
            }
            if (!(wmax > 0)) {
                throw new IllegalArgumentException("wmax = " + wmax + " is invalid; valid: (0, inf]");
            }
        }
    }

    private final int inputs;
    private final int outputs;
    private final double eta;
    private final double lambda;
    private final double keep;
    private final double wmax;
    private final boolean bias;
    private final boolean normalized;
    private final double epsilon;
    /** Weights, row-major: {@code w[i * inputs + j]}. */
    private final double[] w;
    private final double[] b;
    private final double[] x;
    private final double[] xp;
    private final double[] y;
    private final double[] e;
    private HebbianProjection projection;

    /** A readout with zero weights and traces. */
    public ErrorModulatedReadout(int inputs, int outputs, Options o) {
        if (inputs < 1) throw new IllegalArgumentException("inputs = " + inputs + " is invalid; valid: >= 1");
        if (outputs < 1) throw new IllegalArgumentException("outputs = " + outputs + " is invalid; valid: >= 1");
        o.validate();
        this.inputs = inputs;
        this.outputs = outputs;
        this.eta = o.eta;
        this.lambda = o.tau == 0 ? 0 : Math.exp(-1 / o.tau);
        this.keep = 1 - o.decay;
        this.wmax = o.wmax;
        this.bias = o.bias;
        this.normalized = o.normalized;
        this.epsilon = o.epsilon;
        this.w = new double[inputs * outputs];
        this.b = new double[outputs];
        this.x = new double[inputs];
        this.xp = new double[inputs];
        this.y = new double[outputs];
        this.e = new double[outputs];
    }

    /** Protects the subspace learned by {@code p} from later updates (null: no projection). */
    public ErrorModulatedReadout projection(HebbianProjection p) {
        if (p != null && p.inputs() != inputs) {
            throw new IllegalArgumentException("projection has " + p.inputs() + " inputs, the readout " + inputs);
        }
        projection = p;
        return this;
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    /**
     * Feeds one sample: updates the traces and returns the output {@code y = W x + b} (a reused
     * array, valid until the next call).
     */
    public double[] step(double[] u) {
        if (u.length != inputs) throw new IllegalArgumentException("sample has " + u.length + " values, expected " + inputs);
        final double l = lambda;
        for (int j = 0; j < inputs; j++) x[j] = l * x[j] + u[j];
        return output();
    }

    /** The output for the current traces, without feeding a sample. */
    private double[] output() {
        for (int i = 0; i < outputs; i++) {
            double s = b[i];
            final int o = i * inputs;
            for (int j = 0; j < inputs; j++) s += w[o + j] * x[j];
            y[i] = s;
        }
        return y;
    }

    /** Learns from the error {@code target - y} of the last {@link #step}; returns the squared error sum. */
    public double learn(double[] target) {
        if (target.length != outputs) throw new IllegalArgumentException("target has " + target.length + " values, expected " + outputs);
        double sq = 0;
        for (int i = 0; i < outputs; i++) {
            e[i] = target[i] - y[i];
            sq += e[i] * e[i];
        }
        update(e);
        return sq;
    }

    /** Learns from a given error (the third factor) with the current traces. */
    public void learnError(double[] error) {
        if (error.length != outputs) throw new IllegalArgumentException("error has " + error.length + " values, expected " + outputs);
        update(error);
    }

    /** {@link #step} then {@link #learn}; returns the squared error sum before the update. */
    public double train(double[] u, double[] target) {
        step(u);
        return learn(target);
    }

    private void update(double[] err) {
        final double[] v;
        if (projection != null) {
            projection.project(x, xp);
            v = xp;
        } else {
            v = x;
        }
        double rate = eta;
        if (normalized) {
            double n2 = 0;
            for (int j = 0; j < inputs; j++) n2 += v[j] * v[j];
            rate = eta / (epsilon + n2);
        }
        final double keep = this.keep, wmax = this.wmax;
        for (int i = 0; i < outputs; i++) {
            final double g = rate * err[i];
            final int o = i * inputs;
            for (int j = 0; j < inputs; j++) {
                double nw = keep * w[o + j] + g * v[j];
                if (nw > wmax) nw = wmax;
                else if (nw < -wmax) nw = -wmax;
                w[o + j] = nw;
            }
            if (bias) b[i] += g;
        }
    }

    /** Predicts for a sample without changing the traces or weights: {@code W u + b} (allocates). */
    public double[] predict(double[] u) {
        if (u.length != inputs) throw new IllegalArgumentException("sample has " + u.length + " values, expected " + inputs);
        double[] out = new double[outputs];
        for (int i = 0; i < outputs; i++) {
            double s = b[i];
            for (int j = 0; j < inputs; j++) s += w[i * inputs + j] * u[j];
            out[i] = s;
        }
        return out;
    }

    /** Clears the traces (e.g. between sequences); weights are kept. */
    public void reset() {
        Arrays.fill(x, 0);
    }

    /** Weight {@code W_ij} (output i, input j). */
    public double weight(int i, int j) {
        return w[i * inputs + j];
    }

    /** A copy of the weights, {@code [output][input]}. */
    public double[][] weights() {
        double[][] c = new double[outputs][];
        for (int i = 0; i < outputs; i++) c[i] = Arrays.copyOfRange(w, i * inputs, (i + 1) * inputs);
        return c;
    }

    /** A copy of the biases. */
    public double[] biases() {
        return b.clone();
    }

    /** A copy of the current presynaptic traces. */
    public double[] traces() {
        return x.clone();
    }
}
