package org.myelin.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The vectorised Poisson drive (JDK vector API) against the scalar loop: the same input, bit for bit,
 * for means from 0.001 to 31 per step (the guide table's range), a negative weight, and an odd slice
 * so the scalar tail runs too; the draws that fall in a straddling bucket of the guide table (the
 * search path) are counted, so the test knows it covered them.
 */
class PoissonSimdTest {
    @Test
    void vectorisedDriveIsBitIdenticalToScalar() {
        assertNotNull(Stimulation.POISSON_SIMD, "the tests run with --add-modules jdk.incubator.vector (see the parent"
                + " pom's argLine); without it this test cannot check the vectorised path");
        int n = 1003, from = 3, to = n - 2, base = 7;
        long[] keys = new long[n];
        for (int j = 0; j < n; j++) keys[j] = Rng.key(Rng.mix(5), j);
        int[] scratch = new int[n];
        for (double lambda : new double[] {0.001, 0.2, 2.0, 7.5, 31.0}) {
            long[] table = Rng.poissonTable(lambda);
            int[] guide = Rng.poissonGuide(table);
            double w = lambda == 2.0 ? -0.35 : 0.1;
            double[] a = new double[base + n], b = new double[base + n];
            long searched = 0, total = 0;
            for (long t = 0; t < 400; t++) {
                Stimulation.poissonScalar(keys, t, guide, table, a, base, from, to, w);
                Stimulation.POISSON_SIMD.add(keys, t, guide, table, b, base, from, to, w, scratch);
                assertArrayEquals(a, b, "lambda " + lambda + ", step " + t);
                for (int j = from; j < to; j++) {
                    if (guide[(int) ((Rng.bits(keys[j], t) >>> 11) >>> Rng.GUIDE_SHIFT)] < 0) searched++;
                    total += Rng.poissonSearch(table, Rng.bits(keys[j], t) >>> 11);
                }
            }
            double draws = 400.0 * (to - from);
            assertTrue(Math.abs(total / draws - lambda) < 5 * Math.sqrt(lambda / draws),
                    "mean " + total / draws + " for lambda " + lambda);
            assertTrue(searched > 0, "no draw of lambda " + lambda + " took the search path");
        }
    }
}
