package org.myelin.reservoir.readout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class RlsTest {
    @Test
    void equalsBatchRidgeOnTheAugmentedFeatures() {
        DMatrixRMaj[] d = RidgeTest.data(200, 6, 2, 0.5, 5);
        DMatrixRMaj x = d[0], y = d[1];
        double alpha = 2;
        Rls rls = new Rls(6, 2, alpha, 1);
        double[] row = new double[6];
        for (int i = 0; i < 200; i++) {
            System.arraycopy(x.data, i * 6, row, 0, 6);
            rls.update(row, new double[] {y.get(i, 0), y.get(i, 1)});
        }
        // RLS from P(0) = I/alpha minimises |A w - y|^2 + alpha |w|^2 with A = [X 1] (intercept penalised)
        DMatrixRMaj a = new DMatrixRMaj(200, 7);
        for (int i = 0; i < 200; i++) {
            for (int j = 0; j < 6; j++) a.set(i, j, x.get(i, j));
            a.set(i, 6, 1);
        }
        DMatrixRMaj g = new DMatrixRMaj(7, 7), rhs = new DMatrixRMaj(7, 2), sol = new DMatrixRMaj(7, 2);
        CommonOps_DDRM.multTransA(a, a, g);
        for (int j = 0; j < 7; j++) g.add(j, j, alpha);
        CommonOps_DDRM.multTransA(a, y, rhs);
        assertTrue(CommonOps_DDRM.solve(g, rhs, sol));
        LinearReadout r = rls.readout();
        // the recursion is algebraically exact; rounding accumulates over 200 rank-one updates
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 6; j++) assertEquals(sol.get(j, k), r.weight(j, k), 1e-8);
            assertEquals(sol.get(6, k), r.intercept(k), 1e-7);
        }
    }

    @Test
    void forgettingTracksAChangingTarget() {
        Rls rls = new Rls(1, 1, 1, 0.95);
        double[] x = new double[1], t = new double[1], out = new double[1];
        for (int i = 0; i < 400; i++) {
            x[0] = Math.sin(i * 0.37);
            t[0] = (i < 200 ? 2 : -3) * x[0];
            rls.update(x, t);
        }
        rls.predict(new double[] {1}, out);
        // noise-free: the estimate is the new slope -3 pulled towards the old slope 2 by the old data's
        // remaining weight, about 0.95^200 = 3.5e-5 of the recent data's: an error near 5 x 3.5e-5
        assertEquals(-3, out[0], 5e-4);
    }
}
