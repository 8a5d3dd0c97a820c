package org.myelin.sdr.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class NabCommandTest {
    static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine cl = new CommandLine(new NabCommand(new PrintStream(out, true, StandardCharsets.UTF_8), errStream));
        cl.setErr(new java.io.PrintWriter(errStream, true));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void scoringThePublishedArchivePrintsTheScoreboard() {
        Path root = NabCorpus.resolveRoot(null);
        String[] r = run("--data", root.toString(), "--score", root.resolve("reference_results/numenta.tar.gz")
                .toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("> numenta "), r[1]);
        assertTrue(r[1].contains("standard             threshold 0.5430991  raw 46.6345"), r[1]);
        assertTrue(r[1].contains("normalised 70.10"), r[1]);
        assertTrue(r[1].contains("ARTime"), r[1]);
    }

    @Test
    void aPartialRunWritesNabResultFiles() throws Exception {
        Path out = Files.createTempDirectory("nab-out");
        String[] r = run("--files", "speed_7578", "--out", out.toString(), "--profile", "standard");
        assertEquals("0", r[0], r[2]);
        Path f = out.resolve("myelinHtm/realTraffic/myelinHtm_speed_7578.csv");
        assertTrue(Files.isRegularFile(f));
        assertEquals("timestamp,value,anomaly_score,raw_score,label", Files.readAllLines(f).get(0));
        assertEquals(1128, Files.readAllLines(f).size());
        assertTrue(Files.isRegularFile(out.resolve("final_results.json")));
        assertTrue(r[2].contains("realTraffic/speed_7578.csv"), r[2]);
        assertTrue(r[1].contains("partial corpus"), r[1]);
        // re-scoring the written files gives the same numbers
        String[] again = run("--files", "speed_7578", "--score", out.toString(), "--profile", "standard");
        assertEquals("0", again[0], again[2]);
        String line = r[1].lines().filter(l -> l.startsWith("standard")).findFirst().orElseThrow();
        assertTrue(again[1].contains(line), again[1]);
    }

    @Test
    void badOptionsAreReported() {
        String[] r = run("--detector", "nope", "--files", "speed_7578");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--detector must be numenta or numentaTM"), r[2]);
    }
}
