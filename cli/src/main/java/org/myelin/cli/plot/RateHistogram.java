package org.myelin.cli.plot;

import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.myelin.cli.output.SpikeData;

/**
 * The distribution of per-neuron firing rates (spikes / duration, silent neurons included), one panel
 * per population on a shared rate axis, in about {@link #BINS} bins, each a whole number of spike
 * counts wide.
 */
public final class RateHistogram {
    /** Bins of each histogram. */
    public static final int BINS = 40;

    private RateHistogram() {
    }

    /** Per-neuron rates of population {@code p}, Hz. */
    static double[] rates(SpikeData d, int p) {
        double seconds = d.durationMs() * 1e-3;
        if (!(seconds > 0)) {
            double end = 0;
            for (double t : d.timesMs()[p]) end = Math.max(end, t);
            seconds = Math.max(end, 1e-3) * 1e-3;
        }
        int[] c = d.countsPerNeuron(p);
        double[] r = new double[c.length];
        for (int i = 0; i < c.length; i++) r[i] = c[i] / seconds;
        return r;
    }

    /** The rate of one spike in the run, Hz, or 0 if the duration is unknown. */
    static double quantum(SpikeData d) {
        return d.durationMs() > 0 ? 1 / (d.durationMs() * 1e-3) : 0;
    }

    public static JFreeChart create(SpikeData d) {
        Style.headless();
        int n = d.populationCount();
        double[][] rates = new double[n][];
        double max = 0;
        for (int p = 0; p < n; p++) {
            rates[p] = rates(d, p);
            for (double r : rates[p]) max = Math.max(max, r);
        }
        // rates are multiples of q = 1 spike / duration: bins hold whole numbers of spike counts,
        // centred on them, so short runs do not show empty bins between the possible values
        double q = quantum(d);
        double width;
        if (q > 0) {
            width = Math.max(1, Math.ceil(max / (BINS * q))) * q;
        } else {
            width = (max > 0 ? max : 1) / BINS;
        }
        double lo = q > 0 ? -q / 2 : 0;
        int bins = (int) Math.floor((max - lo) / width) + 1;
        double hi = lo + bins * width;
        NumberAxis hz = new NumberAxis("firing rate (Hz)");
        hz.setRange(lo, hi);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(hz);
        plot.setGap(10);
        StringBuilder sub = new StringBuilder();
        for (int p = 0; p < n; p++) {
            HistogramDataset ds = new HistogramDataset();
            String name = d.populations()[p];
            if (rates[p].length > 0) ds.addSeries(name, rates[p], bins, lo, hi);
            XYBarRenderer bars = new XYBarRenderer();
            bars.setBarPainter(new StandardXYBarPainter());
            bars.setShadowVisible(false);
            bars.setDrawBarOutline(false);
            bars.setSeriesPaint(0, Style.colour(p));
            NumberAxis count = new NumberAxis(name + ": neurons");
            count.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            XYPlot sp = new XYPlot(ds, null, count, bars);
            Style.plot(sp);
            plot.add(sp, 1);
            double mean = 0;
            for (double r : rates[p]) mean += r;
            mean = rates[p].length > 0 ? mean / rates[p].length : Double.NaN;
            if (sub.length() > 0) sub.append("; ");
            sub.append(String.format(Locale.ROOT, "%s: %s neurons, mean %.2f Hz", name, Style.count(rates[p].length), mean));
        }
        JFreeChart c = Style.chart("Firing rate per neuron", plot, false);
        Style.subtitle(c, sub.toString());
        return c;
    }
}
