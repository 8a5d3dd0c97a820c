package org.myelin.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.myelin.core.ModelException;
import org.myelin.core.NeuronKernel;
import org.myelin.core.SpikeBuffer;

class SpikeGeneratorTest {
    /** (step, neuron) pairs emitted over {@code steps} steps. */
    static List<long[]> run(KernelHarness k, int steps) {
        List<long[]> events = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            long step = k.step;
            k.step();
            for (int j = 0; j < k.out.size(); j++) events.add(new long[] {step, k.out.get(j)});
        }
        return events;
    }

    @Test
    void emitsEachSpikeInTheStepEndingAtItsTime() {
        double dt = 0.1;
        SpikeGenerator g = SpikeGenerator.of(new double[][] {{0.1, 0.5, 1.0}, {}, {0.3, 0.7}});
        KernelHarness k = new KernelHarness(g, dt, 3);
        List<long[]> ev = run(k, 20);
        long[][] want = {{0, 0}, {2, 2}, {4, 0}, {6, 2}, {9, 0}};
        assertEquals(want.length, ev.size());
        for (int e = 0; e < want.length; e++) assertArrayEquals(want[e], ev.get(e));
        // the event time (step + 1) dt is the given time
        double[] times = g.times(0);
        long[] steps = {want[0][0], want[2][0], want[4][0]};
        for (int j = 0; j < times.length; j++) assertEquals(times[j], (steps[j] + 1) * dt, 1e-12);
        assertEquals(3.0, k.get("next_index", 0));
        assertEquals(0.0, k.get("next_index", 1));
        assertEquals(2.0, k.get("next_index", 2));
    }

    @Test
    void sameStepSpikesComeInNeuronOrder() {
        SpikeGenerator g = SpikeGenerator.of(new double[][] {{0.2}, {0.2}, {0.1, 0.2}});
        KernelHarness k = new KernelHarness(g, 0.1, 3);
        assertEquals(1, k.step());
        assertEquals(3, k.step());
        assertArrayEquals(new int[] {0, 1, 2}, new int[] {k.out.get(0), k.out.get(1), k.out.get(2)});
    }

    @Test
    void describesASource() {
        SpikeGenerator g = SpikeGenerator.ofTrain(4, 1.0, 2.0);
        assertEquals("spike_generator", g.name());
        assertEquals(4, g.size());
        assertEquals(0, g.receptorCount());
        assertFalse(g.hasInput());
        assertFalse(g.signRouted());
        assertEquals(1, g.maxSpikesPerStep());
        assertEquals(List.of("next_index"), g.stateVariables());
        KernelHarness k = new KernelHarness(g, 0.5, 4);
        List<long[]> ev = run(k, 5);
        assertEquals(8, ev.size());
        assertArrayEquals(new long[] {1, 0}, ev.get(0));
        assertArrayEquals(new long[] {3, 3}, ev.get(7));
    }

    @Test
    void copiesItsInput() {
        double[] t = {0.1};
        double[][] trains = {t};
        SpikeGenerator g = SpikeGenerator.of(trains);
        t[0] = 0.15;
        trains[0] = new double[] {0.25};
        assertArrayEquals(new double[] {0.1}, g.times(0));
        g.validate("gen", new double[0], 0.1);
    }

    @Test
    void stepsFollowDt() {
        SpikeGenerator g = SpikeGenerator.ofTrain(1, 0.1, 0.5, 1.0);
        KernelHarness k = new KernelHarness(g, 0.05, 1);
        List<long[]> ev = run(k, 25);
        assertEquals(3, ev.size());
        assertEquals(1, ev.get(0)[0]);
        assertEquals(9, ev.get(1)[0]);
        assertEquals(19, ev.get(2)[0]);
    }

    @Test
    void acceptsTimesOnTheGridUpToRounding() {
        // 0.3 / 0.1 = 2.9999999999999996 and 0.1 + 0.2 = 0.30000000000000004: both step 2
        SpikeGenerator g = SpikeGenerator.of(new double[][] {{0.3}, {0.1 + 0.2}, {3.0 * (1 + 5e-10)}});
        g.validate("gen", new double[0], 0.1);
        KernelHarness k = new KernelHarness(g, 0.1, 3);
        List<long[]> ev = run(k, 40);
        assertEquals(3, ev.size());
        assertEquals(2, ev.get(0)[0]);
        assertEquals(2, ev.get(1)[0]);
        assertEquals(29, ev.get(2)[0]);
    }

    @Test
    void rejectsOffGridTimesNamingNeuronTimeAndGrid() {
        SpikeGenerator g = SpikeGenerator.of(new double[][] {{0.1}, {0.2, 0.25}});
        ModelException e = assertThrows(ModelException.class, () -> g.validate("stimulus 'S'", new double[0], 0.1));
        assertEquals("spike_times", e.key());
        assertTrue(e.getMessage().contains("stimulus 'S'"), e.getMessage());
        assertTrue(e.getMessage().contains("neuron 1"), e.getMessage());
        assertTrue(e.getMessage().contains("0.25"), e.getMessage());
        assertTrue(e.getMessage().contains("dt = 0.1"), e.getMessage());
        // just outside the relative tolerance
        SpikeGenerator near = SpikeGenerator.of(new double[][] {{3.0 * (1 + 2e-9)}});
        assertThrows(ModelException.class, () -> near.validate("gen", new double[0], 0.1));
    }

    @Test
    void rejectsNonPositiveAndNonFiniteTimes() {
        for (double bad : new double[] {0.0, -0.1, Double.NaN, Double.POSITIVE_INFINITY, 0.04}) {
            SpikeGenerator g = SpikeGenerator.of(new double[][] {{}, {bad}});
            ModelException e = assertThrows(ModelException.class, () -> g.validate("gen", new double[0], 0.1),
                    "time " + bad);
            assertTrue(e.getMessage().contains("neuron 1"), e.getMessage());
        }
    }

    @Test
    void rejectsUnsortedAndDuplicateTimes() {
        SpikeGenerator unsorted = SpikeGenerator.of(new double[][] {{0.5, 0.3}});
        ModelException e = assertThrows(ModelException.class, () -> unsorted.validate("gen", new double[0], 0.1));
        assertTrue(e.getMessage().contains("sorted"), e.getMessage());
        SpikeGenerator dup = SpikeGenerator.of(new double[][] {{0.1}, {0.2, 0.3, 0.3}});
        e = assertThrows(ModelException.class, () -> dup.validate("gen", new double[0], 0.1));
        assertTrue(e.getMessage().contains("duplicate") && e.getMessage().contains("neuron 1"), e.getMessage());
        // compile checks as well: a kernel never sees an invalid train
        assertThrows(ModelException.class, () -> dup.compile(new double[0], 0.1));
    }

    @Test
    void cursorLivesInTheStateSoARunCanResumeOrStartLate() {
        SpikeGenerator g = SpikeGenerator.ofTrain(2, 0.1, 0.2, 0.5, 0.9);
        NeuronKernel kernel = g.compile(new double[0], 0.1);
        double[][] state = new double[1][2];
        g.initialize(new double[0], state, 0, 2);
        SpikeBuffer out = new SpikeBuffer(4);
        double[][] in = new double[1][2];
        // start at step 3: the spikes due at steps 0 and 1 have passed and are skipped
        List<Long> steps = new ArrayList<>();
        double[][] snapshot = null;
        for (long s = 3; s < 10; s++) {
            if (s == 6) snapshot = new double[][] {state[0].clone()};
            out.clear();
            kernel.update(s, state, in, 0, 0, 1, out);
            if (out.size() > 0) steps.add(s);
        }
        assertEquals(List.of(4L, 8L), steps);
        assertEquals(4.0, state[0][0]);
        assertEquals(0.0, state[0][1], "neuron 1 was not in the slice");
        // replay from the snapshot: the same spikes, since the kernel is a function of its state
        List<Long> replay = new ArrayList<>();
        for (long s = 6; s < 10; s++) {
            out.clear();
            kernel.update(s, snapshot, in, 0, 0, 1, out);
            if (out.size() > 0) replay.add(s);
        }
        assertEquals(List.of(8L), replay);
    }
}
