package org.myelin.learn.astro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.myelin.core.Connect;
import org.myelin.core.Dist;
import org.myelin.core.ModelException;
import org.myelin.core.Network;
import org.myelin.core.Plasticity;
import org.myelin.core.Population;
import org.myelin.core.Projection;
import org.myelin.core.Synapse;
import org.myelin.core.model.ParrotNeuron;
import org.myelin.core.model.SpikeGenerator;
import org.myelin.learn.Stdp;

/**
 * The astrocyte and the astrocyte-modulated rule on imposed spike trains: the astrocyte's {@code A}
 * as the rule sees it against its closed form, the rule against plain additive STDP when {@code A}
 * is constant, and parameter validation.
 */
class AstroStdpTest {
    static final double DT = 0.1;

    /**
     * Synapse i: presynaptic generator neuron i -> parrot i ({@code no_repeat} port), the parrot
     * driven by its own generator one step earlier; an astrocyte over a liquid and an input generator.
     */
    static final class Rig {
        final Network net;
        final Projection proj;

        Rig(double[][] pre, double[][] post, double w0, double delay, double[] liquid, double[] input, int threads,
            Function<Astrocyte, Astrocyte> astroSetup, Function<Astrocyte, Plasticity> ruleFor) {
            net = new Network(new Network.Context().dt(DT).threads(threads).seed(1));
            Population liq = net.population("L", SpikeGenerator.of(new double[][] {liquid}), 1);
            Population in = net.population("IN", SpikeGenerator.of(new double[][] {input}), 1);
            Astrocyte astro = astroSetup.apply(Astrocyte.of(liq).input(in));
            Plasticity rule = ruleFor.apply(astro);
            int n = pre.length;
            double[][] drive = new double[n][];
            for (int i = 0; i < n; i++) {
                drive[i] = new double[post[i].length];
                for (int k = 0; k < post[i].length; k++) drive[i][k] = post[i][k] - DT;
            }
            Population p = net.population("pre", SpikeGenerator.of(pre), n);
            Population g = net.population("post_drive", SpikeGenerator.of(drive), n);
            Population q = net.population("post", ParrotNeuron.INSTANCE, n);
            net.connect(g, q, Connect.oneToOne(), Synapse.statics(1.0, DT));
            proj = net.connect(p, q, Connect.oneToOne(),
                    Synapse.plastic(Dist.constant(w0), Dist.constant(delay), rule).receptor(ParrotNeuron.NO_REPEAT));
        }
    }

