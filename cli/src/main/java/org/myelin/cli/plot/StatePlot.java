package org.myelin.cli.plot;

import java.awt.BasicStroke;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;
import org.myelin.cli.output.StateData;

/**
 * Traces of a population's recorded state variables: one panel per variable on a shared time axis,
 * one line per recorded neuron. Traces with more points than the budget ({@code maxPoints} over all
 * lines) are reduced by min/max decimation (each group of samples becomes its minimum and maximum,
 * in time order, so spikes and peaks stay visible), and the subtitle says so.
 */
public final class StatePlot {
    /** Points drawn over all traces at most. */
    public static final int MAX_POINTS = 200_000;
    /** Legends list the neurons only up to this many. */
    static final int LEGEND_NEURONS = 12;

    private StatePlot() {
    }

    /** Min/max decimation of (t, y) into at most about {@code budget} points; the input if it fits. */
    static double[][] decimate(double[] t, double[] y, int budget) {
        int n = t.length;
        if (n <= budget || budget < 4) return new double[][] {t, y};
        int groups = budget / 2;
        int per = (n + groups - 1) / groups;
        double[] xs = new double[2 * groups];
        double[] ys = new double[2 * groups];
        int o = 0;
        for (int g = 0; g * per < n; g++) {
            int a = g * per;
            int b = Math.min(n, a + per);
            int lo = a;
            int hi = a;
            for (int i = a + 1; i < b; i++) {
                if (y[i] < y[lo]) lo = i;
                if (y[i] > y[hi]) hi = i;
            }
            int first = Math.min(lo, hi);
            int second = Math.max(lo, hi);
            xs[o] = t[first];
            ys[o++] = y[first];
            if (second != first) {
                xs[o] = t[second];
                ys[o++] = y[second];
            }
        }
        return new double[][] {java.util.Arrays.copyOf(xs, o), java.util.Arrays.copyOf(ys, o)};
    }

    public static JFreeChart create(StateData s, int maxPoints) {
        Style.headless();
        int nv = s.variables().length;
        int nk = s.neurons().length;
        int lines = Math.max(1, nv * nk);
        int budget = Math.max(1000, maxPoints / lines);
        boolean decimated = s.samples() > budget;
        NumberAxis time = new NumberAxis("time (ms)");
        time.setAutoRangeIncludesZero(false);
        if (s.samples() >= 2) time.setRange(Math.min(0, s.timesMs()[0]), s.timesMs()[s.samples() - 1]);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(8);
        for (int v = 0; v < nv; v++) {
            DefaultXYDataset ds = new DefaultXYDataset();
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            r.setDrawSeriesLineAsPath(true);
            for (int k = 0; k < nk; k++) {
                ds.addSeries("neuron " + s.neurons()[k], decimate(s.timesMs(), s.values()[v][k], budget));
                r.setSeriesPaint(k, Style.colour(k));
                r.setSeriesStroke(k, new BasicStroke(1f));
                r.setSeriesVisibleInLegend(k, v == 0 && nk <= LEGEND_NEURONS);
            }
            NumberAxis y = new NumberAxis(s.variables()[v]);
            y.setAutoRangeIncludesZero(false);
            XYPlot sp = new XYPlot(ds, null, y, r);
            Style.plot(sp);
            plot.add(sp, 1);
        }
        JFreeChart c = Style.chart("State of " + s.population(), plot, nk <= LEGEND_NEURONS && nk > 0);
        StringBuilder sub = new StringBuilder(Style.count(nk) + (nk == 1 ? " neuron, " : " neurons, ")
                + Style.count(s.samples()) + " samples");
        if (decimated) sub.append("; downsampled: min/max of groups of samples, at most ").append(Style.count(budget))
                .append(" points a trace");
        Style.subtitle(c, sub.toString());
        return c;
    }
}
