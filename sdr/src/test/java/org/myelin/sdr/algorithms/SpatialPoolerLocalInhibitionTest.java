package org.myelin.sdr.algorithms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.myelin.sdr.Rng;
import org.myelin.sdr.Sdr;

/**
 * Local inhibition against an independent, naive transcription of htm.core's
 * {@code SpatialPooler::inhibitColumnsLocal_}: neighbours found by brute force over all columns with
 * a per-dimension (optionally modular) distance, instead of the pooler's window enumeration.
 */
class SpatialPoolerLocalInhibitionTest {

    /** htm.core's rule, written from its source with no shared code. */
    static int[] reference(double[] overlaps, int[] dims, int radius, boolean wrap, double density, int stimulus) {
        int n = Topology.product(dims);
        boolean[] selected = new boolean[n];
        int[] out = new int[n];
        int count = 0;
        int[] a = new int[dims.length];
        int[] b = new int[dims.length];
        for (int c = 0; c < n; c++) {
            if (overlaps[c] < stimulus) {
                continue;
            }
            Topology.coordinates(c, dims, a);
            int numNeighbors = 0;
            int numBigger = 0;
            for (int o = 0; o < n; o++) {
                if (o == c) {
                    continue;
                }
                Topology.coordinates(o, dims, b);
                boolean near = true;
                for (int d = 0; d < dims.length; d++) {
                    int dist = Math.abs(a[d] - b[d]);
                    if (wrap) {
                        dist = Math.min(dist, dims[d] - dist);
                    }
                    near &= dist <= radius;
                }
                if (!near) {
                    continue;
                }
                numNeighbors++;
                double diff = overlaps[o] - overlaps[c];
                if (diff > 0 || (diff == 0 && selected[o])) {
                    numBigger++;
                }
            }
            int numActive = (int) (0.5 + density * (numNeighbors + 1));
            if (numBigger < numActive) {
                selected[c] = true;
                out[count++] = c;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /**
     * Runs the pooler and compares every step with the reference; {@code perArea > 0} means
     * numActiveColumnsPerInhArea (density = perArea / min((2r + 1)^d, numColumns), at most 0.5, with r
     * the radius in force during the step), else {@code density} is localAreaDensity.
     */
    private static void checkAgainstReference(SpatialPooler.Context ctx, int[] dims, boolean wrap, int stimulus,
            int perArea, double density, int steps, boolean learn, long seed) {
        SpatialPooler sp = new SpatialPooler(ctx);
        Rng rng = new Rng(seed);
        int[] out = new int[sp.numColumns()];
        int maxDim = Arrays.stream(dims).max().getAsInt();
        for (int step = 0; step < steps; step++) {
            int radius = sp.inhibitionRadius();
            assertTrue(radius >= 1 && radius <= maxDim, "radius " + radius + " would make it global");
            double d = density;
            if (perArea > 0) {
                int area = (int) Math.min(Math.pow(2 * radius + 1, dims.length), sp.numColumns());
                d = Math.min(perArea / (double) area, 0.5);
            }
            int[] in = new Sdr(sp.numInputs()).randomize(0.15, rng).sparseCopy();
            int n = sp.compute(in, in.length, learn, out);
            int[] expected = reference(sp.boostedOverlaps(), dims, radius, wrap, d, stimulus);
            assertArrayEquals(expected, Arrays.copyOf(out, n), "step " + step + ", radius " + radius);
        }
    }

    @Test
    void oneDimensionalWithAndWithoutWrapMatchesHtmCore() {
        for (boolean wrap : new boolean[] {true, false}) {
            for (int stimulus : new int[] {0, 3}) {
                SpatialPooler.Context c = new SpatialPooler.Context().inputDimensions(150).columnDimensions(150)
                        .potentialRadius(6).potentialPct(0.6).globalInhibition(false).localAreaDensity(0.1)
                        .stimulusThreshold(stimulus).wrapAround(wrap).seed(11);
                checkAgainstReference(c, new int[] {150}, wrap, stimulus, 0, 0.1, 30, false, 5);
            }
        }
    }

    @Test
    void twoDimensionalWithNumActivePerAreaAndLearningWithBoostingMatchesHtmCore() {
        for (boolean wrap : new boolean[] {true, false}) {
            SpatialPooler.Context c = new SpatialPooler.Context().inputDimensions(20, 12).columnDimensions(20, 12)
                    .potentialRadius(3).potentialPct(0.5).globalInhibition(false).localAreaDensity(0)
                    .numActiveColumnsPerInhArea(5).stimulusThreshold(1).boostStrength(2.0).synPermActiveInc(0.05)
                    .synPermInactiveDec(0.01).wrapAround(wrap).seed(12);
            // learning: boosted overlaps, radius updates every 50 steps
            checkAgainstReference(c, new int[] {20, 12}, wrap, 1, 5, 0, 120, true, 6);
        }
    }

    @Test
    void aRunOfEqualColumnsIsThinnedToEveryOtherOne() {
        // potentialRadius 0: every column sees only its own input bit, and stimulusThreshold 1 makes
        // initialisation connect that one synapse, so a column's overlap is its input bit. The
        // connected span is 1 input, the inhibition radius max(1, (1 - 1) / 2) = 1. With density 0.2 a
        // column has 3 columns in its neighbourhood and numActive = (int) (0.5 + 0.2 * 3) = 1: it wins
        // only if no neighbour beats it, and an equal neighbour beats it once chosen. So in each run of
        // active inputs every other column wins, counting from the run's start (when wrapping, column
        // 0, decided first, also beats column n - 1). Without wrapping the two edge columns have one
        // neighbour, numActive = (int) (0.5 + 0.2 * 2) = 0, and never win.
        for (boolean wrap : new boolean[] {true, false}) {
            int n = 200;
            SpatialPooler sp = new SpatialPooler(new SpatialPooler.Context().inputDimensions(n).columnDimensions(n)
                    .potentialRadius(0).potentialPct(1.0).globalInhibition(false).localAreaDensity(0.2)
                    .stimulusThreshold(1).wrapAround(wrap).seed(21));
            assertEquals(1, sp.inhibitionRadius());
            for (int c = 0; c < n; c++) {
                assertArrayEquals(new int[] {c}, sp.potentialPool(c));
                assertEquals(1, sp.connectedCounts()[c]);
            }
            Sdr input = new Sdr(n).randomize(0.5, new Rng(22));
            boolean[] on = new boolean[n];
            for (int i : input.sparse()) {
                on[i] = true;
            }
            int[] out = new int[n];
            int got = sp.compute(input.sparseCopy(), input.sum(), false, out);
            boolean[] chosen = new boolean[n];
            int[] expected = new int[n];
            int k = 0;
            int longRuns = 0;
            for (int c = 0; c < n; c++) {
                boolean beatenLeft = c > 0 && chosen[c - 1];
                boolean beatenRight = wrap && c == n - 1 && chosen[0];
                boolean edge = !wrap && (c == 0 || c == n - 1);
                if (on[c] && !beatenLeft && !beatenRight && !edge) {
                    chosen[c] = true;
                    expected[k++] = c;
                }
                if (c > 0 && on[c] && on[c - 1]) {
                    longRuns++;
                }
            }
            assertTrue(longRuns > 20, "the draw must contain runs of 2 or more");
            assertArrayEquals(Arrays.copyOf(expected, k), Arrays.copyOf(out, got), "wrap " + wrap);
        }
    }

    @Test
    void aRadiusBeyondEveryColumnDimensionInhibitsGlobally() {
        // input 100 x 1 and columns 1 x 100: the average connected span (~50) times the average
        // columns per input ((1/100 + 100) / 2) gives a radius far beyond 100, where htm.core
        // switches to global inhibition: exactly floor(density * numColumns) winners, the best ones.
        SpatialPooler sp = new SpatialPooler(new SpatialPooler.Context().inputDimensions(100, 1)
                .columnDimensions(1, 100).potentialRadius(100).potentialPct(0.5).globalInhibition(false)
                .localAreaDensity(0.1).seed(31));
        assertTrue(sp.inhibitionRadius() > 100, "radius " + sp.inhibitionRadius());
        Rng rng = new Rng(32);
        int[] out = new int[100];
        for (int step = 0; step < 20; step++) {
            int[] in = new Sdr(100).randomize(0.2, rng).sparseCopy();
            int n = sp.compute(in, in.length, false, out);
            assertEquals(10, n);
            double[] ov = sp.boostedOverlaps();
            double worstWinner = Double.MAX_VALUE;
            boolean[] win = new boolean[100];
            for (int i = 0; i < n; i++) {
                worstWinner = Math.min(worstWinner, ov[out[i]]);
                win[out[i]] = true;
            }
            for (int c = 0; c < 100; c++) {
                assertTrue(win[c] || ov[c] <= worstWinner, "column " + c + " lost with a better overlap");
            }
        }
    }

    @Test
    void localInhibitionAndLearningAllocateNothingPerStep() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SpatialPooler sp = new SpatialPooler(new SpatialPooler.Context().inputDimensions(32, 32)
                .columnDimensions(32, 32).potentialRadius(4).potentialPct(0.5).globalInhibition(false)
                .localAreaDensity(0.05).boostStrength(1.0).seed(3));
        Rng rng = new Rng(6);
        int[][] inputs = new int[16][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = new Sdr(1024).randomize(0.2, rng).sparseCopy();
        }
        int[] out = new int[1024];
        for (int i = 0; i < 60; i++) {
            sp.compute(inputs[i % 16], inputs[i % 16].length, true, out);
        }
        long overhead = -bean.getCurrentThreadAllocatedBytes() + bean.getCurrentThreadAllocatedBytes();
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 60; i < 110; i++) { // step 100 updates the inhibition radius and min duty cycles
            sp.compute(inputs[i % 16], inputs[i % 16].length, true, out);
        }
        long allocated = bean.getCurrentThreadAllocatedBytes() - before - overhead;
        assertTrue(allocated < 256, "allocated " + allocated + " bytes in 50 steps");
    }
}
