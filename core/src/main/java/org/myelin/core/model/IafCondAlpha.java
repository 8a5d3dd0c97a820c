package org.myelin.core.model;

import org.myelin.core.NeuronKernel;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;
import org.myelin.core.SpikeBuffer;

/**
 * {@code iaf_cond_alpha}: leaky integrate-and-fire neuron with alpha-shaped excitatory and
 * inhibitory synaptic conductances (NEST's model of the same name).
 *
 * <pre>
 *   C_m dV/dt = -g_L (V - E_L) - g_ex(t) (V - E_ex) - g_in(t) (V - E_in) + I_e + I_stim
 *   d(dg_ex)/dt = -dg_ex / tau_syn_ex,   dg_ex/dt = dg_ex - g_ex / tau_syn_ex    (likewise "in")
 *   an incoming spike of weight w adds w e / tau_syn to dg (port 0: w &gt;= 0 to dg_ex; port 1: |w|
 *   to dg_in), so that g(t) = w (t/tau_syn) exp(1 - t/tau_syn) peaks at w (nS) after tau_syn
 *   V &gt;= V_th at the end of a step: spike, V = V_reset, clamped there for t_ref
 * </pre>
 * As in NEST, the right-hand side sees {@code min(V, V_th)}, and while refractory it sees
 * {@code V_reset} with {@code dV/dt = 0}; the conductances keep evolving meanwhile.
 *
 * <h2>Numerical method</h2>
 * The conductances are propagated exactly: {@code dg(t+s) = dg(t) exp(-s/tau)},
 * {@code g(t+s) = (g(t) + s dg(t)) exp(-s/tau)}. Only V is integrated numerically, by the classical
 * fourth-order Runge-Kutta method over the whole step h with the conductances taken exactly at t,
 * t + h/2 and t + h (global error O(h^4), checked by the tests). NEST uses GSL's adaptive RKF45 for
 * all five variables at an absolute tolerance of 1e-3. If {@code h (g_L + g_ex + g_in + h (dg_ex + dg_in)) / C_m}
 * (a bound on the largest {@code h g_total / C_m} in the step) exceeds 0.25, the step is split into
 * equal RK4 substeps that each satisfy the bound (a slow path for extreme input); past 1024 substeps
 * they relax V exactly towards its instantaneous equilibrium with coefficients frozen at their
 * midpoints, which is stable for any conductance.
 *
 * <h2>Timing</h2>
 * Step t integrates over [t h, (t+1) h]; threshold and refractoriness are handled, then the spikes
 * received in step t are added to dg (NEST's order), so g starts to rise at (t+1) h. The current
 * port's value in step t is applied constantly over step t (NEST applies a current one step later).
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 * <tr><td>V_th</td><td>mV</td><td>-55</td><td>spike threshold</td></tr>
 * <tr><td>V_reset</td><td>mV</td><td>-60</td><td>reset potential (must be below V_th)</td></tr>
 * <tr><td>t_ref</td><td>ms</td><td>2</td><td>absolute refractory period</td></tr>
 * <tr><td>g_L</td><td>nS</td><td>16.6667</td><td>leak conductance</td></tr>
 * <tr><td>C_m</td><td>pF</td><td>250</td><td>membrane capacitance</td></tr>
 * <tr><td>E_ex</td><td>mV</td><td>0</td><td>excitatory reversal potential</td></tr>
 * <tr><td>E_in</td><td>mV</td><td>-85</td><td>inhibitory reversal potential</td></tr>
 * <tr><td>E_L</td><td>mV</td><td>-70</td><td>leak reversal potential</td></tr>
 * <tr><td>tau_syn_ex</td><td>ms</td><td>0.2</td><td>excitatory alpha-function rise time</td></tr>
 * <tr><td>tau_syn_in</td><td>ms</td><td>2</td><td>inhibitory alpha-function rise time</td></tr>
 * <tr><td>I_e</td><td>pA</td><td>0</td><td>constant input current</td></tr>
 * </table>
 * State: {@code V_m} (mV), {@code dg_ex} (nS/ms), {@code g_ex} (nS), {@code dg_in} (nS/ms),
 * {@code g_in} (nS), {@code refractory_steps} (steps left). Ports: 0 {@code ex} (nS), 1 {@code in}
 * (nS, magnitude), 2 current (pA).
 *
 * <p>References: NEST {@code iaf_cond_alpha}; Meffin, Burkitt and Grayden (2004) J Comput Neurosci
 * 16:159; Bernander et al. (1991) PNAS 88:11569; Kuhn, Aertsen and Rotter (2004) J Neurosci 24:2345.
 */
public final class IafCondAlpha extends NeuronModel {
    public static final IafCondAlpha INSTANCE = new IafCondAlpha();

