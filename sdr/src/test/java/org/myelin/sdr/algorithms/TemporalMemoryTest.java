package org.myelin.sdr.algorithms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.myelin.sdr.Rng;
import org.myelin.sdr.Sdr;
import org.myelin.sdr.StateIo;

class TemporalMemoryTest {
    static int[][] randomSequence(int length, int columns, int active, long seed) {
        Rng rng = new Rng(seed);
        int[][] seq = new int[length][];
        for (int i = 0; i < length; i++) {
            seq[i] = new Sdr(columns).randomize(active / (double) columns, rng).sparseCopy();
        }
        return seq;
    }

    @Test
    void firstPresentationBurstsAndALearnedSequenceIsPredicted() {
        TemporalMemory tm = new TemporalMemory(new TemporalMemory.Context());
        int[][] seq = randomSequence(6, 2048, 40, 1);
        assertEquals(1.0, tm.compute(seq[0], 40, true));
        assertEquals(40 * 32, tm.activeCells().length);
        assertEquals(40, tm.winnerCells().length);
        for (int rep = 0; rep < 12; rep++) {
            tm.reset();
            for (int[] s : seq) {
                tm.compute(s, s.length, true);
            }
        }
        tm.reset();
        assertEquals(1.0, tm.compute(seq[0], 40, false)); // after a reset nothing is predicted
        for (int i = 1; i < seq.length; i++) {
            int[] predictedColumns = Arrays.stream(tm.predictiveCells()).map(c -> c / 32).distinct().toArray();
            assertArrayEquals(seq[i], predictedColumns);
            assertEquals(0.0, tm.compute(seq[i], 40, false), "step " + i);
            assertEquals(40, tm.activeCells().length); // one cell per column: the context is known
        }
    }

    @Test
    void aSharedElementGetsDifferentCellsInDifferentContexts() {
        // A-B-C-D and X-Y-C-Z share C: C's cells depend on its context, so D and Z are told apart
        TemporalMemory tm = new TemporalMemory(new TemporalMemory.Context());
        int[][] p = randomSequence(7, 2048, 40, 2);
        int[][] abcd = {p[0], p[1], p[2], p[3]};
        int[][] xbcy = {p[4], p[5], p[2], p[6]};
        for (int rep = 0; rep < 20; rep++) {
            for (int[][] seq : new int[][][] {abcd, xbcy}) {
                tm.reset();
                for (int[] s : seq) {
                    tm.compute(s, 40, true);
                }
            }
        }
        int[][] cellsOfC = new int[2][];
        int k = 0;
        for (int[][] seq : new int[][][] {abcd, xbcy}) {
            tm.reset();
            for (int i = 0; i < 3; i++) {
                tm.compute(seq[i], 40, false);
            }
            cellsOfC[k++] = tm.activeCells();
            int[] predicted = Arrays.stream(tm.predictiveCells()).map(c -> c / 32).distinct().toArray();
            assertArrayEquals(seq[3], predicted); // D after A-B-C, Z after X-Y-C
        }
        assertEquals(0, new Sdr(65536).setSparse(cellsOfC[0]).overlap(new Sdr(65536).setSparse(cellsOfC[1])));
    }

    @Test
    void segmentAndSynapseLimitsHold() {
        TemporalMemory tm = new TemporalMemory(new TemporalMemory.Context().columnDimensions(256).cellsPerColumn(4)
                .maxSegmentsPerCell(2).maxSynapsesPerSegment(12).maxNewSynapseCount(8).activationThreshold(4)
                .minThreshold(3));
        Rng rng = new Rng(3);
        Sdr cols = new Sdr(256);
        for (int i = 0; i < 2000; i++) {
            tm.compute(cols.randomize(0.05, rng), true);
        }
        Connections c = tm.connections();
        for (int cell = 0; cell < tm.numberOfCells(); cell++) {
            assertTrue(c.numSegments(cell) <= 2);
            int[] segs = c.segments(cell);
            for (int j = 0; j < c.numSegments(cell); j++) {
                assertTrue(c.numSynapses(segs[j]) <= 12);
                assertTrue(c.numSynapses(segs[j]) > 0);
            }
        }
        assertTrue(tm.numSegments() > 0);
    }

