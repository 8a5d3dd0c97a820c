package org.myelin.bench.diehlcook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.SpikeRecorder;

/** Spike counts of {@link PoissonRateSource} against the Bernoulli expectation, rates changed between runs. */
class PoissonRateSourceTest {
    @Test
    void countsMatchRateAndChangeBetweenChunks() {
        double dt = 0.5;
        int n = 1000;
        Network net = new Network(new Network.Context().dt(dt).threads(1).seed(11));
        Population x = net.population("X", new PoissonRateSource(11), n);
        SpikeRecorder rec = net.recordSpikes(x);
        net.build();
        for (int i = 0; i < n; i++) x.set("rate", i, i < n / 2 ? 40.0 : 0.0);
        net.simulate(1000);
        int[] c = rec.countsPerNeuron();
        long a = 0;
        for (int i = 0; i < n; i++) {
            if (i < n / 2) a += c[i];
            else assertEquals(0, c[i], "neuron " + i + " has rate 0");
        }
        // 500 neurons x 2000 steps, p = 40 Hz * 0.5 ms = 0.02 per step
        double mean = 500 * 2000 * 0.02, sd = Math.sqrt(500 * 2000 * 0.02 * 0.98);
        assertEquals(mean, a, 5 * sd, "spikes at 40 Hz");
        rec.clear();
        for (int i = 0; i < n; i++) x.set("rate", i, 10.0);
        net.simulate(1000);
        long b = rec.count();
        double mean2 = 1000 * 2000 * 0.005, sd2 = Math.sqrt(1000 * 2000 * 0.005 * 0.995);
        assertEquals(mean2, b, 5 * sd2, "spikes at 10 Hz after the change");
        assertTrue(b > 0);
    }

    @Test
    void ratesOutsideTheGridRangeAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PoissonRateSource.checkRate("population 'X'", 3, 2500, 0.5));
        assertTrue(e.getMessage().contains("neuron 3") && e.getMessage().contains("2500") && e.getMessage().contains("2000"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PoissonRateSource.checkRate("X", 0, -1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> PoissonRateSource.checkRate("X", 0, Double.NaN, 0.5));
        PoissonRateSource.checkRate("X", 0, 2000, 0.5);
    }
}
