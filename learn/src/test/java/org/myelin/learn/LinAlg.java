package org.myelin.learn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/** Reference linear algebra for the learner tests, by EJML. */
final class LinAlg {
    private LinAlg() {
    }

    static DMatrixRMaj m(double[][] a) {
        return new DMatrixRMaj(a);
    }

    static double[][] arr(DMatrixRMaj m) {
        double[][] a = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) for (int j = 0; j < m.numCols; j++) a[i][j] = m.get(i, j);
        return a;
    }

    /** Least squares (QR): the W ({@code outputs x inputs}) minimising |X W^T - T|; X is N x n, T is N x m. */
    static double[][] leastSquares(double[][] x, double[][] t) {
        DMatrixRMaj wt = new DMatrixRMaj(x[0].length, t[0].length);
        if (!CommonOps_DDRM.solve(m(x), m(t), wt)) throw new IllegalStateException("singular");
        return arr(CommonOps_DDRM.transpose(wt, null));
    }

    /** Ridge regression: W = T^T X (X^T X + lambda I)^-1. */
    static double[][] ridge(double[][] x, double[][] t, double lambda) {
        DMatrixRMaj xm = m(x);
        DMatrixRMaj a = new DMatrixRMaj(x[0].length, x[0].length);
        CommonOps_DDRM.multTransA(xm, xm, a);
        for (int i = 0; i < a.numRows; i++) a.add(i, i, lambda);
        DMatrixRMaj b = new DMatrixRMaj(x[0].length, t[0].length);
        CommonOps_DDRM.multTransA(xm, m(t), b);
        DMatrixRMaj wt = new DMatrixRMaj(x[0].length, t[0].length);
        if (!CommonOps_DDRM.solve(a, b, wt)) throw new IllegalStateException("singular");
        return arr(CommonOps_DDRM.transpose(wt, null));
    }

    /** The top-k right singular vectors of X (N x n) as rows of a k x n matrix. */
    static DMatrixRMaj topRightSingular(double[][] x, int k) {
        DMatrixRMaj xm = m(x);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(xm.numRows, xm.numCols, false, true, true);
        if (!svd.decompose(xm)) throw new IllegalStateException("svd failed");
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj vt = svd.getV(null, true);
        SingularOps_DDRM.descendingOrder(null, false, w, vt, true);
        return CommonOps_DDRM.extract(vt, 0, k, 0, vt.numCols);
    }

    /** Cosines of the principal angles between the row spaces of A and B (k x n each), descending. */
    static double[] principalCosines(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj qa = orthonormalRows(a);
        DMatrixRMaj qb = orthonormalRows(b);
        DMatrixRMaj c = new DMatrixRMaj(qa.numRows, qb.numRows);
        CommonOps_DDRM.multTransB(qa, qb, c);
        return SingularOps_DDRM.singularValues(c);
    }

    static DMatrixRMaj orthonormalRows(DMatrixRMaj a) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(a.numRows, a.numCols, false, true, true);
        if (!svd.decompose(a.copy())) throw new IllegalStateException("svd failed");
        return CommonOps_DDRM.extract(svd.getV(null, true), 0, a.numRows, 0, a.numCols);
    }

    /** Mean squared error per output of W u against t over the samples. */
    static double mse(double[][] w, double[][] u, double[][] t) {
        double s = 0;
        for (int k = 0; k < u.length; k++) {
            for (int i = 0; i < w.length; i++) {
                double y = 0;
                for (int j = 0; j < u[k].length; j++) y += w[i][j] * u[k][j];
                s += (t[k][i] - y) * (t[k][i] - y);
            }
        }
        return s / (u.length * w.length);
    }

    static double maxAbsDiff(double[][] a, double[][] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[i].length; j++) m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
        return m;
    }
}
