package org.myelin.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every neuron model joins with one line in {@link #models()}: it rests without input,
 * never produces NaN or infinity under strong input, respects its refractory period, converges as dt
 * halves, and gives the same spikes for 1 and N threads. Runs each model inside a network, so the
 * engine's ring buffers, devices and recorders are exercised too.
 */
class ModelContractTest {
    /**
     * One model's entry: a subthreshold, a suprathreshold and a strong DC (pA, the last drives firing
     * near the refractory limit), an input weight, t_ref (ms) or 0, the accepted error (mV) of V_m at
     * dt = 0.1 ms against dt = 0.1/16 ms, and parameter overrides.
     */
    record Entry(String model, double dcSub, double dcSupra, double dcStrong, double weight, double tRef,
                 double maxError, String... params) {
        @Override
        public String toString() {
            return params.length == 0 ? model : model + " " + String.join(" ", params);
        }
    }

    static Stream<Entry> models() {
        return Stream.of(
            new Entry("iaf_psc_delta", 200, 1000, 20_000, 1.0, 2, 0.05),
            new Entry("iaf_psc_exp", 200, 1000, 20_000, 100, 2, 0.05),
            new Entry("iaf_psc_alpha", 200, 1000, 20_000, 100, 2, 0.05),
            new Entry("iaf_cond_exp", 150, 600, 12_000, 5, 2, 0.05),
            // forward Euler: first order, so a larger error at 0.1 ms
            new Entry("iaf_cond_exp", 150, 600, 12_000, 5, 2, 0.2, "forward_euler", "1"),
            new Entry("iaf_cond_alpha", 150, 600, 12_000, 5, 2, 0.05),
            new Entry("aeif_cond_exp", 200, 1000, 20_000, 5, 0.5, 0.05, "t_ref", "0.5"),
            // forward Euler (NEST's consistent_integration): first order, so a larger error at 0.1 ms
            new Entry("izhikevich", 1, 10, 50, 5, 0, 1.0),
            // HH goes into depolarisation block under very strong DC: 2 nA keeps it firing
            new Entry("hh_psc_alpha", 20, 1000, 2_000, 20, 2, 0.05),
            // fires spontaneously with NEST's defaults (about 14 Hz): held at rest by I_e = -100 pA
            new Entry("hh_cond_exp_traub", 20, 500, 1_000, 2, 2, 0.05, "t_ref", "2", "I_e", "-100"));
    }

    private static Population pop(Network net, Entry e, int n) {
        Population p = net.population("P", e.model, n);
        for (int k = 0; k < e.params.length; k += 2) p.param(e.params[k], Double.parseDouble(e.params[k + 1]));
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void restsWithoutInput(Entry e) {
        Network net = new Network(new Network.Context().threads(1));
        Population p = pop(net, e, 1);
        SpikeRecorder s = net.recordSpikes(p);
        StateRecorder v = net.recordState(p, new String[] {"V_m"}, new int[] {0}, 100);
        net.simulate(2000);
        assertEquals(0, s.count(), e + " spiked without input");
        double[] tr = v.trace("V_m", 0);
        double last = tr[tr.length - 1];
        assertEquals(last, tr[tr.length - 2], 1e-6, e + ": V_m still moving after 2 s without input");
        assertTrue(Double.isFinite(last));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void neverNaNUnderStrongInput(Entry e) {
        Network net = new Network(new Network.Context().threads(2).seed(3));
        Population p = pop(net, e, 50);
        // about 10x the input that makes the model fire fast, excitatory and inhibitory, plus noise
        net.stimulate(Generator.poisson(20_000), p, 5 * e.weight, 0.1);
        net.stimulate(Generator.poisson(5_000), p, -5 * e.weight, 0.1);
        net.stimulate(Generator.noise(0, 2 * e.dcSupra, 0.1), p, 1, 0.1);
        net.simulate(300);
        for (String var : p.model().stateVariables()) {
            double[] a = p.get(var);
            for (int i = 0; i < a.length; i++) assertTrue(Double.isFinite(a[i]), e + ": " + var + "[" + i + "] = " + a[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void respectsRefractoriness(Entry e) {
        if (e.tRef == 0) return; // no refractory period in this model (izhikevich)
        Network net = new Network(new Network.Context().threads(1));
        Population p = pop(net, e, 1);
        net.stimulate(Generator.dc(e.dcStrong), p, 1, 0.1);
        SpikeRecorder s = net.recordSpikes(p);
        net.simulate(200);
        int[] st = s.steps();
        assertTrue(st.length >= 5, e + ": expected repeated firing, got " + st.length + " spikes");
        int ref = (int) Math.round(e.tRef / 0.1);
        for (int k = 1; k < st.length; k++) {
            assertTrue(st[k] - st[k - 1] > ref, e + ": ISI of " + (st[k] - st[k - 1]) + " steps within t_ref = " + ref + " steps");
        }
    }

    /** V_m at t = 1..30 ms under a subthreshold DC switched on at 1 ms, at step dt. */
    private static double[] subthreshold(Entry e, double dt) {
        Network net = new Network(new Network.Context().threads(1).dt(dt));
        Population p = pop(net, e, 1);
        net.stimulate(Generator.dc(e.dcSub).start(1.0), p, 1, 0.1);
        StateRecorder v = net.recordState(p, new String[] {"V_m"}, new int[] {0}, 1.0);
        net.simulate(30);
        return v.trace("V_m", 0);
    }

    private static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void convergesAsDtHalves(Entry e) {
        double[] ref = subthreshold(e, 0.1 / 16);
        double e1 = maxDiff(subthreshold(e, 0.1), ref);
        double e2 = maxDiff(subthreshold(e, 0.05), ref);
        double e3 = maxDiff(subthreshold(e, 0.025), ref);
        assertTrue(e1 < e.maxError, e + ": error at dt = 0.1 ms is " + e1 + " mV");
        assertTrue(e2 <= e1 + 1e-6, e + ": error grew when dt halved: " + e1 + " -> " + e2);
        assertTrue(e3 <= e2 + 1e-6, e + ": error grew when dt halved: " + e2 + " -> " + e3);
    }

    /** First spike time under a suprathreshold DC, at step dt. */
    private static double firstSpike(Entry e, double dt) {
        Network net = new Network(new Network.Context().threads(1).dt(dt));
        Population p = pop(net, e, 1);
        net.stimulate(Generator.dc(e.dcSupra), p, 1, 0.1);
        SpikeRecorder s = net.recordSpikes(p);
        net.simulate(200);
        assertTrue(s.count() > 0, e + ": no spike under " + e.dcSupra + " pA");
        return s.times()[0];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void spikeTimesConvergeAsDtHalves(Entry e) {
        double ref = firstSpike(e, 0.1 / 16);
        for (double dt : new double[] {0.1, 0.05, 0.025}) {
            double t = firstSpike(e, dt);
            // spikes are reported on the grid: the first spike time is within one step (plus integration error)
            assertEquals(ref, t, dt + 0.02 + 2 * e.maxError, e + ": first spike at dt = " + dt);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void sameSpikesForOneAndThreeThreads(Entry e) {
        int[][] one = recurrent(e, 1);
        int[][] three = recurrent(e, 3);
        assertTrue(one[0].length > 20, e + ": too few spikes to compare: " + one[0].length);
        assertArrayEquals(one[0], three[0], e + ": spike steps differ");
        assertArrayEquals(one[1], three[1], e + ": spike neurons differ");
    }

    private static int[][] recurrent(Entry e, int threads) {
        Network net = new Network(new Network.Context().threads(threads).seed(11));
        Population p = pop(net, e, 200);
        net.connect(p, p, Connect.fixedIndegree(20), Synapse.statics(Dist.normal(0.2 * e.weight, 0.5 * e.weight), Dist.uniform(0.5, 3).clip(0.5, 3)));
        net.stimulate(Generator.noise(e.dcSupra * 0.8, e.dcSupra * 0.5, 1.0), p, 1, 0.1);
        SpikeRecorder s = net.recordSpikes(p);
        net.simulate(200);
        return new int[][] {s.steps(), s.neurons()};
    }

    /** Keeps the list above in step with the registry: a new model must join the contract. */
    @org.junit.jupiter.api.Test
    void everyRegisteredModelJoinsTheContract() {
        List<String> listed = models().map(Entry::model).toList();
        for (String m : Models.neuronNames()) {
            if (m.equals("parrot_neuron")) continue; // no dynamics of its own: checked in ParrotNeuronTest
            if (m.equals("poisson_source")) continue; // a spike source, no membrane: checked in RuntimeControlTest
            assertTrue(listed.contains(m), m + " is registered but not in the contract suite");
        }
    }
}
