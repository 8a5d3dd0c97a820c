package org.myelin.core.model;

import org.myelin.core.ModelException;
import org.myelin.core.NeuronKernel;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;
import org.myelin.core.SpikeBuffer;

/**
 * {@code iaf_psc_alpha}: leaky integrate-and-fire neuron with alpha-shaped postsynaptic currents
 * (NEST's model of the same name), integrated exactly (Rotter and Diesmann 1999).
 *
 * <pre>
 *   dV/dt        = -(V - E_L)/tau_m + (I_syn_ex + I_syn_in + I_e + I_stim)/C_m
 *   dI_syn_X/dt  = -I_syn_X/tau_syn_X + dI_syn_X
 *   d(dI_syn_X)/dt = -dI_syn_X/tau_syn_X,   plus a jump of e/tau_syn_X * w per incoming spike on port X
 *   V >= V_th: spike, V = V_reset, V clamped for t_ref while the currents go on
 *   V is bounded below by V_min.
 * </pre>
 * A spike of weight {@code w} (pA) gives the current {@code w e t/tau_syn e^{-t/tau_syn}}, whose peak,
 * at {@code t = tau_syn}, is {@code w}. Weights {@code w >= 0} go to port {@code ex}, {@code w < 0} to
 * port {@code in} and keep their sign.
 *
 * <p>Propagators for step h: {@code P11_X = P22_X = exp(-h/tau_syn_X)},
 * {@code P21_X = h exp(-h/tau_syn_X)}, {@code P33 - 1 = expm1(-h/tau_m)},
 * {@code P30 = -tau_m/C_m expm1(-h/tau_m)}, and {@code P31_X} = {@link IafPropagator#vFromDerivative},
 * {@code P32_X} = {@link IafPropagator#vFromCurrent} (exact also at {@code tau_m == tau_syn_X}).
 * One step, in NEST's order:
 * <ol>
 * <li>if not refractory, {@code y = V - E_L} becomes {@code y + (P33 - 1) y + P30 (I_e + I_stim)
 *     + sum_X (P31_X dI_syn_X + P32_X I_syn_X)} with the synaptic state at the start of the step,
 *     then is bounded below by {@code V_min}; otherwise count the refractory step down and leave V
 *     at V_reset;</li>
 * <li>{@code I_syn_X = P21_X dI_syn_X + P22_X I_syn_X}, {@code dI_syn_X = P11_X dI_syn_X
 *     + e/tau_syn_X * (weights arriving on port X in this step)}: a spike of step t acts from time
 *     (t+1) h, also during refractoriness;</li>
 * <li>if {@code V >= V_th}: spike, {@code V = V_reset}, refractory for {@code ceil(t_ref/h)} steps
 *     (NEST rounds t_ref up to the grid).</li>
 * </ol>
 * Differences from NEST: the current port's value in step t ({@code I_stim}, pA) acts during step t,
 * where NEST applies a current one step later; {@code V_min > V_reset} is rejected.
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>name</th><th>unit</th><th>default</th></tr>
 * <tr><td>E_L</td><td>mV</td><td>-70</td></tr>
 * <tr><td>C_m</td><td>pF</td><td>250</td></tr>
 * <tr><td>tau_m</td><td>ms</td><td>10</td></tr>
 * <tr><td>tau_syn_ex</td><td>ms</td><td>2</td></tr>
 * <tr><td>tau_syn_in</td><td>ms</td><td>2</td></tr>
 * <tr><td>t_ref</td><td>ms</td><td>2</td></tr>
 * <tr><td>V_th</td><td>mV</td><td>-55</td></tr>
 * <tr><td>V_reset</td><td>mV</td><td>-70</td></tr>
 * <tr><td>V_min</td><td>mV</td><td>-inf</td></tr>
 * <tr><td>I_e</td><td>pA</td><td>0</td></tr>
 * </table>
 * State: {@code V_m} (mV), {@code dI_syn_ex} (pA/ms), {@code I_syn_ex} (pA), {@code dI_syn_in}
 * (pA/ms), {@code I_syn_in} (pA), {@code refractory_steps} (steps left); NEST calls the derivatives
 * {@code dI_ex}, {@code dI_in} internally and records the currents as {@code I_syn_ex},
 * {@code I_syn_in}.
 * References: NEST {@code models/iaf_psc_alpha.cpp}; Rotter and Diesmann (1999) Biol Cybern 81:381;
 * Diesmann, Gewaltig, Rotter and Aertsen (2001) Neurocomputing 38:565.
 */
public final class IafPscAlpha extends NeuronModel {
    public static final IafPscAlpha INSTANCE = new IafPscAlpha();

    static final int E_L = 0, C_M = 1, TAU_M = 2, TAU_EX = 3, TAU_IN = 4, T_REF = 5, V_TH = 6, V_RESET = 7,
            V_MIN = 8, I_E = 9;
    static final int V = 0, DI_EX = 1, I_EX = 2, DI_IN = 3, I_IN = 4, R = 5;

