package org.myelin.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.core.Connect;
import org.myelin.core.Dist;
import org.myelin.core.Generator;
import org.myelin.core.ModelException;
import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.Projection;
import org.myelin.core.SpikeRecorder;
import org.myelin.core.Synapse;
import org.myelin.core.SynapseTable;
import org.myelin.core.model.SpikeGenerator;

/**
 * Synaptic scaling: neurons driven too hard or too weakly converge to the target rate; every weight
 * equals its initial value times the exact closed-form factor of its target's spike train; the
 * ratios of a neuron's input weights are kept.
 */
class SynapticScalingTest {
    static final int INPUTS = 100, TARGETS = 10;
    static final double RATE = 10, ETA = 0.05, TAU = 500, DT = 0.1;

    static final class Run {
        Projection proj;
        SpikeRecorder in;
        SpikeRecorder out;
        SynapseTable before;
    }

    /**
     * 100 Poisson inputs (parrots, 10 Hz each) onto 10 iaf_psc_exp neurons through scaling
     * synapses with weights drawn from [lo, hi] pA, for {@code t} ms; at {@code t - 5} ms every
     * input fires once more, together.
     */
    static Run run(double lo, double hi, double t) {
        final double SYNC = t - 5;
        Run r = new Run();
        Network net = new Network(new Network.Context().threads(1).seed(17));
        Population in = net.population("in", "parrot_neuron", INPUTS);
        Population sync = net.population("sync", SpikeGenerator.ofTrain(INPUTS, SYNC - 0.1), INPUTS);
        Population out = net.population("out", "iaf_psc_exp", TARGETS);
        net.stimulate(Generator.poisson(10).stop(SYNC - 50), in, 1, 0.1);
        net.connect(sync, in, Connect.oneToOne(), Synapse.statics(1, 0.1));
        SynapticScaling rule = SynapticScaling.synapse().targetRate(RATE).eta(ETA).tau(TAU);
        r.proj = net.connect(in, out, Connect.allToAll(), Synapse.plastic(Dist.uniform(lo, hi), Dist.uniform(0.5, 2), rule));
        r.in = net.recordSpikes(in);
        r.out = net.recordSpikes(out);
        net.build();
        r.before = r.proj.synapses();
        net.simulate(t);
        return r;
    }

    /** Spikes of each output neuron between tFrom and tTo (ms), as a rate in Hz. */
    static double[] rates(SpikeRecorder rec, double tFrom, double tTo) {
        double[] c = new double[TARGETS];
        double[] t = rec.times();
        int[] id = rec.neurons();
        for (int k = 0; k < t.length; k++) if (t[k] > tFrom && t[k] <= tTo) c[id[k]] += 1;
        for (int i = 0; i < TARGETS; i++) c[i] /= (tTo - tFrom) * 1e-3;
        return c;
    }

    static double mean(double[] a) {
        double s = 0;
        for (double x : a) s += x;
        return s / a.length;
    }

    @Test
    void neuronsDrivenTooHardOrTooWeaklyConvergeToTheTargetRate() {
        double t = 16_000;
        Run high = run(300, 500, t);
        Run low = run(20, 60, t);
        double highStart = mean(rates(high.out, 0, 500));
        double lowStart = mean(rates(low.out, 0, 500));
        assertTrue(highStart > 3 * RATE, "driven too hard at first: " + highStart + " Hz");
        assertTrue(lowStart < 0.2 * RATE, "driven too weakly at first: " + lowStart + " Hz");
        double[] hr = rates(high.out, 8000, t - 100);
        double[] lr = rates(low.out, 8000, t - 100);
        System.out.printf("synaptic scaling: start %.1f / %.1f Hz, 8 s to 15.9 s %.2f / %.2f Hz (target %.0f)%n",
                highStart, lowStart, mean(hr), mean(lr), RATE);
        // integral control: over a window of length L the count error of a neuron is
        // -(change of ln w)/eta, so its rate is the target up to |d ln w| / (eta L): a wander of
        // 0.1 in ln w over the 7.9 s window is 0.25 Hz
        assertEquals(RATE, mean(hr), 0.5, "mean rate, too hard at first");
        assertEquals(RATE, mean(lr), 0.5, "mean rate, too weak at first");
        for (int i = 0; i < TARGETS; i++) {
            assertEquals(RATE, hr[i], 2, "neuron " + i + " (too hard at first)");
            assertEquals(RATE, lr[i], 2, "neuron " + i + " (too weak at first)");
        }
    }