    /** Sorted presynaptic cells of each segment of {@code cell}, in the cell's segment order. */
    private static int[][] segmentInputs(TemporalMemory tm, int cell) {
        Connections c = tm.connections();
        int[][] out = new int[c.numSegments(cell)][];
        for (int j = 0; j < out.length; j++) {
            int seg = c.segments(cell)[j];
            int[] pre = new int[c.numSynapses(seg)];
            for (int k = 0; k < pre.length; k++) {
                pre[k] = c.presynapticCell(c.firstSlot(seg) + k);
            }
            Arrays.sort(pre);
            out[j] = pre;
        }
        return out;
    }

    private static float permanenceFrom(TemporalMemory tm, int cell, int segmentIndex, int presynapticCell) {
        Connections c = tm.connections();
        int slot = c.findSynapse(c.segments(cell)[segmentIndex], presynapticCell);
        return slot < 0 ? Float.NaN : c.permanence(slot);
    }

    /** One cell per column, so a bursting column's winner is its only cell; new synapses start connected. */
    private static TemporalMemory smallMemory(int maxSegments, int maxSynapses) {
        return new TemporalMemory(new TemporalMemory.Context().columnDimensions(64).cellsPerColumn(1)
                .activationThreshold(2).minThreshold(2).maxNewSynapseCount(3).initialPermanence(0.6)
                .connectedPermanence(0.5).permanenceIncrement(0.1).permanenceDecrement(0.1)
                .maxSegmentsPerCell(maxSegments).maxSynapsesPerSegment(maxSynapses).seed(5));
    }

    private static void present(TemporalMemory tm, int[] context, int[] target) {
        tm.reset();
        tm.compute(context, context.length, true);
        tm.compute(target, target.length, true);
    }

    @Test
    void aFullCellLosesItsLeastRecentlyUsedSegmentNotItsOldest() {
        TemporalMemory tm = smallMemory(2, 255);
        int[] a = {0, 1, 2};
        int[] b = {3, 4, 5};
        int[] c = {6, 7, 8};
        int[] t = {20};
        present(tm, a, t); // segment 1 of cell 20: inputs A (oldest)
        present(tm, b, t); // segment 2: inputs B
        assertArrayEquals(new int[][] {a, b}, segmentInputs(tm, 20));
        present(tm, a, t); // A's segment becomes active: used more recently than B's
        assertEquals(0.0, tm.anomaly()); // the target was predicted
        present(tm, c, t); // the cell is full: B's segment (least recently used) makes room for C's
        assertArrayEquals(new int[][] {a, c}, segmentInputs(tm, 20));
        tm.reset();
        tm.compute(b, 3, false);
        assertEquals(0, tm.predictiveCells().length);
        tm.reset();
        tm.compute(a, 3, false);
        assertArrayEquals(t, tm.predictiveCells());
    }

