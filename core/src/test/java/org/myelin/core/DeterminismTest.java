package org.myelin.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.core.networks.Brunel;

/**
 * The determinism contract: one seed gives bit-identical spike trains and states for 1, 2, 3 and 4
 * threads, on the Brunel (2000) model A network at full size (N = 12,500).
 */
class DeterminismTest {
    static final class Run {
        int[] stepsE;
        int[] neuronsE;
        int[] stepsI;
        int[] neuronsI;
        double[] vE;
        long events;
        long synapses;
    }

    static Run brunel(int threads, long seed, double ms) {
        Network net = new Network(new Network.Context().threads(threads).seed(seed));
        Population[] p = Brunel.modelA(12_500).build(net);
        SpikeRecorder re = net.recordSpikes(p[0]);
        SpikeRecorder ri = net.recordSpikes(p[1]);
        net.simulate(ms);
        // accounting: every emitted spike is counted, recorded or not
        assertEquals(re.count(), p[0].spikeCount());
        assertEquals(ri.count(), p[1].spikeCount());
        assertEquals(re.count() + ri.count(), net.totalSpikes());
        assertEquals(Math.round(ms / 0.1) * p[0].size(), p[0].neuronUpdates());
        Run r = new Run();
        r.stepsE = re.steps();
        r.neuronsE = re.neurons();
        r.stepsI = ri.steps();
        r.neuronsI = ri.neurons();
        r.vE = p[0].get("V_m");
        r.events = net.totalEvents();
        r.synapses = net.totalSynapses();
        return r;
    }

    @Test
    void brunelIsBitIdenticalFor1To4Threads() {
        Run one = brunel(1, 42, 300);
        assertTrue(one.stepsE.length > 10_000, "network should be active, got " + one.stepsE.length + " E spikes");
        assertEquals(12_500L * 1_250, one.synapses);
        for (int threads = 2; threads <= 4; threads++) {
            Run r = brunel(threads, 42, 300);
            assertArrayEquals(one.stepsE, r.stepsE, "E spike steps differ with " + threads + " threads");
            assertArrayEquals(one.neuronsE, r.neuronsE, "E spike neurons differ with " + threads + " threads");
            assertArrayEquals(one.stepsI, r.stepsI, "I spike steps differ with " + threads + " threads");
            assertArrayEquals(one.neuronsI, r.neuronsI, "I spike neurons differ with " + threads + " threads");
            for (int i = 0; i < one.vE.length; i++) {
                assertEquals(Double.doubleToRawLongBits(one.vE[i]), Double.doubleToRawLongBits(r.vE[i]),
                        "V_m of E neuron " + i + " differs with " + threads + " threads");
            }
            assertEquals(one.events, r.events);
        }
    }

    @Test
    void differentSeedsGiveDifferentTrains() {
        Run a = brunel(2, 1, 50);
        Run b = brunel(2, 2, 50);
        assertTrue(a.stepsE.length != b.stepsE.length || !java.util.Arrays.equals(a.neuronsE, b.neuronsE));
    }

    @Test
    void splittingARunGivesTheSameResultAsOneRun() {
        Network net = new Network(new Network.Context().threads(2).seed(7));
        Population[] p = Brunel.modelA(2_500).build(net);
        SpikeRecorder r = net.recordSpikes(p[0]);
        net.simulate(50);
        net.simulate(0.1);
        net.simulate(49.9);
        Network net2 = new Network(new Network.Context().threads(3).seed(7));
        Population[] p2 = Brunel.modelA(2_500).build(net2);
        SpikeRecorder r2 = net2.recordSpikes(p2[0]);
        net2.simulate(100);
        assertArrayEquals(r2.steps(), r.steps());
        assertArrayEquals(r2.neurons(), r.neurons());
    }
}
