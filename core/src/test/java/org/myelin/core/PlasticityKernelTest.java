package org.myelin.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.myelin.core.model.ParrotNeuron;
import org.myelin.core.model.SpikeGenerator;
import org.myelin.core.networks.Brunel;

/**
 * The kernel's plastic-synapse mechanism, with rules written here (the real rules live in module
 * learn): learn-then-transmit order, per-source state, the postsynaptic spike archive and its
 * pruning, the parrot's no_repeat port, the weight recorder, and save/restore of a network without
 * plasticity (noise generator and short-term synapses included).
 */
class PlasticityKernelTest {
    /** Adds 1 to every weight of the row at each presynaptic spike and counts spikes per source. */
    static class Counting extends Plasticity {
        @Override
        public String name() {
            return "counting_synapse";
        }

        @Override
        public String[] sourceVariables() {
            return new String[] {"spikes"};
        }

        @Override
        public String[] synapseVariables() {
            return new String[] {"posts_seen"};
        }

        @Override
        public int postTraceCount() {
            return 1;
        }

        @Override
        public double postTraceTau(int i) {
            return 10;
        }

        @Override
        public PlasticKernel compile(double dt) {
            return (syn, src, stamp, lo, hi) -> {
                syn.source[0][src] += 1;
                PostArchive post = syn.post();
                for (int k = lo; k < hi; k++) {
                    syn.weight[k] += 1;
                    int j = syn.target(k);
                    int b = post.upTo(j, stamp - syn.delay(k));
                    syn.state[0][k] = b == 0 ? 0 : post.stamp(j, b - 1);
                    post.access(j, 0, b);
                }
            };
        }
    }

    static Population integrator(Network net, int n) {
        return net.population("T", "iaf_psc_delta", n).param("E_L", 0).param("V_th", 1e9).param("V_reset", 0)
                .param("tau_m", 1e30);
    }

    @Test
    void weightsAreUpdatedBeforeTheSpikeIsTransmitted() {
        Network net = new Network(new Network.Context().threads(2));
        Population src = net.population("S", SpikeGenerator.of(new double[][] {{1, 2, 3}, {}}), 2);
        Population tgt = integrator(net, 3);
        Projection p = net.connect(src, tgt, Connect.allToAll(),
                Synapse.plastic(0.5, 1.0, new Counting()));
        net.simulate(10);
        // three spikes of source 0, transmitted with weights 1.5, 2.5, 3.5
        double[] v = tgt.get("V_m");
        for (double x : v) assertEquals(7.5, x, 1e-12);
        SynapseTable t = p.synapses();
        assertEquals(6, t.size());
        for (int k = 0; k < 3; k++) assertEquals(3.5, t.weight[k], 0.0);
        for (int k = 3; k < 6; k++) assertEquals(0.5, t.weight[k], 0.0);
        assertArrayEquals(new double[] {3, 0}, p.sourceState("spikes"));
        assertThrows(ModelException.class, () -> p.synapseState("nope"));
    }

    @Test
    void archiveServesThePostsynapticSpikesByStampAndIsPruned() {
        // post neuron: parrot driven at 5, 15, 25, ... ms; pre neuron: spikes every 10 ms from 10 ms
        int n = 50;
        double[] post = new double[n];
        double[] pre = new double[n];
        for (int k = 0; k < n; k++) {
            post[k] = 5 + 10 * k - 0.1;
            pre[k] = 10 + 10 * k;
        }
        Network net = new Network(new Network.Context().threads(1));
        Population s = net.population("S", SpikeGenerator.of(new double[][] {pre}), 1);
        Population g = net.population("G", SpikeGenerator.of(new double[][] {post}), 1);
        Population par = net.population("P", ParrotNeuron.INSTANCE, 1);
        net.connect(g, par, Connect.oneToOne(), Synapse.statics(1.0, 0.1));
        Projection p = net.connect(s, par, Connect.oneToOne(),
                Synapse.plastic(0.0, 2.0, new Counting()).receptor(ParrotNeuron.NO_REPEAT));
        SpikeRecorder rec = net.recordSpikes(par);
        net.simulate(10 * n + 20);
        assertEquals(n, rec.count(), "the no_repeat port must not make the parrot spike");
        // the last presynaptic spike (stamp 5000) with delay 20 steps sees the postsynaptic spike of stamp 4950
        assertEquals(4950, p.synapseState("posts_seen")[0], 0.0);
        PostArchive a = net.archives[par.id()][0];
        assertTrue(a.count(0) <= 4, "history should be pruned to the last few spikes, holds " + a.count(0));
        assertEquals(1, a.incoming[0]);
        // trace at stamp s: sum over spikes strictly before s of exp(-(s - p) dt / 10)
        double expected = 0;
        for (int k = 0; k < n; k++) {
            int stamp = (int) Math.round((post[k] + 0.1) / 0.1);
            if (stamp < 5000) expected += Math.exp(-(5000 - stamp) * 0.1 / 10);
        }
        assertEquals(expected, a.trace(0, 0, 5000), 1e-12);
    }

