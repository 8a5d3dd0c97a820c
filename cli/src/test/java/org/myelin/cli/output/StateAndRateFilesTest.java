package org.myelin.cli.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateAndRateFilesTest {

    @Test
    void stateFileHasTheDocumentedLayout(@TempDir Path dir) throws IOException {
        StateData s = new StateData("E", 0.1, new double[] {0.5, 1.0}, new int[] {3, 0}, new String[] {"V_m", "I_syn"},
                new double[][][] {{{-70, -69.5}, {-65.25, 1e-7}}, {{0, 1}, {2, 3}}});
        StateFiles.write(new RunOutputs(dir), s);
        assertEquals("time_ms,neuron,V_m,I_syn\n0.5,3,-70.0,0.0\n0.5,0,-65.25,2.0\n1.0,3,-69.5,1.0\n1.0,0,1.0E-7,3.0\n",
                Files.readString(dir.resolve("state_E.csv")));
    }

    @Test
    void stateRoundTripsExactly(@TempDir Path dir) throws IOException {
        StateData s = TestData.state(3, "exc/pop 1", 0.1, 1234, new int[] {17, 2, 999}, "V_m", "g_ex", "w");
        Path f = StateFiles.write(new RunOutputs(dir), s);
        assertEquals("state_exc_pop_1.csv", f.getFileName().toString());
        StateData r = StateFiles.read(f);
        assertEquals("exc_pop_1", r.population());
        assertArrayEquals(s.neurons(), r.neurons());
        assertArrayEquals(s.variables(), r.variables());
        TimeFormat tf = TimeFormat.forStep(0.1);
        for (int k = 0; k < s.samples(); k++) assertEquals(tf.canonical(s.timesMs()[k]), r.timesMs()[k]);
        assertTrue(java.util.Arrays.deepEquals(s.values(), r.values()), "every value bit for bit");
        assertEquals(List.of(f), StateFiles.list(dir));
        assertEquals(1, StateFiles.readAll(dir).size());
    }

    @Test
    void malformedStateFilesNameTheLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("state_E.csv");
        Files.writeString(f, "time_ms,neuron,V_m\n0.1,0,1\n0.1,1,2\n0.2,0,3\n0.3,0,4\n0.3,1,5\n");
        IOException e = assertThrows(IOException.class, () -> StateFiles.read(f));
        assertTrue(e.getMessage().endsWith("state_E.csv:4: sample at 0.2 ms has 1 rows, expected 2"), e.getMessage());
        Files.writeString(f, "time,neuron,V_m\n");
        assertThrows(IOException.class, () -> StateFiles.read(f));
    }

    @Test
    void ratesFromSpikesBinBySteps() {
        // 2 neurons, dt 0.5; a spike of step s has time (s+1)*0.5; bins of 2 steps = 1 ms
        SpikeData d = new SpikeData(new String[] {"A"}, new int[] {2}, new int[][] {{0, 1, 0, 1}},
                new double[][] {{0.5, 1.0, 1.5, 2.5}}, 0.5, 3);
        RateData r = RateData.fromSpikes(d, 1.0);
        // steps 0,1,2,4 -> bins 0,0,1,2 ; rate = count / (2 neurons * 1 ms)
        assertArrayEquals(new double[] {1000, 500, 500}, r.hz()[0]);
        assertThrows(IllegalArgumentException.class, () -> RateData.fromSpikes(d, 0.75));
        assertEquals(0.3, RateData.binFor(0.1, 0.31));
    }

    @Test
    void ratesRoundTripExactly(@TempDir Path dir) throws IOException {
        SpikeData d = SpikeFilesTest.sample();
        RateData r = RateData.fromSpikes(d, 2.5);
        Path f = RateFiles.write(new RunOutputs(dir), r);
        List<String> lines = Files.readAllLines(f);
        assertEquals("time_ms,E,I,\"odd \"\"name\"\", with comma\"", lines.get(0));
        assertTrue(lines.get(2).startsWith("2.5,"), lines.get(2));
        assertEquals(r, RateFiles.read(f));
        assertEquals(r, RateFiles.readIfPresent(dir));
        assertEquals(null, RateFiles.readIfPresent(dir.resolve("nowhere")));
    }
}
