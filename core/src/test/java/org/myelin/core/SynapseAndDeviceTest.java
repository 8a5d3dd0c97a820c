package org.myelin.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.core.model.SpikeGenerator;

/**
 * The Tsodyks-Markram synapse against an independent numerical integration of its equations, and
 * the stimulus devices' statistics and timing.
 */
class SynapseAndDeviceTest {
    /** A perfect integrator: V_m jumps by each delivered weight and stays. */
    private static Population integrator(Network net, int n) {
        return net.population("T", "iaf_psc_delta", n).param("E_L", 0).param("V_th", 1e9).param("V_reset", 0)
                .param("tau_m", 1e30);
    }

    /**
     * Delivery loads each next spike's row ahead of time; spikes of sources whose rows are empty, up
     * to the end of the synapse table, must deliver nothing and trip nothing, with 16-bit target
     * offsets (a small target population) and 32-bit ones (more than 65,535 targets in one slice),
     * for a constant weight and delay (the fast path) and for weights and delays of their own.
     */
    @Test
    void emptyRowsAtTheEndOfTheTable() {
        for (int n : new int[] {3, 70_000}) {
            for (boolean own : new boolean[] {false, true}) {
                Network net = new Network(new Network.Context().threads(1).seed(1));
                Population g = net.population("G", SpikeGenerator.ofTrain(4, 1.0, 2.0), 4);
                Population t = integrator(net, n);
                Connect c = own ? Connect.explicit(new int[] {0, 1}, new int[] {n - 1, 0}, new double[] {5, 3},
                        new double[] {1.0, 1.5}) : Connect.explicit(new int[] {0, 1}, new int[] {n - 1, 0});
                net.connect(g, t, c, Synapse.statics(own ? 0 : 5, 1.0));
                net.build();
                net.simulate(5);
                double[] v = t.get("V_m");
                assertEquals(10.0, v[n - 1], 0.0, "n " + n + (own ? ", own weights" : ""));
                assertEquals(own ? 6.0 : 10.0, v[0], 0.0);
                if (n > 2) assertEquals(0.0, v[1], 0.0);
            }
        }
    }

    /**
     * Tsodyks, Uziel, Markram (2000): between spikes dx/dt = z/tau_rec, dy/dt = -y/tau_psc,
     * dz/dt = y/tau_psc - z/tau_rec, du/dt = -u/tau_fac; at a spike u += U(1-u), then u*x moves from x
     * to y and is the transmitted fraction. Integrated here with RK4 at 1 us, independently of the
     * closed-form propagators of the engine.
     */
    private static double[] reference(double[] spikes, double uU, double tauPsc, double tauRec, double tauFac) {
        double x = 1;
        double y = 0;
        double u = 0;
        double t = 0;
        double[] out = new double[spikes.length];
        for (int k = 0; k < spikes.length; k++) {
            double h = 1e-3;
            int n = (int) Math.round((spikes[k] - t) / h);
            for (int s = 0; s < n; s++) {
                double[] st = {x, y, u};
                double[] k1 = deriv(st, tauPsc, tauRec, tauFac);
                double[] k2 = deriv(add(st, k1, h / 2), tauPsc, tauRec, tauFac);
                double[] k3 = deriv(add(st, k2, h / 2), tauPsc, tauRec, tauFac);
                double[] k4 = deriv(add(st, k3, h), tauPsc, tauRec, tauFac);
                x += h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
                y += h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
                u += h / 6 * (k1[2] + 2 * k2[2] + 2 * k3[2] + k4[2]);
            }
            t = spikes[k];
            if (tauFac == 0) u = 0; // tau_fac -> 0: facilitation decays at once
            u += uU * (1 - u);
            double r = u * x;
            x -= r;
            y += r;
            out[k] = r;
        }
        return out;
    }

    private static double[] deriv(double[] s, double tauPsc, double tauRec, double tauFac) {
        double z = 1 - s[0] - s[1];
        return new double[] {z / tauRec, -s[1] / tauPsc, tauFac == 0 ? 0 : -s[2] / tauFac};
    }

    private static double[] add(double[] a, double[] b, double h) {
        return new double[] {a[0] + h * b[0], a[1] + h * b[1], a[2] + h * b[2]};
    }

