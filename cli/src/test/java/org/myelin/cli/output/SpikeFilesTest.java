package org.myelin.cli.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpikeFilesTest {
    static final String[] NAMES = {"E", "I", "odd \"name\", with comma"};
    static final int[] SIZES = {400, 100, 30};

    static SpikeData sample() {
        return TestData.spikes(7, NAMES, SIZES, 0.1, 3000, 0.002);
    }

    /** {@code d} with every time replaced by the value its text parses to. */
    static SpikeData canonical(SpikeData d) {
        TimeFormat f = TimeFormat.forStep(d.dt());
        double[][] t = new double[d.populationCount()][];
        for (int p = 0; p < t.length; p++) {
            t[p] = d.timesMs()[p].clone();
            for (int k = 0; k < t[p].length; k++) t[p][k] = f.canonical(t[p][k]);
        }
        return new SpikeData(d.populations(), d.sizes(), d.neurons(), t, d.dt(), d.durationMs());
    }

    @Test
    void smallCaseHasExactlyTheDocumentedText(@TempDir Path dir) throws IOException {
        SpikeData d = new SpikeData(new String[] {"E", "I"}, new int[] {3, 2},
                new int[][] {{0, 2, 1}, {1, 0}}, new double[][] {{0.1, 3 * 0.1, 31 * 0.1}, {0.1, 3 * 0.1}}, 0.1, 5);
        SpikeFiles.write(new RunOutputs(dir), d);
        assertEquals("population,neuron,time_ms\nE,0,0.1\nI,1,0.1\nE,2,0.3\nI,0,0.3\nE,1,3.1\n",
                Files.readString(dir.resolve("spikes.csv")));
        Map<String, Object> j = Json.object(Json.parse(Files.readString(dir.resolve("spikes.json"))), "sidecar");
        assertEquals("myelin-spikes", j.get("format"));
        assertEquals(5L, j.get("rows"));
        assertEquals(0.1, j.get("dt_ms"));
        assertEquals(1L, j.get("time_decimals"));
        List<Object> pops = Json.array(j.get("populations"), "populations");
        assertEquals(Map.of("index", 0L, "name", "E", "size", 3L, "spikes", 3L), pops.get(0));
        assertEquals(Map.of("index", 1L, "name", "I", "size", 2L, "spikes", 2L), pops.get(1));
    }

    @Test
    void npyLayoutIsVersion1WithAlignedHeader(@TempDir Path dir) throws IOException {
        SpikeData d = sample();
        SpikeFiles.write(new RunOutputs(dir), d);
        byte[] b = Files.readAllBytes(dir.resolve("spikes.npy"));
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals((byte) 0x93, bb.get(0));
        assertEquals("NUMPY", new String(b, 1, 5, StandardCharsets.US_ASCII));
        assertEquals(1, b[6]);
        assertEquals(0, b[7]);
        int hlen = bb.getShort(8) & 0xffff;
        assertEquals(0, (10 + hlen) % 64, "data starts on a 64-byte boundary");
        String header = new String(b, 10, hlen, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': [('population', '<i2'), ('neuron', '<i4'), ('time_ms', '<f8')], "
                + "'fortran_order': False, 'shape': (" + d.totalSpikes() + ",), }"), header);
        assertTrue(header.endsWith("\n"));
        assertEquals(10 + hlen + 14 * d.totalSpikes(), b.length);
    }

    @Test
    void csvAndNpyRoundTripExactly(@TempDir Path dir) throws IOException {
        SpikeData d = sample();
        assertTrue(d.totalSpikes() > 2000, "enough spikes to matter: " + d.totalSpikes());
        SpikeFiles.write(new RunOutputs(dir), d);
        SpikeData expected = canonical(d);
        SpikeData fromNpy = SpikeFiles.readNpy(dir.resolve("spikes.npy"), dir.resolve("spikes.json"));
        SpikeData fromCsv = SpikeFiles.readCsv(dir.resolve("spikes.csv"), dir.resolve("spikes.json"));
        assertEquals(expected, fromNpy);
        assertEquals(expected, fromCsv);
        assertEquals(expected, SpikeFiles.read(dir), "read() prefers the npy");
        // writing what was read gives the same bytes
        Path again = dir.resolve("again");
        SpikeFiles.write(new RunOutputs(again), fromNpy);
        for (String f : new String[] {"spikes.csv", "spikes.npy", "spikes.json"}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
        }
    }

    @Test
    void rowsAreMergedInTimeThenPopulationThenNeuronOrder(@TempDir Path dir) throws IOException {
        SpikeData d = sample();
        SpikeFiles.write(new RunOutputs(dir), d);
        List<String> lines = Files.readAllLines(dir.resolve("spikes.csv"));
        assertEquals("population,neuron,time_ms", lines.get(0));
        assertEquals(d.totalSpikes() + 1, lines.size());
        SpikeData r = SpikeFiles.read(dir);
        // re-read the npy rows in file order and check the order directly
        byte[] b = Files.readAllBytes(dir.resolve("spikes.npy"));
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int start = 10 + (bb.getShort(8) & 0xffff);
        bb.position(start);
        int prevPop = -1;
        int prevNeuron = -1;
        double prevT = Double.NEGATIVE_INFINITY;
        int ties = 0;
        for (int row = 0; row < d.totalSpikes(); row++) {
            int p = bb.getShort();
            int i = bb.getInt();
            double t = bb.getDouble();
            assertTrue(t > prevT || (t == prevT && (p > prevPop || (p == prevPop && i > prevNeuron))),
                    "row " + row + " out of order");
            if (t == prevT && p != prevPop) ties++;
            String[] f = lines.get(row + 1).split(",");
            assertEquals(Double.parseDouble(f[f.length - 1]), t, "csv and npy rows agree");
            assertEquals(Integer.parseInt(f[f.length - 2]), i);
            prevPop = p;
            prevNeuron = i;
            prevT = t;
        }
        assertTrue(ties > 10, "the sample has simultaneous spikes of different populations: " + ties);
        assertEquals(d.totalSpikes(), r.totalSpikes());
    }

    @Test
    void csvWithoutSidecarInfersPopulations(@TempDir Path dir) throws IOException {
        SpikeData d = sample();
        SpikeFiles.writeCsv(new RunOutputs(dir), d);
        SpikeData r = SpikeFiles.read(dir);
        // without the sidecar, populations come in order of first appearance
        assertEquals(java.util.Set.of(NAMES), java.util.Set.of(r.populations()));
        assertTrue(Double.isNaN(r.dt()));
        SpikeData c = canonical(d);
        for (int p = 0; p < NAMES.length; p++) {
            int q = r.indexOf(NAMES[p]);
            assertArrayEquals(c.neurons()[p], r.neurons()[q]);
            assertArrayEquals(c.timesMs()[p], r.timesMs()[q]);
            assertTrue(r.sizes()[q] <= SIZES[p] && r.sizes()[q] > SIZES[p] - 5, "size from the largest index");
        }
    }

    @Test
    void noSpikesStillWritesReadableFiles(@TempDir Path dir) throws IOException {
        SpikeData d = new SpikeData(new String[] {"A"}, new int[] {5}, new int[][] {{}}, new double[][] {{}}, 0.1, 10);
        SpikeFiles.write(new RunOutputs(dir), d);
        assertEquals(d, SpikeFiles.read(dir));
        assertEquals(d, SpikeFiles.readCsv(dir.resolve("spikes.csv"), dir.resolve("spikes.json")));
    }

    @Test
    void badInputsAreRejectedWithTheirPlace(@TempDir Path dir) throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SpikeData(new String[] {"E"},
                new int[] {3}, new int[][] {{1, 0}}, new double[][] {{0.1, 0.1}}, 0.1, 1));
        assertTrue(e.getMessage().contains("'E' spike 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SpikeData(new String[] {"E"}, new int[] {3},
                new int[][] {{3}}, new double[][] {{0.1}}, 0.1, 1));
        Files.writeString(dir.resolve("spikes.csv"), "population,neuron,time_ms\nE,1,0.1\nE,x,0.2\n");
        IOException io = assertThrows(IOException.class, () -> SpikeFiles.read(dir));
        assertTrue(io.getMessage().endsWith("spikes.csv:3: neuron 'x' is not an integer"), io.getMessage());
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        assertThrows(IOException.class, () -> SpikeFiles.read(empty));
    }

    /** numpy (Debian's /usr/bin/python3) reads exactly the values written; skipped where numpy is missing. */
    @Test
    void numpyReadsExactlyTheWrittenValues(@TempDir Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import numpy").redirectErrorStream(true).start();
        Assumptions.assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0, "numpy not installed");

        SpikeData d = sample();
        SpikeFiles.write(new RunOutputs(dir), d);
        String script = String.join("\n",
                "import json, sys, numpy",
                "a = numpy.load(sys.argv[1] + '/spikes.npy')",
                "meta = json.load(open(sys.argv[1] + '/spikes.json'))",
                "assert a.dtype == numpy.dtype([('population', '<i2'), ('neuron', '<i4'), ('time_ms', '<f8')]), a.dtype",
                "assert a.shape == (meta['rows'],), a.shape",
                "names = [p['name'] for p in meta['populations']]",
                "lines = open(sys.argv[1] + '/spikes.csv').read().splitlines()",
                "assert lines[0] == 'population,neuron,time_ms'",
                "for row, line in zip(a, lines[1:]):",
                "    n, t = line.rsplit(',', 2)[1:]",
                "    assert float(t) == row['time_ms'] and int(n) == row['neuron'], (line, row)",
                "out = open(sys.argv[1] + '/numpy.txt', 'w')",
                "for row in a:",
                "    out.write('%d %d %r\\n' % (row['population'], row['neuron'], float(row['time_ms'])))",
                "out.close()",
                "print('ok', len(a))");
        Files.writeString(dir.resolve("check.py"), script);
        Process p = new ProcessBuilder(python.toString(), dir.resolve("check.py").toString(), dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), output);
        assertEquals("ok " + d.totalSpikes(), output.trim());

        // every value numpy saw, printed in Python's shortest round-trip form, is bit-identical to ours
        List<String> rows = Files.readAllLines(dir.resolve("numpy.txt"));
        SpikeData c = canonical(d);
        int[] cursor = new int[c.populationCount()];
        for (String row : rows) {
            String[] f = row.split(" ");
            int pop = Integer.parseInt(f[0]);
            int k = cursor[pop]++;
            assertEquals(c.neurons()[pop][k], Integer.parseInt(f[1]));
            assertEquals(Double.doubleToRawLongBits(c.timesMs()[pop][k]), Double.doubleToRawLongBits(Double.parseDouble(f[2])), row);
        }
        for (int q = 0; q < cursor.length; q++) assertEquals(c.neurons()[q].length, cursor[q]);
    }
}
