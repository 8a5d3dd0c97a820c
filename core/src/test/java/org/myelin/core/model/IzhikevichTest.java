package org.myelin.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.myelin.core.ModelException;

class IzhikevichTest {
    static final Izhikevich MODEL = Izhikevich.INSTANCE;

    static KernelHarness harness(double dt, String... kv) {
        return new KernelHarness(MODEL, dt, 1, kv);
    }

    @Test
    void defaultsAndInitialStateAreNests() {
        KernelHarness k = harness(0.1);
        assertEquals(0.02, k.params[MODEL.paramIndex("a")]);
        assertEquals(0.2, k.params[MODEL.paramIndex("b")]);
        assertEquals(-65.0, k.params[MODEL.paramIndex("c")]);
        assertEquals(8.0, k.params[MODEL.paramIndex("d")]);
        assertEquals(30.0, k.params[MODEL.paramIndex("V_th")]);
        assertEquals(1.0, k.params[MODEL.paramIndex("consistent_integration")]);
        assertEquals(-65.0, k.get("V_m", 0));
        assertEquals(0.0, k.get("U_m", 0));
    }

    @Test
    void oneConsistentStepIsForwardEulerFromOldValues() {
        KernelHarness k = harness(0.1, "I_e", "5");
        k.current(0, 2.0);
        k.spike(0, 0, 1.5);
        assertEquals(0, k.step());
        // v' = -65 + 0.1 (0.04*4225 - 325 + 140 - 0 + 2 + 5) + 1.5 = -64.4; u' = 0.1*0.02*(0.2*(-65) - 0)
        double v = -65, u = 0, h = 0.1;
        double vWant = v + h * (0.04 * v * v + 5.0 * v + 140.0 - u + 2.0 + 5.0) + 1.5;
        double uWant = u + h * 0.02 * (0.2 * v - u);
        assertEquals(vWant, k.get("V_m", 0)); // exact: the same operations in NEST's order
        assertEquals(uWant, k.get("U_m", 0));
        assertEquals(-64.4, k.get("V_m", 0), 1e-12);
        assertEquals(-0.026, k.get("U_m", 0), 1e-15);
    }

    @Test
    void onePublishedStepUsesTwoHalfStepsAndTheNewV() {
        KernelHarness k = harness(1.0, "I_e", "10", "consistent_integration", "0");
        k.spike(0, 0, 2.0); // a current here: it enters both half steps
        assertEquals(0, k.step());
        // v1 = -65 + 0.5 (169 - 325 + 140 + 12) = -67; v' = -67 + 0.5 (179.56 - 335 + 140 + 12) = -68.72
        // u' = 0 + 0.02 (0.2 * (-68.72) - 0) = -0.27488
        double v = -65, u = 0, h = 1.0;
        v += h * 0.5 * (0.04 * v * v + 5.0 * v + 140.0 - u + 0.0 + 10.0 + 2.0);
        v += h * 0.5 * (0.04 * v * v + 5.0 * v + 140.0 - u + 0.0 + 10.0 + 2.0);
        u += h * 0.02 * (0.2 * v - u);
        assertEquals(v, k.get("V_m", 0));
        assertEquals(u, k.get("U_m", 0));
        assertEquals(-68.72, k.get("V_m", 0), 1e-12);
        assertEquals(-0.27488, k.get("U_m", 0), 1e-15);
    }

    @Test
    void thresholdResetsVAndIncrementsU() {
        KernelHarness k = harness(0.1, "c", "-50", "d", "3");
        k.set("V_m", 0, 29.0);
        k.set("U_m", 0, -10.0);
        // v' = 29 + 0.1 (33.64 + 145 + 140 + 10) = 61.864 >= 30; u' = -10 + 0.002 (5.8 + 10) = -9.9684
        assertEquals(1, k.step());
        assertEquals(0, k.out.get(0));
        assertEquals(-50.0, k.get("V_m", 0));
        assertEquals(-10.0 + 0.1 * 0.02 * (0.2 * 29.0 + 10.0) + 3.0, k.get("U_m", 0), 1e-15);
        // exactly at the threshold counts
        KernelHarness e = harness(1.0, "a", "0", "b", "0");
        double v = -50.0; // f(-50) = 100 - 250 + 140 = -10, so I = 40 puts v' at -50 - 10 + 40 + 50 = 30
        e.set("V_m", 0, v);
        e.current(0, 40.0);
        e.spike(0, 0, 50.0);
        assertEquals(1, e.step());
    }

    @Test
    void vMinBoundsTheMembrane() {
        KernelHarness k = harness(0.1, "V_min", "-80");
        k.spike(0, 0, -100.0);
        k.step();
        assertEquals(-80.0, k.get("V_m", 0));
    }

    /** Spike times (ms) under DC 10 from the resting state v = -70, u = b v (Izhikevich 2003, Fig. 2). */
    static List<Double> dcResponse(double dt, String consistent, String a, String b, String c, String d) {
        KernelHarness k = harness(dt, "a", a, "b", b, "c", c, "d", d, "I_e", "10",
                "consistent_integration", consistent);
        k.set("V_m", 0, -70.0);
        k.set("U_m", 0, -70.0 * Double.parseDouble(b));
        List<Double> t = new ArrayList<>();
        long steps = Math.round(1000 / dt);
        for (long s = 0; s < steps; s++) {
            if (k.step() > 0) t.add((s + 1) * dt);
            assertTrue(Double.isFinite(k.get("V_m", 0)) && Double.isFinite(k.get("U_m", 0)));
        }
        return t;
    }

