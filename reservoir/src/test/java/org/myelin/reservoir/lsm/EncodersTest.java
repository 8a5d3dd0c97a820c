package org.myelin.reservoir.lsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EncodersTest {
    @Test
    void poissonRatesAndGrid() {
        double[] x = new double[200];
        java.util.Arrays.fill(x, 0.5);
        x[0] = 0;
        double[][] t = Encoders.poisson(x, 200, 1000, 1, 42);
        assertEquals(0, t[0].length);
        // 199 channels x 1000 steps, p = 0.1 per step: mean 19,900 spikes, sd sqrt(19900 * 0.9) = 134;
        // accept 5 sd
        long total = 0;
        for (int c = 1; c < 200; c++) {
            total += t[c].length;
            for (int k = 0; k < t[c].length; k++) {
                assertTrue(t[c][k] >= 1 && t[c][k] <= 1000 && t[c][k] == Math.rint(t[c][k]));
                if (k > 0) assertTrue(t[c][k] > t[c][k - 1]);
            }
        }
        assertEquals(19900, total, 5 * 134);
        assertArrayEquals(t[5], Encoders.poisson(x, 200, 1000, 1, 42)[5]); // keyed: reproducible
        assertThrows(IllegalArgumentException.class, () -> Encoders.poisson(new double[] {1.5}, 10, 10, 1, 1));
    }

    @Test
    void latencyPutsStrongInputsFirst() {
        double[][] t = Encoders.latency(new double[] {1, 0.75, 0.25, 0.05}, 100, 1, 0.1);
        assertEquals(1, t[0][0]); // clamped to the first step
        assertEquals(25, t[1][0]);
        assertEquals(75, t[2][0]);
        assertEquals(0, t[3].length);
    }

    @Test
    void deltaCountsThresholdCrossings() {
        // 0 -> 1 in steps of 0.1 then back to 0.45: ten UP spikes with threshold 0.1 (each sample a crossing)
        // and five DOWN spikes (reference 1.0 -> 0.5 crosses 5 levels; 0.45 is less than a level below)
        double[] s = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 0.45};
        double[][] t = Encoders.delta(s, 0.1 - 1e-12, 2, 1);
        assertEquals(10, t[0].length);
        assertEquals(5, t[1].length);
        assertEquals(3, t[0][0]); // sample 1 read at 2 ms, emitted at the next step
        for (int k = 1; k < t[1].length; k++) assertTrue(t[1][k] > t[1][k - 1]); // a jump spreads over steps
    }
}