    static final int V_TH = 0, V_RESET = 1, T_REF = 2, G_L = 3, C_M = 4, E_EX = 5, E_IN = 6, E_L = 7,
            TAU_EX = 8, TAU_IN = 9, I_E = 10;
    static final int V = 0, DG_EX = 1, G_EX = 2, DG_IN = 3, G_IN = 4, R = 5;

    /** Largest bound on {@code h g_total / C_m} integrated by one RK4 step; above it, substeps. */
    static final double Z_MAX = 0.25;

    /** Most substeps of the slow path; beyond {@code 2 MAX_SUBSTEPS} in z it relaxes exponentially. */
    static final int MAX_SUBSTEPS = 1024;

    private IafCondAlpha() {
        super("iaf_cond_alpha", new ParamSpec[] {
            ParamSpec.real("V_th", "mV", -55, "spike threshold"),
            ParamSpec.real("V_reset", "mV", -60, "reset potential"),
            ParamSpec.nonNegative("t_ref", "ms", 2, "absolute refractory period"),
            ParamSpec.positive("g_L", "nS", 16.6667, "leak conductance"),
            ParamSpec.positive("C_m", "pF", 250, "membrane capacitance"),
            ParamSpec.real("E_ex", "mV", 0, "excitatory reversal potential"),
            ParamSpec.real("E_in", "mV", -85, "inhibitory reversal potential"),
            ParamSpec.real("E_L", "mV", -70, "leak reversal potential"),
            ParamSpec.positive("tau_syn_ex", "ms", 0.2, "excitatory alpha-function rise time"),
            ParamSpec.positive("tau_syn_in", "ms", 2, "inhibitory alpha-function rise time"),
            ParamSpec.real("I_e", "pA", 0, "constant input current"),
        }, new String[] {"V_m", "dg_ex", "g_ex", "dg_in", "g_in", "refractory_steps"},
            new String[] {"mV", "nS/ms", "nS", "nS/ms", "nS", "steps"});
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
        requireBelow(element, p, "V_reset", "V_th");
    }

