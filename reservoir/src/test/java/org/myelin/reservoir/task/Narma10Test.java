package org.myelin.reservoir.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.reservoir.Esn;

class Narma10Test {
    @Test
    void recurrenceByHand() {
        double[] u = new double[13];
        for (int t = 0; t < 13; t++) u[t] = 0.01 * (t + 1);
        double[] y = Narma10.recurrence(u);
        for (int t = 0; t <= 9; t++) assertEquals(0, y[t]);
        // y(10) = 0.3*0 + 0.05*0*sum + 1.5 u(0) u(9) + 0.1
        assertEquals(1.5 * 0.01 * 0.10 + 0.1, y[10], 1e-15);
        double y11 = 0.3 * y[10] + 0.05 * y[10] * y[10] + 1.5 * u[1] * u[10] + 0.1;
        assertEquals(y11, y[11], 1e-15);
        double y12 = 0.3 * y11 + 0.05 * y11 * (y11 + y[10]) + 1.5 * u[2] * u[11] + 0.1;
        assertEquals(y12, y[12], 1e-15);
    }

    @Test
    void generatedPairsAreAligned() {
        Narma10.Data d = Narma10.generate(1000, 3);
        double[] y = Narma10.recurrence(d.u());
        for (int t = 0; t < 1000; t++) assertEquals(y[t + 1], d.target()[t]); // target[t] = y(t+1)
        for (double u : d.u()) assertTrue(u >= 0 && u < 0.5);
        assertArrayEquals(d.u(), Narma10.generate(1000, 3).u());
    }

    @Test
    void smallReservoirScore() {
        // 50 units, 2,000 training steps: over seeds 1..10 the NRMSE was 0.354 +- 0.015 (mean +- sd);
        // the bound 0.42 is four standard deviations above the mean
        Esn esn = new Esn(Standard.narma10(50, 1));
        Narma10.Result r = Narma10.evaluate(esn, new Narma10.Context().seed(101).train(2000));
        assertTrue(r.nrmse() < 0.42, "NRMSE " + r.nrmse());
    }
}
