package org.myelin.core.model;

import org.myelin.core.NeuronKernel;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;
import org.myelin.core.SpikeBuffer;

import static org.myelin.core.model.HhPscAlpha.Dopri.*;

/**
 * {@code hh_psc_alpha}: Hodgkin-Huxley neuron with alpha-shaped postsynaptic currents (NEST's model
 * of the same name), integrated with an adaptive Dormand-Prince 5(4) Runge-Kutta method.
 *
 * <pre>
 *   C_m dV/dt = -g_Na m^3 h (V - E_Na) - g_K n^4 (V - E_K) - g_L (V - E_L) + I_ex + I_in + I_e + I_stim
 *   dx/dt     = alpha_x(V) (1 - x) - beta_x(V) x                    for x = m, h, n
 *   alpha_n = 0.01 (V + 55) / (1 - exp(-(V + 55)/10))    beta_n = 0.125 exp(-(V + 65)/80)
 *   alpha_m = 0.1 (V + 40) / (1 - exp(-(V + 40)/10))     beta_m = 4 exp(-(V + 65)/18)
 *   alpha_h = 0.07 exp(-(V + 65)/20)                     beta_h = 1 / (1 + exp(-(V + 35)/10))
 *   d(dI_ex)/dt = -dI_ex / tau_syn_ex      dI_ex/dt = dI_ex - I_ex / tau_syn_ex   (same for "in")
 * </pre>
 * Rates in 1/ms, V in mV. A spike of weight w (pA) arriving in step t adds {@code w e / tau_syn} to
 * {@code dI_ex} (w &gt;= 0) or {@code dI_in} (w &lt; 0, kept negative) at the end of step t, so the
 * current is {@code w (s/tau_syn) e^(1 - s/tau_syn)} at time s after arrival and peaks at w after
 * tau_syn. The removable singularities of alpha_n and alpha_m are evaluated by their series. The six
 * rates share three exponentials.
 *
 * <h2>Spikes and refractoriness (as NEST)</h2>
 * A spike is emitted in step t when, after integrating it, {@code V_m >= 0} and V_m has fallen
 * during the step (the peak of the action potential has passed). After a spike the detector is off
 * for t_ref/dt steps, rounded up as NEST does ({@code refractory_steps} counts down); the membrane
 * is not clamped and the dynamics go on unchanged.
 *
 * <h2>Numerics</h2>
 * Each step is integrated by the Dormand-Prince 5(4) pair (Hairer, Norsett and Wanner 1993, local
 * extrapolation, first-same-as-last) with error control per substep: a substep is accepted when
 * {@code |err_i| <= 1e-6 + 1e-6 max(|y_i|, |y_i'|)} for every state component, and the next substep
 * is {@code 0.9 err^(-1/5)} times this one (between 0.2 and 5 times). The step size carries over to
 * the next simulation step in the state variable {@code integration_step}; substeps are cut at the
 * end of the step, and the first stage is evaluated afresh at the start of each step (the input may
 * have changed). NEST uses GSL's rkf45 with an absolute tolerance of 1e-3 on the state and no
 * relative one; these tolerances are tighter. All temporaries are local variables: no allocation, no
 * shared scratch, so kernels run on many threads. The current port's value in step t is applied,
 * constant, during step t (NEST applies a current one step later).
 *
 * <p>Accuracy (checked by the tests): against fixed-step RK4 with h = 1e-4 ms, V_m agrees to 4e-4 mV
 * over 70 ms with four spikes and the spike steps are identical; the error falls about tenfold per
 * tenfold smaller tolerance. Stiffness: the rates grow exponentially as V falls (beta_m is
 * proportional to exp(-V/18)), and below about -200 mV an explicit method needs substeps of 1e-4 ms
 * and less; only unphysiological inhibition gets there, and NEST's explicit method slows down the
 * same way, up to a point: if the step size falls below 1e-12 ms (a state that is not finite) or one
 * step takes more than 100000 substeps, the kernel throws an {@link ArithmeticException} naming the
 * neuron (NEST stops with a solver failure in the first case and crawls on in the second).
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 * <tr><td>E_L</td><td>mV</td><td>-54.402</td><td>leak reversal potential</td></tr>
 * <tr><td>C_m</td><td>pF</td><td>100</td><td>membrane capacitance</td></tr>
 * <tr><td>g_Na</td><td>nS</td><td>12000</td><td>sodium peak conductance</td></tr>
 * <tr><td>g_K</td><td>nS</td><td>3600</td><td>potassium peak conductance</td></tr>
 * <tr><td>g_L</td><td>nS</td><td>30</td><td>leak conductance</td></tr>
 * <tr><td>E_Na</td><td>mV</td><td>50</td><td>sodium reversal potential</td></tr>
 * <tr><td>E_K</td><td>mV</td><td>-77</td><td>potassium reversal potential</td></tr>
 * <tr><td>t_ref</td><td>ms</td><td>2</td><td>time the spike detector is off after a spike</td></tr>
 * <tr><td>tau_syn_ex</td><td>ms</td><td>0.2</td><td>rise time of the excitatory PSC</td></tr>
 * <tr><td>tau_syn_in</td><td>ms</td><td>2</td><td>rise time of the inhibitory PSC</td></tr>
 * <tr><td>I_e</td><td>pA</td><td>0</td><td>constant input current</td></tr>
 * </table>
 * State: {@code V_m} (mV), {@code Act_m}, {@code Inact_h}, {@code Act_n}, {@code dI_ex} (pA/ms),
 * {@code I_ex} (pA), {@code dI_in} (pA/ms), {@code I_in} (pA), {@code refractory_steps} (steps),
 * {@code integration_step} (ms, 0 = not yet chosen). Initial state as NEST: V_m = -65 mV (whatever
 * E_L is), the gates at their steady state at -65 mV, no synaptic current. With the default
 * parameters the resting potential is -65.00024 mV, so V_m relaxes by 2.4e-4 mV at the start.
 *
 * <p>References: Hodgkin AL, Huxley AF (1952) J Physiol 117:500-544; Gerstner W, Kistler W (2002)
 * Spiking Neuron Models, Cambridge; Dormand JR, Prince PJ (1980) J Comput Appl Math 6:19-26;
 * Hairer E, Norsett SP, Wanner G (1993) Solving Ordinary Differential Equations I, Springer, II.4-5;
 * NEST {@code hh_psc_alpha}.
 */
