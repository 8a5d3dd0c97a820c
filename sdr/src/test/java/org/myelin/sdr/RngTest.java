package org.myelin.sdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void sameSeedSameSequenceAndStateRestores() {
        Rng a = new Rng(5);
        Rng b = new Rng(5);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
        long s = a.state();
        long x = a.nextLong();
        a.state(s);
        assertEquals(x, a.nextLong());
    }

    @Test
    void nextIntIsUniformWithinBinomialError() {
        Rng r = new Rng(11);
        int k = 7;
        int n = 700_000;
        int[] counts = new int[k];
        for (int i = 0; i < n; i++) {
            counts[r.nextInt(k)]++;
        }
        // each count ~ Binomial(n, 1/k): 5 standard deviations
        double mean = n / (double) k;
        double sd = Math.sqrt(n * (1.0 / k) * (1 - 1.0 / k));
        for (int c : counts) {
            assertTrue(Math.abs(c - mean) < 5 * sd, "count " + c + " mean " + mean);
        }
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(0));
    }

    @Test
    void sampleMovesDistinctElementsToTheFront() {
        Rng r = new Rng(3);
        int[] v = new int[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i;
        }
        r.sample(v, 100, 30);
        boolean[] seen = new boolean[100];
        for (int i = 0; i < 100; i++) {
            assertTrue(!seen[v[i]]);
            seen[v[i]] = true;
        }
    }
}
