package org.myelin.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.myelin.core.model.SpikeGenerator;

/**
 * What a running experiment changes between {@link Network#simulate} calls: weights
 * ({@link Projection#setWeights}), spike times of a generator ({@link Population#addSpikes}) and the
 * rates of a {@code poisson_source} ({@link Population#set}).
 */
class RuntimeControlTest {

    // ---- Projection.setWeights ----

    /** 300 noise-driven iaf_psc_delta neurons with recurrent excitation of one weight (the fast path). */
    private static Network recurrent(int threads, Connect connect, Synapse syn) {
        Network net = new Network(new Network.Context().threads(threads).seed(5));
        Population e = net.population("E", "iaf_psc_delta", 300);
        net.connect(e, e, connect, syn);
        net.stimulate(Generator.noise(330, 120, 0.5), e, 1, 0.1);
        return net;
    }

    private static double[] newWeights(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = 0.05 + 0.4 * ((i * 7919L) % 1000) / 1000.0;
        return w;
    }

    /** Setting weights after build is the same as building with them, for 1 and 2 threads. */
    @Test
    void setWeightsActsAsIfTheNetworkHadBeenBuiltWithThem() {
        Network a = recurrent(1, Connect.fixedIndegree(30), Synapse.statics(0.2, 1.5));
        SpikeRecorder ra = a.recordSpikes(a.population("E"));
        a.build();
        Projection pa = a.projections().get(0);
        SynapseTable before = pa.synapses();
        double[] w = newWeights(before.size());
        pa.setWeights(w);
        SynapseTable after = pa.synapses();
        for (int i = 0; i < w.length; i++) {
            assertEquals((float) w[i], after.weight[i], 0.0, "static weights are stored as floats");
            assertEquals(before.source[i], after.source[i]);
            assertEquals(before.target[i], after.target[i]);
        }
        assertTrue(pa.memoryBytes() > 4L * w.length, "the constant-weight groups got weight arrays");

        double[] delays = new double[w.length];
        for (int i = 0; i < w.length; i++) delays[i] = before.delaySteps[i] * 0.1;
        Network b = recurrent(2, Connect.explicit(before.source, before.target, after.weight, delays),
                Synapse.statics(0.2, 1.5));
        Network c = recurrent(2, Connect.fixedIndegree(30), Synapse.statics(0.2, 1.5));
        SpikeRecorder rb = b.recordSpikes(b.population("E"));
        SpikeRecorder rc = c.recordSpikes(c.population("E"));
        c.build();
        c.projections().get(0).setWeights(w);
        a.simulate(300);
        b.simulate(300);
        c.simulate(300);
        assertTrue(ra.count() > 500, "the network is active: " + ra.count());
        assertArrayEquals(rb.steps(), ra.steps());
        assertArrayEquals(rb.neurons(), ra.neurons());
        assertArrayEquals(rc.steps(), ra.steps());
        assertArrayEquals(rc.neurons(), ra.neurons());
        // and the change mattered: the network as built fires differently
        Network d = recurrent(1, Connect.fixedIndegree(30), Synapse.statics(0.2, 1.5));
        SpikeRecorder rd = d.recordSpikes(d.population("E"));
        d.simulate(300);
        assertNotEquals(ra.count(), rd.count());
    }

    /** Plastic weights are set exactly and learning continues from them (the counting rule adds 1 per spike). */
    @Test
    void plasticWeightsAreSetExactly() {
        Network net = new Network(new Network.Context().threads(2));
        Population src = net.population("S", SpikeGenerator.of(new double[][] {{1, 2, 3}, {}}), 2);
        Population tgt = PlasticityKernelTest.integrator(net, 3);
        Projection p = net.connect(src, tgt, Connect.allToAll(), Synapse.plastic(0.5, 1.0,
                new PlasticityKernelTest.Counting()));
        net.build();
        double[] w = {0.1, 0.2, 0.3, 4, 5, 6}; // sources 0 and 1, targets 0..2
        p.setWeights(w);
        assertArrayEquals(w, p.synapses().weight, 0.0);
        net.simulate(10);
        double[] v = tgt.get("V_m");
        for (int j = 0; j < 3; j++) assertEquals(3 * w[j] + 6, v[j], 1e-12, "three spikes with w+1, w+2, w+3");
        assertArrayEquals(new double[] {3.1, 3.2, 3.3, 4, 5, 6}, p.synapses().weight, 1e-15);
        assertArrayEquals(p.synapses().weight, p.weights(), 0.0, "the fast read path, same order");
    }

