package org.myelin.core.model;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The vectorised {@code iaf_psc_delta} kernel (JDK vector API) against the scalar loop: the same
 * state and spikes, bit for bit, over quiet, refractory, spiking and V_min-bounded neurons, on an odd
 * slice so the scalar tail runs too, with current input and without (the network then tells the
 * kernel that nothing writes its current port); and with {@code refractory_input} the kernel keeps
 * the scalar loop.
 */
class IafPscDeltaSimdTest {
    @Test
    void vectorisedKernelIsBitIdenticalToScalar() {
        assertNotNull(IafPscDelta.SIMD, "the tests run with --add-modules jdk.incubator.vector (see the parent pom's"
                + " argLine); without it this test cannot check the vectorised path");
        for (double vMin : new double[] {Double.NEGATIVE_INFINITY, -72}) {
            for (boolean currentWritten : new boolean[] {true, false}) check(vMin, currentWritten);
        }
    }

    /** With {@code currentWritten} false the current port stays 0 and the pass is told nothing writes it. */
    private static void check(double vMin, boolean currentWritten) {
        double[] p = IafPscDelta.INSTANCE.defaults();
        p[IafPscDelta.I_E] = 200;
        p[IafPscDelta.V_MIN] = vMin;
        double dt = 0.1;
        int n = 1003, from = 1, to = n - 1, base = 5;
        IafPscDelta.Kernel scalar = new IafPscDelta.Kernel(p, dt, null);
        IafPscDelta.Kernel simd = new IafPscDelta.Kernel(p, dt, IafPscDelta.SIMD);
        simd.inputsWritten(new boolean[] {true, currentWritten});
        Random rnd = new Random(11);
        double[][] a = new double[3][n];
        for (int i = 0; i < n; i++) {
            a[0][i] = -75 + 20 * rnd.nextDouble();
            a[1][i] = i % 7 == 0 ? 1 + rnd.nextInt(20) : 0;
        }
        double[][] b = {a[0].clone(), a[1].clone(), a[2].clone()};
        double[][] in = new double[2][base + n];
        int spikes = 0, refractory = 0, bounded = 0;
        for (int step = 0; step < 2000; step++) {
            for (int i = 0; i < n; i++) {
                in[0][base + i] = rnd.nextInt(4) == 0 ? 4 * rnd.nextGaussian() : 0;
                if (currentWritten) in[1][base + i] = rnd.nextInt(50) == 0 ? 300 * rnd.nextGaussian() : 0;
                if (a[1][i] > 0) refractory++;
                if (a[0][i] == vMin) bounded++;
            }
            spikes += KernelPair.stepBoth(scalar, simd, a, b, in, base, from, to, step);
        }
        assertTrue(spikes > 2000 && refractory > 50_000, "spikes: " + spikes + ", refractory: " + refractory);
        if (vMin > Double.NEGATIVE_INFINITY) assertTrue(bounded > 1000, "neuron-steps held at V_min: " + bounded);
    }
}
