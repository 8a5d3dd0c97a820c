package org.myelin.reservoir.lsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.myelin.core.Rng;

class CriticalityTest {
    /** A branching process with immigration: A(t+1) ~ Poisson(m A(t) + h). */
    static double[] process(double m, double h, int length, long seed) {
        long key = Rng.key(seed, 1, 2, 3);
        double[] a = new double[length];
        a[0] = h / (1 - m);
        for (int t = 1; t < length; t++) {
            double lam = m * a[t - 1] + h;
            a[t] = Rng.poisson(key, t, lam, Math.exp(-lam));
        }
        return a;
    }

    @Test
    void recoversTheBranchingParameter() {
        // 100,000 bins: the regression slope's standard error is about sqrt((1 - m^2) / T) = 0.0014;
        // 0.01 is seven of them
        double[] a = process(0.9, 5, 100000, 7);
        Criticality.Branching b = Criticality.branching(a, 10);
        assertEquals(0.9, b.conventional(), 0.01);
        assertEquals(0.9, b.multistep(), 0.01);
    }

    @Test
    void multistepIsRobustToSubsampling() {
        // record each event with probability 0.2 (binomial thinning): the lag-1 slope drops well
        // below m (its expectation here is about 0.9 * 0.37), the multistep estimate does not
        double[] a = process(0.95, 10, 200000, 9);
        long key = Rng.key(4, 5, 6, 7);
        double[] sub = new double[a.length];
        for (int t = 0; t < a.length; t++) {
            int k = 0;
            for (int i = 0; i < a[t]; i++) if (Rng.uniform(key, (long) t * 4096 + i) < 0.2) k++;
            sub[t] = k;
        }
        Criticality.Branching b = Criticality.branching(sub, 20);
        assertEquals(0.95, b.multistep(), 0.02);
        assertEquals(true, b.conventional() < 0.8, "conventional " + b.conventional());
    }

    @Test
    void binsSpikes() {
        assertArrayEquals(new double[] {2, 0, 1}, Criticality.activity(new int[] {0, 1, 5, 6}, 6, 2));
    }
}
