package org.myelin.learn.astro;

import org.myelin.core.ModelException;
import org.myelin.core.ModulatorSpikes;
import org.myelin.core.PlasticKernel;
import org.myelin.core.PlasticSynapses;
import org.myelin.core.Plasticity;
import org.myelin.core.PostArchive;
import org.myelin.core.VolumeTransmitter;

/**
 * Astrocyte-modulated STDP, the plasticity of NALSM (Ivanov and Michmizos 2021,
 * {@code NALSM_STDP.py}, {@code STDP_w_astro_depression}): additive all-to-all STDP whose
 * weakening term has the learning rate {@code A(t)} of an {@link Astrocyte} instead of a constant,
 * while the strengthening term keeps a fixed rate {@code eta}.
 *
 * <h2>Equations</h2>
 * With the presynaptic trace {@code K+} ({@code tau_plus}) and the postsynaptic trace {@code K-}
 * ({@code tau_minus}), each jumping by 1 per spike:
 * <ul>
 * <li>excitatory synapses ({@code Wmin >= 0}; NALSM's excitatory and input synapses):
 * at each postsynaptic spike {@code w <- w + eta K+}, at each presynaptic spike
 * {@code w <- w - A(t_pre) K-};</li>
 * <li>inhibitory synapses ({@code Wmax <= 0}; NALSM's synapses from inhibitory neurons, mirrored so
 * that the astrocyte again gates the change that lowers activity): at each postsynaptic spike
 * {@code w <- w - A(t_post + d) K+} (stronger inhibition), at each presynaptic spike
 * {@code w <- w + eta K-} (weaker inhibition);</li>
 * <li>after every change {@code w} is clipped to {@code [Wmin, Wmax]} (NALSM's
 * {@code clip_by_value}).</li>
 * </ul>
 * So with a constant {@code A(t) = A} the rule is plain additive STDP
 * ({@code Stdp.synapse().additive()} with {@code lambda * |Wmax| = eta} and
 * {@code alpha * lambda * |Wmax| = A} for excitatory synapses, {@code lambda * |Wmax| = A} and
 * {@code alpha * lambda * |Wmax| = eta} for inhibitory ones). When the liquid fires more than its
 * input the astrocyte's {@code A} grows, excitatory synapses weaken and inhibitory ones strengthen,
 * and the other way round: a global negative feedback on activity that, in NALSM, holds the liquid
 * near a branching factor of 1.
 *
 * <h2>Timing (the package's, NEST's)</h2>
 * The weight changes at the delivery of each presynaptic spike (stamp {@code t_pre}), before it is
 * transmitted: first every postsynaptic spike seen at the synapse in {@code (t_last, t_pre]}
 * ({@code t_post + d}, with the synapse's delay {@code d} dendritic) in order, each with {@code K+}
 * from the presynaptic spikes before {@code t_last}; then the presynaptic term with {@code K-} at
 * {@code t_pre - d} (postsynaptic spikes strictly before it). {@code A} is read at the time of the
 * change it gates: {@code t_pre} for excitatory synapses, {@code t_post + d} for inhibitory ones.
 * Because the astrocyte's spike list is cleared at every volume-transmitter update, inhibitory
 * synapses are brought up to date at each update ({@link PlasticKernel#trigger}: their postsynaptic
 * terms up to that time are applied and {@code t_last} moves to it); excitatory synapses need only
 * the present value of {@code A} and skip the update. The astrocyte's update period
 * ({@link Astrocyte#deliverInterval(double)}) trades the cost of that sweep over the inhibitory
 * synapses against the length of the spike list read per postsynaptic spike; results do not depend
 * on it beyond rounding.
 *
 * <p>Deviations from NALSM: NALSM's input synapses may change sign within {@code [-Wmax, Wmax]};
 * here every weight keeps its sign (a Myelin rule has one sign), so input synapses are excitatory
 * with {@code [0, Wmax]}. NALSM updates on a 1 ms grid with exponential traces sampled at the step
 * (a spike's own trace counts from the next step, as here) and applies the potentiation and
 * depression of one step together before clipping; here each change is clipped as it happens.
 *
 * <h2>Parameters</h2>
 * <table>
 * <tr><th>name</th><th>default</th><th>unit</th><th></th></tr>
 * <tr><td>tau_plus</td><td>10</td><td>ms</td><td>presynaptic trace (NALSM: 10)</td></tr>
 * <tr><td>tau_minus</td><td>10</td><td>ms</td><td>postsynaptic trace (NALSM: 10)</td></tr>
 * <tr><td>eta</td><td>0.015</td><td>weight</td><td>fixed rate per unit trace (NALSM: 0.15 x trace
 * increment 0.1)</td></tr>
 * <tr><td>Wmin, Wmax</td><td>0, 3</td><td>weight</td><td>bounds, not spanning 0 (NALSM: [0, 3]
 * excitatory, [-3, 0] inhibitory)</td></tr>
 * </table>
 *
 * <p>References: Ivanov and Michmizos (2021) NeurIPS 34 (eq. 6-7); Song, Miller, Abbott (2000) Nat
 * Neurosci 3:919 (additive STDP).
 */
