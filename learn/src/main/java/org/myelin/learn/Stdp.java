package org.myelin.learn;

import org.myelin.core.ModelException;
import org.myelin.core.PlasticKernel;
import org.myelin.core.PlasticSynapses;
import org.myelin.core.Plasticity;
import org.myelin.core.PostArchive;

/**
 * Pair-based spike-timing-dependent plasticity: NEST's {@code stdp_synapse} (Guetig et al. 2003
 * weight dependence), its nearest-neighbour variants {@code stdp_nn_symm_synapse},
 * {@code stdp_nn_restr_synapse} and {@code stdp_nn_pre_centered_synapse} (Morrison et al. 2008,
 * Fig. 7), and a symmetric window ({@code stdp_symmetric_synapse}, Myelin's).
 *
 * <h2>Weight dependence</h2>
 * With {@code u = w / Wmax}, a facilitation by trace value {@code k} and a depression by trace value
 * {@code k} are
 * <pre>
 *   u <- min(1, u + lambda * (1 - u)^mu_plus * k)
 *   u <- max(0, u - alpha * lambda * u^mu_minus * k)
 * </pre>
 * {@code mu = 0} is additive with hard bounds [0, Wmax] ({@link #additive()}), {@code mu = 1}
 * multiplicative, i.e. soft bounds ({@link #multiplicative()}), anything between is Guetig's power
 * law ({@link #powerLaw(double, double)}). Weights keep the sign of {@code Wmax} (a negative Wmax
 * makes an inhibitory plastic synapse; the formulas act on {@code w/Wmax >= 0}).
 *
 * <h2>Pairing (see the package documentation for the timing)</h2>
 * <ul>
 * <li>{@link Pairing#ALL_TO_ALL} ({@code stdp_synapse}): each postsynaptic spike facilitates by the
 * presynaptic trace {@code K+} (all earlier presynaptic spikes, {@code tau_plus}); each presynaptic
 * spike depresses by the postsynaptic trace {@code K-} (all earlier postsynaptic spikes,
 * {@code tau_minus}).</li>
 * <li>{@link Pairing#NEAREST_SYMMETRIC} ({@code stdp_nn_symm_synapse}): each postsynaptic spike
 * facilitates by {@code exp(-dt/tau_plus)} of the latest presynaptic spike before it; each
 * presynaptic spike depresses by {@code exp(-dt/tau_minus)} of the latest postsynaptic spike before
 * it.</li>
 * <li>{@link Pairing#NEAREST_RESTRICTED} ({@code stdp_nn_restr_synapse}): only if postsynaptic spikes
 * fell between the previous and the current presynaptic spike: the first of them facilitates by the
 * previous presynaptic spike, and the current presynaptic spike depresses by the last of them.</li>
 * <li>{@link Pairing#NEAREST_PRE_CENTERED} ({@code stdp_nn_pre_centered_synapse}): the first
 * postsynaptic spike after presynaptic spikes facilitates by their trace {@code K+}, which it then
 * resets to 0; each presynaptic spike depresses by the latest postsynaptic spike.</li>
 * </ul>
 * Unlike NEST, the nearest-neighbour variants do not pair the postsynaptic spikes before the very
 * first presynaptic spike with a phantom presynaptic spike at time 0 (NEST's {@code t_lastspike}
 * starts at 0); they only depress, as the scheme prescribes.
 *
 * <p>{@link #symmetric(boolean)}: the presynaptic-spike term potentiates instead,
 * {@code u <- min(1, u + alpha * lambda * (1 - u)^mu_plus * k)}, so both orders strengthen
 * (window {@code lambda*Wmax*exp(-|dt|/tau)} with {@code tau_plus} and {@code tau_minus} for the
 * two sides, additive case); all-to-all pairing only.
 *
 * <h2>Parameters (NEST names and defaults)</h2>
 * <table>
 * <tr><th>name</th><th>default</th><th>unit</th><th></th></tr>
 * <tr><td>tau_plus</td><td>20</td><td>ms</td><td>presynaptic trace</td></tr>
 * <tr><td>tau_minus</td><td>20</td><td>ms</td><td>postsynaptic trace (a neuron parameter in NEST)</td></tr>
 * <tr><td>lambda</td><td>0.01</td><td></td><td>learning rate (relative to Wmax)</td></tr>
 * <tr><td>alpha</td><td>1</td><td></td><td>depression relative to facilitation</td></tr>
 * <tr><td>mu_plus, mu_minus</td><td>1, 1</td><td></td><td>weight dependence exponents</td></tr>
 * <tr><td>Wmax</td><td>100</td><td>weight</td><td>bound (its sign is the weights')</td></tr>
 * </table>
 *
 * <p>References: Guetig, Aharonov, Rotter, Sompolinsky (2003) J Neurosci 23:3697; Morrison,
 * Diesmann, Gerstner (2008) Biol Cybern 98:459; NEST {@code stdp_synapse}, {@code stdp_nn_*_synapse}.
 */
