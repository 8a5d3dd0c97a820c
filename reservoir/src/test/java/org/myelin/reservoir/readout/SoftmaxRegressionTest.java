package org.myelin.reservoir.readout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.myelin.core.Rng;
import org.myelin.reservoir.task.Metrics;

class SoftmaxRegressionTest {
    @Test
    void separatesGaussianBlobs() {
        // three classes centred 4 standard deviations apart in 5-D: the Bayes error is below 0.3 %,
        // so a correct linear classifier scores >= 98 % on 600 fresh points (binomial sd ~0.5 %)
        int n = 1500;
        DMatrixRMaj x = new DMatrixRMaj(n, 5);
        int[] y = new int[n];
        Rng.Stream r = new Rng.Stream(8);
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 5; j++) x.set(i, j, r.nextGaussian() + (j == y[i] ? 4 : 0) + 10);
        }
        SoftmaxRegression m = SoftmaxRegression.fit(org.myelin.reservoir.readout.Rows.slice(x, 0, 900),
                java.util.Arrays.copyOf(y, 900), 3, new SoftmaxRegression.Context().epochs(20).rate(1e-2), null);
        int[] p = m.predict(org.myelin.reservoir.readout.Rows.slice(x, 900, n));
        assertTrue(Metrics.accuracy(p, java.util.Arrays.copyOfRange(y, 900, n)) >= 0.98);
        double[] prob = m.probabilities(new double[] {14, 10, 10, 10, 10});
        assertEquals(1, prob[0] + prob[1] + prob[2], 1e-12);
        assertTrue(prob[0] > prob[1] && prob[0] > prob[2] && prob[0] > 0.6, java.util.Arrays.toString(prob));
    }

    @Test
    void cosineAnnealingSettlesNearerTheOptimumThanAConstantStep() {
        // overlapping classes (centres 1 sd apart), no l2: the mean cross-entropy is convex with a finite
        // minimum. With a large constant step Adam hovers around it; annealed to 0 it settles, so its
        // final training loss is lower. Both fits see the same shuffles (same seed), and the first
        // step is the same (cos 0 = 1).
        int n = 2000;
        DMatrixRMaj x = new DMatrixRMaj(n, 4);
        int[] y = new int[n];
        Rng.Stream r = new Rng.Stream(3);
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int j = 0; j < 4; j++) x.set(i, j, r.nextGaussian() + (j == 0 && y[i] == 1 ? 1 : 0));
        }
        SoftmaxRegression.Context c = new SoftmaxRegression.Context().epochs(10).rate(0.05).l2(0).batch(16);
        double constant = meanLoss(SoftmaxRegression.fit(x, y, 2, c, null), x, y);
        double annealed = meanLoss(SoftmaxRegression.fit(x, y, 2, c.cosine(true), null), x, y);
        assertTrue(annealed < constant, "annealed " + annealed + " vs constant " + constant);
    }

    static double meanLoss(SoftmaxRegression m, DMatrixRMaj x, int[] y) {
        double s = 0;
        double[] row = new double[x.numCols];
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < row.length; j++) row[j] = x.get(i, j);
            s -= Math.log(m.probabilities(row)[y[i]]);
        }
        return s / x.numRows;
    }

    @Test
    void badLabelsAreNamed() {
        DMatrixRMaj x = new DMatrixRMaj(3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxRegression.fit(x, new int[] {0, 4, 1}, 3, new SoftmaxRegression.Context(), null));
        assertTrue(e.getMessage().contains("label 4 at row 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxRegression.fit(new DMatrixRMaj(0, 2), new int[0], 3, new SoftmaxRegression.Context(), null));
        assertTrue(e.getMessage().contains("empty training set"), e.getMessage());
    }
}
