package org.myelin.reservoir.readout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.myelin.core.Rng;
import org.myelin.reservoir.Esn;
import org.myelin.reservoir.task.Narma10;
import org.myelin.reservoir.task.Standard;

class ErrorModulatedTest {
    @Test
    void recoversANoiselessLinearMapOnOffsetFeatures() {
        // y = W^T x + b exactly, features with large offsets and different scales: the rule must
        // find W and b (the unique least-squares solution), folded back to the raw features.
        int n = 2000, f = 5;
        double[][] w = {{1.5, -2}, {0.25, 0}, {-0.7, 3}, {2, 1}, {0, -0.5}};
        double[] b = {0.3, -1.2};
        double[] offset = {10, -5, 3, 0, 100}, scale = {1, 0.1, 5, 2, 0.5};
        Rng.Stream s = new Rng.Stream(Rng.key(4, 0, 0, 0));
        DMatrixRMaj x = new DMatrixRMaj(n, f), y = new DMatrixRMaj(n, 2);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < f; j++) x.set(r, j, offset[j] + scale[j] * s.nextGaussian());
            for (int k = 0; k < 2; k++) {
                double v = b[k];
                for (int j = 0; j < f; j++) v += w[j][k] * x.get(r, j);
                y.set(r, k, v);
            }
        }
        LinearReadout r = ErrorModulated.fit(x, y, new ErrorModulated.Context());
        for (int j = 0; j < f; j++) for (int k = 0; k < 2; k++) assertEquals(w[j][k], r.weight(j, k), 1e-6, "W " + j + "," + k);
        for (int k = 0; k < 2; k++) assertEquals(b[k], r.intercept(k), 1e-4, "b " + k);
    }

    @Test
    void narma10WithinAFactorTwoOfRidge() {
        // ESN 100 (task.Standard), seeds 1-3: ridge 0.253, 0.259, 0.220; the online rule with the
        // defaults 0.359, 0.405, 0.398 (ratios 1.42, 1.57, 1.81). The rule is plain (normalised) LMS,
        // which converges slowly along the small-eigenvalue directions of the correlated states.
        for (long seed = 1; seed <= 3; seed++) {
            double ridge = Narma10.evaluate(new Esn(Standard.narma10(100, seed)), new Narma10.Context().seed(seed)).nrmse();
            double online = Narma10.evaluate(new Esn(Standard.narma10(100, seed)),
                    new Narma10.Context().seed(seed).online(new ErrorModulated.Context())).nrmse();
            System.out.printf("narma10 seed %d: ridge %.4f, error-modulated %.4f (x%.2f)%n", seed, ridge, online, online / ridge);
            assertTrue(online < 2 * ridge, "seed " + seed + ": online " + online + ", ridge " + ridge);
            assertTrue(online < 0.5, "seed " + seed + ": online NRMSE " + online + " should be far below 1 (the mean's)");
        }
    }

    @Test
    void badSettingsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ErrorModulated.Context().eta(2).conclude());
        assertTrue(e.getMessage().contains("eta = 2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ErrorModulated.Context().epochs(0).conclude());
        assertTrue(e.getMessage().contains("epochs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ErrorModulated.fit(new DMatrixRMaj(3, 2), new DMatrixRMaj(4, 1), new ErrorModulated.Context()));
        assertTrue(e.getMessage().contains("3 feature rows and 4 target rows"), e.getMessage());
    }
}
