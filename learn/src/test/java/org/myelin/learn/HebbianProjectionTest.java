package org.myelin.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Hebbian orthogonal projection: the lateral network learns the top-k principal subspace (checked
 * against EJML's SVD by principal angles), and projecting the updates of a delta-rule learner
 * nearly removes the forgetting of a first task while a second is learned.
 */
class HebbianProjectionTest {
    static double gauss(SplittableRandom r) {
        return ErrorModulatedReadoutTest.gauss(r);
    }

    /** Samples {@code x = A z + noise}: z standard normal in R^k, A with orthonormal columns scaled by {@code scales}. */
    static double[][] lowRank(SplittableRandom r, int n, double[] scales, double noise, int samples, double[][] basisOut) {
        int k = scales.length;
        double[][] q = orthonormal(r, k, n);
        for (int i = 0; i < k; i++) basisOut[i] = q[i];
        double[][] x = new double[samples][n];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < k; i++) {
                double z = scales[i] * gauss(r);
                for (int j = 0; j < n; j++) x[s][j] += z * q[i][j];
            }
            for (int j = 0; j < n; j++) x[s][j] += noise * gauss(r);
        }
        return x;
    }

    /** k random orthonormal rows in R^n (Gram-Schmidt). */
    static double[][] orthonormal(SplittableRandom r, int k, int n) {
        double[][] q = new double[k][n];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) q[i][j] = gauss(r);
            for (int p = 0; p < i; p++) {
                double d = 0;
                for (int j = 0; j < n; j++) d += q[i][j] * q[p][j];
                for (int j = 0; j < n; j++) q[i][j] -= d * q[p][j];
            }
            double nn = 0;
            for (int j = 0; j < n; j++) nn += q[i][j] * q[i][j];
            for (int j = 0; j < n; j++) q[i][j] /= Math.sqrt(nn);
        }
        return q;
    }

    @Test
    void learnsTheTopPrincipalSubspace() {
        SplittableRandom r = new SplittableRandom(4);
        int n = 20, k = 3;
        double[][] basis = new double[k][];
        // three strong directions and a fourth weaker one that must not be picked
        double[][] x = lowRank(r, n, new double[] {3, 2, 1.5, 0.7}, 0.1, 20000, new double[4][]);
        HebbianProjection hp = new HebbianProjection(n, 0.0005);
        hp.addSubspace(k, 9);
        DMatrixRMaj ref = LinAlg.topRightSingular(x, k);
        double before = LinAlg.principalCosines(LinAlg.m(hp.weights()), ref)[k - 1];
        for (int epoch = 0; epoch < 3; epoch++) for (double[] s : x) hp.learn(s);
        double[] cos = LinAlg.principalCosines(LinAlg.m(hp.weights()), ref);
        assertTrue(before < 0.9, "the random start is far from it: smallest cosine " + before);
        for (double c : cos) assertTrue(c > 0.999, "principal angle cosines " + java.util.Arrays.toString(cos));
        assertTrue(hp.orthonormalityError() < 0.01, "rows near orthonormal: " + hp.orthonormalityError());
        // the projection then removes (almost) everything of a vector in the subspace, nothing of one orthogonal to it
        double[] in = ref.getData().clone();
        double[] v = java.util.Arrays.copyOf(in, n); // first principal direction
        double[] out = new double[n];
        hp.project(v, out);
        assertTrue(norm(out) < 0.01, "in-subspace residual " + norm(out));
        double[] w = new double[n];
        for (int j = 0; j < n; j++) w[j] = gauss(r);
        double[] proj = new double[n];
        hp.project(w, proj);
        double[] twice = new double[n];
        hp.project(proj, twice);
        for (int j = 0; j < n; j++) assertEquals(proj[j], twice[j], 0.01 * norm(w), "idempotent");
    }

    @Test
    void aSecondSubspaceLearnsWhatTheFirstDoesNotHold() {
        SplittableRandom r = new SplittableRandom(6);
        int n = 12;
        double[][] ba = new double[2][];
        double[][] xa = lowRank(r, n, new double[] {2, 1.5}, 0.05, 10000, ba);
        double[][] bb = new double[2][];
        double[][] xb = lowRank(r, n, new double[] {2, 1.5}, 0.05, 10000, bb);
        HebbianProjection hp = new HebbianProjection(n, 0.003);
        hp.addSubspace(2, 1);
        for (double[] s : xa) hp.learn(s);
        double[][] first = hp.weights();
        hp.addSubspace(2, 2);
        for (int e = 0; e < 2; e++) for (double[] s : xb) hp.learn(s);
        double[][] all = hp.weights();
        for (int i = 0; i < 2; i++) for (int j = 0; j < n; j++) assertEquals(first[i][j], all[i][j], 0.0, "frozen");
        // together the four rows span both tasks' subspaces
        double[][] both = {ba[0], ba[1], bb[0], bb[1]};
        double[] cos = LinAlg.principalCosines(LinAlg.m(all), LinAlg.m(both));
        for (double c : cos) assertTrue(c > 0.995, java.util.Arrays.toString(cos));
        assertTrue(hp.orthonormalityError() < 0.02, "" + hp.orthonormalityError());
    }

    /**
     * Two linear regression tasks whose inputs lie in two different random 5-dimensional subspaces
     * of R^20; a delta-rule learner trained on A, then on B. Without projection, B overwrites what
     * A's inputs drive; with the Hebbian projection learned on A's activity, B's updates are
     * orthogonal to A's subspace and A is kept, while B is still learned.
     */
    @Test
    void projectionNearlyRemovesForgettingInContinualLearning() {
        double[] plain = continual(false);
        double[] projected = continual(true);
        double forgetPlain = plain[1] - plain[0];
        double forgetProjected = projected[1] - projected[0];
        assertTrue(plain[0] < 0.01 && projected[0] < 0.01, "task A learned: " + plain[0] + ", " + projected[0]);
        System.out.printf("continual learning: A error after A %.3g, after B %.3g without projection, %.3g with;"
                + " B error %.3g before B, %.3g after B with projection, %.3g without%n", plain[0], plain[1], projected[1],
                projected[3], projected[2], plain[2]);
        assertTrue(forgetPlain > 0.1, "without projection A is forgotten: error " + plain[0] + " -> " + plain[1]);
        assertTrue(forgetProjected < 0.02 * forgetPlain, "with projection A is kept: error " + projected[0] + " -> "
                + projected[1] + " (without: " + plain[1] + ")");
        assertTrue(projected[2] < 0.05 * projected[3], "task B is still learned: error " + projected[3] + " -> " + projected[2]);
    }

    /** {A error after A, A error after B, B error after B, B error before B}, as MSE per output. */
    static double[] continual(boolean project) {
        SplittableRandom r = new SplittableRandom(77);
        int n = 20, m = 3, k = 5, samples = 6000;
        double[][] qa = orthonormal(r, k, n);
        double[][] qb = orthonormal(r, k, n);
        double[][] ma = ErrorModulatedReadoutTest.gaussian(r, m, n, 0.5);
        double[][] mb = ErrorModulatedReadoutTest.gaussian(r, m, n, 0.5);
        double[][] xa = inSubspace(r, qa, samples);
        double[][] xb = inSubspace(r, qb, samples);
        double[][] ta = ErrorModulatedReadoutTest.targets(ma, xa, 0, r);
        double[][] tb = ErrorModulatedReadoutTest.targets(mb, xb, 0, r);
        double[][] testA = inSubspace(r, qa, 1000);
        double[][] testB = inSubspace(r, qb, 1000);
        double[][] testTa = ErrorModulatedReadoutTest.targets(ma, testA, 0, r);
        double[][] testTb = ErrorModulatedReadoutTest.targets(mb, testB, 0, r);
        ErrorModulatedReadout ro = new ErrorModulatedReadout(n, m, new ErrorModulatedReadout.Options().eta(0.02).bias(false));
        HebbianProjection hp = new HebbianProjection(n, 0.005);
        hp.addSubspace(k, 3);
        for (int s = 0; s < samples; s++) {
            ro.train(xa[s], ta[s]);
            hp.learn(xa[s]); // the lateral network watches the same activity
        }
        double aAfterA = LinAlg.mse(ro.weights(), testA, testTa);
        double bBefore = LinAlg.mse(ro.weights(), testB, testTb);
        if (project) ro.projection(hp);
        for (int e = 0; e < 3; e++) for (int s = 0; s < samples; s++) ro.train(xb[s], tb[s]);
        return new double[] {aAfterA, LinAlg.mse(ro.weights(), testA, testTa), LinAlg.mse(ro.weights(), testB, testTb), bBefore};
    }

    static double[][] inSubspace(SplittableRandom r, double[][] q, int samples) {
        int n = q[0].length;
        double[][] x = new double[samples][n];
        for (int s = 0; s < samples; s++) {
            for (double[] row : q) {
                double z = gauss(r);
                for (int j = 0; j < n; j++) x[s][j] += z * row[j];
            }
        }
        return x;
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s);
    }

    @Test
    void argumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new HebbianProjection(0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new HebbianProjection(4, -0.1));
        HebbianProjection hp = new HebbianProjection(4, 0.1);
        assertThrows(IllegalStateException.class, () -> hp.learn(new double[4]));
        double[] x = {1, 2, 3, 4};
        double[] out = new double[4];
        hp.project(x, out);
        assertEquals(3, out[2], "no subspace: the identity");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> hp.addSubspace(5, 1)).getMessage().contains("k = 5"));
        hp.addSubspace(4, 1);
        assertTrue(hp.orthonormalityError() < 1e-12);
        hp.project(x, out);
        assertTrue(norm(out) < 1e-12, "a full orthonormal basis projects everything away");
        assertThrows(IllegalArgumentException.class, () -> hp.project(new double[3], new double[3]));
        ErrorModulatedReadout ro = new ErrorModulatedReadout(5, 1, new ErrorModulatedReadout.Options());
        assertThrows(IllegalArgumentException.class, () -> ro.projection(hp));
    }
}
