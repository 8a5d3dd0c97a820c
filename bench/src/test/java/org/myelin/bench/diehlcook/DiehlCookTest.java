package org.myelin.bench.diehlcook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.learn.TargetTraceStdp;
import org.myelin.learn.TripletStdp;
import org.myelin.reservoir.task.Mnist;

/** Label assignment and vote (the authors' definitions), and the initial state of the network. */
class DiehlCookTest {
    @Test
    void assignmentPicksTheClassWithTheHighestMeanCount() {
        double[][] sum = new double[10][3];
        int[] per = new int[10];
        per[1] = 2;
        per[7] = 4;
        sum[1][0] = 6; // mean 3
        sum[7][0] = 8; // mean 2
        sum[1][1] = 2; // mean 1
        sum[7][1] = 8; // mean 2
        // neuron 2 never fires: unassigned (-1), as in the authors' evaluation script
        assertArrayEquals(new int[] {1, 7, -1}, DiehlCook.assign(sum, per));
    }

    @Test
    void voteAveragesOverEachClassesNeurons() {
        int[] label = {3, 3, 3, 5};
        // class 3: (4 + 0 + 0) / 3 = 1.33; class 5: 2 / 1 = 2 -> 5 although class 3 has more spikes in total
        assertEquals(5, DiehlCook.vote(label, new int[] {4, 0, 0, 2}));
        assertEquals(3, DiehlCook.vote(label, new int[] {4, 4, 0, 2}));
        // unassigned neurons take no part: with neuron 1 silent during assignment class 3 is (4 + 0) / 2 = 2,
        // a tie with class 5 that the lower class wins; counted in class 3 it would be 4 / 3 < 2
        int[] withSilent = {3, -1, 3, 5};
        assertEquals(3, DiehlCook.vote(withSilent, new int[] {4, 0, 0, 2}));
        assertEquals(5, DiehlCook.vote(new int[] {3, 3, 3, 5}, new int[] {4, 0, 0, 2}));
    }

