package org.myelin.core.model;

import org.myelin.core.NeuronKernel;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;
import org.myelin.core.SpikeBuffer;

import static org.myelin.core.model.HhPscAlpha.Dopri.*;
import static org.myelin.core.model.HhPscAlpha.SINGULAR_BAND;
import static org.myelin.core.model.HhPscAlpha.nearSingular;

/**
 * {@code hh_cond_exp_traub}: Hodgkin-Huxley neuron with the Traub-Miles channel kinetics as modified
 * by Brette et al. (2007) for the COBAHH benchmark, and exponentially decaying synaptic conductances
 * (NEST's model of the same name). Integrated with the adaptive Dormand-Prince 5(4) method of
 * {@link HhPscAlpha}.
 *
 * <pre>
 *   C_m dV/dt = -g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L)
 *               - g_ex (V - E_ex) - g_in (V - E_in) + I_e + I_stim
 *   dx/dt     = alpha_x(u) - (alpha_x(u) + beta_x(u)) x,   u = V - V_T,   for x = m, h, n
 *   alpha_n = 0.032 (15 - u) / (exp((15 - u)/5) - 1)     beta_n = 0.5 exp((10 - u)/40)
 *   alpha_m = 0.32 (13 - u) / (exp((13 - u)/4) - 1)      beta_m = 0.28 (u - 40) / (exp((u - 40)/5) - 1)
 *   alpha_h = 0.128 exp((17 - u)/18)                     beta_h = 4 / (1 + exp((40 - u)/5))
 *   dg_ex/dt = -g_ex / tau_syn_ex                         dg_in/dt = -g_in / tau_syn_in
 * </pre>
 * Rates in 1/ms, potentials in mV. A spike of weight w (nS) arriving in step t adds w to
 * {@code g_ex} (w &gt;= 0) or |w| to {@code g_in} (w &lt; 0; {@link #inhibitoryAsMagnitude()}) at the end of
 * step t. The removable singularities of alpha_n, alpha_m and beta_m are evaluated by their series;
 * the six rates share four exponentials.
 *
 * <h2>Spikes and refractoriness (as NEST)</h2>
 * A spike is emitted in step t when, after integrating it, {@code V_m >= V_T + 30} and V_m has
 * fallen during the step (the peak has passed). After a spike the detector is off for t_ref/dt
 * steps, rounded up as NEST does ({@code refractory_steps} counts down); the membrane is not clamped.
 *
 * <h2>Numerics</h2>
 * As {@link HhPscAlpha}: Dormand-Prince 5(4) substeps with tolerances 1e-6 absolute and 1e-6
 * relative per component (NEST: GSL rkf45, 1e-3 absolute), the step size carried over in
 * {@code integration_step}, no allocation; an {@link ArithmeticException} naming the neuron when the
 * state is not finite or one step takes more than 100000 substeps (a membrane driven far below
 * -100 mV, where the rates make the system stiff). The current port's value in step t is applied,
 * constant, during step t (NEST applies a current one step later).
 *
 * <p>Accuracy (checked by the tests): against fixed-step RK4 with h = 1e-4 ms, over 80 ms of tonic
 * firing the spike steps are identical and V_m agrees to 0.09 mV, the largest deviations on spike
 * upstrokes (dV/dt near 1e3 mV/ms, so a timing difference of 1e-4 ms); the error falls about tenfold
 * per tenfold smaller tolerance.
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 * <tr><td>g_Na</td><td>nS</td><td>20000</td><td>sodium peak conductance</td></tr>
 * <tr><td>g_K</td><td>nS</td><td>6000</td><td>potassium peak conductance</td></tr>
 * <tr><td>g_L</td><td>nS</td><td>10</td><td>leak conductance</td></tr>
 * <tr><td>C_m</td><td>pF</td><td>200</td><td>membrane capacitance</td></tr>
 * <tr><td>E_Na</td><td>mV</td><td>50</td><td>sodium reversal potential</td></tr>
 * <tr><td>E_K</td><td>mV</td><td>-90</td><td>potassium reversal potential</td></tr>
 * <tr><td>E_L</td><td>mV</td><td>-60</td><td>leak reversal potential</td></tr>
 * <tr><td>V_T</td><td>mV</td><td>-63</td><td>voltage offset of the rate functions (threshold near -50 mV)</td></tr>
 * <tr><td>E_ex</td><td>mV</td><td>0</td><td>excitatory reversal potential</td></tr>
 * <tr><td>E_in</td><td>mV</td><td>-80</td><td>inhibitory reversal potential</td></tr>
 * <tr><td>tau_syn_ex</td><td>ms</td><td>5</td><td>decay time of the excitatory conductance</td></tr>
 * <tr><td>tau_syn_in</td><td>ms</td><td>10</td><td>decay time of the inhibitory conductance</td></tr>
 * <tr><td>t_ref</td><td>ms</td><td>2</td><td>time the spike detector is off after a spike</td></tr>
 * <tr><td>I_e</td><td>pA</td><td>0</td><td>constant input current</td></tr>
 * </table>
 * State: {@code V_m} (mV), {@code Act_m}, {@code Inact_h}, {@code Act_n}, {@code g_ex} (nS),
 * {@code g_in} (nS), {@code refractory_steps} (steps), {@code integration_step} (ms, 0 = not yet
 * chosen). Initial state exactly as NEST: V_m = E_L and each gate at {@code alpha/(alpha + beta)}
 * with the rates evaluated at u = E_L itself, not at E_L - V_T (so m is about 1e-8, h about 1 and n
 * about 3e-7 at the defaults), no conductance. This is not an equilibrium; with the default
 * parameters there is none below threshold at all (the sodium window current exceeds the leak), and
 * the neuron fires on its own at about 14 Hz, its first spike after about 11 ms.
 *
 * <p>References: Traub RD, Miles R (1991) Neuronal Networks of the Hippocampus, Cambridge;
 * Brette R et al. (2007) Simulation of networks of spiking neurons: a review of tools and
 * strategies, J Comput Neurosci 23:349-398 (benchmark 3, COBAHH); NEST {@code hh_cond_exp_traub}.
 */
