package org.myelin.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.core.Connect;
import org.myelin.core.Network;
import org.myelin.core.Plasticity;
import org.myelin.core.Population;
import org.myelin.core.Projection;
import org.myelin.core.Synapse;
import org.myelin.core.SynapseTable;

/**
 * {@link Projection#settle()}: between runs it applies the potentiation that the lazy rules keep for
 * the next presynaptic spike, exactly (against the pair rule replayed with immediate updates), and a
 * run continued from settled weights ends where an unsettled run ends.
 */
class SettleTest {
    static final double DT = StdpReplayTest.DT;

    static final Stdp PAIR = Stdp.synapse().multiplicative().wmax(1).lambda(0.02).alpha(1.1).tauMinus(25);

    @Test
    void settledWeightsEqualTheImmediateUpdate() {
        StdpReplayTest.Net n = new StdpReplayTest.Net(PAIR, 2);
        SynapseTable initial = n.p.synapses();
        n.net.simulate(1_000);
        double[] lazy = n.p.weights();
        n.p.settle();
        double[] settled = n.p.weights();
        int[][] stamps = n.stamps();
        int upTo = (int) Math.round(1_000 / DT);
        double worst = 0;
        int pending = 0;
        for (int k = 0; k < initial.size(); k++) {
            int d = initial.delaySteps[k];
            int[] pre = stamps[initial.source[k]];
            int[] post = stamps[initial.target[k]];
            double expected = StdpReplayTest.replay(PAIR, initial.weight[k], d, pre, post, upTo);
            worst = Math.max(worst, Math.abs(expected - settled[k]));
            if (settled[k] != lazy[k]) pending++;
        }
        assertTrue(pending > 100, "settle should apply pending potentiation to many synapses, applied to " + pending);
        assertTrue(worst <= 1e-12, "settled weights differ from the immediate replay by " + worst);
        // settling twice at the same time changes nothing
        n.p.settle();
        assertArrayEquals(settled, n.p.weights(), 0.0);
    }

    /** Settling in the middle of a run does not change where the run ends (up to rounding). */
    static void continuationIsExact(Plasticity rule) {
        StdpReplayTest.Net a = new StdpReplayTest.Net(rule, 1);
        a.net.simulate(1_000);
        a.p.settle();
        a.net.simulate(1_000);
        a.p.settle();
        StdpReplayTest.Net b = new StdpReplayTest.Net(rule, 3);
        b.net.simulate(2_000);
        b.p.settle();
        assertEquals(a.net.totalSpikes(), b.net.totalSpikes(), "settling is invisible to the neurons up to rounding");
        double[] wa = a.p.weights();
        double[] wb = b.p.weights();
        double worst = 0;
        double moved = 0;
        double[] w0 = new StdpReplayTest.Net(rule, 1).p.weights();
        for (int k = 0; k < wa.length; k++) {
            worst = Math.max(worst, Math.abs(wa[k] - wb[k]));
            moved = Math.max(moved, Math.abs(wa[k] - w0[k]));
        }
        assertTrue(moved > 0.01, rule.name() + ": weights should have changed, max change " + moved);
        assertTrue(worst <= 1e-12, rule.name() + ": settled mid-run differs by " + worst);
    }

    @Test
    void pairRuleContinuesExactly() {
        continuationIsExact(PAIR);
    }

    @Test
    void tripletRulesContinueExactly() {
        continuationIsExact(TripletStdp.synapse().wmax(1));
        continuationIsExact(TripletStdp.hippocampalNearest().wmax(1));
    }

    @Test
    void rulesThatCannotSettleSaySoAndChangeNothing() {
        StdpReplayTest.Net n = new StdpReplayTest.Net(Stdp.synapse().pairing(Stdp.Pairing.NEAREST_SYMMETRIC).wmax(1), 1);
        n.net.simulate(200);
        double[] before = n.p.weights();
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, n.p::settle);
        assertTrue(e.getMessage().contains("stdp_nn_symm_synapse") && e.getMessage().contains("'E' -> 'E'"), e.getMessage());
        assertArrayEquals(before, n.p.weights(), 0.0);

        Network net = new Network(new Network.Context().dt(DT).threads(1));
        Population a = net.population("A", "iaf_psc_exp", 3);
        Projection stat = net.connect(a, a, Connect.allToAll(), Synapse.statics(1.0, 1.0));
        assertThrows(IllegalStateException.class, stat::settle, "not built");
        net.build();
        stat.settle(); // static weights are always current
        double[] w = stat.weights();
        assertEquals(stat.synapseCount(), w.length);
        for (double x : w) assertEquals(1.0, x, 0.0);
    }
}
