package org.myelin.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.myelin.core.model.IafPscDeltaTest.rel;

import org.junit.jupiter.api.Test;
import org.myelin.core.ModelException;

/** {@link IafPscExp} against closed-form solutions, NEST's update order and grid theory. */
class IafPscExpTest {
    private static final IafPscExp M = IafPscExp.INSTANCE;
    static final double TAU_M = 10, C_M = 250;

    /**
     * Closed-form PSP (mV above E_L) at time s after a current jump of w pA decaying with tauS:
     * {@code w/(a C) (e^{-s/tau_m} - e^{-s/tau_syn})}, {@code a = 1/tau_syn - 1/tau_m}; where
     * {@code |a s| < 1e-4} that form cancels, and {@code w s/C e^{-s/tau_syn} (e^{as} - 1)/(as)} is used
     * with three terms of the series (truncation below 1e-14 relative; exactly the limit
     * {@code w s/C e^{-s/tau}} at {@code tau_syn == tau_m}).
     */
    static double psp(double s, double w, double tauS) {
        double a = (TAU_M - tauS) / (tauS * TAU_M);
        double x = a * s;
        if (Math.abs(x) < 1e-4) return w * s / C_M * Math.exp(-s / tauS) * (1 + x / 2 + x * x / 6);
        return w / (a * C_M) * (Math.exp(-s / TAU_M) - Math.exp(-s / tauS));
    }

    /** Runs one PSP with E_L = 0 and returns the max relative error of V_m over all steps. */
    static double pspMaxError(double tauEx, double tauIn, int port, double w, double dt, int steps) {
        KernelHarness h = new KernelHarness(M, dt, 1, "E_L", "0", "V_reset", "-10", "V_th", "1e9",
                "tau_syn_ex", Double.toString(tauEx), "tau_syn_in", Double.toString(tauIn));
        double tauS = port == 0 ? tauEx : tauIn;
        int k0 = 10;
        double max = 0;
        for (int k = 0; k < steps; k++) {
            if (k == k0) h.spike(port, 0, w);
            h.step();
            // the current jumps at the end of step k0; V at the end of step k is V((k - k0) dt)
            double ref = k < k0 ? 0 : psp((k - k0) * dt, w, tauS);
            max = Math.max(max, rel(h.get("V_m", 0), ref));
            if (k >= k0) {
                double iRef = w * Math.exp(-(k - k0) * dt / tauS);
                max = Math.max(max, rel(h.get(port == 0 ? "I_syn_ex" : "I_syn_in", 0), iRef));
            }
        }
        return max;
    }

    @Test
    void subthresholdStepCurrentMatchesClosedForm() {
        double dt = 0.1, current = 300, r = TAU_M / C_M;
        int on = 50, off = 1550, steps = 4000;
        KernelHarness h = new KernelHarness(M, dt, 1, "E_L", "0", "V_reset", "-10", "V_th", "1e9");
        double max = 0;
        for (int k = 0; k < steps; k++) {
            if (k >= on && k < off) h.current(0, current); // acts in this very step (NEST: one step later)
            h.step();
            int end = k + 1;
            double ref;
            if (end <= on) ref = 0;
            else if (end <= off) ref = -r * current * Math.expm1(-(end - on) * dt / TAU_M);
            else ref = -r * current * Math.expm1(-(off - on) * dt / TAU_M) * Math.exp(-(end - off) * dt / TAU_M);
            max = Math.max(max, rel(h.get("V_m", 0), ref));
        }
        // I_e from rest at the NEST default E_L
        KernelHarness e = new KernelHarness(M, dt, 1, "I_e", "200");
        for (int k = 0; k < 3000; k++) {
            e.step();
            max = Math.max(max, rel(e.get("V_m", 0) + 70, -r * 200 * Math.expm1(-(k + 1) * dt / TAU_M)));
        }
        System.out.printf("iaf_psc_exp step current: max rel error %.2e%n", max);
        assertTrue(max <= 1e-9, "max rel error " + max);
    }

