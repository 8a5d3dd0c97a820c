package org.myelin.learn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.myelin.core.Connect;
import org.myelin.core.Dist;
import org.myelin.core.Generator;
import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.Projection;
import org.myelin.core.SpikeRecorder;
import org.myelin.core.Synapse;

/**
 * Song, Miller and Abbott (2000), "Competitive Hebbian learning through spike-timing-dependent
 * synaptic plasticity", Nat Neurosci 3:919: additive STDP with hard bounds makes the synapses of a
 * neuron driven by many uncorrelated Poisson inputs compete. (a) The weights split into two groups,
 * near 0 and near g_max (a bimodal distribution); (b) the output rate ends up nearly independent of
 * the input rate, because the fraction of strong synapses falls as the input rate rises.
 *
 * <h2>Set-up (the paper's)</h2>
 * One conductance-based integrate-and-fire neuron ({@code iaf_cond_exp}): tau_m = 20 ms (C_m = 200 pF,
 * g_L = 10 nS), E_L = -70 mV, V_th = -54 mV, V_reset = -60 mV, no refractory period, E_ex = 0 mV,
 * E_in = -70 mV, tau_ex = tau_in = 5 ms. 1,000 excitatory inputs, independent Poisson trains at r
 * (10 or 20 Hz), each through a plastic synapse ({@link Stdp}, all-to-all, additive, i.e. the paper's
 * rule) with g_max = 0.015 g_L = 0.15 nS, A+ = lambda = 0.005 (times g_max), A-/A+ = alpha = 1.05,
 * tau+ = tau- = 20 ms. 200 inhibitory inputs at 10 Hz with fixed g_in = 0.05 g_L = 0.5 nS, lumped into
 * one 2 kHz Poisson train (the sum of independent Poisson trains is one). All weights start at g_max.
 *
 * <h2>What differs from the paper</h2>
 * dt = 0.5 ms: after 2,000 s, dt = 0.1 ms and 0.5 ms give middle thirds of 6.5% and 8.1% (10 Hz),
 * 1.8% and 1.8% (20 Hz), and rates over the last 250 s of 9.7 and 10.8 Hz (10 Hz), 11.4 and 10.5 Hz
 * (20 Hz), within the seed-to-seed spread below; dt = 1 ms is too coarse (8.6 Hz at both rates).
 * Every synapse has the minimum delay dt (the paper has none);
 * 1,500 s of learning, where the paper shows the steady state: the middle third is still emptying
 * slowly (at 2,500 s, 5% at 10 Hz and 1.3% at 20 Hz with dt = 0.1 ms), the rest has settled.
 *
 * <h2>Thresholds</h2>
 * Measured over seeds 1 to 4 (dt = 0.5 ms, 1,500 s): at 10 Hz the lower, middle and upper thirds of
 * [0, g_max] hold 38.5-39.7%, 11.1-12.7% and 47.6-49.8% of the weights; at 20 Hz 72.5-74.2%,
 * 2.7-5.1% and 22.2-23.5%; the output rate over the last 500 s is 9.8-11.5 Hz at 10 Hz and
 * 8.7-11.0 Hz at 20 Hz, ratios 0.78-1.12. The paper's histograms are U-shaped with few weights in
 * between; a uniform distribution would put a third in each third, a unimodal one (what
 * multiplicative STDP gives, or the rule turned off or with A- &lt; A+: all weights stay at g_max)
 * leaves an outer third empty. Asserted: (a) middle third below 20% (10 Hz) and 10% (20 Hz), each
 * outer third above 25% (10 Hz) and 12% (20 Hz), fewer strong synapses at 20 Hz than at 10 Hz;
 * (b) rate(20 Hz) / rate(10 Hz) within [2/3, 3/2]. The rate over 500 s counts about 5,000 spikes
 * (1.4% Poisson error), but the slow wandering of the weights makes it vary by about 8% from seed to
 * seed, so the ratio varies by about 11%; [2/3, 3/2] is about 3.5 of those either way, still far
 * from the inputs' factor of 2 and from what the same neuron does without the rule: with the weights
 * learnt at 10 Hz frozen, 20 Hz input drives it about 20 times faster (208 Hz; checked here too),
 * and with all weights at g_max it fires at 179 Hz and 483 Hz.
 *
 * <p>Cost: about 15 ms of CPU per second of model time (65% of it drawing the 1,000 Poisson inputs
 * every step): 36 to 44 s for the class on the shared 2-core machine (one thread).
 */
class SongMillerAbbottTest {
    static final double DT = 0.5;
    static final double G_MAX = 0.15;
    static final double LEARN_SECONDS = 1_500;
    static final double RATE_SECONDS = 500;

    static Run at10;
    static Run at20;

    /** A finished run: the final weights and the output rate over the last {@link #RATE_SECONDS}. */
    static final class Run {
        double[] w;
        double rate;

        /** The fraction of weights with {@code lo <= w/g_max < hi}. */
        double fraction(double lo, double hi) {
            int n = 0;
            for (double x : w) {
                double u = x / G_MAX;
                if (u >= lo && u < hi) n++;
            }
            return (double) n / w.length;
        }

        double lower() {
            return fraction(Double.NEGATIVE_INFINITY, 1 / 3.0);
        }

        double middle() {
            return fraction(1 / 3.0, 2 / 3.0);
        }

