package org.myelin.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.myelin.core.Generator;
import org.myelin.core.ModelException;
import org.myelin.core.Models;
import org.myelin.core.Network;
import org.myelin.core.NeuronKernel;
import org.myelin.core.NeuronModel;
import org.myelin.core.Population;
import org.myelin.core.SpikeBuffer;
import org.myelin.core.SpikeRecorder;
import org.myelin.io.BuiltModel;
import org.myelin.io.Catalog;
import org.myelin.io.Units;
import org.myelin.io.ModelFile;

/**
 * {@code iaf_cond_exp_adaptive_threshold}: membrane response against closed forms and a
 * high-accuracy reference, the exact growth and decay of theta, refractoriness, rate adaptation.
 */
class AdaptiveThresholdTest {
    static final NeuronModel M = Models.neuron("iaf_cond_exp_adaptive_threshold");

    /** One neuron driven directly through its kernel (input cleared after each step, as the engine does). */
    static final class One {
        final double[] p;
        final double dt;
        final double[][] s;
        final double[][] in;
        final NeuronKernel k;
        final SpikeBuffer out = new SpikeBuffer(4);
        long step;

        One(double dt, String... kv) {
            this.dt = dt;
            p = M.defaults();
            for (int i = 0; i < kv.length; i += 2) p[M.paramIndex(kv[i])] = Double.parseDouble(kv[i + 1]);
            M.validate("test", p, dt);
            s = new double[M.stateVariables().size()][1];
            M.initialize(p, s, 0, 1);
            in = new double[M.receptorCount() + 1][1];
            k = M.compile(p, dt);
        }

        boolean step() {
            out.clear();
            k.update(step++, s, in, 0, 0, 1, out);
            for (double[] a : in) Arrays.fill(a, 0);
            return out.size() > 0;
        }

        double get(String var) {
            return s[M.stateIndex(var)][0];
        }
    }

    @Test
    void isRegisteredThroughServiceLoaderAndUsableFromFiles() {
        assertInstanceOf(IafCondExpAdaptiveThreshold.class, M);
        assertTrue(Models.neuronNames().contains("iaf_cond_exp_adaptive_threshold"));
        for (org.myelin.core.ParamSpec p : M.parameters()) assertTrue(Units.dimensionOf(p.unit()) != null, p.name());
        for (int i = 0; i < M.stateVariables().size(); i++) assertTrue(Units.dimensionOf(M.stateUnit(i)) != null);
        assertEquals("nS", Catalog.weightUnit(M));
        BuiltModel b = ModelFile.parse("dt: 0.1 ms\nduration: 200 ms\nthreads: 1\npopulations:\n"
                + "  E: {model: iaf_cond_exp_adaptive_threshold, size: 2, params: {theta_plus: 2 mV, I_e: 1 nA, tau_theta: 1e4 s}}\n"
                + "projections:\n  - {from: E, to: E, connect: one_to_one, weight: -1 nS, delay: 1 ms}\n"
                + "record:\n  spikes: [E]\n", "at.yaml").build();
        assertEquals(1e7, b.population("E").param("tau_theta"));
        b.simulate();
        int n = b.spikeRecorders().get("E").countsPerNeuron()[0];
        assertTrue(n > 4, "driven neurons fire, got " + n);
        double[] theta = b.population("E").get("theta");
        // tau_theta = 1e7 ms: theta is theta_plus times the spike count, to within 2e-5 relative
        assertEquals(2.0 * n, theta[0], 2e-5 * 2 * n, "theta after " + n + " spikes");
    }

    @Test
    void subthresholdResponseToCurrentMatchesTheClosedForm() {
        // V(t) = E_L + I_e/g_L (1 - exp(-t g_L/C_m)), below threshold (E_L + 10 mV < V_th)
        One n = new One(0.1, "I_e", "100");
        double tauM = 1000.0 / 10.0;
        double maxErr = 0;
        for (int i = 1; i <= 3000; i++) {
            assertTrue(!n.step(), "no spike");
            double t = i * 0.1;
            double ref = -65 + 100.0 / 10.0 * -Math.expm1(-t / tauM);
            maxErr = Math.max(maxErr, Math.abs(n.get("V_m") - ref));
        }
        assertTrue(maxErr < 1e-9, "max error " + maxErr + " mV");
        assertEquals(-65 + 10 * -Math.expm1(-300 / tauM), n.get("V_m"), 1e-9);
    }

