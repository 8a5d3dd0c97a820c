package org.myelin.cli.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.myelin.cli.output.RateData;
import org.myelin.cli.output.RateFiles;
import org.myelin.cli.output.RunOutputs;
import org.myelin.cli.output.SpikeData;
import org.myelin.cli.output.SpikeFiles;
import org.myelin.cli.output.StateData;
import org.myelin.cli.output.StateFiles;
import org.w3c.dom.Document;

class PlotsTest {

    /** Poisson-like spikes: population p of {@code sizes[p]} neurons, per-neuron rates spread over 2..40 Hz. */
    static SpikeData spikes(long seed, int[] sizes, double dt, int steps) {
        SplittableRandom rng = new SplittableRandom(seed);
        String[] names = new String[sizes.length];
        int[][] ids = new int[sizes.length][];
        double[][] t = new double[sizes.length][];
        for (int p = 0; p < sizes.length; p++) {
            names[p] = p == 0 ? "E" : p == 1 ? "I" : "P" + p;
            double[] prob = new double[sizes[p]];
            for (int i = 0; i < prob.length; i++) prob[i] = (2 + 38 * rng.nextDouble()) * dt * 1e-3;
            int[] id = new int[1024];
            double[] tt = new double[1024];
            int k = 0;
            for (int s = 0; s < steps; s++) {
                for (int i = 0; i < prob.length; i++) {
                    if (rng.nextDouble() < prob[i]) {
                        if (k == id.length) {
                            id = Arrays.copyOf(id, 2 * k);
                            tt = Arrays.copyOf(tt, 2 * k);
                        }
                        id[k] = i;
                        tt[k++] = (s + 1L) * dt;
                    }
                }
            }
            ids[p] = Arrays.copyOf(id, k);
            t[p] = Arrays.copyOf(tt, k);
        }
        return new SpikeData(names, sizes, ids, t, dt, steps * dt);
    }

    static StateData state(String pop, int samples, int neurons) {
        double[] t = new double[samples];
        int[] ids = new int[neurons];
        double[][][] v = new double[2][neurons][samples];
        for (int k = 0; k < neurons; k++) ids[k] = 10 * k;
        for (int r = 0; r < samples; r++) {
            t[r] = (r + 1) * 0.1;
            for (int k = 0; k < neurons; k++) {
                v[0][k][r] = -70 + 15 * Math.sin(r * 0.01 + k) + (r % 400 == 399 ? 80 : 0);
                v[1][k][r] = Math.exp(-(r % 400) * 0.01);
            }
        }
        return new StateData(pop, 0.1, t, ids, new String[] {"V_m", "g_ex"}, v);
    }

    static BufferedImage png(Path f, int w, int h) throws IOException {
        assertTrue(Files.size(f) > 1000, f + " is not empty");
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(w, img.getWidth(), f.toString());
        assertEquals(h, img.getHeight(), f.toString());
        return img;
    }

    static Document svg(Path f, int w, int h) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        // the document names the SVG 1.1 DTD; parse without fetching it
        dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = dbf.newDocumentBuilder().parse(f.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals(w, Double.parseDouble(doc.getDocumentElement().getAttribute("width")));
        assertEquals(h, Double.parseDouble(doc.getDocumentElement().getAttribute("height")));
        return doc;
    }

