package org.myelin.reservoir;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.myelin.core.Rng;

/**
 * An echo-state network (Jaeger 2001): a fixed random recurrent network of leaky-integrator units
 * whose state is read out by a trained linear map (see {@code org.myelin.reservoir.readout}).
 *
 * <h2>Equations</h2>
 * <pre>
 *   a(t) = W x(t-1) + W_in u(t) + b + W_fb y(t-1) + xi(t)
 *   x(t) = (1 - leak) x(t-1) + leak f(a(t))
 * </pre>
 * with {@code f = tanh} (or the identity, for linear reservoirs), {@code W} sparse in CSR form,
 * {@code xi} uniform state noise in {@code [-noise, noise]} drawn from a counter-based stream keyed
 * by (seed, step, unit), and {@code y(t-1)} the previous output: the teacher during training
 * (teacher forcing), the readout's own prediction when running freely.
 *
 * <h2>Topologies</h2>
 * <table>
 * <caption>Recurrent weight options</caption>
 * <tr><th>topology</th><th>W</th></tr>
 * <tr><td>{@code RANDOM}</td><td>each unit draws {@code round(density N)} distinct inputs (at least 1) from
 * its own random stream; weights N(0, 1); rescaled to the spectral radius, computed by
 * {@link SpectralRadius} (restarted Arnoldi on the sparse matrix)</td></tr>
 * <tr><td>{@code ORTHOGONAL}</td><td>a Haar-random orthogonal matrix (QR of a Gaussian matrix, signs
 * fixed) times the spectral radius; dense, all eigenvalues of modulus exactly the radius</td></tr>
 * <tr><td>{@code RING}</td><td>a cycle, unit i receives from unit i-1 (mod N) with weight equal to the
 * spectral radius (Rodan and Tino 2011)</td></tr>
 * <tr><td>{@code DELAY_LINE}</td><td>a chain, unit i receives from i-1 with weight 1 and only unit 0
 * receives input: with the identity activation, unit i holds u(t-i) (nilpotent, radius 0; the
 * spectral radius setting is ignored)</td></tr>
 * </table>
 * Input weights are uniform in {@code [-1, 1]} times the input scaling, each present with
 * probability {@code inputDensity}; bias and feedback weights are uniform in {@code [-1, 1]} times
 * their scalings. Explicit matrices can replace any of them.
 *
 * <h2>Parameters</h2>
 * <table>
 * <caption>Context settings</caption>
 * <tr><th>name</th><th>default</th><th>valid</th></tr>
 * <tr><td>units</td><td>100</td><td>&gt;= 1</td></tr>
 * <tr><td>inputs</td><td>1</td><td>&gt;= 0</td></tr>
 * <tr><td>feedbacks (outputs fed back)</td><td>0</td><td>&gt;= 0</td></tr>
 * <tr><td>topology</td><td>RANDOM</td><td></td></tr>
 * <tr><td>density</td><td>0.1</td><td>(0, 1]</td></tr>
 * <tr><td>spectralRadius</td><td>0.9</td><td>&gt;= 0</td></tr>
 * <tr><td>inputScaling</td><td>1</td><td>&gt;= 0</td></tr>
 * <tr><td>inputDensity</td><td>1</td><td>(0, 1]</td></tr>
 * <tr><td>biasScaling</td><td>0</td><td>&gt;= 0</td></tr>
 * <tr><td>feedbackScaling</td><td>0</td><td>&gt;= 0</td></tr>
 * <tr><td>leak</td><td>1</td><td>(0, 1]</td></tr>
 * <tr><td>noise</td><td>0</td><td>&gt;= 0</td></tr>
 * <tr><td>activation</td><td>TANH</td><td></td></tr>
 * <tr><td>seed</td><td>1</td><td></td></tr>
 * <tr><td>precision (of the stored recurrent weights)</td><td>DOUBLE</td><td>DOUBLE, FLOAT</td></tr>
 * </table>
 *
 * <h2>Precision</h2>
 * With {@code precision(FLOAT)} the recurrent weights are generated and scaled to the spectral radius
 * in double as usual, then each is rounded to the nearest float ({@link CsrMatrix.Precision}); an
 * explicit {@link Context#recurrent} matrix is converted the same way. State, inputs and sums stay
 * double, so the float reservoir differs from the double one only by that rounding of {@code W}
 * (relative {@code 2^-24} per weight).
 *
 * <p>Not thread-safe: one instance per thread. {@link #step} allocates nothing.
 */
public final class Esn implements Reservoir {
    /** Recurrent weight structure. */
    public enum Topology { RANDOM, ORTHOGONAL, RING, DELAY_LINE }

