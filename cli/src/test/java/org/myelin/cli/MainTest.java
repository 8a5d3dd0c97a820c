package org.myelin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.cli.output.Json;
import org.myelin.cli.output.SpikeData;
import org.myelin.cli.output.SpikeFiles;
import org.myelin.core.Models;

import picocli.CommandLine;

/** The {@code myelin} command end to end, in process (and one interrupted run in a child JVM). */
class MainTest {
    @TempDir
    Path tmp;

    /** Exit code, stdout and stderr of one command line. */
    record Result(int code, String out, String err) {
    }

    static synchronized Result exec(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err2, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err + err2.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private Path write(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    static final String SMALL = String.join("\n",
            "name: small",
            "dt: 0.1 ms",
            "duration: 200 ms",
            "seed: 7",
            "populations:",
            "  E: {model: iaf_psc_exp, size: 200, params: {I_e: 400 pA}, initial: {V_m: {uniform: [-70 mV, -55 mV]}}}",
            "  I: {model: iaf_psc_exp, size: 50, params: {I_e: 380 pA}}",
            "projections:",
            "  - {from: E, to: [E, I], connect: {rule: fixed_indegree, indegree: 20}, weight: 20 pA, delay: 1.5 ms}",
            "  - {from: I, to: E, connect: {rule: pairwise_bernoulli, p: 0.2}, weight: -60 pA, delay: 0.8 ms}",
            "record:",
            "  spikes: [E, I]",
            "  state: {population: E, variables: [V_m], neurons: [0, 1], interval: 0.5 ms}",
            "");

    @Test
    void runWritesEveryOutputAndASummary() throws IOException {
        Path model = write("small.yaml", SMALL);
        Path out = tmp.resolve("out");
        Result r = exec("run", model.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("spikes.csv", "spikes.npy", "spikes.json", "state_E.csv", "rates.csv",
                "model.resolved.yaml", "raster.png", "raster.svg", "rates_hist.png", "state_E.png", "run.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertFalse(Files.exists(out.resolve("INCOMPLETE")));
        @SuppressWarnings("unchecked")
        Map<String, Object> run = (Map<String, Object>) Json.parse(Files.readString(out.resolve("run.json")));
        assertEquals(7L, ((Number) run.get("seed")).longValue());
        assertEquals(2L, ((Number) run.get("threads")).longValue());
        assertTrue(String.valueOf(run.get("model_hash")).startsWith("sha256:") || String.valueOf(run.get("model_hash")).length() >= 64);
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) run.get("timings");
        assertTrue(((Number) t.get("simulate_s")).doubleValue() > 0);
        assertTrue(((Number) t.get("build_s")).doubleValue() > 0);
        // the summary table names both populations and their sizes
        assertTrue(r.out().matches("(?s).*\\bE\\s+200\\b.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\bI\\s+50\\b.*"), r.out());
        // CSV header and time order
        List<String> csv = Files.readAllLines(out.resolve("spikes.csv"));
        assertEquals("population,neuron,time_ms", csv.get(0));
        assertTrue(csv.size() > 100, "the driven network spikes");
        double last = 0;
        for (int i = 1; i < csv.size(); i++) {
            double time = Double.parseDouble(csv.get(i).split(",")[2]);
            assertTrue(time >= last);
            last = time;
        }
        // the binary file holds the same spikes
        SpikeData fromNpy = SpikeFiles.read(out);
        assertEquals(csv.size() - 1, fromNpy.totalSpikes());
    }

    @Test
    void sameSeedSameSpikesForOneAndTwoThreads() throws IOException {
        Path model = write("small.yaml", SMALL);
        assertEquals(0, exec("run", model.toString(), "--out", tmp.resolve("a").toString(), "--threads", "1", "--no-plots").code());
        assertEquals(0, exec("run", model.toString(), "--out", tmp.resolve("b").toString(), "--threads", "2", "--no-plots").code());
        assertEquals(Files.readString(tmp.resolve("a/spikes.csv")), Files.readString(tmp.resolve("b/spikes.csv")));
        assertFalse(Files.exists(tmp.resolve("a/raster.png")), "--no-plots draws nothing");
    }

    @Test
    void resolvedModelRunsToTheSameSpikes() throws IOException {
        Path model = write("small.yaml", SMALL);
        assertEquals(0, exec("run", model.toString(), "--out", tmp.resolve("a").toString(), "--no-plots").code());
        Path resolved = tmp.resolve("a/model.resolved.yaml");
        assertEquals(0, exec("run", resolved.toString(), "--out", tmp.resolve("b").toString(), "--no-plots").code());
        assertEquals(Files.readString(tmp.resolve("a/spikes.csv")), Files.readString(tmp.resolve("b/spikes.csv")));
    }

    @Test
    void setOverridesAParameterAndBadKeysAreNamed() throws IOException {
        Path model = write("small.yaml", SMALL);
        Result silent = exec("run", model.toString(), "--out", tmp.resolve("s").toString(), "--no-plots",
                "--set", "populations.E.params.I_e=0 pA", "--set", "populations.I.params.I_e=0pA");
        assertEquals(0, silent.code(), silent.err());
        assertEquals(1, Files.readAllLines(tmp.resolve("s/spikes.csv")).size(), "no drive, no spikes: header only");
        Result bad = exec("run", model.toString(), "--out", tmp.resolve("x").toString(), "--set", "populations.E.params.tau_mm=10ms");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("tau_mm") && bad.err().contains("tau_m"), bad.err());
        assertFalse(Files.exists(tmp.resolve("x/run.json")));
        Result noEq = exec("run", model.toString(), "--set", "seed");
        assertEquals(2, noEq.code(), noEq.err());
    }

    @Test
    void durationSeedAndThreadsOptions() throws IOException {
        Path model = write("small.yaml", SMALL);
        Result r = exec("run", model.toString(), "--out", tmp.resolve("d").toString(), "--no-plots", "--duration", "50",
                "--seed", "99");
        assertEquals(0, r.code(), r.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> run = (Map<String, Object>) Json.parse(Files.readString(tmp.resolve("d/run.json")));
        assertEquals(50.0, ((Number) run.get("duration_ms")).doubleValue());
        assertEquals(99L, ((Number) run.get("seed")).longValue());
        List<String> csv = Files.readAllLines(tmp.resolve("d/spikes.csv"));
        assertTrue(Double.parseDouble(csv.get(csv.size() - 1).split(",")[2]) <= 50.0);
        assertEquals(2, exec("run", model.toString(), "--threads", "0").code());
    }

    @Test
    void checkReportsFileLineAndSuggestion() throws IOException {
        Path ok = write("ok.yaml", SMALL);
        Result good = exec("check", ok.toString());
        assertEquals(0, good.code(), good.err());
        assertTrue(good.out().contains("OK"));
        Path bad = write("bad.yaml", SMALL.replace("model: iaf_psc_exp, size: 50", "model: iaf_psc_exq, size: 50"));
        Result r = exec("check", bad.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("bad.yaml:7:"), r.err());
        assertTrue(r.err().contains("iaf_psc_exp"), "suggests the closest name: " + r.err());
        assertEquals(1, exec("check", tmp.resolve("missing.yaml").toString()).code());
    }

    @Test
    void everyExampleValidates() throws IOException {
        Path examples = Path.of("..", "examples");
        int n = 0;
        try (var files = Files.list(examples)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (!f.toString().endsWith(".yaml")) continue;
                Result r = exec("check", f.toString());
                assertEquals(0, r.code(), f + ": " + r.err());
                n++;
            }
        }
        assertTrue(n >= 3, "examples found: " + n);
    }

    @Test
    void modelsListsEveryRegisteredNeuronModel() {
        Result r = exec("models");
        assertEquals(0, r.code());
        for (String n : Models.neuronNames()) assertTrue(r.out().contains(n), n);
        for (String n : List.of("static_synapse", "tsodyks_synapse", "poisson_generator", "fixed_indegree", "tau_m", "pF")) {
            assertTrue(r.out().contains(n), n);
        }
        Result one = exec("models", "aeif_cond_exp");
        assertTrue(one.out().contains("Delta_T") && !one.out().contains("iaf_psc_delta"), one.out());
        Result unknown = exec("models", "iaf_psc_exq");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("iaf_psc_exp"), unknown.err());
    }

    @Test
    void inspectPrintsSizesWithoutBuilding() throws IOException {
        Result r = exec("inspect");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("12,500") || r.out().contains("12500"), r.out());
    }

