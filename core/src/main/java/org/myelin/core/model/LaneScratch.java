package org.myelin.core.model;

/**
 * Scratch of a vectorised pass for the lanes of a vector with a spike, which it reads back one by
 * one after its loop ({@code VectorMask.toLong} is not intrinsified in JDK 17). A pass stores a
 * vector at the vector's own index, so workers sharing a kernel never overlap; {@link #get} reads the field once,
 * so workers racing on the first allocation each use a complete array of their own.
 */
final class LaneScratch {
    private double[] lanes;
    private int[] marks;

    /**
     * An int array of at least {@code n} entries, for the indices of the vectors with a spike: a pass
     * over [from, to) writes from {@code from / L} on (L lanes per vector), so workers never overlap.
     */
    int[] marks(int n) {
        int[] a = marks;
        if (a == null || a.length < n) {
            a = new int[n];
            marks = a;
        }
        return a;
    }

    /** An array of at least {@code n} doubles. */
    double[] get(int n) {
        double[] a = lanes;
        if (a == null || a.length < n) {
            a = new double[n];
            lanes = a;
        }
        return a;
    }
}
