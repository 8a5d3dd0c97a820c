package org.myelin.core.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import org.myelin.core.SpikeBuffer;

/**
 * {@link IafCondExp}'s forward-Euler step ({@code forward_euler = true}) with the JDK's vector API,
 * used only when module {@code jdk.incubator.vector} is present (see {@link Simd}); nothing else
 * references this class.
 *
 * <p>One branch-free pass: the Euler step of V, the refractory hold and countdown, threshold and
 * reset as blends, the conductances' Euler decay plus this step's input. A vector with a spike only
 * stores its V and its index; its spiking lanes are read back in ascending order after the loop
 * ({@code VectorMask.toLong} boxes the mask in JDK 17). Reading them back inside the loop left the
 * loop's speed to the profile C2 happened to compile it with: the pass took 0.043-0.047 s per
 * simulated second of COBA in most JVMs and 0.034 s in a few (all of them with {@code -Xbatch});
 * with the loop this small, 0.033-0.034 s in every JVM. Every lane performs the scalar loop's
 * operations ({@link IafCondExp.EulerKernel#updateScalar}) in its order with the same fused
 * multiply-adds; the clamp is the scalar {@code x < V_th ? x : V_th} as a compare and a blend
 * ({@link CondExpSimd#atMost}), so results are bit-identical (a test checks this).
 */
final class CondExpEulerSimd implements IafCondExp.EulerPass {
    // the preferred width by default: 256 bits were a fifth slower on one thread here (see Simd#width)
    private static final VectorSpecies<Double> S = VectorSpecies.of(double.class,
            VectorShape.forBitSize(Simd.width(DoubleVector.SPECIES_PREFERRED.vectorBitSize(), 0)));
    private static final int L = S.length();

    @Override
    public void update(IafCondExp.EulerKernel k, double[][] s, double[][] in, int base, int from, int to,
            SpikeBuffer out) {
        final double[] v = s[IafCondExp.V], gex = s[IafCondExp.G_EX], gin = s[IafCondExp.G_IN], r = s[IafCondExp.R];
        final double[] spEx = in[0], spIn = in[1], cur = in[2];
        final DoubleVector h = DoubleVector.broadcast(S, k.h);
        final DoubleVector invC = DoubleVector.broadcast(S, k.invC), restC = DoubleVector.broadcast(S, k.restC);
        final DoubleVector aEx0 = DoubleVector.broadcast(S, k.aEx0), aIn0 = DoubleVector.broadcast(S, k.aIn0);
        final DoubleVector nInvC = DoubleVector.broadcast(S, k.nInvC), nGLC = DoubleVector.broadcast(S, k.nGLC);
        final DoubleVector exE = DoubleVector.broadcast(S, k.exEuler), inE = DoubleVector.broadcast(S, k.inEuler);
        final DoubleVector vTh = DoubleVector.broadcast(S, k.vTh), vReset = DoubleVector.broadcast(S, k.vReset);
        final DoubleVector refSteps = DoubleVector.broadcast(S, k.refSteps);
        final DoubleVector zero = DoubleVector.broadcast(S, 0.0), one = DoubleVector.broadcast(S, 1.0);
        final double svTh = k.vTh;
        // a current port nothing writes to holds +0.0: its term is computed once, not loaded per vector
        final boolean withCur = k.currentWritten;
        final DoubleVector ac0 = zero.fma(invC, restC);
        final double[] lanes = k.lanes.get(v.length);
        final int[] marks = k.lanes.marks(v.length / L + 1);
        final int first = from / L; // this call's part of marks: disjoint between workers
        int nm = first;
        final int upper = from + S.loopBound(to - from);
        for (int i = from; i < upper; i += L) {
            final DoubleVector ge0 = DoubleVector.fromArray(S, gex, i);
            final DoubleVector gi0 = DoubleVector.fromArray(S, gin, i);
            final DoubleVector v0 = DoubleVector.fromArray(S, v, i);
            final DoubleVector rr = DoubleVector.fromArray(S, r, i);
            final DoubleVector ac = withCur ? DoubleVector.fromArray(S, cur, base + i).fma(invC, restC) : ac0;
            final DoubleVector a0 = gi0.fma(aIn0, ge0.fma(aEx0, ac)), nb0 = gi0.fma(nInvC, ge0.fma(nInvC, nGLC));
            final DoubleVector y = nb0.fma(CondExpSimd.atMost(v0, vTh), a0).fma(h, v0);
            // refractory lanes hold V_reset (< V_th), so they never spike
            final VectorMask<Double> refractory = rr.compare(VectorOperators.GT, zero);
            final DoubleVector held = y.blend(vReset, refractory);
            final VectorMask<Double> spike = held.compare(VectorOperators.GE, vTh);
            held.blend(vReset, spike).intoArray(v, i);
            zero.blend(rr.sub(one), refractory).blend(refSteps, spike).intoArray(r, i);
            if (spike.anyTrue()) {
                held.intoArray(lanes, i); // at the vector's own index: workers never overlap
                marks[nm++] = i;
            }
            ge0.fma(exE, DoubleVector.fromArray(S, spEx, base + i)).intoArray(gex, i);
            gi0.fma(inE, DoubleVector.fromArray(S, spIn, base + i)).intoArray(gin, i);
        }
        // the spiking lanes, in ascending order, after the loop: lane by lane from an array, since
        // VectorMask.toLong is not intrinsified in JDK 17 (it boxes the mask)
        for (int m = first; m < nm; m++) {
            final int i = marks[m];
            for (int l = 0; l < L; l++) if (lanes[i + l] >= svTh) out.add(i + l);
        }
        if (upper < to) k.updateScalar(s, in, base, upper, to, out);
    }
}