    /** Unit nonlinearity. */
    public enum Activation { TANH, IDENTITY }

    /** Settings with documented defaults, validated once by {@link #conclude()}. */
    public static final class Context {
        private int units = 100;
        private int inputs = 1;
        private int feedbacks;
        private Topology topology = Topology.RANDOM;
        private double density = 0.1;
        private double spectralRadius = 0.9;
        private double inputScaling = 1;
        private double inputDensity = 1;
        private double biasScaling;
        private double feedbackScaling;
        private double leak = 1;
        private double noise;
        private Activation activation = Activation.TANH;
        private long seed = 1;
        private CsrMatrix.Precision precision = CsrMatrix.Precision.DOUBLE;
        private CsrMatrix recurrent;
        private double[][] inputWeights;
        private double[] bias;

        public Context units(int n) {
            units = n;
            return this;
        }

        public Context inputs(int d) {
            inputs = d;
            return this;
        }

        /** Number of outputs fed back into the reservoir (0: no feedback). */
        public Context feedbacks(int o) {
            feedbacks = o;
            return this;
        }

        public Context topology(Topology t) {
            topology = t;
            return this;
        }

        /** Fraction of recurrent connections present ({@code RANDOM} topology). */
        public Context density(double d) {
            density = d;
            return this;
        }

        public Context spectralRadius(double r) {
            spectralRadius = r;
            return this;
        }

        public Context inputScaling(double s) {
            inputScaling = s;
            return this;
        }

        /** Fraction of input weights present. */
        public Context inputDensity(double d) {
            inputDensity = d;
            return this;
        }

        public Context biasScaling(double s) {
            biasScaling = s;
            return this;
        }

        public Context feedbackScaling(double s) {
            feedbackScaling = s;
            return this;
        }

        /** Leak rate (1: no leak, plain ESN units). */
        public Context leak(double a) {
            leak = a;
            return this;
        }

        /** Amplitude of uniform state noise added to each unit's input. */
        public Context noise(double n) {
            noise = n;
            return this;
        }

        public Context activation(Activation f) {
            activation = f;
            return this;
        }

        public Context seed(long s) {
            seed = s;
            return this;
        }

        /** How the recurrent weights are stored (see the class documentation). */
        public Context precision(CsrMatrix.Precision p) {
            precision = p;
            return this;
        }

        public CsrMatrix.Precision precision() {
            return precision;
        }

        /** Explicit recurrent weights, used as given (no rescaling); overrides the topology. */
        public Context recurrent(CsrMatrix w) {
            recurrent = w;
            return this;
        }

        /** Explicit input weights, {@code [units][inputs]}, used as given. */
        public Context inputWeights(double[][] w) {
            inputWeights = w;
            return this;
        }

        /** Explicit bias, {@code [units]}, used as given. */
        public Context bias(double[] b) {
            bias = b;
            return this;
        }

        public int units() {
            return units;
        }

        public int inputs() {
            return inputs;
        }

        public int feedbacks() {
            return feedbacks;
        }

        public Topology topology() {
            return topology;
        }

        public double density() {
            return density;
        }

        public double spectralRadius() {
            return spectralRadius;
        }

        public double inputScaling() {
            return inputScaling;
        }

        public double biasScaling() {
            return biasScaling;
        }

        public double feedbackScaling() {
            return feedbackScaling;
        }

        public double leak() {
            return leak;
        }

        public double noise() {
            return noise;
        }

        public Activation activation() {
            return activation;
        }

        public long seed() {
            return seed;
        }