public final class HhCondExpTraub extends NeuronModel {
    public static final HhCondExpTraub INSTANCE = new HhCondExpTraub();

    static final int G_NA = 0, G_K = 1, G_L = 2, C_M = 3, E_NA = 4, E_K = 5, E_L = 6, V_T = 7, E_EX = 8, E_IN = 9,
            TAU_EX = 10, TAU_IN = 11, T_REF = 12, I_E = 13;
    static final int V = 0, M = 1, H = 2, N = 3, G_EX = 4, G_IN = 5, R = 6, STEP = 7;

    private HhCondExpTraub() {
        super("hh_cond_exp_traub", new ParamSpec[] {
            ParamSpec.nonNegative("g_Na", "nS", 20000, "sodium peak conductance"),
            ParamSpec.nonNegative("g_K", "nS", 6000, "potassium peak conductance"),
            ParamSpec.nonNegative("g_L", "nS", 10, "leak conductance"),
            ParamSpec.positive("C_m", "pF", 200, "membrane capacitance"),
            ParamSpec.real("E_Na", "mV", 50, "sodium reversal potential"),
            ParamSpec.real("E_K", "mV", -90, "potassium reversal potential"),
            ParamSpec.real("E_L", "mV", -60, "leak reversal potential"),
            ParamSpec.real("V_T", "mV", -63, "voltage offset of the rate functions"),
            ParamSpec.real("E_ex", "mV", 0, "excitatory reversal potential"),
            ParamSpec.real("E_in", "mV", -80, "inhibitory reversal potential"),
            ParamSpec.positive("tau_syn_ex", "ms", 5, "decay time of the excitatory conductance"),
            ParamSpec.positive("tau_syn_in", "ms", 10, "decay time of the inhibitory conductance"),
            ParamSpec.nonNegative("t_ref", "ms", 2, "time the spike detector is off after a spike"),
            ParamSpec.real("I_e", "pA", 0, "constant input current"),
        }, new String[] {"V_m", "Act_m", "Inact_h", "Act_n", "g_ex", "g_in", "refractory_steps", "integration_step"},
           new String[] {"mV", "", "", "", "nS", "nS", "steps", "ms"});
    }


