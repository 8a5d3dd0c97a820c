package org.myelin.cli.plot;

import java.awt.BasicStroke;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDotRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;
import org.myelin.cli.output.RateData;
import org.myelin.cli.output.SpikeData;

/**
 * A spike raster (one dot per spike, populations stacked bottom-up in order, each in its own colour)
 * with the population rates underneath on the same time axis. Runs with more spikes than
 * {@code maxPoints} show every s-th neuron (the smallest s that fits; whole spike trains, not
 * thinned trains), and the subtitle says so. The rate panel always uses all spikes.
 */
public final class RasterPlot {
    /** Spikes drawn in a PNG raster at most. */
    public static final int MAX_POINTS = 200_000;

    private RasterPlot() {
    }

    /** The neuron stride that keeps at most {@code maxPoints} spikes, and the spikes it keeps. */
    static long[] stride(SpikeData d, int maxPoints) {
        long total = d.totalSpikes();
        if (total <= maxPoints) return new long[] {1, total};
        int[][] counts = new int[d.populationCount()][];
        int maxSize = 1;
        for (int p = 0; p < counts.length; p++) {
            counts[p] = d.countsPerNeuron(p);
            maxSize = Math.max(maxSize, d.sizes()[p]);
        }
        long s = Math.max(2, (total + maxPoints - 1) / maxPoints);
        while (true) {
            long kept = 0;
            for (int[] c : counts) for (int i = 0; i < c.length; i += s) kept += c[i];
            if (kept <= maxPoints || s > maxSize) return new long[] {s, kept};
            s = Math.max(s + 1, (long) Math.ceil(s * (double) kept / maxPoints));
        }
    }

    /**
     * The raster of {@code d} with {@code rates} underneath ({@code rates} null: computed from the
     * spikes with {@link #autoBin(SpikeData)}).
     */
    public static JFreeChart create(SpikeData d, RateData rates, int maxPoints) {
        Style.headless();
        long[] st = stride(d, maxPoints);
        long s = st[0];
        long total = d.totalSpikes();
        long[] off = d.offsets();
        DefaultXYDataset spikes = new DefaultXYDataset();
        XYDotRenderer dots = new XYDotRenderer();
        int dot = st[1] <= 20_000 ? 2 : 1;
        dots.setDotWidth(dot);
        dots.setDotHeight(dot);
        dots.setDefaultLegendShape(new Rectangle(-4, -4, 8, 8));
        long shown = 0;
        for (int p = 0; p < d.populationCount(); p++) {
            int[] id = d.neurons()[p];
            double[] t = d.timesMs()[p];
            int n = 0;
            for (int k = 0; k < id.length; k++) if (id[k] % s == 0) n++;
            double[][] xy = new double[2][n];
            int j = 0;
            for (int k = 0; k < id.length; k++) {
                if (id[k] % s != 0) continue;
                xy[0][j] = t[k];
                xy[1][j] = off[p] + id[k];
                j++;
            }
            // truncate in the rare case that one neuron alone exceeds the budget
            if (shown + n > maxPoints) {
                int keep = (int) Math.max(0, maxPoints - shown);
                xy = new double[][] {java.util.Arrays.copyOf(xy[0], keep), java.util.Arrays.copyOf(xy[1], keep)};
                n = keep;
            }
            shown += n;
            spikes.addSeries(d.populations()[p], xy);
            dots.setSeriesPaint(p, Style.colour(p));
        }
        NumberAxis neuron = new NumberAxis("neuron");
        neuron.setAutoRangeIncludesZero(true);
        neuron.setRange(0, Math.max(1, off[off.length - 1]));
        XYPlot raster = new XYPlot(spikes, null, neuron, dots);
        Style.plot(raster);
        for (int p = 1; p < d.populationCount(); p++) {
            ValueMarker m = new ValueMarker(off[p]);
            m.setPaint(java.awt.Color.GRAY);
            m.setStroke(new BasicStroke(0.5f));
            raster.addRangeMarker(m);
        }

        NumberAxis time = new NumberAxis("time (ms)");
        double end = d.durationMs() > 0 ? d.durationMs() : 1;
        time.setRange(0, end);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(8);
        plot.add(raster, 3);

        RateData r = rates;
        if (r == null || r.bins() < 1 || !(r.binMs() > 0)) r = d.durationMs() > 0 ? RateData.fromSpikes(d, autoBin(d)) : null;
        if (r != null) plot.add(ratePlot(r, d), 1);

        String title = "Spike raster: " + String.join(", ", d.populations());
        JFreeChart c = Style.chart(title, plot, true);
        StringBuilder sub = new StringBuilder(Style.count(total) + " spikes in " + Style.count(off[off.length - 1])
                + " neurons");
        if (shown < total) {
            sub.append("; downsampled: every ").append(s == 1 ? "" : s + suffix(s) + " ").append("neuron shown (")
                    .append(Style.count(shown)).append(" of ").append(Style.count(total)).append(" spikes)");
        }
        if (r != null) sub.append("; rate in bins of ").append(r.binMs()).append(" ms");
        Style.subtitle(c, sub.toString());
        return c;
    }

    private static String suffix(long n) {
        long m100 = n % 100;
        if (m100 >= 11 && m100 <= 13) return "th";
        switch ((int) (n % 10)) {
            case 1: return "st";
            case 2: return "nd";
            case 3: return "rd";
            default: return "th";
        }
    }

    /** A rate bin of about 1/400 of the run, rounded to 1, 2 or 5 times a power of ten and to a multiple of dt. */
    public static double autoBin(SpikeData d) {
        double want = d.durationMs() / 400;
        double pow = Math.pow(10, Math.floor(Math.log10(want)));
        double nice = want / pow < 1.5 ? pow : want / pow < 3.5 ? 2 * pow : want / pow < 7.5 ? 5 * pow : 10 * pow;
        if (d.dt() > 0) nice = Math.max(nice, d.dt());
        return RateData.binFor(d.dt(), nice);
    }

    static XYPlot ratePlot(RateData r, SpikeData d) {
        DefaultXYDataset ds = new DefaultXYDataset();
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        lines.setDrawSeriesLineAsPath(true);
        lines.setDefaultSeriesVisibleInLegend(false);
        List<String> extra = new ArrayList<>();
        for (int p = 0; p < r.populations().length; p++) {
            double[] hz = r.hz()[p];
            int nb = hz.length;
            double[][] xy = new double[2][2 * nb];
            for (int b = 0; b < nb; b++) {
                xy[0][2 * b] = r.timeMs(b);
                xy[0][2 * b + 1] = r.timeMs(b + 1);
                xy[1][2 * b] = hz[b];
                xy[1][2 * b + 1] = hz[b];
            }
            String name = r.populations()[p];
            ds.addSeries(name + " rate", xy);
            int colour = d == null ? -1 : d.indexOf(name);
            if (colour < 0) {
                colour = (d == null ? 0 : d.populationCount()) + extra.size();
                extra.add(name);
            }
            lines.setSeriesPaint(p, Style.colour(colour));
            lines.setSeriesStroke(p, new BasicStroke(1f));
        }
        NumberAxis hzAxis = new NumberAxis("rate (Hz)");
        hzAxis.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(ds, null, hzAxis, lines);
        Style.plot(plot);
        return plot;
    }
}