public final class Stdp extends Plasticity {
    /** Which pre/post spike pairs interact. */
    public enum Pairing {
        ALL_TO_ALL("stdp_synapse"), NEAREST_SYMMETRIC("stdp_nn_symm_synapse"),
        NEAREST_RESTRICTED("stdp_nn_restr_synapse"), NEAREST_PRE_CENTERED("stdp_nn_pre_centered_synapse");

        private final String nestName;

        Pairing(String n) {
            nestName = n;
        }

        public String nestName() {
            return nestName;
        }
    }

    private final double tauPlus;
    private final double tauMinus;
    private final double lambda;
    private final double alpha;
    private final double muPlus;
    private final double muMinus;
    private final double wmax;
    private final Pairing pairing;
    private final boolean symmetric;

    private Stdp(double tauPlus, double tauMinus, double lambda, double alpha, double muPlus, double muMinus, double wmax,
                 Pairing pairing, boolean symmetric) {
        this.tauPlus = tauPlus;
        this.tauMinus = tauMinus;
        this.lambda = lambda;
        this.alpha = alpha;
        this.muPlus = muPlus;
        this.muMinus = muMinus;
        this.wmax = wmax;
        this.pairing = pairing;
        this.symmetric = symmetric;
    }

    /** NEST's {@code stdp_synapse} with its defaults (multiplicative, all-to-all). */
    public static Stdp synapse() {
        return new Stdp(20, 20, 0.01, 1, 1, 1, 100, Pairing.ALL_TO_ALL, false);
    }

    public Stdp tauPlus(double ms) {
        return new Stdp(ms, tauMinus, lambda, alpha, muPlus, muMinus, wmax, pairing, symmetric);
    }

    public Stdp tauMinus(double ms) {
        return new Stdp(tauPlus, ms, lambda, alpha, muPlus, muMinus, wmax, pairing, symmetric);
    }

    public Stdp lambda(double v) {
        return new Stdp(tauPlus, tauMinus, v, alpha, muPlus, muMinus, wmax, pairing, symmetric);
    }

    public Stdp alpha(double v) {
        return new Stdp(tauPlus, tauMinus, lambda, v, muPlus, muMinus, wmax, pairing, symmetric);
    }

    /** Guetig's power-law weight dependence with exponents {@code mu_plus}, {@code mu_minus}. */
    public Stdp powerLaw(double muPlus, double muMinus) {
        return new Stdp(tauPlus, tauMinus, lambda, alpha, muPlus, muMinus, wmax, pairing, symmetric);
    }

    /** Additive updates with hard bounds [0, Wmax] ({@code mu_plus = mu_minus = 0}). */
    public Stdp additive() {
        return powerLaw(0, 0);
    }

    /** Multiplicative updates, i.e. soft bounds ({@code mu_plus = mu_minus = 1}). */
    public Stdp multiplicative() {
        return powerLaw(1, 1);
    }

    public Stdp wmax(double v) {
        return new Stdp(tauPlus, tauMinus, lambda, alpha, muPlus, muMinus, v, pairing, symmetric);
    }

    public Stdp pairing(Pairing p) {
        return new Stdp(tauPlus, tauMinus, lambda, alpha, muPlus, muMinus, wmax, p, symmetric);
    }

