package org.myelin.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.core.ModelException;

class IafCondExpTest {
    static final IafCondExp M = IafCondExp.INSTANCE;

    // default parameters, for the closed forms and the reference
    static final double E_L = -70, C = 250, G_L = 16.6667, E_EX = 0, E_IN = -85, TAU_EX = 0.2, TAU_IN = 2, V_TH = -55;

    @Test
    void restsAtRestingPotential() {
        KernelHarness k = new KernelHarness(M, 0.1, 1);
        for (int s = 0; s < 1000; s++) assertEquals(0, k.step());
        assertEquals(E_L, k.get("V_m", 0), 0);
    }

    /**
     * Without synaptic input the membrane equation is linear with constant coefficients; RK4 then
     * multiplies the deviation from V_inf by R(z) = 1 + z + z^2/2 + z^3/6 + z^4/24 per step, z = -h g_L/C,
     * whose relative error against exp(z) is z^4/120 ~ 2e-11 at dt = 0.1 ms: well inside 1e-9.
     */
    @Test
    void stepCurrentMatchesClosedForm() {
        double dt = 0.1, amp = 120;
        KernelHarness viaPort = new KernelHarness(M, dt, 1);
        KernelHarness viaIe = new KernelHarness(M, dt, 1, "I_e", Double.toString(amp));
        double tauM = C / G_L, worst = 0;
        for (int s = 1; s <= 2000; s++) {
            viaPort.current(0, amp); // applied over this very step
            viaPort.step();
            viaIe.step();
            double exact = amp / G_L * -Math.expm1(-s * dt / tauM);
            worst = Math.max(worst, Math.abs(viaPort.get("V_m", 0) - E_L - exact) / exact);
            worst = Math.max(worst, Math.abs(viaIe.get("V_m", 0) - E_L - exact) / exact);
        }
        System.out.printf("iaf_cond_exp step current: max relative error %.3g%n", worst);
        assertTrue(worst <= 1e-9, "relative error " + worst);
    }

    @Test
    void spikeLandsAtEndOfStepAndConductanceDecaysExactly() {
        double dt = 0.1, w = 7.5;
        KernelHarness k = new KernelHarness(M, dt, 1);
        k.spike(0, 0, w);
        k.spike(1, 0, 2 * w);
        k.step();
        assertEquals(E_L, k.get("V_m", 0), 0, "a spike received in step 0 does not act within step 0");
        assertEquals(w, k.get("g_ex", 0), 0);
        assertEquals(2 * w, k.get("g_in", 0), 0);
        for (int s = 1; s <= 100; s++) {
            k.step();
            assertEquals(w * Math.exp(-s * dt / TAU_EX), k.get("g_ex", 0), 1e-13 * w);
            assertEquals(2 * w * Math.exp(-s * dt / TAU_IN), k.get("g_in", 0), 1e-13 * w);
        }
    }

    /** PSPs of single excitatory and inhibitory conductance events against a 1e-4 ms RK4 solution of all three ODEs. */
    @Test
    void singleConductancePspMatchesReference() {
        double dt = 0.1;
        // 700 and 1200 nS: 0.25 < z <= 0.5, steps taken whole or split by the error estimate; 3000 nS
        // always takes substeps
        double[][] cases = {{0, 10, 0}, {1, 0, 10}, {0, 40, 0}, {1, 0, 700}, {1, 0, 1200}, {1, 0, 3000}};
        for (double[] c : cases) {
            KernelHarness k = new KernelHarness(M, dt, 1, "I_e", "100");
            k.set("V_m", 0, E_L + 100 / G_L); // at rest under I_e: a flat baseline
            k.spike((int) c[0], 0, c[0] == 0 ? c[1] : c[2]);
            k.step(); // lands at t = dt
            double[] ref = {k.get("V_m", 0), c[1], c[2]};
            double worst = 0, peak = 0;
            for (int s = 2; s <= 500; s++) {
                k.step();
                referenceWith(ref, 100, dt, 1000, TAU_EX, TAU_IN);
                worst = Math.max(worst, Math.abs(k.get("V_m", 0) - ref[0]));
                peak = Math.max(peak, Math.abs(ref[0] - (E_L + 100 / G_L)));
            }
            System.out.printf("iaf_cond_exp PSP (g_ex %.0f, g_in %.0f nS): peak %.4f mV, max |error| %.3g mV%n",
                    c[1], c[2], peak, worst);
            assertTrue(peak > 0.1, "a visible PSP");
            assertTrue(worst <= 1e-4 * peak, "max error " + worst + " mV");
        }
    }

