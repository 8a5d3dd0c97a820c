package org.myelin.reservoir.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.reservoir.Esn;

class MackeyGlassPredictionTest {
    @Test
    void oneStepWithASmallReservoir() {
        // 50 units, 1,000 training steps: over seeds 1..10, RMSE = 1.31e-4 +- 0.22e-4; the bound
        // 2.5e-4 is five sd above the mean (and still 8x below the 0.002 target for 100 units)
        Esn esn = new Esn(Standard.mackeyGlass(50, 1));
        MackeyGlassPrediction.Result r = MackeyGlassPrediction.oneStep(esn, Standard.mackeyGlassTask(1).train(1000));
        assertTrue(r.rmse() < 2.5e-4, "RMSE " + r.rmse());
        assertEquals(r.prediction().length, r.target().length);
    }

    @Test
    void freeRunErrorGrowsFromTheOneStepError() {
        Esn esn = new Esn(Standard.mackeyGlass84(200, 1));
        MackeyGlassPrediction.Result r = MackeyGlassPrediction.freeRun(esn,
                Standard.mackeyGlass84Task(1).train(2000).trials(10).grid(new double[] {1e-10, 1e-8, 1e-6}));
        double[] c = r.curve();
        assertEquals(84, c.length);
        // the first free-running step is a one-step prediction: small; errors then accumulate
        assertTrue(c[0] < 2e-3, "step 1 NRMSE " + c[0]);
        assertTrue(c[83] > c[0], "step 84 " + c[83] + " vs step 1 " + c[0]);
        assertEquals(c[83], r.nrmse(), 1e-12);
        assertTrue(r.nrmse() < 0.5, "NRMSE84 " + r.nrmse());
    }
}
