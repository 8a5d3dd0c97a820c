package org.myelin.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.myelin.core.NeuronKernel;
import org.myelin.core.SpikeBuffer;

/** For the vector passes' tests: a scalar and a vectorised kernel stepped side by side. */
final class KernelPair {
    private KernelPair() {
    }

    /** One step of both kernels on their own state; asserts the same spikes and state; returns the spikes. */
    static int stepBoth(NeuronKernel scalar, NeuronKernel simd, double[][] a, double[][] b, double[][] in, int base,
            int from, int to, int step) {
        SpikeBuffer sa = new SpikeBuffer(16), sb = new SpikeBuffer(16);
        scalar.update(step, a, in, base, from, to, sa);
        simd.update(step, b, in, base, from, to, sb);
        assertEquals(sa.size(), sb.size(), "spike count at step " + step);
        for (int s = 0; s < sa.size(); s++) assertEquals(sa.get(s), sb.get(s));
        for (int k = 0; k < a.length; k++) assertArrayEquals(a[k], b[k], "state " + k + " at step " + step);
        return sa.size();
    }
}
