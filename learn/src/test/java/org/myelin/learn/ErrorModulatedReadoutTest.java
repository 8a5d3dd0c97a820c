package org.myelin.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The error-modulated readout learns linear maps online to about the least-squares (and, with
 * decay, the ridge) solution computed by EJML on the same samples; traces, clipping and checks.
 */
class ErrorModulatedReadoutTest {
    static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static double[][] gaussian(SplittableRandom r, int rows, int cols, double scale) {
        double[][] a = new double[rows][cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) a[i][j] = scale * gauss(r);
        return a;
    }

    /** Targets A u + noise. */
    static double[][] targets(double[][] a, double[][] u, double noise, SplittableRandom r) {
        double[][] t = new double[u.length][a.length];
        for (int k = 0; k < u.length; k++) {
            for (int i = 0; i < a.length; i++) {
                double s = 0;
                for (int j = 0; j < u[k].length; j++) s += a[i][j] * u[k][j];
                t[k][i] = s + noise * gauss(r);
            }
        }
        return t;
    }

    @Test
    void learnsALinearMapToAboutTheLeastSquaresSolution() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 10, m = 3, samples = 20000;
        double[][] a = gaussian(r, m, n, 1);
        double[][] u = gaussian(r, samples, n, 1);
        double[][] t = targets(a, u, 0.1, r);
        ErrorModulatedReadout ro = new ErrorModulatedReadout(n, m, new ErrorModulatedReadout.Options().eta(0.005).bias(false));
        double first = 0;
        for (int k = 0; k < samples; k++) {
            double e = ro.train(u[k], t[k]);
            if (k < 100) first += e / 100;
        }
        double[][] ls = LinAlg.leastSquares(u, t);
        double[][] uTest = gaussian(r, 4000, n, 1);
        double[][] tTest = targets(a, uTest, 0.1, r);
        double mseLs = LinAlg.mse(ls, uTest, tTest);
        double mseRo = LinAlg.mse(ro.weights(), uTest, tTest);
        // LMS misadjustment eta tr(R) / 2 = 2.5 %: well within 10 % of the least-squares error
        assertTrue(mseRo < 1.1 * mseLs, "readout MSE " + mseRo + " vs least squares " + mseLs);
        assertTrue(first > 100 * mseRo, "it learned: initial squared error " + first);
        assertTrue(LinAlg.maxAbsDiff(ro.weights(), ls) < 0.02, "weights near least squares: "
                + LinAlg.maxAbsDiff(ro.weights(), ls));
        assertEquals(ro.weights()[1][2], ro.weight(1, 2));
    }

    @Test
    void biasIsLearned() {
        SplittableRandom r = new SplittableRandom(5);
        ErrorModulatedReadout ro = new ErrorModulatedReadout(2, 1, new ErrorModulatedReadout.Options().eta(0.01));
        for (int k = 0; k < 20000; k++) {
            double[] u = {gauss(r), gauss(r)};
            ro.train(u, new double[] {3 + 2 * u[0] - u[1]});
        }
        assertEquals(3, ro.biases()[0], 1e-6);
        assertEquals(2, ro.weight(0, 0), 1e-6);
        assertEquals(-1, ro.weight(0, 1), 1e-6);
    }

    @Test
    void presynapticTracesLetItLearnAMapOfFilteredInputs() {
        // targets are a linear map of the inputs low-passed with tau = 5 samples
        SplittableRandom r = new SplittableRandom(21);
        int n = 6, m = 2, samples = 30000;
        double lambda = Math.exp(-1 / 5.0);
        double[][] a = gaussian(r, m, n, 0.3);
        double[][] u = gaussian(r, samples, n, 1);
        double[][] x = new double[samples][n];
        for (int k = 0; k < samples; k++) for (int j = 0; j < n; j++) x[k][j] = (k > 0 ? lambda * x[k - 1][j] : 0) + u[k][j];
        double[][] t = targets(a, x, 0.05, r);
        ErrorModulatedReadout.Options o = new ErrorModulatedReadout.Options().eta(0.001).bias(false);
        ErrorModulatedReadout traced = new ErrorModulatedReadout(n, m, o.tau(5));
        ErrorModulatedReadout plain = new ErrorModulatedReadout(n, m, new ErrorModulatedReadout.Options().eta(0.005).bias(false));
        double eTraced = 0, ePlain = 0;
        for (int k = 0; k < samples; k++) {
            double et = traced.train(u[k], t[k]);
            double ep = plain.train(u[k], t[k]);
            if (k >= samples - 5000) {
                eTraced += et / 5000;
                ePlain += ep / 5000;
            }
        }
        double[] tr = traced.traces();
        for (int j = 0; j < n; j++) assertEquals(x[samples - 1][j], tr[j], 1e-9, "trace " + j);
        double[][] ls = LinAlg.leastSquares(x, t);
        assertTrue(LinAlg.maxAbsDiff(traced.weights(), ls) < 0.02, "near least squares on the traces: "
                + LinAlg.maxAbsDiff(traced.weights(), ls));
        assertTrue(eTraced < 2 * m * 0.05 * 0.05 * 1.2, "traced squared error " + eTraced);
        assertTrue(ePlain > 10 * eTraced, "without traces it cannot: " + ePlain + " vs " + eTraced);
    }

    @Test
    void decayGivesTheRidgeSolution() {
        SplittableRandom r = new SplittableRandom(8);
        int n = 5, m = 2, samples = 40000;
        double eta = 0.001, gamma = 0.001; // gamma / eta = 1: ridge with lambda = N
        double[][] a = gaussian(r, m, n, 1);
        double[][] u = gaussian(r, samples, n, 1);
        double[][] t = targets(a, u, 0.1, r);
        ErrorModulatedReadout ro = new ErrorModulatedReadout(n, m,
                new ErrorModulatedReadout.Options().eta(eta).decay(gamma).bias(false));
        // the stationary weights fluctuate (the residual of the ridge solution is large): compare
        // their average over the second half, where the mean has long converged (time constant
        // 1 / (eta + gamma) = 500 samples)
        double[][] mean = new double[m][n];
        for (int k = 0; k < samples; k++) {
            ro.train(u[k], t[k]);
            if (k >= samples / 2) for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) mean[i][j] += ro.weight(i, j) / (samples / 2);
        }
        double[][] ridge = LinAlg.ridge(u, t, samples * gamma / eta);
        double[][] ls = LinAlg.leastSquares(u, t);
        assertTrue(LinAlg.maxAbsDiff(ridge, ls) > 0.2, "the ridge solution differs clearly from least squares");
        assertTrue(LinAlg.maxAbsDiff(mean, ridge) < 0.02, "near ridge: " + LinAlg.maxAbsDiff(mean, ridge));
    }

    @Test
    void weightsAreClippedAndNormalisedStepsAreScaleFree() {
        SplittableRandom r = new SplittableRandom(2);
        ErrorModulatedReadout clipped = new ErrorModulatedReadout(3, 1,
                new ErrorModulatedReadout.Options().eta(0.01).wmax(0.5).bias(false));
        ErrorModulatedReadout big = new ErrorModulatedReadout(3, 1,
                new ErrorModulatedReadout.Options().eta(0.5).normalized(true).bias(false));
        for (int k = 0; k < 5000; k++) {
            double[] u = {gauss(r), gauss(r), gauss(r)};
            clipped.train(u, new double[] {2 * u[0] + 0.3 * u[1]});
            double[] v = {1000 * u[0], 1000 * u[1], 1000 * u[2]};
            big.train(v, new double[] {2 * v[0] + 0.3 * v[1]});
        }
        assertEquals(0.5, clipped.weight(0, 0), 1e-12, "held at wmax");
        assertEquals(0.3, clipped.weight(0, 1), 0.05, "the free weight compensates as it can");
        // features of scale 1000 would make plain LMS with eta 0.5 diverge; NLMS converges
        assertEquals(2, big.weight(0, 0), 1e-6);
        assertEquals(0.3, big.weight(0, 1), 1e-6);
    }

    @Test
    void optionsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ErrorModulatedReadout(3, 1, new ErrorModulatedReadout.Options().eta(-1)));
        assertTrue(e.getMessage().contains("eta = -1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ErrorModulatedReadout(3, 1, new ErrorModulatedReadout.Options().eta(3).normalized(true)));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new ErrorModulatedReadout(3, 1, new ErrorModulatedReadout.Options().decay(1))).getMessage().contains("decay"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new ErrorModulatedReadout(3, 1, new ErrorModulatedReadout.Options().tau(-2))).getMessage().contains("tau"));
        ErrorModulatedReadout ro = new ErrorModulatedReadout(3, 2, new ErrorModulatedReadout.Options());
        assertThrows(IllegalArgumentException.class, () -> ro.step(new double[2]));
        assertThrows(IllegalArgumentException.class, () -> ro.learn(new double[3]));
    }
}
