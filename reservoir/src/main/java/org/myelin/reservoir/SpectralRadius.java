package org.myelin.reservoir;

import java.util.Arrays;

import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.myelin.core.Rng;

/**
 * The spectral radius (largest eigenvalue modulus) of a sparse square matrix, by the implicitly
 * restarted Arnoldi method (Sorensen 1992; the algorithm of ARPACK's {@code dnaupd}, reduced to
 * what a spectral radius needs).
 *
 * <p>An Arnoldi factorisation {@code A V_m = V_m H_m + f e_m^T} of length {@code m} is built with
 * matrix-vector products only (twice-applied classical Gram-Schmidt keeps {@code V} orthonormal).
 * The eigenvalues of the small Hessenberg matrix {@code H_m} (Ritz values) approximate the outer
 * eigenvalues of {@code A}. The {@code m - k} Ritz values of smallest modulus are applied as exact
 * shifts by implicit QR steps (real shifts by a Givens bulge chase, complex-conjugate pairs by a
 * Francis double-shift step, both in real arithmetic), which filters their directions out of the
 * start vector and leaves a factorisation of length {@code k} to extend again. The iteration stops
 * when the Ritz estimate of the largest-modulus Ritz value, {@code |f| |e_m^T y|} with {@code y}
 * its unit eigenvector of {@code H_m} (found by complex inverse iteration), is below
 * {@code tolerance * radius}: that bounds the residual {@code |A x - lambda x|} of the Ritz pair.
 *
 * <p>Cost per restart: {@code m - k} sparse products, {@code O(n m^2)} for orthogonalisation, and
 * {@code O(m^3)} for the small eigenproblem; memory {@code O(n m)}. Matrices of at most
 * {@link #DENSE_LIMIT} rows are solved densely (EJML), which is exact and cheaper there.
 */
public final class SpectralRadius {
    /** Up to this many rows a dense eigen-decomposition is used. */
    public static final int DENSE_LIMIT = 64;

    /**
     * The outcome: the radius, the eigenvalue that attains it, and the work done.
     *
     * @param radius    the largest eigenvalue modulus
     * @param re        real part of that eigenvalue
     * @param im        imaginary part of that eigenvalue
     * @param estimate  the final Ritz estimate (0 for a dense solve)
     * @param products  sparse matrix-vector products used
     * @param restarts  implicit restarts used
     */
    public record Result(double radius, double re, double im, double estimate, int products, int restarts) {
    }

    private SpectralRadius() {
    }

    /** The spectral radius of {@code a} to relative accuracy 1e-10, start vector drawn from {@code seed}. */
    public static double of(CsrMatrix a, long seed) {
        return compute(a, seed, 1e-10, 24, 500).radius();
    }

