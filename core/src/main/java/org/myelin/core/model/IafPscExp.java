package org.myelin.core.model;

import org.myelin.core.NeuronKernel;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;
import org.myelin.core.SpikeBuffer;

/**
 * {@code iaf_psc_exp}: leaky integrate-and-fire neuron with exponentially decaying postsynaptic
 * currents (NEST's model of the same name), integrated exactly (Rotter and Diesmann 1999).
 *
 * <pre>
 *   dV/dt      = -(V - E_L)/tau_m + (I_syn_ex + I_syn_in + I_e + I_stim)/C_m
 *   dI_syn_X/dt = -I_syn_X/tau_syn_X,   plus a jump of w (pA) per incoming spike on port X
 *   V >= V_th: spike, V = V_reset, V clamped for t_ref while the currents go on
 * </pre>
 * Weights {@code w >= 0} go to port {@code ex}, {@code w < 0} to port {@code in} and keep their sign,
 * so {@code I_syn_in <= 0}.
 *
 * <p>Propagators for step h: {@code P11_X = exp(-h/tau_syn_X)}, {@code P22 = exp(-h/tau_m)},
 * {@code P20 = tau_m/C_m (1 - P22)} and {@code P21_X} = {@link IafPropagator#vFromCurrent}
 * (exact also at {@code tau_m == tau_syn_X}). One step, in NEST's order:
 * <ol>
 * <li>if not refractory, {@code V = E_L + P22 (V - E_L) + P21_ex I_syn_ex + P21_in I_syn_in
 *     + P20 (I_e + I_stim)} with the currents at the start of the step; otherwise count the
 *     refractory step down and leave V at V_reset;</li>
 * <li>{@code I_syn_X = P11_X I_syn_X + (weights arriving on port X in this step)}: a spike of step t
 *     acts from time (t+1) h, also during refractoriness;</li>
 * <li>if {@code V >= V_th}: spike, {@code V = V_reset}, refractory for {@code ceil(t_ref/h)} steps
 *     (NEST rounds t_ref up to the grid).</li>
 * </ol>
 * Differences from NEST: the current port's value in step t ({@code I_stim}, pA) acts during step t,
 * where NEST applies a current one step later; NEST's escape noise ({@code rho}, {@code delta}) and
 * its second current receptor (a current filtered by the excitatory synapse) are left out.
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
 * <tr><td>I_e</td><td>pA</td><td>0</td></tr>
 * </table>
 * State: {@code V_m} (mV), {@code I_syn_ex} (pA), {@code I_syn_in} (pA), {@code refractory_steps}
 * (steps left).
 * References: NEST {@code models/iaf_psc_exp.cpp}; Tsodyks, Uziel and Markram (2000) J Neurosci
 * 20:RC50; Rotter and Diesmann (1999) Biol Cybern 81:381.
 */
public final class IafPscExp extends NeuronModel {
    public static final IafPscExp INSTANCE = new IafPscExp();

    static final int E_L = 0, C_M = 1, TAU_M = 2, TAU_EX = 3, TAU_IN = 4, T_REF = 5, V_TH = 6, V_RESET = 7, I_E = 8;
    static final int V = 0, I_EX = 1, I_IN = 2, R = 3;

    private IafPscExp() {
        super("iaf_psc_exp", new ParamSpec[] {
            ParamSpec.real("E_L", "mV", -70, "resting membrane potential"),
            ParamSpec.positive("C_m", "pF", 250, "membrane capacitance"),
            ParamSpec.positive("tau_m", "ms", 10, "membrane time constant"),
            ParamSpec.positive("tau_syn_ex", "ms", 2, "decay time of the excitatory synaptic current"),
            ParamSpec.positive("tau_syn_in", "ms", 2, "decay time of the inhibitory synaptic current"),
            ParamSpec.nonNegative("t_ref", "ms", 2, "absolute refractory period"),
            ParamSpec.real("V_th", "mV", -55, "spike threshold"),
            ParamSpec.real("V_reset", "mV", -70, "reset potential"),
            ParamSpec.real("I_e", "pA", 0, "constant input current"),
        }, new String[] {"V_m", "I_syn_ex", "I_syn_in", "refractory_steps"}, new String[] {"mV", "pA", "pA", "steps"});
    }


    @Override
    public String[] receptorNames() {
        return new String[] {"ex", "in"};
    }

    @Override
    public void validate(String element, double[] p, double dt) {
        requireBelow(element, p, "V_reset", "V_th");
    }

    @Override
    public void initialize(double[] p, double[][] s, int from, int to) {
        for (int i = from; i < to; i++) {
            s[V][i] = p[E_L];
            s[I_EX][i] = 0;
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
        final double p11in;
        final double p22;
        final double p21ex;
        final double p21in;
        final double p20;
        final double eL;
        final double iE;
        final double thetaRel;
        final double vReset;
        final int refSteps;

        Kernel(double[] p, double dt) {
            double tau = p[TAU_M];
            p11ex = Math.exp(-dt / p[TAU_EX]);
            p11in = Math.exp(-dt / p[TAU_IN]);
            p22 = Math.exp(-dt / tau);
            p21ex = new IafPropagator(p[TAU_EX], tau, p[C_M]).vFromCurrent(dt);
            p21in = new IafPropagator(p[TAU_IN], tau, p[C_M]).vFromCurrent(dt);
            p20 = -tau / p[C_M] * Math.expm1(-dt / tau);
            eL = p[E_L];
            iE = p[I_E];
            thetaRel = p[V_TH] - eL;
            vReset = p[V_RESET];
            refSteps = IafPropagator.refractorySteps(p[T_REF], dt);
        }

        @Override
        public void update(long step, double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out) {
            final double[] v = s[V];
            final double[] iex = s[I_EX];
            final double[] iin = s[I_IN];
            final double[] r = s[R];
            final double[] spkEx = in[0];
            final double[] spkIn = in[1];
            final double[] cur = in[2];
            final double p11ex = this.p11ex, p11in = this.p11in, p22 = this.p22;
            final double p21ex = this.p21ex, p21in = this.p21in, p20 = this.p20;
            final double eL = this.eL, iE = this.iE, theta = thetaRel;
            for (int i = from; i < to; i++) {
                final double ex = iex[i];
                final double ih = iin[i];
                // the currents go on during refractoriness; input arriving now acts from the step's end
                iex[i] = p11ex * ex + spkEx[base + i];
                iin[i] = p11in * ih + spkIn[base + i];
                if (r[i] == 0) {
                    // V uses the currents at the start of the step
                    double y = p22 * (v[i] - eL) + p21ex * ex + p21in * ih + p20 * (iE + cur[base + i]);
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