    @Test
    void pspMatchesClosedFormRegularAndSingular() {
        double dt = 0.1;
        double regular = Math.max(pspMaxError(2, 2, 0, 100, dt, 3000), pspMaxError(2, 5, 1, -80, dt, 3000));
        double slowSyn = pspMaxError(25, 2, 0, 100, dt, 3000);
        double singular = Math.max(pspMaxError(TAU_M, 2, 0, 100, dt, 3000), pspMaxError(2, TAU_M, 1, -100, dt, 3000));
        double near = Math.max(pspMaxError(TAU_M * (1 + 1e-12), 2, 0, 100, dt, 3000),
                pspMaxError(2, TAU_M * (1 - 1e-12), 1, -100, dt, 3000));
        System.out.printf("iaf_psc_exp PSP max rel error: regular %.2e, tau_syn > tau_m %.2e, tau_syn == tau_m %.2e,"
                + " tau_syn = tau_m (1 +- 1e-12) %.2e%n", regular, slowSyn, singular, near);
        assertTrue(regular <= 1e-9, "regular " + regular);
        assertTrue(slowSyn <= 1e-9, "tau_syn > tau_m " + slowSyn);
        assertTrue(singular <= 1e-9, "singular " + singular);
        assertTrue(near <= 1e-9, "near singular " + near);
    }

    @Test
    void pspPeakMatchesAnalyticPeak() {
        double dt = 0.01, w = 100;
        for (double tauS : new double[] {2, TAU_M, 25}) {
            // peak of e^{-t/tau_m} - e^{-t/tau_syn}: t* = ln(tau_m/tau_syn)/(1/tau_syn - 1/tau_m), limit tau_m at
            // tau_syn == tau_m; there e^{-t*/tau_syn}/tau_syn = e^{-t*/tau_m}/tau_m, so V* = w tau_syn/C e^{-t*/tau_m}
            double tStar = tauS == TAU_M ? TAU_M : Math.log(TAU_M / tauS) / (1 / tauS - 1 / TAU_M);
            double vStar = w * tauS / C_M * Math.exp(-tStar / TAU_M);
            KernelHarness h = new KernelHarness(M, dt, 1, "E_L", "0", "V_reset", "-10", "V_th", "1e9",
                    "tau_syn_ex", Double.toString(tauS));
            int n = (int) Math.round(4 * tStar / dt);
            double[] v = new double[n];
            h.spike(0, 0, w);
            for (int k = 0; k < n; k++) {
                h.step();
                v[k] = h.get("V_m", 0); // V(k dt) after the jump
            }
            int kMax = 0;
            for (int k = 1; k < n; k++) if (v[k] > v[kMax]) kMax = k;
            assertTrue(Math.abs(kMax * dt - tStar) <= dt / 2 + 1e-12, "tau_syn=" + tauS + ": peak step " + kMax);
            assertTrue(v[kMax] <= vStar * (1 + 1e-12), "a sample above the analytic peak");
            // the parabola through the three samples around the maximum locates the peak to O(dt^3)
            double y0 = v[kMax - 1], y1 = v[kMax], y2 = v[kMax + 1];
            double off = (y0 - y2) / (2 * (y0 - 2 * y1 + y2));
            double vHat = y1 - (y0 - y2) * off / 4;
            double tHat = (kMax + off) * dt;
            System.out.printf("iaf_psc_exp PSP peak tau_syn=%s: t* %.6f ms (fit %.6f), V* %.9f mV (fit rel err %.1e)%n",
                    tauS, tStar, tHat, vStar, rel(vHat, vStar));
            assertTrue(rel(vHat, vStar) <= 1e-7, "peak amplitude, tau_syn=" + tauS);
            assertEquals(tStar, tHat, 1e-4, "peak time, tau_syn=" + tauS);
        }
    }

    @Test
    void signRoutedInputKeepsItsSign() {
        KernelHarness h = new KernelHarness(M, 0.1, 1);
        h.spike(0, 0, 40);
        h.spike(1, 0, -70);
        h.step();
        assertEquals(40, h.get("I_syn_ex", 0), 0.0);
        assertEquals(-70, h.get("I_syn_in", 0), 0.0);
        assertEquals(-70, h.get("V_m", 0), 0.0); // the currents act on V from the next step on
        h.step();
        assertTrue(h.get("V_m", 0) < -70);
        assertEquals(2, M.receptorCount());
        assertTrue(M.signRouted());
    }