    @Test
    void invalidWeightsAreRejectedAndNothingChanges() {
        Network net = new Network(new Network.Context().threads(1));
        Population a = net.population("A", "iaf_psc_exp", 4);
        Projection p = net.connect(a, a, Connect.allToAll(), Synapse.statics(Dist.uniform(-1, 1), Dist.constant(1)));
        assertThrows(IllegalStateException.class, () -> p.setWeights(new double[16]));
        net.build();
        SynapseTable t = p.synapses();
        double[] original = t.weight.clone();
        ModelException len = assertThrows(ModelException.class, () -> p.setWeights(new double[3]));
        assertTrue(len.getMessage().contains("16"), len.getMessage());

        double[] nan = original.clone();
        nan[5] = Double.NaN;
        ModelException e = assertThrows(ModelException.class, () -> p.setWeights(nan));
        assertTrue(e.getMessage().contains("synapse 5") && e.getMessage().contains("finite"), e.getMessage());

        int exc = -1;
        for (int i = 0; i < original.length; i++) if (original[i] > 0) exc = i;
        double[] flipped = original.clone();
        flipped[exc] = -0.5; // iaf_psc_exp routes by sign: an excitatory synapse stays excitatory
        e = assertThrows(ModelException.class, () -> p.setWeights(flipped));
        assertTrue(e.getMessage().contains(">= 0") && e.getMessage().contains("source " + t.source[exc])
                && e.getMessage().contains("target " + t.target[exc]), e.getMessage());
        assertArrayEquals(original, p.synapses().weight, 0.0);

        double[] zeros = new double[original.length]; // 0 is valid on either side
        p.setWeights(zeros);
        assertArrayEquals(zeros, p.synapses().weight, 0.0);
    }

