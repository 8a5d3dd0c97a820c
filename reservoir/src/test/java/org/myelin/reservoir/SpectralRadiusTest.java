package org.myelin.reservoir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.myelin.core.Rng;

class SpectralRadiusTest {
    /** A random sparse n x n matrix, each entry present with probability density, N(0,1) values. */
    static CsrMatrix random(int n, double density, long seed) {
        Rng.Stream r = new Rng.Stream(seed);
        int cap = (int) (n * (double) n * density * 2) + n;
        int[] ri = new int[cap], ci = new int[cap];
        double[] v = new double[cap];
        int nnz = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (r.nextDouble() < density) {
                    ri[nnz] = i;
                    ci[nnz] = j;
                    v[nnz++] = r.nextGaussian();
                }
            }
        }
        return CsrMatrix.fromTriplets(n, n, Arrays.copyOf(ri, nnz), Arrays.copyOf(ci, nnz), Arrays.copyOf(v, nnz));
    }

    @Test
    void arnoldiMatchesDenseEigenvaluesOfRandomSparseMatrices() {
        // random non-symmetric matrices: the outer eigenvalues crowd on the circle of the circular law,
        // the hard case for Krylov methods. Tolerance: the iteration stops at a relative Ritz
        // estimate of 1e-10, which bounds the eigenvalue error for these well-conditioned outer
        // eigenvalues to about that size; 1e-8 leaves a margin of 100.
        for (int n : new int[] {100, 300}) {
            for (long seed = 1; seed <= 2; seed++) {
                CsrMatrix a = random(n, 0.05, seed * 1000 + n);
                double dense = SpectralRadius.dense(a).radius();
                SpectralRadius.Result it = SpectralRadius.compute(a, seed, 1e-10, 24, 2000);
                assertEquals(dense, it.radius(), 1e-8 * dense, "n=" + n + " seed=" + seed);
                assertTrue(it.products() < 50 * n, "products " + it.products());
            }
        }
    }

    @Test
    void realDominantEigenvalueAndComplexPair() {
        // block diagonal: a 2x2 rotation-scaling block (eigenvalues 0.9 +- 0.6i, modulus 1.0817)
        // next to a random part scaled well inside, so the radius is known exactly
        int n = 200;
        CsrMatrix base = random(n, 0.05, 7);
        double rho = SpectralRadius.dense(base).radius();
        double[][] d = base.scaled(0.5 / rho).toDense();
        for (int j = 0; j < n; j++) {
            d[0][j] = d[1][j] = d[j][0] = d[j][1] = 0;
        }
        d[0][0] = 0.9;
        d[0][1] = -0.6;
        d[1][0] = 0.6;
        d[1][1] = 0.9;
        SpectralRadius.Result r = SpectralRadius.compute(CsrMatrix.fromDense(d, false), 3, 1e-12, 24, 2000);
        assertEquals(Math.hypot(0.9, 0.6), r.radius(), 1e-10);
        assertEquals(0.6, r.im(), 1e-9);
        d[0][1] = 0; // now real eigenvalues 0.9 (twice, defective) dominate
        r = SpectralRadius.compute(CsrMatrix.fromDense(d, false), 3, 1e-12, 24, 2000);
        // a defective double eigenvalue converges to about sqrt(machine precision): tolerance 1e-6
        assertEquals(0.9, r.radius(), 1e-6);
    }

    static int[] seqRing(int m) {
        int[] c = new int[m];
        for (int i = 0; i < m; i++) c[i] = (i + m - 1) % m;
        return c;
    }

    @Test
    void cyclesAndChains() {
        int n = 500;
        int[] r = new int[n], c = new int[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
            c[i] = (i + n - 1) % n;
            v[i] = 0.7;
        }
        // a ring of weight 0.7: eigenvalues 0.7 times the n-th roots of unity, all of modulus 0.7 and
        // evenly spread, so no Ritz value can single out an outermost one. Krylov methods cannot
        // converge here (ARPACK neither); the solver must say so rather than return a wrong radius
        // (the ESN's RING topology knows its radius analytically and never asks).
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> SpectralRadius.compute(CsrMatrix.fromTriplets(n, n, r, c, v), 1, 1e-10, 24, 50));
        assertTrue(e.getMessage().contains("did not converge"), e.getMessage());
        // a small ring is solved densely and exactly
        int m = 40;
        CsrMatrix small = CsrMatrix.fromTriplets(m, m, Arrays.copyOf(r, m), seqRing(m), Arrays.copyOf(v, m));
        assertEquals(0.7, SpectralRadius.of(small, 1), 1e-12);
        // a chain (the ring without its closing edge) is nilpotent: exactly 0, found structurally
        CsrMatrix chain = CsrMatrix.fromTriplets(n, n, Arrays.copyOfRange(r, 1, n), Arrays.copyOfRange(c, 1, n),
                Arrays.copyOfRange(v, 1, n));
        assertTrue(SpectralRadius.acyclic(chain));
        assertEquals(0.0, SpectralRadius.of(chain, 1));
    }
}
