package org.myelin.learn;

import org.myelin.core.PlasticKernel;
import org.myelin.core.PlasticSynapses;
import org.myelin.core.Plasticity;
import org.myelin.core.PostArchive;

/**
 * Triplet STDP (Pfister and Gerstner 2006), NEST's {@code stdp_triplet_synapse}, with all-to-all or
 * nearest-spike interactions.
 *
 * <h2>Model</h2>
 * Presynaptic traces {@code r1} ({@code tau_plus}) and {@code r2} ({@code tau_x}), postsynaptic
 * traces {@code o1} ({@code tau_minus}) and {@code o2} ({@code tau_y}); at a spike a trace is
 * incremented by 1 (all-to-all) or set to 1 (nearest spike). With the timing of the package
 * documentation (a postsynaptic spike counts at the synapse at {@code t_post + d}):
 * <pre>
 *   post spike:  w <- min(Wmax, w + r1(t) * (A2+ + A3+ * o2(t - eps)))
 *   pre spike:   w <- max(0,    w - o1(t) * (A2- + A3- * r2(t - eps)))
 * </pre>
 * where {@code t - eps} means the value just before the spike's own increment. Weights keep the
 * sign of Wmax (the update acts on {@code |w|}, as NEST's).
 *
 * <h2>Published parameter sets</h2>
 * ({@code tau_plus = 16.8 ms}, {@code tau_minus = 33.7 ms} throughout; transcribed from Pfister and
 * Gerstner 2006, Tables 3 (visual cortex, fitted to Sjoestroem et al. 2001) and 4 (hippocampal
 * culture, fitted to Wang et al. 2005); "minimal" models set the amplitudes the fit found negligible
 * to zero, and their {@code tau_x} (which then has no effect) is given the full model's value.)
 * <table>
 * <tr><th>factory</th><th>A2+</th><th>A3+</th><th>A2-</th><th>A3-</th><th>tau_x</th><th>tau_y</th></tr>
 * <tr><td>{@link #visualCortex()} (all-to-all)</td><td>5e-10</td><td>6.2e-3</td><td>7e-3</td><td>2.3e-4</td><td>101</td><td>125</td></tr>
 * <tr><td>{@link #visualCortexMinimal()} (all-to-all)</td><td>0</td><td>6.5e-3</td><td>7.1e-3</td><td>0</td><td>-</td><td>114</td></tr>
 * <tr><td>{@link #visualCortexNearest()}</td><td>8.8e-11</td><td>5.3e-2</td><td>6.6e-3</td><td>3.1e-3</td><td>714</td><td>40</td></tr>
 * <tr><td>{@link #hippocampal()} (all-to-all)</td><td>6.1e-3</td><td>6.7e-3</td><td>1.6e-3</td><td>1.4e-3</td><td>946</td><td>27</td></tr>
 * <tr><td>{@link #hippocampalMinimal()} (all-to-all)</td><td>5.3e-3</td><td>8e-3</td><td>3.5e-3</td><td>0</td><td>-</td><td>40</td></tr>
 * <tr><td>{@link #hippocampalNearest()}</td><td>4.6e-3</td><td>9.1e-3</td><td>3e-3</td><td>7.5e-9</td><td>575</td><td>47</td></tr>
 * </table>
 * {@link #synapse()} is NEST's default: the visual-cortex all-to-all set, Wmax 100.
 *
 * <p>References: Pfister, Gerstner (2006) J Neurosci 26:9673; NEST {@code stdp_triplet_synapse}.
 */
public final class TripletStdp extends Plasticity {
    private final double tauPlus;
    private final double tauX;
    private final double tauMinus;
    private final double tauY;
    private final double a2Plus;
    private final double a3Plus;
    private final double a2Minus;
    private final double a3Minus;
    private final double wmax;
    private final boolean nearest;

    private TripletStdp(double tauPlus, double tauX, double tauMinus, double tauY, double a2Plus, double a3Plus,
                        double a2Minus, double a3Minus, double wmax, boolean nearest) {
        this.tauPlus = tauPlus;
        this.tauX = tauX;
        this.tauMinus = tauMinus;
        this.tauY = tauY;
        this.a2Plus = a2Plus;
        this.a3Plus = a3Plus;
        this.a2Minus = a2Minus;
        this.a3Minus = a3Minus;
        this.wmax = wmax;
        this.nearest = nearest;
    }

    /** NEST's defaults: the visual-cortex all-to-all parameter set, Wmax 100. */
    public static TripletStdp synapse() {
        return visualCortex();
    }

