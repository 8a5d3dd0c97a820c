package org.myelin.reservoir;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.myelin.core.Rng;

/**
 * A rate reservoir of excitatory and inhibitory units (Dale's law) whose units can adapt their own
 * excitation/inhibition balance towards a per-unit target activity: the adaptive E/I-balance
 * reservoir of Srinivasan, Plenz and Girvan, "Boosting reservoir computing with brain-inspired
 * adaptive dynamics" (arXiv:2504.12480, 2025). With adaptation off (or before it) it is the same
 * reservoir with one global E/I ratio, tuned like any ESN by its spectral radius and input scaling.
 *
 * <h2>Equations</h2>
 * <pre>
 *   v_i(t) = sum_j A^E_ij r_j(t-1) - beta_i sum_j A^I_ij r_j(t-1) + sum_d W_in,id u_d(t) + b_i + lambda v_i(t-1)
 *   r_i(t) = (1 - leak) r_i(t-1) + leak sigma(v_i(t) - theta),        sigma(x) = 1 / (1 + exp(-4 x))
 * </pre>
 * {@code r_i} in (0, 1) is unit i's activity ("firing rate"); the logistic has slope 1 at its midpoint
 * {@code r = 1/2}, so the spectral radius of {@code W = A^E - diag(beta) A^I} is the gain of the
 * dynamics linearised there. {@code A^E >= 0} has non-zero columns only at the excitatory units,
 * {@code A^I >= 0} only at the inhibitory ones; {@code beta_i >= 0} is unit i's inhibitory gain, the
 * ratio of its inhibitory to its excitatory input weight relative to the balanced construction below.
 * With the defaults {@code lambda = 0} (no membrane memory: {@link Context#membraneLeak}) and
 * {@code theta = 0} ({@link Context#threshold}) the unit is a leaky-rate ESN unit; with
 * {@code leak = 1} and {@code lambda > 0} it is the paper's unit, a leaky membrane {@code v} read
 * through a sigmoid with a threshold ({@code v(t+1) = Lambda v(t) + (A^E - A^I) r(t) + W_in u(t)},
 * {@code r = phi(v - theta)}; the paper's gain {@code c} is our fixed 4 with the weights, inputs
 * and threshold scaled by {@code c / 4}).
 *
 * <h2>Structure</h2>
 * Units {@code 0 .. nE-1} are excitatory, {@code nE = round(excitatoryFraction N)}, the rest
 * inhibitory (at least one of each). Every unit draws {@code kE = max(1, round(density nE))}
 * distinct excitatory and {@code kI = max(1, round(density nI))} distinct inhibitory inputs from its
 * own random stream (self-connections allowed), with weights {@code |1 + weightSpread g| / kE} and
 * {@code |1 + weightSpread g| / kI}, {@code g ~ N(0, 1)}: so each unit's excitatory and inhibitory
 * weights have the same expected sum and {@code beta = 1} balances them on average. Both matrices are
 * then multiplied by one factor that gives {@code W = A^E - inhibitoryGain A^I} the requested spectral
 * radius ({@link SpectralRadius}). Input weights are uniform in {@code [-inputScaling, inputScaling]},
 * each present with probability {@code inputDensity}; biases uniform in {@code [-biasScaling, biasScaling]}.
 *
 * <h2>Adaptation (the local E/I-balance rule)</h2>
 * During {@link #adapt} every unit moves its own inhibitory gain after each step by
 * <pre>
 *   beta_i <- max(0, beta_i + eta (r_i(t) - rho_i))
 * </pre>
 * a unit that is more active than its target {@code rho_i} takes more inhibition, one that is less
 * active takes less; only the unit's own activity and target enter (a local, homeostatic rule). A
 * stationary point has {@code <r_i> = rho_i} for every unit whose gain stays positive; a unit whose
 * excitation alone cannot lift it to its target stops at {@code beta_i = 0} (inhibition cannot turn
 * into excitation) and is counted in {@link Adaptation#atZero()}. The targets are heterogeneous:
 * {@code rho_i} uniform in {@code [targetLow, targetHigh]} from the seed's stream, or given
 * explicitly. After adaptation the gains are frozen; {@link #run} never changes them.
 *
 * <p>The paper states its rule as an additive change {@code delta (r_i - rho_i)} of every inhibitory
 * weight onto unit i (as a re-implementation reports it; the paper's full text was not available to
 * us): that is {@link Rule#ADDITIVE}, where every existing inhibitory weight onto unit i moves by
 * {@code eta J (r_i - rho_i)} and stops at 0 ({@code J}: the mean initial inhibitory weight, so
 * {@code eta} is a relative step in both rules; the global gain is folded into the weights and
 * {@code beta} stays 1). The default {@link Rule#GAIN} scales unit i's inhibitory weights together,
 * which keeps their relative sizes and is exactly the per-unit E/I ratio; the two coincide while a
 * unit's inhibitory weights are equal ({@code weightSpread = 0}) and positive. The target distribution
 * of the paper is not reproduced: here it is uniform, with the range a setting.
 *
 * <h2>Parameters</h2>
 * <table>
 * <caption>Context settings</caption>
 * <tr><th>name</th><th>default</th><th>valid</th></tr>
 * <tr><td>units</td><td>100</td><td>&gt;= 2</td></tr>
 * <tr><td>inputs</td><td>1</td><td>&gt;= 0</td></tr>
 * <tr><td>excitatoryFraction</td><td>0.8</td><td>(0, 1), leaving at least one unit of each kind</td></tr>
 * <tr><td>density (of each kind of input)</td><td>0.2</td><td>(0, 1]</td></tr>
 * <tr><td>weightSpread</td><td>0.2</td><td>&gt;= 0</td></tr>
 * <tr><td>spectralRadius (of W at the initial gain)</td><td>0.9</td><td>&gt; 0</td></tr>
 * <tr><td>inhibitoryGain (initial beta of every unit)</td><td>1</td><td>&gt;= 0</td></tr>
 * <tr><td>inputScaling</td><td>0.5</td><td>&gt;= 0</td></tr>
 * <tr><td>inputDensity</td><td>1</td><td>(0, 1]</td></tr>
 * <tr><td>biasScaling</td><td>0</td><td>&gt;= 0</td></tr>
 * <tr><td>leak</td><td>1</td><td>(0, 1]</td></tr>
 * <tr><td>targets [targetLow, targetHigh]</td><td>[0.25, 0.75]</td><td>0 &lt; low &lt;= high &lt; 1</td></tr>
 * <tr><td>adaptationRate (eta)</td><td>0.01</td><td>&gt; 0</td></tr>
 * <tr><td>rule</td><td>GAIN</td><td>GAIN, ADDITIVE</td></tr>
 * <tr><td>membraneLeak (lambda)</td><td>0</td><td>[0, 1)</td></tr>
 * <tr><td>threshold (theta)</td><td>0</td><td>finite</td></tr>
 * <tr><td>seed</td><td>1</td><td></td></tr>
 * <tr><td>precision</td><td>DOUBLE</td><td>DOUBLE, FLOAT</td></tr>
 * </table>
 *
 * <h2>The spiking liquid</h2>
 * The rule carries over to {@code lsm.Lsm} as inhibitory plasticity that drives each neuron's spike
 * rate to a target (Vogels et al. 2011, {@code org.myelin.learn.VogelsSprekeler}, one target rate
 * for all neurons); heterogeneous per-neuron targets would need a per-target rate in that rule. It is
 * not wired into the liquid here.
 *
 * <p>Not thread-safe: one instance per thread. {@link #step} allocates nothing.
 */
