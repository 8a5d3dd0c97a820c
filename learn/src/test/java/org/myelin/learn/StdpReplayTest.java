package org.myelin.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.myelin.core.Connect;
import org.myelin.core.Dist;
import org.myelin.core.Generator;
import org.myelin.core.Network;
import org.myelin.core.Plasticity;
import org.myelin.core.Population;
import org.myelin.core.Projection;
import org.myelin.core.SpikeRecorder;
import org.myelin.core.Synapse;
import org.myelin.core.SynapseTable;

/**
 * An independent re-implementation of the pair rule, written from the rule's definition (explicit
 * sums over spike pairs instead of the engine's recursive traces and spike archive), replays the
 * recorded spike trains of a random recurrent network with heterogeneous delays and must reproduce
 * the simulator's final weights to 1e-12.
 */
class StdpReplayTest {
    static final double DT = 0.1;

    static final class Result {
        SynapseTable initial;
        SynapseTable fin;
        int[][] stamps; // per neuron: spike stamps (time = stamp * dt)
    }

    /** A random recurrent network (heterogeneous delays 0.5-4 ms) with plastic E -> E synapses. */
    static final class Net {
        final Network net;
        final Population e;
        final Projection p;
        final SpikeRecorder rec;

        Net(Plasticity rule, int threads) {
            net = new Network(new Network.Context().dt(DT).threads(threads).seed(2024));
            e = net.population("E", "iaf_psc_delta", 200).param("E_L", 0).param("V_th", 20)
                    .param("V_reset", 10).param("t_ref", 2).param("tau_m", 20).initial("V_m", Dist.uniform(0, 20));
            net.stimulate(Generator.poisson(9_000), e, 0.1, 0.1);
            p = net.connect(e, e, Connect.fixedIndegree(20), Synapse.plastic(Dist.uniform(0.05, 0.4), Dist.uniform(0.5, 4.0), rule));
            rec = net.recordSpikes(e);
            net.build();
        }

        /** Spike stamps per neuron recorded so far (time = stamp * dt). */
        int[][] stamps() {
            int[] steps = rec.steps();
            int[] ids = rec.neurons();
            int[] count = new int[e.size()];
            for (int id : ids) count[id]++;
            int[][] out = new int[e.size()][];
            for (int i = 0; i < out.length; i++) out[i] = new int[count[i]];
            Arrays.fill(count, 0);
            for (int k = 0; k < steps.length; k++) out[ids[k]][count[ids[k]]++] = steps[k] + 1;
            return out;
        }
    }

    static Result simulate(Stdp rule, int threads) {
        Net n = new Net(rule, threads);
        Result r = new Result();
        r.initial = n.p.synapses();
        n.net.simulate(2_000);
        r.fin = n.p.synapses();
        r.stamps = n.stamps();
        return r;
    }

    static double pw(double x, double mu) {
        return mu == 0 ? 1 : mu == 1 ? x : Math.pow(x, mu);
    }

    static double facilitate(Stdp r, double w, double k) {
        double u = w / r.wmax() + r.lambda() * pw(1 - w / r.wmax(), r.muPlus()) * k;
        return u < 1 ? u * r.wmax() : r.wmax();
    }

    static double depress(Stdp r, double w, double k) {
        double u = w / r.wmax() - r.alpha() * r.lambda() * pw(w / r.wmax(), r.muMinus()) * k;
        return u > 0 ? u * r.wmax() : 0;
    }

    /**
     * The rule replayed on one synapse: at each presynaptic spike s (stamps), every postsynaptic spike
     * q with s_last - d < q <= s - d facilitates by the presynaptic trace at q + d (all-to-all: sum over
     * all earlier presynaptic spikes; nearest: the previous one only), then the postsynaptic trace at
     * s - d (all-to-all: sum over postsynaptic spikes strictly before; nearest: the last one) depresses.
     */
    static double replay(Stdp r, double w, int d, int[] pre, int[] post) {
        return replay(r, w, d, pre, post, -1);
    }