    /**
     * Runs the restarted Arnoldi iteration.
     *
     * @param tolerance   relative Ritz-estimate tolerance, in (0, 1)
     * @param krylov      Krylov subspace dimension m (at least 8; capped at n - 1)
     * @param maxRestarts restarts before giving up with an exception
     */
    public static Result compute(CsrMatrix a, long seed, double tolerance, int krylov, int maxRestarts) {
        if (a.rows != a.columns) {
            throw new IllegalArgumentException("spectral radius needs a square matrix; got " + a.rows + "x" + a.columns);
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance " + tolerance + " is invalid; valid: (0, 1)");
        }
        if (krylov < 8) throw new IllegalArgumentException("krylov dimension " + krylov + " is invalid; valid: >= 8");
        final int n = a.rows;
        if (acyclic(a)) return new Result(0, 0, 0, 0, 0, 0);
        if (n <= DENSE_LIMIT) return dense(a);
        final int m = Math.min(krylov, n - 1);
        final int nev = Math.max(2, m / 2);
        double[][] v = new double[m + 1][n];
        double[][] h = new double[m + 1][m];
        Rng.Stream rng = new Rng.Stream(Rng.key(seed, 0x5EC7A1L, n, a.nonZeros()));
        for (int i = 0; i < n; i++) v[0][i] = rng.nextDouble() - 0.5;
        normalise(v[0]);
        int k = 0;
        int products = 0;
        double scale = frobenius(a);
        double[] w = new double[n];
        double[] coef = new double[m + 1];
        double best = 0;
        for (int restart = 0; restart <= maxRestarts; restart++) {
            // extend the factorisation from length k to m
            for (int j = k; j < m; j++) {
                a.multiply(v[j], w);
                products++;
                double beta = orthogonalise(v, j + 1, w, coef);
                for (int i = 0; i <= j; i++) h[i][j] = coef[i];
                if (beta <= 1e-14 * scale) {
                    // invariant subspace: continue with a fresh direction, leaving H block-triangular
                    for (int i = 0; i < n; i++) w[i] = rng.nextDouble() - 0.5;
                    double[] discard = new double[m + 1];
                    orthogonalise(v, j + 1, w, discard);
                    normalise(w);
                    h[j + 1][j] = 0;
                } else {
                    for (int i = 0; i < n; i++) w[i] /= beta;
                    h[j + 1][j] = beta;
                }
                System.arraycopy(w, 0, v[j + 1], 0, n);
            }
            // Ritz values, sorted by modulus (conjugate pairs stay adjacent)
            double[][] ritz = eigenvalues(h, m);
            Integer[] order = new Integer[m];
            for (int i = 0; i < m; i++) order[i] = i;
            Arrays.sort(order, (p, q) -> {
                double mp = Math.hypot(ritz[0][p], ritz[1][p]), mq = Math.hypot(ritz[0][q], ritz[1][q]);
                if (mp != mq) return Double.compare(mq, mp);
                if (ritz[0][p] != ritz[0][q]) return Double.compare(ritz[0][p], ritz[0][q]);
                return Double.compare(ritz[1][q], ritz[1][p]);
            });
            double lr = ritz[0][order[0]], li = ritz[1][order[0]];
            best = Math.hypot(lr, li);
            double yLast = lastComponent(h, m, lr, li);
            double estimate = Math.abs(h[m][m - 1]) * yLast;
            if (estimate <= tolerance * Math.max(best, 1e-300) || best == 0) {
                return new Result(best, lr, Math.abs(li), estimate, products, restart);
            }
            // keep nev wanted values; never split a conjugate pair between kept and shifted
            int keep = nev;
            if (ritz[1][order[keep - 1]] != 0 && keep < m - 1
                    && ritz[1][order[keep]] == -ritz[1][order[keep - 1]]) keep++;
            double[][] q = identity(m);
            for (int s = keep; s < m; s++) {
                double sr = ritz[0][order[s]], si = ritz[1][order[s]];
                if (si == 0) {
                    singleShift(h, q, m, sr);
                } else {
                    doubleShift(h, q, m, 2 * sr, sr * sr + si * si);
                    if (s + 1 < m && ritz[1][order[s + 1]] == -si) s++;
                }
            }
            // compress to length keep: V_k = V_m Q[:, 0..k), f_k = v_k * h[k][k-1] + f_m * Q[m-1][k-1]
            double fm = h[m][m - 1];
            double sigma = q[m - 1][keep - 1];
            double[][] nv = new double[keep + 1][n];
            for (int j = 0; j <= keep; j++) {
                double[] row = nv[j];
                for (int i = 0; i < m; i++) {
                    double c = q[i][j];
                    if (c == 0) continue;
                    double[] vi = v[i];
                    for (int t = 0; t < n; t++) row[t] += c * vi[t];
                }
            }
            double[] f = nv[keep];
            double hk = h[keep][keep - 1];
            for (int t = 0; t < n; t++) f[t] = f[t] * hk + v[m][t] * fm * sigma;
            for (int j = 0; j < keep; j++) System.arraycopy(nv[j], 0, v[j], 0, n);
            double beta = orthogonalise(v, keep, f, coef);
            for (int i = 0; i < keep; i++) h[i][keep - 1] += coef[i];
            for (int i = keep + 1; i <= m; i++) Arrays.fill(h[i], 0);
            for (int i = 0; i <= keep; i++) Arrays.fill(h[i], keep, m, 0);
            for (int i = 2; i < keep; i++) Arrays.fill(h[i], 0, i - 1, 0);
            if (beta <= 1e-14 * scale) {
                for (int i = 0; i < n; i++) f[i] = rng.nextDouble() - 0.5;
                orthogonalise(v, keep, f, new double[m + 1]);
                normalise(f);
                h[keep][keep - 1] = 0;
            } else {
                for (int i = 0; i < n; i++) f[i] /= beta;
                h[keep][keep - 1] = beta;
            }
            System.arraycopy(f, 0, v[keep], 0, n);
            k = keep;
        }
        throw new IllegalStateException("spectral radius: Arnoldi iteration did not converge to relative tolerance "
                + tolerance + " in " + maxRestarts + " restarts (last estimate " + best
                + "); raise the Krylov dimension or the restart limit");
    }