public final class EiReservoir implements Reservoir {

    /** How the adaptation rule changes the inhibition onto a unit that misses its target. */
    public enum Rule {
        /** {@code beta_i <- max(0, beta_i + eta (r_i - rho_i))}: unit i's inhibitory weights scale together. */
        GAIN,
        /**
         * The paper's form: every inhibitory weight onto unit i moves by the same amount,
         * {@code A^I_ij <- max(0, A^I_ij + delta (r_i - rho_i))} for each existing synapse, with
         * {@code delta = eta J} and {@code J} the mean initial inhibitory weight (so that {@code eta} means
         * the same relative step as in {@link #GAIN}).
         */
        ADDITIVE
    }

    /** Settings with documented defaults, validated once by {@link #conclude()}. */
    public static final class Context {
        private int units = 100;
        private int inputs = 1;
        private double excitatoryFraction = 0.8;
        private double density = 0.2;
        private double weightSpread = 0.2;
        private double spectralRadius = 0.9;
        private double inhibitoryGain = 1;
        private double inputScaling = 0.5;
        private double inputDensity = 1;
        private double biasScaling;
        private double leak = 1;
        private double targetLow = 0.25;
        private double targetHigh = 0.75;
        private double[] targets;
        private double adaptationRate = 0.01;
        private double membraneLeak;
        private double threshold;
        private Rule rule = Rule.GAIN;
        private long seed = 1;
        private CsrMatrix.Precision precision = CsrMatrix.Precision.DOUBLE;