    /** Visual cortex, all-to-all, full model. */
    public static TripletStdp visualCortex() {
        return new TripletStdp(16.8, 101, 33.7, 125, 5e-10, 6.2e-3, 7e-3, 2.3e-4, 100, false);
    }

    /** Visual cortex, all-to-all, minimal model. */
    public static TripletStdp visualCortexMinimal() {
        return new TripletStdp(16.8, 101, 33.7, 114, 0, 6.5e-3, 7.1e-3, 0, 100, false);
    }

    /** Visual cortex, nearest spike, full model. */
    public static TripletStdp visualCortexNearest() {
        return new TripletStdp(16.8, 714, 33.7, 40, 8.8e-11, 5.3e-2, 6.6e-3, 3.1e-3, 100, true);
    }

    /** Hippocampal culture, all-to-all, full model. */
    public static TripletStdp hippocampal() {
        return new TripletStdp(16.8, 946, 33.7, 27, 6.1e-3, 6.7e-3, 1.6e-3, 1.4e-3, 100, false);
    }

    /** Hippocampal culture, all-to-all, minimal model. */
    public static TripletStdp hippocampalMinimal() {
        return new TripletStdp(16.8, 946, 33.7, 40, 5.3e-3, 8e-3, 3.5e-3, 0, 100, false);
    }

    /** Hippocampal culture, nearest spike, full model. */
    public static TripletStdp hippocampalNearest() {
        return new TripletStdp(16.8, 575, 33.7, 47, 4.6e-3, 9.1e-3, 3e-3, 7.5e-9, 100, true);
    }

    /** Time constants {@code tau_plus, tau_x, tau_minus, tau_y} (ms). */
    public TripletStdp taus(double tauPlus, double tauX, double tauMinus, double tauY) {
        return new TripletStdp(tauPlus, tauX, tauMinus, tauY, a2Plus, a3Plus, a2Minus, a3Minus, wmax, nearest);
    }

    /** Amplitudes {@code A2+, A3+, A2-, A3-} (NEST: Aplus, Aplus_triplet, Aminus, Aminus_triplet). */
    public TripletStdp amplitudes(double a2Plus, double a3Plus, double a2Minus, double a3Minus) {
        return new TripletStdp(tauPlus, tauX, tauMinus, tauY, a2Plus, a3Plus, a2Minus, a3Minus, wmax, nearest);
    }

    public TripletStdp wmax(double v) {
        return new TripletStdp(tauPlus, tauX, tauMinus, tauY, a2Plus, a3Plus, a2Minus, a3Minus, v, nearest);
    }

    /** Nearest-spike (traces set to 1) instead of all-to-all (traces incremented by 1) interactions. */
    public TripletStdp nearestSpike(boolean nn) {
        return new TripletStdp(tauPlus, tauX, tauMinus, tauY, a2Plus, a3Plus, a2Minus, a3Minus, wmax, nn);
    }

    public double tauPlus() {
        return tauPlus;
    }

    public double tauX() {
        return tauX;
    }

    public double tauMinus() {
        return tauMinus;
    }

    public double tauY() {
        return tauY;
    }

    public double a2Plus() {
        return a2Plus;
    }

    public double a3Plus() {
        return a3Plus;
    }

    public double a2Minus() {
        return a2Minus;
    }

    public double a3Minus() {
        return a3Minus;
    }

    public double wmax() {
        return wmax;
    }

    public boolean isNearestSpike() {
        return nearest;
    }

    @Override
    public String name() {
        return nearest ? "stdp_triplet_nn_synapse" : "stdp_triplet_synapse";
    }

    @Override
    public void validate(String element, double dt) {
        Stdp.positive(element, "tau_plus", tauPlus);
        Stdp.positive(element, "tau_plus_triplet", tauX);
        Stdp.positive(element, "tau_minus", tauMinus);
        Stdp.positive(element, "tau_minus_triplet", tauY);
        Stdp.nonNegative(element, "Aplus", a2Plus);
        Stdp.nonNegative(element, "Aplus_triplet", a3Plus);
        Stdp.nonNegative(element, "Aminus", a2Minus);
        Stdp.nonNegative(element, "Aminus_triplet", a3Minus);
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
        return new String[] {"Kplus", "Kplus_triplet", "t_last"};
    }

    @Override
    public double sourceInitial(int var) {
        return var == 2 ? -1 : 0;
    }

    @Override
    public int postTraceCount() {
        return 2;
    }

    @Override
    public double postTraceTau(int i) {
        return i == 0 ? tauMinus : tauY;
    }

