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
