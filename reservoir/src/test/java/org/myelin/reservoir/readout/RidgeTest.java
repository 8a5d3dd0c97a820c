package org.myelin.reservoir.readout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.myelin.core.Rng;

class RidgeTest {
    /** rows x cols features with non-zero means, targets y = X B + c + noise. */
    static DMatrixRMaj[] data(int rows, int cols, int outs, double noise, long seed) {
        Rng.Stream r = new Rng.Stream(seed);
        DMatrixRMaj x = new DMatrixRMaj(rows, cols), y = new DMatrixRMaj(rows, outs);
        double[] b = new double[cols * outs];
        for (int i = 0; i < b.length; i++) b[i] = r.nextGaussian();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) x.set(i, j, 3 + (j + 1) * r.nextGaussian());
            for (int k = 0; k < outs; k++) {
                double s = 0.5 * k - 2;
                for (int j = 0; j < cols; j++) s += x.get(i, j) * b[j * outs + k];
                y.set(i, k, s + noise * r.nextGaussian());
            }
        }
        return new DMatrixRMaj[] {x, y};
    }

    @Test
    void matchesTheClosedFormWithAnUnpenalisedIntercept() {
        DMatrixRMaj[] d = data(300, 8, 2, 0.3, 1);
        DMatrixRMaj x = d[0], y = d[1];
        double lambda = 25;
        LinearReadout r = Ridge.fit(x, y, lambda);
        // closed form on the augmented system [X 1] with penalty diag(lambda,...,lambda, 0)
        DMatrixRMaj a = new DMatrixRMaj(300, 9);
        for (int i = 0; i < 300; i++) {
            for (int j = 0; j < 8; j++) a.set(i, j, x.get(i, j));
            a.set(i, 8, 1);
        }
        DMatrixRMaj g = new DMatrixRMaj(9, 9), rhs = new DMatrixRMaj(9, 2), sol = new DMatrixRMaj(9, 2);
        CommonOps_DDRM.multTransA(a, a, g);
        for (int j = 0; j < 8; j++) g.add(j, j, lambda);
        CommonOps_DDRM.multTransA(a, y, rhs);
        assertTrue(CommonOps_DDRM.solve(g, rhs, sol));
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 8; j++) assertEquals(sol.get(j, k), r.weight(j, k), 1e-10);
            assertEquals(sol.get(8, k), r.intercept(k), 1e-9);
        }
        // the regularisation path gives the same readout
        LinearReadout p = Ridge.path(x, y).readout(lambda);
        for (int j = 0; j < 8; j++) assertEquals(r.weight(j, 1), p.weight(j, 1), 1e-10);
    }

    @Test
    void exactDataIsRecoveredWithoutRegularisation() {
        DMatrixRMaj[] d = data(100, 5, 1, 0, 2);
        LinearReadout r = Ridge.fit(d[0], d[1], 0);
        DMatrixRMaj p = r.predict(d[0]);
        for (int i = 0; i < 100; i++) assertEquals(d[1].get(i, 0), p.get(i, 0), 1e-9);
        assertEquals(-2, r.intercept(0), 1e-9);
    }

    @Test
    void crossValidationPicksAnInteriorValueAndWarnsAtTheEdge() {
        // few rows, many noisy features: some regularisation helps, so the optimum is interior
        DMatrixRMaj[] d = data(120, 40, 1, 4, 3);
        Ridge.Search s = Ridge.crossValidate(d[0], d[1], Ridge.grid(-8, 3, 2), 5, true);
        assertNull(s.warning(), s.warning());
        assertTrue(s.best() > 0 && s.best() < s.lambdas().length - 1);
        double min = Double.MAX_VALUE;
        for (double e : s.errors()) min = Math.min(min, e);
        assertEquals(min, s.errors()[s.best()]);
        // a grid of huge values only: the best is its lower edge, and the search says so
        Ridge.Search edge = Ridge.crossValidate(d[0], d[1], Ridge.grid(4, 6, 2), 5, true);
        assertEquals(0, edge.best());
        assertNotNull(edge.warning());
        assertTrue(edge.warning().contains("lower edge"), edge.warning());
        // a grid of tiny values only on pure-noise targets: more regularisation always helps, the best is the upper edge
        DMatrixRMaj noise = new DMatrixRMaj(120, 1);
        Rng.Stream g = new Rng.Stream(5);
        for (int i = 0; i < 120; i++) noise.set(i, 0, g.nextGaussian());
        Ridge.Search upper = Ridge.crossValidate(d[0], noise, Ridge.grid(-12, -10, 2), 5, true);
        assertEquals(upper.lambdas().length - 1, upper.best());
        assertNotNull(upper.warning());
        assertTrue(upper.warning().contains("upper edge"), upper.warning());
    }

    @Test
    void badInputIsNamed() {
        DMatrixRMaj[] d = data(20, 3, 1, 0.1, 4);
        assertMessage(() -> Ridge.fit(new DMatrixRMaj(0, 3), new DMatrixRMaj(0, 1), 1), "empty training set");
        assertMessage(() -> Ridge.fit(d[0], new DMatrixRMaj(19, 1), 1), "20 rows but targets have 19");
        DMatrixRMaj bad = d[0].copy();
        bad.set(7, 2, Double.NaN);
        assertMessage(() -> Ridge.fit(bad, d[1], 1), "row 7, column 2");
        assertMessage(() -> Ridge.fit(d[0], d[1], -1), "lambda");
        assertMessage(() -> Ridge.crossValidate(d[0], d[1], 15), "too few");
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), "message '" + ex.getMessage() + "' lacks '" + part + "'");
    }
}
