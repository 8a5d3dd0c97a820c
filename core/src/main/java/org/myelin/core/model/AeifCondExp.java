package org.myelin.core.model;

import org.myelin.core.ModelException;
import org.myelin.core.NeuronKernel;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;
import org.myelin.core.SpikeBuffer;

/**
 * {@code aeif_cond_exp}: adaptive exponential integrate-and-fire neuron (Brette and Gerstner 2005)
 * with exponentially decaying synaptic conductances (NEST's model of the same name).
 *
 * <pre>
 *   C_m dV/dt = -g_L (V - E_L) + g_L Delta_T exp((V - V_th)/Delta_T) - g_ex (V - E_ex) - g_in (V - E_in)
 *               - w + I_e + I_stim
 *   tau_w dw/dt = a (V - E_L) - w
 *   dg_ex/dt = -g_ex / tau_syn_ex,   dg_in/dt = -g_in / tau_syn_in
 *   an incoming spike of weight w adds w (nS) to g_ex (port 0, w &gt;= 0) or |w| to g_in (port 1)
 *   V &gt;= V_peak: spike, V = V_reset, w = w + b, refractory for t_ref
 * </pre>
 * As in NEST: the right-hand side sees {@code min(V, V_peak)} (this bounds the exponential); while
 * refractory it sees {@code V_reset} with {@code dV/dt = 0}, and w, g_ex, g_in keep evolving. With
 * {@code Delta_T = 0} the exponential term is dropped and the spike condition is {@code V >= V_th}
 * (a pure integrate-and-fire neuron with adaptation).
 *
 * <h2>Numerical method</h2>
 * All four variables are integrated by the Dormand-Prince 5(4) embedded Runge-Kutta pair (order 5,
 * with local extrapolation; first-same-as-last) with adaptive step size, per neuron, as NEST does
 * with GSL's RKF45 (its error norm differs from NEST's). Error control: a substep from y to y' is
 * accepted when {@code max_i |err_i| / (tol + tol max(|y_i|, |y'_i|)) <= 1}, with
 * {@code tol = gsl_error_tol}; the next size is {@code 0.9 err^(-1/5)} times the last, within a factor
 * [0.2, 5] (Hairer, Norsett and Wanner, section II.4). The last accepted size is kept per neuron in
 * {@code integration_step} and reused in the next step (substeps are truncated at the grid).
 *
 * <p>The spike condition is checked after each accepted substep. When V passed it inside a substep,
 * the crossing time is located on the Runge-Kutta solution itself (Illinois regula falsi on the length
 * of a single Dormand-Prince step from the substep start, to 1e-9 dt), the neuron is reset there, and
 * integration resumes from the crossing. The crossing time, in ms after the start of the step, is kept
 * in {@code spike_offset}, so the spike's precise time is {@code step dt + spike_offset}. (NEST resets
 * at the end of the substep instead: with {@code Delta_T > 0} that substep is tiny, since V runs away
 * near V_peak; with {@code Delta_T = 0} it is not, and locating the crossing matters.) With the default
 * tolerance the spike times agree with a tolerance-1e-12 reference solution to about 1e-5 ms (checked
 * by the tests, which require 1e-3 ms).
 *
 * <h2>Timing and refractoriness</h2>
 * Input and refractoriness follow NEST: the spikes received in step t are added to the conductances at
 * the end of step t; the current port's value in step t is applied constantly over step t (NEST
 * applies a current one step later). After a spike in step t the neuron is refractory for the rest of
 * step t and for t_ref/dt further steps (rounded up to whole steps, as NEST's {@code Time::get_steps}),
 * if that count is positive. With a count of 0 (the default {@code t_ref = 0}) it can fire again
 * within the same step, so under extreme drive several spikes per step are reported
 * ({@code spike_offset} then holds the last).
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 * <tr><td>C_m</td><td>pF</td><td>281</td><td>membrane capacitance</td></tr>
 * <tr><td>t_ref</td><td>ms</td><td>0</td><td>absolute refractory period</td></tr>
 * <tr><td>V_reset</td><td>mV</td><td>-60</td><td>reset potential (below V_peak; below V_th too if
 * Delta_T = 0; above V_th is allowed otherwise, as in NEST)</td></tr>
 * <tr><td>E_L</td><td>mV</td><td>-70.6</td><td>leak reversal potential</td></tr>
 * <tr><td>g_L</td><td>nS</td><td>30</td><td>leak conductance</td></tr>
 * <tr><td>I_e</td><td>pA</td><td>0</td><td>constant input current</td></tr>
 * <tr><td>a</td><td>nS</td><td>4</td><td>subthreshold adaptation</td></tr>
 * <tr><td>b</td><td>pA</td><td>80.5</td><td>spike-triggered adaptation</td></tr>
 * <tr><td>Delta_T</td><td>mV</td><td>2</td><td>slope factor (0: no exponential term)</td></tr>
 * <tr><td>tau_w</td><td>ms</td><td>144</td><td>adaptation time constant</td></tr>
 * <tr><td>V_th</td><td>mV</td><td>-50.4</td><td>spike initiation threshold</td></tr>
 * <tr><td>V_peak</td><td>mV</td><td>0</td><td>spike detection threshold (&gt;= V_th)</td></tr>
 * <tr><td>E_ex</td><td>mV</td><td>0</td><td>excitatory reversal potential</td></tr>
 * <tr><td>E_in</td><td>mV</td><td>-85</td><td>inhibitory reversal potential</td></tr>
 * <tr><td>tau_syn_ex</td><td>ms</td><td>0.2</td><td>excitatory conductance decay time</td></tr>
 * <tr><td>tau_syn_in</td><td>ms</td><td>2</td><td>inhibitory conductance decay time</td></tr>
 * <tr><td>gsl_error_tol</td><td></td><td>1e-6</td><td>absolute and relative local error tolerance</td></tr>
 * </table>
 * State: {@code V_m} (mV), {@code g_ex} (nS), {@code g_in} (nS), {@code w} (pA), {@code refractory_steps}
 * (steps left), {@code integration_step} (ms, the adaptive substep carried between steps),
 * {@code spike_offset} (ms after the step start of the last spike). Ports: 0 {@code ex} (nS),
 * 1 {@code in} (nS, magnitude), 2 current (pA).
 *
 * <p>References: Brette and Gerstner (2005) J Neurophysiol 94:3637; NEST {@code aeif_cond_exp};
 * Dormand and Prince (1980) J Comput Appl Math 6:19; Hairer, Norsett and Wanner (1993) Solving
 * Ordinary Differential Equations I, 2nd ed., Springer.
 */
