package org.myelin.sdr.algorithms;

/** N-dimensional index arithmetic (row-major, last dimension fastest) and neighbourhoods. */
final class Topology {
    private Topology() {
    }

    static int product(int[] dims) {
        long p = 1;
        for (int d : dims) {
            p *= d;
        }
        if (p > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many elements: " + p);
        }
        return (int) p;
    }

    static void coordinates(int index, int[] dims, int[] out) {
        for (int d = dims.length - 1; d >= 0; d--) {
            out[d] = index % dims[d];
            index /= dims[d];
        }
    }

    static int index(int[] coords, int[] dims) {
        int idx = 0;
        for (int d = 0; d < dims.length; d++) {
            idx = idx * dims[d] + coords[d];
        }
        return idx;
    }

    /**
     * All indices within {@code radius} (Chebyshev distance) of {@code center}, sorted, without
     * duplicates; with {@code wrap} coordinates wrap around each dimension, else they are clipped.
     * Returns the count written to {@code out} (which must hold the result).
     */
    static int neighborhood(int center, int radius, int[] dims, boolean wrap, int[] out) {
        int nd = dims.length;
        int[] c = new int[nd];
        coordinates(center, dims, c);
        int[][] ranges = new int[nd][];
        for (int d = 0; d < nd; d++) {
            int lo = c[d] - radius;
            int hi = c[d] + radius;
            if (wrap) {
                if (hi - lo + 1 >= dims[d]) {
                    lo = 0;
                    hi = dims[d] - 1;
                    ranges[d] = range(lo, hi, dims[d]);
                } else {
                    ranges[d] = range(lo, hi, dims[d]);
                }
            } else {
                ranges[d] = range(Math.max(0, lo), Math.min(dims[d] - 1, hi), dims[d]);
            }
        }
        int[] pos = new int[nd];
        int[] coord = new int[nd];
        int n = 0;
        while (true) {
            for (int d = 0; d < nd; d++) {
                coord[d] = ranges[d][pos[d]];
            }
            out[n++] = index(coord, dims);
            int d = nd - 1;
            while (d >= 0) {
                pos[d]++;
                if (pos[d] < ranges[d].length) {
                    break;
                }
                pos[d] = 0;
                d--;
            }
            if (d < 0) {
                break;
            }
        }
        java.util.Arrays.sort(out, 0, n);
        return n;
    }

    private static int[] range(int lo, int hi, int dim) {
        int[] r = new int[hi - lo + 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.floorMod(lo + i, dim);
        }
        return r;
    }
}
