package org.myelin.core.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The branch-free arithmetic passes of {@link IafCondExp}'s kernel with the JDK's vector API, used
 * only when module {@code jdk.incubator.vector} is present (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}; see {@link Simd}). Nothing else references this class,
 * so the kernel links and runs without that module.
 *
 * <p>Every lane performs exactly the scalar kernel's operations in the scalar kernel's order
 * (multiplications and additions, no fused multiply-add), and the clamp {@code min(x, V_th)} equals the scalar
 * {@code x < V_th ? x : V_th} for every non-NaN value, so results are bit-identical to the scalar
 * path (a test checks this).
 */
final class CondExpSimd implements IafCondExp.Passes {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    @Override
    public void rk4(IafCondExp.Kernel k, double[] v, double[] gex, double[] gin, double[] cur, int base, int from,
            int to, double[] y) {
        // constants broadcast once, so that the loop has only vector-vector operations (small enough
        // for C2 to inline and intrinsify every one of them)
        final DoubleVector h = DoubleVector.broadcast(S, k.h), h2 = DoubleVector.broadcast(S, 0.5 * k.h);
        final DoubleVector h6 = DoubleVector.broadcast(S, k.h / 6.0), two = DoubleVector.broadcast(S, 2.0);
        final DoubleVector invC = DoubleVector.broadcast(S, k.invC), gLC = DoubleVector.broadcast(S, k.gLC);
        final DoubleVector restC = DoubleVector.broadcast(S, k.restC), vTh = DoubleVector.broadcast(S, k.vTh);
        final DoubleVector aEx0 = DoubleVector.broadcast(S, k.aEx0), aIn0 = DoubleVector.broadcast(S, k.aIn0);
        final DoubleVector aExH = DoubleVector.broadcast(S, k.aExH), aInH = DoubleVector.broadcast(S, k.aInH);
        final DoubleVector aExF = DoubleVector.broadcast(S, k.aExF), aInF = DoubleVector.broadcast(S, k.aInF);
        final DoubleVector bExH = DoubleVector.broadcast(S, k.bExH), bInH = DoubleVector.broadcast(S, k.bInH);
        final DoubleVector bExF = DoubleVector.broadcast(S, k.bExF), bInF = DoubleVector.broadcast(S, k.bInF);
        final int upper = from + S.loopBound(to - from);
        int i = from;
        for (; i < upper; i += S.length()) {
            final DoubleVector ge0 = DoubleVector.fromArray(S, gex, i);
            final DoubleVector gi0 = DoubleVector.fromArray(S, gin, i);
            final DoubleVector v0 = DoubleVector.fromArray(S, v, i);
            final DoubleVector ac = DoubleVector.fromArray(S, cur, base + i).mul(invC).add(restC);
            final DoubleVector a0 = ac.add(ge0.mul(aEx0)).add(gi0.mul(aIn0));
            final DoubleVector b0 = ge0.mul(invC).add(gLC).add(gi0.mul(invC));
            final DoubleVector aH = ac.add(ge0.mul(aExH)).add(gi0.mul(aInH));
            final DoubleVector bH = ge0.mul(bExH).add(gLC).add(gi0.mul(bInH));
            final DoubleVector aF = ac.add(ge0.mul(aExF)).add(gi0.mul(aInF));
            final DoubleVector bF = ge0.mul(bExF).add(gLC).add(gi0.mul(bInF));
            final DoubleVector k1 = a0.sub(b0.mul(clamp(v0, vTh)));
            final DoubleVector k2 = aH.sub(bH.mul(clamp(k1.mul(h2).add(v0), vTh)));
            final DoubleVector k3 = aH.sub(bH.mul(clamp(k2.mul(h2).add(v0), vTh)));
            final DoubleVector k4 = aF.sub(bF.mul(clamp(k3.mul(h).add(v0), vTh)));
            k2.add(k3).mul(two).add(k1).add(k4).mul(h6).add(v0).intoArray(y, i);
        }
        k.rk4Scalar(v, gex, gin, cur, base, i, to, y);
    }

    /**
     * {@code min(x, vTh)} per lane: the scalar kernel's {@code x < vTh ? x : vTh} for every non-NaN
     * value (they differ only in the sign of a zero equal to V_th, which then only multiplies a
     * conductance and is subtracted: the same result). Not compare-and-blend: JDK 17 does not
     * intrinsify double blends on AVX2 and falls back to boxed code.
     */
    private static DoubleVector clamp(DoubleVector x, DoubleVector vTh) {
        return x.min(vTh);
    }

    @Override
    public void decay(double[] g, double[] spikes, int base, int from, int to, double factor) {
        final DoubleVector f = DoubleVector.broadcast(S, factor);
        final int upper = from + S.loopBound(to - from);
        int i = from;
        for (; i < upper; i += S.length()) {
            DoubleVector.fromArray(S, g, i).mul(f).add(DoubleVector.fromArray(S, spikes, base + i)).intoArray(g, i);
        }
        for (; i < to; i++) g[i] = g[i] * factor + spikes[base + i];
    }
}
