package org.myelin.cli.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.myelin.cli.output.RateData;
import org.myelin.cli.output.RateFiles;
import org.myelin.cli.output.RunOutputs;
import org.myelin.cli.output.SpikeData;
import org.myelin.cli.output.SpikeFiles;
import org.myelin.cli.output.StateData;
import org.myelin.cli.output.StateFiles;

/**
 * Draws every plot of a run: {@code raster.png/.svg} (spikes and population rate),
 * {@code rates_hist.png/.svg} (per-neuron rate distributions) and {@code state_<population>.png/.svg}
 * (state traces), each as far as the data exists. SVGs draw at most {@link #SVG_MAX_POINTS} spikes
 * (an SVG element per dot), PNGs at most {@link RasterPlot#MAX_POINTS}.
 */
public final class Plots {
    public static final int RASTER_WIDTH = 1200;
    public static final int RASTER_HEIGHT = 800;
    public static final int HIST_WIDTH = 900;
    public static final int STATE_WIDTH = 1100;
    /** Spikes (and trace points) drawn in an SVG at most. */
    public static final int SVG_MAX_POINTS = 50_000;

    private Plots() {
    }

    /** Height of the rate histogram for {@code populations} panels. */
    public static int histHeight(int populations) {
        return Math.min(2000, 120 + 220 * Math.max(1, populations));
    }

    /** Height of a state plot with {@code variables} panels. */
    public static int stateHeight(int variables) {
        return Math.min(2400, 110 + 250 * Math.max(1, variables));
    }

    /**
     * Reads the outputs saved in {@code dir} (spikes from {@code spikes.npy} or {@code spikes.csv},
     * {@code rates.csv}, {@code state_*.csv}) and draws every plot into {@code dir}.
     *
     * @return the files written
     * @throws IOException if {@code dir} holds nothing to plot, or a file cannot be read or written
     */
    public static List<Path> drawAll(Path dir) throws IOException {
        Style.headless();
        if (!Files.isDirectory(dir)) throw new IOException(dir + " is not a directory");
        SpikeData spikes = SpikeFiles.present(dir) ? SpikeFiles.read(dir) : null;
        RateData rates = RateFiles.readIfPresent(dir);
        List<StateData> states = StateFiles.readAll(dir);
        if (spikes == null && states.isEmpty()) {
            throw new IOException("nothing to plot in " + dir + ": expected " + SpikeFiles.NPY + " with " + SpikeFiles.JSON
                    + ", " + SpikeFiles.CSV + " or " + StateFiles.PREFIX + "*" + StateFiles.SUFFIX);
        }
        return drawAll(new RunOutputs(dir), spikes, rates, states);
    }

    /**
     * Draws every plot of data held in memory (after a run) into {@code out}. {@code spikes} and
     * {@code rates} may be null (no raster, or rates computed from the spikes).
     */
    public static List<Path> drawAll(RunOutputs out, SpikeData spikes, RateData rates, List<StateData> states)
            throws IOException {
        Style.headless();
        List<Path> written = new ArrayList<>();
        if (spikes != null) {
            JFreeChart png = RasterPlot.create(spikes, rates, RasterPlot.MAX_POINTS);
            JFreeChart svg = spikes.totalSpikes() > SVG_MAX_POINTS ? RasterPlot.create(spikes, rates, SVG_MAX_POINTS) : png;
            written.addAll(ChartFiles.both(out, "raster", png, svg, RASTER_WIDTH, RASTER_HEIGHT));
            JFreeChart hist = RateHistogram.create(spikes);
            written.addAll(ChartFiles.both(out, "rates_hist", hist, hist, HIST_WIDTH, histHeight(spikes.populationCount())));
        }
        for (StateData s : states) {
            JFreeChart png = StatePlot.create(s, StatePlot.MAX_POINTS);
            long points = (long) s.samples() * s.neurons().length * s.variables().length;
            JFreeChart svg = points > SVG_MAX_POINTS ? StatePlot.create(s, SVG_MAX_POINTS) : png;
            String base = StateFiles.PREFIX + StateFiles.safeName(s.population());
            written.addAll(ChartFiles.both(out, base, png, svg, STATE_WIDTH, stateHeight(s.variables().length)));
        }
        return written;
    }
}
