package org.myelin.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Dopamine-modulated STDP (Izhikevich 2007, NEST's stdp_dopamine_synapse): pairings only charge the
 * eligibility trace; without dopamine the weight does not move; the eligibility trace decays with
 * tau_c; a dopamine spike changes the weight by the closed-form integral of c(t) n(t).
 */
class DopamineStdpTest {
    static final double DT = 0.1;
    static final double D = 1.0;

    /** Eight pre-post pairings (pre at 100..450 ms, post seen 5 ms later), w0 = 50. */
    static Pairs pairs(double[] dopamine) {
        double[] pre = new double[8];
        double[] post = new double[8];
        for (int k = 0; k < 8; k++) {
            pre[k] = 100 + 50 * k;
            post[k] = pre[k] + 5 - D;
        }
        return new Pairs(DT, 2, new double[][] {pre}, new double[][] {post}, 50, D, dopamine,
                vt -> DopamineStdp.synapse(vt).tauC(800).tauN(150));
    }

    @Test
    void noDopamineNoWeightChange() {
        Pairs p = pairs(new double[0]);
        double[] w = p.run(2_000);
        assertEquals(50.0, w[0], 0.0, "without dopamine (b = 0) the weight must not move");
        double c = p.proj.synapseState("c")[0];
        assertTrue(c > 0.1, "pre-post pairings should charge the eligibility trace, c = " + c);
    }

    @Test
    void eligibilityTraceDecaysWithTauC() {
        Pairs p = pairs(new double[0]);
        p.net.simulate(1_000);
        double c1 = p.proj.synapseState("c")[0];
        p.net.simulate(700);
        double c2 = p.proj.synapseState("c")[0];
        double expected = c1 * Math.exp(-700 / 800.0);
        assertEquals(expected, c2, 1e-12 * Math.abs(expected));
    }

    @Test
    void aDopamineSpikeMovesTheWeightByTheIntegralOfCTimesN() {
        double td = 1_500;
        Pairs p = pairs(new double[] {td});
        p.net.simulate(1_000);
        double c1 = p.proj.synapseState("c")[0];
        assertEquals(50.0, p.proj.synapses().weight[0], 0.0);
        p.net.simulate(1_000);
        double w = p.proj.synapses().weight[0];
        double tauC = 800;
        double tauN = 150;
        double taus = 1 / tauC + 1 / tauN;
        // dw/dt = c(t) n(t), c(t) = c1 exp(-(t - 1000)/tau_c), n(t) = exp(-(t - td)/tau_n) / tau_n for t > td
        double expected = 50 + c1 * Math.exp(-(td - 1_000) / tauC) / tauN * (1 - Math.exp(-taus * (2_000 - td))) / taus;
        assertTrue(w - 50 > 1e-3, "the weight should grow, dw = " + (w - 50));
        assertEquals(expected, w, 1e-12 * expected);
    }
}