    @Test
    void everyWeightFollowsTheClosedFormAndRatiosAreKept() {
        double t = 2000;
        final double SYNC = t - 5;
        Run r = run(100, 300, t);
        SynapseTable a = r.before;
        SynapseTable b = r.proj.synapses();
        // the last spike of every input (the common one at SYNC), and the outputs' spike stamps
        double[] inT = r.in.times();
        int[] inId = r.in.neurons();
        long[] lastIn = new long[INPUTS];
        for (int k = 0; k < inT.length; k++) lastIn[inId[k]] = Math.round(inT[k] / DT);
        for (long s : lastIn) assertEquals(Math.round(SYNC / DT), s, "all inputs fired last at SYNC");
        double[] outT = r.out.times();
        int[] outId = r.out.neurons();
        int checked = 0;
        for (int k = 0; k < b.size(); k++) {
            assertEquals(a.source[k], b.source[k]);
            assertEquals(a.target[k], b.target[k]);
            long t1 = lastIn[b.source[k]] - b.delaySteps[k]; // the synapse sees post spikes d later
            // a(t1) including a spike at t1, and N = spikes up to t1
            double act = 0;
            int n = 0;
            for (int q = 0; q < outT.length; q++) {
                long p = Math.round(outT[q] / DT);
                if (outId[q] == b.target[k] && p <= t1) {
                    act += Math.exp(-(t1 - p) * DT / TAU);
                    n++;
                }
            }
            double expected = a.weight[k] * Math.exp(ETA * (RATE * 1e-3 * lastIn[b.source[k]] * DT + act - n));
            assertEquals(expected, b.weight[k], 1e-9 * expected, "synapse " + k);
            checked++;
        }
        assertEquals(INPUTS * TARGETS, checked);
        // multiplicative: all inputs were brought up to the same time, so for each target and delay
        // the ratios of the weights are the initial ones
        int ratios = 0;
        for (int k = 0; k < b.size(); k++) {
            for (int l = k + 1; l < Math.min(b.size(), k + 40); l++) {
                if (b.target[l] != b.target[k] || b.delaySteps[l] != b.delaySteps[k]) continue;
                assertEquals(a.weight[k] / a.weight[l], b.weight[k] / b.weight[l], 1e-9 * a.weight[k] / a.weight[l]);
                ratios++;
            }
        }
        assertTrue(ratios > 100, "compared " + ratios + " pairs");
        assertTrue(Math.abs(b.weight[0] / a.weight[0] - 1) > 0.1, "the weights were scaled: " + b.weight[0] / a.weight[0]);
    }

    @Test
    void parametersAreChecked() {
        Network net = new Network(new Network.Context().threads(1));
        Population p = net.population("A", "iaf_psc_exp", 2);
        for (SynapticScaling bad : new SynapticScaling[] {SynapticScaling.synapse().tau(0),
                SynapticScaling.synapse().eta(-1), SynapticScaling.synapse().targetRate(Double.NaN)}) {
            ModelException e = org.junit.jupiter.api.Assertions.assertThrows(ModelException.class, () -> {
                net.connect(p, p, Connect.allToAll(), Synapse.plastic(1, 1, bad));
            });
            assertTrue(e.getMessage().contains(e.key()) && !e.key().isEmpty(), e.getMessage());
        }
    }
}
