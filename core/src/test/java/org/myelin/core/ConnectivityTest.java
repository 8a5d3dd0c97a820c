package org.myelin.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Connection rules, their switches, drawn weights and delays, and independence of the thread count. */
class ConnectivityTest {
    private static Network net(int threads) {
        return new Network(new Network.Context().threads(threads).seed(99));
    }

    private static Population pop(Network n, String name, int size) {
        return n.population(name, "iaf_psc_delta", size);
    }

    private static SynapseTable build(int threads, int nS, int nT, boolean same, Connect c, Synapse s) {
        Network n = net(threads);
        Population a = pop(n, "A", nS);
        Population b = same ? a : pop(n, "B", nT);
        Projection p = n.connect(a, b, c, s);
        n.build();
        SynapseTable t = p.synapses();
        assertEquals(t.size(), p.synapseCount());
        return t;
    }

    private static final Synapse UNIT = Synapse.statics(1.0, 1.0);

    @Test
    void allToAllWithAndWithoutAutapses() {
        SynapseTable t = build(2, 30, 30, true, Connect.allToAll(), UNIT);
        assertEquals(900, t.size());
        t = build(2, 30, 30, true, Connect.allToAll().autapses(false), UNIT);
        assertEquals(870, t.size());
        for (int k = 0; k < t.size(); k++) assertTrue(t.source[k] != t.target[k]);
        t = build(3, 7, 11, false, Connect.allToAll(), UNIT);
        assertEquals(77, t.size());
    }

    @Test
    void oneToOne() {
        SynapseTable t = build(3, 50, 50, false, Connect.oneToOne(), UNIT);
        assertEquals(50, t.size());
        for (int k = 0; k < 50; k++) assertEquals(t.source[k], t.target[k]);
    }

    @Test
    void fixedIndegreeGivesEveryTargetKSources() {
        int k = 40;
        SynapseTable t = build(2, 200, 300, false, Connect.fixedIndegree(k), UNIT);
        int[] in = new int[300];
        for (int x : t.target) in[x]++;
        for (int j = 0; j < 300; j++) assertEquals(k, in[j]);
        // without multapses and autapses in a recurrent projection: distinct sources, none equal to the target
        t = build(3, 100, 100, true, Connect.fixedIndegree(99).autapses(false).multapses(false), UNIT);
        Set<Long> seen = new HashSet<>();
        for (int q = 0; q < t.size(); q++) {
            assertTrue(t.source[q] != t.target[q], "autapse");
            assertTrue(seen.add((long) t.source[q] << 32 | t.target[q]), "multapse");
        }
        assertEquals(9900, t.size());
    }

    @Test
    void fixedIndegreeSourcesAreUniform() {
        // chi-square of source counts: 500 targets x 100 draws over 50 sources, expected 1000 each
        SynapseTable t = build(2, 50, 500, false, Connect.fixedIndegree(100), UNIT);
        int[] c = new int[50];
        for (int s : t.source) c[s]++;
        double chi = 0;
        for (int x : c) chi += (x - 1000.0) * (x - 1000.0) / 1000.0;
        // 49 degrees of freedom: mean 49, sd 9.9; 99.99th percentile ~ 92
        assertTrue(chi < 92, "chi-square " + chi);
    }

    @Test
    void fixedOutdegreeGivesEverySourceKTargets() {
        SynapseTable t = build(3, 120, 80, false, Connect.fixedOutdegree(25), UNIT);
        int[] out = new int[120];
        for (int s : t.source) out[s]++;
        for (int i = 0; i < 120; i++) assertEquals(25, out[i]);
        t = build(2, 60, 60, true, Connect.fixedOutdegree(59).autapses(false).multapses(false), UNIT);
        Set<Long> seen = new HashSet<>();
        for (int q = 0; q < t.size(); q++) {
            assertTrue(t.source[q] != t.target[q]);
            assertTrue(seen.add((long) t.source[q] << 32 | t.target[q]));
        }
    }

    @Test
    void fixedTotalNumber() {
        SynapseTable t = build(3, 100, 100, true, Connect.fixedTotalNumber(5000).autapses(false).multapses(false), UNIT);
        assertEquals(5000, t.size());
        Set<Long> seen = new HashSet<>();
        for (int q = 0; q < t.size(); q++) {
            assertTrue(t.source[q] != t.target[q]);
            assertTrue(seen.add((long) t.source[q] << 32 | t.target[q]));
        }
    }

    @Test
    void pairwiseBernoulliCountIsBinomial() {
        double p = 0.1;
        SynapseTable t = build(2, 1000, 1000, true, Connect.pairwiseBernoulli(p).autapses(false), UNIT);
        double n = 1000.0 * 999;
        double mean = n * p;
        double sd = Math.sqrt(n * p * (1 - p));
        assertTrue(Math.abs(t.size() - mean) < 5 * sd, "count " + t.size() + " vs " + mean + " +- " + sd);
        for (int q = 0; q < t.size(); q++) assertTrue(t.source[q] != t.target[q]);
        assertEquals(0, build(1, 10, 10, false, Connect.pairwiseBernoulli(0), UNIT).size());
        assertEquals(100, build(1, 10, 10, false, Connect.pairwiseBernoulli(1), UNIT).size());
    }