        public Context units(int n) {
            units = n;
            return this;
        }

        public Context inputs(int d) {
            inputs = d;
            return this;
        }

        /** Fraction of excitatory units. */
        public Context excitatoryFraction(double f) {
            excitatoryFraction = f;
            return this;
        }

        /** Fraction of the excitatory and of the inhibitory units that each unit receives input from. */
        public Context density(double d) {
            density = d;
            return this;
        }

        /** Relative spread of the recurrent weight magnitudes. */
        public Context weightSpread(double s) {
            weightSpread = s;
            return this;
        }

        /** Spectral radius of {@code A^E - inhibitoryGain A^I}. */
        public Context spectralRadius(double r) {
            spectralRadius = r;
            return this;
        }

        /** The initial inhibitory gain of every unit: the global E/I ratio (1: balanced on average). */
        public Context inhibitoryGain(double b) {
            inhibitoryGain = b;
            return this;
        }

        public Context inputScaling(double s) {
            inputScaling = s;
            return this;
        }

        public Context inputDensity(double d) {
            inputDensity = d;
            return this;
        }

        public Context biasScaling(double s) {
            biasScaling = s;
            return this;
        }

        public Context leak(double a) {
            leak = a;
            return this;
        }

        /** Target activities drawn uniformly from {@code [low, high]} (equal: one target for all). */
        public Context targets(double low, double high) {
            targetLow = low;
            targetHigh = high;
            targets = null;
            return this;
        }

        /** Explicit target activity per unit (copied). */
        public Context targets(double[] rho) {
            targets = rho == null ? null : rho.clone();
            return this;
        }

        /** The adaptation rate eta of the rule (per step). */
        public Context adaptationRate(double eta) {
            adaptationRate = eta;
            return this;
        }

        /**
         * The membrane's leak {@code lambda} of the paper's units: {@code m_i(t) = lambda m_i(t-1) + v_i(t)}
         * and the activity is {@code sigma(m_i - threshold)}; 0 (the default) is a memoryless unit.
         */
        public Context membraneLeak(double lambda) {
            membraneLeak = lambda;
            return this;
        }

        /** The activation threshold {@code theta}: {@code r = sigma(m - theta)} (default 0). */
        public Context threshold(double theta) {
            threshold = theta;
            return this;
        }

        /** How the adaptation changes a unit's inhibition ({@link Rule}, default {@link Rule#GAIN}). */
        public Context rule(Rule r) {
            rule = r;
            return this;
        }

        public Context seed(long s) {
            seed = s;
            return this;
        }

        /** How the recurrent weights are stored ({@link CsrMatrix.Precision}). */
        public Context precision(CsrMatrix.Precision p) {
            precision = p;
            return this;
        }

        public int units() {
            return units;
        }

        public double spectralRadius() {
            return spectralRadius;
        }

        public double inputScaling() {
            return inputScaling;
        }

        public double inhibitoryGain() {
            return inhibitoryGain;
        }

        public double targetLow() {
            return targetLow;
        }

        public double targetHigh() {
            return targetHigh;
        }

        public double adaptationRate() {
            return adaptationRate;
        }

        public long seed() {
            return seed;
        }

        public double membraneLeak() {
            return membraneLeak;
        }

        public double threshold() {
            return threshold;
        }

        public Rule rule() {
            return rule;
        }

