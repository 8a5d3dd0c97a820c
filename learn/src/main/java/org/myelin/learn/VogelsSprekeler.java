package org.myelin.learn;

import org.myelin.core.PlasticKernel;
import org.myelin.core.PlasticSynapses;
import org.myelin.core.Plasticity;
import org.myelin.core.PostArchive;

/**
 * Inhibitory plasticity of Vogels, Sprekeler, Zenke, Clopath, Gerstner (2011), NEST's
 * {@code vogels_sprekeler_synapse}: a symmetric Hebbian window plus a constant depression at each
 * presynaptic spike, which drives the postsynaptic rate to {@code rho_0 = alpha / (2 tau)}.
 *
 * <h2>Rule (on |w|, NEST's semantics; timing as in the package documentation)</h2>
 * <pre>
 *   post spike (seen at t_post + d):  |w| <- min(|Wmax|, |w| + eta * x_pre)
 *   pre spike t_pre:                   |w| <- min(|Wmax|, |w| + eta * x_post(t_pre - d))
 *                                      |w| <- max(0, |w| - eta * alpha)
 * </pre>
 * with presynaptic and postsynaptic traces {@code x} of time constant {@code tau} (+1 per spike).
 * Weights keep the sign of Wmax: give a negative Wmax for inhibitory synapses (they then feed the
 * inhibitory port of sign-routed targets, even from an initial weight of 0).
 *
 * <h2>Parameters (NEST names and defaults)</h2>
 * tau 20 ms, eta 0.001, alpha 0.12 (= 2 rho_0 tau: rho_0 = 3 Hz), Wmax 1.
 *
 * <p>References: Vogels et al. (2011) Science 334:1569; NEST {@code vogels_sprekeler_synapse}.
 */
public final class VogelsSprekeler extends Plasticity {
    private final double tau;
    private final double eta;
    private final double alpha;
    private final double wmax;

    private VogelsSprekeler(double tau, double eta, double alpha, double wmax) {
        this.tau = tau;
        this.eta = eta;
        this.alpha = alpha;
        this.wmax = wmax;
    }

    /** NEST's defaults. */
    public static VogelsSprekeler synapse() {
        return new VogelsSprekeler(20, 0.001, 0.12, 1);
    }

    public VogelsSprekeler tau(double ms) {
        return new VogelsSprekeler(ms, eta, alpha, wmax);
    }

    public VogelsSprekeler eta(double v) {
        return new VogelsSprekeler(tau, v, alpha, wmax);
    }

    public VogelsSprekeler alpha(double v) {
        return new VogelsSprekeler(tau, eta, v, wmax);
    }

    /** Sets alpha = 2 rho_0 tau for the target rate {@code rateHz} (with the current tau). */
    public VogelsSprekeler targetRate(double rateHz) {
        return new VogelsSprekeler(tau, eta, 2 * rateHz * 1e-3 * tau, wmax);
    }

    public VogelsSprekeler wmax(double v) {
        return new VogelsSprekeler(tau, eta, alpha, v);
    }

    public double tau() {
        return tau;
    }

    public double eta() {
        return eta;
    }

    public double alpha() {
        return alpha;
    }

    public double wmax() {
        return wmax;
    }

    @Override
    public String name() {
        return "vogels_sprekeler_synapse";
    }

    @Override
    public void validate(String element, double dt) {
        Stdp.positive(element, "tau", tau);
        Stdp.nonNegative(element, "eta", eta);
        Stdp.nonNegative(element, "alpha", alpha);
        Stdp.wmax(element, wmax);
    }

    @Override
    public void checkWeight(String element, double w) {
        Stdp.checkBounded(element, w, wmax);
    }

    @Override
    public double weightSign() {
        return Math.signum(wmax);
    }

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
        return tau;
    }

    @Override
    public PlasticKernel compile(double dt) {
        return new Kernel(this, dt);
    }

    @Override
    public String toString() {
        return name() + "(tau " + tau + ", eta " + eta + ", alpha " + alpha + ", Wmax " + wmax + ")";
    }

    static final class Kernel implements PlasticKernel {
        final Decay decay;
        final double eta;
        final double depression;
        final double wmax;
        final double wm;

        Kernel(VogelsSprekeler r, double dt) {
            this.decay = new Decay(dt, r.tau);
            this.eta = r.eta;
            this.depression = r.alpha * r.eta;
            this.wmax = r.wmax;
            this.wm = Math.abs(r.wmax);
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
                double x = Math.abs(w[k]);
                if (post.newest(j) > sLast - d) {
                    final long r = post.range(j, sLast - d, stamp - d);
                    final int a = (int) (r >>> 32);
                    final int b = (int) r;
                    for (int i = a; i < b; i++) {
                        x += eta * kplus * decay.of(post.stamp(j, i) + d - sLast);
                        if (x > wm) x = wm;
                    }
                    if (a < b) post.access(j, a, b);
                }
                x += eta * post.trace(j, tr, stamp - d);
                if (x > wm) x = wm;
                x -= depression;
                w[k] = Math.copySign(x > 0.0 ? x : 0.0, wmax);
            }
            kp[src] = kplus * decay.of(stamp - sLast) + 1.0;
            last[src] = stamp;
        }
    }
}
