package org.myelin.core.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import org.myelin.core.SpikeBuffer;

/**
 * {@link IafCondExp}'s step with the JDK's vector API, used only when module
 * {@code jdk.incubator.vector} is present (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}; see {@link Simd}). Nothing else references this class,
 * so the kernel links and runs without that module.
 *
 * <p>Three passes over the slice: the non-stiff RK4 candidate of every neuron; then, branch-free,
 * the refractory hold and countdown and the exact conductance decay plus this step's input. A
 * vector in which some lane needs more (active and stiff, or active and at threshold: one compare
 * and test per vector; about a quarter of the vectors in the COBA benchmark) is captured whole with
 * its step-start state (branch-free: every vector is written, only these are kept). Last, the
 * captured vectors in ascending order: the two-substep integration of their stiff lanes, whole
 * vectors at once (the scalar slow path for the rare lanes that need another substep count), then
 * threshold, reset and spikes, so spikes leave in the scalar kernel's order. The slice's scalar
 * tail runs through the scalar kernel.
 *
 * <p>Every lane performs exactly the scalar kernel's operations in its order, with the same fused
 * multiply-adds ({@link Math#fma} there); the clamp is the scalar {@code x < V_th ? x : V_th} as a
 * compare and a blend ({@link #atMost}) and the refractory hold is a blend, so results are
 * bit-identical to the scalar path (a test checks this).
 */
final class CondExpSimd implements IafCondExp.Passes {
    // 256 bits by default, also where the platform prefers 512: 13-25% faster on JDK 17, a tenth on
    // JDK 25, on this project's AVX-512 machine (see Simd#width)
    private static final VectorSpecies<Double> S = VectorSpecies.of(double.class,
            VectorShape.forBitSize(Simd.width(DoubleVector.SPECIES_PREFERRED.vectorBitSize(), 256)));
    private static final int L = S.length();

    @Override
    public boolean supports(IafCondExp.Kernel k) {
        // the exception test assumes that a refractory lane (conductance term zeroed) is never stiff
        return k.gStiff > 0;
    }

    @Override
    public void update(IafCondExp.Kernel k, double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out) {
        final double[] v = s[IafCondExp.V], gex = s[IafCondExp.G_EX], gin = s[IafCondExp.G_IN], r = s[IafCondExp.R];
        final double[] spEx = in[0], spIn = in[1], cur = in[2];
        final IafCondExp.Scratch x = k.scratch(v.length);
        // constants broadcast once, so that the loop has only vector-vector operations (small enough
        // for C2 to inline and intrinsify every one of them)
        final DoubleVector h = DoubleVector.broadcast(S, k.h), h2 = DoubleVector.broadcast(S, 0.5 * k.h);
        final DoubleVector h6 = DoubleVector.broadcast(S, k.h / 6.0), two = DoubleVector.broadcast(S, 2.0);
        final DoubleVector invC = DoubleVector.broadcast(S, k.invC), nInvC = DoubleVector.broadcast(S, k.nInvC);
        final DoubleVector nGLC = DoubleVector.broadcast(S, k.nGLC);
        final DoubleVector restC = DoubleVector.broadcast(S, k.restC), vTh = DoubleVector.broadcast(S, k.vTh);
        final DoubleVector aEx0 = DoubleVector.broadcast(S, k.aEx0), aIn0 = DoubleVector.broadcast(S, k.aIn0);
        final DoubleVector aExH = DoubleVector.broadcast(S, k.aExH), aInH = DoubleVector.broadcast(S, k.aInH);
        final DoubleVector aExF = DoubleVector.broadcast(S, k.aExF), aInF = DoubleVector.broadcast(S, k.aInF);
        final DoubleVector nbExH = DoubleVector.broadcast(S, k.nbExH), nbInH = DoubleVector.broadcast(S, k.nbInH);
        final DoubleVector nbExF = DoubleVector.broadcast(S, k.nbExF), nbInF = DoubleVector.broadcast(S, k.nbInF);
        final double[] ys = x.cand;
        final int upper = from + S.loopBound(to - from);
        for (int i = from; i < upper; i += L) {
            final DoubleVector ge0 = DoubleVector.fromArray(S, gex, i);
            final DoubleVector gi0 = DoubleVector.fromArray(S, gin, i);
            final DoubleVector v0 = DoubleVector.fromArray(S, v, i);
            final DoubleVector ac = DoubleVector.fromArray(S, cur, base + i).fma(invC, restC);
            final DoubleVector a0 = gi0.fma(aIn0, ge0.fma(aEx0, ac)), nb0 = gi0.fma(nInvC, ge0.fma(nInvC, nGLC));
            final DoubleVector aH = gi0.fma(aInH, ge0.fma(aExH, ac)), nbH = gi0.fma(nbInH, ge0.fma(nbExH, nGLC));
            final DoubleVector aF = gi0.fma(aInF, ge0.fma(aExF, ac)), nbF = gi0.fma(nbInF, ge0.fma(nbExF, nGLC));
            final DoubleVector k1 = nb0.fma(atMost(v0, vTh), a0);
            final DoubleVector k2 = nbH.fma(atMost(k1.fma(h2, v0), vTh), aH);
            final DoubleVector k3 = nbH.fma(atMost(k2.fma(h2, v0), vTh), aH);
            final DoubleVector k4 = nbF.fma(atMost(k3.fma(h, v0), vTh), aF);
            k2.add(k3).fma(two, k1).add(k4).fma(h6, v0).intoArray(ys, i);
        }
        final int nv = hold(k, x, s, in, base, from, upper);
        if (nv > 0) settle(k, x, s, in[2], base, from, nv, out);
        if (upper < to) k.updateScalar(s, in, base, upper, to, out);
    }