        /** At or above 2/3 g_max, without an upper limit: static weights are stored in single precision. */
        double upper() {
            return fraction(2 / 3.0, Double.POSITIVE_INFINITY);
        }

        String summary() {
            int[] h = new int[10];
            double mean = 0;
            for (double x : w) {
                h[Math.min(9, (int) (10 * x / G_MAX))]++;
                mean += x / G_MAX;
            }
            return String.format("thirds %.3f / %.3f / %.3f, mean w/g_max %.3f, deciles %s, output %.2f Hz",
                    lower(), middle(), upper(), mean / w.length, Arrays.toString(h), rate);
        }
    }

    /**
     * The neuron with 1,000 inputs at {@code inputHz} for {@code seconds}; with {@code initial} null
     * the synapses are plastic and start at g_max, otherwise they are static with these weights.
     */
    static Run run(double inputHz, long seed, double seconds, double[] initial) {
        Network net = new Network(new Network.Context().dt(DT).threads(1).seed(seed));
        Population n = net.population("neuron", "iaf_cond_exp", 1).param("C_m", 200).param("g_L", 10)
                .param("E_L", -70).param("V_th", -54).param("V_reset", -60).param("t_ref", 0).param("E_ex", 0)
                .param("E_in", -70).param("tau_syn_ex", 5).param("tau_syn_in", 5).initial("V_m", -60);
        Population in = net.population("inputs", "parrot_neuron", 1_000);
        net.stimulate(Generator.poisson(inputHz), in, 1.0, DT);
        net.stimulate(Generator.poisson(200 * 10.0), n, -0.5, DT);
        Projection p;
        if (initial == null) {
            Stdp rule = Stdp.synapse().additive().wmax(G_MAX).lambda(0.005).alpha(1.05).tauPlus(20).tauMinus(20);
            p = net.connect(in, n, Connect.allToAll(), Synapse.plastic(G_MAX, DT, rule));
        } else {
            int[] src = new int[initial.length];
            int[] tgt = new int[initial.length];
            double[] d = new double[initial.length];
            for (int i = 0; i < src.length; i++) {
                src[i] = i;
                d[i] = DT;
            }
            p = net.connect(in, n, Connect.explicit(src, tgt, initial, d), Synapse.statics(Dist.constant(0), Dist.constant(DT)));
        }
        SpikeRecorder rec = net.recordSpikes(n);
        double last = Math.min(RATE_SECONDS, seconds);
        net.simulate((seconds - last) * 1000);
        int before = rec.count();
        net.simulate(last * 1000);
        Run r = new Run();
        r.rate = (rec.count() - before) / last;
        r.w = p.synapses().weight;
        return r;
    }

    @BeforeAll
    static void learn() {
        at10 = run(10, 1, LEARN_SECONDS, null);
        at20 = run(20, 1, LEARN_SECONDS, null);
        System.out.println("Song et al. 2000, after " + LEARN_SECONDS + " s: 10 Hz inputs: " + at10.summary());
        System.out.println("Song et al. 2000, after " + LEARN_SECONDS + " s: 20 Hz inputs: " + at20.summary());
    }

    @Test
    void additiveStdpSplitsTheWeightsIntoAWeakAndAStrongGroup() {
        assertTrue(at10.middle() < 0.20, "10 Hz: the middle third should be nearly empty: " + at10.summary());
        assertTrue(at10.lower() > 0.25, "10 Hz: the lower third should be substantial: " + at10.summary());
        assertTrue(at10.upper() > 0.25, "10 Hz: the upper third should be substantial: " + at10.summary());
        assertTrue(at20.middle() < 0.10, "20 Hz: the middle third should be nearly empty: " + at20.summary());
        assertTrue(at20.lower() > 0.12, "20 Hz: the lower third should be substantial: " + at20.summary());
        assertTrue(at20.upper() > 0.12, "20 Hz: the upper third should be substantial: " + at20.summary());
        // faster inputs, fewer strong synapses (the mean weight roughly halves when the rate doubles)
        assertTrue(at20.upper() < at10.upper(), "20 Hz should keep fewer strong synapses: " + at10.summary() + " vs "
                + at20.summary());
    }

    @Test
    void outputRateBarelyFollowsTheInputRate() {
        double ratio = at20.rate / at10.rate;
        // the same neuron without the rule: weights learnt at 10 Hz, frozen, driven at 20 Hz
        Run frozen = run(20, 1, 100, at10.w);
        System.out.printf("Song et al. 2000: output %.2f Hz at 10 Hz, %.2f Hz at 20 Hz (ratio %.2f); "
                + "frozen 10 Hz weights at 20 Hz: %.2f Hz%n", at10.rate, at20.rate, ratio, frozen.rate);
        assertTrue(at10.rate > 3, "the neuron should fire: " + at10.rate + " Hz");
        assertTrue(ratio > 2 / 3.0 && ratio < 1.5, "doubling the input rate should barely change the output rate, ratio "
                + ratio + " (" + at10.rate + " Hz -> " + at20.rate + " Hz)");
        assertTrue(frozen.rate > 3 * at10.rate, "without learning the output should follow the input: " + frozen.rate
                + " Hz at 20 Hz vs " + at10.rate + " Hz at 10 Hz");
    }
}
