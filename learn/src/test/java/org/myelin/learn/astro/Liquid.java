package org.myelin.learn.astro;

import org.myelin.core.Connect;
import org.myelin.core.Dist;
import org.myelin.core.Generator;
import org.myelin.core.Network;
import org.myelin.core.Plasticity;
import org.myelin.core.Population;
import org.myelin.core.Projection;
import org.myelin.core.SpikeRecorder;
import org.myelin.core.Synapse;
import org.myelin.core.analysis.BranchingFactor;
import org.myelin.core.model.ParrotNeuron;

/**
 * A small liquid for the self-organisation checks: an input layer of parrot neurons repeating
 * independent Poisson trains (300 at 20 Hz), and a random E/I liquid (400 E, 100 I) of
 * {@code iaf_psc_delta} neurons (V_th 20 mV, V_reset 10 mV, t_ref 2 ms, tau_m 5 ms, so that a spike's
 * influence lasts about one generation) with fixed in-degrees (40 input, 40 E, 10 I per neuron),
 * delays 2 ms, dt 0.5 ms, every synapse plastic: input and E synapses with the excitatory form of
 * {@link AstroStdp}, I synapses with the inhibitory one. The astrocyte sees all E and I spikes (+1)
 * and all input spikes (-1); without it ({@code astro = false}) the same rule runs with
 * {@code A = b_astro = eta}, i.e. plain additive STDP with a balanced window.
 */
final class Liquid {
    /** The settings of one liquid. */
    static final class Config {
        long seed = 1;
        int threads = 1;
        double dt = 0.5;
        int nE = 400;
        int nI = 100;
        int nIn = 300;
        double inRate = 20; // Hz per input neuron
        int kIn = 40;
        int kE = 40;
        int kI = 10;
        double wIn = 2.0; // mV
        double wE = 1.2; // mV, initial E weight
        double g = 3; // |w_I| = g w_E initially
        double wInMax = 2.0;
        double wEMax = 4.0;
        double wIMax = 12.0;
        double eta = 0.1;
        double astroW = 0.05; // per (spike/ms)
        double astroTau = 100;
        boolean astro = true;
        boolean plastic = true;
        double tauM = 5;
        double delay = 2.0;
        double offset = 0; // b_astro = eta (1 + offset)

        Config copy() {
            Config c = new Config();
            c.seed = seed;
            c.threads = threads;
            c.dt = dt;
            c.nE = nE;
            c.nI = nI;
            c.nIn = nIn;
            c.inRate = inRate;
            c.kIn = kIn;
            c.kE = kE;
            c.kI = kI;
            c.wIn = wIn;
            c.wE = wE;
            c.g = g;
            c.wInMax = wInMax;
            c.wEMax = wEMax;
            c.wIMax = wIMax;
            c.eta = eta;
            c.astroW = astroW;
            c.astroTau = astroTau;
            c.astro = astro;
            c.plastic = plastic;
            c.tauM = tauM;
            c.delay = delay;
            c.offset = offset;
            return c;
        }
    }

    final Config c;
    final Network net;
    final Population in;
    final Population e;
    final Population i;
    final Projection inE;
    final Projection ee;
    final Projection ie;
    final SpikeRecorder recE;
    final SpikeRecorder recI;
    final SpikeRecorder recIn;

    Liquid(Config c) {
        this.c = c;
        net = new Network(new Network.Context().dt(c.dt).threads(c.threads).seed(c.seed));
        in = net.population("IN", ParrotNeuron.INSTANCE, c.nIn);
        e = net.population("E", "iaf_psc_delta", c.nE);
        i = net.population("I", "iaf_psc_delta", c.nI);
        for (Population p : new Population[] {e, i}) {
            p.param("E_L", 0).param("V_th", 20).param("V_reset", 10).param("t_ref", 2).param("tau_m", c.tauM)
                    .initial("V_m", Dist.uniform(0, 20));
        }
        net.stimulate(Generator.poisson(c.inRate), in, 1.0, c.dt);
        double eta = c.plastic ? c.eta : 0.0;
        // without the astrocyte: the same rule with A fixed at its bias (plain additive STDP)
        Astrocyte astro = Astrocyte.of(e, i).input(in).tau(c.astroTau).weight(c.plastic && c.astro ? c.astroW : 0.0)
                .bias(eta * (1 + c.offset));
        Plasticity exIn = AstroStdp.synapse(astro).eta(eta).bounds(0, c.wInMax);
        Plasticity exE = AstroStdp.synapse(astro).eta(eta).bounds(0, c.wEMax);
        Plasticity inh = AstroStdp.synapse(astro).eta(eta).bounds(-c.wIMax, 0);
        double d = c.delay;
        inE = connect(in, e, c.kIn, c.wIn, d, exIn);
        connect(in, i, c.kIn, c.wIn, d, exIn);
        ee = connect(e, e, c.kE, c.wE, d, exE);
        connect(e, i, c.kE, c.wE, d, exE);
        ie = connect(i, e, c.kI, -c.g * c.wE, d, inh);
        connect(i, i, c.kI, -c.g * c.wE, d, inh);
        recE = net.recordSpikes(e);
        recI = net.recordSpikes(i);
        recIn = net.recordSpikes(in);
    }

    private Projection connect(Population s, Population t, int k, double w, double d, Plasticity rule) {
        return net.connect(s, t, Connect.fixedIndegree(k), Synapse.plastic(Dist.constant(w), Dist.constant(d), rule));
    }

    /** Clears the recorders, runs {@code ms}, and returns the estimate of the liquid's activity. */
    Measure measure(double ms, double binMs, int maxLag) {
        recE.clear();
        recI.clear();
        recIn.clear();
        long from = net.currentStep();
        net.simulate(ms);
        long to = net.currentStep();
        int[] se = recE.steps();
        int[] si = recI.steps();
        int[] all = new int[se.length + si.length];
        System.arraycopy(se, 0, all, 0, se.length);
        System.arraycopy(si, 0, all, se.length, si.length);
        int bin = (int) Math.round(binMs / c.dt);
        double[] a = BranchingFactor.activity(all, from, to, bin);
        BranchingFactor.Estimate est = BranchingFactor.estimate(a, maxLag);
        double rate = all.length / ((c.nE + c.nI) * ms * 1e-3);
        double inRate = recIn.count() / (c.nIn * ms * 1e-3);
        return new Measure(est, rate, inRate, mean(ee), mean(ie), mean(inE));
    }

    static double mean(Projection p) {
        double[] w = p.synapses().weight;
        double s = 0;
        for (double v : w) s += v;
        return s / w.length;
    }

    record Measure(BranchingFactor.Estimate est, double rate, double inRate, double wEE, double wIE, double wIn) {
        @Override
        public String toString() {
            return String.format("%s; liquid %.2f Hz (input %.2f Hz), mean w EE %.3f IE %.3f IN %.3f", est, rate, inRate,
                    wEE, wIE, wIn);
        }
    }
}
