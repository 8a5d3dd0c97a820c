package org.myelin.core.networks;

import org.myelin.core.Connect;
import org.myelin.core.Dist;
import org.myelin.core.Generator;
import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.Synapse;

/**
 * Brunel (2000) sparsely connected network of excitatory and inhibitory {@code iaf_psc_delta}
 * neurons ("model A": identical E and I neurons), driven by independent Poisson input.
 *
 * <p>Defaults: N_E = 10,000, N_I = 2,500, C_E = 1,000, C_I = 250 (fixed in-degree, multapses and
 * autapses allowed, as in NEST's brunel_delta example), J = 0.1 mV, g = 5, eta = 2, D = 1.5 ms,
 * tau_m = 20 ms, theta = 20 mV, V_r = 10 mV, t_ref = 2 ms, E_L = 0 mV. External input: a Poisson
 * train of rate {@code eta * nu_thr * C_E} per neuron with weight J, {@code nu_thr = theta/(J C_E tau_m)}.
 * Initial V_m uniform in [0, 20) mV.
 */
public final class Brunel {
    public int nE = 10_000;
    public int nI = 2_500;
    public int cE = 1_000;
    public int cI = 250;
    public double j = 0.1;
    public double g = 5;
    public double eta = 2;
    public double delay = 1.5;
    public double tauM = 20;
    public double theta = 20;
    public double vReset = 10;
    public double tRef = 2;

    /** Model A with N = nE + nI neurons, nE = 4 nI; in-degrees unchanged. */
    public static Brunel modelA(int n) {
        Brunel b = new Brunel();
        b.nE = n * 4 / 5;
        b.nI = n - b.nE;
        return b;
    }

    /** External rate per neuron in Hz. */
    public double externalRate() {
        double nuThr = theta / (j * cE * tauM); // kHz
        return eta * nuThr * cE * 1000.0;
    }

    /** Builds the network into {@code net}; returns {E, I}. */
    public Population[] build(Network net) {
        Population e = neurons(net, "E", nE);
        Population i = neurons(net, "I", nI);
        Synapse exc = Synapse.statics(j, delay);
        Synapse inh = Synapse.statics(-g * j, delay);
        for (Population t : new Population[] {e, i}) {
            net.connect(e, t, Connect.fixedIndegree(cE), exc);
            net.connect(i, t, Connect.fixedIndegree(cI), inh);
            net.stimulate(Generator.poisson(externalRate()), t, j, delay);
        }
        return new Population[] {e, i};
    }

    private Population neurons(Network net, String name, int n) {
        return net.population(name, "iaf_psc_delta", n)
                .param("E_L", 0).param("C_m", 250).param("tau_m", tauM).param("V_th", theta)
                .param("V_reset", vReset).param("t_ref", tRef)
                .initial("V_m", Dist.uniform(0, theta));
    }
}
