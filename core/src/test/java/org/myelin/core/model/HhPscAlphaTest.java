package org.myelin.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.myelin.core.ModelException;

class HhPscAlphaTest {
    static final double DT = 0.1;
    static final HhPscAlpha MODEL = HhPscAlpha.INSTANCE;

    // --- an independent reference: NEST's right-hand side written out again, fixed-step RK4 ---

    /** NEST's hh_psc_alpha_dynamics for the default parameters, in NEST's own form. */
    static void rhs(double[] y, double iConst, double tauEx, double tauIn, double[] f) {
        double v = y[0], m = y[1], h = y[2], n = y[3];
        double an = (0.01 * (v + 55.)) / (1. - Math.exp(-(v + 55.) / 10.));
        double bn = 0.125 * Math.exp(-(v + 65.) / 80.);
        double am = (0.1 * (v + 40.)) / (1. - Math.exp(-(v + 40.) / 10.));
        double bm = 4. * Math.exp(-(v + 65.) / 18.);
        double ah = 0.07 * Math.exp(-(v + 65.) / 20.);
        double bh = 1. / (1. + Math.exp(-(v + 35.) / 10.));
        double iNa = 12000.0 * m * m * m * h * (v - 50.0);
        double iK = 3600.0 * n * n * n * n * (v + 77.0);
        double iL = 30.0 * (v + 54.402);
        f[0] = (-(iNa + iK + iL) + iConst + y[5] + y[7]) / 100.0;
        f[1] = am * (1 - m) - bm * m;
        f[2] = ah * (1 - h) - bh * h;
        f[3] = an * (1 - n) - bn * n;
        f[4] = -y[4] / tauEx;
        f[5] = y[4] - y[5] / tauEx;
        f[6] = -y[6] / tauIn;
        f[7] = y[6] - y[7] / tauIn;
    }

    /** Classic RK4 with fixed step {@code h} over one simulation step of length DT. */
    static void rk4(double[] y, double iConst, double h, int substeps) {
        int d = y.length;
        double[] k1 = new double[d], k2 = new double[d], k3 = new double[d], k4 = new double[d], z = new double[d];
        for (int s = 0; s < substeps; s++) {
            rhs(y, iConst, 0.2, 2.0, k1);
            for (int j = 0; j < d; j++) z[j] = y[j] + 0.5 * h * k1[j];
            rhs(z, iConst, 0.2, 2.0, k2);
            for (int j = 0; j < d; j++) z[j] = y[j] + 0.5 * h * k2[j];
            rhs(z, iConst, 0.2, 2.0, k3);
            for (int j = 0; j < d; j++) z[j] = y[j] + h * k3[j];
            rhs(z, iConst, 0.2, 2.0, k4);
            for (int j = 0; j < d; j++) y[j] += h / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
        }
    }

    /** Steady-state gate value alpha/(alpha+beta) at v, NEST's formulas; index 1 = m, 2 = h, 3 = n. */
    static double gateInf(int gate, double v) {
        double a, b;
        switch (gate) {
            case 1:
                a = (0.1 * (v + 40.)) / (1. - Math.exp(-(v + 40.) / 10.));
                b = 4. * Math.exp(-(v + 65.) / 18.);
                break;
            case 2:
                a = 0.07 * Math.exp(-(v + 65.) / 20.);
                b = 1. / (1. + Math.exp(-(v + 35.) / 10.));
                break;
            default:
                a = (0.01 * (v + 55.)) / (1. - Math.exp(-(v + 55.) / 10.));
                b = 0.125 * Math.exp(-(v + 65.) / 80.);
        }
        return a / (a + b);
    }

    /** Net ionic current (pA) at v with gates at steady state, default parameters. */
    static double steadyCurrent(double v) {
        double m = gateInf(1, v), h = gateInf(2, v), n = gateInf(3, v);
        return 12000.0 * m * m * m * h * (v - 50.0) + 3600.0 * n * n * n * n * (v + 77.0) + 30.0 * (v + 54.402);
    }

