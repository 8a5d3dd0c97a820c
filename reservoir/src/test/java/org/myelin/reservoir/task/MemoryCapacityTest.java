package org.myelin.reservoir.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.reservoir.Esn;

class MemoryCapacityTest {
    static MemoryCapacity.Context fast() {
        return new MemoryCapacity.Context().washout(200).train(2000).test(1000).ridge(1e-12);
    }

    @Test
    void aDelayLineRemembersExactlyItsLength() {
        // 20 linear units in a chain hold u(t), u(t-1), ..., u(t-19): the 19 delays k = 1..19 are
        // recovered exactly (r^2 = 1) and nothing beyond. The 21 unrecoverable delays up to k = 40
        // each add a test r^2 of order 1/T_test = 1e-3 (chance correlation), so MC = 19 + ~0.02.
        Esn esn = new Esn(new Esn.Context().units(20).topology(Esn.Topology.DELAY_LINE).activation(Esn.Activation.IDENTITY));
        MemoryCapacity.Result r = MemoryCapacity.evaluate(esn, fast().maxDelay(40).seed(5));
        for (int k = 0; k < 19; k++) assertEquals(1, r.perDelay()[k], 1e-9, "delay " + (k + 1));
        assertEquals(19, r.capacity(), 0.1);
    }

    @Test
    void linearOrthogonalReservoirNearsItsSize() {
        // 20 units, radius 0.8, delays up to 100: over seeds 1..10, MC = 19.04 +- 0.23. Bounds: at
        // most N plus chance correlations (~80 delays x 1e-3), at least 4 sd below the mean.
        Esn esn = new Esn(Standard.memoryLinear(20, 1).spectralRadius(0.8));
        double mc = MemoryCapacity.evaluate(esn, fast().maxDelay(100).seed(1)).capacity();
        assertTrue(mc > 18 && mc < 20.2, "MC " + mc);
    }

    @Test
    void tanhReservoirScore() {
        // 50 units, standard tanh setting, 2,000 training steps: over seeds 1..10, MC = 28.1 +- 2.4;
        // the bound is 3.4 sd below the mean
        Esn esn = new Esn(Standard.memoryTanh(50, 1));
        double mc = MemoryCapacity.evaluate(esn, fast().maxDelay(100).seed(1)).capacity();
        assertTrue(mc > 20 && mc <= 50, "MC " + mc);
    }
}