    @Override
    public String[] receptorNames() {
        return new String[] {"ex", "in"};
    }

    @Override
    public boolean inhibitoryAsMagnitude() {
        return true;
    }

    @Override
    public void initialize(double[] p, double[][] s, int from, int to) {
        final double v = p[E_L];
        // as NEST: the rates at u = V_m, not V_m - V_T (see the class comment)
        final double e5 = exp5(v);
        final double am = alphaM(v), bm = betaM(v, e5), ah = alphaH(v), bh = betaH(e5);
        final double an = alphaN(v, e5), bn = betaN(v);
        for (int i = from; i < to; i++) {
            s[V][i] = v;
            s[M][i] = am / (am + bm);
            s[H][i] = ah / (ah + bh);
            s[N][i] = an / (an + bn);
            s[G_EX][i] = 0;
            s[G_IN][i] = 0;
            s[R][i] = 0;
            s[STEP][i] = 0;
        }
    }

    @Override
    public NeuronKernel compile(double[] p, double dt) {
        return new Kernel(p, dt, ATOL, RTOL);
    }

    /** A kernel with other tolerances than {@link Dopri#ATOL} and {@link Dopri#RTOL}, for convergence tests. */
    NeuronKernel compile(double[] p, double dt, double atol, double rtol) {
        return new Kernel(p, dt, atol, rtol);
    }

    // Rates (1/ms) as functions of u = V - V_T (mV). Four exponentials serve all six:
    //   e5 = exp((40 - u)/5), which also gives exp((15 - u)/5) = e5 e^-5 and exp((u - 40)/5) = 1/e5,
    //   exp((13 - u)/4), exp((10 - u)/40) and exp((17 - u)/18) on their own.
    static final double E_MINUS_5 = Math.exp(-5.0);

    static double exp5(double u) {
        return Math.exp(0.2 * (40.0 - u));
    }

    /** alpha_n = 0.032 (15 - u) / (exp((15 - u)/5) - 1). */
    static double alphaN(double u, double e5) {
        final double z = 0.2 * (u - 15.0);
        return Math.abs(z) < SINGULAR_BAND ? 0.16 * nearSingular(z) : 0.032 * (15.0 - u) / (e5 * E_MINUS_5 - 1.0);
    }

    /** beta_n = 0.5 exp((10 - u)/40). */
    static double betaN(double u) {
        return 0.5 * Math.exp(0.025 * (10.0 - u));
    }

    /** alpha_m = 0.32 (13 - u) / (exp((13 - u)/4) - 1). */
    static double alphaM(double u) {
        final double z = 0.25 * (u - 13.0);
        return Math.abs(z) < SINGULAR_BAND ? 1.28 * nearSingular(z) : 0.32 * (13.0 - u) / (Math.exp(-z) - 1.0);
    }

    /** beta_m = 0.28 (u - 40) / (exp((u - 40)/5) - 1). */
    static double betaM(double u, double e5) {
        final double z = 0.2 * (40.0 - u);
        return Math.abs(z) < SINGULAR_BAND ? 1.4 * nearSingular(z) : 0.28 * (u - 40.0) / (1.0 / e5 - 1.0);
    }

    /** alpha_h = 0.128 exp((17 - u)/18). */
    static double alphaH(double u) {
        return 0.128 * Math.exp((1.0 / 18) * (17.0 - u));
    }

    /** beta_h = 4 / (1 + exp((40 - u)/5)). */
    static double betaH(double e5) {
        return 4.0 / (1.0 + e5);
    }

    static final class Kernel implements NeuronKernel {
        @Override
        public boolean relocatable() {
            return true;
        }

        final double dt;
        final double gNa;
        final double gK;
        final double gL;
        final double eNa;
        final double eK;
        final double eL;
        final double vT;
        final double eEx;
        final double eIn;
        final double invCm;
        final double iE;
        final double itE;
        final double itI;
        final double vSpike;
        final int refSteps;
        final double atol;
        final double rtol;

