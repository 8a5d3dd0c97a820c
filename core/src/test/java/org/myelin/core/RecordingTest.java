package org.myelin.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.core.networks.Brunel;

/** Spike, state and rate recorders agree with each other and across split runs and thread counts. */
class RecordingTest {
    private static Network brunel(int threads) {
        return new Network(new Network.Context().threads(threads).seed(3));
    }

    @Test
    void subsetRecorderEqualsTheFilteredFullRecording() {
        Network net = brunel(3);
        Population[] p = Brunel.modelA(2_500).build(net);
        SpikeRecorder all = net.recordSpikes(p[0]);
        int[] chosen = {0, 7, 999, 1500, 1999};
        SpikeRecorder some = net.recordSpikes(p[0], chosen);
        net.simulate(200);
        int[] st = all.steps();
        int[] id = all.neurons();
        int n = 0;
        for (int k = 0; k < id.length; k++) {
            for (int c : chosen) if (id[k] == c) n++;
        }
        assertTrue(n > 10, "too few spikes of the chosen neurons: " + n);
        int[] fs = new int[n];
        int[] fi = new int[n];
        int m = 0;
        for (int k = 0; k < id.length; k++) {
            for (int c : chosen) {
                if (id[k] == c) {
                    fs[m] = st[k];
                    fi[m++] = id[k];
                }
            }
        }
        assertArrayEquals(fs, some.steps());
        assertArrayEquals(fi, some.neurons());
        // time order, then neuron order within a step
        for (int k = 1; k < st.length; k++) {
            assertTrue(st[k] > st[k - 1] || (st[k] == st[k - 1] && id[k] >= id[k - 1]), "order at " + k);
        }
    }

    @Test
    void rateRecorderCountsEveryStep() {
        Network net = brunel(2);
        Population[] p = Brunel.modelA(2_500).build(net);
        SpikeRecorder all = net.recordSpikes(p[1]);
        RateRecorder rate = net.recordRate(p[1]);
        net.simulate(100);
        net.simulate(50);
        int[] c = rate.countsPerStep();
        assertEquals(1500, c.length);
        int[] expected = new int[1500];
        for (int s : all.steps()) expected[s]++;
        assertArrayEquals(expected, c);
        double[] r = rate.rate(10);
        assertEquals(15, r.length);
        long sum = 0;
        for (int k = 0; k < 100; k++) sum += c[k];
        assertEquals(sum / (p[1].size() * 0.010), r[0], 1e-9);
    }

    @Test
    void stateRecorderIsContinuousAcrossRunsAndThreads() {
        Network one = brunel(1);
        Population[] p1 = Brunel.modelA(2_500).build(one);
        StateRecorder r1 = one.recordState(p1[0], new String[] {"V_m", "refractory_steps"}, new int[] {3, 1999, 0}, 0.5);
        one.simulate(100);

        Network split = brunel(4);
        Population[] p2 = Brunel.modelA(2_500).build(split);
        StateRecorder r2 = split.recordState(p2[0], new String[] {"V_m", "refractory_steps"}, new int[] {3, 1999, 0}, 0.5);
        split.simulate(33.3);
        split.simulate(66.7);

        assertEquals(200, r1.samples());
        assertEquals(200, r2.samples());
        assertArrayEquals(r1.times(), r2.times(), 1e-12);
        assertEquals(0.5, r1.times()[0], 1e-12);
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(r1.trace("V_m", k), r2.trace("V_m", k), 0.0, "neuron #" + k);
            assertArrayEquals(r1.trace("refractory_steps", k), r2.trace("refractory_steps", k), 0.0);
        }
        // the last sample equals the state at the end
        assertEquals(p1[0].get("V_m")[1999], r1.trace("V_m", 1)[199], 0.0);
    }
}