    /**
     * The second pass over the candidates {@code x.cand} of [from, upper): refractory hold and
     * countdown, exact conductance decay plus this step's input, all branch-free. A vector with an
     * exception (a lane active and stiff, or active and at threshold) is captured whole with its
     * step-start state for {@link #settle}, branch-free too. Returns the number of captured vectors.
     */
    private static int hold(IafCondExp.Kernel k, IafCondExp.Scratch x, double[][] s, double[][] in, int base, int from,
            int upper) {
        final double[] v = s[IafCondExp.V], gex = s[IafCondExp.G_EX], gin = s[IafCondExp.G_IN], r = s[IafCondExp.R];
        final double[] spEx = in[0], spIn = in[1], ys = x.cand;
        final DoubleVector exFull = DoubleVector.broadcast(S, k.exFull), inFull = DoubleVector.broadcast(S, k.inFull);
        final DoubleVector vReset = DoubleVector.broadcast(S, k.vReset), gStiff = DoubleVector.broadcast(S, k.gStiff);
        final DoubleVector zero = DoubleVector.broadcast(S, 0.0), one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector vTh = DoubleVector.broadcast(S, k.vTh);
        int nv = 0; // captured vectors; stored from index `from` on, disjoint between workers
        for (int i = from; i < upper; i += L) {
            final DoubleVector ge0 = DoubleVector.fromArray(S, gex, i);
            final DoubleVector gi0 = DoubleVector.fromArray(S, gin, i);
            final DoubleVector y = DoubleVector.fromArray(S, ys, i);
            final DoubleVector rr = DoubleVector.fromArray(S, r, i);
            final VectorMask<Double> refractory = rr.compare(VectorOperators.GT, zero);
            final DoubleVector held = y.blend(vReset, refractory);
            // any lane active and (at threshold or stiff)? refractory lanes are neither
            final DoubleVector g = ge0.add(gi0).blend(zero, refractory);
            // every vector goes to the next capture slot, and the count moves on only for a vector
            // with an exception: no branch here, where one taken for a good part of the vectors (a
            // quarter of them with 8 lanes) cost 8% of COBA's step (at = from + nv L never passes i:
            // in bounds, and never into another worker's part)
            final int at = from + nv * L;
            x.idx[from + nv] = i;
            DoubleVector.fromArray(S, v, i).intoArray(x.v0, at);
            ge0.intoArray(x.ge, at);
            gi0.intoArray(x.gi, at);
            rr.intoArray(x.r, at);
            final VectorMask<Double> more = held.compare(VectorOperators.GE, vTh)
                    .or(g.compare(VectorOperators.GE, gStiff));
            nv += more.anyTrue() ? 1 : 0;
            held.intoArray(v, i);
            zero.blend(rr.sub(one), refractory).intoArray(r, i);
            ge0.fma(exFull, DoubleVector.fromArray(S, spEx, base + i)).intoArray(gex, i);
            gi0.fma(inFull, DoubleVector.fromArray(S, spIn, base + i)).intoArray(gin, i);
        }
        return nv;
    }