    private static void tsodyks(double uU, double tauPsc, double tauRec, double tauFac) {
        double[] times = {10, 30, 50, 70, 90, 110, 130, 150, 650, 660};
        Network net = new Network(new Network.Context().threads(2));
        Population src = net.population("S", SpikeGenerator.of(new double[][] {times}), 1);
        Population tgt = integrator(net, 3);
        double w = 100;
        net.connect(src, tgt, Connect.allToAll(), Synapse.tsodyks(Dist.constant(w), Dist.constant(1.0))
                .tsodyksParams(uU, tauPsc, tauRec, tauFac));
        StateRecorder rec = net.recordState(tgt, new String[] {"V_m"}, new int[] {0, 2}, 0.1);
        net.simulate(700);
        double[] v = rec.trace("V_m", 0);
        double[] v2 = rec.trace("V_m", 1);
        double[] expected = reference(times, uU, tauPsc, tauRec, tauFac);
        double prev = 0;
        for (int k = 0; k < times.length; k++) {
            // spike at t arrives after 1 ms: visible in the sample at t + 1 (index (t+1)/dt - 1)
            int idx = (int) Math.round((times[k] + 1.0) / 0.1) - 1;
            double jump = v[idx] - prev;
            prev = v[idx];
            assertEquals(w * expected[k], jump, 1e-6 * w, "spike " + k + " at " + times[k] + " ms");
            assertEquals(v[idx], v2[idx], 0.0, "all targets see the same release");
        }
    }

    @Test
    void tsodyksDepressionMatchesIndependentIntegration() {
        tsodyks(0.5, 3, 800, 0);
    }

    @Test
    void tsodyksFacilitationMatchesIndependentIntegration() {
        tsodyks(0.1, 3, 100, 1000);
    }

    @Test
    void poissonGeneratorGivesIndependentTrainsOfTheRightRate() {
        Network net = new Network(new Network.Context().threads(2).seed(5));
        Population p = net.population("P", "parrot_neuron", 1000);
        net.stimulate(Generator.poisson(200), p, 1, 0.1);
        SpikeRecorder rec = net.recordSpikes(p);
        net.simulate(2_000);
        int[] c = rec.countsPerNeuron();
        double mean = 0;
        for (int x : c) mean += x;
        mean /= c.length;
        double var = 0;
        for (int x : c) var += (x - mean) * (x - mean);
        var /= c.length - 1;
        // expected 400 spikes per neuron; the mean over 1000 neurons has sd sqrt(400/1000) = 0.63
        assertEquals(400, mean, 5 * Math.sqrt(400.0 / 1000), "mean count");
        // Poisson: variance = mean (the sample variance has relative sd sqrt(2/999) ~ 4.5%)
        assertEquals(1.0, var / mean, 0.2, "Fano factor of counts");
        // independence: the population count in 1 ms bins has variance = sum of variances
        RateCheck.check(rec, 1000, 2_000, 200);
    }

    /** Variance of the population count in 1 ms bins equals its mean for independent Poisson trains. */
    static final class RateCheck {
        static void check(SpikeRecorder rec, int n, double ms, double rate) {
            int bins = (int) ms;
            int[] pop = new int[bins];
            for (double t : rec.times()) {
                int b = (int) (t - 1e-9);
                if (b < bins) pop[b]++;
            }
            double m = 0;
            for (int x : pop) m += x;
            m /= bins;
            double v = 0;
            for (int x : pop) v += (x - m) * (x - m);
            v /= bins - 1;
            assertEquals(n * rate * 1e-3, m, 0.05 * m);
            // relative sd of the sample variance over 2000 bins: sqrt(2/1999) = 3.2%
            assertEquals(1.0, v / m, 0.15, "population Fano factor: trains are not independent");
        }
    }

    @Test
    void poissonRatesAboveTheTableLimitUseTheExactSum() {
        // rate * dt = 40 > 32: the sum-of-Poissons path
        Network net = new Network(new Network.Context().threads(1).seed(8));
        Population p = integrator(net, 1000);
        net.stimulate(Generator.poisson(400_000), p, 1, 0.1);
        net.simulate(100);
        double[] v = p.get("V_m");
        double mean = 0;
        for (double x : v) mean += x;
        mean /= v.length;
        double var = 0;
        for (double x : v) var += (x - mean) * (x - mean);
        var /= v.length - 1;
        // 999 steps of Poisson(40) arrive within 100 ms (delay one step): mean = var = 39960
        assertEquals(39_960, mean, 5 * Math.sqrt(39_960 / 1000.0));
        assertEquals(1.0, var / mean, 0.2); // relative sd of the sample variance: sqrt(2/999) = 4.5%
    }

