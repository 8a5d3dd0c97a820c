package org.myelin.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.myelin.core.model.SpikeGenerator;

/**
 * The padded layout of worker slices ({@link Population}): with several workers, large populations
 * of position-only kernels get unused entries after each slice, and everything outside the step loop
 * must still see neuron numbers. Each check compares a padded run with the unpadded one-thread run,
 * bit for bit: spikes, {@link Population#get}, {@link Population#set}, state recorders and snapshots
 * across thread counts.
 */
class SliceLayoutTest {
    static final int NE = 1500;
    static final int[] PROBES = {0, 499, 500, 749, 750, 1000, 1499};

    static final class Net {
        Network net;
        Population e;
        Population i;
        Population s;
        SpikeRecorder spikesE;
        SpikeRecorder spikesI;
        StateRecorder trace;
    }

    /**
     * E: conductance-based neurons with random initial V (padded with 2 and 3 workers); I: current
     * based, too small to be padded; S: a spike generator, whose kernel keys its tables by neuron
     * number (never padded). Heterogeneous delays and weights (the general delivery path),
     * constant ones (the fast path), a depressing synapse, and Poisson drive onto every slice.
     */
    static Net build(int threads) {
        Net n = new Net();
        n.net = new Network(new Network.Context().threads(threads).seed(5));
        n.e = n.net.population("E", "iaf_cond_exp", NE).param("I_e", 150)
                .initial("V_m", Dist.uniform(-70, -55));
        n.i = n.net.population("I", "iaf_psc_alpha", 300).initial("V_m", Dist.uniform(-70, -56));
        double[][] times = new double[5][];
        for (int k = 0; k < 5; k++) times[k] = new double[] {2.0 + k, 20.0 + k, 61.0 + k};
        n.s = n.net.population("S", SpikeGenerator.of(times), 5);
        n.net.stimulate(Generator.poisson(6_000), n.e, 2.0, 0.1);
        n.net.stimulate(Generator.poisson(8_000), n.i, 30.0, 0.1);
        n.net.connect(n.e, n.e, Connect.fixedIndegree(40),
                Synapse.statics(Dist.uniform(0.5, 2.0), Dist.uniform(0.5, 3.0)));
        n.net.connect(n.e, n.i, Connect.fixedIndegree(40), Synapse.statics(20.0, 1.0));
        n.net.connect(n.i, n.e, Connect.fixedIndegree(20),
                Synapse.tsodyks(Dist.constant(-10.0), Dist.constant(1.5)).tsodyksParams(0.5, 3, 100, 0));
        n.net.connect(n.s, n.e, Connect.allToAll(), Synapse.statics(30.0, 0.5));
        n.spikesE = n.net.recordSpikes(n.e);
        n.spikesI = n.net.recordSpikes(n.i);
        n.trace = n.net.recordState(n.e, new String[] {"V_m", "g_ex", "g_in"}, PROBES, 0.5);
        return n;
    }

    static void assertSameBits(double[] a, double[] b, String what) {
        assertEquals(a.length, b.length, what + ": length");
        for (int k = 0; k < a.length; k++) {
            assertEquals(Double.doubleToRawLongBits(a[k]), Double.doubleToRawLongBits(b[k]), what + " [" + k + "]");
        }
    }

    static void assertSameRun(Net a, Net b, String label) {
        assertArrayEquals(a.spikesE.steps(), b.spikesE.steps(), label + ": E spike steps");
        assertArrayEquals(a.spikesE.neurons(), b.spikesE.neurons(), label + ": E spike neurons");
        assertArrayEquals(a.spikesI.steps(), b.spikesI.steps(), label + ": I spike steps");
        assertArrayEquals(a.spikesI.neurons(), b.spikesI.neurons(), label + ": I spike neurons");
        for (String v : new String[] {"V_m", "g_ex", "g_in", "refractory_steps"}) {
            assertSameBits(a.e.get(v), b.e.get(v), label + ": E " + v);
        }
        assertSameBits(a.i.get("V_m"), b.i.get("V_m"), label + ": I V_m");
        for (String v : new String[] {"V_m", "g_ex", "g_in"}) {
            for (int k = 0; k < PROBES.length; k++) {
                assertSameBits(a.trace.trace(v, k), b.trace.trace(v, k), label + ": recorded " + v + " of " + PROBES[k]);
            }
        }
        assertEquals(a.net.totalEvents(), b.net.totalEvents(), label + ": events");
    }

