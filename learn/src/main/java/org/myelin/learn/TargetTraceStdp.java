package org.myelin.learn;

import org.myelin.core.PlasticKernel;
import org.myelin.core.PlasticSynapses;
import org.myelin.core.Plasticity;
import org.myelin.core.PostArchive;

/**
 * STDP with a target presynaptic trace and power-law weight dependence: the "pre-and-post" rule of
 * Diehl and Cook (2015, equations 5 and 6), which with {@code eta_pre = 0} is their main rule
 * (equation 3, after Querlioz et al. 2013). Model name {@code stdp_target_trace_synapse}.
 *
 * <h2>Model</h2>
 * A presynaptic trace {@code x_pre} ({@code tau_pre}) and a postsynaptic trace {@code x_post}
 * ({@code tau_post}), each set to 1 at its neuron's spike (nearest spike, the authors' {@code pre = 1},
 * {@code post1 = 1}) or incremented by 1 (all-to-all); with the timing of the package documentation
 * (a postsynaptic spike counts at the synapse at {@code t_post + d}):
 * <pre>
 *   pre spike:   w <- max(0,    w - eta_pre  * x_post(t) * w^mu_pre)
 *   post spike:  w <- clip(w + eta_post * (x_pre(t) - x_tar) * (Wmax - w)^mu_post, 0, Wmax)
 * </pre>
 * with the traces' values just before the spike's own increment. {@code x_tar} is the target value
 * of the presynaptic trace at a postsynaptic spike: an input whose trace is below it at the
 * neuron's spikes (one that rarely takes part in its firing) is depressed at each of them, an input
 * that never fires included, so the neuron's inputs disconnect from what it does not respond to
 * without a presynaptic spike. Weights keep the sign of Wmax (the update acts on {@code |w|}).
 *
 * <p>Like NEST's rules the update is lazy: the postsynaptic spikes' changes are applied at the
 * synapse's next presynaptic spike, in time order with it, or by {@link org.myelin.core.Projection#settle()}
 * (an input that never fires is changed only there). The results are the same as with immediate
 * updates, because a postsynaptic spike's change depends only on the weight and on the presynaptic
 * trace, which the last presynaptic spike determines.
 *
 * <h2>Parameters</h2>
 * {@link #synapse()} gives the values defined in the authors' code (peter-u-diehl/stdp-mnist:
 * {@code tc_pre_ee = tc_post_1_ee = 20 ms}, {@code nu_ee_pre = 1e-4}, {@code nu_ee_post = 0.01},
 * {@code exp_ee_pre = exp_ee_post = 0.2}, {@code STDP_offset = 0.4}, {@code wmax_ee = 1}), nearest
 * spike. The released script defines them but trains with its triplet rule instead
 * ({@link TripletStdp}, see {@code DiehlCookNetwork} in the benchmarks).
 *
 * <p>References: Diehl, Cook (2015) Front Comput Neurosci 9:99; Querlioz et al. (2013) IEEE Trans
 * Nanotechnol 12:288.
 */
public final class TargetTraceStdp extends Plasticity {
    private final double tauPre;
    private final double tauPost;
    private final double etaPre;
    private final double etaPost;
    private final double xTar;
    private final double muPre;
    private final double muPost;
    private final double wmax;
    private final boolean nearest;

    private TargetTraceStdp(double tauPre, double tauPost, double etaPre, double etaPost, double xTar, double muPre,
                            double muPost, double wmax, boolean nearest) {
        this.tauPre = tauPre;
        this.tauPost = tauPost;
        this.etaPre = etaPre;
        this.etaPost = etaPost;
        this.xTar = xTar;
        this.muPre = muPre;
        this.muPost = muPost;
        this.wmax = wmax;
        this.nearest = nearest;
    }

    /** The values of the authors' code: taus 20 ms, eta 1e-4 / 0.01, x_tar 0.4, mu 0.2, Wmax 1, nearest spike. */
    public static TargetTraceStdp synapse() {
        return new TargetTraceStdp(20, 20, 1e-4, 0.01, 0.4, 0.2, 0.2, 1, true);
    }

    /** Trace time constants {@code tau_pre, tau_post} (ms). */
    public TargetTraceStdp taus(double pre, double post) {
        return new TargetTraceStdp(pre, post, etaPre, etaPost, xTar, muPre, muPost, wmax, nearest);
    }

    /** Learning rates {@code eta_pre} (depression at a presynaptic spike) and {@code eta_post}. */
    public TargetTraceStdp rates(double pre, double post) {
        return new TargetTraceStdp(tauPre, tauPost, pre, post, xTar, muPre, muPost, wmax, nearest);
    }

    /** Target presynaptic trace {@code x_tar}. */
    public TargetTraceStdp target(double v) {
        return new TargetTraceStdp(tauPre, tauPost, etaPre, etaPost, v, muPre, muPost, wmax, nearest);
    }

    /** Weight-dependence exponents {@code mu_pre} (of {@code w}) and {@code mu_post} (of {@code Wmax - w}). */
    public TargetTraceStdp exponents(double pre, double post) {
        return new TargetTraceStdp(tauPre, tauPost, etaPre, etaPost, xTar, pre, post, wmax, nearest);
    }

    public TargetTraceStdp wmax(double v) {
        return new TargetTraceStdp(tauPre, tauPost, etaPre, etaPost, xTar, muPre, muPost, v, nearest);
    }

    /** Nearest-spike traces (set to 1) instead of all-to-all ones (incremented by 1). */
    public TargetTraceStdp nearestSpike(boolean nn) {
        return new TargetTraceStdp(tauPre, tauPost, etaPre, etaPost, xTar, muPre, muPost, wmax, nn);
    }

