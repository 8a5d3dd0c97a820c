package org.myelin.reservoir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class ReservoirCommandTest {
    @TempDir
    Path tmp;

    record Run(int code, List<String> out, String err) {
        String last() {
            return out.get(out.size() - 1);
        }
    }

    Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8), pe = new PrintStream(e, true, StandardCharsets.UTF_8);
        CommandLine cl = new CommandLine(new ReservoirCommand().streams(po, pe));
        cl.setOut(new java.io.PrintWriter(po, true));
        cl.setErr(new java.io.PrintWriter(pe, true));
        int code = cl.execute(args);
        String out = o.toString(StandardCharsets.UTF_8);
        return new Run(code, out.isEmpty() ? List.of() : List.of(out.split("\n")), e.toString(StandardCharsets.UTF_8));
    }

    void assertFiles(Path dir, String... names) throws IOException {
        for (String n : names) {
            Path p = dir.resolve(n);
            assertTrue(Files.isRegularFile(p) && Files.size(p) > 100, "missing or empty " + p);
        }
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary files left");
        }
    }

    @Test
    void narma10PrintsItsScoreLastAndWritesPlotAndData() throws IOException {
        Path out = tmp.resolve("n");
        Run r = run("narma10", "--units", "30", "--train", "1000", "--test", "300", "--seed", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.last().matches("NRMSE [0-9.eE+-]+"), r.last());
        assertTrue(r.err().contains("building ESN"), r.err());
        assertFiles(out, "narma10.png", "narma10.svg", "narma10.csv");
        List<String> csv = Files.readAllLines(out.resolve("narma10.csv"));
        assertEquals("step,target,prediction", csv.get(0));
        assertEquals(301, csv.size());
        assertTrue(Files.readString(out.resolve("narma10.svg")).contains("<svg"));
    }

    @Test
    void narma10WithTheErrorModulatedReadout() throws IOException {
        Path out = tmp.resolve("e");
        Run ridge = run("narma10", "--units", "30", "--train", "1000", "--test", "300", "--seed", "2", "--out", out.toString());
        Run online = run("narma10", "--units", "30", "--train", "1000", "--test", "300", "--seed", "2", "--readout",
                "error-modulated", "--out", out.toString());
        assertEquals(0, online.code(), online.err());
        assertTrue(online.err().contains("error-modulated rule"), online.err());
        double r = Double.parseDouble(ridge.last().substring(6)), e = Double.parseDouble(online.last().substring(6));
        assertTrue(e < 2 * r, "error-modulated " + e + ", ridge " + r);
        assertNotEquals(r, e);
        Run bad = run("narma10", "--readout", "lasso", "--out", out.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--readout lasso is invalid; valid: ridge, error-modulated"), bad.err());
    }

    @Test
    void mnistLsmWithANalsmLiquid() throws IOException {
        Path data = org.myelin.reservoir.task.Mnist.defaultCache();
        org.junit.jupiter.api.Assumptions.assumeTrue(org.myelin.reservoir.task.Mnist.present(data), "MNIST not cached");
        Path out = tmp.resolve("nalsm");
        Run r = run("mnist-lsm", "--units", "125", "--train", "100", "--test", "50", "--nalsm", "--nalsm-images", "100",
                "--nalsm-wmax", "200", "--nalsm-astro-bias", "0.01", "--epochs", "2", "--data", data.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.last().matches("accuracy [0-9.]+"), r.last());
        assertTrue(r.err().contains("nalsm phase 1: 100 training images, 20 ms + 0 ms each, Wmax 200 pA"), r.err());
        assertTrue(r.err().contains("branching factor of the liquid: r1"), r.err());
        assertFiles(out, "mnist-lsm.png", "mnist-lsm.svg", "mnist-lsm.csv");
        Run bad = run("mnist-lsm", "--units", "125", "--train", "100", "--test", "50", "--nalsm", "--nalsm-wmax", "-5",
                "--data", data.toString(), "--out", out.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("nalsm: wmax = -5.0 is invalid"), bad.err());
        // the readout's options: two time bins per window double the features
        Run plain = run("mnist-lsm", "--units", "125", "--train", "100", "--test", "50", "--bins", "2", "--readout-cosine",
                "--readout-l2", "3e-3", "--epochs", "2", "--data", data.toString(), "--out", out.toString());
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.err().contains("softmax regression on 250 features"), plain.err());
        for (String[] b : new String[][] {{"--bins", "0", "--bins 0 is invalid; valid: >= 1"},
                {"--readout-l2", "-1", "--readout-l2 -1.0 is invalid"}, {"--epochs", "0", "--epochs 0 is invalid"}}) {
            Run e = run("mnist-lsm", "--units", "125", "--train", "100", "--test", "50", b[0], b[1], "--data", data.toString(),
                    "--out", out.toString());
            assertEquals(2, e.code(), e.err());
            assertTrue(e.err().contains(b[2]), e.err());
        }
    }

    @Test
    void memoryCapacityAndMackeyGlass() throws IOException {
        Path out = tmp.resolve("m");
        Run r = run("memory-capacity", "--units", "20", "--activation", "linear", "--spectral-radius", "0.8",
                "--max-delay", "60", "--train", "2000", "--test", "1000", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.last().startsWith("MC "), r.last());
        double mc = Double.parseDouble(r.last().substring(3));
        assertTrue(mc > 17 && mc < 20.2, "MC " + mc); // 20 linear units, see MemoryCapacityTest
        assertFiles(out, "memory-capacity.png", "memory-capacity.svg", "memory-capacity.csv");

        r = run("mackey-glass", "--units", "30", "--train", "600", "--test", "200", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.last().matches("RMSE [0-9.eE+-]+"), r.last());
        assertFiles(out, "mackey-glass.png", "mackey-glass.svg", "mackey-glass.csv");

        r = run("mackey-glass-84", "--units", "100", "--train", "1000", "--test", "3", "--ridge", "1e-8", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.last().matches("NRMSE84 [0-9.eE+-]+"), r.last());
        assertFiles(out, "mackey-glass-84.png", "mackey-glass-84.svg", "mackey-glass-84.csv", "mackey-glass-84-error.png");
    }

    @Test
    void badTaskAndOptionsAreNamed() {
        Run r = run("narma11");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown task 'narma11'") && r.err().contains("mackey-glass-84"), r.err());
        r = run("narma10", "--leak", "2", "--out", tmp.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("leak = 2.0 is invalid; valid: (0, 1]"), r.err());
    }
}
