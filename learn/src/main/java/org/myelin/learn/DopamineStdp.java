package org.myelin.learn;

import org.myelin.core.ModelException;
import org.myelin.core.ModulatorSpikes;
import org.myelin.core.PlasticKernel;
import org.myelin.core.PlasticSynapses;
import org.myelin.core.Plasticity;
import org.myelin.core.PostArchive;
import org.myelin.core.VolumeTransmitter;

/**
 * Dopamine-modulated STDP (Izhikevich 2007), NEST's {@code stdp_dopamine_synapse}: STDP pairings
 * do not change the weight but an eligibility trace {@code c}; the weight follows {@code c} times
 * the dopamine concentration {@code n} above a baseline {@code b}.
 *
 * <h2>Equations</h2>
 * <pre>
 *   dc/dt = -c/tau_c + A+ K+(t) sum_post delta(t - t_post - d) - A- K-(t) sum_pre delta(t - t_pre)
 *   dn/dt = -n/tau_n + (1/tau_n) sum_dopa delta(t - t_dopa)
 *   dw/dt = c (n - b),   w clipped to [Wmin, Wmax] after each integration piece
 * </pre>
 * {@code K+} is the presynaptic trace ({@code tau_plus}, +1 per spike), {@code K-} the postsynaptic
 * one ({@code tau_minus}, from the target's spike history). Dopamine spikes come from a
 * {@link VolumeTransmitter}: every spike of its source population adds {@code 1/tau_n} to {@code n}.
 * Between events the three are integrated exactly (piecewise: {@code c} and {@code n} decay, the
 * weight change is the closed-form integral of {@code c(t) (n(t) - b)}).
 *
 * <h2>When it runs (NEST's semantics)</h2>
 * At each presynaptic spike {@code t_pre}: for every postsynaptic spike with
 * {@code t_last - d < t_post <= t_pre - d}, the weight is integrated up to {@code t_post + d} and
 * {@code c += A+ K+(t_post + d)} (skipped when {@code t_post == t_pre}, as in NEST); then the weight
 * is integrated up to {@code t_pre}, {@code c -= A- K-(t_pre - d)}, and {@code K+} is incremented.
 * Every volume-transmitter interval every synapse is integrated up to that time the same way
 * without a presynaptic spike ({@code trigger_update_weight}), so weights evolve, and can be
 * recorded, even when the presynaptic neuron is silent. {@code t_last} is the time of the last
 * update (spike or trigger).
 *
 * <h2>Parameters (NEST names and defaults)</h2>
 * A_plus 1, A_minus 1.5, tau_plus 20 ms, tau_minus 20 ms (a neuron parameter in NEST), tau_c
 * 1000 ms, tau_n 200 ms, b 0, Wmin 0, Wmax 200. Weights must not change sign: {@code Wmin >= 0} or
 * {@code Wmax <= 0}.
 *
 * <p>References: Izhikevich (2007) Cereb Cortex 17:2443; Potjans, Morrison, Diesmann (2010) Front
 * Comput Neurosci 4:141; NEST {@code stdp_dopamine_synapse}, {@code volume_transmitter}.
 */
public final class DopamineStdp extends Plasticity {
    private final VolumeTransmitter vt;
    private final double aPlus;
    private final double aMinus;
    private final double tauPlus;
    private final double tauMinus;
    private final double tauC;
    private final double tauN;
    private final double b;
    private final double wmin;
    private final double wmax;

    private DopamineStdp(VolumeTransmitter vt, double aPlus, double aMinus, double tauPlus, double tauMinus, double tauC,
                         double tauN, double b, double wmin, double wmax) {
        if (vt == null) throw new IllegalArgumentException("stdp_dopamine_synapse needs a volume transmitter");
        this.vt = vt;
        this.aPlus = aPlus;
        this.aMinus = aMinus;
        this.tauPlus = tauPlus;
        this.tauMinus = tauMinus;
        this.tauC = tauC;
        this.tauN = tauN;
        this.b = b;
        this.wmin = wmin;
        this.wmax = wmax;
    }

    /** NEST's defaults, modulated by {@code vt}. */
    public static DopamineStdp synapse(VolumeTransmitter vt) {
        return new DopamineStdp(vt, 1.0, 1.5, 20, 20, 1000, 200, 0, 0, 200);
    }

    public DopamineStdp amplitudes(double aPlus, double aMinus) {
        return new DopamineStdp(vt, aPlus, aMinus, tauPlus, tauMinus, tauC, tauN, b, wmin, wmax);
    }

    public DopamineStdp tauPlus(double ms) {
        return new DopamineStdp(vt, aPlus, aMinus, ms, tauMinus, tauC, tauN, b, wmin, wmax);
    }

    public DopamineStdp tauMinus(double ms) {
        return new DopamineStdp(vt, aPlus, aMinus, tauPlus, ms, tauC, tauN, b, wmin, wmax);
    }

    /** Eligibility trace time constant. */
    public DopamineStdp tauC(double ms) {
        return new DopamineStdp(vt, aPlus, aMinus, tauPlus, tauMinus, ms, tauN, b, wmin, wmax);
    }

    /** Dopamine trace time constant. */
    public DopamineStdp tauN(double ms) {
        return new DopamineStdp(vt, aPlus, aMinus, tauPlus, tauMinus, tauC, ms, b, wmin, wmax);
    }

    /** Dopamine baseline. */
    public DopamineStdp baseline(double b) {
        return new DopamineStdp(vt, aPlus, aMinus, tauPlus, tauMinus, tauC, tauN, b, wmin, wmax);
    }

