package org.myelin.core.model;

import org.myelin.core.ModelException;
import org.myelin.core.NeuronKernel;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;
import org.myelin.core.SpikeBuffer;

/**
 * {@code izhikevich}: the simple spiking neuron of Izhikevich (2003), NEST's model of the same name.
 *
 * <pre>
 *   dv/dt = 0.04 v^2 + 5 v + 140 - u + I_e + I_stim
 *   du/dt = a (b v - u)
 *   v >= V_th: spike, v = c, u = u + d;   v is bounded below by V_min
 *   v jumps by w (mV) per incoming spike of weight w
 * </pre>
 * The model is dimensionless as published: v is read as mV, time as ms, and the input current enters
 * {@code dv/dt} directly (so "pA" here means mV/ms).
 *
 * <h2>Numerics</h2>
 * Forward Euler with step h = dt, in NEST's order. With {@code consistent_integration} (default):
 * <pre>
 *   v' = v + h (0.04 v^2 + 5 v + 140 - u + I) + w
 *   u' = u + h a (b v - u)                       (old v and u on both right-hand sides)
 * </pre>
 * Without it, the published script's numerics: v takes two half steps of h/2, in which the spike
 * input w counts as a current (so it adds about h w, not w), then u is advanced from the new v:
 * <pre>
 *   v1 = v  + h/2 (0.04 v^2  + 5 v  + 140 - u + I + w)
 *   v' = v1 + h/2 (0.04 v1^2 + 5 v1 + 140 - u + I + w)
 *   u' = u  + h a (b v' - u)
 * </pre>
 * The published results were produced with h = 1 ms; NEST recommends that resolution for this mode.
 * Then v is clamped to V_min, and a spike is detected on v' (reset v' = c, u' += d). There is no
 * refractory period. The current port's value in step t is applied in step t (NEST applies a
 * current one step later); spikes arriving in step t act in step t, as in NEST.
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 * <tr><td>a</td><td>1/ms</td><td>0.02</td><td>time scale of the recovery variable u</td></tr>
 * <tr><td>b</td><td>-</td><td>0.2</td><td>sensitivity of u to v</td></tr>
 * <tr><td>c</td><td>mV</td><td>-65</td><td>after-spike reset value of v</td></tr>
 * <tr><td>d</td><td>mV</td><td>8</td><td>after-spike increment of u</td></tr>
 * <tr><td>I_e</td><td>pA</td><td>0</td><td>constant input current</td></tr>
 * <tr><td>V_th</td><td>mV</td><td>30</td><td>spike cut-off</td></tr>
 * <tr><td>V_min</td><td>mV</td><td>-Double.MAX_VALUE</td><td>lower bound of v</td></tr>
 * <tr><td>consistent_integration</td><td>bool</td><td>true</td><td>standard forward Euler</td></tr>
 * </table>
 * State: {@code V_m} (mV, initially -65), {@code U_m} (mV, initially 0, as in NEST, not b V_m).
 * Standard parameter sets (Izhikevich 2003, Fig. 2): regular spiking (a, b, c, d) = (0.02, 0.2, -65, 8),
 * intrinsically bursting (0.02, 0.2, -55, 4), chattering (0.02, 0.2, -50, 2), fast spiking
 * (0.1, 0.2, -65, 2).
 *
 * <p>References: Izhikevich EM (2003) Simple model of spiking neurons. IEEE Trans Neural Netw
 * 14:1569-1572; NEST {@code izhikevich}.
 */
public final class Izhikevich extends NeuronModel {
    public static final Izhikevich INSTANCE = new Izhikevich();

    static final int A = 0, B = 1, C = 2, D = 3, I_E = 4, V_TH = 5, V_MIN = 6, CONSISTENT = 7;
    static final int V = 0, U = 1;

    private Izhikevich() {
        super("izhikevich", new ParamSpec[] {
            ParamSpec.real("a", "1/ms", 0.02, "time scale of the recovery variable"),
            ParamSpec.real("b", "", 0.2, "sensitivity of the recovery variable"),
            ParamSpec.real("c", "mV", -65, "after-spike reset value of V_m"),
            ParamSpec.real("d", "mV", 8, "after-spike increment of U_m"),
            ParamSpec.real("I_e", "pA", 0, "constant input current"),
            ParamSpec.real("V_th", "mV", 30, "spike cut-off"),
            ParamSpec.real("V_min", "mV", -Double.MAX_VALUE, "lower bound of the membrane potential"),
            ParamSpec.bool("consistent_integration", true,
                    "standard forward Euler (true) or the published numerics (false)"),
        }, new String[] {"V_m", "U_m"}, new String[] {"mV", "mV"});
    }


    @Override
    public String[] receptorNames() {
        return new String[] {"delta"};
    }

    @Override
    public void validate(String element, double[] p, double dt) {
        if (!(p[C] < p[V_TH])) {
            throw new ModelException(element, "c", "value " + p[C] + " mV must be below V_th = " + p[V_TH] + " mV");
        }
    }

    @Override
    public void initialize(double[] p, double[][] s, int from, int to) {
        for (int i = from; i < to; i++) {
            s[V][i] = -65.0;
            s[U][i] = 0.0;
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
        final double a;
        final double b;
        final double c;
        final double d;
        final double iE;
        final double vTh;
        final double vMin;
        final boolean consistent;

        Kernel(double[] p, double dt) {
            h = dt;
            a = p[A];
            b = p[B];
            c = p[C];
            d = p[D];
            iE = p[I_E];
            vTh = p[V_TH];
            vMin = p[V_MIN];
            consistent = p[CONSISTENT] != 0;
        }

        @Override
        public void update(long step, double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out) {
            final double[] vs = s[V];
            final double[] us = s[U];
            final double[] spk = in[0];
            final double[] cur = in[1];
            final double h = this.h, a = this.a, b = this.b, c = this.c, d = this.d, iE = this.iE;
            final double vTh = this.vTh, vMin = this.vMin;
            final boolean consistent = this.consistent;
            for (int i = from; i < to; i++) {
                double v = vs[i];
                double u = us[i];
                final double iStim = cur[base + i];
                final double w = spk[base + i];
                if (consistent) {
                    final double vOld = v;
                    final double uOld = u;
                    v += h * (0.04 * vOld * vOld + 5.0 * vOld + 140.0 - uOld + iStim + iE) + w;
                    u += h * a * (b * vOld - uOld);
                } else {
                    v += h * 0.5 * (0.04 * v * v + 5.0 * v + 140.0 - u + iStim + iE + w);
                    v += h * 0.5 * (0.04 * v * v + 5.0 * v + 140.0 - u + iStim + iE + w);
                    u += h * a * (b * v - u);
                }
                if (v < vMin) v = vMin;
                if (v >= vTh) {
                    v = c;
                    u += d;
                    out.add(i);
                }
                vs[i] = v;
                us[i] = u;
            }
        }
    }
}