    @Test
    void aFullSegmentDropsItsWeakestSynapsesButNeverOnesFromPreviousWinners() {
        TemporalMemory tm = smallMemory(255, 4);
        int[] t = {20};
        present(tm, new int[] {0, 1, 2}, t); // synapses from 0, 1, 2 at 0.6
        // {0, 1} makes the segment active: 0 and 1 rise to 0.7, 2 falls to 0.5, and one synapse (to
        // the only new winner, 9) is grown: maxNewSynapseCount 3 - 2 active = 1; 4 synapses, the cap
        present(tm, new int[] {0, 1, 9}, t);
        assertArrayEquals(new int[][] {{0, 1, 2, 9}}, segmentInputs(tm, 20));
        assertEquals(0.5f, permanenceFrom(tm, 20, 0, 2), 1e-6f);
        assertEquals(0.6f, permanenceFrom(tm, 20, 0, 9), 1e-6f);
        // {0, 1, 10, 11}: 0, 1 rise to 0.8, 2 falls to 0.4, 9 to 0.5; one new synapse does not fit,
        // so the weakest synapse not from a previous winner (2, at 0.4) is destroyed first
        present(tm, new int[] {0, 1, 10, 11}, t);
        int[] inputs = segmentInputs(tm, 20)[0];
        assertEquals(4, inputs.length);
        assertArrayEquals(new int[] {0, 1, 9}, Arrays.copyOf(inputs, 3));
        assertTrue(inputs[3] == 10 || inputs[3] == 11, Arrays.toString(inputs));
        assertEquals(0.5f, permanenceFrom(tm, 20, 0, 9), 1e-6f);
        // {0, 1, x} twice (x = the grown synapse, so nothing new is grown): 9 decays to 0.3 while the
        // others rise. Then {0, 9, 15}: only 0 is connected, so the segment matches (2 potential) and
        // the column bursts and the segment learns: 9 rises to 0.4 (the weakest of all), x falls to
        // 0.7, 1 to 0.9; one synapse to 15 must be grown. 9 is a previous winner and protected, so
        // the weakest unprotected synapse, x, is the one destroyed.
        int x = inputs[3];
        present(tm, new int[] {0, 1, x}, t);
        present(tm, new int[] {0, 1, x}, t);
        assertEquals(0.3f, permanenceFrom(tm, 20, 0, 9), 1e-6f);
        present(tm, new int[] {0, 9, 15}, t);
        assertEquals(1.0, tm.anomaly()); // it burst
        assertArrayEquals(new int[][] {{0, 1, 9, 15}}, segmentInputs(tm, 20));
        assertEquals(0.4f, permanenceFrom(tm, 20, 0, 9), 1e-6f);
        assertEquals(0.9f, permanenceFrom(tm, 20, 0, 1), 1e-6f);
    }

    @Test
    void predictedSegmentDecrementPunishesWrongPredictions() {
        TemporalMemory tm = new TemporalMemory(new TemporalMemory.Context().predictedSegmentDecrement(0.05));
        int[][] p = randomSequence(3, 2048, 40, 4);
        for (int rep = 0; rep < 10; rep++) {
            tm.reset();
            tm.compute(p[0], 40, true);
            tm.compute(p[1], 40, true);
        }
        long before = tm.numSynapses();
        for (int rep = 0; rep < 30; rep++) {
            tm.reset();
            tm.compute(p[0], 40, true);
            tm.compute(p[2], 40, true); // p1 predicted, p2 came: p1's segments are punished
        }
        tm.reset();
        tm.compute(p[0], 40, false);
        int[] predicted = Arrays.stream(tm.predictiveCells()).map(c -> c / 32).distinct().toArray();
        assertArrayEquals(p[2], predicted);
        assertTrue(tm.numSynapses() > 0 && before > 0);
    }

    @Test
    void saveRestoreContinuesBitIdentically() {
        TemporalMemory a = new TemporalMemory(new TemporalMemory.Context().predictedSegmentDecrement(0.01)
                .maxSegmentsPerCell(8));
        int[][] seq = randomSequence(30, 2048, 40, 5);
        Rng rng = new Rng(6);
        for (int i = 0; i < 300; i++) {
            int[] s = rng.nextInt(4) == 0 ? new Sdr(2048).randomize(0.02, rng).sparseCopy() : seq[i % 30];
            a.compute(s, s.length, true);
        }
        byte[] state = StateIo.toBytes(a);
        TemporalMemory b = StateIo.fromBytes(state, TemporalMemory::load);
        assertArrayEquals(state, StateIo.toBytes(b));
        for (int i = 0; i < 300; i++) {
            int[] s = rng.nextInt(4) == 0 ? new Sdr(2048).randomize(0.02, rng).sparseCopy() : seq[i % 30];
            assertEquals(a.compute(s, s.length, true), b.compute(s, s.length, true));
            assertArrayEquals(a.activeCells(), b.activeCells());
        }
        assertArrayEquals(StateIo.toBytes(a), StateIo.toBytes(b));
    }

    @Test
    void badInputIsRejected() {
        TemporalMemory tm = new TemporalMemory(new TemporalMemory.Context().columnDimensions(100));
        assertThrows(IllegalArgumentException.class, () -> tm.compute(new int[] {5, 3}, 2, true));
        assertThrows(IllegalArgumentException.class, () -> tm.compute(new int[] {100}, 1, true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TemporalMemory.Context().permanenceIncrement(2).conclude());
        assertTrue(e.getMessage().contains("permanenceIncrement"));
        assertEquals(0.0, tm.compute(new int[0], 0, true));
    }
}
