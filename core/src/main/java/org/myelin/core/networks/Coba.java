package org.myelin.core.networks;

import org.myelin.core.Connect;
import org.myelin.core.Dist;
import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.Synapse;

/**
 * The COBA benchmark (Brette et al. 2007, benchmark 1) in the form of the Brian2/BrainPy benchmark
 * scripts: 4,000 {@code iaf_cond_exp} neurons (80% excitatory), C_m = 200 pF, g_L = 10 nS,
 * E_L = V_reset = -60 mV, V_th = -50 mV, t_ref = 5 ms, E_ex = 0 mV, E_in = -80 mV,
 * tau_syn_ex = 5 ms, tau_syn_in = 10 ms, constant drive I_e = 200 pA; pairwise Bernoulli
 * connectivity p = 0.02 without autapses, conductance jumps we = 6 nS and wi = 67 nS, delay one step
 * (0.1 ms). Initial V_m uniform in [-60, -50) mV, conductances 0. With {@link #forwardEuler} the
 * neurons integrate by forward Euler, as those scripts do in Brian2 ({@code method='euler'}).
 */
public final class Coba {
    public int n = 4_000;
    public double p = 0.02;
    public double we = 6;
    public double wi = 67;
    public double delay = 0.1;
    /** The E-&gt;E synapse; null: static, {@code we}, {@code delay} (e.g. a plastic one for benchmarks). */
    public Synapse ee;
    /** {@code iaf_cond_exp}'s {@code forward_euler}: the scripts' method instead of the accurate default. */
    public boolean forwardEuler;

    /** Builds the network into {@code net}; returns {E, I}. */
    public Population[] build(Network net) {
        int nE = n * 4 / 5;
        Population e = neurons(net, "E", nE);
        Population i = neurons(net, "I", n - nE);
        for (Population t : new Population[] {e, i}) {
            Synapse s = t == e && ee != null ? ee : Synapse.statics(we, delay);
            net.connect(e, t, Connect.pairwiseBernoulli(p).autapses(false), s);
            net.connect(i, t, Connect.pairwiseBernoulli(p).autapses(false), Synapse.statics(-wi, delay));
        }
        return new Population[] {e, i};
    }

    private Population neurons(Network net, String name, int size) {
        return net.population(name, "iaf_cond_exp", size).param("forward_euler", forwardEuler ? 1 : 0)
                .param("C_m", 200).param("g_L", 10).param("E_L", -60).param("V_reset", -60).param("V_th", -50)
                .param("t_ref", 5).param("E_ex", 0).param("E_in", -80).param("tau_syn_ex", 5)
                .param("tau_syn_in", 10).param("I_e", 200)
                .initial("V_m", Dist.uniform(-60, -50));
    }
}
