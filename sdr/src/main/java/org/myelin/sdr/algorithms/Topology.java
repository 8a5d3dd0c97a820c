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

    /**
     * Enumerates neighbourhoods of one shape without allocating: the indices within {@code radius}
     * (Chebyshev distance, per dimension) of a centre, each once. With {@code wrap}, a dimension whose
     * window {@code 2 radius + 1} covers it entirely contributes all its coordinates (so nothing is
     * counted twice), else coordinates wrap modulo the dimension; without it they are clipped to
     * {@code [0, dim)}. The order is row-major over the window (ascending when nothing wraps). This
     * is htm.core's {@code Neighborhood} / {@code WrappingNeighborhood}. Not thread-safe (scratch
     * state).
     */
    static final class Neighborhood {
        private final int[] dims;
        private final boolean wrap;
        private final int[] stride;
        private final int[] center;
        private final int[] len;
        private final int[][] axis;
        private int[] out = new int[16];

        Neighborhood(int[] dims, boolean wrap) {
            this.dims = dims.clone();
            this.wrap = wrap;
            int nd = dims.length;
            stride = new int[nd];
            int s = 1;
            for (int d = nd - 1; d >= 0; d--) {
                stride[d] = s;
                s *= dims[d];
            }
            center = new int[nd];
            len = new int[nd];
            axis = new int[nd][];
            for (int d = 0; d < nd; d++) {
                axis[d] = new int[dims[d]];
            }
        }

        /** Largest neighbourhood for {@code radius}: the product of min(dim, 2 radius + 1). */
        long maxSize(int radius) {
            long span = 1;
            for (int d : dims) {
                span *= Math.min(d, 2L * radius + 1);
            }
            return span;
        }

        /**
         * Fills {@link #indices()} with the neighbourhood of {@code centerIndex} (itself included) and
         * returns its size. The array grows only when a larger radius than ever before is asked for.
         */
        int fill(int centerIndex, int radius) {
            final int nd = dims.length;
            long span = maxSize(radius);
            if (out.length < span) {
                out = new int[(int) span];
            }
            coordinates(centerIndex, dims, center);
            // per dimension, the window's coordinates times the stride (wrapped or clipped)
            for (int d = 0; d < nd; d++) {
                int c = center[d];
                int dim = dims[d];
                int lo;
                int len;
                if (wrap) {
                    if (2L * radius + 1 >= dim) {
                        lo = 0;
                        len = dim;
                    } else {
                        lo = c - radius;
                        len = 2 * radius + 1;
                    }
                } else {
                    lo = Math.max(0, c - radius);
                    len = (int) Math.min(dim - 1L, (long) c + radius) - lo + 1;
                }
                int[] ax = axis[d];
                int st = stride[d];
                int v = Math.floorMod(lo, dim);
                for (int i = 0; i < len; i++) {
                    ax[i] = v * st;
                    if (++v == dim) {
                        v = 0;
                    }
                }
                this.len[d] = len;
            }
            // expand dimension by dimension, in place from the back: row-major order
            final int[] o = out;
            o[0] = 0;
            int n = 1;
            for (int d = 0; d < nd; d++) {
                final int[] ax = axis[d];
                final int l = this.len[d];
                for (int i = n - 1; i >= 0; i--) {
                    final int base = o[i];
                    final int at = i * l;
                    for (int j = l - 1; j >= 0; j--) {
                        o[at + j] = base + ax[j];
                    }
                }
                n *= l;
            }
            return n;
        }

        /** The indices written by the last {@link #fill}. */
        int[] indices() {
            return out;
        }
    }
}