    /**
     * The captured vectors of one call, in ascending neuron order: stiff lanes resolved
     * ({@link #resolveStiff}), then threshold, reset and spikes. Small on purpose, like the methods it
     * calls, which exchange data only through the scratch arrays: C2 compiles each quickly, a rare
     * path reached late deoptimises only its own small method, and no vector crosses a call (a
     * vector passed to or returned from a method that is not inlined is boxed).
     */
    private static void settle(IafCondExp.Kernel k, IafCondExp.Scratch x, double[][] s, double[] cur, int base,
            int from, int nv, SpikeBuffer out) {
        final double[] v = s[IafCondExp.V], r = s[IafCondExp.R];
        final DoubleVector vReset = DoubleVector.broadcast(S, k.vReset), gStiff = DoubleVector.broadcast(S, k.gStiff);
        final DoubleVector zero = DoubleVector.broadcast(S, 0.0), one = DoubleVector.broadcast(S, 1.0);
        final DoubleVector vTh = DoubleVector.broadcast(S, k.vTh), refSteps = DoubleVector.broadcast(S, k.refSteps);
        final double svTh = k.vTh;
        for (int c = 0; c < nv; c++) {
            final int at = from + c * L, i = x.idx[from + c];
            final DoubleVector rr = DoubleVector.fromArray(S, x.r, at);
            final VectorMask<Double> refractory = rr.compare(VectorOperators.GT, zero);
            // conductance of the active lanes (0 for refractory ones: never stiff)
            final DoubleVector g = DoubleVector.fromArray(S, x.ge, at).add(DoubleVector.fromArray(S, x.gi, at))
                    .blend(zero, refractory);
            if (g.compare(VectorOperators.GT, gStiff).anyTrue()) resolveStiff(k, x, at, i, cur, base + i);
            final DoubleVector held = DoubleVector.fromArray(S, x.cand, i).blend(vReset, refractory);
            final VectorMask<Double> spike = held.compare(VectorOperators.GE, vTh);
            held.blend(vReset, spike).intoArray(v, i);
            if (spike.anyTrue()) {
                zero.blend(rr.sub(one), refractory).blend(refSteps, spike).intoArray(r, i);
                held.intoArray(x.res, at);
                for (int l = 0; l < L; l++) if (x.res[at + l] >= svTh) out.add(i + l);
            }
        }
    }

