package org.myelin.cli.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.RateRecorder;
import org.myelin.core.SpikeRecorder;
import org.myelin.core.StateRecorder;
import org.myelin.core.networks.Brunel;

/** The writers fed from a real (small) Brunel network. */
class CoreRecordingTest {

    @Test
    void brunelRunWritesAndReadsBack(@TempDir Path dir) throws IOException {
        Network net = new Network(new Network.Context().seed(1).threads(2));
        Population[] p = Brunel.modelA(2_500).build(net);
        SpikeRecorder se = net.recordSpikes(p[0]);
        SpikeRecorder si = net.recordSpikes(p[1]);
        RateRecorder re = net.recordRate(p[0]);
        RateRecorder ri = net.recordRate(p[1]);
        StateRecorder st = net.recordState(p[0], new String[] {"V_m"}, new int[] {0, 5, 7}, 0.5);
        net.simulate(200);

        SpikeData spikes = SpikeData.from(net, se, si);
        RateData rates = RateData.from(1.0, re, ri);
        StateData state = StateData.from(st, net.dt());
        assertTrue(spikes.totalSpikes() > 1000, spikes.toString());
        assertEquals(RateData.fromSpikes(spikes, 1.0), rates, "rates from spikes bin exactly as the rate recorder does");

        RunOutputs out = new RunOutputs(dir);
        SpikeFiles.write(out, spikes);
        RateFiles.write(out, rates);
        StateFiles.write(out, state);
        assertEquals(SpikeFilesTest.canonical(spikes), SpikeFiles.read(dir));
        assertEquals(rates, RateFiles.read(dir.resolve("rates.csv")));
        StateData s2 = StateFiles.read(dir.resolve("state_E.csv"));
        assertArrayEquals(state.neurons(), s2.neurons());
        assertEquals(400, s2.samples());
        assertEquals(0.5, s2.timesMs()[0]);
        assertEquals(200.0, s2.timesMs()[399]);
        assertTrue(java.util.Arrays.deepEquals(state.values(), s2.values()));

        List<PopulationSummary> rows = PopulationSummary.of(spikes, 5);
        assertEquals(spikes.neurons()[0].length, rows.get(0).spikes());
        assertTrue(rows.get(0).rateHz() > 1 && rows.get(0).rateHz() < 200, PopulationSummary.table(rows));
    }
}