    public DopamineStdp bounds(double wmin, double wmax) {
        return new DopamineStdp(vt, aPlus, aMinus, tauPlus, tauMinus, tauC, tauN, b, wmin, wmax);
    }

    public double tauC() {
        return tauC;
    }

    public double tauN() {
        return tauN;
    }

    public double tauPlus() {
        return tauPlus;
    }

    public double tauMinus() {
        return tauMinus;
    }

    public double aPlus() {
        return aPlus;
    }

    public double aMinus() {
        return aMinus;
    }

    public double baseline() {
        return b;
    }

    @Override
    public String name() {
        return "stdp_dopamine_synapse";
    }

    @Override
    public VolumeTransmitter volumeTransmitter() {
        return vt;
    }

    @Override
    public double modulatorTau() {
        return tauN;
    }

    @Override
    public void validate(String element, double dt) {
        Stdp.positive(element, "tau_plus", tauPlus);
        Stdp.positive(element, "tau_minus", tauMinus);
        Stdp.positive(element, "tau_c", tauC);
        Stdp.positive(element, "tau_n", tauN);
        if (!Double.isFinite(aPlus) || !Double.isFinite(aMinus) || !Double.isFinite(b)) {
            throw new ModelException(element, "A_plus", "A_plus, A_minus and b must be finite");
        }
        if (!(wmin <= wmax) || !Double.isFinite(wmin) || !Double.isFinite(wmax) || (wmin < 0 && wmax > 0)) {
            throw new ModelException(element, "Wmin", "bounds [" + wmin + ", " + wmax
                    + "] are invalid; valid: finite, Wmin <= Wmax, and not spanning 0 (a weight keeps its sign)");
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
        return wmin >= 0 ? 1 : -1;
    }

    @Override
    public String[] synapseVariables() {
        return new String[] {"c"};
    }

    @Override
    public String[] sourceVariables() {
        return new String[] {"Kplus", "t_last_update"};
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
        return new Kernel(this, dt);
    }

    @Override
    public String toString() {
        return name() + "(A_plus " + aPlus + ", A_minus " + aMinus + ", tau_plus " + tauPlus + ", tau_c " + tauC
                + ", tau_n " + tauN + ", b " + b + ", Wmin " + wmin + ", Wmax " + wmax + ", " + vt + ")";
    }

    static final class Kernel implements PlasticKernel {
        final double dt;
        final double aPlus;
        final double aMinus;
        final double tauPlus;
        final double tauC;
        final double tauN;
        final double taus;
        final double b;
        final double wmin;
        final double wmax;

        Kernel(DopamineStdp r, double dt) {
            this.dt = dt;
            this.aPlus = r.aPlus;
            this.aMinus = r.aMinus;
            this.tauPlus = r.tauPlus;
            this.tauC = r.tauC;
            this.tauN = r.tauN;
            this.taus = (r.tauC + r.tauN) / (r.tauC * r.tauN);
            this.b = r.b;
            this.wmin = r.wmin;
            this.wmax = r.wmax;
        }

        /** The weight after {@code steps} steps from a state with eligibility c0 and dopamine n0. */
        private double integrate(double w, double c0, double n0, int steps) {
            final double h = -steps * dt;
            final double nw = w - c0 * (n0 / taus * Math.expm1(taus * h) - b * tauC * Math.expm1(h / tauC));
            return nw < wmin ? wmin : nw > wmax ? wmax : nw;
        }

        /** The weight integrated over (t0, t1], with eligibility c0 at t0 (NEST's process_dopa_spikes_). */
        private double dopamine(ModulatorSpikes m, int tr, double w, double c0, int t0, int t1) {
            int i = m.last(t0);
            double n = m.after(i, tr) * Math.exp((m.stamp(i) - t0) * dt / tauN);
            int tc = t0;
            double c = c0;
            final int size = m.size();
            for (int e = i + 1; e < size && m.stamp(e) <= t1; e++) {
                final int te = m.stamp(e);
                w = integrate(w, c, n, te - tc);
                c *= Math.exp((tc - te) * dt / tauC);
                n = m.after(e, tr);
                tc = te;
            }
            return integrate(w, c, n, t1 - tc);
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
            final double[] w = syn.weight;
            final double[] cs = syn.state[0];
            final double h = dt / tauPlus;
            final double hc = dt / tauC;
            for (int k = lo; k < hi; k++) {
                final int j = syn.target(k);
                final int d = syn.delay(k);
                final boolean any = post.newest(j) > sLast - d;
                final long r = any ? post.range(j, sLast - d, stamp - d) : 0L;
                final int a = (int) (r >>> 32);
                final int bb = (int) r;
                double wk = w[k];
                double c = cs[k];
                int t0 = sLast;
                for (int i = a; i < bb; i++) {
                    final int p = post.stamp(j, i);
                    final int tp = p + d;
                    wk = dopamine(m, mt, wk, c, t0, tp);
                    c *= Math.exp((t0 - tp) * hc);
                    t0 = tp;
                    if (!spike || stamp != p) c += aPlus * kplus * Math.exp((sLast - tp) * h);
                }
                if (a < bb) post.access(j, a, bb);
                wk = dopamine(m, mt, wk, c, t0, stamp);
                c *= Math.exp((t0 - stamp) * hc);
                if (spike) c -= aMinus * post.trace(j, tr, stamp - d);
                w[k] = wk;
                cs[k] = c;
            }
            kp[src] = kplus * Math.exp((sLast - stamp) * h) + (spike ? 1.0 : 0.0);
            last[src] = stamp;
        }
    }
}
