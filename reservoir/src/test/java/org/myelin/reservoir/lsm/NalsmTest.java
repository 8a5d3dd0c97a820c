package org.myelin.reservoir.lsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.myelin.core.Rng;

class NalsmTest {
    static final int INPUTS = 64;
    static final double MAX_RATE = 100; // Hz

    static Lsm base() {
        return new Lsm(new Lsm.Context().neurons(343).inputs(INPUTS).inputIndegree(16).seed(2));
    }

    /** Random grey-level patterns (mean intensity 1/2), rate-coded within (0, 20] ms. */
    static Lsm.Encoder patterns() {
        return i -> {
            Rng.Stream s = new Rng.Stream(Rng.key(9, 1, i, 0));
            double[] x = new double[INPUTS];
            for (int k = 0; k < INPUTS; k++) x[k] = s.nextDouble();
            return Encoders.poisson(x, MAX_RATE, 20, 1, Rng.key(9, 2, i, 0));
        };
    }

    static Nalsm.Context settings() {
        return new Nalsm.Context().wmax(300).astroWeight(0.003).samples(600).chunk(200).presentation(20, 0);
    }

    @Test
    void theAstrocyteBringsAnOverdrivenLiquidToItsBalanceAndPlainStdpDoesNot() {
        // The astrocyte's balance (b_astro = eta): the liquid's total rate equals the input's, here
        // 64 channels at a mean 50 Hz = 3.2 spikes/ms, i.e. 9.3 Hz per liquid neuron. The causal
        // (potentiating) pairings of a driven liquid need A > eta to be cancelled, so the liquid settles
        // above the balance by an excess that shrinks as the astrocyte's gain w_astro grows. Seed 2:
        // start 183 Hz; after 600 samples 14.8 Hz with w_astro 0.003 and 23.9 Hz with 0.00075 (NALSM's
        // 8,000-neuron gain, weak for a 343-neuron liquid); plain STDP (w_astro 0) 174 Hz.
        double balance = INPUTS * 0.5 * MAX_RATE / 343;
        Nalsm.Learned strong = Nalsm.learn(base(), settings(), patterns(), null);
        Nalsm.Learned weak = Nalsm.learn(base(), settings().astroWeight(0.00075), patterns(), null);
        Nalsm.Learned plain = Nalsm.learn(base(), settings().astroWeight(0), patterns(), null);
        Lsm.Branching first = strong.initial();
        double s = last(strong).rate(), w = last(weak).rate(), p = last(plain).rate();
        System.out.println("balance " + balance + " Hz; initial " + first + "\n w_astro 0.003: " + strong.chunks()
                + "\n w_astro 0.00075: " + weak.chunks() + "\n plain: " + plain.chunks());
        assertTrue(first.rate() > 3 * balance, "maximal weights should overdrive the liquid: " + first);
        assertTrue(s > 0.8 * balance && s < 2.2 * balance, "with the astrocyte the rate should settle near " + balance + ": " + s);
        assertTrue(s - balance < 0.6 * (w - balance), "a stronger astrocyte should leave less excess: " + s + " vs " + w);
        assertTrue(p > 10 * balance, "plain STDP should leave the liquid overdriven: " + p);
    }

    static Lsm.Branching last(Nalsm.Learned l) {
        return l.chunks().get(l.chunks().size() - 1).branching();
    }

    @Test
    void learningKeepsTheConnectivityAndTheBounds() {
        Lsm base = base();
        Nalsm.Learned l = Nalsm.learn(base, settings().samples(200), patterns(), null);
        Lsm q = l.liquid();
        int moved = 0;
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(pairs(base.src[k], base.tgt[k]), pairs(q.src[k], q.tgt[k]), "kind " + k);
            for (double w : q.wts[k]) {
                if (k < 2) assertTrue(w >= 0 && w <= 300, "E weight " + w);
                else assertTrue(w >= -300 && w <= 0, "I weight " + w);
                if (Math.abs(w) != 300) moved++;
            }
        }
        for (int t = 0; t < 2; t++) {
            assertArrayEquals(pairs(base.inSrc[t], base.inTgt[t]), pairs(q.inSrc[t], q.inTgt[t]), "input " + t);
            for (double w : q.inW[t]) assertTrue(w >= 0 && w <= 300, "input weight " + w);
        }
        assertTrue(moved > base.synapses() / 2, moved + " of " + base.synapses() + " recurrent weights moved off the bound");
        assertEquals(1, l.chunks().size());
    }

    static long[] pairs(int[] s, int[] t) {
        long[] p = new long[s.length];
        for (int i = 0; i < s.length; i++) p[i] = ((long) s[i] << 32) | t[i];
        Arrays.sort(p);
        return p;
    }

    @Test
    void aLiquidRebuiltWithItsOwnWeightsGivesTheSameFeatures() {
        Lsm base = base();
        Lsm copy = new Lsm(base, base.src, base.tgt, base.wts, base.inSrc, base.inTgt, base.inW);
        assertArrayEquals(base.present(patterns(), 5, 20, 10, 2, 5, null), copy.present(patterns(), 5, 20, 10, 2, 5, null));
    }

    @Test
    void theBranchingMeasureCountsTheSameWindowSpikesAsTheFeatures() {
        // same network (one chunk from rest), same inputs: the windows' spikes must match the features'
        Lsm base = base();
        byte[] f = base.present(patterns(), 6, 20, 10, 1, 6, null);
        long spikes = 0;
        for (byte b : f) spikes += b & 0xFF;
        Lsm.Branching b = base.branching(patterns(), 6, 20, 10, 2, 3);
        assertEquals(spikes / (6 * 343 * 0.020), b.rate(), 1e-9);
        assertEquals(3, b.estimate().slopes().length);
        assertTrue(spikes > 0);
    }

    @Test
    void badSettingsAreRejectedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Nalsm.Context().wmax(-1).conclude());
        assertTrue(e.getMessage().contains("wmax") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Nalsm.Context().samples(0).conclude());
        assertTrue(e.getMessage().contains("samples"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Nalsm.Context().presentation(0, 0).conclude());
        assertTrue(e.getMessage().contains("window"), e.getMessage());
        // a window too short for the branching lags
        e = assertThrows(IllegalArgumentException.class,
                () -> Nalsm.learn(base(), settings().presentation(8, 0), patterns(), null));
        assertTrue(e.getMessage().contains("branching lags"), e.getMessage());
    }
}
