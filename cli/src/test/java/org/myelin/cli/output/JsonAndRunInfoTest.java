package org.myelin.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonAndRunInfoTest {

    @Test
    void jsonRoundTrips() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "quote \" backslash \\ newline \n tab \t ctl \u0001 é");
        m.put("i", 42L);
        m.put("d", 0.1 + 0.2);
        m.put("small", 1e-300);
        m.put("nan", Double.NaN);
        m.put("b", true);
        m.put("n", null);
        m.put("list", List.of(1L, 2.5, "x"));
        m.put("nested", List.of(Map.of("a", 1L), List.of()));
        m.put("empty", Map.of());
        Object back = Json.parse(Json.write(m));
        Map<String, Object> expected = new LinkedHashMap<>(m);
        expected.put("nan", null);
        assertEquals(expected, back);
        assertEquals(List.of(1L, 2L), Json.parse(Json.write(new int[] {1, 2})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": [1, }"));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
    }

    @Test
    void runJsonHoldsWhatReproducesTheRun(@TempDir Path dir) throws IOException {
        SpikeData d = SpikeFilesTest.sample();
        RunOutputs out = new RunOutputs(dir);
        Path spikes = out.writeString("spikes.csv", "x");
        new RunInfo().version("0.1.0-SNAPSHOT").seed(42).threads(8).model("brunel-a").modelFile(null)
                .modelHash(RunInfo.sha256("abc")).dt(0.1).duration(300).timings(1.5, 2.25, 4.0)
                .populations(PopulationSummary.of(d, 5)).outputs(List.of(spikes)).put("java", "17").write(out);
        Map<String, Object> j = RunInfo.read(dir.resolve("run.json"));
        assertEquals(List.of("version", "seed", "threads", "model", "model_file", "model_hash", "dt_ms", "duration_ms",
                "timings", "populations", "outputs", "java"), List.copyOf(j.keySet()));
        assertEquals(42L, j.get("seed"));
        assertEquals(8L, j.get("threads"));
        assertNull(j.get("model_file"));
        assertEquals("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", j.get("model_hash"));
        assertEquals(Map.of("build_s", 1.5, "simulate_s", 2.25, "wall_s", 4.0), j.get("timings"));
        List<Object> pops = Json.array(j.get("populations"), "populations");
        assertEquals(3, pops.size());
        Map<String, Object> e = Json.object(pops.get(0), "E");
        assertEquals("E", e.get("name"));
        assertEquals(400L, e.get("neurons"));
        assertEquals((long) d.neurons()[0].length, e.get("spikes"));
        assertEquals(List.of("spikes.csv"), j.get("outputs"));
    }
}
