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

class SpatialPoolerTest {
    static SpatialPooler.Context nab() {
        return new SpatialPooler.Context().inputDimensions(454).columnDimensions(2048).potentialRadius(454)
                .potentialPct(0.8).globalInhibition(true).numActiveColumnsPerInhArea(40).synPermActiveInc(0.003)
                .synPermInactiveDec(0.0005).synPermConnected(0.2).seed(1956);
    }

    @Test
    void globalInhibitionGivesExactlyTheWantedNumberOfColumns() {
        SpatialPooler sp = new SpatialPooler(nab());
        assertEquals(40, sp.numActiveColumns());
        Rng rng = new Rng(1);
        for (int i = 0; i < 50; i++) {
            Sdr in = new Sdr(454).randomize(0.1, rng);
            Sdr out = new Sdr(2048);
            sp.compute(in, true, out);
            assertEquals(40, out.sum());
        }
        // potential pools: round(0.8 * 454) inputs each
        assertEquals(363, sp.potentialPool(7).length);
    }

    @Test
    void overlapsEqualConnectedSynapsesToActiveInputs() {
        SpatialPooler sp = new SpatialPooler(nab());
        Sdr in = new Sdr(454).randomize(0.1, new Rng(4));
        sp.compute(in, false, new Sdr(2048));
        for (int c = 0; c < 2048; c += 97) {
            int[] pool = sp.potentialPool(c);
            float[] perm = sp.permanences(c);
            int expected = 0;
            for (int k = 0; k < pool.length; k++) {
                if (perm[k] >= 0.2f - 1e-6f && in.get(pool[k])) {
                    expected++;
                }
            }
            assertEquals(expected, sp.overlaps()[c]);
        }
    }

    @Test
    void similarInputsGiveSimilarOutputsAndDifferentOnesDiffer() {
        SpatialPooler sp = new SpatialPooler(nab());
        Rng rng = new Rng(2);
        Sdr a = new Sdr(454).randomize(0.1, rng);
        Sdr a2 = new Sdr(a).addNoise(0.1, rng);
        Sdr b = new Sdr(454).randomize(0.1, rng);
        Sdr oa = new Sdr(2048);
        Sdr oa2 = new Sdr(2048);
        Sdr ob = new Sdr(2048);
        sp.compute(a, false, oa);
        sp.compute(a2, false, oa2);
        sp.compute(b, false, ob);
        assertTrue(oa.overlap(oa2) > 20, "noisy copy overlap " + oa.overlap(oa2));
        assertTrue(oa.overlap(ob) < 10, "unrelated overlap " + oa.overlap(ob));
    }

    @Test
    void learningMakesARepeatedInputsRepresentationStable() {
        SpatialPooler sp = new SpatialPooler(nab().synPermActiveInc(0.05).synPermInactiveDec(0.01));
        Rng rng = new Rng(3);
        Sdr[] inputs = new Sdr[5];
        for (int i = 0; i < 5; i++) {
            inputs[i] = new Sdr(454).randomize(0.1, rng);
        }
        Sdr out = new Sdr(2048);
        for (int epoch = 0; epoch < 30; epoch++) {
            for (Sdr in : inputs) {
                sp.compute(in, true, out);
            }
        }
        Sdr before = new Sdr(2048);
        Sdr after = new Sdr(2048);
        sp.compute(inputs[0], false, before);
        for (Sdr in : inputs) {
            sp.compute(in, true, out);
        }
        sp.compute(inputs[0], false, after);
        assertEquals(before, after);
        // the winning columns are now strongly connected to the input
        int min = Integer.MAX_VALUE;
        for (int c : before.sparseCopy()) {
            min = Math.min(min, sp.overlaps()[c]);
        }
        assertTrue(min >= 30, "min overlap of winners " + min);
    }

    @Test
    void boostingActivatesNeglectedColumns() {
        SpatialPooler sp = new SpatialPooler(new SpatialPooler.Context().inputDimensions(100).columnDimensions(200)
                .potentialRadius(100).potentialPct(0.5).localAreaDensity(0.05).boostStrength(5).seed(9));
        Rng rng = new Rng(5);
        Sdr in = new Sdr(100);
        Sdr out = new Sdr(200);
        boolean[] ever = new boolean[200];
        for (int i = 0; i < 3000; i++) {
            sp.compute(in.randomize(0.1, rng), true, out);
            for (int c : out.sparseCopy()) {
                ever[c] = true;
            }
        }
        int used = 0;
        for (boolean e : ever) {
            used += e ? 1 : 0;
        }
        assertTrue(used > 190, "columns ever active: " + used);
        assertTrue(Arrays.stream(sp.boostFactors()).anyMatch(b -> b != 1.0));
    }

    @Test
    void localInhibitionKeepsTheDensityInEachNeighbourhood() {
        SpatialPooler sp = new SpatialPooler(new SpatialPooler.Context().inputDimensions(32, 32)
                .columnDimensions(32, 32).potentialRadius(4).potentialPct(0.5).globalInhibition(false)
                .localAreaDensity(0.05).seed(3));
        Sdr out = new Sdr(32, 32);
        sp.compute(new Sdr(32, 32).randomize(0.2, new Rng(6)), true, out);
        double density = out.sum() / 1024.0;
        assertTrue(density > 0.02 && density < 0.12, "density " + density);
        assertTrue(sp.inhibitionRadius() >= 1);
    }

    @Test
    void saveRestoreContinuesBitIdentically() {
        SpatialPooler a = new SpatialPooler(nab().boostStrength(1.0));
        Rng rng = new Rng(8);
        Sdr out = new Sdr(2048);
        for (int i = 0; i < 120; i++) {
            a.compute(new Sdr(454).randomize(0.1, rng), true, out);
        }
        byte[] state = StateIo.toBytes(a);
        SpatialPooler b = StateIo.fromBytes(state, SpatialPooler::load);
        assertArrayEquals(state, StateIo.toBytes(b));
        Sdr oa = new Sdr(2048);
        Sdr ob = new Sdr(2048);
        for (int i = 0; i < 120; i++) {
            Sdr in = new Sdr(454).randomize(0.1, rng);
            a.compute(in, true, oa);
            b.compute(in, true, ob);
            assertEquals(oa, ob);
        }
        assertArrayEquals(StateIo.toBytes(a), StateIo.toBytes(b));
    }

    @Test
    void parametersAreValidatedWithTheirNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpatialPooler.Context().potentialPct(1.5).conclude());
        assertTrue(e.getMessage().contains("potentialPct"));
        assertThrows(IllegalArgumentException.class,
                () -> new SpatialPooler.Context().inputDimensions(10).columnDimensions(4, 4).conclude());
        SpatialPooler sp = new SpatialPooler(nab());
        assertThrows(IndexOutOfBoundsException.class, () -> sp.compute(new int[] {454}, 1, true, new int[2048]));
        // a failed compute leaves no stale input bits behind
        sp.compute(new int[] {3}, 1, false, new int[2048]);
    }
}
