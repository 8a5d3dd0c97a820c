package org.myelin.core.model;

import org.myelin.core.NeuronKernel;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;
import org.myelin.core.SpikeBuffer;
import org.myelin.core.ModelException;

/**
 * {@code iaf_psc_delta}: leaky integrate-and-fire neuron with delta-shaped postsynaptic potentials
 * (NEST's model of the same name), integrated exactly (Rotter and Diesmann 1999).
 *
 * <pre>
 *   dV/dt = -(V - E_L)/tau_m + (I_e + I_stim)/C_m,   plus a jump of w (mV) per incoming spike
 *   V >= V_th: spike, V = V_reset, clamped for t_ref = ceil(t_ref/h) steps (NEST rounds t_ref up
 *              to the grid); input arriving meanwhile is discarded, unless refractory_input, then
 *              it is added, decayed to that time, at the end of the first step after refractoriness
 *   V is bounded below by V_min.
 * </pre>
 * Propagators for step h: {@code P33 = exp(-h/tau_m)}, {@code P30 = -tau_m/C_m * expm1(-h/tau_m)}.
 * A spike in step t lands at the end of step t (it is visible in V at time (t+1) h); the current
 * port's value in step t is applied constantly over step t.
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>name</th><th>unit</th><th>default</th></tr>
 * <tr><td>E_L</td><td>mV</td><td>-70</td></tr>
 * <tr><td>C_m</td><td>pF</td><td>250</td></tr>
 * <tr><td>tau_m</td><td>ms</td><td>10</td></tr>
 * <tr><td>t_ref</td><td>ms</td><td>2</td></tr>
 * <tr><td>V_th</td><td>mV</td><td>-55</td></tr>
 * <tr><td>V_reset</td><td>mV</td><td>-70</td></tr>
 * <tr><td>V_min</td><td>mV</td><td>-inf</td></tr>
 * <tr><td>I_e</td><td>pA</td><td>0</td></tr>
 * <tr><td>refractory_input</td><td>bool</td><td>false</td></tr>
 * </table>
 * State: {@code V_m} (mV), {@code refractory_steps} (steps left), {@code refractory_input_buffer} (mV).
 * References: NEST {@code iaf_psc_delta}; Brunel (2000) J Comput Neurosci 8:183.
 */
public final class IafPscDelta extends NeuronModel {
    public static final IafPscDelta INSTANCE = new IafPscDelta();

    static final int E_L = 0, C_M = 1, TAU_M = 2, T_REF = 3, V_TH = 4, V_RESET = 5, V_MIN = 6, I_E = 7, REFR_IN = 8;
    static final int V = 0, R = 1, RBUF = 2;

    private IafPscDelta() {
        super("iaf_psc_delta", new ParamSpec[] {
            ParamSpec.real("E_L", "mV", -70, "resting membrane potential"),
            ParamSpec.positive("C_m", "pF", 250, "membrane capacitance"),
            ParamSpec.positive("tau_m", "ms", 10, "membrane time constant"),
            ParamSpec.nonNegative("t_ref", "ms", 2, "absolute refractory period"),
            ParamSpec.real("V_th", "mV", -55, "spike threshold"),
            ParamSpec.real("V_reset", "mV", -70, "reset potential"),
            ParamSpec.range("V_min", "mV", Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
                    "lower bound of the membrane potential"),
            ParamSpec.real("I_e", "pA", 0, "constant input current"),
            ParamSpec.bool("refractory_input", false, "add input received while refractory when it ends"),
        }, new String[] {"V_m", "refractory_steps", "refractory_input_buffer"}, new String[] {"mV", "steps", "mV"});
    }


    @Override
    public String[] receptorNames() {
        return new String[] {"delta"};
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
            s[R][i] = 0;
            s[RBUF][i] = 0;
        }
    }

    @Override
    public NeuronKernel compile(double[] p, double dt) {
        return new Kernel(p, dt, SIMD);
    }

    /** The vectorised step ({@link IafPscDeltaSimd}), or null without the vector API. */
    interface Pass {
        /** The kernel's step for [from, to) without refractory input, bit-identical to {@link Kernel#updateScalar}. */
        void update(Kernel k, double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out);
    }

    static final Pass SIMD = Simd.load(Pass.class, "IafPscDeltaSimd");

    static final class Kernel implements NeuronKernel {
        @Override
        public boolean relocatable() {
            return true;
        }

        final double p33;
        final double p30;
        final double eL;
        final double iE;
        final double thetaRel;
        final double resetRel;
        final double vMinRel;
        final int refSteps;
        final boolean refrInput;
        final double hOverTau;
        private final Pass simd;

        /**
         * With {@code simd} null, the scalar loop; otherwise the vectorised pass, except with
         * {@code refractory_input}, whose buffered input keeps the scalar loop.
         */
        Kernel(double[] p, double dt, Pass simd) {
            double tau = p[TAU_M];
            p33 = Math.exp(-dt / tau);
            p30 = -tau / p[C_M] * Math.expm1(-dt / tau);
            eL = p[E_L];
            iE = p[I_E];
            thetaRel = p[V_TH] - eL;
            resetRel = p[V_RESET] - eL;
            vMinRel = p[V_MIN] - eL;
            refSteps = IafPropagator.refractorySteps(p[T_REF], dt);
            refrInput = p[REFR_IN] != 0;
            hOverTau = dt / tau;
            this.simd = refrInput ? null : simd;
        }

        /** Whether anything writes to the current port; if not, the vectorised pass reads no current. */
        boolean currentWritten = true;

        @Override
        public void inputsWritten(boolean[] written) {
            currentWritten = written[1];
        }

        /** Scratch of the vectorised pass (the spike flags of a vector with a spike). */
        final LaneScratch lanes = new LaneScratch();

        @Override
        public void update(long step, double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out) {
            if (simd != null && Simd.engaged()) {
                simd.update(this, s, in, base, from, to, out);
            } else {
                updateScalar(s, in, base, from, to, out);
            }
        }

        /** The scalar loop; the vectorised pass performs exactly these operations, lane by lane. */
        void updateScalar(double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out) {
            final double[] v = s[V];
            final double[] r = s[R];
            final double[] rbuf = s[RBUF];
            final double[] spk = in[0];
            final double[] cur = in[1];
            final double p33 = this.p33, p30 = this.p30, eL = this.eL, iE = this.iE;
            final double theta = thetaRel, reset = resetRel, vMin = vMinRel;
            final boolean refrIn = refrInput;
            for (int i = from; i < to; i++) {
                double y = v[i] - eL;
                if (r[i] == 0) {
                    y = p30 * (iE + cur[base + i]) + p33 * y + spk[base + i];
                    if (refrIn) {
                        // input buffered during refractoriness, already decayed to the end of this step
                        y += rbuf[i];
                        rbuf[i] = 0;
                    }
                    if (y < vMin) y = vMin;
                    if (y >= theta) {
                        r[i] = refSteps;
                        y = reset;
                        out.add(i);
                    }
                    v[i] = y + eL;
                } else {
                    refractoryStep(i, spk[base + i], r, rbuf);
                }
            }
        }

        /** Slow path: one refractory step; the membrane stays at reset. */
        private void refractoryStep(int i, double input, double[] r, double[] rbuf) {
            if (refrInput) {
                // NEST: input is buffered, decayed over the r steps to the end of the first free step,
                // where update() adds it; V itself stays at V_reset throughout
                rbuf[i] += input * Math.exp(-r[i] * hOverTau);
            }
            r[i] -= 1;
        }
    }
}