public final class AstroStdp extends Plasticity {
    private final Astrocyte astro;
    private final double tauPlus;
    private final double tauMinus;
    private final double eta;
    private final double wmin;
    private final double wmax;

    private AstroStdp(Astrocyte astro, double tauPlus, double tauMinus, double eta, double wmin, double wmax) {
        if (astro == null) throw new IllegalArgumentException("astro_stdp_synapse needs an astrocyte");
        this.astro = astro;
        this.tauPlus = tauPlus;
        this.tauMinus = tauMinus;
        this.eta = eta;
        this.wmin = wmin;
        this.wmax = wmax;
    }

    /** Excitatory astrocyte-modulated STDP with the defaults above. */
    public static AstroStdp synapse(Astrocyte astro) {
        return new AstroStdp(astro, 10, 10, 0.015, 0, 3);
    }

    public AstroStdp tauPlus(double ms) {
        return new AstroStdp(astro, ms, tauMinus, eta, wmin, wmax);
    }

    public AstroStdp tauMinus(double ms) {
        return new AstroStdp(astro, tauPlus, ms, eta, wmin, wmax);
    }

    /** The fixed learning rate (weight per unit trace). */
    public AstroStdp eta(double v) {
        return new AstroStdp(astro, tauPlus, tauMinus, v, wmin, wmax);
    }

    /** The weight bounds: {@code 0 <= Wmin < Wmax} (excitatory) or {@code Wmin < Wmax <= 0} (inhibitory). */
    public AstroStdp bounds(double wmin, double wmax) {
        return new AstroStdp(astro, tauPlus, tauMinus, eta, wmin, wmax);
    }

    public Astrocyte astrocyte() {
        return astro;
    }

    public double tauPlus() {
        return tauPlus;
    }

    public double tauMinus() {
        return tauMinus;
    }

    public double eta() {
        return eta;
    }

    public double wmin() {
        return wmin;
    }

    public double wmax() {
        return wmax;
    }

    /** Whether the synapses are inhibitory ({@code Wmax <= 0}, {@code Wmin < 0}). */
    public boolean inhibitory() {
        return wmax <= 0 && wmin < 0;
    }

    @Override
    public String name() {
        return "astro_stdp_synapse";
    }

    @Override
    public VolumeTransmitter volumeTransmitter() {
        return astro.volumeTransmitter();
    }

    @Override
    public double modulatorTau() {
        return astro.tau();
    }

    @Override
    public void validate(String element, double dt) {
        astro.validate(element);
        positive(element, "tau_plus", tauPlus);
        positive(element, "tau_minus", tauMinus);
        if (!(eta >= 0) || Double.isInfinite(eta)) {
            throw new ModelException(element, "eta", "value " + eta + " is invalid; valid: [0, inf)");
        }
        if (!(wmin < wmax) || !Double.isFinite(wmin) || !Double.isFinite(wmax) || (wmin < 0 && wmax > 0)) {
            throw new ModelException(element, "Wmin", "bounds [" + wmin + ", " + wmax
                    + "] are invalid; valid: finite, Wmin < Wmax, not spanning 0 (a weight keeps its sign)");
        }
    }

