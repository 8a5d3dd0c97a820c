package org.myelin.core.networks;

import org.myelin.core.Connect;
import org.myelin.core.Dist;
import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.Synapse;

/**
 * The CUBA benchmark (Brette et al. 2007, benchmark 2; Brian2's CUBA example) as NEST's
 * {@code iaf_psc_exp}: 4,000 neurons (80% excitatory), tau_m = 20 ms, E_L = -49 mV,
 * V_th = -50 mV, V_reset = -60 mV, t_ref = 5 ms, tau_syn_ex = 5 ms, tau_syn_in = 10 ms; Brian's
 * synaptic jumps in mV (we = 1.62 mV, wi = -9 mV on ge, gi with dv/dt = (ge+gi-(v-E_L))/tau_m) become
 * currents {@code w * C_m / tau_m} with C_m = 250 pF: 20.25 pA and -112.5 pA. Pairwise Bernoulli
 * p = 0.02 without autapses, delay one step (0.1 ms); initial V_m uniform in [-60, -50) mV.
 */
public final class Cuba {
    public int n = 4_000;
    public double p = 0.02;
    public double weMv = 60 * 0.27 / 10;
    public double wiMv = -20 * 4.5 / 10;
    public double delay = 0.1;
    static final double C_M = 250;
    static final double TAU_M = 20;

    /** Builds the network into {@code net}; returns {E, I}. */
    public Population[] build(Network net) {
        int nE = n * 4 / 5;
        Population e = neurons(net, "E", nE);
        Population i = neurons(net, "I", n - nE);
        double we = weMv * C_M / TAU_M;
        double wi = wiMv * C_M / TAU_M;
        for (Population t : new Population[] {e, i}) {
            net.connect(e, t, Connect.pairwiseBernoulli(p).autapses(false), Synapse.statics(we, delay));
            net.connect(i, t, Connect.pairwiseBernoulli(p).autapses(false), Synapse.statics(wi, delay));
        }
        return new Population[] {e, i};
    }

    private static Population neurons(Network net, String name, int size) {
        return net.population(name, "iaf_psc_exp", size)
                .param("C_m", C_M).param("tau_m", TAU_M).param("E_L", -49).param("V_reset", -60).param("V_th", -50)
                .param("t_ref", 5).param("tau_syn_ex", 5).param("tau_syn_in", 10)
                .initial("V_m", Dist.uniform(-60, -50));
    }
}