        /** Validates every setting, naming the key, the value and the valid range. */
        public Context conclude() {
            check(units >= 2, "units", units, ">= 2 (at least one excitatory and one inhibitory unit)");
            check(inputs >= 0, "inputs", inputs, ">= 0");
            check(excitatoryFraction > 0 && excitatoryFraction < 1, "excitatoryFraction", excitatoryFraction, "(0, 1)");
            int ne = (int) Math.round(excitatoryFraction * units);
            if (ne < 1 || ne > units - 1) {
                throw new IllegalArgumentException("ei-reservoir: excitatoryFraction = " + excitatoryFraction + " gives " + ne
                        + " excitatory of " + units + " units; valid: at least one excitatory and one inhibitory unit");
            }
            check(density > 0 && density <= 1, "density", density, "(0, 1]");
            check(weightSpread >= 0 && Double.isFinite(weightSpread), "weightSpread", weightSpread, "[0, inf)");
            check(spectralRadius > 0 && Double.isFinite(spectralRadius), "spectralRadius", spectralRadius, "(0, inf)");
            check(inhibitoryGain >= 0 && Double.isFinite(inhibitoryGain), "inhibitoryGain", inhibitoryGain, "[0, inf)");
            check(inputScaling >= 0 && Double.isFinite(inputScaling), "inputScaling", inputScaling, "[0, inf)");
            check(inputDensity > 0 && inputDensity <= 1, "inputDensity", inputDensity, "(0, 1]");
            check(biasScaling >= 0 && Double.isFinite(biasScaling), "biasScaling", biasScaling, "[0, inf)");
            check(leak > 0 && leak <= 1, "leak", leak, "(0, 1]");
            check(adaptationRate > 0 && Double.isFinite(adaptationRate), "adaptationRate", adaptationRate, "(0, inf)");
            check(membraneLeak >= 0 && membraneLeak < 1, "membraneLeak", membraneLeak, "[0, 1)");
            check(Double.isFinite(threshold), "threshold", threshold, "a finite number");
            if (rule == null) throw new IllegalArgumentException("ei-reservoir: rule must not be null; valid: GAIN, ADDITIVE");
            if (precision == null) throw new IllegalArgumentException("ei-reservoir: precision must not be null; valid: DOUBLE, FLOAT");
            if (targets != null) {
                if (targets.length != units) {
                    throw new IllegalArgumentException("ei-reservoir: targets have " + targets.length + " entries; valid: " + units + " (one per unit)");
                }
                for (int i = 0; i < units; i++) {
                    if (!(targets[i] > 0 && targets[i] < 1)) {
                        throw new IllegalArgumentException("ei-reservoir: target of unit " + i + " = " + targets[i] + " is invalid; valid: (0, 1)");
                    }
                }
            } else {
                check(targetLow > 0 && targetLow < 1, "targetLow", targetLow, "(0, 1)");
                check(targetHigh >= targetLow && targetHigh < 1, "targetHigh", targetHigh, "[targetLow = " + targetLow + ", 1)");
            }
            return this;
        }

        private static void check(boolean ok, String key, double value, String valid) {
            if (!ok) throw new IllegalArgumentException("ei-reservoir: " + key + " = " + value + " is invalid; valid: " + valid);
        }
    }

    /**
     * What an adaptation run did.
     *
     * @param steps            steps run with the rule on
     * @param meanAbsRateError {@code mean_i |mean_t r_i(t) - rho_i|} over the run's second half
     * @param atZero           units whose inhibition ended at 0 (their excitation cannot reach the target)
     */
    public record Adaptation(int steps, double meanAbsRateError, int atZero) {
    }

    private final int n;
    private final int nE;
    private final int inputs;
    private final CsrMatrix ae;
    private final CsrMatrix ai;
    private final double[] win;
    private final double[] bias;
    private final double[] beta;
    private final double[] rho;
    private final double leak;
    private final double lambda;
    private final double theta;
    /** The adapted inhibitory weights under {@link Rule#ADDITIVE} (row order of {@code ai}), else null. */
    private final double[] inhW;
    /**
     * {@code ai}'s structure over {@link #inhW}, which the additive rule updates in place (so this
     * matrix is not immutable; it is private and never handed out); null under {@link Rule#GAIN}.
     */
    private final CsrMatrix adapted;
    /** The mean initial inhibitory weight {@code J} ({@link Rule#ADDITIVE}: {@code delta = eta J}). */
    private final double meanInh;
    private final double[] mem;
    private final double eta;
    private final double scale;
    private final double[] exc;
    private final double[] inh;
    private double[] r;
    private double[] next;