    @Test
    void fiCurveMatchesGridTheory() {
        IafPscDeltaTest.assertLifFiCurve(M, 0.1, false);
        IafPscDeltaTest.assertLifFiCurve(M, 0.1, true);
        IafPscDeltaTest.assertLifFiCurve(M, 0.05, true, "tau_syn_ex", "10");
    }

    @Test
    void refractoryClampsVWhileCurrentsGoOn() {
        double dt = 0.1, w = 500, tauS = 2;
        int n = 20;
        KernelHarness h = new KernelHarness(M, dt, 1, "V_reset", "-65.3");
        h.current(0, 1e5);
        assertEquals(1, h.step());
        assertEquals(-65.3, h.get("V_m", 0), 0.0, "reset");
        for (int k = 1; k <= n; k++) {
            if (k == 5) h.spike(0, 0, w);
            if (k == 10) h.current(0, 1e6); // integrated, this would fire
            assertEquals(0, h.step(), "spike while refractory, step " + k);
            assertEquals(-65.3, h.get("V_m", 0), 0.0, "V clamped at V_reset, step " + k);
            double iRef = k < 5 ? 0 : w * Math.exp(-(k - 5) * dt / tauS);
            assertTrue(rel(h.get("I_syn_ex", 0), iRef) <= 1e-12, "I_syn_ex goes on, step " + k);
        }
        // free again: V relaxes from V_reset and integrates the current left from refractoriness
        double i0 = h.get("I_syn_ex", 0);
        double max = 0;
        for (int j = 1; j <= 300; j++) {
            assertEquals(0, h.step());
            double s = j * dt;
            double ref = 4.7 * Math.exp(-s / TAU_M) + psp(s, i0, tauS);
            max = Math.max(max, rel(h.get("V_m", 0) + 70, ref));
        }
        assertTrue(max <= 1e-9, "after refractoriness: max rel error " + max);
    }

    @Test
    void rejectsInvalidParameters() {
        String[][] bad = {{"tau_m", "0"}, {"tau_m", "-1"}, {"C_m", "0"}, {"C_m", "-250"}, {"tau_syn_ex", "0"},
            {"tau_syn_in", "-2"}, {"t_ref", "-0.1"}, {"V_reset", "-55"}, {"V_reset", "-50"}};
        for (String[] kv : bad) {
            ModelException e = assertThrows(ModelException.class, () -> new KernelHarness(M, 0.1, 1, kv), kv[0] + "=" + kv[1]);
            assertEquals(kv[0], e.key());
        }
    }

    @Test
    void identicalAcrossStepSizes() {
        double v1 = vAt10ms(0.1), v2 = vAt10ms(0.05), v3 = vAt10ms(0.025);
        System.out.printf("iaf_psc_exp V(10 ms) for dt 0.1/0.05/0.025: %.15f, diffs %.1e %.1e%n", v1, v2 - v1, v3 - v1);
        assertEquals(v1, v2, 1e-12);
        assertEquals(v1, v3, 1e-12);
        assertTrue(v1 > -70 + 1, "the input must move V");
    }

    private static double vAt10ms(double dt) {
        KernelHarness h = new KernelHarness(M, dt, 1, "I_e", "150", "tau_syn_in", "10");
        int steps = (int) Math.round(10 / dt);
        for (int k = 0; k < steps; k++) {
            if (k == Math.round(1 / dt) - 1) h.spike(0, 0, 300);   // current jumps at t = 1 ms
            if (k == Math.round(3 / dt) - 1) h.spike(1, 0, -200);  // and at t = 3 ms
            if (k >= Math.round(2 / dt) && k < Math.round(6 / dt)) h.current(0, 100);
            assertEquals(0, h.step());
        }
        return h.get("V_m", 0);
    }
}