    @Test
    void largeSlicesOfPositionOnlyKernelsArePadded() {
        Net one = build(1);
        one.net.build();
        assertEquals(0, one.e.gap, "one worker needs no padding");
        Net two = build(2);
        two.net.build();
        assertEquals(Network.SLICE_GAP, two.e.gap, "E's slices of 750 are padded");
        assertEquals(NE + 2 * Network.SLICE_GAP, two.e.state[0].length);
        assertEquals(0, two.i.gap, "I's slices of 150 are shorter than the padding");
        assertEquals(0, two.s.gap, "a spike generator keys its tables by neuron number");
        assertEquals(750 + Network.SLICE_GAP, two.e.index(750), "worker 1's first neuron");
        assertEquals(749, two.e.index(749));
        // initial values land at the neurons' positions: same draws as without padding
        assertSameBits(one.e.get("V_m"), two.e.get("V_m"), "initial V_m");
    }

    @Test
    void paddedRunsMatchTheUnpaddedRunBitForBit() {
        Net one = build(1);
        one.net.simulate(80);
        assertTrue(one.spikesE.count() > 500, "E should fire, got " + one.spikesE.count());
        assertTrue(one.spikesI.count() > 50, "I should fire, got " + one.spikesI.count());
        for (int threads = 2; threads <= 3; threads++) {
            Net r = build(threads);
            r.net.simulate(80);
            assertTrue(r.e.gap > 0);
            assertSameRun(one, r, threads + " threads");
        }
    }

    @Test
    void setWritesTheNeuronsOwnEntry() {
        Net one = build(1);
        Net two = build(2);
        for (Net n : new Net[] {one, two}) {
            n.net.simulate(20);
            n.e.set("V_m", 1000, -54.0); // worker 1's slice with two workers
            n.e.set("g_ex", 0, 40.0);
            assertEquals(-54.0, n.e.get("V_m")[1000]);
            assertEquals(40.0, n.e.get("g_ex")[0]);
            n.net.simulate(20);
        }
        assertSameRun(one, two, "after set");
    }

    @Test
    void snapshotsMoveBetweenThreadCounts() throws IOException {
        Net whole = build(1);
        whole.net.simulate(100);
        Net first = build(3);
        first.net.simulate(50);
        ByteArrayOutputStream snap = new ByteArrayOutputStream();
        first.net.saveState(snap);
        for (int threads = 1; threads <= 2; threads++) {
            Net rest = build(threads);
            rest.net.build();
            rest.net.restoreState(new ByteArrayInputStream(snap.toByteArray()));
            rest.net.simulate(50);
            // the restored run's spikes are the uninterrupted run's from step 500 on
            int[] steps = whole.spikesE.steps();
            int[] neurons = whole.spikesE.neurons();
            int from = 0;
            while (from < steps.length && steps[from] < 500) from++;
            assertArrayEquals(java.util.Arrays.copyOfRange(steps, from, steps.length), rest.spikesE.steps(),
                    "E spike steps after restoring into " + threads + " threads");
            assertArrayEquals(java.util.Arrays.copyOfRange(neurons, from, neurons.length), rest.spikesE.neurons(),
                    "E spike neurons after restoring into " + threads + " threads");
            for (String v : new String[] {"V_m", "g_ex", "g_in", "refractory_steps"}) {
                assertSameBits(whole.e.get(v), rest.e.get(v), "E " + v + " after restoring into " + threads + " threads");
            }
            assertSameBits(whole.i.get("V_m"), rest.i.get("V_m"), "I V_m after restoring into " + threads + " threads");
        }
    }
}