    @Test
    void initialInputWeightsAreNormalisedAndDelaysOnTheGrid() {
        DiehlCookNetwork net = DiehlCookNetwork.training(10, 3, 1);
        double[] w = net.weights();
        double[] d = net.delays();
        for (int j = 0; j < 10; j++) {
            double s = 0;
            for (int p = 0; p < Mnist.PIXELS; p++) s += w[p * 10 + j];
            assertEquals(DiehlCookNetwork.INPUT_TOTAL, s, 1e-9, "neuron " + j);
        }
        for (int k = 0; k < w.length; k++) {
            assertTrue(w[k] > 0 && w[k] <= 1, "weight " + k + " = " + w[k]);
            assertTrue(d[k] >= 0.5 && d[k] <= 10, "delay " + k + " = " + d[k]);
        }
        for (double t : net.theta()) assertEquals(0.0, t, 0.0);
        // default: one-step input delays; with a smaller step, one smaller step
        for (double x : d) assertEquals(DiehlCookNetwork.DT, x, 0.0);
        for (double x : DiehlCookNetwork.training(2, 3, 1, false, 0.1).delays()) assertEquals(0.1, x, 1e-12);
        double[] u = DiehlCookNetwork.training(2, 3, 1, true, 0.5).delays();
        double lo = 10, hi = 0;
        for (double x : u) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
            assertEquals(0, Math.IEEEremainder(x, 0.5), 1e-12, "on the grid: " + x);
        }
        assertTrue(lo == 0.5 && hi >= 9.5 && hi <= 10, "uniform delays span [0.5, 10]: " + lo + " .. " + hi);
    }

    @Test
    void blankImageIsRepresentedUpToTheMaximumIntensityAndTheOffsetDecays() {
        DiehlCookNetwork net = DiehlCookNetwork.training(3, 5, 1);
        Mnist.Images blank = new Mnist.Images(new byte[Mnist.PIXELS], new int[] {0});
        int[] c = net.present(blank, 0);
        assertArrayEquals(new int[3], c);
        int shown = (int) (DiehlCookNetwork.MAX_INTENSITY - DiehlCookNetwork.START_INTENSITY) + 1;
        assertEquals(shown, net.presentations());
        assertEquals(1, net.unanswered());
        // no spikes: the authors' theta (20 mV at first) decays freely; model theta = theirs - 20 mV
        double t = shown * (DiehlCookNetwork.PRESENT_MS + DiehlCookNetwork.REST_MS);
        double expected = 20 * Math.exp(-t / DiehlCookNetwork.TAU_THETA) - 20;
        for (double th : net.theta()) assertEquals(expected, th, 1e-9);
        assertTrue(expected < -0.03, "the drift is visible: " + expected); // 31 cycles of 500 ms: 0.031 mV
    }

    @Test
    void variantsReachTheNetworkAndRejectBadValues() {
        DiehlCookNetwork.Variant a = DiehlCookNetwork.Variant.AUTHORS;
        assertEquals(DiehlCookNetwork.rule().toString(), a.plasticity().toString(), "the authors' variant is the authors' rule");
        DiehlCookNetwork.Variant v = a.withIntensity(4).withInhibition(30).withThetaPlus(0.1).withTargetRule(0, 0.01, 0.4, 0.2);
        DiehlCookNetwork net = DiehlCookNetwork.training(3, 5, 1, false, 0.5, 0, v);
        TargetTraceStdp r = assertInstanceOf(TargetTraceStdp.class, net.input.synapse().plasticity());
        assertEquals(0.4, r.xTar());
        assertEquals(0.0, r.etaPre());
        assertEquals(0.1, net.e.param("theta_plus"));
        assertInstanceOf(TripletStdp.class, a.withRule(0.01, 0, 1e-4).plasticity());
        assertEquals(0.01, ((TripletStdp) a.withRule(0.01, 0, 1e-4).plasticity()).a2Plus());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.withIntensity(0.5));
        assertTrue(e.getMessage().contains("intensity") && e.getMessage().contains("valid"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.withInhibition(-1));
        assertThrows(IllegalArgumentException.class, () -> a.withThetaPlus(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> a.withRule(0.01, 2, 0));
        e = assertThrows(IllegalArgumentException.class, () -> a.withTargetRule(0, 0.01, -0.4, 0.2));
        assertTrue(e.getMessage().contains("x_tar"), e.getMessage());
    }

    @Test
    void learningRateScalesEachPresentationsChangeBeforeTheNormalisation() {
        byte[] px = new byte[Mnist.PIXELS];
        for (int p = 200; p < 500; p += 2) px[p] = (byte) 255; // an input that makes the neurons fire
        Mnist.Images img = new Mnist.Images(px, new int[] {0});
        DiehlCookNetwork.Variant pair = DiehlCookNetwork.Variant.AUTHORS.withRule(0.01, 0, 1e-4);
        for (double rate : new double[] {1.0, 0.25, 0.0}) {
            DiehlCookNetwork net = DiehlCookNetwork.training(4, 11, 1, false, 0.5, 0, pair).learningRate(rate);
            double[] w0 = net.input.weights();
            int[] tgt = net.input.synapses().target;
            net.present(img, 0);
            net.input.settle();
            double[] raw = net.input.weights();
            double moved = 0;
            for (int k = 0; k < w0.length; k++) moved = Math.max(moved, Math.abs(raw[k] - w0[k]));
            assertTrue(moved > 1e-3, "the presentation changed the weights: " + moved);
            // expected: the fraction `rate` of the change, then each neuron's inputs scaled to sum to 78
            double[] want = new double[w0.length];
            double[] sum = new double[4];
            for (int k = 0; k < w0.length; k++) {
                want[k] = w0[k] + rate * (raw[k] - w0[k]);
                sum[tgt[k]] += want[k];
            }
            for (int k = 0; k < w0.length; k++) want[k] = Math.min(want[k] * DiehlCookNetwork.INPUT_TOTAL / sum[tgt[k]], 1.0);
            net.normalise();
            assertArrayEquals(want, net.input.weights(), 1e-12, "rate " + rate);
            if (rate == 0.0) assertArrayEquals(w0, net.input.weights(), 1e-12, "rate 0 keeps the weights");
        }
        DiehlCookNetwork net = DiehlCookNetwork.training(2, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.learningRate(1.5));
        assertTrue(e.getMessage().contains("learning rate") && e.getMessage().contains("valid"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.learningRate(Double.NaN));
        DiehlCookNetwork frozen = DiehlCookNetwork.frozen(2, 1, 1, net.weights(), net.delays(), net.theta());
        assertThrows(IllegalStateException.class, () -> frozen.learningRate(0.5));
        // --anneal FROM,FINAL: 1 up to FROM, then linear to FINAL at the last image
        assertEquals(1.0, DiehlCook.learningRate(0, 100, 301, 0.0));
        assertEquals(1.0, DiehlCook.learningRate(100, 100, 301, 0.0));
        assertEquals(0.5, DiehlCook.learningRate(200, 100, 301, 0.0), 1e-15);
        assertEquals(0.0, DiehlCook.learningRate(300, 100, 301, 0.0), 1e-15);
        assertEquals(0.2, DiehlCook.learningRate(300, 0, 301, 0.2), 1e-15);
        // bad schedules are named before anything is loaded or written
        e = assertThrows(IllegalArgumentException.class, () -> DiehlCook.main(new String[] {"--anneal", "0,1.5"}));
        assertTrue(e.getMessage().contains("FINAL 1.5") && e.getMessage().contains("0 to 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DiehlCook.main(new String[] {"--anneal", "0.5,0"}));
        assertTrue(e.getMessage().contains("FROM 0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DiehlCook.main(new String[] {"--train", "100", "--anneal", "100,0"}));
        assertTrue(e.getMessage().contains("--train 100") && e.getMessage().contains("0 to 99"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DiehlCook.main(new String[] {"--anneal", "1,2,3"}));
        assertTrue(e.getMessage().contains("FROM,FINAL"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DiehlCook.main(new String[] {"--order", "random"}));
        assertTrue(e.getMessage().contains("file, shuffled"), e.getMessage());
    }

    @Test
    void shuffledOrderIsAPermutationDrawnFromTheSeed() {
        int[] file = DiehlCook.trainingOrder(1000, false, 1);
        for (int k = 0; k < file.length; k++) assertEquals(k, file[k]);
        int[] a = DiehlCook.trainingOrder(1000, true, 1);
        assertArrayEquals(a, DiehlCook.trainingOrder(1000, true, 1), "the same seed, the same order");
        int[] sorted = a.clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(file, sorted, "every image once");
        int fixed = 0, same = 0;
        int[] b = DiehlCook.trainingOrder(1000, true, 2);
        for (int k = 0; k < a.length; k++) {
            if (a[k] == k) fixed++;
            if (a[k] == b[k]) same++;
        }
        // a uniform permutation has one fixed point on average and agrees with another at one place
        assertTrue(fixed < 10 && same < 10, "fixed points " + fixed + ", agreements " + same);
    }
}