    @Override
    public boolean postTraceNearest(int i) {
        return nearest;
    }

    /** True: {@link org.myelin.core.Projection#settle()} applies pending potentiation exactly. */
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
        return name() + "(tau_plus " + tauPlus + ", tau_x " + tauX + ", tau_minus " + tauMinus + ", tau_y " + tauY
                + ", A2+ " + a2Plus + ", A3+ " + a3Plus + ", A2- " + a2Minus + ", A3- " + a3Minus + ", Wmax " + wmax + ")";
    }

    static final class Kernel implements PlasticKernel {
        final double dt;
        final double tauPlus;
        final double tauX;
        final double a2Plus;
        final double a3Plus;
        final double a2Minus;
        final double a3Minus;
        final double wmax;
        final boolean nearest;
        final Decay plus;
        final Decay x;

        Kernel(TripletStdp r, double dt) {
            this.plus = new Decay(dt, r.tauPlus);
            this.x = new Decay(dt, r.tauX);
            this.dt = dt;
            this.tauPlus = r.tauPlus;
            this.tauX = r.tauX;
            this.a2Plus = r.a2Plus;
            this.a3Plus = r.a3Plus;
            this.a2Minus = r.a2Minus;
            this.a3Minus = r.a3Minus;
            this.wmax = r.wmax;
            this.nearest = r.nearest;
        }

        @Override
        public void learn(PlasticSynapses syn, int src, int stamp, int lo, int hi) {
            final double[] r1 = syn.source[0];
            final double[] r2 = syn.source[1];
            final double[] last = syn.source[2];
            final int sLast = (int) last[src];
            final double kplus = r1[src];
            // r2 just before this spike
            final double kx = r2[src] * x.of(stamp - sLast);
            final PostArchive post = syn.post();
            final int o1 = syn.postTrace(0);
            final double[] w = syn.weight;
            for (int k = lo; k < hi; k++) {
                final int j = syn.target(k);
                final int d = syn.delay(k);
                final double wk = facilitate(syn, post, k, j, d, sLast, stamp, kplus);
                final double nw = wk - post.trace(j, o1, stamp - d) * (a2Minus + a3Minus * kx);
                w[k] = Math.copySign(nw > 0.0 ? nw : 0.0, wmax);
            }
            r1[src] = nearest ? 1.0 : kplus * plus.of(stamp - sLast) + 1.0;
            r2[src] = nearest ? 1.0 : kx + 1.0;
            last[src] = stamp;
        }

        /**
         * The potentiation of every postsynaptic spike that reached the synapses by {@code stamp};
         * the source's traces then hold their values at {@code stamp} (no increment) and
         * {@code t_last} becomes {@code stamp}, so the next presynaptic spike's decay starts there.
         */
        @Override
        public void settle(PlasticSynapses syn, int src, int stamp, int lo, int hi) {
            final double[] r1 = syn.source[0];
            final double[] r2 = syn.source[1];
            final double[] last = syn.source[2];
            final int sLast = (int) last[src];
            final double kplus = r1[src];
            final PostArchive post = syn.post();
            final double[] w = syn.weight;
            for (int k = lo; k < hi; k++) {
                w[k] = Math.copySign(facilitate(syn, post, k, syn.target(k), syn.delay(k), sLast, stamp, kplus), wmax);
            }
            r1[src] = kplus * plus.of(stamp - sLast);
            r2[src] = r2[src] * x.of(stamp - sLast);
            last[src] = stamp;
        }

        /**
         * |w| of synapse {@code k} (target {@code j}, delay {@code d}) after the potentiation by the
         * postsynaptic spikes seen at the synapse in {@code (sLast, stamp]}, with r1 {@code kplus}
         * at {@code sLast}; marks those spikes read.
         */
        private double facilitate(PlasticSynapses syn, PostArchive post, int k, int j, int d, int sLast, int stamp,
                                  double kplus) {
            double wk = Math.abs(syn.weight[k]);
            if (post.newest(j) > sLast - d) {
                final int o2 = syn.postTrace(1);
                final double wm = Math.abs(wmax);
                final long r = post.range(j, sLast - d, stamp - d);
                final int a = (int) (r >>> 32);
                final int b = (int) r;
                for (int i = a; i < b; i++) {
                    final double r1i = kplus * plus.of(post.stamp(j, i) + d - sLast);
                    final double ny = wk + r1i * (a2Plus + a3Plus * post.before(j, i, o2));
                    wk = ny < wm ? ny : wm;
                }
                if (a < b) post.access(j, a, b);
            }
            return wk;
        }
    }
}
