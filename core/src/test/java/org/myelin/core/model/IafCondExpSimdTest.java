package org.myelin.core.model;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The vectorised {@code iaf_cond_exp} kernel (JDK vector API) against the fused scalar loop: the
 * same state, inputs and spikes, bit for bit, over a mix of quiet, refractory, stiff (very large
 * conductance) and spiking neurons, on an odd slice so the scalar tail runs too; each with current
 * input and without (the network then tells the kernel that nothing writes its current port).
 */
class IafCondExpSimdTest {
    @Test
    void vectorisedKernelIsBitIdenticalToScalar() {
        assertNotNull(IafCondExp.SIMD, "the tests run with --add-modules jdk.incubator.vector (see the parent pom's"
                + " argLine); without it this test cannot check the vectorised path");
        rk4(true);
        rk4(false);
    }

    /** With {@code currentWritten} false the current port stays 0 and the pass is told nothing writes it. */
    private static void rk4(boolean currentWritten) {
        double[] p = IafCondExp.INSTANCE.defaults();
        p[IafCondExp.I_E] = 300;
        p[IafCondExp.TAU_IN] = 10;
        p[IafCondExp.TAU_EX] = 5;
        double dt = 0.1;
        int n = 1003, from = 1, to = n - 1;
        IafCondExp.Kernel scalar = new IafCondExp.Kernel(p, dt, null);
        IafCondExp.Kernel simd = new IafCondExp.Kernel(p, dt, IafCondExp.SIMD);
        simd.inputsWritten(new boolean[] {true, true, currentWritten});
        Random rnd = new Random(7);
        double[][] a = randomState(rnd, n, 5000), b = copy(a);
        int base = 5;
        double[][] in = new double[3][base + n];
        int spikes = 0, stiff = 0, whole = 0, split = 0;
        for (int step = 0; step < 2000; step++) {
            for (int i = 0; i < n; i++) {
                in[0][base + i] = rnd.nextInt(10) == 0 ? 30 * rnd.nextDouble() : 0;
                in[1][base + i] = rnd.nextInt(20) == 0 ? 600 * rnd.nextDouble() : 0;
                if (currentWritten) in[2][base + i] = rnd.nextInt(50) == 0 ? 500 * rnd.nextDouble() : 0;
                double g = a[1][i] + a[2][i];
                if (g > scalar.gStiff) stiff++;
                if (a[3][i] == 0 && g > scalar.gStiff && g <= scalar.gWhole) {
                    if (scalar.wholeStepAccurate(a[0][i], a[1][i], a[2][i], in[2][base + i])) whole++;
                    else split++;
                }
            }
            spikes += KernelPair.stepBoth(scalar, simd, a, b, in, base, from, to, step);
        }
        assertTrue(spikes > 200, "spikes: " + spikes);
        assertTrue(stiff > 10_000, "stiff neuron-steps: " + stiff);
        // both outcomes of the error test between Z_MAX and 2 Z_MAX are covered
        assertTrue(whole > 1_000 && split > 1_000, "taken whole: " + whole + ", split: " + split);
    }

    /** The same for the forward-Euler kernel ({@code forward_euler = true}). */
    @Test
    void vectorisedEulerKernelIsBitIdenticalToScalar() {
        assertNotNull(IafCondExp.EULER_SIMD, "the tests run with --add-modules jdk.incubator.vector");
        euler(true);
        euler(false);
    }

    private static void euler(boolean currentWritten) {
        double[] p = IafCondExp.INSTANCE.defaults();
        p[IafCondExp.I_E] = 300;
        p[IafCondExp.TAU_IN] = 10;
        p[IafCondExp.TAU_EX] = 5;
        p[IafCondExp.FORWARD_EULER] = 1;
        double dt = 0.1;
        int n = 1003, from = 1, to = n - 1;
        IafCondExp.EulerKernel scalar = new IafCondExp.EulerKernel(p, dt, null);
        IafCondExp.EulerKernel simd = new IafCondExp.EulerKernel(p, dt, IafCondExp.EULER_SIMD);
        simd.inputsWritten(new boolean[] {true, true, currentWritten});
        Random rnd = new Random(8);
        double[][] a = randomState(rnd, n, 200), b = copy(a);
        int base = 5;
        double[][] in = new double[3][base + n];
        int spikes = 0, refractory = 0;
        for (int step = 0; step < 2000; step++) {
            for (int i = 0; i < n; i++) {
                in[0][base + i] = rnd.nextInt(10) == 0 ? 30 * rnd.nextDouble() : 0;
                in[1][base + i] = rnd.nextInt(20) == 0 ? 100 * rnd.nextDouble() : 0;
                if (currentWritten) in[2][base + i] = rnd.nextInt(50) == 0 ? 500 * rnd.nextDouble() : 0;
                if (a[3][i] > 0) refractory++;
            }
            spikes += KernelPair.stepBoth(scalar, simd, a, b, in, base, from, to, step);
        }
        assertTrue(spikes > 2000 && refractory > 100_000, "spikes: " + spikes + ", refractory neuron-steps: " + refractory);
    }

    /**
     * V_m in [-75, -50), g_ex in [0, 50), g_in in [0, 200) except every ninth neuron's in
     * [0, giNinth), every seventh neuron refractory for 3 more steps.
     */
    private static double[][] randomState(Random rnd, int n, double giNinth) {
        double[][] a = new double[4][n];
        for (int i = 0; i < n; i++) {
            a[0][i] = -75 + 25 * rnd.nextDouble();
            a[1][i] = 50 * rnd.nextDouble();
            a[2][i] = i % 9 == 0 ? giNinth * rnd.nextDouble() : 200 * rnd.nextDouble();
            a[3][i] = i % 7 == 0 ? 3 : 0;
        }
        return a;
    }

    private static double[][] copy(double[][] a) {
        double[][] b = new double[a.length][];
        for (int k = 0; k < a.length; k++) b[k] = a[k].clone();
        return b;
    }
}
