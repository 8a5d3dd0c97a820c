package org.myelin.reservoir.readout;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Ridge regression (Tikhonov-regularised least squares) for linear readouts, with the
 * regularisation chosen by k-fold cross-validation. Linear algebra by EJML.
 *
 * <p>Features and targets are centred on the training rows, so the intercept is not penalised:
 * <pre>
 *   W = (Xc^T Xc + lambda I)^-1 Xc^T Yc,   b = mean(y) - mean(x) W
 * </pre>
 * {@code lambda} is absolute (added to the diagonal of the centred Gram matrix). Cross-validation
 * uses contiguous folds (no shuffling: rows of a time series are correlated, and contiguous blocks
 * keep the validation rows out of the training rows' neighbourhood except at two edges). Per fold,
 * one symmetric eigen-decomposition {@code Gc = U S U^T} of the training Gram matrix serves every
 * grid value: {@code W(lambda) = U (S + lambda)^-1 U^T Bc}. The training Gram of a fold is the total
 * minus the fold's own, corrected for centring, so X is multiplied out once.
 */
public final class Ridge {
    private Ridge() {
    }

    /**
     * The outcome of a regularisation search.
     *
     * @param lambdas   the absolute grid
     * @param errors    mean squared validation error per grid value (averaged over outputs)
     * @param best      index of the chosen value
     * @param readout   the readout refitted on all rows with the chosen value
     */
    public record Search(double[] lambdas, double[] errors, int best, LinearReadout readout) {
        public double lambda() {
            return lambdas[best];
        }

        /** True when the chosen value is the first or last of the grid (the optimum may lie beyond it). */
        public boolean atEdge() {
            return best == 0 || best == lambdas.length - 1;
        }

        /** A warning when the search ended at the grid's edge, else null. */
        public String warning() {
            if (!atEdge()) return null;
            return "ridge: the cross-validated regularisation " + lambdas[best] + " is at the "
                    + (best == 0 ? "lower" : "upper") + " edge of the grid [" + lambdas[0] + ", "
                    + lambdas[lambdas.length - 1] + "]; the optimum may lie beyond it";
        }
    }

    /** Fits with a fixed absolute regularisation {@code lambda >= 0}. */
    public static LinearReadout fit(DMatrixRMaj x, DMatrixRMaj y, double lambda) {
        check(x, y);
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("ridge: lambda = " + lambda + " is invalid; valid: [0, inf)");
        }
        Moments m = Moments.of(x, y, 0, x.numRows);
        return solveCholesky(m, lambda);
    }

    /** {@code 10^from .. 10^to}, {@code perDecade} values per decade (inclusive). */
    public static double[] grid(double fromExp, double toExp, int perDecade) {
        int n = (int) Math.round((toExp - fromExp) * perDecade) + 1;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) g[i] = Math.pow(10, fromExp + i / (double) perDecade);
        return g;
    }

    /**
     * Cross-validates over a grid of regularisations <em>relative</em> to the mean diagonal of the
     * centred Gram matrix ({@code lambda = rel * trace(Gc) / features}), so that one grid suits any
     * scale of states and any number of rows. Default grid 1e-12 .. 10, two values per decade.
     */
    public static Search crossValidate(DMatrixRMaj x, DMatrixRMaj y, int folds) {
        return crossValidate(x, y, grid(-12, 1, 2), folds, true);
    }

    /**
     * Cross-validates over {@code lambdas}, absolute, or relative to the mean Gram diagonal when
     * {@code relative}; refits on all rows with the best value.
     */
    public static Search crossValidate(DMatrixRMaj x, DMatrixRMaj y, double[] lambdas, int folds, boolean relative) {
        check(x, y);
        if (folds < 2) throw new IllegalArgumentException("ridge: folds = " + folds + " is invalid; valid: >= 2");
        if (lambdas.length == 0) throw new IllegalArgumentException("ridge: empty regularisation grid");
        for (double l : lambdas) {
            if (!(l >= 0) || Double.isInfinite(l)) throw new IllegalArgumentException("ridge: grid value " + l + " is invalid; valid: [0, inf)");
        }
        int t = x.numRows;
        if (t < 2 * folds) {
            throw new IllegalArgumentException("ridge: " + t + " rows are too few for " + folds + "-fold cross-validation; valid: >= " + (2 * folds));
        }
        int f = x.numCols, o = y.numCols;
        Moments[] parts = new Moments[folds];
        int[] bounds = new int[folds + 1];
        for (int k = 0; k <= folds; k++) bounds[k] = (int) ((long) t * k / folds);
        for (int k = 0; k < folds; k++) parts[k] = Moments.of(x, y, bounds[k], bounds[k + 1]);
        Moments all = Moments.sum(parts, -1);
        double[] abs = lambdas.clone();
        if (relative) {
            DMatrixRMaj gc = all.centredGram();
            double tr = 0;
            for (int i = 0; i < f; i++) tr += gc.get(i, i);
            double scale = tr / f;
            if (!(scale > 0)) scale = 1;
            for (int i = 0; i < abs.length; i++) abs[i] *= scale;
        }
        double[] sse = new double[abs.length];
        for (int k = 0; k < folds; k++) {
            Moments train = Moments.sum(parts, k);
            Spectral sp = Spectral.of(train);
            int lo = bounds[k], hi = bounds[k + 1];
            for (int l = 0; l < abs.length; l++) {
                LinearReadout r = sp.readout(train, abs[l]);
                sse[l] += squaredError(r, x, y, lo, hi);
            }
        }
        int best = 0;
        for (int l = 1; l < abs.length; l++) if (sse[l] < sse[best]) best = l;
        double[] mse = new double[abs.length];
        for (int l = 0; l < abs.length; l++) mse[l] = sse[l] / ((double) t * o);
        LinearReadout r = solveCholesky(all, abs[best]);
        return new Search(abs, mse, best, r);
    }

    /**
     * A regularisation path: one eigen-decomposition of the centred Gram matrix of all rows, after
     * which a readout for any {@code lambda} costs {@code O(F^2 O)}. For model selection by a
     * criterion other than one-step validation error (e.g. free-running error on held-out data).
     */
    public static Path path(DMatrixRMaj x, DMatrixRMaj y) {
        check(x, y);
        Moments m = Moments.of(x, y, 0, x.numRows);
        return new Path(m, Spectral.of(m));
    }

    /** See {@link #path}. */
    public static final class Path {
        private final Moments m;
        private final Spectral sp;

        Path(Moments m, Spectral sp) {
            this.m = m;
            this.sp = sp;
        }

        /** The mean diagonal of the centred Gram matrix, the unit of relative regularisation. */
        public double scale() {
            double s = 0;
            for (double e : sp.s) s += e;
            return s / sp.s.length;
        }

        /** The readout for an absolute regularisation. */
        public LinearReadout readout(double lambda) {
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("ridge: lambda = " + lambda + " is invalid; valid: [0, inf)");
            }
            return sp.readout(m, lambda);
        }
    }

    private static double squaredError(LinearReadout r, DMatrixRMaj x, DMatrixRMaj y, int lo, int hi) {
        int f = x.numCols, o = y.numCols;
        double[] row = new double[f];
        double[] out = new double[o];
        double s = 0;
        for (int i = lo; i < hi; i++) {
            System.arraycopy(x.data, i * f, row, 0, f);
            r.predict(row, out);
            for (int k = 0; k < o; k++) {
                double e = out[k] - y.data[i * o + k];
                s += e * e;
            }
        }
        return s;
    }

    private static void check(DMatrixRMaj x, DMatrixRMaj y) {
        if (x.numRows == 0) throw new IllegalArgumentException("ridge: empty training set (0 rows)");
        if (x.numRows != y.numRows) {
            throw new IllegalArgumentException("ridge: features have " + x.numRows + " rows but targets have " + y.numRows);
        }
        if (x.numCols == 0 || y.numCols == 0) {
            throw new IllegalArgumentException("ridge: features have " + x.numCols + " columns and targets " + y.numCols + "; valid: >= 1 each");
        }
        Rows.checkFinite(x, "ridge: feature matrix");
        Rows.checkFinite(y, "ridge: target matrix");
    }

    static LinearReadout solveCholesky(Moments m, double lambda) {
        DMatrixRMaj a = m.centredGram();
        DMatrixRMaj b = m.centredCross();
        int f = a.numRows;
        for (int i = 0; i < f; i++) a.add(i, i, lambda);
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.symmPosDef(f);
        DMatrixRMaj w = new DMatrixRMaj(f, b.numCols);
        boolean ok = chol.setA(a) && chol.quality() > 1e-14;
        if (ok) {
            chol.solve(b, w);
            for (double e : w.data) {
                if (!Double.isFinite(e)) {
                    ok = false;
                    break;
                }
            }
        }
        if (!ok) return Spectral.of(m).readout(m, lambda); // singular: the eigen route clamps it
        return m.readout(w, lambda);
    }

    /** Sums over a block of rows: Gram, cross products, column sums, count. */
    static final class Moments {
        final DMatrixRMaj xx; // F x F
        final DMatrixRMaj xy; // F x O
        final double[] sx;
        final double[] sy;
        final int n;

        Moments(DMatrixRMaj xx, DMatrixRMaj xy, double[] sx, double[] sy, int n) {
            this.xx = xx;
            this.xy = xy;
            this.sx = sx;
            this.sy = sy;
            this.n = n;
        }

        static Moments of(DMatrixRMaj x, DMatrixRMaj y, int lo, int hi) {
            int f = x.numCols, o = y.numCols;
            DMatrixRMaj xb = Rows.slice(x, lo, hi);
            DMatrixRMaj yb = Rows.slice(y, lo, hi);
            DMatrixRMaj xx = new DMatrixRMaj(f, f);
            CommonOps_DDRM.multInner(xb, xx);
            DMatrixRMaj xy = new DMatrixRMaj(f, o);
            CommonOps_DDRM.multTransA(xb, yb, xy);
            double[] sx = new double[f], sy = new double[o];
            for (int r = 0; r < hi - lo; r++) {
                for (int c = 0; c < f; c++) sx[c] += xb.data[r * f + c];
                for (int c = 0; c < o; c++) sy[c] += yb.data[r * o + c];
            }
            return new Moments(xx, xy, sx, sy, hi - lo);
        }

        /** The sum of all parts except {@code skip} (-1: all). */
        static Moments sum(Moments[] parts, int skip) {
            Moments first = parts[skip == 0 ? 1 : 0];
            DMatrixRMaj xx = new DMatrixRMaj(first.xx.numRows, first.xx.numCols);
            DMatrixRMaj xy = new DMatrixRMaj(first.xy.numRows, first.xy.numCols);
            double[] sx = new double[first.sx.length], sy = new double[first.sy.length];
            int n = 0;
            for (int k = 0; k < parts.length; k++) {
                if (k == skip) continue;
                Moments p = parts[k];
                CommonOps_DDRM.addEquals(xx, p.xx);
                CommonOps_DDRM.addEquals(xy, p.xy);
                for (int i = 0; i < sx.length; i++) sx[i] += p.sx[i];
                for (int i = 0; i < sy.length; i++) sy[i] += p.sy[i];
                n += p.n;
            }
            return new Moments(xx, xy, sx, sy, n);
        }

        DMatrixRMaj centredGram() {
            int f = sx.length;
            DMatrixRMaj g = xx.copy();
            for (int i = 0; i < f; i++) {
                double a = sx[i] / n;
                for (int j = 0; j < f; j++) g.data[i * f + j] -= a * sx[j];
            }
            // exact symmetry for the solvers
            for (int i = 0; i < f; i++) {
                for (int j = i + 1; j < f; j++) {
                    double s = 0.5 * (g.data[i * f + j] + g.data[j * f + i]);
                    g.data[i * f + j] = s;
                    g.data[j * f + i] = s;
                }
            }
            return g;
        }

        DMatrixRMaj centredCross() {
            int f = sx.length, o = sy.length;
            DMatrixRMaj b = xy.copy();
            for (int i = 0; i < f; i++) {
                double a = sx[i] / n;
                for (int k = 0; k < o; k++) b.data[i * o + k] -= a * sy[k];
            }
            return b;
        }

        LinearReadout readout(DMatrixRMaj w, double lambda) {
            int f = sx.length, o = sy.length;
            double[] b = new double[o];
            for (int k = 0; k < o; k++) {
                double s = sy[k] / n;
                for (int i = 0; i < f; i++) s -= sx[i] / n * w.data[i * o + k];
                b[k] = s;
            }
            return new LinearReadout(f, o, Arrays.copyOf(w.data, f * o), b, lambda);
        }
    }

    /** {@code Gc = U S U^T} and {@code C = U^T Bc} of one training set. */
    static final class Spectral {
        final DMatrixRMaj u; // F x F, eigenvectors as columns
        final double[] s;
        final DMatrixRMaj c; // F x O

        private Spectral(DMatrixRMaj u, double[] s, DMatrixRMaj c) {
            this.u = u;
            this.s = s;
            this.c = c;
        }

        static Spectral of(Moments m) {
            DMatrixRMaj g = m.centredGram();
            int f = g.numRows;
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(f, true, true);
            if (!eig.decompose(g)) throw new IllegalStateException("ridge: eigen-decomposition of the Gram matrix failed");
            DMatrixRMaj u = new DMatrixRMaj(f, f);
            double[] s = new double[f];
            for (int j = 0; j < f; j++) {
                s[j] = Math.max(0, eig.getEigenvalue(j).real);
                DMatrixRMaj v = eig.getEigenVector(j);
                for (int i = 0; i < f; i++) u.data[i * f + j] = v.data[i];
            }
            DMatrixRMaj c = new DMatrixRMaj(f, m.sy.length);
            CommonOps_DDRM.multTransA(u, m.centredCross(), c);
            return new Spectral(u, s, c);
        }

        LinearReadout readout(Moments m, double lambda) {
            int f = s.length, o = c.numCols;
            DMatrixRMaj scaled = c.copy();
            double max = 0;
            for (double e : s) max = Math.max(max, e);
            for (int j = 0; j < f; j++) {
                double d = s[j] + lambda;
                double inv = d > 1e-300 && d > 1e-15 * max ? 1 / d : 0; // pseudo-inverse for null directions
                for (int k = 0; k < o; k++) scaled.data[j * o + k] *= inv;
            }
            DMatrixRMaj w = new DMatrixRMaj(f, o);
            CommonOps_DDRM.mult(u, scaled, w);
            return m.readout(w, lambda);
        }
    }
}
