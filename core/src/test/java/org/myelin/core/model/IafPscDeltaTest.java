package org.myelin.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.myelin.core.ModelException;
import org.myelin.core.NeuronModel;

/**
 * {@link IafPscDelta} against the closed-form LIF, plus refractoriness, reset, {@code V_min} and
 * {@code refractory_input}. Also holds the LIF f-I check shared by the other iaf model tests.
 */
class IafPscDeltaTest {
    private static final IafPscDelta M = IafPscDelta.INSTANCE;
    static final double TAU_M = 10, C_M = 250;

    /** Relative error; an exact zero reference demands an exact zero. */
    static double rel(double got, double ref) {
        if (ref == 0) return got == 0 ? 0 : Double.POSITIVE_INFINITY;
        return Math.abs(got - ref) / Math.abs(ref);
    }

    static String[] concat(String[] a, String... b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    // ---- the f-I curve of a LIF on the time grid, shared with IafPscExpTest and IafPscAlphaTest -----

    /**
     * Drives {@code model} (NEST default E_L = -70, V_th = -55, tau_m = 10, C_m = 250, t_ref = 2, and
     * V_reset = -60 here) with DC currents, through {@code I_e} or the current port, and checks every
     * spike step against the grid theory, exactly.
     *
     * <p>With {@code R = tau_m/C_m}, {@code theta = V_th - E_L}, {@code rho = V_reset - E_L}, the
     * continuous crossing times are {@code T0 = tau_m ln(RI/(RI - theta))} from rest and
     * {@code T = tau_m ln((RI - rho)/(RI - theta))} from reset. V at the end of step k is the exact
     * V((k+1) dt), and a spike is emitted in the step whose end first has {@code V >= V_th}: so the
     * first spike is in step {@code ceil(T0/dt) - 1}. After a spike in step k, steps
     * k+1..k+N ({@code N = ceil(t_ref/dt)}) are refractory, free evolution from V_reset starts at
     * (k+N+1) dt, and the next spike is in step {@code k + N + ceil(T/dt)}: every inter-spike
     * interval is {@code N + ceil(T/dt)} steps, the rate {@code 1000/((N + ceil(T/dt)) dt)} Hz, which
     * is within one step of the continuous {@code 1/(t_ref + T)}. Where T/dt lies within 1e-6 of a
     * whole number the ceiling is ill-conditioned, and one step either way is accepted.
     */
    static void assertLifFiCurve(NeuronModel model, double dt, boolean viaPort, String... extra) {
        double[] currents = {380, 400, 450, 500, 600, 800, 1000, 1500, 2500, 5000};
        double r = TAU_M / C_M, theta = 15, rho = 10;
        int n = (int) Math.ceil(2 / dt - 1e-9);
        int steps = (int) Math.round(1000 / dt);
        for (double current : currents) {
            String[] kv = concat(extra, "V_reset", "-60");
            if (!viaPort) kv = concat(kv, "I_e", Double.toString(current));
            KernelHarness h = new KernelHarness(model, dt, 1, kv);
            List<Integer> spikes = new ArrayList<>();
            for (int k = 0; k < steps; k++) {
                if (viaPort) h.current(0, current);
                if (h.step() > 0) spikes.add(k);
            }
            double ri = r * current;
            double t0 = TAU_M * Math.log(ri / (ri - theta));
            double t = TAU_M * Math.log((ri - rho) / (ri - theta));
            int first = (int) Math.ceil(t0 / dt) - 1;
            int isi = n + (int) Math.ceil(t / dt);
            int slackFirst = Math.abs(t0 / dt - Math.rint(t0 / dt)) < 1e-6 ? 1 : 0;
            int slackIsi = Math.abs(t / dt - Math.rint(t / dt)) < 1e-6 ? 1 : 0;
            String at = model.name() + " I=" + current + " pA dt=" + dt + (viaPort ? " (port)" : " (I_e)");
            int expectedCount = 1 + (steps - 1 - first) / isi;
            assertTrue(Math.abs(spikes.size() - expectedCount) <= (slackFirst + slackIsi) * 2,
                    at + ": " + spikes.size() + " spikes, expected " + expectedCount);
            assertTrue(Math.abs(spikes.get(0) - first) <= slackFirst, at + ": first spike in step " + spikes.get(0)
                    + ", expected " + first);
            for (int k = 1; k < spikes.size(); k++) {
                int got = spikes.get(k) - spikes.get(k - 1);
                assertTrue(Math.abs(got - isi) <= slackIsi, at + ": ISI " + got + " steps, expected " + isi);
            }
        }
        // below rheobase (R I < theta) there is no spike
        String[] kv = concat(extra, "I_e", "374.9");
        KernelHarness h = new KernelHarness(model, dt, 1, kv);
        int count = 0;
        for (int k = 0; k < steps; k++) count += h.step();
        assertEquals(0, count, model.name() + " below rheobase");
    }

    // ---- tests ----------------------------------------------------------------------------------

    @Test
    void fiCurveMatchesGridTheory() {
        assertLifFiCurve(M, 0.1, false);
        assertLifFiCurve(M, 0.1, true);
        assertLifFiCurve(M, 0.05, true);
    }

    @Test
    void subthresholdStepCurrentMatchesClosedForm() {
        double dt = 0.1, current = 300, r = TAU_M / C_M;
        int on = 50, off = 1550, steps = 4000;
        KernelHarness h = new KernelHarness(M, dt, 1, "E_L", "0", "V_reset", "-10", "V_th", "1e9");
        double max = 0;
        for (int k = 0; k < steps; k++) {
            if (k >= on && k < off) h.current(0, current);
            h.step();
            int end = k + 1; // V now holds V(end * dt)
            double ref;
            if (end <= on) ref = 0;
            else if (end <= off) ref = -r * current * Math.expm1(-(end - on) * dt / TAU_M);
            else ref = -r * current * Math.expm1(-(off - on) * dt / TAU_M) * Math.exp(-(end - off) * dt / TAU_M);
            max = Math.max(max, rel(h.get("V_m", 0), ref));
        }
        System.out.printf("iaf_psc_delta step current: max rel error %.2e%n", max);
        assertTrue(max <= 1e-9, "max rel error " + max);
    }

    @Test
    void spikeJumpsAtTheEndOfItsStepThenDecays() {
        double dt = 0.1, w = 2.5;
        KernelHarness h = new KernelHarness(M, dt, 1);
        h.spike(0, 0, w);
        h.step();
        assertEquals(-70 + w, h.get("V_m", 0), 1e-12);
        double max = 0;
        for (int j = 1; j <= 500; j++) {
            h.step();
            max = Math.max(max, rel(h.get("V_m", 0) + 70, w * Math.exp(-j * dt / TAU_M)));
        }
        assertTrue(max <= 1e-9, "max rel error " + max);
    }

    @Test
    void thresholdIsInclusiveAndResetIsExact() {
        KernelHarness h = new KernelHarness(M, 0.1, 2, "V_reset", "-63.7");
        h.spike(0, 0, 15); // reaches V_th exactly: spikes
        h.spike(0, 1, 14.999);
        assertEquals(1, h.step());
        assertEquals(0, h.out.get(0));
        assertEquals(-63.7, h.get("V_m", 0), 1e-12);
        assertEquals(-55.001, h.get("V_m", 1), 1e-12);
    }

    @Test
    void refractoryClampsForExactlyTrefAndDiscardsInput() {
        double dt = 0.1;
        int n = 20;
        KernelHarness h = new KernelHarness(M, dt, 1, "V_reset", "-60");
        h.current(0, 1e5);
        assertEquals(1, h.step());
        for (int k = 1; k <= n; k++) {
            h.spike(0, 0, 100); // would fire at once if not discarded
            h.current(0, 1e6);
            assertEquals(0, h.step(), "spike while refractory, step " + k);
            assertEquals(-60, h.get("V_m", 0), 0.0, "V clamped at V_reset, step " + k);
        }
        h.step();
        // free again: relaxes from V_reset as if nothing had arrived meanwhile
        assertEquals(-70 + 10 * Math.exp(-dt / TAU_M), h.get("V_m", 0), 1e-12);
        assertNotEquals(-60, h.get("V_m", 0));
    }

    @Test
    void refractoryPeriodIsRoundedUpToTheGrid() {
        for (double[] c : new double[][] {{0.21, 3}, {0.3, 3}, {2, 20}, {0, 0}, {0.05, 1}}) {
            KernelHarness h = new KernelHarness(M, 0.1, 1, "V_reset", "-60", "t_ref", Double.toString(c[0]));
            h.current(0, 1e5);
            assertEquals(1, h.step());
            int clamped = 0;
            while (true) {
                h.step();
                if (h.get("V_m", 0) != -60) break;
                clamped++;
            }
            assertEquals((int) c[1], clamped, "t_ref=" + c[0]);
        }
    }

    @Test
    void refractoryInputIsAddedDecayedAfterRefractoriness() {
        double dt = 0.1, w1 = 3, w2 = 1.5;
        int n = 20;
        for (boolean on : new boolean[] {true, false}) {
            KernelHarness h = new KernelHarness(M, dt, 1, "V_reset", "-60", "refractory_input", on ? "1" : "0");
            h.current(0, 1e5);
            assertEquals(1, h.step()); // spike in step 0; steps 1..20 refractory
            for (int k = 1; k <= n; k++) {
                if (k == 5) h.spike(0, 0, w1);  // arrives at the end of step 5, i.e. 16 steps before the end of step 21
                if (k == n) h.spike(0, 0, w2);  // arrives at the end of step 20, 1 step before
                h.step();
                assertEquals(-60, h.get("V_m", 0), 0.0, "V clamped at V_reset, step " + k);
            }
            h.step(); // step 21: first free step
            double expected = -70 + 10 * Math.exp(-dt / TAU_M)
                    + (on ? w1 * Math.exp(-16 * dt / TAU_M) + w2 * Math.exp(-dt / TAU_M) : 0);
            assertEquals(expected, h.get("V_m", 0), 1e-12, "refractory_input=" + on);
            assertEquals(0, h.get("refractory_input_buffer", 0), 0.0);
        }
    }

    @Test
    void vMinBoundsTheMembrane() {
        KernelHarness h = new KernelHarness(M, 0.1, 1, "V_min", "-80");
        h.spike(0, 0, -50);
        h.step();
        assertEquals(-80, h.get("V_m", 0), 0.0);
        for (int k = 0; k < 50; k++) {
            h.current(0, -1e4);
            h.step();
            assertTrue(h.get("V_m", 0) >= -80);
        }
        assertEquals(-80, h.get("V_m", 0), 0.0);
    }

    @Test
    void rejectsInvalidParameters() {
        String[][] bad = {{"tau_m", "0"}, {"tau_m", "-1"}, {"C_m", "0"}, {"t_ref", "-0.1"}, {"V_reset", "-55"},
            {"V_reset", "-50"}, {"V_min", "-65"}};
        for (String[] kv : bad) {
            ModelException e = assertThrows(ModelException.class, () -> new KernelHarness(M, 0.1, 1, kv), kv[0] + "=" + kv[1]);
            assertEquals(kv[0], e.key());
        }
    }

    @Test
    void identicalAcrossStepSizes() {
        double v1 = vAt10ms(0.1), v2 = vAt10ms(0.05), v3 = vAt10ms(0.025);
        assertEquals(v1, v2, 1e-12);
        assertEquals(v1, v3, 1e-12);
    }

    private static double vAt10ms(double dt) {
        KernelHarness h = new KernelHarness(M, dt, 1, "I_e", "150");
        int steps = (int) Math.round(10 / dt);
        for (int k = 0; k < steps; k++) {
            if (k == Math.round(1 / dt) - 1) h.spike(0, 0, 2);   // acts at t = 1 ms
            if (k == Math.round(3 / dt) - 1) h.spike(0, 0, -1);  // acts at t = 3 ms
            if (k >= Math.round(2 / dt) && k < Math.round(6 / dt)) h.current(0, 100);
            assertEquals(0, h.step());
        }
        return h.get("V_m", 0);
    }
}