    public EiReservoir(Context ctx) {
        ctx.conclude();
        n = ctx.units;
        nE = (int) Math.round(ctx.excitatoryFraction * n);
        int nI = n - nE;
        inputs = ctx.inputs;
        leak = ctx.leak;
        eta = ctx.adaptationRate;
        int kE = (int) Math.max(1, Math.round(ctx.density * nE));
        int kI = (int) Math.max(1, Math.round(ctx.density * nI));
        int[] er = new int[n * kE], ec = new int[n * kE];
        double[] ev = new double[n * kE];
        int[] ir = new int[n * kI], ic = new int[n * kI];
        double[] iv = new double[n * kI];
        int[] chosen = new int[Math.max(kE, kI)];
        boolean[] mark = new boolean[n];
        for (int i = 0; i < n; i++) {
            Rng.Stream s = new Rng.Stream(Rng.key(ctx.seed, 0xE1, 0, i));
            draw(s, 0, nE, kE, chosen, mark);
            for (int q = 0; q < kE; q++) {
                er[i * kE + q] = i;
                ec[i * kE + q] = chosen[q];
                ev[i * kE + q] = Math.abs(1 + ctx.weightSpread * s.nextGaussian()) / kE;
            }
            draw(s, nE, nI, kI, chosen, mark);
            for (int q = 0; q < kI; q++) {
                ir[i * kI + q] = i;
                ic[i * kI + q] = chosen[q];
                iv[i * kI + q] = Math.abs(1 + ctx.weightSpread * s.nextGaussian()) / kI;
            }
        }
        CsrMatrix e0 = CsrMatrix.fromTriplets(n, n, er, ec, ev);
        CsrMatrix i0 = CsrMatrix.fromTriplets(n, n, ir, ic, iv);
        // W at the initial gain, for the spectral radius
        int[] wr = Arrays.copyOf(er, er.length + ir.length), wc = Arrays.copyOf(ec, ec.length + ic.length);
        double[] wv = Arrays.copyOf(ev, ev.length + iv.length);
        System.arraycopy(ir, 0, wr, er.length, ir.length);
        System.arraycopy(ic, 0, wc, ec.length, ic.length);
        for (int k = 0; k < iv.length; k++) wv[ev.length + k] = -ctx.inhibitoryGain * iv[k];
        CsrMatrix w0 = CsrMatrix.fromTriplets(n, n, wr, wc, wv);
        double rho0 = SpectralRadius.of(w0, ctx.seed);
        if (!(rho0 > 1e-12)) {
            throw new IllegalArgumentException("ei-reservoir: spectralRadius = " + ctx.spectralRadius + " cannot be reached: W = A^E - "
                    + ctx.inhibitoryGain + " A^I (" + w0 + ") has spectral radius " + rho0 + "; raise the density or change inhibitoryGain");
        }
        scale = ctx.spectralRadius / rho0;
        ae = e0.scaled(scale).withPrecision(ctx.precision);
        ai = i0.scaled(scale).withPrecision(ctx.precision);
        Rng.Stream rin = new Rng.Stream(Rng.key(ctx.seed, 0xE1, 1, 0));
        win = new double[n * inputs];
        for (int k = 0; k < win.length; k++) {
            double keep = rin.nextDouble();
            double u = 2 * rin.nextDouble() - 1;
            win[k] = keep < ctx.inputDensity ? u * ctx.inputScaling : 0;
        }
        Rng.Stream rb = new Rng.Stream(Rng.key(ctx.seed, 0xE1, 2, 0));
        bias = new double[n];
        for (int i = 0; i < n; i++) bias[i] = (2 * rb.nextDouble() - 1) * ctx.biasScaling;
        rho = new double[n];
        if (ctx.targets != null) {
            System.arraycopy(ctx.targets, 0, rho, 0, n);
        } else {
            Rng.Stream rt = new Rng.Stream(Rng.key(ctx.seed, 0xE1, 3, 0));
            for (int i = 0; i < n; i++) rho[i] = ctx.targetLow + (ctx.targetHigh - ctx.targetLow) * rt.nextDouble();
        }
        beta = new double[n];
        Arrays.fill(beta, ctx.inhibitoryGain);
        lambda = ctx.membraneLeak;
        theta = ctx.threshold;
        if (ctx.rule == Rule.ADDITIVE) {
            // the global gain is folded into the weights, which then adapt one by one
            inhW = new double[ai.nonZeros()];
            double sum = 0;
            for (int k = 0; k < inhW.length; k++) {
                inhW[k] = ctx.inhibitoryGain * ai.value(k);
                sum += ai.value(k);
            }
            meanInh = sum / inhW.length;
            adapted = new CsrMatrix(n, n, ai.rowStart, ai.cols, inhW);
            Arrays.fill(beta, 1);
        } else {
            inhW = null;
            adapted = null;
            meanInh = 0;
        }
        mem = new double[n];
        exc = new double[n];
        inh = new double[n];
        r = new double[n];
        next = new double[n];
    }