    /**
     * As {@link #replay(Stdp, double, int, int[], int[])}; with {@code upTo >= 0} (a stamp not before
     * the last presynaptic spike) the postsynaptic spikes that reach the synapse after the last
     * presynaptic spike and by {@code upTo} facilitate too (all-to-all pairing), as an immediate
     * update would have applied them ({@code Projection.settle()}).
     */
    static double replay(Stdp r, double w, int d, int[] pre, int[] post, int upTo) {
        boolean nearest = r.pairing() == Stdp.Pairing.NEAREST_SYMMETRIC;
        int last = -1;
        for (int n = 0; n < pre.length; n++) {
            int s = pre[n];
            for (int q : post) {
                if (q > last - d && q <= s - d) {
                    double k = 0;
                    if (nearest) {
                        if (last >= 0) k = Math.exp(-((q + d) - last) * DT / r.tauPlus());
                    } else {
                        for (int m = 0; m < n; m++) k += Math.exp(-((q + d) - pre[m]) * DT / r.tauPlus());
                    }
                    if (last >= 0 || !nearest) w = facilitate(r, w, k);
                }
            }
            double k = 0;
            for (int q : post) {
                if (q < s - d) {
                    double x = Math.exp(-((s - d) - q) * DT / r.tauMinus());
                    k = nearest ? x : k + x;
                }
            }
            w = depress(r, w, k);
            last = s;
        }
        if (upTo >= 0) {
            for (int q : post) {
                if (q > last - d && q <= upTo - d) {
                    double k = 0;
                    for (int s : pre) k += Math.exp(-((q + d) - s) * DT / r.tauPlus());
                    w = facilitate(r, w, k);
                }
            }
        }
        return w;
    }

    static double check(Stdp rule) {
        Result r = simulate(rule, 3);
        SynapseTable a = r.initial;
        SynapseTable b = r.fin;
        assertEquals(a.size(), b.size());
        int spikes = 0;
        for (int[] s : r.stamps) spikes += s.length;
        double rate = spikes / (200 * 2.0);
        System.out.println("replay network rate " + rate + " Hz");
        assertTrue(rate > 5 && rate < 80, "network rate " + rate + " Hz");
        int minD = Integer.MAX_VALUE;
        int maxD = 0;
        double worst = 0;
        double moved = 0;
        for (int k = 0; k < a.size(); k++) {
            assertEquals(a.source[k], b.source[k]);
            assertEquals(a.target[k], b.target[k]);
            int d = a.delaySteps[k];
            minD = Math.min(minD, d);
            maxD = Math.max(maxD, d);
            double expected = replay(rule, a.weight[k], d, r.stamps[a.source[k]], r.stamps[a.target[k]]);
            worst = Math.max(worst, Math.abs(expected - b.weight[k]));
            moved = Math.max(moved, Math.abs(b.weight[k] - a.weight[k]));
        }
        assertTrue(maxD - minD >= 30, "delays should be heterogeneous: " + minD + ".." + maxD + " steps");
        assertTrue(moved > 0.05, "weights should have changed, max change " + moved);
        assertTrue(worst <= 1e-12, rule.name() + ": replay differs from simulation by " + worst);
        return worst;
    }

    @Test
    void multiplicativeAllToAllReplaysExactly() {
        double err = check(Stdp.synapse().multiplicative().wmax(1).lambda(0.02).alpha(1.1).tauMinus(25));
        System.out.println("replay stdp_synapse multiplicative: max |w_sim - w_replay| = " + err);
    }

    @Test
    void additiveHardBoundsReplayExactly() {
        double err = check(Stdp.synapse().additive().wmax(0.7).lambda(0.02).alpha(1.05));
        System.out.println("replay stdp_synapse additive: max |w_sim - w_replay| = " + err);
    }

    @Test
    void nearestNeighbourReplaysExactly() {
        double err = check(Stdp.synapse().powerLaw(0.5, 0.5).pairing(Stdp.Pairing.NEAREST_SYMMETRIC).wmax(1).lambda(0.03));
        System.out.println("replay stdp_nn_symm_synapse: max |w_sim - w_replay| = " + err);
    }
}
