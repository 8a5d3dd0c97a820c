package org.myelin.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.myelin.core.analysis.SpikeStats;

class PopulationSummaryTest {

    @Test
    void matchesSpikeStatsOverTheWholeRun() {
        SpikeData d = SpikeFilesTest.sample();
        List<PopulationSummary> rows = PopulationSummary.of(d, 5);
        for (int p = 0; p < d.populationCount(); p++) {
            PopulationSummary r = rows.get(p);
            // all spikes of (0, T] are counted, including one at exactly T
            assertEquals(d.neurons()[p].length, r.spikes());
            double rate = d.neurons()[p].length / (d.sizes()[p] * d.durationMs() * 1e-3);
            assertEquals(rate, r.rateHz(), 1e-9 * rate);
            // the same numbers as SpikeStats on times shifted to step starts, [0, T)
            double[] t = d.timesMs()[p].clone();
            for (int k = 0; k < t.length; k++) t[k] = Math.round(t[k] / d.dt() - 1) * d.dt();
            SpikeStats s = SpikeStats.of(t, d.neurons()[p], d.sizes()[p], 0, d.durationMs(), 5);
            assertEquals(s.cvIsi, r.cvIsi(), 1e-9);
            assertEquals(s.synchrony, r.synchrony(), 1e-9);
            assertEquals(s.fano, r.fano(), 1e-9);
        }
    }

    @Test
    void tableIsAligned() {
        List<PopulationSummary> rows = List.of(new PopulationSummary("E", 10000, 123456, 12.3456, 0.91234, 0.012345, 1, 1),
                new PopulationSummary("Inhibitory", 2500, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0));
        String t = PopulationSummary.table(rows);
        assertEquals(String.join("\n",
                "population    neurons       spikes  rate (Hz)   CV ISI  synchrony",
                "E               10000       123456      12.35    0.912     0.0123",
                "Inhibitory       2500            0       0.00        -          -", ""), t);
    }
}