    @Override
    public void initialize(double[] p, double[][] s, int from, int to) {
        for (int i = from; i < to; i++) {
            s[V][i] = p[E_L];
            s[DG_EX][i] = 0;
            s[G_EX][i] = 0;
            s[DG_IN][i] = 0;
            s[G_IN][i] = 0;
            s[R][i] = 0;
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

        final double h;
        final double exHalf, exFull, inHalf, inFull;
        final double psInitEx, psInitIn;
        final double tauEx, tauIn;
        final double invC;
        final double gLC;
        final double restC;
        final double eEx, eIn;
        final double vTh, vReset;
        final double hOverC, zLeak;
        final int refSteps;

        Kernel(double[] p, double dt) {
            h = dt;
            tauEx = p[TAU_EX];
            tauIn = p[TAU_IN];
            exHalf = Math.exp(-0.5 * dt / tauEx);
            exFull = Math.exp(-dt / tauEx);
            inHalf = Math.exp(-0.5 * dt / tauIn);
            inFull = Math.exp(-dt / tauIn);
            psInitEx = Math.E / tauEx;
            psInitIn = Math.E / tauIn;
            invC = 1.0 / p[C_M];
            gLC = p[G_L] * invC;
            restC = (p[G_L] * p[E_L] + p[I_E]) * invC;
            eEx = p[E_EX];
            eIn = p[E_IN];
            vTh = p[V_TH];
            vReset = p[V_RESET];
            hOverC = dt * invC;
            zLeak = dt * gLC;
            refSteps = IafPropagator.refractorySteps(p[T_REF], dt);
        }

        @Override
        public void update(long step, double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out) {
            final double[] v = s[V];
            final double[] dgex = s[DG_EX];
            final double[] gex = s[G_EX];
            final double[] dgin = s[DG_IN];
            final double[] gin = s[G_IN];
            final double[] r = s[R];
            final double[] spEx = in[0];
            final double[] spIn = in[1];
            final double[] cur = in[2];
            final double h = this.h, h2 = 0.5 * h, h6 = h / 6.0;
            final double exHalf = this.exHalf, exFull = this.exFull, inHalf = this.inHalf, inFull = this.inFull;
            final double psInitEx = this.psInitEx, psInitIn = this.psInitIn;
            final double invC = this.invC, gLC = this.gLC, restC = this.restC, eEx = this.eEx, eIn = this.eIn;
            final double vTh = this.vTh, vReset = this.vReset, hOverC = this.hOverC, zLeak = this.zLeak;
            for (int i = from; i < to; i++) {
                final double dge0 = dgex[i], ge0 = gex[i], dgi0 = dgin[i], gi0 = gin[i];
                // exact alpha propagation to t + h/2 and t + h
                final double geH = (ge0 + h2 * dge0) * exHalf, giH = (gi0 + h2 * dgi0) * inHalf;
                final double geF = (ge0 + h * dge0) * exFull, giF = (gi0 + h * dgi0) * inFull;
                if (r[i] == 0) {
                    final double v0 = v[i];
                    final double c = cur[base + i];
                    double y;
                    if (zLeak + hOverC * (ge0 + gi0 + h * (dge0 + dgi0)) <= Z_MAX) {
                        // dV/dt = a(t) - b(t) min(V, V_th), with a and b exact at t, t + h/2, t + h
                        final double ac = restC + c * invC;
                        final double a0 = ac + (ge0 * eEx + gi0 * eIn) * invC, b0 = gLC + (ge0 + gi0) * invC;
                        final double aH = ac + (geH * eEx + giH * eIn) * invC, bH = gLC + (geH + giH) * invC;
                        final double aF = ac + (geF * eEx + giF * eIn) * invC, bF = gLC + (geF + giF) * invC;
                        double x = v0 < vTh ? v0 : vTh;
                        final double k1 = a0 - b0 * x;
                        x = v0 + h2 * k1;
                        final double k2 = aH - bH * (x < vTh ? x : vTh);
                        x = v0 + h2 * k2;
                        final double k3 = aH - bH * (x < vTh ? x : vTh);
                        x = v0 + h * k3;
                        final double k4 = aF - bF * (x < vTh ? x : vTh);
                        y = v0 + h6 * (k1 + 2.0 * (k2 + k3) + k4);
                    } else {
                        y = stiffStep(v0, dge0, ge0, dgi0, gi0, c);
                    }
                    if (y >= vTh) {
                        r[i] = refSteps;
                        y = vReset;
                        out.add(i);
                    }
                    v[i] = y;
                } else {
                    // refractory: V held at V_reset (dV/dt = 0), conductances evolve
                    r[i] -= 1;
                    v[i] = vReset;
                }
                gex[i] = geF;
                gin[i] = giF;
                dgex[i] = dge0 * exFull + spEx[base + i] * psInitEx;
                dgin[i] = dgi0 * inFull + spIn[base + i] * psInitIn;
            }
        }

        /**
         * Slow path for very large conductances: n equal RK4 substeps, conductances exact at every
         * stage; exponential relaxation substeps past {@code MAX_SUBSTEPS}.
         */
        private double stiffStep(double v0, double dge0, double ge0, double dgi0, double gi0, double c) {
            final double z = zLeak + hOverC * (ge0 + gi0 + h * (dge0 + dgi0));
            final int n = (int) Math.min(Math.ceil(z / Z_MAX), MAX_SUBSTEPS);
            final boolean rk4 = z <= 2.0 * n; // RK4 is stable up to z = 2.78 per substep
            final double hs = h / n, hs2 = 0.5 * hs, hs6 = hs / 6.0;
            final double exH = Math.exp(-hs2 / tauEx), exF = exH * exH;
            final double inH = Math.exp(-hs2 / tauIn), inF = inH * inH;
            final double ac = restC + c * invC;
            double y = v0, dge = dge0, ge = ge0, dgi = dgi0, gi = gi0;
            for (int k = 0; k < n; k++) {
                final double geH = (ge + hs2 * dge) * exH, giH = (gi + hs2 * dgi) * inH;
                final double geF = (ge + hs * dge) * exF, giF = (gi + hs * dgi) * inF;
                final double a0 = ac + (ge * eEx + gi * eIn) * invC, b0 = gLC + (ge + gi) * invC;
                final double aH = ac + (geH * eEx + giH * eIn) * invC, bH = gLC + (geH + giH) * invC;
                final double aF = ac + (geF * eEx + giF * eIn) * invC, bF = gLC + (geF + giF) * invC;
                if (rk4) {
                    final double k1 = a0 - b0 * Math.min(y, vTh);
                    final double k2 = aH - bH * Math.min(y + hs2 * k1, vTh);
                    final double k3 = aH - bH * Math.min(y + hs2 * k2, vTh);
                    final double k4 = aF - bF * Math.min(y + hs * k3, vTh);
                    y += hs6 * (k1 + 2.0 * (k2 + k3) + k4);
                } else {
                    // absurd conductances: exact relaxation with coefficients frozen at the substep
                    // midpoint (second order, unconditionally stable)
                    final double vInf = aH / bH;
                    y = vInf + (y - vInf) * Math.exp(-bH * hs);
                }
                ge = geF;
                gi = giF;
                dge *= exF;
                dgi *= inF;
            }
            return y;
        }
    }
}