    /** Global error of V at common grid points shrinks ~16x per halving of dt (RK4 with exact conductances). */
    @Test
    void convergesWithFourthOrder() {
        assertObservedOrder("iaf_cond_exp", 3.7, 4.3);
    }

    /**
     * The global error of V at the 0.1 ms grid points over 10 ms, from V = -65 mV, g_ex = 20 nS and
     * g_in = 10 nS (I_e 200 pA, tau_syn 1 and 3 ms), against the reference (RK4 on all three ODEs,
     * 1e-4 ms steps), at dt = 0.1, 0.05, 0.025 and 0.0125 ms: each halving must shrink it by 2^order
     * with the order in (lo, hi).
     */
    private static void assertObservedOrder(String label, double lo, double hi, String... params) {
        double[] dts = {0.1, 0.05, 0.025, 0.0125};
        double[] err = new double[dts.length];
        int points = (int) Math.round(10 / 0.1);
        double[] refV = new double[points + 1];
        double[] y = {-65, 20, 10};
        refV[0] = y[0];
        for (int p = 1; p <= points; p++) {
            referenceWith(y, 200, 0.1, 1000, 1, 3);
            refV[p] = y[0];
        }
        String[] kv = {"I_e", "200", "tau_syn_ex", "1", "tau_syn_in", "3"};
        String[] all = java.util.Arrays.copyOf(kv, kv.length + params.length);
        System.arraycopy(params, 0, all, kv.length, params.length);
        for (int d = 0; d < dts.length; d++) {
            KernelHarness k = new KernelHarness(M, dts[d], 1, all);
            k.set("V_m", 0, -65);
            k.set("g_ex", 0, 20);
            k.set("g_in", 0, 10);
            int per = (int) Math.round(0.1 / dts[d]);
            for (int p = 1; p <= points; p++) {
                for (int q = 0; q < per; q++) k.step();
                err[d] = Math.max(err[d], Math.abs(k.get("V_m", 0) - refV[p]));
            }
        }
        System.out.printf("%s: error %.3g mV at dt 0.1 ms%n", label, err[0]);
        for (int d = 1; d < dts.length; d++) {
            double order = Math.log(err[d - 1] / err[d]) / Math.log(2);
            System.out.printf("%s dt %.4f: error %.3g mV, observed order %.2f%n", label, dts[d], err[d], order);
            assertTrue(order > lo && order < hi, label + ": observed order " + order);
        }
    }

    @Test
    void refractoryClampsAtResetForExactlyTrefSteps() {
        double dt = 0.1;
        KernelHarness k = new KernelHarness(M, dt, 1, "I_e", "1000", "t_ref", "2");
        int s = 0;
        while (k.step() == 0) assertTrue(++s < 10000, "no spike");
        int refSteps = 20;
        assertEquals(-60, k.get("V_m", 0), 0);
        assertEquals(refSteps, k.get("refractory_steps", 0), 0);
        for (int q = 1; q <= refSteps; q++) {
            assertEquals(0, k.step());
            assertEquals(-60, k.get("V_m", 0), 0, "clamped after " + q + " steps");
            assertEquals(refSteps - q, k.get("refractory_steps", 0), 0);
        }
        k.step();
        assertTrue(k.get("V_m", 0) > -60, "free again after t_ref");
    }