public final class HhPscAlpha extends NeuronModel {
    public static final HhPscAlpha INSTANCE = new HhPscAlpha();

    static final int E_L = 0, C_M = 1, G_NA = 2, G_K = 3, G_L = 4, E_NA = 5, E_K = 6, T_REF = 7, TAU_EX = 8,
            TAU_IN = 9, I_E = 10;
    static final int V = 0, M = 1, H = 2, N = 3, DI_EX = 4, I_EX = 5, DI_IN = 6, I_IN = 7, R = 8, STEP = 9;

    /** Resting potential at which NEST initialises the neuron (mV). */
    static final double V_INIT = -65.0;

    private HhPscAlpha() {
        super("hh_psc_alpha", new ParamSpec[] {
            ParamSpec.real("E_L", "mV", -54.402, "leak reversal potential"),
            ParamSpec.positive("C_m", "pF", 100, "membrane capacitance"),
            ParamSpec.nonNegative("g_Na", "nS", 12000, "sodium peak conductance"),
            ParamSpec.nonNegative("g_K", "nS", 3600, "potassium peak conductance"),
            ParamSpec.nonNegative("g_L", "nS", 30, "leak conductance"),
            ParamSpec.real("E_Na", "mV", 50, "sodium reversal potential"),
            ParamSpec.real("E_K", "mV", -77, "potassium reversal potential"),
            ParamSpec.nonNegative("t_ref", "ms", 2, "time the spike detector is off after a spike"),
            ParamSpec.positive("tau_syn_ex", "ms", 0.2, "rise time of the excitatory alpha current"),
            ParamSpec.positive("tau_syn_in", "ms", 2, "rise time of the inhibitory alpha current"),
            ParamSpec.real("I_e", "pA", 0, "constant input current"),
        }, new String[] {"V_m", "Act_m", "Inact_h", "Act_n", "dI_ex", "I_ex", "dI_in", "I_in", "refractory_steps",
            "integration_step"},
           new String[] {"mV", "", "", "", "pA/ms", "pA", "pA/ms", "pA", "steps", "ms"});
    }


    @Override
    public String[] receptorNames() {
        return new String[] {"ex", "in"};
    }