    /**
     * The response to one excitatory conductance jump g0 at t = 0, from rest, by the integrating
     * factor: {@code V(t) = (V0 + int_0^t mu(s) b(s) ds) / mu(t)}, {@code mu(t) = exp((g_L t + g0
     * tau (1 - e^(-t/tau))) / C)}, {@code b = (g_L E_L + g(t) E_ex)/C}, the integral by composite
     * Simpson's rule on a fine grid (an independent high-accuracy reference).
     */
    static double conductanceReference(double t, double g0, double tau, double gL, double c, double eL, double eEx) {
        int n = 20000;
        double h = t / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double s = i * h;
            double mu = Math.exp((gL * s + g0 * tau * -Math.expm1(-s / tau)) / c);
            double b = (gL * eL + g0 * Math.exp(-s / tau) * eEx) / c;
            double wgt = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += wgt * mu * b;
        }
        double integral = sum * h / 3;
        double muT = Math.exp((gL * t + g0 * tau * -Math.expm1(-t / tau)) / c);
        return (eL + integral) / muT;
    }

    @Test
    void conductancePspMatchesAHighAccuracyReference() {
        double g0 = 20; // nS: a PSP of about 1.3 mV with the defaults
        One n = new One(0.1);
        n.in[0][0] = g0; // received in step 0: g_ex = g0 at t = 0.1 ms
        n.step();
        double peak = 0;
        double maxErr = 0;
        for (int i = 1; i <= 400; i++) {
            n.step();
            double t = i * 0.1; // time since the conductance jump
            double ref = conductanceReference(t, g0, 1, 10, 1000, -65, 0);
            peak = Math.max(peak, ref + 65);
            maxErr = Math.max(maxErr, Math.abs(n.get("V_m") - ref));
        }
        assertTrue(peak > 0.5, "a visible PSP: " + peak + " mV");
        assertTrue(maxErr < 1e-5 * peak, "max error " + maxErr + " mV of a " + peak + " mV PSP");
    }

    @Test
    void thetaGrowsByThetaPlusPerSpikeAndDecaysExactly() {
        double tauTheta = 40, thetaPlus = 0.7, dt = 0.1;
        One n = new One(dt, "I_e", "2000", "theta_plus", "" + thetaPlus, "tau_theta", "" + tauTheta, "t_ref", "2");
        List<Long> spikes = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            if (n.step()) spikes.add(n.step);
            double t = n.step * dt;
            double ref = 0;
            for (long s : spikes) ref += thetaPlus * Math.exp(-(t - s * dt) / tauTheta);
            assertEquals(ref, n.get("theta"), 1e-12 * Math.max(1, ref), "theta at step " + n.step);
        }
        assertTrue(spikes.size() > 10, "fired " + spikes.size());
        // the drive stops: theta decays exactly, V relaxes, no more spikes
        One m = new One(dt, "theta_plus", "" + thetaPlus, "tau_theta", "" + tauTheta);
        m.s[M.stateIndex("theta")][0] = 5;
        for (int i = 0; i < 1000; i++) m.step();
        assertEquals(5 * Math.exp(-1000 * dt / tauTheta), m.get("theta"), 1e-12);
    }

    @Test
    void refractoryPeriodHoldsTheMembraneAtReset() {
        One n = new One(0.1, "I_e", "1000", "t_ref", "5", "theta_plus", "0");
        while (!n.step()) {
            assertTrue(n.step < 10000);
        }
        for (int i = 0; i < 50; i++) {
            assertEquals(-65, n.get("V_m"), 0.0, "held at V_reset, step " + i);
            assertTrue(!n.step(), "refractory");
        }
        n.step();
        assertTrue(n.get("V_m") > -65, "released after t_ref");
    }

    @Test
    void thresholdAdaptationLowersTheRateUnderConstantDrive() {
        double[] adapting = isis("1");
        double[] fixed = isis("0");
        assertEquals(fixed[0], adapting[0], 1e-9, "the first spike comes at the same time (theta = 0 until then)");
        adapting = Arrays.copyOfRange(adapting, 1, adapting.length);
        fixed = Arrays.copyOfRange(fixed, 1, fixed.length);
        // without adaptation the neuron is a regular oscillator: every ISI is the same number of steps
        for (double v : fixed) assertEquals(fixed[0], v, 1e-9);
        // with it, ISIs grow monotonically (theta accumulates as tau_theta = 1e7 ms)
        for (int i = 1; i < adapting.length; i++) assertTrue(adapting[i] >= adapting[i - 1], "ISI " + i);
        assertTrue(adapting[0] > fixed[0], "the first ISI already sees theta = theta_plus");
        assertTrue(adapting[adapting.length - 1] > 2 * fixed[0], "strong adaptation: "
                + adapting[adapting.length - 1] + " vs " + fixed[0] + " ms");
    }

    /** The first spike time, then the interspike intervals (ms), under 300 pA for 2 s. */
    static double[] isis(String thetaPlus) {
        One n = new One(0.1, "I_e", "300", "theta_plus", thetaPlus);
        List<Double> t = new ArrayList<>();
        for (int i = 0; i < 20000; i++) if (n.step()) t.add(n.step * 0.1);
        assertTrue(t.size() > 6, "fired " + t.size());
        double[] r = new double[t.size()];
        r[0] = t.get(0);
        for (int i = 1; i < r.length; i++) r[i] = t.get(i) - t.get(i - 1);
        return r;
    }

    @Test
    void convergesAtFourthOrderAsDtHalves() {
        // V 5 ms after a conductance jump (received in step 0, so present from t = dt on), at dt, dt/2, dt/4
        double[] v = new double[3];
        for (int r = 0; r < 3; r++) {
            double dt = 0.2 / (1 << r);
            One n = new One(dt, "tau_syn_ex", "0.5");
            n.in[0][0] = 50;
            int steps = 1 + (int) Math.round(5 / dt);
            for (int i = 0; i < steps; i++) n.step();
            v[r] = n.get("V_m");
        }
        double ratio = (v[0] - v[1]) / (v[1] - v[2]);
        assertTrue(ratio > 12 && ratio < 20, "error ratio per halving " + ratio + " (4th order: 16)");
    }

    @Test
    void parametersAreChecked() {
        One ok = new One(0.1);
        assertEquals(-65, ok.get("V_m"));
        double[] p = M.defaults();
        p[M.paramIndex("V_reset")] = -50;
        ModelException e = assertThrows(ModelException.class, () -> M.validate("E", p, 0.1));
        assertEquals("V_reset", e.key());
        ModelException tau = assertThrows(ModelException.class,
                () -> M.parameters().get(M.paramIndex("tau_theta")).check("E", 0));
        assertEquals("tau_theta", tau.key());
        Network net = new Network(new Network.Context().threads(1));
        Population pop = net.population("E", "iaf_cond_exp_adaptive_threshold", 3);
        assertThrows(ModelException.class, () -> pop.param("theta_plus", -1));
    }

    @Test
    void runsInANetworkWithoutNaN() {
        Network net = new Network(new Network.Context().threads(2).seed(3));
        Population e = net.population("E", "iaf_cond_exp_adaptive_threshold", 50);
        e.param("theta_plus", 0.5);
        net.stimulate(Generator.poisson(8000), e, 2.0, 1.0);
        SpikeRecorder rec = net.recordSpikes(e);
        net.simulate(500);
        assertTrue(rec.count() > 50, "Poisson-driven neurons fire: " + rec.count());
        for (String var : M.stateVariables()) for (double x : e.get(var)) assertTrue(Double.isFinite(x), var);
    }
    /**
     * t_lock: a neuron driven far above threshold (V_inf = +35 mV) fires exactly every L + 1 steps,
     * L = ceil(t_lock/h); after t_ref its membrane follows the free closed form
     * V(t) = V_inf + (V_reset - V_inf) exp(-t/tau_m) beyond the threshold (no clamp) until it may fire.
     * Without the lock the same neuron fires as soon as it crosses threshold after t_ref.
     */
    @Test
    void theLockSpacesSpikesAndLetsTheMembraneIntegrateFreely() {
        double dt = 0.1;
        One locked = new One(dt, "I_e", "1000", "theta_plus", "0", "t_lock", "50");
        One free = new One(dt, "I_e", "1000", "theta_plus", "0");
        java.util.List<Long> spikesL = new java.util.ArrayList<>();
        java.util.List<Long> spikesF = new java.util.ArrayList<>();
        double vInf = -65 + 1000 / 10.0;
        double maxErr = 0;
        double maxV = -1e9;
        for (int t = 0; t < 3000; t++) {
            long st = locked.step;
            if (locked.step()) spikesL.add(st);
            if (free.step()) spikesF.add(free.step - 1);
            if (!spikesL.isEmpty()) {
                long since = locked.step - 1 - spikesL.get(spikesL.size() - 1); // steps since the spike, at step end
                if (since > 50 && since <= 500) { // after t_ref (50 steps), before the lock ends
                    double tt = (since - 50) * dt;
                    double exact = vInf + (-65 - vInf) * Math.exp(-tt / 100.0);
                    maxErr = Math.max(maxErr, Math.abs(locked.get("V_m") - exact));
                    maxV = Math.max(maxV, locked.get("V_m"));
                }
            }
        }
        assertTrue(spikesL.size() >= 5, "spikes: " + spikesL);
        for (int k = 1; k < spikesL.size(); k++) assertEquals(501, spikesL.get(k) - spikesL.get(k - 1), "spacing " + spikesL);
        assertTrue(maxV > -52 + 20, "the locked membrane rises far beyond the threshold: " + maxV);
        assertTrue(maxErr < 1e-9, "free integration while locked, max error " + maxErr + " mV");
        // unlocked: the interval is t_ref plus the time to reach -52 mV from -65 mV
        double toThreshold = -100 * Math.log((vInf + 52) / (vInf + 65));
        long expected = 50 + (long) Math.ceil(toThreshold / dt);
        for (int k = 1; k < spikesF.size(); k++) {
            assertTrue(Math.abs(spikesF.get(k) - spikesF.get(k - 1) - expected) <= 1, "unlocked spacing " + spikesF
                    + " vs " + expected);
        }
        assertTrue(spikesF.size() > 2 * spikesL.size(), spikesF.size() + " vs " + spikesL.size()); // 19 ms vs 50.1 ms
    }
}