    @Test
    void noiseGeneratorHasTheRightMomentsAndIsHeldForItsInterval() {
        Network net = new Network(new Network.Context().threads(2).seed(9));
        Population p = net.population("N", "iaf_psc_delta", 4000).param("E_L", 0).param("V_th", 1e9)
                .param("tau_m", 1e30).param("C_m", 1);
        net.stimulate(Generator.noise(3, 2, 1.0), p, 1, 0.1);
        net.simulate(1.1);
        // V = sum over 10 steps of I * dt / C_m: one held draw per neuron in [0.1, 1.1) ms
        double[] v = p.get("V_m");
        double mean = 0;
        for (double x : v) mean += x;
        mean /= v.length;
        double var = 0;
        for (double x : v) var += (x - mean) * (x - mean);
        var /= v.length - 1;
        assertEquals(3.0, mean, 5 * 2 / Math.sqrt(4000));
        assertEquals(4.0, var, 0.45); // sd of the sample variance: 4 sqrt(2/3999) = 0.09
    }

    @Test
    void stepCurrentGeneratorFollowsItsSchedule() {
        Network net = new Network(new Network.Context().threads(1));
        Population p = integrator(net, 1).param("C_m", 1);
        net.stimulate(Generator.stepCurrent(new double[] {1.0, 2.0, 3.0}, new double[] {10, -5, 0}), p, 1, 0.1);
        StateRecorder r = net.recordState(p, new String[] {"V_m"}, new int[] {0}, 0.1);
        net.simulate(5);
        double[] v = r.trace("V_m", 0);
        // emitted in steps 10..19 (10 pA), 20..29 (-5 pA); arriving one step later; 0.1 ms each at C_m = 1 pF
        assertEquals(0.0, v[10], 1e-12);
        assertEquals(1.0, v[11], 1e-12);
        assertEquals(10.0, v[20], 1e-9);
        assertEquals(5.0, v[30], 1e-9);
        assertEquals(5.0, v[49], 1e-9);
    }

    @Test
    void parrotRepeatsEverySpikeIncludingCoincidentOnes() {
        Network net = new Network(new Network.Context().threads(2));
        Population src = net.population("S", SpikeGenerator.of(new double[][] {{1.0, 2.0}, {1.0}, {3.0}}), 3);
        Population par = net.population("P", "parrot_neuron", 1);
        net.connect(src, par, Connect.allToAll(), Synapse.statics(1.0, 0.5));
        SpikeRecorder r = net.recordSpikes(par);
        net.simulate(5);
        double[] t = r.times();
        assertEquals(4, t.length);
        assertEquals(1.5, t[0], 1e-9);
        assertEquals(1.5, t[1], 1e-9);
        assertEquals(2.5, t[2], 1e-9);
        assertEquals(3.5, t[3], 1e-9);
        assertTrue(r.countsPerNeuron()[0] == 4);
    }

    @Test
    void negativeWeightsReachTheInhibitoryConductanceAsMagnitudes() {
        Network net = new Network(new Network.Context().threads(2));
        Population src = net.population("S", SpikeGenerator.ofTrain(1, 1.0), 1);
        Population tgt = net.population("T", "iaf_cond_exp", 2);
        net.connect(src, tgt, Connect.allToAll(), Synapse.statics(Dist.constant(-5.0), Dist.constant(1.0)));
        net.connect(src, tgt, Connect.explicit(new int[] {0}, new int[] {1}), Synapse.statics(3.0, 1.0));
        StateRecorder r = net.recordState(tgt, new String[] {"g_ex", "g_in"}, new int[] {0, 1}, 0.1);
        net.simulate(3);
        // the spike at 1.0 ms (emitted in step 9) arrives in step 19: g jumps at the end of that step
        int k = 19;
        assertEquals(0.0, r.trace("g_in", 0)[k - 1], 0.0);
        assertEquals(5.0, r.trace("g_in", 0)[k], 1e-12);
        assertEquals(0.0, r.trace("g_ex", 0)[k], 0.0);
        assertEquals(5.0, r.trace("g_in", 1)[k], 1e-12);
        assertEquals(3.0, r.trace("g_ex", 1)[k], 1e-12);
    }
}
