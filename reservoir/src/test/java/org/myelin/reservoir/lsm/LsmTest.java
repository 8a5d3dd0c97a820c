package org.myelin.reservoir.lsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LsmTest {
    @Test
    void distanceDependentConnectivityHasTheExpectedDensity() {
        // 1000 neurons on a 10^3 grid, lambda 2: the expected in-degree of an interior neuron is
        // C * sum over grid offsets of exp(-d^2/4) * (fraction of the source type). Compare the
        // E->E count of the whole network with its expectation summed over all pairs (boundary
        // included); the count is a sum of ~10^6 independent Bernoulli draws, sd ~ sqrt(mean).
        Lsm lsm = new Lsm(new Lsm.Context().neurons(1000).inputs(4).inputIndegree(2).seed(3));
        assertEquals(800, lsm.excitatory());
        double expected = 0;
        for (int b = 0; b < 1000; b++) {
            for (int a = 0; a < 1000; a++) {
                if (a == b || lsm.isInhibitory(a) || lsm.isInhibitory(b)) continue;
                int dx = a % 10 - b % 10, dy = (a / 10) % 10 - (b / 10) % 10, dz = a / 100 - b / 100;
                double d2 = dx * dx + dy * dy + dz * dz;
                if (d2 <= 36) expected += 0.3 * Math.exp(-d2 / 4);
            }
        }
        long ee = lsm.eeCount();
        assertEquals(expected, ee, 5 * Math.sqrt(expected));
        assertEquals(2000, lsm.inputSynapses());
    }

    @Test
    void presentsSamplesReproducibly() {
        Lsm.Context c = new Lsm.Context().neurons(125).inputs(10).inputIndegree(5).inputWeight(400).seed(5);
        Lsm.Encoder enc = i -> {
            double[] x = new double[10];
            for (int k = 0; k < 10; k++) x[k] = (k + i) % 3 == 0 ? 1 : 0.1;
            return Encoders.poisson(x, 200, 40, 1, 77 + i);
        };
        byte[] a = new Lsm(c).present(enc, 6, 40, 20, 2, 3, null);
        byte[] b = new Lsm(c).present(enc, 6, 40, 20, 2, 3, null);
        assertArrayEquals(a, b);
        assertEquals(6 * 125 * 2, a.length);
        long spikes = 0;
        for (byte x : a) spikes += x & 0xFF;
        assertTrue(spikes > 0, "the liquid responds");
        // different samples give different states
        boolean differ = false;
        for (int k = 0; k < 250; k++) differ |= a[k] != a[250 + k];
        assertTrue(differ);
    }

    @Test
    void withResetTheSameSampleTwiceGivesTheSameStates() {
        // a liquid with strong recurrence that is still active when the next sample starts (no gap)
        Lsm.Context c = new Lsm.Context().neurons(125).inputs(10).inputIndegree(5).inputWeight(400).seed(5);
        double[][] trains = Encoders.poisson(new double[] {1, 0.2, 1, 0.2, 1, 0.2, 1, 0.2, 1, 0.2}, 200, 40, 1, 31);
        Lsm.Encoder same = i -> trains;
        int per = 125 * 2;
        byte[] carried = new Lsm(c).present(same, 2, 40, 0, 2, 10, false, null);
        byte[] reset = new Lsm(c).present(same, 2, 40, 0, 2, 10, true, null);
        long spikes = 0;
        for (byte x : reset) spikes += x & 0xFF;
        assertTrue(spikes > 0, "the liquid responds");
        // from reset both presentations start from rest and see the same input: identical features
        for (int k = 0; k < per; k++) assertEquals(reset[k], reset[per + k], "neuron-bin " + k);
        // without reset the second presentation inherits the first one's activity and differs
        boolean differ = false;
        for (int k = 0; k < per; k++) differ |= carried[k] != carried[per + k];
        assertTrue(differ, "carried-over activity changes the second presentation");
        // the first sample starts from rest either way
        for (int k = 0; k < per; k++) assertEquals(carried[k], reset[k]);
        // reset features do not depend on the gap or the chunk
        assertArrayEquals(reset, new Lsm(c).present(same, 2, 40, 30, 2, 1, true, null));
    }
}
