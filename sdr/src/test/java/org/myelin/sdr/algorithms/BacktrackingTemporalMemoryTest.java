package org.myelin.sdr.algorithms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.sdr.Rng;
import org.myelin.sdr.Sdr;
import org.myelin.sdr.StateIo;

class BacktrackingTemporalMemoryTest {
    @Test
    void learnsARepeatingStreamWithoutResets() {
        BacktrackingTemporalMemory tm = new BacktrackingTemporalMemory(new BacktrackingTemporalMemory.Context());
        int[][] seq = TemporalMemoryTest.randomSequence(12, 2048, 40, 1);
        assertEquals(1.0, tm.compute(seq[0], 40, true));
        double last = 1;
        for (int rep = 0; rep < 25; rep++) {
            double sum = 0;
            for (int i = 0; i < seq.length; i++) {
                if (rep > 0 || i > 0) {
                    sum += tm.compute(seq[i], 40, true);
                }
            }
            last = sum / seq.length;
        }
        assertEquals(0.0, last, 1e-12);
        // every next element is among the predicted columns
        int[] predicted = tm.predictedColumns();
        assertEquals(40, new Sdr(2048).setSparse(predicted).overlap(new Sdr(2048).setSparse(seq[0])));
    }

    @Test
    void anUnexpectedInputIsAnomalousAfterLearning() {
        BacktrackingTemporalMemory tm = new BacktrackingTemporalMemory(new BacktrackingTemporalMemory.Context());
        int[][] seq = TemporalMemoryTest.randomSequence(8, 2048, 40, 2);
        for (int rep = 0; rep < 30; rep++) {
            for (int[] s : seq) {
                tm.compute(s, 40, true);
            }
        }
        int[] novel = new Sdr(2048).randomize(40 / 2048.0, new Rng(99)).sparseCopy();
        double a = tm.compute(novel, novel.length, true);
        assertTrue(a > 0.9, "anomaly of a novel input " + a);
    }

    /**
     * Cells4's {@code getBestMatchingCellT1} (learning phase 1) and {@code getBestMatchingCellT}
     * (learning phase 2), like NuPIC's Python {@code _getBestMatchingCell}, give a tie between two
     * cells of a column to the higher cell. Two cells per column get segments that match the
     * previous learning cells equally; the higher one must learn (phase 1) and be the one predicted
     * for the next step (phase 2, seen as the learning cell activated at the next step).
     */
    @Test
    void equallyMatchingSegmentsGoToTheHigherCellAsInCells4() {
        final int k = 4;
        BacktrackingTemporalMemory tm = new BacktrackingTemporalMemory(new BacktrackingTemporalMemory.Context()
                .numberOfCols(16).cellsPerColumn(k).newSynapseCount(4).maxSynapsesPerSegment(8).minThreshold(3)
                .activationThreshold(3).pamLength(10).maxSeqLength(0).seed(7));
        int[] a = {0, 1, 2, 3};
        int[] b = {4, 5, 6, 7};
        int[] c = {8, 9, 10, 11};
        int[] x = {12, 13, 14, 15};
        tm.compute(a, 4, true);
        int[] lrnA = tm.learnActiveCells();
        assertEquals(4, lrnA.length);
        int[] lrnB = {4 * k + 3, 5 * k + 3, 6 * k + 3, 7 * k + 3};
        Connections conn = tm.connections();
        for (int col : b) {
            for (int i : new int[] {1, 3}) {
                int s = conn.createSegment(col * k + i);
                for (int pre : lrnA) {
                    conn.createSynapse(s, pre, 0.21f);
                }
            }
        }
        for (int col : c) {
            for (int i : new int[] {1, 2}) {
                int s = conn.createSegment(col * k + i);
                for (int pre : lrnB) {
                    conn.createSynapse(s, pre, 0.6f);
                }
            }
        }
        tm.compute(x, 4, false); // inference only: the learning state stays that of step a
        tm.compute(b, 4, true);
        assertArrayEquals(lrnB, tm.learnActiveCells(), "phase 1: the tie goes to cell 3, not cell 1");
        tm.compute(c, 4, true);
        assertArrayEquals(new int[] {8 * k + 2, 9 * k + 2, 10 * k + 2, 11 * k + 2}, tm.learnActiveCells(),
                "phase 2 predicted cell 2, not cell 1");
    }

    @Test
    void startCellsNeverGetSegmentsAndLimitsHold() {
        BacktrackingTemporalMemory tm = new BacktrackingTemporalMemory(new BacktrackingTemporalMemory.Context()
                .numberOfCols(256).cellsPerColumn(4).maxSegmentsPerCell(3).maxSynapsesPerSegment(24)
                .newSynapseCount(10).activationThreshold(6).minThreshold(4));
        Rng rng = new Rng(3);
        int[][] seq = TemporalMemoryTest.randomSequence(7, 256, 12, 4);
        for (int i = 0; i < 3000; i++) {
            int[] s = rng.nextInt(3) == 0 ? new Sdr(256).randomize(12 / 256.0, rng).sparseCopy() : seq[i % 7];
            tm.compute(s, s.length, true);
        }
        Connections c = tm.connections();
        for (int cell = 0; cell < 256 * 4; cell++) {
            if (cell % 4 == 0) {
                assertEquals(0, c.numSegments(cell), "start cell " + cell);
            }
            assertTrue(c.numSegments(cell) <= 3);
            int[] segs = c.segments(cell);
            for (int j = 0; j < c.numSegments(cell); j++) {
                assertTrue(c.numSynapses(segs[j]) <= 24 && c.numSynapses(segs[j]) > 0);
            }
        }
        assertTrue(tm.numSegments() > 100);
    }

    @Test
    void saveRestoreContinuesBitIdentically() {
        BacktrackingTemporalMemory a = new BacktrackingTemporalMemory(new BacktrackingTemporalMemory.Context()
                .maxSegmentsPerCell(4));
        int[][] seq = TemporalMemoryTest.randomSequence(20, 2048, 40, 5);
        Rng rng = new Rng(6);
        for (int i = 0; i < 400; i++) {
            int[] s = rng.nextInt(5) == 0 ? new Sdr(2048).randomize(40 / 2048.0, rng).sparseCopy() : seq[i % 20];
            a.compute(s, s.length, true);
        }
        byte[] state = StateIo.toBytes(a);
        BacktrackingTemporalMemory b = StateIo.fromBytes(state, BacktrackingTemporalMemory::load);
        assertArrayEquals(state, StateIo.toBytes(b));
        for (int i = 0; i < 400; i++) {
            int[] s = rng.nextInt(5) == 0 ? new Sdr(2048).randomize(40 / 2048.0, rng).sparseCopy() : seq[i % 20];
            assertEquals(a.compute(s, s.length, true), b.compute(s, s.length, true));
            assertArrayEquals(a.activeCells(), b.activeCells());
            assertArrayEquals(a.learnActiveCells(), b.learnActiveCells());
        }
        assertArrayEquals(StateIo.toBytes(a), StateIo.toBytes(b));
    }

    @Test
    void badInputAndParametersAreRejected() {
        BacktrackingTemporalMemory tm = new BacktrackingTemporalMemory(new BacktrackingTemporalMemory.Context()
                .numberOfCols(64));
        assertThrows(IllegalArgumentException.class, () -> tm.compute(new int[] {9, 9}, 2, true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BacktrackingTemporalMemory.Context().maxSynapsesPerSegment(10).conclude());
        assertTrue(e.getMessage().contains("maxSynapsesPerSegment"));
    }
}
