package org.myelin.bench.diehlcook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.core.Connect;
import org.myelin.core.Dist;
import org.myelin.core.Network;
import org.myelin.core.Plasticity;
import org.myelin.core.Population;
import org.myelin.core.Projection;
import org.myelin.core.Rng;
import org.myelin.core.Synapse;
import org.myelin.core.SynapseTable;
import org.myelin.core.model.ParrotNeuron;
import org.myelin.core.model.SpikeGenerator;

/**
 * Diehl and Cook's input rule as {@link DiehlCookNetwork#rule()}: imposed pre- and postsynaptic
 * trains, final weights against the authors' update equations evaluated by hand
 * ({@code pre: w -= nu_pre * post1}; {@code post: w += nu_post * pre * post2before}; nearest-spike
 * traces, tau 20/20/40 ms; clipped to [0, 1]), with the kernel's timing convention (a postsynaptic
 * spike counts at the synapse one delay later). Also: the per-image normalisation.
 */
class DiehlCookRuleTest {
    static final double DT = 0.5;
    static final double D = 0.5; // synaptic delay

    /** pre -> parrot (no_repeat port) with the rule; the parrot's spikes are imposed by a generator. */
    static final class Pairs {
        final Network net;
        final Projection proj;

        Pairs(double[][] pre, double[][] post, double w0, Plasticity rule) {
            net = new Network(new Network.Context().dt(DT).threads(1).seed(3));
            int n = pre.length;
            double[][] drive = new double[n][];
            for (int i = 0; i < n; i++) {
                drive[i] = new double[post[i].length];
                for (int k = 0; k < post[i].length; k++) drive[i][k] = post[i][k] - DT; // parrot repeats one step later
            }
            Population p = net.population("pre", SpikeGenerator.of(pre), n);
            Population g = net.population("drive", SpikeGenerator.of(drive), n);
            Population q = net.population("post", ParrotNeuron.INSTANCE, n);
            net.connect(g, q, Connect.oneToOne(), Synapse.statics(1.0, DT));
            proj = net.connect(p, q, Connect.oneToOne(),
                    Synapse.plastic(Dist.constant(w0), Dist.constant(D), rule).receptor(ParrotNeuron.NO_REPEAT));
        }

        double[] run(double ms) {
            net.simulate(ms);
            return proj.synapses().weight;
        }
    }

    /**
     * The authors' rule evaluated event by event (post spikes seen at t + D), clipped to [0, 1].
     * Simultaneous events do not interact (the kernel's convention): a postsynaptic spike seen at
     * the synapse at the time of a presynaptic spike is potentiated by the earlier presynaptic
     * spikes only, and that presynaptic spike is depressed by the earlier postsynaptic spikes only.
     */
    static double reference(double[] pre, double[] post, double w) {
        double lastPre = Double.NEGATIVE_INFINITY, lastPost = Double.NEGATIVE_INFINITY, prevPost = Double.NEGATIVE_INFINITY;
        int a = 0, b = 0;
        while (a < pre.length || b < post.length) {
            double tp = a < pre.length ? pre[a] : Double.POSITIVE_INFINITY;
            double tq = b < post.length ? post[b] + D : Double.POSITIVE_INFINITY;
            if (tq <= tp) { // postsynaptic spike at the synapse (first on a tie, pairing with earlier pre spikes)
                double preTrace = Math.exp(-(tq - lastPre) / 20);
                double post2before = Math.exp(-(tq - lastPost) / 40);
                w = Math.min(1, w + 0.01 * preTrace * post2before);
                prevPost = lastPost;
                lastPost = tq;
                b++;
            } else { // presynaptic spike: depressed by the postsynaptic spikes strictly before it
                double seen = lastPost < tp ? lastPost : prevPost;
                double post1 = Math.exp(-(tp - seen) / 20);
                w = Math.max(0, w - 1e-4 * post1);
                lastPre = tp;
                a++;
            }
        }
        return w;
    }

    @Test
    void handComputedPairsAndTriplets() {
        double[] pre = {10, 60};
        double[] post = {20, 30};
        double expected = 0.5 + 0.01 * Math.exp(-(30.5 - 10) / 20) * Math.exp(-10.0 / 40) - 1e-4 * Math.exp(-(60 - 30.5) / 20);
        assertEquals(expected, reference(pre, post, 0.5), 1e-15, "reference implementation");
        double[] w = new Pairs(new double[][] {pre}, new double[][] {post}, 0.5, DiehlCookNetwork.rule()).run(70);
        assertEquals(expected, w[0], 1e-12);
    }

    @Test
    void randomTrainsMatchTheAuthorsEquations() {
        int n = 40;
        double[][] pre = new double[n][];
        double[][] post = new double[n][];
        double[] w0 = new double[n];
        Rng.Stream r = new Rng.Stream(Rng.key(Rng.mix(42), 1));
        for (int i = 0; i < n; i++) {
            pre[i] = train(r, 30 + 5 * (i % 5), 1000);
            post[i] = train(r, 20 + 10 * (i % 4), 1000);
            // the last presynaptic spike applies every pending potentiation: end with one after all posts
            pre[i] = append(pre[i], 1100);
        }
        for (int i = 0; i < n; i++) {
            double[] w = new Pairs(new double[][] {pre[i]}, new double[][] {post[i]}, 0.3 + 0.01 * i,
                    DiehlCookNetwork.rule()).run(1110);
            assertEquals(reference(pre[i], post[i], 0.3 + 0.01 * i), w[0], 1e-12, "synapse " + i);
            w0[i] = w[0];
        }
        assertTrue(w0[0] != 0.3, "weights changed");
    }