    /** A symmetric window: presynaptic spikes potentiate by the postsynaptic trace. */
    public Stdp symmetric(boolean s) {
        return new Stdp(tauPlus, tauMinus, lambda, alpha, muPlus, muMinus, wmax, pairing, s);
    }

    public double tauPlus() {
        return tauPlus;
    }

    public double tauMinus() {
        return tauMinus;
    }

    public double lambda() {
        return lambda;
    }

    public double alpha() {
        return alpha;
    }

    public double muPlus() {
        return muPlus;
    }

    public double muMinus() {
        return muMinus;
    }

    public double wmax() {
        return wmax;
    }

    public Pairing pairing() {
        return pairing;
    }

    public boolean isSymmetric() {
        return symmetric;
    }

    @Override
    public String name() {
        return symmetric ? "stdp_symmetric_synapse" : pairing.nestName();
    }

    @Override
    public void validate(String element, double dt) {
        positive(element, "tau_plus", tauPlus);
        positive(element, "tau_minus", tauMinus);
        nonNegative(element, "lambda", lambda);
        nonNegative(element, "alpha", alpha);
        nonNegative(element, "mu_plus", muPlus);
        nonNegative(element, "mu_minus", muMinus);
        wmax(element, wmax);
        if (symmetric && pairing != Pairing.ALL_TO_ALL) {
            throw new ModelException(element, "symmetric", "a symmetric window needs all-to-all pairing, got " + pairing.nestName());
        }
    }

