package org.myelin.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.core.ModelException;
import org.myelin.core.SynapseTable;

/**
 * {@link TargetTraceStdp} against its definition: an independent replay (explicit sums over spike
 * pairs instead of the kernel's traces and spike archive) of the recorded spike trains of a random
 * recurrent network with heterogeneous delays reproduces the simulator's settled weights to 1e-12,
 * with nearest-spike and all-to-all traces; an input that never fires is depressed at every
 * postsynaptic spike by the closed form; bad parameters are rejected by name.
 */
class TargetTraceStdpTest {
    static final double DT = StdpReplayTest.DT;

    /**
     * The rule replayed on one synapse of delay {@code d}, in time order, up to stamp {@code upTo}:
     * a postsynaptic spike q counts at q + d; those with q + d in (previous presynaptic spike, s] come
     * before presynaptic spike s. At a postsynaptic spike the presynaptic trace is the sum over
     * earlier presynaptic spikes of exp(-age / tau_pre) (nearest: the latest only; none: 0); at a
     * presynaptic spike s the postsynaptic trace is the same over postsynaptic spikes strictly
     * before s - d.
     */
    static double replay(TargetTraceStdp r, double w, int d, int[] pre, int[] post, int upTo) {
        boolean nearest = r.isNearestSpike();
        double wm = r.wmax();
        int last = -1;
        for (int n = 0; n <= pre.length; n++) {
            int s = n < pre.length ? pre[n] : upTo;
            for (int q : post) {
                if (q + d > last && q + d <= s) {
                    double x = 0;
                    for (int m = 0; m < n; m++) {
                        double e = Math.exp(-((q + d) - pre[m]) * DT / r.tauPre());
                        x = nearest ? e : x + e;
                    }
                    w += r.etaPost() * (x - r.xTar()) * Math.pow(wm - w, r.muPost());
                    w = Math.max(0, Math.min(wm, w));
                }
            }
            if (n == pre.length) break;
            double y = 0;
            for (int q : post) {
                if (q < s - d) {
                    double e = Math.exp(-((s - d) - q) * DT / r.tauPost());
                    y = nearest ? e : y + e;
                }
            }
            if (y > 0) w = Math.max(0, w - r.etaPre() * y * Math.pow(w, r.muPre()));
            last = s;
        }
        return w;
    }

    static void replayMatches(TargetTraceStdp rule) {
        StdpReplayTest.Net n = new StdpReplayTest.Net(rule, 3);
        SynapseTable a = n.p.synapses();
        n.net.simulate(2_000);
        n.p.settle();
        SynapseTable b = n.p.synapses();
        int[][] stamps = n.stamps();
        int upTo = (int) Math.round(2_000 / DT);
        double worst = 0, moved = 0;
        int minD = Integer.MAX_VALUE, maxD = 0;
        for (int k = 0; k < a.size(); k++) {
            assertEquals(a.source[k], b.source[k]);
            assertEquals(a.target[k], b.target[k]);
            int d = a.delaySteps[k];
            minD = Math.min(minD, d);
            maxD = Math.max(maxD, d);
            double expected = replay(rule, a.weight[k], d, stamps[a.source[k]], stamps[a.target[k]], upTo);
            worst = Math.max(worst, Math.abs(expected - b.weight[k]));
            moved = Math.max(moved, Math.abs(b.weight[k] - a.weight[k]));
        }
        System.out.println("replay " + rule + ": max |w_sim - w_replay| = " + worst + ", max change " + moved);
        assertTrue(maxD - minD >= 30, "delays should be heterogeneous: " + minD + ".." + maxD + " steps");
        assertTrue(moved > 0.05, "weights should have changed, max change " + moved);
        assertTrue(worst <= 1e-12, "replay differs from simulation by " + worst);
    }

    @Test
    void nearestSpikeReplaysExactly() {
        replayMatches(TargetTraceStdp.synapse().rates(0.01, 0.02).target(0.3).exponents(0.2, 0.5));
    }

    @Test
    void allToAllReplaysExactly() {
        replayMatches(TargetTraceStdp.synapse().nearestSpike(false).taus(15, 25).rates(0.005, 0.01).target(0.6).exponents(1, 0.2));
    }

    @Test
    void anInputThatNeverFiresIsDepressedAtEveryPostsynapticSpike() {
        TargetTraceStdp rule = TargetTraceStdp.synapse().rates(1e-4, 0.05).target(0.4).exponents(0.2, 0.2);
        double[] post = {5, 12, 30, 31.5, 60};
        Pairs p = new Pairs(DT, 1, new double[][] {{}}, new double[][] {post}, 0.8, 1.0, rule);
        p.net.simulate(100);
        p.proj.settle();
        double w = 0.8;
        for (int k = 0; k < post.length; k++) w = Math.max(0, w - 0.05 * 0.4 * Math.pow(1 - w, 0.2));
        assertEquals(w, p.proj.weights()[0], 1e-15);
        assertTrue(w < 0.8 - 0.04, "the silent input should lose weight: " + w);
    }

    @Test
    void aCausalPairPotentiatesAboveTheTarget() {
        // pre at 10 ms, post at 12 ms (delay 1 ms: counts at 13 ms): x_pre = exp(-3/20) = 0.86 > x_tar
        TargetTraceStdp rule = TargetTraceStdp.synapse();
        Pairs p = new Pairs(DT, 1, new double[][] {{10}}, new double[][] {{12}}, 0.5, 1.0, rule);
        p.net.simulate(50);
        p.proj.settle();
        double x = Math.exp(-3.0 / 20);
        double expected = 0.5 + 0.01 * (x - 0.4) * Math.pow(0.5, 0.2);
        assertEquals(expected, p.proj.weights()[0], 1e-12);
    }

    @Test
    void badParametersAreRejectedByName() {
        for (String key : new String[] {"tau_pre", "tau_post", "eta_pre", "eta_post", "x_tar", "mu_pre", "mu_post"}) {
            TargetTraceStdp r = TargetTraceStdp.synapse();
            switch (key) {
                case "tau_pre": r = r.taus(0, 20); break;
                case "tau_post": r = r.taus(20, -1); break;
                case "eta_pre": r = r.rates(-1e-4, 0.01); break;
                case "eta_post": r = r.rates(1e-4, Double.NaN); break;
                case "x_tar": r = r.target(-0.1); break;
                case "mu_pre": r = r.exponents(-1, 0.2); break;
                default: r = r.exponents(0.2, -2); break;
            }
            TargetTraceStdp bad = r;
            ModelException e = assertThrows(ModelException.class, () -> bad.validate("X -> Y", 0.1));
            assertTrue(e.getMessage().contains(key) && e.getMessage().contains("X -> Y"), e.getMessage());
        }
    }
}