    /** The resting potential: the zero of the steady-state current near -65 mV, by bisection. */
    static double restingPotential() {
        double lo = -70, hi = -60;
        assertTrue(steadyCurrent(lo) < 0 && steadyCurrent(hi) > 0);
        for (int k = 0; k < 200; k++) {
            double mid = 0.5 * (lo + hi);
            if (steadyCurrent(mid) < 0) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    static KernelHarness harness(String... kv) {
        return new KernelHarness(MODEL, DT, 1, kv);
    }

    static boolean finite(KernelHarness k, int i) {
        for (double[] var : k.state) if (!Double.isFinite(var[i])) return false;
        return true;
    }

    // --- tests ---

    @Test
    void initialStateIsNestsSteadyStateAtMinus65() {
        KernelHarness k = harness();
        assertEquals(-65.0, k.get("V_m", 0));
        assertEquals(gateInf(1, -65), k.get("Act_m", 0), 1e-15);
        assertEquals(gateInf(2, -65), k.get("Inact_h", 0), 1e-15);
        assertEquals(gateInf(3, -65), k.get("Act_n", 0), 1e-15);
        for (String s : new String[] {"dI_ex", "I_ex", "dI_in", "I_in", "refractory_steps", "integration_step"}) {
            assertEquals(0.0, k.get(s, 0), s);
        }
    }

    @Test
    void restingStateStaysAtRestFor100ms() {
        double vRest = restingPotential();
        assertEquals(-65.000237, vRest, 1e-6);
        KernelHarness k = harness();
        k.set("V_m", 0, vRest);
        k.set("Act_m", 0, gateInf(1, vRest));
        k.set("Inact_h", 0, gateInf(2, vRest));
        k.set("Act_n", 0, gateInf(3, vRest));
        double maxDrift = 0;
        for (int s = 0; s < 1000; s++) {
            assertEquals(0, k.step());
            maxDrift = Math.max(maxDrift, Math.abs(k.get("V_m", 0) - vRest));
        }
        assertTrue(maxDrift < 1e-6, "drift " + maxDrift);
    }

    @Test
    void nestInitialStateRelaxesToRest() {
        double vRest = restingPotential();
        KernelHarness k = harness();
        for (int s = 0; s < 1000; s++) assertEquals(0, k.step());
        assertEquals(vRest, k.get("V_m", 0), 1e-6);
    }

    @Test
    void dcAboveRheobaseFiresAndFICurveIsMonotonic() {
        KernelHarness quiet = harness("I_e", "0");
        int n0 = 0;
        for (int s = 0; s < 5000; s++) n0 += quiet.step();
        assertEquals(0, n0);

        double[] currents = {700, 1000, 1500, 2000, 3000, 5000};
        double[] rates = new double[currents.length];
        for (int c = 0; c < currents.length; c++) {
            KernelHarness k = harness("I_e", Double.toString(currents[c]));
            int n = 0;
            for (int s = 0; s < 10000; s++) {
                int spikes = k.step();
                if (s >= 2000) n += spikes; // skip the onset transient
            }
            rates[c] = n / 0.8;
        }
        assertTrue(rates[0] > 40, "sustained firing above rheobase: " + rates[0] + " Hz");
        for (int c = 1; c < rates.length; c++) {
            assertTrue(rates[c] > rates[c - 1], "f-I not increasing at " + currents[c] + " pA: "
                    + java.util.Arrays.toString(rates));
        }
    }

    /**
     * The protocol of the reference comparison: an excitatory spike at step 50, DC 3000 pA over
     * steps [100, 500), an inhibitory spike at step 250.
     */
    static final int STEPS = 700;

    static double iStim(int s) {
        return s >= 100 && s < 500 ? 3000.0 : 0.0;
    }

    static double wEx(int s) {
        return s == 50 ? 800.0 : 0.0;
    }

    static double wIn(int s) {
        return s == 250 ? -300.0 : 0.0;
    }

    /** V after each step by RK4 with h = 1e-4 ms, and the spike steps, computed once. */
    static double[] refV;
    static List<Integer> refSpikes;

    static synchronized void reference() {
        if (refV != null) return;
        double[] y = new double[8];
        KernelHarness k = harness();
        for (int j = 0; j < 8; j++) y[j] = k.state[j][0];
        double[] v = new double[STEPS];
        List<Integer> spikes = new ArrayList<>();
        int r = 0;
        for (int s = 0; s < STEPS; s++) {
            double vOld = y[0];
            rk4(y, iStim(s), DT / 1000, 1000);
            y[4] += wEx(s) * Math.E / 0.2;
            y[6] += wIn(s) * Math.E / 2.0;
            if (r > 0) r--;
            else if (y[0] >= 0 && vOld > y[0]) { r = 20; spikes.add(s); }
            v[s] = y[0];
        }
        refSpikes = spikes;
        refV = v;
    }

    /** Max |V - V_ref| (mV) of a kernel with the given tolerance (0: the default) on the protocol. */
    static double maxError(double tol, List<Integer> spikes) {
        reference();
        KernelHarness k = harness();
        org.myelin.core.NeuronKernel kernel = tol == 0 ? k.kernel : MODEL.compile(k.params, DT, tol, tol);
        double maxErr = 0;
        for (int s = 0; s < STEPS; s++) {
            k.current(0, iStim(s));
            k.spike(0, 0, wEx(s));
            k.spike(1, 0, wIn(s));
            k.out.clear();
            kernel.update(s, k.state, k.in, 0, 0, 1, k.out);
            for (double[] port : k.in) java.util.Arrays.fill(port, 0);
            if (k.out.size() > 0) spikes.add(s);
            maxErr = Math.max(maxErr, Math.abs(k.get("V_m", 0) - refV[s]));
        }
        return maxErr;
    }

    @Test
    void agreesWithFineRk4Reference() {
        List<Integer> spikes = new ArrayList<>();
        double maxErr = maxError(0, spikes);
        assertTrue(refSpikes.size() >= 4, "protocol must produce spikes: " + refSpikes);
        assertEquals(refSpikes, spikes);
        System.out.println("hh_psc_alpha vs RK4(1e-4 ms): max |dV| = " + maxErr + " mV over " + STEPS
                + " steps, spikes " + spikes);
        assertTrue(maxErr < 1e-3, "max |V - V_ref| = " + maxErr + " mV");
    }

    @Test
    void errorShrinksWithTolerance() {
        double e5 = maxError(1e-5, new ArrayList<>());
        double e7 = maxError(1e-7, new ArrayList<>());
        double e9 = maxError(1e-9, new ArrayList<>());
        System.out.println("hh_psc_alpha max |dV| at tolerance 1e-5, 1e-7, 1e-9: " + e5 + ", " + e7 + ", " + e9);
        assertTrue(e7 < e5 / 10 && e9 < e7 / 10, "no convergence: " + e5 + ", " + e7 + ", " + e9);
    }

    @Test
    void alphaCurrentsHaveNestNormalisation() {
        KernelHarness k = harness();
        double w = 150, wIn = -40;
        k.spike(0, 0, w);
        k.spike(1, 0, wIn);
        k.step(); // the spikes land at the end of step 0, time DT
        assertEquals(0.0, k.get("I_ex", 0));
        assertEquals(w * Math.E / 0.2, k.get("dI_ex", 0), 1e-12);
        assertEquals(wIn * Math.E / 2.0, k.get("dI_in", 0), 1e-12);
        double maxErr = 0;
        for (int s = 1; s <= 100; s++) {
            k.step();
            double t = s * DT; // time since arrival
            double ex = w * t / 0.2 * Math.exp(1 - t / 0.2);
            double inh = wIn * t / 2.0 * Math.exp(1 - t / 2.0);
            maxErr = Math.max(maxErr, Math.abs(k.get("I_ex", 0) - ex));
            maxErr = Math.max(maxErr, Math.abs(k.get("I_in", 0) - inh));
            if (s == 2) assertEquals(w, k.get("I_ex", 0), 1e-4); // peak at tau_syn_ex = 0.2 ms
            if (s == 20) assertEquals(wIn, k.get("I_in", 0), 1e-4); // peak at tau_syn_in = 2 ms
        }
        assertTrue(maxErr < 1e-4, "alpha current error " + maxErr + " pA");
    }

    @Test
    void rateSingularitiesAreRemovable() {
        // alpha_m at V = -40, alpha_n at V = -55, and the edges of the series band (|V - V0| = 0.1)
        for (double v0 : new double[] {-40, -55}) {
            for (double d : new double[] {0, 1e-9, -1e-9, 0.099, 0.101, -0.099, -0.101, 1.0}) {
                double v = v0 + d;
                double eN = HhPscAlpha.expN(v);
                double am = (0.1 * (v + 40.)) / (1. - Math.exp(-(v + 40.) / 10.));
                double an = (0.01 * (v + 55.)) / (1. - Math.exp(-(v + 55.) / 10.));
                if (d == 0 && v0 == -40) am = 1.0; // NEST's form is 0/0 here: the limit
                if (d == 0 && v0 == -55) an = 0.1;
                double tol = d != 0 && Math.abs(d) < 1e-6 ? 1e-6 : 1e-12; // NEST's form is inexact at 1e-9
                assertEquals(am, HhPscAlpha.alphaM(v, eN), tol * am, "alpha_m at " + v);
                assertEquals(an, HhPscAlpha.alphaN(v, eN), tol * an, "alpha_n at " + v);
                assertEquals(4. * Math.exp(-(v + 65.) / 18.), HhPscAlpha.betaM(HhPscAlpha.expM(v)), 1e-14);
                assertEquals(0.07 * Math.exp(-(v + 65.) / 20.), HhPscAlpha.alphaH(HhPscAlpha.expB(v)), 1e-14);
                assertEquals(1. / (1. + Math.exp(-(v + 35.) / 10.)), HhPscAlpha.betaH(eN), 1e-14);
                assertEquals(0.125 * Math.exp(-(v + 65.) / 80.), HhPscAlpha.betaN(HhPscAlpha.expB(v)), 1e-14);
            }
        }
    }

    @Test
    void spikeIsThePeakAboveZero() {
        // one step from a state with the sodium current off (h = 0): V relaxes at about 16 mV/ms
        for (double v0 : new double[] {-20, -5, -1, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 20.0}) {
            KernelHarness k = harness();
            k.set("V_m", 0, v0);
            k.set("Act_m", 0, 0);
            k.set("Inact_h", 0, 0);
            k.set("Act_n", 0, 0);
            int spikes = k.step();
            double v1 = k.get("V_m", 0);
            assertTrue(v1 < v0);
            assertEquals(v1 >= 0 ? 1 : 0, spikes, "V_m " + v0 + " -> " + v1);
        }
        // rising through 0 is not a peak
        KernelHarness k = harness();
        k.set("V_m", 0, 1.0);
        k.current(0, 1e4);
        assertEquals(0, k.step());
        assertTrue(k.get("V_m", 0) > 1.0);
    }

    @Test
    void nonFiniteOrRunawayStateFailsLoudly() {
        KernelHarness nan = harness();
        nan.set("V_m", 0, Double.NaN);
        ArithmeticException e = assertThrows(ArithmeticException.class, nan::step);
        assertTrue(e.getMessage().contains("hh_psc_alpha") && e.getMessage().contains("neuron 0"), e.getMessage());
        KernelHarness deep = harness(); // beta_m = 4 exp(935/18): hopelessly stiff for an explicit method
        deep.set("V_m", 0, -1000);
        assertThrows(ArithmeticException.class, deep::step);
    }

    @Test
    void refractoryCounterBlocksDetectionWithoutClamping() {
        KernelHarness k = harness("I_e", "5000", "t_ref", "15");
        KernelHarness free = harness("I_e", "5000", "t_ref", "0");
        int last = -1, n = 0, nFree = 0;
        for (int s = 0; s < 3000; s++) {
            double vBefore = k.get("V_m", 0);
            double rBefore = k.get("refractory_steps", 0);
            int spiked = k.step();
            nFree += free.step();
            if (rBefore > 0) {
                assertEquals(0, spiked, "spike while refractory at step " + s);
                assertEquals(rBefore - 1, k.get("refractory_steps", 0));
                assertTrue(k.get("V_m", 0) != vBefore, "membrane must not be clamped");
            }
            if (spiked > 0) {
                assertEquals(150.0, k.get("refractory_steps", 0));
                if (last >= 0) assertTrue(s - last >= 151, "ISI " + (s - last) + " steps");
                last = s;
                n++;
            }
        }
        assertTrue(n >= 10, "spikes " + n);
        assertTrue(nFree > n * 1.5, "t_ref must suppress peaks: " + nFree + " vs " + n);
    }

    @Test
    void noNanUnderStrongInput() {
        // strong excitation drives V far above E_Na; inhibition is kept where the hyperpolarised rate
        // functions stay integrable at a reasonable cost (see the class comment on stiffness)
        KernelHarness k = new KernelHarness(MODEL, DT, 3, "I_e", "20000");
        for (int s = 0; s < 2000; s++) {
            k.current(1, s % 200 < 100 ? 1e5 : -1e4);
            if (s % 7 == 0) k.spike(0, 0, 1e5);
            if (s % 50 == 0) k.spike(1, 2, -3e3);
            k.step();
            for (int i = 0; i < 3; i++) assertTrue(finite(k, i), "neuron " + i + " at step " + s);
        }
    }

    @Test
    void integrationStepAdaptsAndIsBoundedByDt() {
        KernelHarness k = harness("I_e", "1000");
        double minStep = DT;
        for (int s = 0; s < 1000; s++) {
            k.step();
            double h = k.get("integration_step", 0);
            assertTrue(h > 0 && h <= DT, "integration_step " + h);
            minStep = Math.min(minStep, h);
        }
        assertTrue(minStep < DT / 2, "substeps during spikes: " + minStep);
    }

    @Test
    void slicesAreIndependent() {
        int n = 6;
        KernelHarness whole = new KernelHarness(MODEL, DT, n, "I_e", "800");
        KernelHarness parts = new KernelHarness(MODEL, DT, n, "I_e", "800");
        for (int s = 0; s < 500; s++) {
            for (int i = 0; i < n; i++) {
                whole.current(i, 100 * i);
                parts.current(i, 100 * i);
            }
            whole.step();
            parts.out.clear();
            parts.kernel.update(parts.step, parts.state, parts.in, 0, 3, n, parts.out);
            parts.kernel.update(parts.step, parts.state, parts.in, 0, 0, 3, parts.out);
            for (double[] port : parts.in) java.util.Arrays.fill(port, 0);
            parts.step++;
        }
        for (int v = 0; v < whole.state.length; v++) assertArrayEquals(whole.state[v], parts.state[v]);
    }

    @Test
    void rejectsNonPositiveCapacitanceAndTimeConstants() {
        for (String[] kv : new String[][] {{"C_m", "0"}, {"C_m", "-100"}, {"tau_syn_ex", "0"}, {"tau_syn_in", "-2"},
                {"t_ref", "-1"}, {"g_Na", "-1"}}) {
            ModelException e = assertThrows(ModelException.class, () -> harness(kv));
            assertEquals(kv[0], e.key());
        }
    }
}