    @Test
    void explicitListsKeepWeightsAndDelays() {
        int[] s = {0, 2, 1, 2};
        int[] tg = {1, 0, 1, 0};
        double[] w = {0.5, -1.5, 2.5, 3.0};
        double[] d = {0.1, 1.0, 2.5, 0.3};
        SynapseTable t = build(2, 3, 3, false, Connect.explicit(s, tg, w, d), UNIT);
        // sorted by source, then target, then creation order
        assertArrayEquals(new int[] {0, 1, 2, 2}, t.source);
        assertArrayEquals(new int[] {1, 1, 0, 0}, t.target);
        assertArrayEquals(new double[] {0.5, 2.5, -1.5, 3.0}, t.weight, 1e-6);
        assertArrayEquals(new int[] {1, 25, 10, 3}, t.delaySteps);
    }

    @Test
    void connectivityDoesNotDependOnThreads() {
        Connect[] rules = {Connect.fixedIndegree(20), Connect.fixedOutdegree(20), Connect.pairwiseBernoulli(0.05),
            Connect.fixedTotalNumber(3000)};
        Synapse syn = Synapse.statics(Dist.normal(1, 0.5), Dist.uniform(0.1, 3.0));
        for (Connect c : rules) {
            SynapseTable one = build(1, 150, 170, false, c, syn);
            for (int threads = 2; threads <= 4; threads++) {
                SynapseTable t = build(threads, 150, 170, false, c, syn);
                assertArrayEquals(one.source, t.source, c + " sources, " + threads + " threads");
                assertArrayEquals(one.target, t.target, c + " targets, " + threads + " threads");
                assertArrayEquals(one.weight, t.weight, 0.0, c + " weights, " + threads + " threads");
                assertArrayEquals(one.delaySteps, t.delaySteps, c + " delays, " + threads + " threads");
            }
        }
    }

    @Test
    void drawnWeightsFollowTheirDistributions() {
        int n = 200_00;
        Connect c = Connect.fixedIndegree(100);
        check(build(2, 100, n / 100, false, c, Synapse.statics(Dist.uniform(-1, 3), Dist.constant(1))), 1.0, Math.sqrt(16 / 12.0));
        check(build(2, 100, n / 100, false, c, Synapse.statics(Dist.normal(2, 0.5), Dist.constant(1))), 2.0, 0.5);
        check(build(2, 100, n / 100, false, c, Synapse.statics(Dist.exponential(2), Dist.constant(1))), 2.0, 2.0);
        double mu = 0.1;
        double sg = 0.3;
        check(build(2, 100, n / 100, false, c, Synapse.statics(Dist.lognormal(mu, sg), Dist.constant(1))),
                Math.exp(mu + sg * sg / 2), Math.sqrt((Math.exp(sg * sg) - 1) * Math.exp(2 * mu + sg * sg)));
        SynapseTable t = build(2, 100, n / 100, false, c, Synapse.statics(Dist.normal(0, 1).clip(-0.5, 0.5), Dist.constant(1)));
        for (double w : t.weight) assertTrue(w >= -0.5 && w <= 0.5);
    }

    private static void check(SynapseTable t, double mean, double sd) {
        double s = 0;
        double s2 = 0;
        for (double w : t.weight) {
            s += w;
            s2 += w * w;
        }
        int n = t.size();
        double m = s / n;
        double v = s2 / n - m * m;
        assertTrue(Math.abs(m - mean) < 5 * sd / Math.sqrt(n), "mean " + m + " vs " + mean);
        assertTrue(Math.abs(Math.sqrt(v) - sd) < 0.05 * sd, "sd " + Math.sqrt(v) + " vs " + sd);
    }

    @Test
    void drawnDelaysAreRoundedToSteps() {
        SynapseTable t = build(2, 50, 50, false, Connect.allToAll(), Synapse.statics(Dist.constant(1), Dist.uniform(0.1, 2.0)));
        int lo = Integer.MAX_VALUE;
        int hi = 0;
        for (int d : t.delaySteps) {
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        assertEquals(1, lo);
        assertEquals(20, hi);
    }

    @Test
    void mixedSignWeightsRouteToTwoPortsAndKeepTheirSign() {
        SynapseTable t = build(2, 100, 100, false, Connect.fixedIndegree(10), Synapse.statics(Dist.normal(0, 1), Dist.constant(1)));
        int neg = 0;
        for (int q = 0; q < t.size(); q++) {
            assertEquals(0, t.port[q], "iaf_psc_delta has one port");
            if (t.weight[q] < 0) neg++;
        }
        assertTrue(neg > 300 && neg < 700);
    }
}
