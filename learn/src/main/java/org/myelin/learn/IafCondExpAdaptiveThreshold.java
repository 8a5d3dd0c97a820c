package org.myelin.learn;

import org.myelin.core.NeuronKernel;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;
import org.myelin.core.SpikeBuffer;

/**
 * {@code iaf_cond_exp_adaptive_threshold}: the excitatory neuron of Diehl and Cook (2015), a
 * leaky integrate-and-fire neuron with exponentially decaying excitatory and inhibitory
 * conductances (as {@code iaf_cond_exp}) and an adaptive threshold {@code theta} that grows at
 * each spike and decays slowly (homeostasis: a neuron that fires a lot becomes harder to excite).
 *
 * <pre>
 *   C_m dV/dt = -g_L (V - E_L) - g_ex(t) (V - E_ex) - g_in(t) (V - E_in) + I_e + I_stim
 *   dg_ex/dt = -g_ex / tau_syn_ex,   dg_in/dt = -g_in / tau_syn_in
 *   dtheta/dt = -theta / tau_theta
 *   V &gt;= V_th + theta at the end of a step, and no spike within t_lock before:
 *          spike, V = V_reset, clamped there for t_ref, theta += theta_plus
 * </pre>
 * An incoming spike of weight w adds w (nS) to g_ex (port 0, w &gt;= 0) or |w| to g_in (port 1).
 *
 * <h2>Numerical method and timing (those of {@code iaf_cond_exp})</h2>
 * The conductances and theta decay exactly ({@code x(t + h) = x(t) exp(-h/tau)}). V is integrated
 * by the classical fourth-order Runge-Kutta method over the step {@code h}, with the conductances
 * taken exactly at t, t + h/2 and t + h, and the right-hand side seeing {@code min(V, V_th + theta)}
 * with theta as at t (NEST's convention for {@code iaf_cond_exp}). When
 * {@code h (g_L + g_ex + g_in) / C_m > 0.25} the step is split into n equal RK4 substeps that each
 * satisfy that bound (at most 1024; beyond that, and whenever a substep would still exceed 2, V
 * relaxes exactly to its instantaneous equilibrium with the conductances frozen at the substep's
 * midpoint, which is stable for any conductance). Step t integrates over [t h, (t+1) h] with
 * the conductances as they were at t h; the spikes received in step t are added afterwards, so they
 * are visible at (t+1) h. While refractory, V is held at V_reset and the conductances and theta
 * keep decaying.
 *
 * <p>{@code t_lock} (0: off) is a minimum time between spikes beyond the refractory period: after
 * {@code t_ref} the membrane integrates freely but cannot fire until {@code t_lock} has passed since
 * the spike; a neuron still above threshold then fires in the first step allowed. In that locked
 * phase the right-hand side sees V itself, not {@code min(V, V_th + theta)}. With
 * {@code ceil(t_lock/h)} = L steps, spikes are at least L + 1 steps apart. This is the timer that
 * Brian2 ports of Diehl and Cook's code put in the threshold ({@code timer > 5 ms} with
 * {@code dtimer/dt = 0.1}: 50 ms, about seven spikes per 350 ms image at most). In the authors' own
 * code ({@code dtimer/dt = 100.0 : ms}, SI units) the timer passes 5 ms one step after the reset and
 * locks nothing out beyond t_ref.
 *
 * <p>theta at a spike is incremented after its decay over the step, so after spikes at
 * times {@code t_k}: {@code theta(t) = theta(0) e^(-t/tau_theta) + theta_plus sum_k e^(-(t - t_k)/tau_theta)}
 * (exactly, at step ends).
 *
 * <h2>Parameters (defaults: Diehl and Cook's excitatory neuron)</h2>
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 * <tr><td>V_th</td><td>mV</td><td>-52</td><td>threshold without adaptation</td></tr>
 * <tr><td>V_reset</td><td>mV</td><td>-65</td><td>reset potential (below V_th)</td></tr>
 * <tr><td>t_ref</td><td>ms</td><td>5</td><td>absolute refractory period</td></tr>
 * <tr><td>t_lock</td><td>ms</td><td>0</td><td>minimum time between spikes, beyond t_ref (off at 0;
 * Brian2 ports of Diehl and Cook's code: 50)</td></tr>
 * <tr><td>g_L</td><td>nS</td><td>10</td><td>leak conductance</td></tr>
 * <tr><td>C_m</td><td>pF</td><td>1000</td><td>membrane capacitance (tau_m = C_m/g_L = 100 ms)</td></tr>
 * <tr><td>E_ex</td><td>mV</td><td>0</td><td>excitatory reversal potential</td></tr>
 * <tr><td>E_in</td><td>mV</td><td>-100</td><td>inhibitory reversal potential</td></tr>
 * <tr><td>E_L</td><td>mV</td><td>-65</td><td>leak reversal potential</td></tr>
 * <tr><td>tau_syn_ex</td><td>ms</td><td>1</td><td>excitatory conductance decay time</td></tr>
 * <tr><td>tau_syn_in</td><td>ms</td><td>2</td><td>inhibitory conductance decay time</td></tr>
 * <tr><td>I_e</td><td>pA</td><td>0</td><td>constant input current</td></tr>
 * <tr><td>theta_plus</td><td>mV</td><td>0.05</td><td>threshold increment per spike</td></tr>
 * <tr><td>tau_theta</td><td>ms</td><td>1e7</td><td>threshold decay time</td></tr>
 * </table>
 * State: {@code V_m} (mV), {@code g_ex} (nS), {@code g_in} (nS), {@code theta} (mV, 0 initially),
 * {@code refractory_steps} (steps left), {@code lock_steps} (steps left in which the neuron cannot
 * fire). Ports: 0 {@code ex} (nS), 1 {@code in} (nS, magnitude),
 * 2 current (pA).
 *
 * <p>Diehl and Cook write the membrane equation with conductances relative to the leak (their
 * {@code ge} is {@code g_ex / g_L} here) and the threshold as {@code theta - 20 mV + v_thresh} with
 * theta starting at 20 mV; here the threshold is {@code V_th + theta} with theta starting at 0.
 * That is not quite the same dynamics: their initial 20 mV decays too (with {@code tau_theta}), so
 * their effective threshold drifts down by up to 20 mV over long training, which this model does
 * not reproduce ({@code org.myelin.bench.diehlcook} emulates the drift by lowering theta between
 * images).
 *
 * <p>References: Diehl, Cook (2015) Front Comput Neurosci 9:99; NEST {@code iaf_cond_exp}.
 */