    static void positive(String element, String key, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new ModelException(element, key, "value " + v + " is invalid; valid: (0, inf)");
        }
    }

    static void nonNegative(String element, String key, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new ModelException(element, key, "value " + v + " is invalid; valid: [0, inf)");
        }
    }

    /** Wmax must be finite and non-zero; its sign is the sign of every weight. */
    static void wmax(String element, double wmax) {
        if (!(wmax != 0 && Double.isFinite(wmax))) {
            throw new ModelException(element, "Wmax", "value " + wmax + " is invalid; valid: finite and non-zero");
        }
    }

    /** Weights must have the sign of Wmax (or be 0) and lie within [0, |Wmax|] in magnitude. */
    static void checkBounded(String element, double w, double wmax) {
        if (!(Double.isFinite(w) && (w == 0 || Math.signum(w) == Math.signum(wmax)) && Math.abs(w) <= Math.abs(wmax))) {
            throw new ModelException(element, "weight", "value " + w + " is invalid; valid: between 0 and Wmax = " + wmax);
        }
    }

    @Override
    public void checkWeight(String element, double w) {
        checkBounded(element, w, wmax);
    }

    @Override
    public double weightSign() {
        return Math.signum(wmax);
    }

    @Override
    public String[] sourceVariables() {
        return pairing == Pairing.ALL_TO_ALL ? new String[] {"Kplus", "t_last"} : new String[] {"t_last"};
    }

    /** t_last starts at -1: no presynaptic spike yet. */
    @Override
    public double sourceInitial(int var) {
        return var == sourceVariables().length - 1 ? -1 : 0;
    }

    @Override
    public String[] synapseVariables() {
        return pairing == Pairing.NEAREST_PRE_CENTERED ? new String[] {"Kplus"} : new String[0];
    }

    @Override
    public int postTraceCount() {
        return 1;
    }

    @Override
    public double postTraceTau(int i) {
        return tauMinus;
    }

    /**
     * True for all-to-all pairing ({@code stdp_synapse}), whose pending facilitation depends only on
     * K+ and t_last; the nearest-neighbour pairings remember which pairing the last presynaptic
     * spike made and cannot be brought forward without a spike.
     */
    @Override
    public boolean settles() {
        return pairing == Pairing.ALL_TO_ALL;
    }

    @Override
    public PlasticKernel compile(double dt) {
        switch (pairing) {
            case NEAREST_SYMMETRIC:
                return new NearestSymmetric(this, dt);
            case NEAREST_RESTRICTED:
                return new NearestRestricted(this, dt);
            case NEAREST_PRE_CENTERED:
                return new NearestPreCentered(this, dt);
            default:
                return new AllToAll(this, dt);
        }
    }

    @Override
    public String toString() {
        return name() + "(tau_plus " + tauPlus + ", tau_minus " + tauMinus + ", lambda " + lambda + ", alpha " + alpha
                + ", mu_plus " + muPlus + ", mu_minus " + muMinus + ", Wmax " + wmax + ")";
    }

    /** The weight dependence, shared by all pairings. */
    abstract static class Kernel implements PlasticKernel {
        final double dt;
        final double tauPlus;
        final double lambda;
        final double alpha;
        final double muPlus;
        final double muMinus;
        final double wmax;
        final boolean symmetric;
        final Decay plus;

        Kernel(Stdp r, double dt) {
            this.plus = new Decay(dt, r.tauPlus);
            this.dt = dt;
            this.tauPlus = r.tauPlus;
            this.lambda = r.lambda;
            this.alpha = r.alpha;
            this.muPlus = r.muPlus;
            this.muMinus = r.muMinus;
            this.wmax = r.wmax;
            this.symmetric = r.symmetric;
        }

        static double pow(double x, double mu) {
            return mu == 0 ? 1.0 : mu == 1 ? x : Math.pow(x, mu);
        }

        final double facilitate(double w, double k) {
            final double u0 = w / wmax;
            final double u = u0 + lambda * pow(1.0 - u0, muPlus) * k;
            return u < 1.0 ? u * wmax : wmax;
        }

        final double depress(double w, double k) {
            final double u0 = w / wmax;
            if (symmetric) {
                final double u = u0 + alpha * lambda * pow(1.0 - u0, muPlus) * k;
                return u < 1.0 ? u * wmax : wmax;
            }
            final double u = u0 - alpha * lambda * pow(u0, muMinus) * k;
            return u > 0.0 ? u * wmax : 0.0;
        }
    }

    /** {@code stdp_synapse}. Source state: K+ (value after the last spike), t_last (stamp). */
    static final class AllToAll extends Kernel {
        AllToAll(Stdp r, double dt) {
            super(r, dt);
        }

        @Override
        public void learn(PlasticSynapses syn, int src, int stamp, int lo, int hi) {
            final double[] kp = syn.source[0];
            final double[] last = syn.source[1];
            final int sLast = (int) last[src];
            final double kplus = kp[src];
            final PostArchive post = syn.post();
            final int tr = syn.postTrace(0);
            final double[] w = syn.weight;
            for (int k = lo; k < hi; k++) {
                final int j = syn.target(k);
                final int d = syn.delay(k);
                w[k] = depress(pending(post, j, d, w[k], sLast, stamp, kplus), post.trace(j, tr, stamp - d));
            }
            kp[src] = kplus * plus.of(stamp - sLast) + 1.0;
            last[src] = stamp;
        }

        /**
         * The facilitation of every postsynaptic spike that reached the synapses by {@code stamp};
         * K+ then holds its value at {@code stamp} (no increment) and {@code t_last} becomes
         * {@code stamp}, so the next presynaptic spike's decay starts there.
         */
        @Override
        public void settle(PlasticSynapses syn, int src, int stamp, int lo, int hi) {
            final double[] kp = syn.source[0];
            final double[] last = syn.source[1];
            final int sLast = (int) last[src];
            final double kplus = kp[src];
            final PostArchive post = syn.post();
            final double[] w = syn.weight;
            for (int k = lo; k < hi; k++) w[k] = pending(post, syn.target(k), syn.delay(k), w[k], sLast, stamp, kplus);
            kp[src] = kplus * plus.of(stamp - sLast);
            last[src] = stamp;
        }

        /**
         * Weight {@code wk} (target {@code j}, delay {@code d}) after the facilitation by the
         * postsynaptic spikes seen at the synapse in {@code (sLast, stamp]}, with K+ {@code kplus}
         * at {@code sLast} (the rare case: usually there is none); marks those spikes read.
         */
        private double pending(PostArchive post, int j, int d, double wk, int sLast, int stamp, double kplus) {
            if (post.newest(j) > sLast - d) {
                final long r = post.range(j, sLast - d, stamp - d);
                final int a = (int) (r >>> 32);
                final int b = (int) r;
                for (int i = a; i < b; i++) wk = facilitate(wk, kplus * plus.of(post.stamp(j, i) + d - sLast));
                if (a < b) post.access(j, a, b);
            }
            return wk;
        }
    }

    /** {@code stdp_nn_symm_synapse}. Source state: t_last. */
    static final class NearestSymmetric extends Kernel {
        NearestSymmetric(Stdp r, double dt) {
            super(r, dt);
        }

        @Override
        public void learn(PlasticSynapses syn, int src, int stamp, int lo, int hi) {
            final double[] last = syn.source[0];
            final int sLast = (int) last[src];
            final PostArchive post = syn.post();
            final int tr = syn.postTrace(0);
            final double[] w = syn.weight;
            for (int k = lo; k < hi; k++) {
                final int j = syn.target(k);
                final int d = syn.delay(k);
                double wk = w[k];
                if (post.newest(j) > sLast - d) {
                    final long r = post.range(j, sLast - d, stamp - d);
                    final int a = (int) (r >>> 32);
                    final int b = (int) r;
                    if (sLast >= 0) for (int i = a; i < b; i++) wk = facilitate(wk, plus.of(post.stamp(j, i) + d - sLast));
                    if (a < b) post.access(j, a, b);
                }
                w[k] = depress(wk, post.nearestTrace(j, tr, stamp - d));
            }
            last[src] = stamp;
        }
    }

    /** {@code stdp_nn_restr_synapse}. Source state: t_last. */
    static final class NearestRestricted extends Kernel {
        NearestRestricted(Stdp r, double dt) {
            super(r, dt);
        }

        @Override
        public void learn(PlasticSynapses syn, int src, int stamp, int lo, int hi) {
            final double[] last = syn.source[0];
            final int sLast = (int) last[src];
            final PostArchive post = syn.post();
            final int tr = syn.postTrace(0);
            final double[] w = syn.weight;
            for (int k = lo; k < hi; k++) {
                final int j = syn.target(k);
                final int d = syn.delay(k);
                if (post.newest(j) <= sLast - d) continue;
                final long r = post.range(j, sLast - d, stamp - d);
                final int a = (int) (r >>> 32);
                final int b = (int) r;
                if (a < b) {
                    double wk = sLast < 0 ? w[k] : facilitate(w[k], plus.of(post.stamp(j, a) + d - sLast));
                    post.access(j, a, b);
                    w[k] = depress(wk, post.nearestTrace(j, tr, stamp - d));
                }
            }
            last[src] = stamp;
        }
    }

    /** {@code stdp_nn_pre_centered_synapse}. Source state: t_last; synapse state: K+. */
    static final class NearestPreCentered extends Kernel {
        NearestPreCentered(Stdp r, double dt) {
            super(r, dt);
        }

        @Override
        public void learn(PlasticSynapses syn, int src, int stamp, int lo, int hi) {
            final double[] last = syn.source[0];
            final double[] kp = syn.state[0];
            final int sLast = (int) last[src];
            final PostArchive post = syn.post();
            final int tr = syn.postTrace(0);
            final double[] w = syn.weight;
            final double decay = plus.of(stamp - sLast);
            for (int k = lo; k < hi; k++) {
                final int j = syn.target(k);
                final int d = syn.delay(k);
                double wk = w[k];
                double kplus = kp[k];
                if (post.newest(j) > sLast - d) {
                    final long r = post.range(j, sLast - d, stamp - d);
                    final int a = (int) (r >>> 32);
                    final int b = (int) r;
                    if (a < b) {
                        wk = facilitate(wk, kplus * plus.of(post.stamp(j, a) + d - sLast));
                        kplus = 0;
                        post.access(j, a, b);
                    }
                }
                w[k] = depress(wk, post.nearestTrace(j, tr, stamp - d));
                kp[k] = kplus * decay + 1.0;
            }
            last[src] = stamp;
        }
    }
}