        Kernel(double[] p, double dt, double atol, double rtol) {
            this.dt = dt;
            this.atol = atol;
            this.rtol = rtol;
            gNa = p[G_NA];
            gK = p[G_K];
            gL = p[G_L];
            eNa = p[E_NA];
            eK = p[E_K];
            eL = p[E_L];
            vT = p[V_T];
            eEx = p[E_EX];
            eIn = p[E_IN];
            invCm = 1.0 / p[C_M];
            iE = p[I_E];
            itE = 1.0 / p[TAU_EX];
            itI = 1.0 / p[TAU_IN];
            vSpike = p[V_T] + 30.0;
            refSteps = IafPropagator.refractorySteps(p[T_REF], dt);
        }

        @Override
        public void update(long step, double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out) {
            final double[] vs = s[V];
            final double[] gEx = s[G_EX];
            final double[] gIn = s[G_IN];
            final double[] r = s[R];
            final double[] spkEx = in[0];
            final double[] spkIn = in[1];
            final double[] cur = in[2];
            final double iE = this.iE, vSpike = this.vSpike;
            for (int i = from; i < to; i++) {
                final double vOld = vs[i];
                advance(s, i, iE + cur[base + i]);
                gEx[i] += spkEx[base + i];
                gIn[i] += spkIn[base + i];
                if (r[i] > 0) {
                    r[i] -= 1;
                } else {
                    final double v = vs[i];
                    if (v >= vSpike && vOld > v) {
                        r[i] = refSteps;
                        out.add(i);
                    }
                }
            }
        }

        /** dV/dt (mV/ms). */
        private double fV(double v, double m, double h, double n, double ge, double gi, double iConst) {
            final double iNa = gNa * m * m * m * h * (v - eNa);
            final double n2 = n * n;
            final double iK = gK * n2 * n2 * (v - eK);
            final double iL = gL * (v - eL);
            final double iSyn = ge * (v - eEx) + gi * (v - eIn);
            return (iConst - (iNa + iK + iL + iSyn)) * invCm;
        }

        /** dm/dt at u = V - V_T, given e5 = exp5(u). */
        private static double fM(double u, double m, double e5) {
            final double a = alphaM(u);
            return a - (a + betaM(u, e5)) * m;
        }

        /** dh/dt at u = V - V_T, given e5 = exp5(u). */
        private static double fH(double u, double h, double e5) {
            final double a = alphaH(u);
            return a - (a + betaH(e5)) * h;
        }

        /** dn/dt at u = V - V_T, given e5 = exp5(u). */
        private static double fN(double u, double n, double e5) {
            final double a = alphaN(u, e5);
            return a - (a + betaN(u)) * n;
        }