    @Test
    void aSilentPlasticInputKeepsTheHistory() {
        double[] post = new double[30];
        for (int k = 0; k < post.length; k++) post[k] = 5 + 10 * k;
        Network net = new Network(new Network.Context().threads(1));
        Population s = net.population("S", SpikeGenerator.of(new double[][] {{}}), 1);
        Population g = net.population("G", SpikeGenerator.of(new double[][] {post}), 1);
        Population par = net.population("P", ParrotNeuron.INSTANCE, 1);
        net.connect(g, par, Connect.oneToOne(), Synapse.statics(1.0, 0.1));
        net.connect(s, par, Connect.oneToOne(), Synapse.plastic(0.0, 1.0, new Counting()).receptor(ParrotNeuron.NO_REPEAT));
        net.simulate(400);
        assertEquals(30, net.archives[par.id()][0].count(0), "NEST's rule: unread entries stay");
    }

    @Test
    void weightRecorderOfAStaticProjectionRepeatsItsWeights() {
        Network net = new Network(new Network.Context().threads(3).seed(4));
        Population[] p = Brunel.modelA(500).build(net);
        Projection proj = net.projections().get(0);
        WeightRecorder r = net.recordWeights(proj, 0.5, 0);
        net.simulate(1);
        SynapseTable t = proj.synapses();
        assertEquals(2 * t.size(), r.count());
        assertArrayEquals(t.weight, java.util.Arrays.copyOf(r.weights(), t.size()));
        assertArrayEquals(t.source, java.util.Arrays.copyOf(r.sources(), t.size()));
        assertArrayEquals(t.target, java.util.Arrays.copyOf(r.targets(), t.size()));
        assertTrue(p.length == 2);
        assertThrows(IllegalArgumentException.class, () -> new Network().recordWeights(null, 1));
        Network fresh = new Network(new Network.Context().threads(1));
        Population x = fresh.population("X", "iaf_psc_delta", 2);
        Projection q = fresh.connect(x, x, Connect.allToAll(), Synapse.statics(0.1, 1.0));
        ModelException e = assertThrows(ModelException.class, () -> fresh.recordWeights(q, 10, 0.05));
        assertTrue(e.getMessage().contains("multiple of dt"), e.getMessage());
    }

    @Test
    void wrongSignForARuleIsRejected() {
        Plasticity negative = new Counting() {
            @Override
            public double weightSign() {
                return -1;
            }
        };
        Network net = new Network(new Network.Context().threads(1));
        Population a = net.population("A", "iaf_psc_exp", 2);
        ModelException e = assertThrows(ModelException.class,
                () -> net.connect(a, a, Connect.allToAll(), Synapse.plastic(0.5, 1.0, negative)));
        assertTrue(e.getMessage().contains("sign"), e.getMessage());
    }

    /** Brunel with a noise generator and Tsodyks synapses: save, restore into 1 thread, continue. */
    @Test
    void saveAndRestoreContinueBitIdentically() throws IOException {
        Network a = noisyBrunel(2);
        a.simulate(60.3);
        ByteArrayOutputStream snap = new ByteArrayOutputStream();
        a.saveState(snap);
        a.simulate(40);
        Network b = noisyBrunel(1);
        b.restoreState(new ByteArrayInputStream(snap.toByteArray()));
        b.simulate(40);
        for (String pop : new String[] {"E", "I"}) {
            double[] va = a.population(pop).get("V_m");
            double[] vb = b.population(pop).get("V_m");
            for (int i = 0; i < va.length; i++) assertEquals(Double.doubleToRawLongBits(va[i]), Double.doubleToRawLongBits(vb[i]));
            assertEquals(a.population(pop).spikeCount(), b.population(pop).spikeCount());
        }
        assertEquals(a.currentStep(), b.currentStep());
        assertEquals(a.totalEvents(), b.totalEvents());
    }

    static Network noisyBrunel(int threads) {
        Network net = new Network(new Network.Context().threads(threads).seed(3));
        Population[] p = Brunel.modelA(1000).build(net);
        net.stimulate(Generator.noise(0, 50, 0.5), p[0], 1, 0.1);
        net.connect(p[0], p[1], Connect.fixedIndegree(10), Synapse.tsodyks(Dist.constant(0.3), Dist.constant(1.5)));
        return net;
    }

    @Test
    void restoringGarbageFails() {
        Network net = new Network(new Network.Context().threads(1));
        net.population("A", "iaf_psc_delta", 3);
        assertThrows(IOException.class, () -> net.restoreState(new ByteArrayInputStream(new byte[16])));
    }
}