    private static void positive(String element, String key, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new ModelException(element, key, "value " + v + " ms is invalid; valid: (0, inf) ms");
        }
    }

    @Override
    public void checkWeight(String element, double w) {
        if (!(w >= wmin && w <= wmax)) {
            throw new ModelException(element, "weight", "value " + w + " is invalid; valid: [" + wmin + ", " + wmax + "]");
        }
    }

    @Override
    public double weightSign() {
        return inhibitory() ? -1 : 1;
    }

    /** Kplus: the presynaptic trace at t_last; t_last: the stamp of the last update (-1: none). */
    @Override
    public String[] sourceVariables() {
        return new String[] {"Kplus", "t_last"};
    }

    @Override
    public double sourceInitial(int var) {
        return var == 1 ? -1 : 0;
    }

    @Override
    public int postTraceCount() {
        return 1;
    }

    @Override
    public double postTraceTau(int i) {
        return tauMinus;
    }

    @Override
    public PlasticKernel compile(double dt) {
        return inhibitory() ? new Inhibitory(this, dt) : new Excitatory(this, dt);
    }

    @Override
    public String toString() {
        return name() + "(tau_plus " + tauPlus + ", tau_minus " + tauMinus + ", eta " + eta + ", Wmin " + wmin
                + ", Wmax " + wmax + ", " + astro + ")";
    }

    /** What both kernels share: the parameters, the decay of K+ and the astrocyte's A. */
    abstract static class Kernel implements PlasticKernel {
        final double dt;
        final double eta;
        final double wmin;
        final double wmax;
        final double b;
        final double w;
        final double a0;
        final double tau;
        final double hPlus;
        final double[] plus;

        Kernel(AstroStdp r, double dt) {
            this.dt = dt;
            this.eta = r.eta;
            this.wmin = r.wmin;
            this.wmax = r.wmax;
            this.b = r.astro.bias();
            this.w = r.astro.weight();
            this.a0 = r.astro.initial();
            this.tau = r.astro.tau();
            this.hPlus = dt / r.tauPlus;
            int len = (int) Math.min(1 << 16, Math.ceil(40 * r.tauPlus / dt) + 1);
            this.plus = new double[len];
            for (int i = 0; i < len; i++) plus[i] = Math.exp((-i) * hPlus);
        }

        /** {@code exp(-k dt / tau_plus)} for {@code k >= 0} steps (table or computed: the same bits). */
        final double decay(int k) {
            return k < plus.length ? plus[k] : Math.exp((-k) * hPlus);
        }

        final double clip(double x) {
            return x < wmin ? wmin : x > wmax ? wmax : x;
        }

        final double astro(ModulatorSpikes m, int tr, int s) {
            return Astrocyte.value(m, tr, s, dt, b, w, a0, tau);
        }
    }

    /** Excitatory synapses: eta gates the postsynaptic term, A(t_pre) the presynaptic one. */
    static final class Excitatory extends Kernel {
        Excitatory(AstroStdp r, double dt) {
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
            final double[] wt = syn.weight;
            final double a = astro(syn.modulator(), syn.modulatorTrace(), stamp);
            for (int k = lo; k < hi; k++) {
                final int j = syn.target(k);
                final int d = syn.delay(k);
                double wk = wt[k];
                if (post.newest(j) > sLast - d) {
                    // postsynaptic spikes since the previous presynaptic one (the rare case); before the
                    // first presynaptic spike K+ is 0 and they are only marked as read
                    final long r = post.range(j, sLast - d, stamp - d);
                    final int ra = (int) (r >>> 32);
                    final int rb = (int) r;
                    if (kplus != 0.0) {
                        for (int i = ra; i < rb; i++) wk = clip(wk + eta * kplus * decay(post.stamp(j, i) + d - sLast));
                    }
                    if (ra < rb) post.access(j, ra, rb);
                }
                wt[k] = clip(wk - a * post.trace(j, tr, stamp - d));
            }
            kp[src] = kplus * decay(stamp - sLast) + 1.0;
            last[src] = stamp;
        }
    }

    /** Inhibitory synapses: A(t_post + d) gates the postsynaptic term, eta the presynaptic one. */
    static final class Inhibitory extends Kernel {
        Inhibitory(AstroStdp r, double dt) {
            super(r, dt);
        }

        @Override
        public void learn(PlasticSynapses syn, int src, int stamp, int lo, int hi) {
            update(syn, src, stamp, lo, hi, true);
        }

        @Override
        public void trigger(PlasticSynapses syn, int src, int stamp, int lo, int hi) {
            update(syn, src, stamp, lo, hi, false);
        }

        private void update(PlasticSynapses syn, int src, int stamp, int lo, int hi, boolean spike) {
            final double[] kp = syn.source[0];
            final double[] last = syn.source[1];
            final int sLast = (int) last[src];
            final double kplus = kp[src];
            final PostArchive post = syn.post();
            final int tr = syn.postTrace(0);
            final ModulatorSpikes m = syn.modulator();
            final int mt = syn.modulatorTrace();
            final double[] wt = syn.weight;
            // before the first presynaptic spike K+ is 0: postsynaptic spikes are only marked as read
            final boolean any = kplus != 0.0;
            for (int k = lo; k < hi; k++) {
                final int j = syn.target(k);
                final int d = syn.delay(k);
                double wk = wt[k];
                if (post.newest(j) > sLast - d) {
                    final long r = post.range(j, sLast - d, stamp - d);
                    final int ra = (int) (r >>> 32);
                    final int rb = (int) r;
                    if (any) {
                        for (int i = ra; i < rb; i++) {
                            final int seen = post.stamp(j, i) + d;
                            wk = clip(wk - astro(m, mt, seen) * kplus * decay(seen - sLast));
                        }
                    }
                    if (ra < rb) post.access(j, ra, rb);
                }
                wt[k] = spike ? clip(wk + eta * post.trace(j, tr, stamp - d)) : wk;
            }
            kp[src] = kplus * decay(stamp - sLast) + (spike ? 1.0 : 0.0);
            last[src] = stamp;
        }
    }
}