    /** {@code k} distinct indices from {@code [from, from + count)} into {@code out[0..k)}. */
    private static void draw(Rng.Stream s, int from, int count, int k, int[] out, boolean[] mark) {
        if (k >= count) {
            for (int q = 0; q < k; q++) out[q] = from + q;
            return;
        }
        int got = 0;
        while (got < k) {
            int j = from + s.nextInt(count);
            if (mark[j]) continue;
            mark[j] = true;
            out[got++] = j;
        }
        for (int q = 0; q < k; q++) mark[out[q]] = false;
    }

    @Override
    public int units() {
        return n;
    }

    @Override
    public int inputs() {
        return inputs;
    }

    /** Excitatory units (indices {@code 0 .. excitatory()-1}). */
    public int excitatory() {
        return nE;
    }

    /** The factor the unit-sum weights were multiplied by to reach the spectral radius. */
    public double weightScale() {
        return scale;
    }

    /** The excitatory weights {@code A^E} (immutable). */
    public CsrMatrix excitatoryWeights() {
        return ae;
    }

    /** The inhibitory weights {@code A^I}, before the per-unit gain (immutable). */
    public CsrMatrix inhibitoryWeights() {
        return ai;
    }

    /** A copy of the input weights, {@code [units][inputs]}. */
    public double[][] inputWeights() {
        double[][] out = new double[n][inputs];
        for (int i = 0; i < n; i++) System.arraycopy(win, i * inputs, out[i], 0, inputs);
        return out;
    }

    /** A copy of the biases. */
    public double[] bias() {
        return bias.clone();
    }

    /**
     * The inhibitory weights as they act now: {@code diag(beta) A^I} under {@link Rule#GAIN}, the
     * adapted weights under {@link Rule#ADDITIVE} (a copy, in double).
     */
    public CsrMatrix effectiveInhibitoryWeights() {
        double[] v = new double[ai.nonZeros()];
        for (int i = 0; i < n; i++) {
            for (int k = ai.rowStart[i]; k < ai.rowStart[i + 1]; k++) v[k] = inhW != null ? inhW[k] : beta[i] * ai.value(k);
        }
        return new CsrMatrix(n, n, ai.rowStart, ai.cols, v);
    }

    /** The adaptation rule. */
    public Rule rule() {
        return inhW != null ? Rule.ADDITIVE : Rule.GAIN;
    }

    /** A copy of the per-unit inhibitory gains {@code beta} (all 1 under {@link Rule#ADDITIVE}, whose weights adapt instead). */
    public double[] inhibitoryGains() {
        return beta.clone();
    }

    /** A copy of the per-unit target activities {@code rho}. */
    public double[] targets() {
        return rho.clone();
    }

    /** The current activities (live view; do not modify). */
    public double[] state() {
        return r;
    }

    /** Sets every activity and membrane to 0 (the gains and adapted weights are kept). */
    public void reset() {
        Arrays.fill(r, 0);
        Arrays.fill(mem, 0);
    }

    /** Advances one step with input {@code u} (length {@code inputs}), gains frozen; returns the activities (live view). */
    public double[] step(double[] u) {
        return advance(u, 0);
    }