public final class AeifCondExp extends NeuronModel {
    public static final AeifCondExp INSTANCE = new AeifCondExp();

    static final int C_M = 0, T_REF = 1, V_RESET = 2, E_L = 3, G_L = 4, I_E = 5, A = 6, B = 7, DELTA_T = 8,
            TAU_W = 9, V_TH = 10, V_PEAK = 11, E_EX = 12, E_IN = 13, TAU_EX = 14, TAU_IN = 15, TOL = 16;
    static final int V = 0, G_EX = 1, G_IN = 2, W = 3, R = 4, H = 5, OFFSET = 6;

    /** The first internal step, as in NEST ({@code min(0.01 ms, dt)}; longer ones are cut to dt). */
    static final double H_INIT = 0.01;

    // Dormand-Prince 5(4) coefficients
    private static final double A21 = 1.0 / 5;
    private static final double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private static final double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private static final double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    private static final double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176,
            A65 = -5103.0 / 18656;
    private static final double B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192, B5 = -2187.0 / 6784,
            B6 = 11.0 / 84;
    private static final double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200,
            E6 = 22.0 / 525, E7 = -1.0 / 40;

    private AeifCondExp() {
        super("aeif_cond_exp", new ParamSpec[] {
            ParamSpec.positive("C_m", "pF", 281, "membrane capacitance"),
            ParamSpec.nonNegative("t_ref", "ms", 0, "absolute refractory period"),
            ParamSpec.real("V_reset", "mV", -60, "reset potential"),
            ParamSpec.real("E_L", "mV", -70.6, "leak reversal potential"),
            ParamSpec.positive("g_L", "nS", 30, "leak conductance"),
            ParamSpec.real("I_e", "pA", 0, "constant input current"),
            ParamSpec.real("a", "nS", 4, "subthreshold adaptation"),
            ParamSpec.real("b", "pA", 80.5, "spike-triggered adaptation"),
            ParamSpec.nonNegative("Delta_T", "mV", 2, "slope factor of the exponential term"),
            ParamSpec.positive("tau_w", "ms", 144, "adaptation time constant"),
            ParamSpec.real("V_th", "mV", -50.4, "spike initiation threshold"),
            ParamSpec.real("V_peak", "mV", 0, "spike detection threshold"),
            ParamSpec.real("E_ex", "mV", 0, "excitatory reversal potential"),
            ParamSpec.real("E_in", "mV", -85, "inhibitory reversal potential"),
            ParamSpec.positive("tau_syn_ex", "ms", 0.2, "excitatory synaptic time constant"),
            ParamSpec.positive("tau_syn_in", "ms", 2, "inhibitory synaptic time constant"),
            ParamSpec.positive("gsl_error_tol", "", 1e-6, "local error tolerance of the adaptive integrator"),
        }, new String[] {"V_m", "g_ex", "g_in", "w", "refractory_steps", "integration_step", "spike_offset"},
            new String[] {"mV", "nS", "nS", "pA", "steps", "ms", "ms"});
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
    public void validate(String element, double[] p, double dt) {
        if (p[V_PEAK] < p[V_TH]) {
            throw new ModelException(element, "V_peak", "value " + p[V_PEAK] + " mV must not be below V_th = " + p[V_TH] + " mV");
        }
        if (!(p[V_RESET] < p[V_PEAK])) {
            throw new ModelException(element, "V_reset", "value " + p[V_RESET] + " mV must be below V_peak = " + p[V_PEAK] + " mV");
        }
        if (p[DELTA_T] == 0 && !(p[V_RESET] < p[V_TH])) {
            throw new ModelException(element, "V_reset", "value " + p[V_RESET] + " mV must be below V_th = " + p[V_TH]
                    + " mV when Delta_T = 0 (V_th is then the spike condition)");
        }
        if (p[DELTA_T] > 0) {
            // NEST: the exponential at V_peak must leave a margin of 1e20 below the largest double
            final double maxArg = Math.log(Double.MAX_VALUE / 1e20);
            if ((p[V_PEAK] - p[V_TH]) / p[DELTA_T] >= maxArg) {
                throw new ModelException(element, "Delta_T", "value " + p[DELTA_T] + " mV makes exp((V_peak - V_th)/Delta_T)"
                        + " overflow; need (V_peak - V_th)/Delta_T < " + maxArg + " (raise Delta_T or lower V_peak)");
            }
        }
    }

    @Override
    public void initialize(double[] p, double[][] s, int from, int to) {
        for (int i = from; i < to; i++) {
            s[V][i] = p[E_L];
            s[G_EX][i] = 0;
            s[G_IN][i] = 0;
            s[W][i] = 0;
            s[R][i] = 0;
            s[H][i] = H_INIT;
            s[OFFSET][i] = 0;
        }
    }

    @Override
    public NeuronKernel compile(double[] p, double dt) {
        return new Kernel(p, dt);
    }

    static final class Kernel implements NeuronKernel {
        @Override
        public boolean relocatable() {
            return true;
        }

        final double dt;
        final double invC, gL, eL, iE, a, b, invTauW;
        final boolean expOn;
        final double gLDeltaT, invDeltaT;
        final double vTh, vPeak, vSpike, vReset;
        final double eEx, eIn, invTauEx, invTauIn;
        final double tol;
        final double hMin;
        final double timeEps;
        final int refCounts;

        Kernel(double[] p, double dt) {
            this.dt = dt;
            invC = 1.0 / p[C_M];
            gL = p[G_L];
            eL = p[E_L];
            iE = p[I_E];
            a = p[A];
            b = p[B];
            invTauW = 1.0 / p[TAU_W];
            expOn = p[DELTA_T] > 0;
            gLDeltaT = p[G_L] * p[DELTA_T];
            invDeltaT = expOn ? 1.0 / p[DELTA_T] : 0;
            vTh = p[V_TH];
            vPeak = p[V_PEAK];
            vSpike = expOn ? p[V_PEAK] : p[V_TH];
            vReset = p[V_RESET];
            eEx = p[E_EX];
            eIn = p[E_IN];
            invTauEx = 1.0 / p[TAU_EX];
            invTauIn = 1.0 / p[TAU_IN];
            tol = p[TOL];
            hMin = 1e-9 * dt;
            timeEps = 1e-9 * dt;
            refCounts = IafPropagator.refractorySteps(p[T_REF], dt);
        }

        /** dV/dt; V is seen as min(V, V_peak), and as V_reset with dV/dt = 0 while refractory. */
        private double dV(double v, double ge, double gi, double w, double i, boolean refr) {
            if (refr) return 0;
            final double vc = v < vPeak ? v : vPeak;
            final double spike = expOn ? gLDeltaT * Math.exp((vc - vTh) * invDeltaT) : 0;
            return (i + spike - gL * (vc - eL) - ge * (vc - eEx) - gi * (vc - eIn) - w) * invC;
        }

        /** dw/dt, with V seen as in {@link #dV}. */
        private double dW(double v, double w, boolean refr) {
            final double vc = refr ? vReset : (v < vPeak ? v : vPeak);
            return (a * (vc - eL) - w) * invTauW;
        }

        @Override
        public void update(long step, double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out) {
            final double[] vA = s[V];
            final double[] geA = s[G_EX];
            final double[] giA = s[G_IN];
            final double[] wA = s[W];
            final double[] rA = s[R];
            final double[] hA = s[H];
            final double[] offA = s[OFFSET];
            final double[] spEx = in[0];
            final double[] spIn = in[1];
            final double[] cur = in[2];
            final double dt = this.dt, tol = this.tol, hMin = this.hMin, vSpike = this.vSpike, vReset = this.vReset;
            final double nEx = -invTauEx, nIn = -invTauIn;
            for (int i = from; i < to; i++) {
                double v = vA[i], ge = geA[i], gi = giA[i], w = wA[i];
                double r = rA[i];
                double h = hA[i];
                if (!(h > 0)) h = dt;
                else if (h > dt) h = dt;
                final double ic = iE + cur[base + i];
                double t = 0;
                boolean fresh = true;
                double kv1 = 0, ke1 = 0, ki1 = 0, kw1 = 0;
                while (t < dt) {
                    final boolean refr = r > 0;
                    if (fresh) {
                        kv1 = dV(v, ge, gi, w, ic, refr);
                        kw1 = dW(v, w, refr);
                        ke1 = nEx * ge;
                        ki1 = nIn * gi;
                        fresh = false;
                    }
                    double hh = dt - t;
                    boolean last = true;
                    if (h < hh) {
                        hh = h;
                        last = false;
                    }
                    double yv = v + hh * A21 * kv1, ye = ge + hh * A21 * ke1, yi = gi + hh * A21 * ki1,
                            yw = w + hh * A21 * kw1;
                    final double kv2 = dV(yv, ye, yi, yw, ic, refr), kw2 = dW(yv, yw, refr), ke2 = nEx * ye,
                            ki2 = nIn * yi;
                    yv = v + hh * (A31 * kv1 + A32 * kv2);
                    ye = ge + hh * (A31 * ke1 + A32 * ke2);
                    yi = gi + hh * (A31 * ki1 + A32 * ki2);
                    yw = w + hh * (A31 * kw1 + A32 * kw2);
                    final double kv3 = dV(yv, ye, yi, yw, ic, refr), kw3 = dW(yv, yw, refr), ke3 = nEx * ye,
                            ki3 = nIn * yi;
                    yv = v + hh * (A41 * kv1 + A42 * kv2 + A43 * kv3);
                    ye = ge + hh * (A41 * ke1 + A42 * ke2 + A43 * ke3);
                    yi = gi + hh * (A41 * ki1 + A42 * ki2 + A43 * ki3);
                    yw = w + hh * (A41 * kw1 + A42 * kw2 + A43 * kw3);
                    final double kv4 = dV(yv, ye, yi, yw, ic, refr), kw4 = dW(yv, yw, refr), ke4 = nEx * ye,
                            ki4 = nIn * yi;
                    yv = v + hh * (A51 * kv1 + A52 * kv2 + A53 * kv3 + A54 * kv4);
                    ye = ge + hh * (A51 * ke1 + A52 * ke2 + A53 * ke3 + A54 * ke4);
                    yi = gi + hh * (A51 * ki1 + A52 * ki2 + A53 * ki3 + A54 * ki4);
                    yw = w + hh * (A51 * kw1 + A52 * kw2 + A53 * kw3 + A54 * kw4);
                    final double kv5 = dV(yv, ye, yi, yw, ic, refr), kw5 = dW(yv, yw, refr), ke5 = nEx * ye,
                            ki5 = nIn * yi;
                    yv = v + hh * (A61 * kv1 + A62 * kv2 + A63 * kv3 + A64 * kv4 + A65 * kv5);
                    ye = ge + hh * (A61 * ke1 + A62 * ke2 + A63 * ke3 + A64 * ke4 + A65 * ke5);
                    yi = gi + hh * (A61 * ki1 + A62 * ki2 + A63 * ki3 + A64 * ki4 + A65 * ki5);
                    yw = w + hh * (A61 * kw1 + A62 * kw2 + A63 * kw3 + A64 * kw4 + A65 * kw5);
                    final double kv6 = dV(yv, ye, yi, yw, ic, refr), kw6 = dW(yv, yw, refr), ke6 = nEx * ye,
                            ki6 = nIn * yi;
                    final double nv = v + hh * (B1 * kv1 + B3 * kv3 + B4 * kv4 + B5 * kv5 + B6 * kv6);
                    final double ne = ge + hh * (B1 * ke1 + B3 * ke3 + B4 * ke4 + B5 * ke5 + B6 * ke6);
                    final double ni = gi + hh * (B1 * ki1 + B3 * ki3 + B4 * ki4 + B5 * ki5 + B6 * ki6);
                    final double nw = w + hh * (B1 * kw1 + B3 * kw3 + B4 * kw4 + B5 * kw5 + B6 * kw6);
                    final double kv7 = dV(nv, ne, ni, nw, ic, refr), kw7 = dW(nv, nw, refr), ke7 = nEx * ne,
                            ki7 = nIn * ni;
                    // embedded error estimate, scaled per component
                    final double ev = hh * (E1 * kv1 + E3 * kv3 + E4 * kv4 + E5 * kv5 + E6 * kv6 + E7 * kv7);
                    final double ee = hh * (E1 * ke1 + E3 * ke3 + E4 * ke4 + E5 * ke5 + E6 * ke6 + E7 * ke7);
                    final double ei = hh * (E1 * ki1 + E3 * ki3 + E4 * ki4 + E5 * ki5 + E6 * ki6 + E7 * ki7);
                    final double ew = hh * (E1 * kw1 + E3 * kw3 + E4 * kw4 + E5 * kw5 + E6 * kw6 + E7 * kw7);
                    double err = Math.abs(ev) / (tol + tol * Math.max(Math.abs(v), Math.abs(nv)));
                    err = Math.max(err, Math.abs(ee) / (tol + tol * Math.max(Math.abs(ge), Math.abs(ne))));
                    err = Math.max(err, Math.abs(ei) / (tol + tol * Math.max(Math.abs(gi), Math.abs(ni))));
                    err = Math.max(err, Math.abs(ew) / (tol + tol * Math.max(Math.abs(w), Math.abs(nw))));
                    if (!(err <= 1.0)) {
                        if (err != err) {
                            // non-finite state (only from non-finite input): give up on this step
                            v = ge = gi = w = Double.NaN;
                            break;
                        }
                        if (hh > hMin) {
                            // reject: shrink and retry from the same point (k1 still valid)
                            h = hh * Math.max(0.2, 0.9 * Math.pow(err, -0.2));
                            continue;
                        }
                    }
                    // accept
                    final double fac = err > 0 ? Math.min(5.0, 0.9 * Math.pow(err, -0.2)) : 5.0;
                    double hNext = hh * fac;
                    if (last && fac >= 1.0 && hNext < h) hNext = h; // a step cut at the grid does not shrink h
                    h = hNext < dt ? hNext : dt;
                    final double t0 = t, v0 = v, ge0 = ge, gi0 = gi, w0 = w;
                    t = last ? dt : t + hh;
                    v = nv;
                    ge = ne;
                    gi = ni;
                    w = nw;
                    kv1 = kv7;
                    ke1 = ke7;
                    ki1 = ki7;
                    kw1 = kw7;
                    if (refr) {
                        v = vReset;
                    } else if (v >= vSpike) {
                        final double sc = locate(i, geA, giA, wA, v0, ge0, gi0, w0, ic, hh, v);
                        t = sc == hh ? t : t0 + sc;
                        ge = geA[i];
                        gi = giA[i];
                        w = wA[i] + b;
                        v = vReset;
                        r = refCounts > 0 ? refCounts + 1 : 0;
                        offA[i] = t;
                        out.add(i);
                        fresh = true;
                    }
                }
                if (r > 0) {
                    r -= 1;
                    v = vReset;
                }
                vA[i] = v;
                wA[i] = w;
                geA[i] = ge + spEx[base + i];
                giA[i] = gi + spIn[base + i];
                rA[i] = r;
                hA[i] = h;
            }
        }

        /**
         * Slow path, at a spike: the length s in [0, hh] of the Dormand-Prince step from (v0, ge0, gi0,
         * w0) at which V reaches the spike condition, by Illinois regula falsi (with a bisection every
         * fourth iteration) to {@code timeEps}. Writes g_ex, g_in and w at s into the arrays at i.
         */
        private double locate(int i, double[] geA, double[] giA, double[] wA, double v0, double ge0, double gi0,
                              double w0, double ic, double hh, double v1) {
            double lo = 0, hi = hh;
            double flo = v0 - vSpike, fhi = v1 - vSpike;
            if (flo >= 0) {
                hi = 0; // already at or above the spike condition at the substep start
            } else {
                int side = 0;
                for (int it = 0; it < 200 && hi - lo > timeEps; it++) {
                    double sx = (it & 3) == 3 ? 0.5 * (lo + hi) : lo - flo * (hi - lo) / (fhi - flo);
                    if (!(sx > lo && sx < hi)) sx = 0.5 * (lo + hi);
                    final double f = trial(i, geA, giA, wA, v0, ge0, gi0, w0, ic, sx) - vSpike;
                    if (f >= 0) {
                        hi = sx;
                        fhi = f;
                        if (side == 1) flo *= 0.5;
                        side = 1;
                    } else {
                        lo = sx;
                        flo = f;
                        if (side == -1) fhi *= 0.5;
                        side = -1;
                    }
                }
            }
            trial(i, geA, giA, wA, v0, ge0, gi0, w0, ic, hi);
            return hi;
        }

        /** One non-refractory Dormand-Prince step of length sx; returns V, writes g_ex, g_in, w at i. */
        private double trial(int i, double[] geA, double[] giA, double[] wA, double v, double ge, double gi,
                             double w, double ic, double sx) {
            final double nEx = -invTauEx, nIn = -invTauIn;
            final double kv1 = dV(v, ge, gi, w, ic, false), kw1 = dW(v, w, false), ke1 = nEx * ge, ki1 = nIn * gi;
            double yv = v + sx * A21 * kv1, ye = ge + sx * A21 * ke1, yi = gi + sx * A21 * ki1, yw = w + sx * A21 * kw1;
            final double kv2 = dV(yv, ye, yi, yw, ic, false), kw2 = dW(yv, yw, false), ke2 = nEx * ye, ki2 = nIn * yi;
            yv = v + sx * (A31 * kv1 + A32 * kv2);
            ye = ge + sx * (A31 * ke1 + A32 * ke2);
            yi = gi + sx * (A31 * ki1 + A32 * ki2);
            yw = w + sx * (A31 * kw1 + A32 * kw2);
            final double kv3 = dV(yv, ye, yi, yw, ic, false), kw3 = dW(yv, yw, false), ke3 = nEx * ye, ki3 = nIn * yi;
            yv = v + sx * (A41 * kv1 + A42 * kv2 + A43 * kv3);
            ye = ge + sx * (A41 * ke1 + A42 * ke2 + A43 * ke3);
            yi = gi + sx * (A41 * ki1 + A42 * ki2 + A43 * ki3);
            yw = w + sx * (A41 * kw1 + A42 * kw2 + A43 * kw3);
            final double kv4 = dV(yv, ye, yi, yw, ic, false), kw4 = dW(yv, yw, false), ke4 = nEx * ye, ki4 = nIn * yi;
            yv = v + sx * (A51 * kv1 + A52 * kv2 + A53 * kv3 + A54 * kv4);
            ye = ge + sx * (A51 * ke1 + A52 * ke2 + A53 * ke3 + A54 * ke4);
            yi = gi + sx * (A51 * ki1 + A52 * ki2 + A53 * ki3 + A54 * ki4);
            yw = w + sx * (A51 * kw1 + A52 * kw2 + A53 * kw3 + A54 * kw4);
            final double kv5 = dV(yv, ye, yi, yw, ic, false), kw5 = dW(yv, yw, false), ke5 = nEx * ye, ki5 = nIn * yi;
            yv = v + sx * (A61 * kv1 + A62 * kv2 + A63 * kv3 + A64 * kv4 + A65 * kv5);
            ye = ge + sx * (A61 * ke1 + A62 * ke2 + A63 * ke3 + A64 * ke4 + A65 * ke5);
            yi = gi + sx * (A61 * ki1 + A62 * ki2 + A63 * ki3 + A64 * ki4 + A65 * ki5);
            yw = w + sx * (A61 * kw1 + A62 * kw2 + A63 * kw3 + A64 * kw4 + A65 * kw5);
            final double kv6 = dV(yv, ye, yi, yw, ic, false), kw6 = dW(yv, yw, false), ke6 = nEx * ye, ki6 = nIn * yi;
            geA[i] = ge + sx * (B1 * ke1 + B3 * ke3 + B4 * ke4 + B5 * ke5 + B6 * ke6);
            giA[i] = gi + sx * (B1 * ki1 + B3 * ki3 + B4 * ki4 + B5 * ki5 + B6 * ki6);
            wA[i] = w + sx * (B1 * kw1 + B3 * kw3 + B4 * kw4 + B5 * kw5 + B6 * kw6);
            return v + sx * (B1 * kv1 + B3 * kv3 + B4 * kv4 + B5 * kv5 + B6 * kv6);
        }
    }
}
