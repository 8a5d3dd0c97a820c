package org.myelin.core.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import org.myelin.core.SpikeBuffer;

/**
 * {@link IafPscDelta}'s step without {@code refractory_input} (NEST's default) with the JDK's vector
 * API, used only when module {@code jdk.incubator.vector} is present (see {@link Simd}); nothing
 * else references this class.
 *
 * <p>One branch-free pass: the exact step of V, the lower bound, threshold and reset, and the
 * refractory hold and countdown as blends. The scalar loop branches on the refractory count, and in
 * a network firing at tens of Hz with a 2 ms dead time that branch is taken at random for about one
 * neuron in fifteen, so its mispredictions cost more than the arithmetic. A vector with a spike
 * stores its spike mask and its index; the spiking lanes are read back in ascending order after the
 * loop, as in {@link CondExpEulerSimd}. Every lane performs the scalar loop's operations
 * ({@link IafPscDelta.Kernel#updateScalar}) in its order, without fused multiply-adds, and keeps the
 * V of a refractory lane untouched, so results are bit-identical (a test checks this).
 */
final class IafPscDeltaSimd implements IafPscDelta.Pass {
    // the preferred width by default: with the spikes read back after the loop, 256 and 512 bits ran
    // Brunel equally fast here (see Simd#width)
    private static final VectorSpecies<Double> S = VectorSpecies.of(double.class,
            VectorShape.forBitSize(Simd.width(DoubleVector.SPECIES_PREFERRED.vectorBitSize(), 0)));
    private static final int L = S.length();

    @Override
    public void update(IafPscDelta.Kernel k, double[][] s, double[][] in, int base, int from, int to,
            SpikeBuffer out) {
        final double[] v = s[IafPscDelta.V], r = s[IafPscDelta.R];
        final double[] spk = in[0], cur = in[1];
        final DoubleVector p33 = DoubleVector.broadcast(S, k.p33), p30 = DoubleVector.broadcast(S, k.p30);
        final DoubleVector eL = DoubleVector.broadcast(S, k.eL), iE = DoubleVector.broadcast(S, k.iE);
        final DoubleVector theta = DoubleVector.broadcast(S, k.thetaRel), vMin = DoubleVector.broadcast(S, k.vMinRel);
        // the scalar loop stores V_reset - E_L + E_L: the same double for every neuron
        final DoubleVector vReset = DoubleVector.broadcast(S, k.resetRel + k.eL);
        final DoubleVector refSteps = DoubleVector.broadcast(S, k.refSteps);
        // with NEST's default V_min = -inf no y is below it, NaN included, so the compare and blend
        // (each several instructions on JDK 17's AVX-512) are skipped
        final boolean bounded = k.vMinRel != Double.NEGATIVE_INFINITY;
        // a current port nothing writes to holds +0.0: its term is computed once, not loaded per vector
        final boolean withCur = k.currentWritten;
        final DoubleVector zero = DoubleVector.broadcast(S, 0.0), one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector drive0 = p30.mul(iE.add(zero));
        final double[] lanes = k.lanes.get(v.length);
        final int[] marks = k.lanes.marks(v.length / L + 1);
        final int first = from / L; // this call's part of marks: disjoint between workers
        int nm = first;
        final int upper = from + S.loopBound(to - from);
        for (int i = from; i < upper; i += L) {
            final DoubleVector v0 = DoubleVector.fromArray(S, v, i);
            final DoubleVector rr = DoubleVector.fromArray(S, r, i);
            final DoubleVector drive = withCur ? p30.mul(iE.add(DoubleVector.fromArray(S, cur, base + i))) : drive0;
            DoubleVector y = drive.add(p33.mul(v0.sub(eL)))
                    .add(DoubleVector.fromArray(S, spk, base + i));
            if (bounded) y = y.blend(vMin, y.compare(VectorOperators.LT, vMin));
            final VectorMask<Double> free = rr.compare(VectorOperators.EQ, zero);
            final VectorMask<Double> spike = y.compare(VectorOperators.GE, theta).and(free);
            // a refractory lane keeps its V (V_reset since its spike) and counts down
            y.add(eL).blend(vReset, spike).blend(v0, free.not()).intoArray(v, i);
            rr.sub(one).blend(zero, free).blend(refSteps, spike).intoArray(r, i);
            if (spike.anyTrue()) {
                zero.blend(one, spike).intoArray(lanes, i); // at the vector's own index: workers never overlap
                marks[nm++] = i;
            }
        }
        // the spiking lanes, in ascending order, after the loop (see CondExpEulerSimd)
        for (int m = first; m < nm; m++) {
            final int i = marks[m];
            for (int l = 0; l < L; l++) if (lanes[i + l] != 0) out.add(i + l);
        }
        if (upper < to) k.updateScalar(s, in, base, upper, to, out);
    }
}
