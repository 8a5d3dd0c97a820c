package org.myelin.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Stimulation}'s Poisson drive (for rates with a guide table) with the JDK's vector API, used
 * only when module {@code jdk.incubator.vector} is present (see {@code org.myelin.core.model.Simd});
 * nothing else references this class.
 *
 * <p>Per lane, the scalar loop's draw: {@link Rng#bits} of (neuron key, step), its top 53 bits
 * {@code r}, the guide table's entry for the top bits of {@code r} (gathered), and for a lane whose
 * bucket straddles a step of the CDF, {@link Rng#poissonSearch} on {@code r}, lane by lane; then
 * {@code in += k * w}. The same integer operations and the same double multiply and add, so results
 * are bit-identical to the scalar loop (a test checks this).
 */
final class PoissonSimd implements Stimulation.PoissonPass {
    private static final VectorSpecies<Long> LS = VectorSpecies.of(long.class,
            VectorShape.forBitSize(org.myelin.core.model.Simd.width(LongVector.SPECIES_PREFERRED.vectorBitSize(), 0)));
    private static final int L = LS.length();
    // ints and doubles with as many lanes as the longs
    private static final VectorSpecies<Integer> IS = VectorSpecies.of(int.class,
            VectorShape.forBitSize(LS.vectorBitSize() / 2));
    private static final VectorSpecies<Double> DS = VectorSpecies.of(double.class, LS.vectorShape());

    @Override
    public void add(long[] keys, long t, int[] guide, long[] table, double[] in, int base, int from, int to, double w,
            int[] scratch) {
        final LongVector tg = LongVector.broadcast(LS, t * Rng.GAMMA);
        final DoubleVector wv = DoubleVector.broadcast(DS, w);
        final int upper = from + LS.loopBound(to - from);
        for (int j = from; j < upper; j += L) {
            LongVector z = LongVector.fromArray(LS, keys, j).add(tg);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
            final LongVector r = z.lanewise(VectorOperators.LSHR, 11);
            // bucket indices (< 2^12) as ints, at the vector's own index: workers never overlap
            ((IntVector) r.lanewise(VectorOperators.LSHR, Rng.GUIDE_SHIFT).convertShape(VectorOperators.L2I, IS, 0))
                    .intoArray(scratch, j);
            IntVector k = IntVector.fromArray(IS, guide, 0, scratch, j);
            final VectorMask<Integer> straddle = k.compare(VectorOperators.LT, 0);
            if (straddle.anyTrue()) {
                k.intoArray(scratch, j);
                for (int l = 0; l < L; l++) {
                    if (scratch[j + l] < 0) scratch[j + l] = Rng.poissonSearch(table, r.lane(l));
                }
                k = IntVector.fromArray(IS, scratch, j);
            }
            final DoubleVector kd = (DoubleVector) k.convertShape(VectorOperators.I2D, DS, 0);
            DoubleVector.fromArray(DS, in, base + j).add(kd.mul(wv)).intoArray(in, base + j);
        }
        if (upper < to) Stimulation.poissonScalar(keys, t, guide, table, in, base, upper, to, w);
    }
}