    /**
     * {@code Projection.settle()} between runs gives the weights the authors' immediate update has at
     * that time (every postsynaptic spike seen at the synapse by then counted, also those after the
     * last presynaptic spike), and the run continues to the same final weights.
     */
    @Test
    void settledWeightsAreTheAuthorsImmediateWeights() {
        int n = 40;
        double half = 500;
        Rng.Stream r = new Rng.Stream(Rng.key(Rng.mix(43), 1));
        int pending = 0;
        for (int i = 0; i < n; i++) {
            double[] pre = append(train(r, 30 + 5 * (i % 5), 1000), 1100);
            double[] post = train(r, 20 + 10 * (i % 4), 1000);
            double w0 = 0.3 + 0.01 * i;
            Pairs p = new Pairs(new double[][] {pre}, new double[][] {post}, w0, DiehlCookNetwork.rule());
            double lazy = p.run(half)[0];
            p.proj.settle();
            double settled = p.proj.weights()[0];
            double[] preSoFar = java.util.Arrays.stream(pre).filter(t -> t <= half).toArray();
            double[] postSeen = java.util.Arrays.stream(post).filter(t -> t + D <= half).toArray();
            assertEquals(reference(preSoFar, postSeen, w0), settled, 1e-12, "synapse " + i + " at " + half + " ms");
            if (settled != lazy) pending++;
            assertEquals(reference(pre, post, w0), p.run(1110 - half)[0], 1e-12, "synapse " + i + " at the end");
        }
        assertTrue(pending > n / 2, "settle should apply pending potentiation, applied on " + pending + " of " + n);
    }

    @Test
    void weightsStayInZeroOne() {
        // strong potentiation from 0.999 clips at 1 (then one tiny depression); depression from 0 stays at 0
        double[] pre = {10, 12, 14, 100};
        double[] post = {15, 16, 17, 18, 19, 20};
        double ref = reference(pre, post, 0.999);
        assertTrue(ref < 1 && ref > 1 - 1e-5, "reference clipped: " + ref);
        double[] w = new Pairs(new double[][] {pre}, new double[][] {post}, 0.999, DiehlCookNetwork.rule()).run(110);
        assertEquals(ref, w[0], 1e-12);
        double[] v = new Pairs(new double[][] {{50, 51, 52}}, new double[][] {{20, 30, 40, 49}}, 0.0,
                DiehlCookNetwork.rule()).run(60);
        assertEquals(0.0, v[0], 0.0);
    }

    /**
     * {@link DiehlCookNetwork#normalise()}: every excitatory neuron's input weights scaled to sum to
     * 78, each in proportion, through core's weight setter; a following presentation learns from
     * (and transmits) the new weights.
     */
    @Test
    void normalisationScalesEachNeuronsInputsToTheTotal() {
        DiehlCookNetwork net = DiehlCookNetwork.training(3, 5, 1);
        double[] w = net.input.weights();
        int[] tgt = net.input.synapses().target;
        Rng.Stream r = new Rng.Stream(Rng.key(Rng.mix(9), 4));
        for (int k = 0; k < w.length; k++) w[k] = 0.9 * r.nextDouble();
        net.input.setWeights(w);
        net.normalise();
        double[] after = net.input.weights();
        double[] sum = new double[3];
        double[] sumBefore = new double[3];
        for (int k = 0; k < w.length; k++) {
            sum[tgt[k]] += after[k];
            sumBefore[tgt[k]] += w[k];
        }
        for (int j = 0; j < 3; j++) assertEquals(DiehlCookNetwork.INPUT_TOTAL, sum[j], 1e-9, "neuron " + j);
        for (int k = 0; k < w.length; k++) {
            assertEquals(w[k] * DiehlCookNetwork.INPUT_TOTAL / sumBefore[tgt[k]], after[k], 1e-15, "synapse " + k);
        }
    }

    static double[] train(Rng.Stream r, double rateHz, double ms) {
        java.util.List<Double> ts = new java.util.ArrayList<>();
        double t = 1.0;
        while (true) {
            t += -Math.log(r.nextPositive()) * 1000 / rateHz;
            double g = Math.round(t / DT) * DT;
            if (g >= ms) break;
            if (ts.isEmpty() || g > ts.get(ts.size() - 1)) ts.add(g);
        }
        double[] a = new double[ts.size()];
        for (int i = 0; i < a.length; i++) a[i] = ts.get(i);
        return a;
    }

    static double[] append(double[] a, double x) {
        double[] b = java.util.Arrays.copyOf(a, a.length + 1);
        b[a.length] = x;
        return b;
    }
}