        /** Validates every setting, naming the key, the value and the valid range. */
        public Context conclude() {
            check(units >= 1, "units", units, ">= 1");
            check(inputs >= 0, "inputs", inputs, ">= 0");
            check(feedbacks >= 0, "feedbacks", feedbacks, ">= 0");
            check(density > 0 && density <= 1, "density", density, "(0, 1]");
            check(spectralRadius >= 0 && Double.isFinite(spectralRadius), "spectralRadius", spectralRadius, "[0, inf)");
            check(inputScaling >= 0 && Double.isFinite(inputScaling), "inputScaling", inputScaling, "[0, inf)");
            check(inputDensity > 0 && inputDensity <= 1, "inputDensity", inputDensity, "(0, 1]");
            check(biasScaling >= 0 && Double.isFinite(biasScaling), "biasScaling", biasScaling, "[0, inf)");
            check(feedbackScaling >= 0 && Double.isFinite(feedbackScaling), "feedbackScaling", feedbackScaling, "[0, inf)");
            check(leak > 0 && leak <= 1, "leak", leak, "(0, 1]");
            check(noise >= 0 && Double.isFinite(noise), "noise", noise, "[0, inf)");
            if (topology == null) throw new IllegalArgumentException("esn: topology must not be null");
            if (activation == null) throw new IllegalArgumentException("esn: activation must not be null");
            if (precision == null) throw new IllegalArgumentException("esn: precision must not be null; valid: DOUBLE, FLOAT");
            if (recurrent != null && (recurrent.rows != units || recurrent.columns != units)) {
                throw new IllegalArgumentException("esn: recurrent weights are " + recurrent.rows + "x" + recurrent.columns
                        + "; valid: " + units + "x" + units + " (units x units)");
            }
            if (inputWeights != null) {
                if (inputWeights.length != units) {
                    throw new IllegalArgumentException("esn: input weights have " + inputWeights.length
                            + " rows; valid: " + units + " (one per unit)");
                }
                for (int i = 0; i < units; i++) {
                    if (inputWeights[i].length != inputs) {
                        throw new IllegalArgumentException("esn: input weights row " + i + " has " + inputWeights[i].length
                                + " entries; valid: " + inputs + " (one per input)");
                    }
                    for (double w : inputWeights[i]) {
                        if (!Double.isFinite(w)) throw new IllegalArgumentException("esn: input weight in row " + i + " is " + w);
                    }
                }
            }
            if (bias != null && bias.length != units) {
                throw new IllegalArgumentException("esn: bias has " + bias.length + " entries; valid: " + units);
            }
            return this;
        }

        private static void check(boolean ok, String key, double value, String valid) {
            if (!ok) throw new IllegalArgumentException("esn: " + key + " = " + value + " is invalid; valid: " + valid);
        }
    }

    private final int n;
    private final int inputs;
    private final int feedbacks;
    private final CsrMatrix w;
    private final double[] win; // [n * inputs], row-major
    private final double[] wfb; // [n * feedbacks]
    private final double[] bias;
    private final double leak;
    private final double noise;
    private final boolean tanh;
    private final long noiseKey;
    private final double radius;
    private double[] x;
    private double[] next;
    private long step;