    /**
     * {@link IafCondExp.Kernel#wholeStepAccurate} for the captured vector at {@code at} (neurons from
     * position {@code i} on, their current input from {@code cur[ci]} on), lane by lane the same
     * operations: the error estimate of a whole step into {@code x.est} (infinite above gWhole, 0 on
     * lanes that are not stiff or are refractory); where it exceeds the tolerance, {@link #split}
     * replaces the candidates in {@code x.cand}.
     */
    private static void resolveStiff(IafCondExp.Kernel k, IafCondExp.Scratch x, int at, int i, double[] cur, int ci) {
        final DoubleVector zero = DoubleVector.broadcast(S, 0.0), vTh = DoubleVector.broadcast(S, k.vTh);
        final DoubleVector invC = DoubleVector.broadcast(S, k.invC), nInvC = DoubleVector.broadcast(S, k.nInvC);
        final DoubleVector nGLC = DoubleVector.broadcast(S, k.nGLC), restC = DoubleVector.broadcast(S, k.restC);
        final DoubleVector aEx0 = DoubleVector.broadcast(S, k.aEx0), aIn0 = DoubleVector.broadcast(S, k.aIn0);
        final DoubleVector dEx = DoubleVector.broadcast(S, k.dEx), dIn = DoubleVector.broadcast(S, k.dIn);
        final DoubleVector eEx = DoubleVector.broadcast(S, k.eEx), eIn = DoubleVector.broadcast(S, k.eIn);
        final DoubleVector h = DoubleVector.broadcast(S, k.h), nh = DoubleVector.broadcast(S, -k.h);
        final DoubleVector h120 = DoubleVector.broadcast(S, k.h120), inf = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
        final DoubleVector gStiff = DoubleVector.broadcast(S, k.gStiff), gWhole = DoubleVector.broadcast(S, k.gWhole);
        final DoubleVector tol = DoubleVector.broadcast(S, IafCondExp.TOL);
        final DoubleVector ge0 = DoubleVector.fromArray(S, x.ge, at), gi0 = DoubleVector.fromArray(S, x.gi, at);
        final VectorMask<Double> refractory = DoubleVector.fromArray(S, x.r, at).compare(VectorOperators.GT, zero);
        final DoubleVector g = ge0.add(gi0).blend(zero, refractory);
        final DoubleVector ac = DoubleVector.fromArray(S, cur, ci).fma(invC, restC);
        final DoubleVector a0 = gi0.fma(aIn0, ge0.fma(aEx0, ac)), nb0 = gi0.fma(nInvC, ge0.fma(nInvC, nGLC));
        final DoubleVector x0 = atMost(DoubleVector.fromArray(S, x.v0, at), vTh);
        final DoubleVector k1 = nb0.fma(x0, a0);
        final DoubleVector k1d = gi0.mul(dIn).fma(x0.sub(eIn), ge0.mul(dEx).mul(x0.sub(eEx)));
        final DoubleVector z = nb0.mul(nh);
        final DoubleVector est = z.mul(z).mul(z).mul(h120).mul(z.fma(k1.abs(), h.mul(k1d.abs())))
                .blend(inf, g.compare(VectorOperators.GT, gWhole)).blend(zero, g.compare(VectorOperators.LE, gStiff));
        if (est.compare(VectorOperators.GT, tol).anyTrue()) {
            est.intoArray(x.est, at);
            split(k, x, at, i, cur, ci);
        }
    }