    public double tauPre() {
        return tauPre;
    }

    public double tauPost() {
        return tauPost;
    }

    public double etaPre() {
        return etaPre;
    }

    public double etaPost() {
        return etaPost;
    }

    public double xTar() {
        return xTar;
    }

    public double muPre() {
        return muPre;
    }

    public double muPost() {
        return muPost;
    }

    public double wmax() {
        return wmax;
    }

    public boolean isNearestSpike() {
        return nearest;
    }

    @Override
    public String name() {
        return "stdp_target_trace_synapse";
    }

    @Override
    public void validate(String element, double dt) {
        Stdp.positive(element, "tau_pre", tauPre);
        Stdp.positive(element, "tau_post", tauPost);
        Stdp.nonNegative(element, "eta_pre", etaPre);
        Stdp.nonNegative(element, "eta_post", etaPost);
        Stdp.nonNegative(element, "x_tar", xTar);
        Stdp.nonNegative(element, "mu_pre", muPre);
        Stdp.nonNegative(element, "mu_post", muPost);
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
        return new String[] {"x_pre", "t_last"};
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
        return tauPost;
    }

    @Override
    public boolean postTraceNearest(int i) {
        return nearest;
    }

    /** True: {@link org.myelin.core.Projection#settle()} applies the postsynaptic spikes' changes exactly. */
    @Override
    public boolean settles() {
        return true;
    }

    @Override
    public PlasticKernel compile(double dt) {
        return new Kernel(this, dt);
    }

    @Override
    public String toString() {
        return name() + "(tau_pre " + tauPre + ", tau_post " + tauPost + ", eta_pre " + etaPre + ", eta_post " + etaPost
                + ", x_tar " + xTar + ", mu_pre " + muPre + ", mu_post " + muPost + ", Wmax " + wmax
                + (nearest ? ", nearest spike" : ", all-to-all") + ")";
    }

    static final class Kernel implements PlasticKernel {
        final double etaPre;
        final double etaPost;
        final double xTar;
        final double muPre;
        final double muPost;
        final double wmax;
        final boolean nearest;
        final Decay pre;

        Kernel(TargetTraceStdp r, double dt) {
            this.pre = new Decay(dt, r.tauPre);
            this.etaPre = r.etaPre;
            this.etaPost = r.etaPost;
            this.xTar = r.xTar;
            this.muPre = r.muPre;
            this.muPost = r.muPost;
            this.wmax = r.wmax;
            this.nearest = r.nearest;
        }

        @Override
        public void learn(PlasticSynapses syn, int src, int stamp, int lo, int hi) {
            final double[] xp = syn.source[0];
            final double[] last = syn.source[1];
            final int sLast = (int) last[src];
            final double x0 = xp[src];
            final PostArchive post = syn.post();
            final int o = syn.postTrace(0);
            final double[] w = syn.weight;
            for (int k = lo; k < hi; k++) {
                final int j = syn.target(k);
                final int d = syn.delay(k);
                final double wk = postSpikes(syn, post, k, j, d, sLast, stamp, x0);
                final double xPost = post.trace(j, o, stamp - d);
                final double nw = xPost > 0.0 ? wk - etaPre * xPost * Math.pow(wk, muPre) : wk;
                w[k] = Math.copySign(nw > 0.0 ? nw : 0.0, wmax);
            }
            xp[src] = nearest ? 1.0 : x0 * pre.of(stamp - sLast) + 1.0;
            last[src] = stamp;
        }

        /**
         * The changes of every postsynaptic spike that reached the synapses by {@code stamp}; the
         * presynaptic trace then holds its value at {@code stamp} (no increment) and {@code t_last}
         * becomes {@code stamp}.
         */
        @Override
        public void settle(PlasticSynapses syn, int src, int stamp, int lo, int hi) {
            final double[] xp = syn.source[0];
            final double[] last = syn.source[1];
            final int sLast = (int) last[src];
            final double x0 = xp[src];
            final PostArchive post = syn.post();
            final double[] w = syn.weight;
            for (int k = lo; k < hi; k++) {
                w[k] = Math.copySign(postSpikes(syn, post, k, syn.target(k), syn.delay(k), sLast, stamp, x0), wmax);
            }
            xp[src] = x0 * pre.of(stamp - sLast);
            last[src] = stamp;
        }

        /**
         * |w| of synapse {@code k} (target {@code j}, delay {@code d}) after the changes of the
         * postsynaptic spikes seen at the synapse in {@code (sLast, stamp]}, with the presynaptic
         * trace {@code x0} at {@code sLast} (before the source's first spike, {@code sLast = -1} and
         * {@code x0 = 0}: every archived spike counts, with a zero trace); marks those spikes read.
         */
        private double postSpikes(PlasticSynapses syn, PostArchive post, int k, int j, int d, int sLast, int stamp,
                                  double x0) {
            double wk = Math.abs(syn.weight[k]);
            if (post.newest(j) > sLast - d) {
                final double wm = Math.abs(wmax);
                final long r = post.range(j, sLast - d, stamp - d);
                final int a = (int) (r >>> 32);
                final int b = (int) r;
                for (int i = a; i < b; i++) {
                    final double x = x0 * pre.of(post.stamp(j, i) + d - sLast);
                    final double ny = wk + etaPost * (x - xTar) * Math.pow(wm - wk, muPost);
                    wk = ny < 0.0 ? 0.0 : ny < wm ? ny : wm;
                }
                if (a < b) post.access(j, a, b);
            }
            return wk;
        }
    }
}