    /**
     * Whether the directed graph of the stored entries has no cycle (Kahn's topological sort): then
     * the matrix is permutation-similar to a strictly triangular one, nilpotent, with spectral radius
     * exactly 0. Checked first because rounding makes the computed eigenvalues of large nilpotent
     * (e.g. delay-line) matrices far from 0: a perturbation eps of an n x n Jordan block moves its
     * eigenvalues by about eps^(1/n).
     */
    static boolean acyclic(CsrMatrix a) {
        int n = a.rows;
        int[] indeg = new int[n];
        for (int k = 0; k < a.cols.length; k++) indeg[a.cols[k]]++; // edge row -> col: x_col feeds y_row
        int[] queue = new int[n];
        int head = 0, tail = 0;
        for (int i = 0; i < n; i++) if (indeg[i] == 0) queue[tail++] = i;
        // reverse orientation is irrelevant for acyclicity; walk edges i -> cols of row i
        while (head < tail) {
            int i = queue[head++];
            for (int k = a.rowStart[i]; k < a.rowStart[i + 1]; k++) {
                if (--indeg[a.cols[k]] == 0) queue[tail++] = a.cols[k];
            }
        }
        return tail == n;
    }

    /** Dense fallback: all eigenvalues by EJML. */
    static Result dense(CsrMatrix a) {
        int n = a.rows;
        DMatrixRMaj d = new DMatrixRMaj(a.toDense());
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
        if (!eig.decompose(d)) throw new IllegalStateException("dense eigen-decomposition failed for " + a);
        double best = -1, re = 0, im = 0;
        for (int i = 0; i < n; i++) {
            Complex_F64 c = eig.getEigenvalue(i);
            double mod = c.getMagnitude();
            if (mod > best) {
                best = mod;
                re = c.real;
                im = Math.abs(c.imaginary);
            }
        }
        return new Result(best, re, im, 0, 0, 0);
    }