    /**
     * The lanes of the captured vector at {@code at} whose estimate {@code x.est} exceeds the
     * tolerance: {@link IafCondExp.Kernel#stiffStep} with two substeps, whole vectors, lane by lane
     * the same operations in the same order (written out, no loop over the substeps, so that C2
     * keeps the vectors in registers), then the scalar slow path for lanes that need another
     * substep count; the results replace the candidates in {@code x.cand} (arguments as for
     * {@link #resolveStiff}).
     */
    private static void split(IafCondExp.Kernel k, IafCondExp.Scratch x, int at, int i, double[] cur, int ci) {
        final DoubleVector vTh = DoubleVector.broadcast(S, k.vTh), two = DoubleVector.broadcast(S, 2.0);
        final double hsS = k.h / 2;
        final DoubleVector hs = DoubleVector.broadcast(S, hsS), hs2 = DoubleVector.broadcast(S, 0.5 * hsS);
        final DoubleVector hs6 = DoubleVector.broadcast(S, hsS / 6.0);
        final double exHs = k.exHalfSub[2], inHs = k.inHalfSub[2];
        final DoubleVector exH = DoubleVector.broadcast(S, exHs), exF = DoubleVector.broadcast(S, exHs * exHs);
        final DoubleVector inH = DoubleVector.broadcast(S, inHs), inF = DoubleVector.broadcast(S, inHs * inHs);
        final DoubleVector invC = DoubleVector.broadcast(S, k.invC), nInvC = DoubleVector.broadcast(S, k.nInvC);
        final DoubleVector nGLC = DoubleVector.broadcast(S, k.nGLC), restC = DoubleVector.broadcast(S, k.restC);
        final DoubleVector aEx0 = DoubleVector.broadcast(S, k.aEx0), aIn0 = DoubleVector.broadcast(S, k.aIn0);
        final DoubleVector ge0 = DoubleVector.fromArray(S, x.ge, at), gi0 = DoubleVector.fromArray(S, x.gi, at);
        final DoubleVector ac = DoubleVector.fromArray(S, cur, ci).fma(invC, restC);
        final DoubleVector y0 = DoubleVector.fromArray(S, x.v0, at);
        final DoubleVector y1, y2;
        {
            final DoubleVector geH = ge0.mul(exH), giH = gi0.mul(inH), geF = ge0.mul(exF), giF = gi0.mul(inF);
            final DoubleVector aH = giH.fma(aIn0, geH.fma(aEx0, ac)), nbH = giH.fma(nInvC, geH.fma(nInvC, nGLC));
            final DoubleVector a0 = gi0.fma(aIn0, ge0.fma(aEx0, ac)), nb0 = gi0.fma(nInvC, ge0.fma(nInvC, nGLC));
            final DoubleVector aF = giF.fma(aIn0, geF.fma(aEx0, ac)), nbF = giF.fma(nInvC, geF.fma(nInvC, nGLC));
            final DoubleVector k1 = nb0.fma(atMost(y0, vTh), a0);
            final DoubleVector k2 = nbH.fma(atMost(k1.fma(hs2, y0), vTh), aH);
            final DoubleVector k3 = nbH.fma(atMost(k2.fma(hs2, y0), vTh), aH);
            final DoubleVector k4 = nbF.fma(atMost(k3.fma(hs, y0), vTh), aF);
            y1 = k2.add(k3).fma(two, k1).add(k4).fma(hs6, y0);
        }
        {
            final DoubleVector ge = ge0.mul(exF), gi = gi0.mul(inF); // the first substep's end
            final DoubleVector geH = ge.mul(exH), giH = gi.mul(inH), geF = ge.mul(exF), giF = gi.mul(inF);
            final DoubleVector aH = giH.fma(aIn0, geH.fma(aEx0, ac)), nbH = giH.fma(nInvC, geH.fma(nInvC, nGLC));
            final DoubleVector a0 = gi.fma(aIn0, ge.fma(aEx0, ac)), nb0 = gi.fma(nInvC, ge.fma(nInvC, nGLC));
            final DoubleVector aF = giF.fma(aIn0, geF.fma(aEx0, ac)), nbF = giF.fma(nInvC, geF.fma(nInvC, nGLC));
            final DoubleVector k1 = nb0.fma(atMost(y1, vTh), a0);
            final DoubleVector k2 = nbH.fma(atMost(k1.fma(hs2, y1), vTh), aH);
            final DoubleVector k3 = nbH.fma(atMost(k2.fma(hs2, y1), vTh), aH);
            final DoubleVector k4 = nbF.fma(atMost(k3.fma(hs, y1), vTh), aF);
            y2 = k2.add(k3).fma(two, k1).add(k4).fma(hs6, y1);
        }
        final DoubleVector est = DoubleVector.fromArray(S, x.est, at);
        final VectorMask<Double> over = est.compare(VectorOperators.GT, DoubleVector.broadcast(S, IafCondExp.TOL));
        DoubleVector.fromArray(S, x.cand, i).blend(y2, over).intoArray(x.cand, i);
        // the slow path's substep count is ceil(z / Z_MAX): two unless z / Z_MAX is outside (1, 2]
        final double szLeak = k.zLeak, shOverC = k.hOverC;
        for (int j = at; j < at + L; j++) {
            if (!(x.est[j] > IafCondExp.TOL)) continue;
            final double ge = x.ge[j], gi = x.gi[j], g = ge + gi;
            if (Math.ceil((szLeak + shOverC * g) / IafCondExp.Z_MAX) != 2) {
                x.cand[i + j - at] = k.stiffStep(x.v0[j], ge, gi, cur[ci + j - at]);
            }
        }
    }

    /**
     * {@code x < cap ? x : cap} in every lane, the scalar kernel's expression (a NaN gives
     * {@code cap}, as there): a compare and a blend, where {@code x.min(cap)}, with Java's rules for
     * NaN and signed zeros, compiles to about six instructions.
     */
    static DoubleVector atMost(DoubleVector x, DoubleVector cap) {
        return cap.blend(x, x.compare(VectorOperators.LT, cap));
    }
}