    @Test
    void aRuleChecksItsWeights() {
        Plasticity bounded = new PlasticityKernelTest.Counting() {
            @Override
            public void checkWeight(String element, double w) {
                if (w > 2) throw new ModelException(element, "weight", "value " + w + " exceeds Wmax 2");
            }
        };
        Network net = new Network(new Network.Context().threads(1));
        Population a = net.population("A", "iaf_psc_delta", 2);
        Projection p = net.connect(a, a, Connect.allToAll(), Synapse.plastic(0.5, 1.0, bounded));
        net.build();
        ModelException e = assertThrows(ModelException.class, () -> p.setWeights(new double[] {1, 1, 3, 1}));
        assertTrue(e.getMessage().contains("Wmax 2") && e.getMessage().contains("synapse 2"), e.getMessage());
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, p.synapses().weight, 0.0);
    }

    /** A snapshot carries weights set by setWeights; a fresh network restored from it continues identically. */
    @Test
    void aSnapshotCarriesTheSetWeights() throws IOException {
        Network a = PlasticityKernelTest.noisyBrunel(2);
        a.build();
        for (Projection p : a.projections()) {
            double[] w = p.synapses().weight;
            for (int i = 0; i < w.length; i++) w[i] *= 0.8 + 0.4 * ((i * 31L) % 97) / 97.0;
            p.setWeights(w);
        }
        a.simulate(30);
        ByteArrayOutputStream snap = new ByteArrayOutputStream();
        a.saveState(snap);
        a.simulate(30);
        Network b = PlasticityKernelTest.noisyBrunel(1);
        b.restoreState(new ByteArrayInputStream(snap.toByteArray()));
        b.simulate(30);
        for (String pop : new String[] {"E", "I"}) {
            double[] va = a.population(pop).get("V_m");
            double[] vb = b.population(pop).get("V_m");
            for (int i = 0; i < va.length; i++) assertEquals(Double.doubleToRawLongBits(va[i]), Double.doubleToRawLongBits(vb[i]));
        }
        assertArrayEquals(a.projections().get(0).synapses().weight, b.projections().get(0).synapses().weight, 0.0);

        // a snapshot of the weights as built cannot undo a setWeights
        Network c = PlasticityKernelTest.noisyBrunel(1);
        c.simulate(1);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        c.saveState(plain);
        IOException io = assertThrows(IOException.class, () -> a.restoreState(new ByteArrayInputStream(plain.toByteArray())));
        assertTrue(io.getMessage().contains("setWeights"), io.getMessage());
    }

    // ---- Population.addSpikes ----

    @Test
    void spikesAddedBetweenRunsAreEmittedAtTheirTimes() {
        Network net = new Network(new Network.Context().threads(1));
        Population g = net.population("G", SpikeGenerator.ofTrain(3, 1.0), 3);
        SpikeRecorder r = net.recordSpikes(g);
        net.simulate(5);
        g.addSpikes(1, 7.0, 8.0);
        g.addSpikes(0, 5.1); // the first step not yet simulated ends at 5.1 ms
        net.simulate(5);
        g.addSpikes(1, 12.5);
        net.simulate(5);
        double[] times = r.times();
        int[] who = r.neurons();
        assertArrayEquals(new double[] {1, 1, 1, 5.1, 7, 8, 12.5}, times, 1e-9);
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 1, 1}, who);
    }

    @Test
    void invalidSpikeTimesAreRejected() {
        Network net = new Network(new Network.Context().threads(1));
        Population g = net.population("G", SpikeGenerator.ofTrain(2, 1.0, 6.0), 2);
        Population n = net.population("N", "iaf_psc_delta", 2);
        SpikeRecorder r = net.recordSpikes(g);
        assertThrows(IllegalStateException.class, () -> g.addSpikes(0, 9.0));
        net.simulate(5);
        ModelException past = assertThrows(ModelException.class, () -> g.addSpikes(0, 5.0));
        assertTrue(past.getMessage().contains("has passed") && past.getMessage().contains("neuron 0"), past.getMessage());
        ModelException order = assertThrows(ModelException.class, () -> g.addSpikes(1, 5.5));
        assertTrue(order.getMessage().contains("last scheduled spike"), order.getMessage());
        ModelException grid = assertThrows(ModelException.class, () -> g.addSpikes(1, 7.05));
        assertTrue(grid.getMessage().contains("multiple of dt"), grid.getMessage());
        ModelException sorted = assertThrows(ModelException.class, () -> g.addSpikes(1, 9.0, 8.0));
        assertTrue(sorted.getMessage().contains("sorted"), sorted.getMessage());
        assertThrows(ModelException.class, () -> g.addSpikes(2, 9.0));
        ModelException notGen = assertThrows(ModelException.class, () -> n.addSpikes(0, 9.0));
        assertTrue(notGen.getMessage().contains("spike_generator"), notGen.getMessage());
        // nothing was added by the rejected calls
        net.simulate(10);
        assertArrayEquals(new double[] {1, 1, 6, 6}, r.times(), 1e-9);
    }

    // ---- poisson_source ----

    private static Network sources(int threads, int n, double rate) {
        Network net = new Network(new Network.Context().threads(threads).seed(11));
        net.population("P", "poisson_source", n).initial("rate", rate);
        return net;
    }

    /**
     * Counts over 2 s at 50 Hz, dt 0.1 ms: each neuron's count is Binomial(20,000, 0.005), mean 100,
     * variance 99.5. The total over 1,000 neurons is within 5 standard deviations (5 x 315) of
     * 100,000, and the across-neuron variance of the counts within 5 standard errors
     * (99.5 sqrt(2/999) = 4.5 each) of 99.5.
     */
    @Test
    void countsFollowTheBinomialOfTheBernoulliSteps() {
        Network net = sources(2, 1000, 50);
        Population p = net.population("P");
        SpikeRecorder r = net.recordSpikes(p);
        net.simulate(2000);
        double[] c = new double[1000];
        for (int i : r.neurons()) c[i]++;
        double mean = 0;
        for (double x : c) mean += x / c.length;
        double var = 0;
        for (double x : c) var += (x - mean) * (x - mean) / (c.length - 1);
        assertEquals(100_000, mean * 1000, 5 * Math.sqrt(1000 * 99.5));
        assertEquals(99.5, var, 5 * 99.5 * Math.sqrt(2.0 / 999));
    }

    @Test
    void ratesChangeBetweenRunsOnlyWhereSetAndTrainsDoNotDependOnThreads() {
        Network a = sources(1, 50, 20);
        Network b = sources(2, 50, 20);
        SpikeRecorder ra = a.recordSpikes(a.population("P"));
        SpikeRecorder rb = b.recordSpikes(b.population("P"));
        a.simulate(500);
        b.simulate(500);
        a.population("P").set("rate", 3, 400);
        a.population("P").set("rate", 4, 0);
        a.simulate(500);
        b.simulate(500);
        int[] ca = new int[50];
        int[] cb = new int[50];
        long[] la = new long[50]; // a hash of each neuron's train
        long[] lb = new long[50];
        for (int k = 0; k < ra.count(); k++) {
            int i = ra.neurons()[k];
            if (ra.steps()[k] >= 5000) ca[i]++;
            la[i] = la[i] * 31 + ra.steps()[k];
        }
        for (int k = 0; k < rb.count(); k++) {
            int i = rb.neurons()[k];
            if (rb.steps()[k] >= 5000) cb[i]++;
            lb[i] = lb[i] * 31 + rb.steps()[k];
        }
        for (int i = 0; i < 50; i++) if (i != 3 && i != 4) assertEquals(lb[i], la[i], "neuron " + i + " is untouched");
        assertEquals(0, ca[4]);
        assertTrue(ca[3] > 120 && ca[3] < 290, "400 Hz for 0.5 s: " + ca[3]); // mean 200, sd 14
        assertTrue(cb[3] < 30, "20 Hz for 0.5 s: " + cb[3]); // mean 10, sd 3
    }

    @Test
    void ratesOutsideTheirRangeAreRejected() {
        Network bad = sources(1, 5, -1);
        ModelException e = assertThrows(ModelException.class, bad::build);
        assertTrue(e.getMessage().contains("'P'") && e.getMessage().contains("rate") && e.getMessage().contains("[0, "),
                e.getMessage());

        Network net = sources(1, 5, 10);
        Population p = net.population("P");
        SpikeRecorder r = net.recordSpikes(p, 2);
        net.build();
        ModelException high = assertThrows(ModelException.class, () -> p.set("rate", 2, 20_000));
        assertTrue(high.getMessage().contains("10000"), high.getMessage());
        assertThrows(ModelException.class, () -> p.set("rate", 2, Double.NaN));
        assertThrows(ModelException.class, () -> p.set("rate", 7, 1));
        assertEquals(10, p.get("rate")[2], 0.0, "a rejected value is not kept");
        p.set("rate", 2, 10_000); // one spike every step
        net.simulate(10);
        assertEquals(100, r.count());
    }
    /** A poisson_source with its own stream key gives the same trains whatever the network's seed. */
    @Test
    void anOwnStreamKeyFixesTheTrains() {
        int[][] steps = new int[3][];
        long[] seeds = {1, 2, 2};
        for (int k = 0; k < 3; k++) {
            Network net = new Network(new Network.Context().threads(1).seed(seeds[k]));
            Population p = k < 2 ? net.population("P", org.myelin.core.model.PoissonSource.withStreamKey(99), 20)
                    : net.population("P", "poisson_source", 20);
            p.initial("rate", 100);
            SpikeRecorder r = net.recordSpikes(p);
            net.simulate(100);
            steps[k] = r.steps();
            assertTrue(r.count() > 50, "spikes: " + r.count());
        }
        assertArrayEquals(steps[0], steps[1], "seed 1 and 2, one key");
        assertTrue(!java.util.Arrays.equals(steps[1], steps[2]), "the network's own stream differs");
    }
}