    static double[] isis(List<Double> t) {
        double[] isi = new double[t.size() - 1];
        for (int i = 0; i < isi.length; i++) isi[i] = t.get(i + 1) - t.get(i);
        return isi;
    }

    @Test
    void regularSpikingAdapts() {
        double[] isi = isis(dcResponse(0.1, "1", "0.02", "0.2", "-65", "8"));
        assertTrue(isi.length >= 15, "spikes: " + (isi.length + 1));
        for (int i = 1; i < isi.length; i++) {
            assertTrue(isi[i] >= isi[i - 1] - 0.1 - 1e-9,
                    "ISIs must not shorten (by more than a step): " + java.util.Arrays.toString(isi));
        }
        assertTrue(isi[isi.length - 1] > 2 * isi[0],
                "adaptation: first ISI " + isi[0] + " ms, last " + isi[isi.length - 1] + " ms");
    }

    @Test
    void fastSpikingIsRegularAndFast() {
        double[] isi = isis(dcResponse(0.1, "1", "0.1", "0.2", "-65", "2"));
        double[] rs = isis(dcResponse(0.1, "1", "0.02", "0.2", "-65", "8"));
        assertTrue(isi.length > 4 * rs.length, "FS " + isi.length + " vs RS " + rs.length + " ISIs");
        double min = Double.MAX_VALUE, max = 0, sum = 0;
        for (int i = 5; i < isi.length; i++) { // past the first few adapting intervals
            min = Math.min(min, isi[i]);
            max = Math.max(max, isi[i]);
            sum += isi[i];
        }
        double mean = sum / (isi.length - 5);
        assertTrue((max - min) / mean < 0.05, "near-constant ISIs: " + min + " to " + max + " ms");
        assertTrue(mean < 10, "fast: mean ISI " + mean + " ms");
    }

    @Test
    void chatteringFiresRepeatedBursts() {
        double[] isi = isis(dcResponse(0.1, "1", "0.02", "0.2", "-50", "2"));
        int shortIsi = 0, longIsi = 0, run = 0, minRun = Integer.MAX_VALUE;
        for (int i = 0; i < isi.length; i++) {
            assertTrue(isi[i] < 7 || isi[i] > 40, "ISIs must be bimodal, got " + isi[i] + " ms");
            if (isi[i] < 7) {
                shortIsi++;
                run++;
            } else {
                longIsi++;
                minRun = Math.min(minRun, run + 1); // spikes in the burst that just ended
                run = 0;
            }
        }
        assertTrue(longIsi >= 10, "bursts: " + (longIsi + 1));
        assertTrue(shortIsi >= 3 * longIsi, "intra-burst ISIs " + shortIsi + ", inter-burst " + longIsi);
        assertTrue(minRun >= 4, "at least 4 spikes per burst, got " + minRun);
    }

    @Test
    void intrinsicallyBurstingStartsWithABurstThenSpikesTonically() {
        double[] isi = isis(dcResponse(0.1, "1", "0.02", "0.2", "-55", "4"));
        assertTrue(isi.length >= 20);
        assertTrue(isi[0] < 5 && isi[1] < 5, "initial burst: " + isi[0] + ", " + isi[1] + " ms");
        for (int i = 2; i < isi.length; i++) assertTrue(isi[i] > 25, "then single spikes: ISI " + isi[i]);
        double min = Double.MAX_VALUE, max = 0;
        for (int i = 4; i < isi.length; i++) {
            min = Math.min(min, isi[i]);
            max = Math.max(max, isi[i]);
        }
        assertTrue(max - min <= 0.2, "tonic ISIs " + min + " to " + max);
    }

    @Test
    void publishedNumericsAtOneMillisecondKeepThePatterns() {
        // the published script's resolution: chattering still bursts, fast spiking is still fastest
        double[] ch = isis(dcResponse(1.0, "0", "0.02", "0.2", "-50", "2"));
        int shortIsi = 0, longIsi = 0;
        for (double x : ch) if (x <= 5) shortIsi++; else if (x >= 40) longIsi++;
        assertTrue(shortIsi >= longIsi && longIsi >= 10, "short " + shortIsi + ", long " + longIsi);
        int fs = dcResponse(1.0, "0", "0.1", "0.2", "-65", "2").size();
        int rs = dcResponse(1.0, "0", "0.02", "0.2", "-65", "8").size();
        assertTrue(fs > 2 * rs, "FS " + fs + " vs RS " + rs + " spikes");
    }

    @Test
    void noNanUnderStrongInput() {
        for (String mode : new String[] {"1", "0"}) {
            KernelHarness k = new KernelHarness(MODEL, 0.1, 2, "I_e", "1000", "consistent_integration", mode);
            for (int s = 0; s < 20000; s++) {
                k.current(0, s % 100 < 50 ? 1e4 : -1e4);
                k.spike(0, 1, s % 3 == 0 ? 200 : -200);
                k.step();
                for (int i = 0; i < 2; i++) {
                    assertTrue(Double.isFinite(k.get("V_m", i)) && Double.isFinite(k.get("U_m", i)), "step " + s);
                }
            }
        }
    }

    @Test
    void rejectsResetAtOrAboveThreshold() {
        ModelException e = assertThrows(ModelException.class, () -> harness(0.1, "c", "30"));
        assertEquals("c", e.key());
    }
}