public final class IafCondExpAdaptiveThreshold extends NeuronModel {
    static final int V_TH = 0, V_RESET = 1, T_REF = 2, G_L = 3, C_M = 4, E_EX = 5, E_IN = 6, E_L = 7,
            TAU_EX = 8, TAU_IN = 9, I_E = 10, THETA_PLUS = 11, TAU_THETA = 12, T_LOCK = 13;
    static final int V = 0, G_EX = 1, G_IN = 2, THETA = 3, R = 4, LOCK = 5;

    /** Largest {@code h (g_L + g_ex + g_in) / C_m} integrated by one RK4 step; above it, substeps. */
    static final double Z_MAX = 0.25;

    /** Most substeps. */
    static final int MAX_SUBSTEPS = 1024;

    /** The model (also what {@link java.util.ServiceLoader} instantiates for core's {@code Models}). */
    public IafCondExpAdaptiveThreshold() {
        super("iaf_cond_exp_adaptive_threshold", new ParamSpec[] {
            ParamSpec.real("V_th", "mV", -52, "spike threshold without adaptation"),
            ParamSpec.real("V_reset", "mV", -65, "reset potential"),
            ParamSpec.nonNegative("t_ref", "ms", 5, "absolute refractory period"),
            ParamSpec.positive("g_L", "nS", 10, "leak conductance"),
            ParamSpec.positive("C_m", "pF", 1000, "membrane capacitance"),
            ParamSpec.real("E_ex", "mV", 0, "excitatory reversal potential"),
            ParamSpec.real("E_in", "mV", -100, "inhibitory reversal potential"),
            ParamSpec.real("E_L", "mV", -65, "leak reversal potential"),
            ParamSpec.positive("tau_syn_ex", "ms", 1, "excitatory synaptic time constant"),
            ParamSpec.positive("tau_syn_in", "ms", 2, "inhibitory synaptic time constant"),
            ParamSpec.real("I_e", "pA", 0, "constant input current"),
            ParamSpec.nonNegative("theta_plus", "mV", 0.05, "threshold increment per spike"),
            ParamSpec.positive("tau_theta", "ms", 1e7, "threshold decay time constant"),
            ParamSpec.nonNegative("t_lock", "ms", 0, "minimum time between spikes beyond t_ref (0: off)"),
        }, new String[] {"V_m", "g_ex", "g_in", "theta", "refractory_steps", "lock_steps"},
                new String[] {"mV", "nS", "nS", "mV", "steps", "steps"});
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
            s[G_EX][i] = 0;
            s[G_IN][i] = 0;
            s[THETA][i] = 0;
            s[R][i] = 0;
            s[LOCK][i] = 0;
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
        final double tauEx, tauIn;
        final double exHalf, exFull, inHalf, inFull, thetaDecay;
        final double invC, gLC, restC, eEx, eIn, vTh, vReset, thetaPlus;
        /** Synaptic conductance above which the step is split into substeps. */
        final double gStiff;
        final int refSteps;
        final int lockSteps;

        Kernel(double[] p, double dt) {
            h = dt;
            tauEx = p[TAU_EX];
            tauIn = p[TAU_IN];
            exHalf = Math.exp(-0.5 * dt / tauEx);
            exFull = Math.exp(-dt / tauEx);
            inHalf = Math.exp(-0.5 * dt / tauIn);
            inFull = Math.exp(-dt / tauIn);
            thetaDecay = Math.exp(-dt / p[TAU_THETA]);
            invC = 1.0 / p[C_M];
            gLC = p[G_L] * invC;
            restC = (p[G_L] * p[E_L] + p[I_E]) * invC;
            eEx = p[E_EX];
            eIn = p[E_IN];
            vTh = p[V_TH];
            vReset = p[V_RESET];
            thetaPlus = p[THETA_PLUS];
            refSteps = (int) Math.ceil(p[T_REF] / dt - 1e-9);
            lockSteps = (int) Math.ceil(p[T_LOCK] / dt - 1e-9);
            gStiff = Z_MAX / (dt * invC) - p[G_L];
        }

        @Override
        public void update(long step, double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out) {
            final double[] v = s[V];
            final double[] gex = s[G_EX];
            final double[] gin = s[G_IN];
            final double[] th = s[THETA];
            final double[] r = s[R];
            final double[] lk = s[LOCK];
            final double[] spEx = in[0];
            final double[] spIn = in[1];
            final double[] cur = in[2];
            final double h = this.h, h2 = 0.5 * h, h6 = h / 6.0;
            final double exHalf = this.exHalf, exFull = this.exFull, inHalf = this.inHalf, inFull = this.inFull;
            final double invC = this.invC, gLC = this.gLC, restC = this.restC, eEx = this.eEx, eIn = this.eIn;
            final double vTh = this.vTh, vReset = this.vReset, thetaDecay = this.thetaDecay;
            final double gStiff = this.gStiff;
            for (int i = from; i < to; i++) {
                final double ge0 = gex[i], gi0 = gin[i], theta0 = th[i];
                double theta = theta0 * thetaDecay;
                final boolean locked = lk[i] > 0;
                if (locked) lk[i] -= 1;
                if (r[i] == 0) {
                    final double v0 = v[i];
                    final double c = cur[base + i];
                    // locked: no spike, and the right-hand side sees V itself
                    final double thr = locked ? Double.POSITIVE_INFINITY : vTh + theta0;
                    double y;
                    if (ge0 + gi0 <= gStiff) {
                        final double ac = restC + c * invC;
                        final double geH = ge0 * exHalf, giH = gi0 * inHalf, geF = ge0 * exFull, giF = gi0 * inFull;
                        final double a0 = ac + (ge0 * eEx + gi0 * eIn) * invC, b0 = gLC + (ge0 + gi0) * invC;
                        final double aH = ac + (geH * eEx + giH * eIn) * invC, bH = gLC + (geH + giH) * invC;
                        final double aF = ac + (geF * eEx + giF * eIn) * invC, bF = gLC + (geF + giF) * invC;
                        final double k1 = a0 - b0 * (v0 < thr ? v0 : thr);
                        double x = v0 + h2 * k1;
                        final double k2 = aH - bH * (x < thr ? x : thr);
                        x = v0 + h2 * k2;
                        final double k3 = aH - bH * (x < thr ? x : thr);
                        x = v0 + h * k3;
                        final double k4 = aF - bF * (x < thr ? x : thr);
                        y = v0 + h6 * (k1 + 2.0 * (k2 + k3) + k4);
                    } else {
                        y = stiffStep(v0, ge0, gi0, c, thr);
                    }
                    if (y >= thr) {
                        r[i] = refSteps;
                        lk[i] = lockSteps;
                        y = vReset;
                        theta += thetaPlus;
                        out.add(i);
                    }
                    v[i] = y;
                } else {
                    r[i] -= 1;
                    v[i] = vReset;
                }
                th[i] = theta;
                gex[i] = ge0 * exFull + spEx[base + i];
                gin[i] = gi0 * inFull + spIn[base + i];
            }
        }

        /** Slow path for large conductances: equal substeps (see the class documentation). */
        private double stiffStep(double v0, double ge0, double gi0, double c, double thr) {
            final double z = h * (gLC + (ge0 + gi0) * invC);
            final int n = (int) Math.min(Math.ceil(z / Z_MAX), MAX_SUBSTEPS);
            final boolean rk4 = z <= 2.0 * n;
            final double hs = h / n, hs2 = 0.5 * hs, hs6 = hs / 6.0;
            final double exH = Math.exp(-hs2 / tauEx), exF = exH * exH;
            final double inH = Math.exp(-hs2 / tauIn), inF = inH * inH;
            final double ac = restC + c * invC;
            double y = v0, ge = ge0, gi = gi0;
            for (int k = 0; k < n; k++) {
                final double geH = ge * exH, giH = gi * inH, geF = ge * exF, giF = gi * inF;
                final double aH = ac + (geH * eEx + giH * eIn) * invC, bH = gLC + (geH + giH) * invC;
                if (rk4) {
                    final double a0 = ac + (ge * eEx + gi * eIn) * invC, b0 = gLC + (ge + gi) * invC;
                    final double aF = ac + (geF * eEx + giF * eIn) * invC, bF = gLC + (geF + giF) * invC;
                    final double k1 = a0 - b0 * Math.min(y, thr);
                    final double k2 = aH - bH * Math.min(y + hs2 * k1, thr);
                    final double k3 = aH - bH * Math.min(y + hs2 * k2, thr);
                    final double k4 = aF - bF * Math.min(y + hs * k3, thr);
                    y += hs6 * (k1 + 2.0 * (k2 + k3) + k4);
                } else {
                    final double vInf = aH / bH;
                    y = vInf + (y - vInf) * Math.exp(-bH * hs);
                }
                ge = geF;
                gi = giF;
            }
            return y;
        }
    }
}