    /** Orthogonalises w against rows 0..count-1 of v (twice, DGKS); returns |w|, coefficients in coef. */
    private static double orthogonalise(double[][] v, int count, double[] w, double[] coef) {
        int n = w.length;
        Arrays.fill(coef, 0);
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < count; i++) {
                double[] vi = v[i];
                double s = 0;
                for (int t = 0; t < n; t++) s += vi[t] * w[t];
                coef[i] += s;
                for (int t = 0; t < n; t++) w[t] -= s * vi[t];
            }
        }
        double s = 0;
        for (int t = 0; t < n; t++) s += w[t] * w[t];
        return Math.sqrt(s);
    }

    private static void normalise(double[] x) {
        double s = 0;
        for (double e : x) s += e * e;
        s = Math.sqrt(s);
        for (int i = 0; i < x.length; i++) x[i] /= s;
    }

    private static double frobenius(CsrMatrix a) {
        double s = 0;
        for (int k = 0; k < a.nonZeros(); k++) s += a.value(k) * a.value(k);
        return Math.sqrt(s);
    }

    private static double[][] identity(int m) {
        double[][] q = new double[m][m];
        for (int i = 0; i < m; i++) q[i][i] = 1;
        return q;
    }

    /** Eigenvalues of the leading m x m block of h: [re[], im[]]. */
    private static double[][] eigenvalues(double[][] h, int m) {
        DMatrixRMaj d = new DMatrixRMaj(m, m);
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) d.unsafe_set(i, j, h[i][j]);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, false);
        if (!eig.decompose(d)) throw new IllegalStateException("eigen-decomposition of the Hessenberg matrix failed");
        double[][] out = new double[2][m];
        for (int i = 0; i < m; i++) {
            Complex_F64 c = eig.getEigenvalue(i);
            out[0][i] = c.real;
            out[1][i] = c.imaginary;
        }
        // make conjugate pairs exact so that they pair up when sorted and shifted
        for (int i = 0; i < m; i++) {
            if (out[1][i] <= 0) continue;
            int bestJ = -1;
            double bestD = Double.MAX_VALUE;
            for (int j = 0; j < m; j++) {
                if (out[1][j] >= 0) continue;
                double dd = Math.abs(out[0][j] - out[0][i]) + Math.abs(out[1][j] + out[1][i]);
                if (dd < bestD) {
                    bestD = dd;
                    bestJ = j;
                }
            }
            if (bestJ >= 0) {
                out[0][bestJ] = out[0][i];
                out[1][bestJ] = -out[1][i];
            }
        }
        return out;
    }

    /**
     * |last component| of the unit eigenvector of the m x m Hessenberg block for eigenvalue
     * (lr, li), by two steps of inverse iteration in complex arithmetic.
     */
    static double lastComponent(double[][] h, int m, double lr, double li) {
        double[][] ar = new double[m][m], ai = new double[m][m];
        double shiftR = lr * (1 + 1e-13) + 1e-300, shiftI = li * (1 + 1e-13);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) ar[i][j] = h[i][j];
            ar[i][i] -= shiftR;
            ai[i][i] -= shiftI;
        }
        // LU with partial pivoting (complex)
        int[] piv = new int[m];
        double norm = 0;
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) norm = Math.max(norm, Math.abs(h[i][j]));
        double tiny = 1e-15 * Math.max(norm, 1e-300);
        for (int c = 0; c < m; c++) {
            int p = c;
            double pm = Math.hypot(ar[c][c], ai[c][c]);
            for (int r = c + 1; r < m; r++) {
                double mm = Math.hypot(ar[r][c], ai[r][c]);
                if (mm > pm) {
                    pm = mm;
                    p = r;
                }
            }
            piv[c] = p;
            if (p != c) {
                double[] t = ar[p];
                ar[p] = ar[c];
                ar[c] = t;
                t = ai[p];
                ai[p] = ai[c];
                ai[c] = t;
            }
            if (pm < tiny) {
                ar[c][c] = tiny;
                ai[c][c] = 0;
            }
            double dr = ar[c][c], di = ai[c][c];
            double den = dr * dr + di * di;
            for (int r = c + 1; r < m; r++) {
                double xr = ar[r][c], xi = ai[r][c];
                if (xr == 0 && xi == 0) continue;
                double fr = (xr * dr + xi * di) / den, fi = (xi * dr - xr * di) / den;
                ar[r][c] = fr;
                ai[r][c] = fi;
                for (int j = c + 1; j < m; j++) {
                    ar[r][j] -= fr * ar[c][j] - fi * ai[c][j];
                    ai[r][j] -= fr * ai[c][j] + fi * ar[c][j];
                }
            }
        }
        double[] yr = new double[m], yi = new double[m];
        Arrays.fill(yr, 1);
        for (int it = 0; it < 3; it++) {
            for (int c = 0; c < m; c++) {
                int p = piv[c];
                if (p != c) {
                    double t = yr[p];
                    yr[p] = yr[c];
                    yr[c] = t;
                    t = yi[p];
                    yi[p] = yi[c];
                    yi[c] = t;
                }
                for (int r = c + 1; r < m; r++) {
                    yr[r] -= ar[r][c] * yr[c] - ai[r][c] * yi[c];
                    yi[r] -= ar[r][c] * yi[c] + ai[r][c] * yr[c];
                }
            }
            for (int r = m - 1; r >= 0; r--) {
                double sr = yr[r], si = yi[r];
                for (int j = r + 1; j < m; j++) {
                    sr -= ar[r][j] * yr[j] - ai[r][j] * yi[j];
                    si -= ar[r][j] * yi[j] + ai[r][j] * yr[j];
                }
                double dr = ar[r][r], di = ai[r][r];
                double den = dr * dr + di * di;
                yr[r] = (sr * dr + si * di) / den;
                yi[r] = (si * dr - sr * di) / den;
            }
            double s = 0;
            for (int i = 0; i < m; i++) s += yr[i] * yr[i] + yi[i] * yi[i];
            s = Math.sqrt(s);
            for (int i = 0; i < m; i++) {
                yr[i] /= s;
                yi[i] /= s;
            }
        }
        return Math.hypot(yr[m - 1], yi[m - 1]);
    }

    /** One implicit single-shift QR step on the m x m Hessenberg block: H := G^T H G, Q := Q G. */
    static void singleShift(double[][] h, double[][] q, int m, double mu) {
        double x = h[0][0] - mu, y = h[1][0];
        for (int k = 0; k < m - 1; k++) {
            double r = Math.hypot(x, y);
            if (r == 0) {
                if (k + 2 < m) {
                    x = h[k + 1][k];
                    y = h[k + 2][k];
                }
                continue;
            }
            double c = x / r, s = y / r;
            for (int j = Math.max(0, k - 1); j < m; j++) {
                double a = h[k][j], b = h[k + 1][j];
                h[k][j] = c * a + s * b;
                h[k + 1][j] = -s * a + c * b;
            }
            int top = Math.min(k + 2, m - 1);
            for (int i = 0; i <= top; i++) {
                double a = h[i][k], b = h[i][k + 1];
                h[i][k] = c * a + s * b;
                h[i][k + 1] = -s * a + c * b;
            }
            for (int i = 0; i < m; i++) {
                double a = q[i][k], b = q[i][k + 1];
                q[i][k] = c * a + s * b;
                q[i][k + 1] = -s * a + c * b;
            }
            if (k > 0) h[k + 1][k - 1] = 0;
            if (k + 2 < m) {
                x = h[k + 1][k];
                y = h[k + 2][k];
            }
        }
    }

    /**
     * One implicit Francis double-shift step with the shifts {@code mu, conj(mu)}, given as
     * {@code s = 2 Re mu} and {@code t = |mu|^2}: H := P^T H P, Q := Q P.
     */
    static void doubleShift(double[][] h, double[][] q, int m, double s, double t) {
        if (m < 3) return;
        double x = h[0][0] * h[0][0] + h[0][1] * h[1][0] - s * h[0][0] + t;
        double y = h[1][0] * (h[0][0] + h[1][1] - s);
        double z = h[1][0] * h[2][1];
        for (int k = 0; k < m - 1; k++) {
            int len = k < m - 2 ? 3 : 2;
            double[] u = len == 3 ? new double[] {x, y, z} : new double[] {x, y};
            double alpha = 0;
            for (double e : u) alpha += e * e;
            alpha = Math.sqrt(alpha);
            if (alpha != 0) {
                if (u[0] > 0) alpha = -alpha;
                u[0] -= alpha;
                double un = 0;
                for (double e : u) un += e * e;
                if (un != 0) {
                    // P = I - 2 u u^T / (u^T u)
                    double inv = 2 / un;
                    for (int j = Math.max(0, k - 1); j < m; j++) {
                        double d = 0;
                        for (int l = 0; l < len; l++) d += u[l] * h[k + l][j];
                        d *= inv;
                        for (int l = 0; l < len; l++) h[k + l][j] -= d * u[l];
                    }
                    int top = Math.min(k + 3, m - 1);
                    for (int i = 0; i <= top; i++) {
                        double d = 0;
                        for (int l = 0; l < len; l++) d += h[i][k + l] * u[l];
                        d *= inv;
                        for (int l = 0; l < len; l++) h[i][k + l] -= d * u[l];
                    }
                    for (int i = 0; i < m; i++) {
                        double d = 0;
                        for (int l = 0; l < len; l++) d += q[i][k + l] * u[l];
                        d *= inv;
                        for (int l = 0; l < len; l++) q[i][k + l] -= d * u[l];
                    }
                    if (k > 0) {
                        h[k + 1][k - 1] = 0;
                        if (len == 3) h[k + 2][k - 1] = 0;
                    }
                }
            }
            if (k < m - 2) {
                x = h[k + 1][k];
                y = h[k + 2][k];
                if (k < m - 3) z = h[k + 3][k];
            }
        }
    }
}