    @Test
    void neverNaNUnderStrongInput() {
        KernelHarness k = new KernelHarness(M, 0.1, 4);
        int spikes = 0;
        for (int s = 0; s < 2000; s++) {
            k.spike(0, 0, 1e4);
            k.spike(1, 1, 1e4);
            k.spike(0, 2, 1e4);
            k.spike(1, 2, 1e4);
            if (s == 0) k.spike(0, 0, 1e6);
            if (s == 5) k.spike(1, 3, 1e12); // past the substep cap: exponential relaxation
            spikes += k.step();
            for (int i = 0; i < 4; i++) {
                double v = k.get("V_m", i);
                assertTrue(Double.isFinite(v) && Double.isFinite(k.get("g_ex", i)) && Double.isFinite(k.get("g_in", i)));
                assertTrue(v >= E_IN - 1e-9 && v <= V_TH, "V = " + v);
            }
        }
        assertTrue(spikes > 0, "excitation drives spikes");
        assertTrue(k.get("V_m", 1) < -84, "inhibition clamps at E_in");
    }

    @Test
    void rejectsInvalidParameters() {
        String[][] bad = {{"C_m", "0"}, {"C_m", "-1"}, {"g_L", "0"}, {"g_L", "-3"}, {"tau_syn_ex", "0"},
            {"tau_syn_in", "-1"}, {"t_ref", "-0.1"}, {"V_reset", "-55"}, {"V_reset", "-50"}};
        for (String[] kv : bad) {
            ModelException e = assertThrows(ModelException.class, () -> new KernelHarness(M, 0.1, 1, kv[0], kv[1]),
                    kv[0] + " = " + kv[1]);
            assertEquals(kv[0], e.key());
        }
        new KernelHarness(M, 0.1, 1, "V_reset", "-55.001", "t_ref", "0");
    }

    /** The COBA benchmark's neuron, for the forward-Euler tests. */
    static final String[] COBA = {"C_m", "200", "g_L", "10", "E_L", "-60", "V_reset", "-60", "V_th", "-50", "t_ref", "5",
        "E_ex", "0", "E_in", "-80", "tau_syn_ex", "5", "tau_syn_in", "10", "I_e", "200", "forward_euler", "1"};

    /**
     * With {@code forward_euler} the kernel is the Brian2 benchmark scripts' method='euler': replayed
     * here with plain arithmetic (no fused multiply-adds), the recurrences
     * {@code V += dt (g_L (E_L - V) + g_ex (E_ex - V) + g_in (E_in - V) + I) / C_m},
     * {@code g += -dt g / tau_syn} plus input, threshold, reset and t_ref give the same spikes and V
     * to rounding, for 17 neurons under random conductance and current input (the vectorised lanes
     * and the scalar tail).
     */
    @Test
    void forwardEulerIsTheScriptsEulerStep() {
        double dt = 0.1, gL = 10, c = 200, eL = -60, vReset = -60, vTh = -50, eEx = 0, eIn = -80, tEx = 5, tIn = 10, iE = 200;
        int n = 17, refSteps = 50;
        KernelHarness k = new KernelHarness(M, dt, n, COBA);
        double[] v = new double[n], ge = new double[n], gi = new double[n];
        int[] r = new int[n];
        java.util.Arrays.fill(v, eL);
        java.util.Random rnd = new java.util.Random(11);
        int spikes = 0, refractorySteps = 0;
        double worst = 0;
        for (int s = 0; s < 20_000; s++) {
            double[] exIn = new double[n], inIn = new double[n], cur = new double[n];
            for (int i = 0; i < n; i++) {
                exIn[i] = rnd.nextInt(3) == 0 ? 6 : 0;
                inIn[i] = rnd.nextInt(100) == 0 ? 67 : 0;
                cur[i] = rnd.nextInt(10) == 0 ? 100 * rnd.nextGaussian() : 0;
                k.spike(0, i, exIn[i]);
                k.spike(1, i, inIn[i]);
                k.current(i, cur[i]);
            }
            k.step();
            boolean[] fired = new boolean[n];
            for (int q = 0; q < k.out.size(); q++) fired[k.out.get(q)] = true;
            for (int i = 0; i < n; i++) {
                boolean spike = false;
                if (r[i] == 0) {
                    double x = Math.min(v[i], vTh);
                    double y = v[i] + dt * (gL * (eL - x) + ge[i] * (eEx - x) + gi[i] * (eIn - x) + iE + cur[i]) / c;
                    if (y >= vTh) {
                        spike = true;
                        y = vReset;
                        r[i] = refSteps;
                    }
                    v[i] = y;
                } else {
                    r[i]--;
                    v[i] = vReset;
                    refractorySteps++;
                }
                ge[i] = ge[i] - dt * ge[i] / tEx + exIn[i];
                gi[i] = gi[i] - dt * gi[i] / tIn + inIn[i];
                assertEquals(spike, fired[i], "spike of neuron " + i + " at step " + s);
                if (spike) spikes++;
                worst = Math.max(worst, Math.abs(k.get("V_m", i) - v[i]));
                assertEquals(v[i], k.get("V_m", i), 1e-10, "V_m of neuron " + i + " at step " + s);
                assertEquals(ge[i], k.get("g_ex", i), 1e-10 * Math.max(1, ge[i]));
                assertEquals(gi[i], k.get("g_in", i), 1e-10 * Math.max(1, gi[i]));
            }
        }
        System.out.printf("iaf_cond_exp forward_euler replay: %d spikes, %d refractory steps, max |dV| %.3g mV%n",
                spikes, refractorySteps, worst);
        assertTrue(spikes > 500 && refractorySteps > 10_000, "the replay covers spikes and refractoriness");
    }