    private IafPscAlpha() {
        super("iaf_psc_alpha", new ParamSpec[] {
            ParamSpec.real("E_L", "mV", -70, "resting membrane potential"),
            ParamSpec.positive("C_m", "pF", 250, "membrane capacitance"),
            ParamSpec.positive("tau_m", "ms", 10, "membrane time constant"),
            ParamSpec.positive("tau_syn_ex", "ms", 2, "rise time of the excitatory synaptic alpha current"),
            ParamSpec.positive("tau_syn_in", "ms", 2, "rise time of the inhibitory synaptic alpha current"),
            ParamSpec.nonNegative("t_ref", "ms", 2, "absolute refractory period"),
            ParamSpec.real("V_th", "mV", -55, "spike threshold"),
            ParamSpec.real("V_reset", "mV", -70, "reset potential"),
            ParamSpec.range("V_min", "mV", Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
                    "lower bound of the membrane potential"),
            ParamSpec.real("I_e", "pA", 0, "constant input current"),
        }, new String[] {"V_m", "dI_syn_ex", "I_syn_ex", "dI_syn_in", "I_syn_in", "refractory_steps"},
           new String[] {"mV", "pA/ms", "pA", "pA/ms", "pA", "steps"});
    }


    @Override
    public String[] receptorNames() {
        return new String[] {"ex", "in"};
    }

    @Override
    public void validate(String element, double[] p, double dt) {
        requireBelow(element, p, "V_reset", "V_th");
        if (p[V_MIN] > p[V_RESET]) {
            throw new ModelException(element, "V_min", "value " + p[V_MIN] + " mV must not exceed V_reset = " + p[V_RESET] + " mV");
        }
    }

    @Override
    public void initialize(double[] p, double[][] s, int from, int to) {
        for (int i = from; i < to; i++) {
            s[V][i] = p[E_L];
            s[DI_EX][i] = 0;
            s[I_EX][i] = 0;
            s[DI_IN][i] = 0;
            s[I_IN][i] = 0;
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

        final double p11ex;
        final double p21ex;
        final double p31ex;
        final double p32ex;
        final double p11in;
        final double p21in;
        final double p31in;
        final double p32in;
        final double p30;
        final double p33m1;
        /** {@code e/tau_syn}: the jump of dI per pA of weight, normalising the current peak to w. */
        final double jumpEx;
        final double jumpIn;
        final double eL;
        final double iE;
        final double thetaRel;
        final double vMinRel;
        final double vReset;
        final int refSteps;

        Kernel(double[] p, double dt) {
            double tau = p[TAU_M];
            double tauEx = p[TAU_EX];
            double tauIn = p[TAU_IN];
            IafPropagator ex = new IafPropagator(tauEx, tau, p[C_M]);
            IafPropagator ih = new IafPropagator(tauIn, tau, p[C_M]);
            p11ex = Math.exp(-dt / tauEx);
            p21ex = dt * p11ex;
            p31ex = ex.vFromDerivative(dt);
            p32ex = ex.vFromCurrent(dt);
            p11in = Math.exp(-dt / tauIn);
            p21in = dt * p11in;
            p31in = ih.vFromDerivative(dt);
            p32in = ih.vFromCurrent(dt);
            p33m1 = Math.expm1(-dt / tau);
            p30 = -tau / p[C_M] * p33m1;
            jumpEx = Math.E / tauEx;
            jumpIn = Math.E / tauIn;
            eL = p[E_L];
            iE = p[I_E];
            thetaRel = p[V_TH] - eL;
            vMinRel = p[V_MIN] - eL;
            vReset = p[V_RESET];
            refSteps = IafPropagator.refractorySteps(p[T_REF], dt);
        }

        @Override
        public void update(long step, double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out) {
            final double[] v = s[V];
            final double[] dex = s[DI_EX];
            final double[] iex = s[I_EX];
            final double[] din = s[DI_IN];
            final double[] iin = s[I_IN];
            final double[] r = s[R];
            final double[] spkEx = in[0];
            final double[] spkIn = in[1];
            final double[] cur = in[2];
            final double p11ex = this.p11ex, p21ex = this.p21ex, p31ex = this.p31ex, p32ex = this.p32ex;
            final double p11in = this.p11in, p21in = this.p21in, p31in = this.p31in, p32in = this.p32in;
            final double p30 = this.p30, p33m1 = this.p33m1, jumpEx = this.jumpEx, jumpIn = this.jumpIn;
            final double eL = this.eL, iE = this.iE, theta = thetaRel, vMin = vMinRel;
            for (int i = from; i < to; i++) {
                final double dEx = dex[i];
                final double cEx = iex[i];
                final double dIn = din[i];
                final double cIn = iin[i];
                // the currents go on during refractoriness; input arriving now acts from the step's end
                iex[i] = p21ex * dEx + p11ex * cEx;
                dex[i] = p11ex * dEx + jumpEx * spkEx[base + i];
                iin[i] = p21in * dIn + p11in * cIn;
                din[i] = p11in * dIn + jumpIn * spkIn[base + i];
                if (r[i] == 0) {
                    // V uses the synaptic state at the start of the step
                    double y = v[i] - eL;
                    y = p30 * (iE + cur[base + i]) + p31ex * dEx + p32ex * cEx + p31in * dIn + p32in * cIn
                            + p33m1 * y + y;
                    if (y < vMin) y = vMin;
                    if (y >= theta) {
                        r[i] = refSteps;
                        v[i] = vReset;
                        out.add(i);
                    } else {
                        v[i] = y + eL;
                    }
                } else {
                    r[i] -= 1; // V stays at V_reset
                }
            }
        }
    }
}