    @Override
    public void initialize(double[] p, double[][] s, int from, int to) {
        final double v = V_INIT;
        final double eN = expN(v), eB = expB(v);
        final double am = alphaM(v, eN), bm = betaM(expM(v)), ah = alphaH(eB), bh = betaH(eN);
        final double an = alphaN(v, eN), bn = betaN(eB);
        for (int i = from; i < to; i++) {
            s[V][i] = v;
            s[M][i] = am / (am + bm);
            s[H][i] = ah / (ah + bh);
            s[N][i] = an / (an + bn);
            s[DI_EX][i] = 0;
            s[I_EX][i] = 0;
            s[DI_IN][i] = 0;
            s[I_IN][i] = 0;
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

    /**
     * {@code u / (1 - exp(-u))}, the shape of the rate functions with a removable singularity at
     * u = 0. Only for |u| &lt; 1e-2, where the quotient loses digits: by its series
     * {@code 1 + u/2 + u^2/12 - u^4/720}, exact to rounding there. Elsewhere the callers divide
     * directly, with a relative error below 1e-13.
     */
    static double nearSingular(double u) {
        final double u2 = u * u;
        return 1.0 + 0.5 * u + u2 * (1.0 / 12 - u2 * (1.0 / 720));
    }

    /** Below this |u| the rates use {@link #nearSingular}. */
    static final double SINGULAR_BAND = 1e-2;

    // The six rates need only three exponentials of V (Math.exp is the cost of the model):
    //   eN = exp(-(V + 55)/10), which also gives exp(-(V + 40)/10) = eN e^1.5 and exp(-(V + 35)/10) = eN e^2,
    //   eB = exp(-(V + 65)/80), which also gives exp(-(V + 65)/20) = eB^4,
    //   eM = exp(-(V + 65)/18).
    static final double E_1_5 = Math.exp(1.5), E_2 = Math.exp(2.0);

    static double expN(double v) {
        return Math.exp(-0.1 * (v + 55.0));
    }

    static double expB(double v) {
        return Math.exp(-(1.0 / 80) * (v + 65.0));
    }

    static double expM(double v) {
        return Math.exp(-(1.0 / 18) * (v + 65.0));
    }

    /** alpha_n = 0.01 (V + 55) / (1 - exp(-(V + 55)/10)). */
    static double alphaN(double v, double eN) {
        final double x = v + 55.0;
        return Math.abs(0.1 * x) < SINGULAR_BAND ? 0.1 * nearSingular(0.1 * x) : 0.01 * x / (1.0 - eN);
    }

    /** beta_n = 0.125 exp(-(V + 65)/80). */
    static double betaN(double eB) {
        return 0.125 * eB;
    }

    /** alpha_m = 0.1 (V + 40) / (1 - exp(-(V + 40)/10)). */
    static double alphaM(double v, double eN) {
        final double x = v + 40.0;
        return Math.abs(0.1 * x) < SINGULAR_BAND ? nearSingular(0.1 * x) : 0.1 * x / (1.0 - eN * E_1_5);
    }

    /** beta_m = 4 exp(-(V + 65)/18). */
    static double betaM(double eM) {
        return 4.0 * eM;
    }

    /** alpha_h = 0.07 exp(-(V + 65)/20). */
    static double alphaH(double eB) {
        final double b2 = eB * eB;
        return 0.07 * (b2 * b2);
    }

    /** beta_h = 1 / (1 + exp(-(V + 35)/10)). */
    static double betaH(double eN) {
        return 1.0 / (1.0 + eN * E_2);
    }

    /**
     * The Dormand-Prince 5(4) tableau and the step-size controller, shared by the Hodgkin-Huxley
     * models. {@code Bi} are the fifth-order weights (also the last stage's row), {@code Ei} the
     * differences to the embedded fourth-order weights.
     */
    static final class Dopri {
        static final double A21 = 1.0 / 5;
        static final double A31 = 3.0 / 40, A32 = 9.0 / 40;
        static final double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
        static final double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
        static final double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176,
                A65 = -5103.0 / 18656;
        static final double B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192, B5 = -2187.0 / 6784, B6 = 11.0 / 84;
        static final double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200,
                E6 = 22.0 / 525, E7 = -1.0 / 40;

        /** Absolute and relative tolerance per component and substep. */
        static final double ATOL = 1e-6, RTOL = 1e-6;
        static final double SAFETY = 0.9, MIN_FACTOR = 0.2, MAX_FACTOR = 5.0;
        /** Below this scaled error the step grows by the maximum factor (saves a pow). */
        static final double ERR_MAX_GROWTH = 1.8e-4; // (SAFETY / MAX_FACTOR)^5 = 1.89e-4
        /** Substeps below this (ms) mean the state is not finite or the system too stiff to go on. */
        static final double MIN_STEP = 1e-12;
        /**
         * More substeps than this in one simulation step mean the dynamics are too stiff for an explicit
         * method (a state driven far outside the physiological range): fail rather than crawl.
         */
        static final int MAX_SUBSTEPS = 100_000;

        private Dopri() {
        }

        /** The fifth-minus-fourth-order difference of one component, per unit step. */
        static double errorOf(double k1, double k3, double k4, double k5, double k6, double k7) {
            return E1 * k1 + E3 * k3 + E4 * k4 + E5 * k5 + E6 * k6 + E7 * k7;
        }

        /** |e| relative to the tolerance {@code atol + rtol max(|y0|, |y1|)}. */
        static double scaled(double e, double y0, double y1, double atol, double rtol) {
            return Math.abs(e) / (atol + rtol * Math.max(Math.abs(y0), Math.abs(y1)));
        }

        /** Factor for the next step after an accepted step with scaled error {@code err <= 1}. */
        static double grow(double err) {
            return err <= ERR_MAX_GROWTH ? MAX_FACTOR : Math.min(MAX_FACTOR, SAFETY * Math.pow(err, -0.2));
        }

        /**
         * Factor for the retry after a rejected step. A trial step that overflowed (error infinite or
         * NaN) is retried with the smallest factor; a state that is not finite itself runs the step
         * size down to {@link #MIN_STEP}.
         */
        static double shrink(double err) {
            final double f = SAFETY * Math.pow(err, -0.2);
            return f > MIN_FACTOR ? f : MIN_FACTOR;
        }

        /** Slow path: the controller gave up. */
        static ArithmeticException failure(String model, int i, double v, double stepSize, int substeps) {
            return new ArithmeticException(model + ": adaptive integration failed for neuron " + i + " (V_m = " + v
                    + " mV, step size " + stepSize + " ms after " + substeps + " substeps in one step): the state is"
                    + " not finite, or the input drove it so far that the dynamics are too stiff");
        }
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
        final double invCm;
        final double iE;
        final double itE;
        final double itI;
        final double psInitEx;
        final double psInitIn;
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
            invCm = 1.0 / p[C_M];
            iE = p[I_E];
            itE = 1.0 / p[TAU_EX];
            itI = 1.0 / p[TAU_IN];
            psInitEx = Math.E / p[TAU_EX];
            psInitIn = Math.E / p[TAU_IN];
            refSteps = IafPropagator.refractorySteps(p[T_REF], dt);
        }

        @Override
        public void update(long step, double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out) {
            final double[] vs = s[V];
            final double[] dIex = s[DI_EX];
            final double[] dIin = s[DI_IN];
            final double[] r = s[R];
            final double[] spkEx = in[0];
            final double[] spkIn = in[1];
            final double[] cur = in[2];
            final double iE = this.iE, psEx = psInitEx, psIn = psInitIn;
            for (int i = from; i < to; i++) {
                final double vOld = vs[i];
                advance(s, i, iE + cur[base + i]);
                dIex[i] += spkEx[base + i] * psEx;
                dIin[i] += spkIn[base + i] * psIn;
                if (r[i] > 0) {
                    r[i] -= 1;
                } else {
                    final double v = vs[i];
                    if (v >= 0 && vOld > v) {
                        r[i] = refSteps;
                        out.add(i);
                    }
                }
            }
        }

        /** dV/dt (mV/ms). */
        private double fV(double v, double m, double h, double n, double ie, double ii, double iConst) {
            final double iNa = gNa * m * m * m * h * (v - eNa);
            final double n2 = n * n;
            final double iK = gK * n2 * n2 * (v - eK);
            final double iL = gL * (v - eL);
            return (iConst + ie + ii - (iNa + iK + iL)) * invCm;
        }

        /** dm/dt, given eN = expN(v) and eM = expM(v). */
        private static double fM(double v, double m, double eN, double eM) {
            return alphaM(v, eN) * (1.0 - m) - betaM(eM) * m;
        }

        /** dh/dt, given eN = expN(v) and eB = expB(v). */
        private static double fH(double h, double eN, double eB) {
            return alphaH(eB) * (1.0 - h) - betaH(eN) * h;
        }

        /** dn/dt, given eN = expN(v) and eB = expB(v). */
        private static double fN(double v, double n, double eN, double eB) {
            return alphaN(v, eN) * (1.0 - n) - betaN(eB) * n;
        }

        /**
         * Integrates neuron {@code i} over one step of length dt with the constant current
         * {@code iConst} (pA), in adaptive Dormand-Prince substeps; reads and writes the state arrays.
         */
        private void advance(double[][] s, int i, double iConst) {
            final double dt = this.dt, itE = this.itE, itI = this.itI, atol = this.atol, rtol = this.rtol;
            double v = s[V][i], m = s[M][i], h = s[H][i], n = s[N][i];
            double de = s[DI_EX][i], ie = s[I_EX][i], di = s[DI_IN][i], ii = s[I_IN][i];
            double dtTry = s[STEP][i];
            if (!(dtTry > 0) || dtTry > dt) dtTry = dt;
            final double xN1 = expN(v), xB1 = expB(v);
            double kv1 = fV(v, m, h, n, ie, ii, iConst), km1 = fM(v, m, xN1, expM(v)), kh1 = fH(h, xN1, xB1),
                    kn1 = fN(v, n, xN1, xB1);
            double kde1 = -de * itE, kie1 = de - ie * itE, kdi1 = -di * itI, kii1 = di - ii * itI;
            double t = 0;
            int substeps = 0;
            while (t < dt) {
                if (++substeps > MAX_SUBSTEPS) throw failure("hh_psc_alpha", i, v, dtTry, substeps - 1);
                final double left = dt - t;
                final boolean last = dtTry >= left;
                final double dtSub = last ? left : dtTry;
                // stage 2
                final double v2 = v + dtSub * (A21 * kv1);
                final double m2 = m + dtSub * (A21 * km1);
                final double h2 = h + dtSub * (A21 * kh1);
                final double n2 = n + dtSub * (A21 * kn1);
                final double de2 = de + dtSub * (A21 * kde1);
                final double ie2 = ie + dtSub * (A21 * kie1);
                final double di2 = di + dtSub * (A21 * kdi1);
                final double ii2 = ii + dtSub * (A21 * kii1);
                final double kv2 = fV(v2, m2, h2, n2, ie2, ii2, iConst);
                final double xN2 = expN(v2);
                final double xB2 = expB(v2);
                final double km2 = fM(v2, m2, xN2, expM(v2));
                final double kh2 = fH(h2, xN2, xB2);
                final double kn2 = fN(v2, n2, xN2, xB2);
                final double kde2 = -de2 * itE;
                final double kie2 = de2 - ie2 * itE;
                final double kdi2 = -di2 * itI;
                final double kii2 = di2 - ii2 * itI;
                // stage 3
                final double v3 = v + dtSub * (A31 * kv1 + A32 * kv2);
                final double m3 = m + dtSub * (A31 * km1 + A32 * km2);
                final double h3 = h + dtSub * (A31 * kh1 + A32 * kh2);
                final double n3 = n + dtSub * (A31 * kn1 + A32 * kn2);
                final double de3 = de + dtSub * (A31 * kde1 + A32 * kde2);
                final double ie3 = ie + dtSub * (A31 * kie1 + A32 * kie2);
                final double di3 = di + dtSub * (A31 * kdi1 + A32 * kdi2);
                final double ii3 = ii + dtSub * (A31 * kii1 + A32 * kii2);
                final double kv3 = fV(v3, m3, h3, n3, ie3, ii3, iConst);
                final double xN3 = expN(v3);
                final double xB3 = expB(v3);
                final double km3 = fM(v3, m3, xN3, expM(v3));
                final double kh3 = fH(h3, xN3, xB3);
                final double kn3 = fN(v3, n3, xN3, xB3);
                final double kde3 = -de3 * itE;
                final double kie3 = de3 - ie3 * itE;
                final double kdi3 = -di3 * itI;
                final double kii3 = di3 - ii3 * itI;
                // stage 4
                final double v4 = v + dtSub * (A41 * kv1 + A42 * kv2 + A43 * kv3);
                final double m4 = m + dtSub * (A41 * km1 + A42 * km2 + A43 * km3);
                final double h4 = h + dtSub * (A41 * kh1 + A42 * kh2 + A43 * kh3);
                final double n4 = n + dtSub * (A41 * kn1 + A42 * kn2 + A43 * kn3);
                final double de4 = de + dtSub * (A41 * kde1 + A42 * kde2 + A43 * kde3);
                final double ie4 = ie + dtSub * (A41 * kie1 + A42 * kie2 + A43 * kie3);
                final double di4 = di + dtSub * (A41 * kdi1 + A42 * kdi2 + A43 * kdi3);
                final double ii4 = ii + dtSub * (A41 * kii1 + A42 * kii2 + A43 * kii3);
                final double kv4 = fV(v4, m4, h4, n4, ie4, ii4, iConst);
                final double xN4 = expN(v4);
                final double xB4 = expB(v4);
                final double km4 = fM(v4, m4, xN4, expM(v4));
                final double kh4 = fH(h4, xN4, xB4);
                final double kn4 = fN(v4, n4, xN4, xB4);
                final double kde4 = -de4 * itE;
                final double kie4 = de4 - ie4 * itE;
                final double kdi4 = -di4 * itI;
                final double kii4 = di4 - ii4 * itI;
                // stage 5
                final double v5 = v + dtSub * (A51 * kv1 + A52 * kv2 + A53 * kv3 + A54 * kv4);
                final double m5 = m + dtSub * (A51 * km1 + A52 * km2 + A53 * km3 + A54 * km4);
                final double h5 = h + dtSub * (A51 * kh1 + A52 * kh2 + A53 * kh3 + A54 * kh4);
                final double n5 = n + dtSub * (A51 * kn1 + A52 * kn2 + A53 * kn3 + A54 * kn4);
                final double de5 = de + dtSub * (A51 * kde1 + A52 * kde2 + A53 * kde3 + A54 * kde4);
                final double ie5 = ie + dtSub * (A51 * kie1 + A52 * kie2 + A53 * kie3 + A54 * kie4);
                final double di5 = di + dtSub * (A51 * kdi1 + A52 * kdi2 + A53 * kdi3 + A54 * kdi4);
                final double ii5 = ii + dtSub * (A51 * kii1 + A52 * kii2 + A53 * kii3 + A54 * kii4);
                final double kv5 = fV(v5, m5, h5, n5, ie5, ii5, iConst);
                final double xN5 = expN(v5);
                final double xB5 = expB(v5);
                final double km5 = fM(v5, m5, xN5, expM(v5));
                final double kh5 = fH(h5, xN5, xB5);
                final double kn5 = fN(v5, n5, xN5, xB5);
                final double kde5 = -de5 * itE;
                final double kie5 = de5 - ie5 * itE;
                final double kdi5 = -di5 * itI;
                final double kii5 = di5 - ii5 * itI;
                // stage 6
                final double v6 = v + dtSub * (A61 * kv1 + A62 * kv2 + A63 * kv3 + A64 * kv4 + A65 * kv5);
                final double m6 = m + dtSub * (A61 * km1 + A62 * km2 + A63 * km3 + A64 * km4 + A65 * km5);
                final double h6 = h + dtSub * (A61 * kh1 + A62 * kh2 + A63 * kh3 + A64 * kh4 + A65 * kh5);
                final double n6 = n + dtSub * (A61 * kn1 + A62 * kn2 + A63 * kn3 + A64 * kn4 + A65 * kn5);
                final double de6 = de + dtSub * (A61 * kde1 + A62 * kde2 + A63 * kde3 + A64 * kde4 + A65 * kde5);
                final double ie6 = ie + dtSub * (A61 * kie1 + A62 * kie2 + A63 * kie3 + A64 * kie4 + A65 * kie5);
                final double di6 = di + dtSub * (A61 * kdi1 + A62 * kdi2 + A63 * kdi3 + A64 * kdi4 + A65 * kdi5);
                final double ii6 = ii + dtSub * (A61 * kii1 + A62 * kii2 + A63 * kii3 + A64 * kii4 + A65 * kii5);
                final double kv6 = fV(v6, m6, h6, n6, ie6, ii6, iConst);
                final double xN6 = expN(v6);
                final double xB6 = expB(v6);
                final double km6 = fM(v6, m6, xN6, expM(v6));
                final double kh6 = fH(h6, xN6, xB6);
                final double kn6 = fN(v6, n6, xN6, xB6);
                final double kde6 = -de6 * itE;
                final double kie6 = de6 - ie6 * itE;
                final double kdi6 = -di6 * itI;
                final double kii6 = di6 - ii6 * itI;
                // stage 7: the fifth-order solution, and its derivative (first stage of the next step)
                final double vNew = v + dtSub * (B1 * kv1 + B3 * kv3 + B4 * kv4 + B5 * kv5 + B6 * kv6);
                final double mNew = m + dtSub * (B1 * km1 + B3 * km3 + B4 * km4 + B5 * km5 + B6 * km6);
                final double hNew = h + dtSub * (B1 * kh1 + B3 * kh3 + B4 * kh4 + B5 * kh5 + B6 * kh6);
                final double nNew = n + dtSub * (B1 * kn1 + B3 * kn3 + B4 * kn4 + B5 * kn5 + B6 * kn6);
                final double deNew = de + dtSub * (B1 * kde1 + B3 * kde3 + B4 * kde4 + B5 * kde5 + B6 * kde6);
                final double ieNew = ie + dtSub * (B1 * kie1 + B3 * kie3 + B4 * kie4 + B5 * kie5 + B6 * kie6);
                final double diNew = di + dtSub * (B1 * kdi1 + B3 * kdi3 + B4 * kdi4 + B5 * kdi5 + B6 * kdi6);
                final double iiNew = ii + dtSub * (B1 * kii1 + B3 * kii3 + B4 * kii4 + B5 * kii5 + B6 * kii6);
                final double kv7 = fV(vNew, mNew, hNew, nNew, ieNew, iiNew, iConst);
                final double xN7 = expN(vNew);
                final double xB7 = expB(vNew);
                final double km7 = fM(vNew, mNew, xN7, expM(vNew));
                final double kh7 = fH(hNew, xN7, xB7);
                final double kn7 = fN(vNew, nNew, xN7, xB7);
                final double kde7 = -deNew * itE;
                final double kie7 = deNew - ieNew * itE;
                final double kdi7 = -diNew * itI;
                final double kii7 = diNew - iiNew * itI;
                // error estimate: difference to the embedded fourth-order solution, scaled per component
                double err = scaled(errorOf(kv1, kv3, kv4, kv5, kv6, kv7), v, vNew, atol, rtol);
                err = Math.max(err, scaled(errorOf(km1, km3, km4, km5, km6, km7), m, mNew, atol, rtol));
                err = Math.max(err, scaled(errorOf(kh1, kh3, kh4, kh5, kh6, kh7), h, hNew, atol, rtol));
                err = Math.max(err, scaled(errorOf(kn1, kn3, kn4, kn5, kn6, kn7), n, nNew, atol, rtol));
                err = Math.max(err, scaled(errorOf(kde1, kde3, kde4, kde5, kde6, kde7), de, deNew, atol, rtol));
                err = Math.max(err, scaled(errorOf(kie1, kie3, kie4, kie5, kie6, kie7), ie, ieNew, atol, rtol));
                err = Math.max(err, scaled(errorOf(kdi1, kdi3, kdi4, kdi5, kdi6, kdi7), di, diNew, atol, rtol));
                err = Math.max(err, scaled(errorOf(kii1, kii3, kii4, kii5, kii6, kii7), ii, iiNew, atol, rtol));
                err *= dtSub;
                if (err <= 1) {
                    t = last ? dt : t + dtSub;
                    v = vNew;
                    m = mNew;
                    h = hNew;
                    n = nNew;
                    de = deNew;
                    ie = ieNew;
                    di = diNew;
                    ii = iiNew;
                    kv1 = kv7;
                    km1 = km7;
                    kh1 = kh7;
                    kn1 = kn7;
                    kde1 = kde7;
                    kie1 = kie7;
                    kdi1 = kdi7;
                    kii1 = kii7;
                    final double next = dtSub * grow(err);
                    // a final substep cut short by the end of the step says nothing against the longer one
                    if (!last || next > dtTry) dtTry = next;
                } else {
                    dtTry = dtSub * shrink(err);
                    if (!(dtTry >= MIN_STEP)) throw failure("hh_psc_alpha", i, v, dtTry, substeps);
                }
            }
            s[V][i] = v;
            s[M][i] = m;
            s[H][i] = h;
            s[N][i] = n;
            s[DI_EX][i] = de;
            s[I_EX][i] = ie;
            s[DI_IN][i] = di;
            s[I_IN][i] = ii;
            s[STEP][i] = Math.min(dtTry, dt);
        }
    }
}