    /**
     * Forward Euler is first order: the global error of V against the reference (RK4 on all three
     * ODEs, 1e-4 ms steps) halves with dt, where the default method's falls 16-fold.
     */
    @Test
    void forwardEulerConvergesWithFirstOrder() {
        assertObservedOrder("iaf_cond_exp forward_euler", 0.9, 1.1, "forward_euler", "1");
    }

    /** Where Euler's decay factors 1 - dt/tau would not be positive, the build says which parameter and why. */
    @Test
    void forwardEulerRejectsTimeConstantsNotAboveDt() {
        String[][] bad = {{"tau_syn_ex", "0.1"}, {"tau_syn_ex", "0.05"}, {"tau_syn_in", "0.1"}, {"C_m", "1"}};
        for (String[] kv : bad) {
            ModelException e = assertThrows(ModelException.class,
                    () -> new KernelHarness(M, 0.1, 1, "forward_euler", "1", kv[0], kv[1]), kv[0] + " = " + kv[1]);
            String key = kv[0].equals("C_m") ? "g_L" : kv[0];
            assertEquals(key, e.key());
            assertTrue(e.getMessage().contains("forward_euler") && e.getMessage().contains("dt = 0.1"), e.getMessage());
            new KernelHarness(M, 0.1, 1, kv[0], kv[1]); // the default method takes them
        }
        assertThrows(ModelException.class, () -> new KernelHarness(M, 0.1, 1, "forward_euler", "2"));
        new KernelHarness(M, 0.1, 1, "forward_euler", "1", "tau_syn_ex", "0.10001");
    }

    /**
     * Independent reference: classical RK4 on all three ODEs (conductances integrated numerically,
     * not propagated exactly) with {@code sub} substeps per step of dt; no spikes (subthreshold).
     */
    static void referenceWith(double[] y, double iE, double dt, int sub, double tauEx, double tauIn) {
        double h = dt / sub;
        double[] k1 = new double[3], k2 = new double[3], k3 = new double[3], k4 = new double[3], z = new double[3];
        for (int q = 0; q < sub; q++) {
            rhs(y, k1, iE, tauEx, tauIn);
            for (int j = 0; j < 3; j++) z[j] = y[j] + 0.5 * h * k1[j];
            rhs(z, k2, iE, tauEx, tauIn);
            for (int j = 0; j < 3; j++) z[j] = y[j] + 0.5 * h * k2[j];
            rhs(z, k3, iE, tauEx, tauIn);
            for (int j = 0; j < 3; j++) z[j] = y[j] + h * k3[j];
            rhs(z, k4, iE, tauEx, tauIn);
            for (int j = 0; j < 3; j++) y[j] += h / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
        }
    }

    private static void rhs(double[] y, double[] f, double iE, double tauEx, double tauIn) {
        f[0] = (-G_L * (y[0] - E_L) - y[1] * (y[0] - E_EX) - y[2] * (y[0] - E_IN) + iE) / C;
        f[1] = -y[1] / tauEx;
        f[2] = -y[2] / tauIn;
    }
}