    /** Number of pixels of exactly {@code rgb}. */
    static int pixels(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xffffff) == rgb) n++;
        return n;
    }

    @Test
    void drawAllRedrawsEveryPlotFromASavedDirectory(@TempDir Path dir) throws Exception {
        SpikeData d = spikes(1, new int[] {400, 100}, 0.1, 5000);
        RunOutputs out = new RunOutputs(dir);
        SpikeFiles.write(out, d);
        RateFiles.write(out, RateData.fromSpikes(d, 2.0));
        StateFiles.write(out, state("E", 5000, 3));
        List<Path> files = Plots.drawAll(dir);
        assertEquals(List.of("raster.png", "raster.svg", "rates_hist.png", "rates_hist.svg", "state_E.png", "state_E.svg"),
                files.stream().map(p -> p.getFileName().toString()).toList());

        BufferedImage raster = png(dir.resolve("raster.png"), Plots.RASTER_WIDTH, Plots.RASTER_HEIGHT);
        assertTrue(pixels(raster, 0x1f77b4) > 2000, "E dots in blue");
        assertTrue(pixels(raster, 0xd62728) > 500, "I dots in red");
        svg(dir.resolve("raster.svg"), Plots.RASTER_WIDTH, Plots.RASTER_HEIGHT);
        BufferedImage hist = png(dir.resolve("rates_hist.png"), Plots.HIST_WIDTH, Plots.histHeight(2));
        assertTrue(pixels(hist, 0x1f77b4) > 1000 && pixels(hist, 0xd62728) > 1000, "both histograms drawn");
        svg(dir.resolve("rates_hist.svg"), Plots.HIST_WIDTH, Plots.histHeight(2));
        png(dir.resolve("state_E.png"), Plots.STATE_WIDTH, Plots.stateHeight(2));
        svg(dir.resolve("state_E.svg"), Plots.STATE_WIDTH, Plots.stateHeight(2));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".partial")));
        }
    }

    @Test
    void csvAloneIsEnough(@TempDir Path dir) throws Exception {
        SpikeData d = spikes(2, new int[] {50}, 0.1, 2000);
        SpikeFiles.writeCsv(new RunOutputs(dir), d);
        List<Path> files = Plots.drawAll(dir);
        assertEquals(4, files.size());
        png(dir.resolve("raster.png"), Plots.RASTER_WIDTH, Plots.RASTER_HEIGHT);
    }

    @Test
    void nothingToPlotIsAnError(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> Plots.drawAll(dir));
        assertTrue(e.getMessage().startsWith("nothing to plot in"), e.getMessage());
    }

    @Test
    void hugeRunsAreDownsampledByNeuronAndSaySo(@TempDir Path dir) throws Exception {
        SpikeData d = spikes(3, new int[] {8000, 2000}, 0.1, 10000); // ~210k spikes
        assertTrue(d.totalSpikes() > 150_000, "" + d.totalSpikes());
        long[] st = RasterPlot.stride(d, 50_000);
        assertTrue(st[0] >= 4 && st[1] <= 50_000 && st[1] > 35_000, Arrays.toString(st));
        JFreeChart c = RasterPlot.create(d, null, 50_000);
        String sub = ((TextTitle) c.getSubtitle(1)).getText();
        assertTrue(sub.contains("downsampled: every " + st[0]) && sub.contains("neuron shown"), sub);
        long t0 = System.nanoTime();
        List<Path> files = Plots.drawAll(new RunOutputs(dir), d, null, List.of());
        double s = (System.nanoTime() - t0) * 1e-9;
        assertEquals(4, files.size());
        assertTrue(Files.size(dir.resolve("raster.svg")) < 20_000_000, "svg holds at most " + Plots.SVG_MAX_POINTS + " dots");
        svg(dir.resolve("raster.svg"), Plots.RASTER_WIDTH, Plots.RASTER_HEIGHT);
        System.out.printf("plots of %d spikes drawn in %.2f s; raster.svg %d bytes, raster.png %d bytes%n", d.totalSpikes(), s,
                Files.size(dir.resolve("raster.svg")), Files.size(dir.resolve("raster.png")));
    }

    @Test
    void decimationKeepsExtremes() {
        int n = 100_000;
        double[] t = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
            y[i] = Math.sin(i * 1e-3);
        }
        y[12_345] = 50;
        y[67_890] = -50;
        double[][] r = StatePlot.decimate(t, y, 1000);
        assertTrue(r[0].length <= 1000, "" + r[0].length);
        assertEquals(50, Arrays.stream(r[1]).max().getAsDouble());
        assertEquals(-50, Arrays.stream(r[1]).min().getAsDouble());
        for (int i = 1; i < r[0].length; i++) assertTrue(r[0][i] > r[0][i - 1], "time order");
        double[][] same = StatePlot.decimate(t, y, n);
        assertArrayEquals(t, same[0]);
    }
}