        /**
         * Integrates neuron {@code i} over one step of length dt with the constant current
         * {@code iConst} (pA), in adaptive Dormand-Prince substeps; reads and writes the state arrays.
         */
        private void advance(double[][] s, int i, double iConst) {
            final double dt = this.dt, itE = this.itE, itI = this.itI, atol = this.atol, rtol = this.rtol, vT = this.vT;
            double v = s[V][i], m = s[M][i], h = s[H][i], n = s[N][i], ge = s[G_EX][i], gi = s[G_IN][i];
            double dtTry = s[STEP][i];
            if (!(dtTry > 0) || dtTry > dt) dtTry = dt;
            final double u1 = v - vT, ex1 = exp5(u1);
            double kv1 = fV(v, m, h, n, ge, gi, iConst), km1 = fM(u1, m, ex1), kh1 = fH(u1, h, ex1),
                    kn1 = fN(u1, n, ex1);
            double kge1 = -ge * itE, kgi1 = -gi * itI;
            double t = 0;
            int substeps = 0;
            while (t < dt) {
                if (++substeps > MAX_SUBSTEPS) throw failure("hh_cond_exp_traub", i, v, dtTry, substeps - 1);
                final double left = dt - t;
                final boolean last = dtTry >= left;
                final double dtSub = last ? left : dtTry;
                // stage 2
                final double v2 = v + dtSub * (A21 * kv1);
                final double m2 = m + dtSub * (A21 * km1);
                final double h2 = h + dtSub * (A21 * kh1);
                final double n2 = n + dtSub * (A21 * kn1);
                final double ge2 = ge + dtSub * (A21 * kge1);
                final double gi2 = gi + dtSub * (A21 * kgi1);
                final double kv2 = fV(v2, m2, h2, n2, ge2, gi2, iConst);
                final double u2 = v2 - vT;
                final double ex2 = exp5(u2);
                final double km2 = fM(u2, m2, ex2);
                final double kh2 = fH(u2, h2, ex2);
                final double kn2 = fN(u2, n2, ex2);
                final double kge2 = -ge2 * itE;
                final double kgi2 = -gi2 * itI;
                // stage 3
                final double v3 = v + dtSub * (A31 * kv1 + A32 * kv2);
                final double m3 = m + dtSub * (A31 * km1 + A32 * km2);
                final double h3 = h + dtSub * (A31 * kh1 + A32 * kh2);
                final double n3 = n + dtSub * (A31 * kn1 + A32 * kn2);
                final double ge3 = ge + dtSub * (A31 * kge1 + A32 * kge2);
                final double gi3 = gi + dtSub * (A31 * kgi1 + A32 * kgi2);
                final double kv3 = fV(v3, m3, h3, n3, ge3, gi3, iConst);
                final double u3 = v3 - vT;
                final double ex3 = exp5(u3);
                final double km3 = fM(u3, m3, ex3);
                final double kh3 = fH(u3, h3, ex3);
                final double kn3 = fN(u3, n3, ex3);
                final double kge3 = -ge3 * itE;
                final double kgi3 = -gi3 * itI;
                // stage 4
                final double v4 = v + dtSub * (A41 * kv1 + A42 * kv2 + A43 * kv3);
                final double m4 = m + dtSub * (A41 * km1 + A42 * km2 + A43 * km3);
                final double h4 = h + dtSub * (A41 * kh1 + A42 * kh2 + A43 * kh3);
                final double n4 = n + dtSub * (A41 * kn1 + A42 * kn2 + A43 * kn3);
                final double ge4 = ge + dtSub * (A41 * kge1 + A42 * kge2 + A43 * kge3);
                final double gi4 = gi + dtSub * (A41 * kgi1 + A42 * kgi2 + A43 * kgi3);
                final double kv4 = fV(v4, m4, h4, n4, ge4, gi4, iConst);
                final double u4 = v4 - vT;
                final double ex4 = exp5(u4);
                final double km4 = fM(u4, m4, ex4);
                final double kh4 = fH(u4, h4, ex4);
                final double kn4 = fN(u4, n4, ex4);
                final double kge4 = -ge4 * itE;
                final double kgi4 = -gi4 * itI;
                // stage 5
                final double v5 = v + dtSub * (A51 * kv1 + A52 * kv2 + A53 * kv3 + A54 * kv4);
                final double m5 = m + dtSub * (A51 * km1 + A52 * km2 + A53 * km3 + A54 * km4);
                final double h5 = h + dtSub * (A51 * kh1 + A52 * kh2 + A53 * kh3 + A54 * kh4);
                final double n5 = n + dtSub * (A51 * kn1 + A52 * kn2 + A53 * kn3 + A54 * kn4);
                final double ge5 = ge + dtSub * (A51 * kge1 + A52 * kge2 + A53 * kge3 + A54 * kge4);
                final double gi5 = gi + dtSub * (A51 * kgi1 + A52 * kgi2 + A53 * kgi3 + A54 * kgi4);
                final double kv5 = fV(v5, m5, h5, n5, ge5, gi5, iConst);
                final double u5 = v5 - vT;
                final double ex5 = exp5(u5);
                final double km5 = fM(u5, m5, ex5);
                final double kh5 = fH(u5, h5, ex5);
                final double kn5 = fN(u5, n5, ex5);
                final double kge5 = -ge5 * itE;
                final double kgi5 = -gi5 * itI;
                // stage 6
                final double v6 = v + dtSub * (A61 * kv1 + A62 * kv2 + A63 * kv3 + A64 * kv4 + A65 * kv5);
                final double m6 = m + dtSub * (A61 * km1 + A62 * km2 + A63 * km3 + A64 * km4 + A65 * km5);
                final double h6 = h + dtSub * (A61 * kh1 + A62 * kh2 + A63 * kh3 + A64 * kh4 + A65 * kh5);
                final double n6 = n + dtSub * (A61 * kn1 + A62 * kn2 + A63 * kn3 + A64 * kn4 + A65 * kn5);
                final double ge6 = ge + dtSub * (A61 * kge1 + A62 * kge2 + A63 * kge3 + A64 * kge4 + A65 * kge5);
                final double gi6 = gi + dtSub * (A61 * kgi1 + A62 * kgi2 + A63 * kgi3 + A64 * kgi4 + A65 * kgi5);
                final double kv6 = fV(v6, m6, h6, n6, ge6, gi6, iConst);
                final double u6 = v6 - vT;
                final double ex6 = exp5(u6);
                final double km6 = fM(u6, m6, ex6);
                final double kh6 = fH(u6, h6, ex6);
                final double kn6 = fN(u6, n6, ex6);
                final double kge6 = -ge6 * itE;
                final double kgi6 = -gi6 * itI;
                // stage 7: the fifth-order solution, and its derivative (first stage of the next step)
                final double vNew = v + dtSub * (B1 * kv1 + B3 * kv3 + B4 * kv4 + B5 * kv5 + B6 * kv6);
                final double mNew = m + dtSub * (B1 * km1 + B3 * km3 + B4 * km4 + B5 * km5 + B6 * km6);
                final double hNew = h + dtSub * (B1 * kh1 + B3 * kh3 + B4 * kh4 + B5 * kh5 + B6 * kh6);
                final double nNew = n + dtSub * (B1 * kn1 + B3 * kn3 + B4 * kn4 + B5 * kn5 + B6 * kn6);
                final double geNew = ge + dtSub * (B1 * kge1 + B3 * kge3 + B4 * kge4 + B5 * kge5 + B6 * kge6);
                final double giNew = gi + dtSub * (B1 * kgi1 + B3 * kgi3 + B4 * kgi4 + B5 * kgi5 + B6 * kgi6);
                final double kv7 = fV(vNew, mNew, hNew, nNew, geNew, giNew, iConst);
                final double u7 = vNew - vT;
                final double ex7 = exp5(u7);
                final double km7 = fM(u7, mNew, ex7);
                final double kh7 = fH(u7, hNew, ex7);
                final double kn7 = fN(u7, nNew, ex7);
                final double kge7 = -geNew * itE;
                final double kgi7 = -giNew * itI;
                // error estimate: difference to the embedded fourth-order solution, scaled per component
                double err = scaled(errorOf(kv1, kv3, kv4, kv5, kv6, kv7), v, vNew, atol, rtol);
                err = Math.max(err, scaled(errorOf(km1, km3, km4, km5, km6, km7), m, mNew, atol, rtol));
                err = Math.max(err, scaled(errorOf(kh1, kh3, kh4, kh5, kh6, kh7), h, hNew, atol, rtol));
                err = Math.max(err, scaled(errorOf(kn1, kn3, kn4, kn5, kn6, kn7), n, nNew, atol, rtol));
                err = Math.max(err, scaled(errorOf(kge1, kge3, kge4, kge5, kge6, kge7), ge, geNew, atol, rtol));
                err = Math.max(err, scaled(errorOf(kgi1, kgi3, kgi4, kgi5, kgi6, kgi7), gi, giNew, atol, rtol));
                err *= dtSub;
                if (err <= 1) {
                    t = last ? dt : t + dtSub;
                    v = vNew;
                    m = mNew;
                    h = hNew;
                    n = nNew;
                    ge = geNew;
                    gi = giNew;
                    kv1 = kv7;
                    km1 = km7;
                    kh1 = kh7;
                    kn1 = kn7;
                    kge1 = kge7;
                    kgi1 = kgi7;
                    final double next = dtSub * grow(err);
                    // a final substep cut short by the end of the step says nothing against the longer one
                    if (!last || next > dtTry) dtTry = next;
                } else {
                    dtTry = dtSub * shrink(err);
                    if (!(dtTry >= MIN_STEP)) throw failure("hh_cond_exp_traub", i, v, dtTry, substeps);
                }
            }
            s[V][i] = v;
            s[M][i] = m;
            s[H][i] = h;
            s[N][i] = n;
            s[G_EX][i] = ge;
            s[G_IN][i] = gi;
            s[STEP][i] = Math.min(dtTry, dt);
        }
    }
}