    @Test
    void plotRedrawsFromSavedOutputs() throws IOException {
        Path model = write("small.yaml", SMALL);
        Path out = tmp.resolve("p");
        assertEquals(0, exec("run", model.toString(), "--out", out.toString(), "--no-plots").code());
        Result r = exec("plot", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(out.resolve("raster.png")) > 1000);
        assertTrue(Files.size(out.resolve("state_E.svg")) > 1000);
        assertEquals(1, exec("plot", tmp.resolve("nowhere").toString()).code());
    }

    @Test
    void interruptedRunLeavesNoCompleteLookingFiles() throws Exception {
        Path model = write("long.yaml", SMALL.replace("duration: 200 ms", "duration: 1000 s"));
        Path out = tmp.resolve("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = tmp.resolve("log.txt");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.myelin.cli.Main", "run",
                model.toString(), "--out", out.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // wait until it simulates (a progress line), then kill it (SIGTERM, as kill does)
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!(Files.exists(log) && Files.readString(log).contains("elapsed")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.readString(log).contains("elapsed"), Files.readString(log));
        p.destroy();
        p.waitFor();
        String said = Files.readString(log);
        assertFalse(Files.exists(out.resolve("run.json")));
        assertFalse(Files.exists(out.resolve("spikes.csv")));
        assertTrue(Files.exists(out.resolve("INCOMPLETE")));
        assertTrue(said.contains("stopped") || said.contains("interrupted"), "says where it stopped: " + said);
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".partial")));
        }
    }
}