    public Esn(Context ctx) {
        ctx.conclude();
        this.n = ctx.units;
        this.inputs = ctx.inputs;
        this.feedbacks = ctx.feedbacks;
        this.leak = ctx.leak;
        this.noise = ctx.noise;
        this.tanh = ctx.activation == Activation.TANH;
        this.noiseKey = Rng.key(ctx.seed, 0xE5A, 4, 0);
        if (ctx.recurrent != null) {
            this.w = ctx.recurrent.withPrecision(ctx.precision);
            this.radius = Double.NaN;
        } else {
            switch (ctx.topology) {
                case RANDOM:
                    this.w = scaleToRadius(randomSparse(n, ctx.density, ctx.seed), ctx.spectralRadius, ctx.seed).withPrecision(ctx.precision);
                    this.radius = ctx.spectralRadius;
                    break;
                case ORTHOGONAL:
                    this.w = CsrMatrix.fromDense(orthogonal(n, ctx.seed), true).scaled(ctx.spectralRadius).withPrecision(ctx.precision);
                    this.radius = ctx.spectralRadius;
                    break;
                case RING: {
                    int[] r = new int[n], c = new int[n];
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) {
                        r[i] = i;
                        c[i] = (i + n - 1) % n;
                        v[i] = ctx.spectralRadius;
                    }
                    this.w = CsrMatrix.fromTriplets(n, n, r, c, v).withPrecision(ctx.precision);
                    this.radius = ctx.spectralRadius;
                    break;
                }
                case DELAY_LINE: {
                    int m = Math.max(n - 1, 0);
                    int[] r = new int[m], c = new int[m];
                    double[] v = new double[m];
                    for (int i = 1; i < n; i++) {
                        r[i - 1] = i;
                        c[i - 1] = i - 1;
                        v[i - 1] = 1;
                    }
                    this.w = CsrMatrix.fromTriplets(n, n, r, c, v).withPrecision(ctx.precision);
                    this.radius = 0;
                    break;
                }
                default:
                    throw new AssertionError(ctx.topology);
            }
        }
        Rng.Stream rin = new Rng.Stream(Rng.key(ctx.seed, 0xE5A, 1, 0));
        this.win = new double[n * inputs];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < inputs; d++) {
                double value;
                if (ctx.inputWeights != null) {
                    value = ctx.inputWeights[i][d];
                } else if (ctx.topology == Topology.DELAY_LINE && ctx.recurrent == null) {
                    value = i == 0 ? ctx.inputScaling : 0;
                } else {
                    double keep = rin.nextDouble();
                    double u = 2 * rin.nextDouble() - 1;
                    value = keep < ctx.inputDensity ? u * ctx.inputScaling : 0;
                }
                win[i * inputs + d] = value;
            }
        }
        Rng.Stream rb = new Rng.Stream(Rng.key(ctx.seed, 0xE5A, 2, 0));
        this.bias = new double[n];
        for (int i = 0; i < n; i++) bias[i] = ctx.bias != null ? ctx.bias[i] : (2 * rb.nextDouble() - 1) * ctx.biasScaling;
        Rng.Stream rf = new Rng.Stream(Rng.key(ctx.seed, 0xE5A, 3, 0));
        this.wfb = new double[n * feedbacks];
        for (int k = 0; k < wfb.length; k++) wfb[k] = (2 * rf.nextDouble() - 1) * ctx.feedbackScaling;
        this.x = new double[n];
        this.next = new double[n];
    }

    /**
     * {@code w} rescaled to spectral radius {@code target}, the current radius computed by
     * {@link SpectralRadius} (restarted Arnoldi). Throws when {@code w}'s radius is zero (a
     * nilpotent matrix, e.g. a feed-forward chain) and a positive radius is asked for.
     */
    public static CsrMatrix scaleToRadius(CsrMatrix w, double target, long seed) {
        if (!(target >= 0) || Double.isInfinite(target)) {
            throw new IllegalArgumentException("esn: spectralRadius = " + target + " is invalid; valid: [0, inf)");
        }
        if (target == 0) return w.scaled(0);
        double rho = SpectralRadius.of(w, seed);
        if (!(rho > 1e-12 * Math.max(1, maxAbs(w)))) {
            throw new IllegalArgumentException("esn: spectralRadius = " + target + " cannot be reached: the recurrent matrix ("
                    + w + ") has spectral radius " + rho + " (nilpotent: no recurrent loop); raise the density or use another topology");
        }
        return w.scaled(target / rho);
    }

    private static double maxAbs(CsrMatrix w) {
        double m = 0;
        for (int k = 0; k < w.nonZeros(); k++) m = Math.max(m, Math.abs(w.value(k)));
        return m;
    }

    /** Each unit draws round(density n) (at least 1) distinct sources from its own stream; N(0,1) weights. */
    static CsrMatrix randomSparse(int n, double density, long seed) {
        int k = (int) Math.max(1, Math.min(n, Math.round(density * n)));
        int[] r = new int[n * k], c = new int[n * k];
        double[] v = new double[n * k];
        long[] marks = new long[(n + 63) >>> 6];
        int[] chosen = new int[k];
        int p = 0;
        for (int i = 0; i < n; i++) {
            Rng.Stream s = new Rng.Stream(Rng.key(seed, 0xE5A, 0, i));
            int got = 0;
            if (k == n) {
                for (int j = 0; j < n; j++) chosen[got++] = j;
            } else {
                while (got < k) {
                    int j = s.nextInt(n);
                    if ((marks[j >>> 6] & (1L << j)) != 0) continue;
                    marks[j >>> 6] |= 1L << j;
                    chosen[got++] = j;
                }
                for (int q = 0; q < k; q++) marks[chosen[q] >>> 6] &= ~(1L << chosen[q]);
            }
            for (int q = 0; q < k; q++) {
                r[p] = i;
                c[p] = chosen[q];
                v[p++] = s.nextGaussian();
            }
        }
        return CsrMatrix.fromTriplets(n, n, r, c, v);
    }

    /** A Haar-random orthogonal n x n matrix: Q of a Gaussian matrix's QR, columns signed by diag(R). */
    static double[][] orthogonal(int n, long seed) {
        Rng.Stream s = new Rng.Stream(Rng.key(seed, 0xE5A, 5, n));
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        for (int i = 0; i < n * n; i++) g.data[i] = s.nextGaussian();
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        if (!qr.decompose(g)) throw new IllegalStateException("QR decomposition failed");
        DMatrixRMaj q = qr.getQ(null, false);
        DMatrixRMaj rr = qr.getR(null, false);
        double[][] out = new double[n][n];
        for (int j = 0; j < n; j++) {
            double sign = rr.get(j, j) < 0 ? -1 : 1;
            for (int i = 0; i < n; i++) out[i][j] = sign * q.get(i, j);
        }
        return out;
    }

    /** Units. */
    public int units() {
        return n;
    }

    public int inputs() {
        return inputs;
    }

    public int feedbacks() {
        return feedbacks;
    }

    /** The recurrent weights (immutable). */
    public CsrMatrix recurrent() {
        return w;
    }

    /** The spectral radius the weights were scaled to (NaN for explicit weights). */
    public double spectralRadius() {
        return radius;
    }

    /** A copy of the input weights, {@code [units][inputs]}. */
    public double[][] inputWeights() {
        double[][] out = new double[n][inputs];
        for (int i = 0; i < n; i++) System.arraycopy(win, i * inputs, out[i], 0, inputs);
        return out;
    }

    /** The current state (live view; do not modify). */
    public double[] state() {
        return x;
    }

    /** Steps taken since construction or {@link #reset()}. */
    public long steps() {
        return step;
    }

    /** Sets the state to zero and the step counter (noise stream position) to 0. */
    public void reset() {
        Arrays.fill(x, 0);
        step = 0;
    }

    /** Replaces the state by a copy of {@code s}. */
    public void setState(double[] s) {
        if (s.length != n) throw new IllegalArgumentException("state has " + s.length + " entries; valid: " + n);
        System.arraycopy(s, 0, x, 0, n);
    }

    /**
     * Advances one step with input {@code u} (length {@code inputs}; may be null when there are no
     * inputs) and fed-back output {@code y} (length {@code feedbacks}; null when there is none).
     * Returns the new state (live view).
     */
    public double[] step(double[] u, double[] y) {
        assert inputs == 0 || (u != null && u.length == inputs) : "input must have " + inputs + " values";
        assert feedbacks == 0 || (y != null && y.length == feedbacks) : "feedback must have " + feedbacks + " values";
        final double[] prev = x;
        final double[] out = next;
        final int units = n;
        final int d = inputs;
        final int o = feedbacks;
        final double[] wi = win;
        final double[] wf = wfb;
        final double[] b = bias;
        final double a = leak;
        w.multiply(prev, out);
        for (int i = 0; i < units; i++) {
            double s = out[i] + b[i];
            for (int k = 0; k < d; k++) s += wi[i * d + k] * u[k];
            for (int k = 0; k < o; k++) s += wf[i * o + k] * y[k];
            out[i] = s;
        }
        if (noise > 0) addNoise(out);
        if (tanh) {
            for (int i = 0; i < units; i++) out[i] = (1 - a) * prev[i] + a * Math.tanh(out[i]);
        } else {
            for (int i = 0; i < units; i++) out[i] = (1 - a) * prev[i] + a * out[i];
        }
        next = prev;
        x = out;
        step++;
        return out;
    }

    private void addNoise(double[] out) {
        final long base = step * n;
        for (int i = 0; i < n; i++) out[i] += noise * (2 * Rng.uniform(noiseKey, base + i) - 1);
    }

    /**
     * Runs the sequence {@code u} ({@code [T][inputs]}) from the current state with teacher forcing
     * ({@code teacher[t-1]} fed back at step t, the last teacher value of a previous call is not kept:
     * step 0 gets {@code y0}, or zeros if null) and returns the states, {@code T x units}, one row per
     * step. {@code teacher} must be null when there is no feedback.
     */
    public DMatrixRMaj run(double[][] u, double[][] teacher, double[] y0) {
        int t = u.length;
        if (t == 0) throw new IllegalArgumentException("esn: empty input sequence");
        if (feedbacks > 0 && (teacher == null || teacher.length != t)) {
            throw new IllegalArgumentException("esn: feedback needs a teacher sequence of length " + t
                    + "; got " + (teacher == null ? "none" : String.valueOf(teacher.length)));
        }
        DMatrixRMaj states = new DMatrixRMaj(t, n);
        double[] fb = feedbacks > 0 ? (y0 != null ? y0.clone() : new double[feedbacks]) : null;
        for (int k = 0; k < t; k++) {
            double[] uk = u[k];
            if (uk.length != inputs) {
                throw new IllegalArgumentException("esn: input at step " + k + " has " + uk.length
                        + " values; valid: " + inputs);
            }
            for (double e : uk) {
                if (!Double.isFinite(e)) throw new IllegalArgumentException("esn: input at step " + k + " is " + e);
            }
            double[] s = step(uk, fb);
            System.arraycopy(s, 0, states.data, k * n, n);
            if (fb != null) System.arraycopy(teacher[k], 0, fb, 0, feedbacks);
        }
        return states;
    }

    /** {@link #run} without feedback. */
    public DMatrixRMaj run(double[][] u) {
        return run(u, null, null);
    }

    /** Wraps a scalar series as a {@code [T][1]} input sequence. */
    public static double[][] column(double[] series) {
        double[][] out = new double[series.length][1];
        for (int t = 0; t < series.length; t++) out[t][0] = series[t];
        return out;
    }
}
