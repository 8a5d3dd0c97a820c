package org.myelin.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.core.Connect;
import org.myelin.core.Dist;
import org.myelin.core.Generator;
import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.RateRecorder;
import org.myelin.core.Synapse;

/**
 * Vogels et al. (2011): inhibitory plasticity brings an excitatory population, driven well above the
 * target rate, to the target rate rho_0 = alpha / (2 tau). 40 integrate-and-fire neurons with
 * Poisson drive (about 37 Hz alone) receive 200 independent 10 Hz inhibitory Poisson trains through
 * plastic synapses starting at 0.
 *
 * <p>Tolerance: the rate over the last 5 s of 40 neurons at 5 Hz counts about 1,000 spikes (relative
 * sd 3%, 0.16 Hz); the fixed point of the rule lies above rho_0 by the pre-post correlation each
 * inhibitory spike causes (it makes postsynaptic spikes less likely just after presynaptic ones,
 * which lowers the facilitation term), small here because each of the 200 inputs is weak (about
 * 0.2 Hz, measured with 200 and 400 inputs). 0.6 Hz covers both.
 */
class VogelsSprekelerTest {
    static double rate(boolean plastic, double targetHz, double seconds, double lastSeconds) {
        Network net = new Network(new Network.Context().threads(1).seed(7));
        Population e = net.population("E", "iaf_psc_delta", 40).param("E_L", 0).param("V_th", 20)
                .param("V_reset", 10).param("t_ref", 2).param("tau_m", 20).initial("V_m", Dist.uniform(0, 20));
        Population i = net.population("I", "parrot_neuron", 200);
        net.stimulate(Generator.poisson(12_000), e, 0.1, 1.0);
        net.stimulate(Generator.poisson(10), i, 1.0, 1.0);
        VogelsSprekeler rule = VogelsSprekeler.synapse().tau(20).eta(0.005).targetRate(targetHz).wmax(-5);
        net.connect(i, e, Connect.allToAll(), plastic ? Synapse.plastic(0.0, 1.0, rule) : Synapse.statics(0.0, 1.0));
        RateRecorder r = net.recordRate(e);
        net.simulate(seconds * 1000);
        int[] counts = r.countsPerStep();
        int from = (int) Math.round((seconds - lastSeconds) * 10_000);
        long n = 0;
        for (int k = from; k < counts.length; k++) n += counts[k];
        return n / (40 * lastSeconds);
    }

    @Test
    void inhibitoryPlasticityBringsTheRateToTheTarget() {
        double before = rate(false, 5, 2, 2);
        double after5 = rate(true, 5, 20, 5);
        double after10 = rate(true, 10, 20, 5);
        System.out.println("vogels_sprekeler: E rate " + before + " Hz without plasticity; after 15 s of learning "
                + after5 + " Hz (target 5 Hz), " + after10 + " Hz (target 10 Hz)");
        assertTrue(before > 20, "the drive alone should be well above target: " + before + " Hz");
        assertEquals(5.0, after5, 0.6);
        assertEquals(10.0, after10, 0.6);
    }
}