    /** One step; with {@code rate > 0} the adaptation rule follows it. */
    private double[] advance(double[] u, double rate) {
        assert inputs == 0 || (u != null && u.length == inputs) : "input must have " + inputs + " values";
        final double[] prev = r;
        final double[] out = next;
        final double[] e = exc;
        final double[] h = inh;
        final double[] b = beta;
        final double[] wi = win;
        final double[] bb = bias;
        final double[] m = mem;
        final int units = n;
        final int d = inputs;
        final double a = leak;
        final double lam = lambda;
        final double th = theta;
        ae.multiply(prev, e);
        (adapted != null ? adapted : ai).multiply(prev, h);
        for (int i = 0; i < units; i++) {
            double v = e[i] - b[i] * h[i] + bb[i];
            for (int k = 0; k < d; k++) v += wi[i * d + k] * u[k];
            if (lam != 0) {
                v += lam * m[i];
                m[i] = v;
            }
            // logistic with slope 1 at its midpoint: 1 / (1 + exp(-4 x)) = (1 + tanh(2 x)) / 2
            out[i] = (1 - a) * prev[i] + a * 0.5 * (1 + Math.tanh(2 * (v - th)));
        }
        if (rate > 0) {
            final double[] target = rho;
            if (inhW != null) {
                final double[] w = inhW;
                final int[] start = ai.rowStart;
                final double step = rate * meanInh;
                for (int i = 0; i < units; i++) {
                    double dw = step * (out[i] - target[i]);
                    for (int k = start[i]; k < start[i + 1]; k++) {
                        double x = w[k] + dw;
                        w[k] = x > 0 ? x : 0;
                    }
                }
            } else {
                for (int i = 0; i < units; i++) {
                    double g = b[i] + rate * (out[i] - target[i]);
                    b[i] = g > 0 ? g : 0;
                }
            }
        }
        next = prev;
        r = out;
        return out;
    }

    /**
     * Runs {@code u} ({@code [T][inputs]}) from the current state with the adaptation rule on at
     * {@code adaptationRate}, then leaves the gains frozen where they ended.
     */
    public Adaptation adapt(double[][] u) {
        return adapt(u, eta, 0);
    }

    /**
     * Runs {@code u} with the rule on at rate {@code rate}; the first {@code skip} steps run with the
     * rule off (to let the state forget its start).
     */
    public Adaptation adapt(double[][] u, double rate, int skip) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("ei-reservoir: adaptation rate = " + rate + " is invalid; valid: (0, inf)");
        }
        if (skip < 0 || skip >= u.length) {
            throw new IllegalArgumentException("ei-reservoir: skip = " + skip + " is invalid for " + u.length + " steps; valid: 0.." + (u.length - 1));
        }
        checkInput(u);
        double[] mean = new double[n];
        int half = skip + (u.length - skip) / 2;
        for (int t = 0; t < u.length; t++) {
            double[] s = advance(u[t], t < skip ? 0 : rate);
            if (t >= half) for (int i = 0; i < n; i++) mean[i] += s[i];
        }
        int count = u.length - half;
        double err = 0;
        int zero = 0;
        for (int i = 0; i < n; i++) {
            err += Math.abs(mean[i] / count - rho[i]);
            if (inhibitionGone(i)) zero++;
        }
        return new Adaptation(u.length - skip, err / n, zero);
    }

    /** Whether unit i's inhibition has adapted to nothing. */
    private boolean inhibitionGone(int i) {
        if (inhW == null) return beta[i] == 0;
        for (int k = ai.rowStart[i]; k < ai.rowStart[i + 1]; k++) {
            if (inhW[k] != 0) return false;
        }
        return true;
    }

    private void checkInput(double[][] u) {
        if (u.length == 0) throw new IllegalArgumentException("ei-reservoir: empty input sequence");
        for (int k = 0; k < u.length; k++) {
            if (u[k].length != inputs) {
                throw new IllegalArgumentException("ei-reservoir: input at step " + k + " has " + u[k].length + " values; valid: " + inputs);
            }
            for (double e : u[k]) {
                if (!Double.isFinite(e)) throw new IllegalArgumentException("ei-reservoir: input at step " + k + " is " + e);
            }
        }
    }

    /** Runs {@code u} from the current state with the gains frozen; one state row per step. */
    @Override
    public DMatrixRMaj run(double[][] u) {
        checkInput(u);
        DMatrixRMaj states = new DMatrixRMaj(u.length, n);
        for (int t = 0; t < u.length; t++) System.arraycopy(advance(u[t], 0), 0, states.data, t * n, n);
        return states;
    }
}