    static double[] times(SplittableRandom r, int n, double from, double to) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = Math.round((from + r.nextDouble() * (to - from)) / DT) * DT;
        Arrays.sort(t);
        // distinct steps
        int m = 0;
        for (int i = 0; i < n; i++) if (m == 0 || t[i] > t[m - 1] + DT / 2) t[m++] = t[i];
        return Arrays.copyOf(t, m);
    }

    /** Runs the network up to time {@code t} (ms, rounded to a step). */
    static void until(Network net, double t) {
        net.simulateSteps(Math.round(t / DT) - net.currentStep(), null);
    }

    // --- the astrocyte against its closed form ---------------------------------------------------

    /**
     * One excitatory synapse: a postsynaptic spike at 2 ms, then presynaptic spikes; each presynaptic
     * spike at t changes the weight by exactly -A(t) K-(t - d), so A(t) is read from the weight.
     */
    @Test
    void excitatorySynapsesSeeTheAstrocyteAtThePresynapticSpike() {
        SplittableRandom r = new SplittableRandom(11);
        double[] liquid = times(r, 300, 1, 200);
        double[] input = times(r, 300, 150, 400);
        double[] pre = {20, 55.3, 90, 141.7, 200, 260.1, 333.3, 398.8};
        double d = 1.0;
        double tauMinus = 1000;
        Rig rig = new Rig(new double[][] {pre}, new double[][] {{2.0}}, 50, d, liquid, input, 2,
                a -> a.tau(80).weight(0.3).bias(0.02).initial(0.2),
                a -> AstroStdp.synapse(a).eta(0.05).tauMinus(tauMinus).bounds(0, 100));
        Astrocyte astro = ((AstroStdp) rig.proj.synapse().plasticity()).astrocyte();
        double w = 50;
        int checked = 0;
        for (double tp : pre) {
            until(rig.net, tp + 0.2);
            double now = rig.proj.synapses().weight[0];
            double kMinus = Math.exp(-(tp - d - 2.0) / tauMinus);
            double a = (w - now) / kMinus;
            double expected = astro.closedForm(tp, liquid, input);
            assertEquals(expected, a, 1e-10 * Math.max(1, Math.abs(expected)), "A at " + tp + " ms");
            w = now;
            checked++;
        }
        assertEquals(pre.length, checked);
        // A rose above A_0 and fell below 0: the check covers both signs and both sides of the bias
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double t = 0; t < 400; t += 1) {
            double v = astro.closedForm(t, liquid, input);
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        System.out.printf("astrocyte closed form on [0, 400) ms: A in [%.4f, %.4f]%n", lo, hi);
        assertTrue(hi > 0.2 && lo < 0, "A should rise above A_0 and become negative, range [" + lo + ", " + hi + "]");
    }

    /**
     * One inhibitory synapse: a presynaptic spike at 5 ms, then postsynaptic spikes; each one, seen
     * at t = t_post + d, changes the weight by exactly -A(t) K+(t), applied by the volume
     * transmitter's updates between presynaptic spikes.
     */
    @Test
    void inhibitorySynapsesSeeTheAstrocyteAtThePostsynapticSpike() {
        SplittableRandom r = new SplittableRandom(12);
        double[] liquid = times(r, 200, 1, 300);
        double[] input = times(r, 200, 1, 300);
        double[] post = {30.2, 61, 99.9, 150, 222.2, 290};
        double d = 1.5;
        double tauPlus = 1000;
        Rig rig = new Rig(new double[][] {{5.0}}, new double[][] {post}, -50, d, liquid, input, 1,
                a -> a.tau(60).weight(0.5).bias(0.1).deliverInterval(2.0),
                a -> AstroStdp.synapse(a).eta(0.05).tauPlus(tauPlus).bounds(-100, 0));
        Astrocyte astro = ((AstroStdp) rig.proj.synapse().plasticity()).astrocyte();
        double w = -50;
        for (double tp : post) {
            double seen = tp + d;
            until(rig.net, seen + 4.0); // past the next volume-transmitter update
            double now = rig.proj.synapses().weight[0];
            double kPlus = Math.exp(-(seen - 5.0) / tauPlus);
            double a = (w - now) / kPlus;
            double expected = astro.closedForm(seen, liquid, input);
            assertEquals(expected, a, 1e-10 * Math.max(1, Math.abs(expected)), "A at " + seen + " ms");
            w = now;
        }
    }

    @Test
    void withoutSpikesAstrocyteRelaxesFromA0ToItsBias() {
        double[] pre = {10, 50, 100, 200};
        double tauMinus = 1e6;
        Rig rig = new Rig(new double[][] {pre}, new double[][] {{1.0}}, 50, 1.0, new double[0], new double[0], 1,
                a -> a.tau(40).weight(1).bias(0.01).initial(0.5),
                a -> AstroStdp.synapse(a).tauMinus(tauMinus).bounds(0, 100));
        double w = 50;
        for (double tp : pre) {
            until(rig.net, tp + 0.2);
            double now = rig.proj.synapses().weight[0];
            double a = (w - now) / Math.exp(-(tp - 1.0 - 1.0) / tauMinus);
            assertEquals(0.01 + (0.5 - 0.01) * Math.exp(-tp / 40), a, 1e-9, "A at " + tp);
            w = now;
        }
    }

    // --- constant A: plain additive STDP -------------------------------------------------------

    static void comparesWithStdp(boolean inhibitory, boolean silentAstrocyte) {
        SplittableRandom r = new SplittableRandom(inhibitory ? 21 : 22);
        int n = 12;
        double[][] pre = new double[n][];
        double[][] post = new double[n][];
        for (int i = 0; i < n; i++) {
            // a last presynaptic spike after every postsynaptic one: plain STDP applies the
            // postsynaptic terms lazily, at the next presynaptic spike, while the inhibitory
            // astrocyte rule applies them at the volume transmitter's updates
            double[] t = times(r, 40, 1, 1000);
            pre[i] = Arrays.copyOf(t, t.length + 1);
            pre[i][t.length] = 1050;
            post[i] = times(r, 40, 1, 1000);
        }
        double[] liquid = silentAstrocyte ? new double[0] : times(r, 500, 1, 1000);
        double[] input = silentAstrocyte ? new double[0] : times(r, 300, 1, 1000);
        double wmax = inhibitory ? -4 : 4;
        double eta = 0.06;
        double b = 0.07;
        double w0 = inhibitory ? -2 : 2;
        double lambda = inhibitory ? b / 4 : eta / 4;
        double alpha = inhibitory ? eta / b : b / eta;
        double tauPlus = 16.8;
        double tauMinus = 33.7;
        double astroW = silentAstrocyte ? 0.9 : 0.0;
        Rig astro = new Rig(pre, post, w0, 1.3, liquid, input, 2, a -> a.bias(b).weight(astroW),
                a -> AstroStdp.synapse(a).eta(eta).tauPlus(tauPlus).tauMinus(tauMinus)
                        .bounds(inhibitory ? wmax : 0, inhibitory ? 0 : wmax));
        Rig plain = new Rig(pre, post, w0, 1.3, liquid, input, 2, a -> a,
                a -> Stdp.synapse().additive().lambda(lambda).alpha(alpha).wmax(wmax).tauPlus(tauPlus).tauMinus(tauMinus));
        astro.net.simulate(1_100);
        plain.net.simulate(1_100);
        double[] wa = astro.proj.synapses().weight;
        double[] wp = plain.proj.synapses().weight;
        double moved = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(wp[i], wa[i], 1e-12 * Math.abs(wmax), "synapse " + i);
            moved = Math.max(moved, Math.abs(wa[i] - w0));
        }
        assertTrue(moved > 0.05, "weights should have moved, max |dw| = " + moved);
    }

    @Test
    void excitatoryRuleIsAdditiveStdpWhenTheAstrocyteIsSilent() {
        comparesWithStdp(false, true);
    }

    @Test
    void excitatoryRuleIsAdditiveStdpWhenTheAstrocyteHasNoGain() {
        comparesWithStdp(false, false);
    }

    @Test
    void inhibitoryRuleIsAdditiveStdpWhenTheAstrocyteIsSilent() {
        comparesWithStdp(true, true);
    }

    @Test
    void inhibitoryRuleIsAdditiveStdpWhenTheAstrocyteHasNoGain() {
        comparesWithStdp(true, false);
    }

    // --- validation ------------------------------------------------------------------------------

    static ModelException invalid(Function<Astrocyte, Astrocyte> astroSetup, Function<Astrocyte, Plasticity> ruleFor,
                                  double w0) {
        return assertThrows(ModelException.class, () -> new Rig(new double[][] {{1}}, new double[][] {{2}}, w0, 1.0,
                new double[0], new double[0], 1, astroSetup, ruleFor));
    }

    @Test
    void invalidParametersAreRejectedWithKeyAndValue() {
        ModelException e = invalid(a -> a.tau(0), AstroStdp::synapse, 1);
        assertTrue(e.getMessage().contains("tau_astro") && e.getMessage().contains("0.0"), e.getMessage());
        e = invalid(a -> a.weight(Double.NaN), AstroStdp::synapse, 1);
        assertTrue(e.getMessage().contains("w_astro"), e.getMessage());
        e = invalid(a -> a, a -> AstroStdp.synapse(a).bounds(-1, 1), 0.5);
        assertTrue(e.getMessage().contains("Wmin") && e.getMessage().contains("spanning 0"), e.getMessage());
        e = invalid(a -> a, a -> AstroStdp.synapse(a).tauPlus(-3), 1);
        assertTrue(e.getMessage().contains("tau_plus") && e.getMessage().contains("-3.0"), e.getMessage());
        e = invalid(a -> a, a -> AstroStdp.synapse(a).eta(-1), 1);
        assertTrue(e.getMessage().contains("eta"), e.getMessage());
        e = invalid(a -> a, a -> AstroStdp.synapse(a).bounds(0, 3), 4);
        assertTrue(e.getMessage().contains("weight") && e.getMessage().contains("4.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Astrocyte.of());
    }

    @Test
    void rulesOfOneAstrocyteShareOneVolumeTransmitter() {
        Network net = new Network(new Network.Context().threads(1));
        Population l = net.population("L", "iaf_psc_delta", 2);
        Population in = net.population("IN", ParrotNeuron.INSTANCE, 2);
        Astrocyte a = Astrocyte.of(l).input(in);
        assertTrue(AstroStdp.synapse(a).volumeTransmitter() == AstroStdp.synapse(a).bounds(-3, 0).volumeTransmitter());
        assertEquals("volume_transmitter(L - IN)", a.volumeTransmitter().toString());
        assertEquals(-1.0, a.volumeTransmitter().weight(1));
        assertTrue(AstroStdp.synapse(a).bounds(-3, 0).inhibitory());
        ModelException e = assertThrows(ModelException.class, () -> a.volumeTransmitter().and(net.population("X",
                "iaf_psc_delta", 1), 0.0));
        assertTrue(e.getMessage().contains("weight") && e.getMessage().contains("X"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.volumeTransmitter().and(l, 2.0));
    }
}
