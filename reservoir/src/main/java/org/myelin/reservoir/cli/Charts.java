package org.myelin.reservoir.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The plots and tables of {@code myelin reservoir}: line charts, a confusion-matrix heat map, and
 * CSV, each written to a temporary file in the target folder and moved into place, so an
 * interrupted run never leaves a half-written file that looks complete.
 */
public final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** A line chart of named series {@code (x[i], y[i])}; a log y axis when {@code logY}. */
    public static JFreeChart lines(String title, String xLabel, String yLabel, boolean logY, String[] names,
                                   double[][] xs, double[][] ys) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int s = 0; s < names.length; s++) {
            XYSeries series = new XYSeries(names[s], false, true);
            for (int i = 0; i < xs[s].length; i++) {
                double y = ys[s][i];
                if (logY && !(y > 0)) continue;
                series.add(xs[s][i], y);
            }
            data.addSeries(series);
        }
        NumberAxis xAxis = new NumberAxis(xLabel);
        xAxis.setAutoRangeIncludesZero(false);
        ValueAxis yAxis;
        if (logY) {
            yAxis = new LogAxis(yLabel);
        } else {
            NumberAxis linear = new NumberAxis(yLabel);
            linear.setAutoRangeIncludesZero(false);
            yAxis = linear;
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        Color[] colours = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};
        for (int s = 0; s < names.length; s++) {
            r.setSeriesPaint(s, colours[s % colours.length]);
            r.setSeriesStroke(s, new BasicStroke(s == 0 ? 2.0f : 1.3f));
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, names.length > 1);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** A heat map of confusion counts {@code [truth][predicted]}, rows normalised to fractions. */
    public static JFreeChart confusion(String title, int[][] counts) {
        int c = counts.length;
        double[] xs = new double[c * c], ys = new double[c * c], zs = new double[c * c];
        for (int t = 0; t < c; t++) {
            int total = 0;
            for (int p = 0; p < c; p++) total += counts[t][p];
            for (int p = 0; p < c; p++) {
                int k = t * c + p;
                xs[k] = p;
                ys[k] = t;
                zs[k] = total == 0 ? 0 : counts[t][p] / (double) total;
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("fraction", new double[][] {xs, ys, zs});
        XYBlockRenderer r = new XYBlockRenderer();
        LookupPaintScale scale = new LookupPaintScale(0, 1.0001, Color.WHITE);
        for (int i = 0; i <= 100; i++) {
            float v = 1 - (float) Math.pow(i / 100.0, 0.5);
            scale.add(i / 100.0, new Color(v, v, 1f));
        }
        r.setPaintScale(scale);
        NumberAxis xAxis = new NumberAxis("predicted");
        NumberAxis yAxis = new NumberAxis("true");
        xAxis.setRange(-0.5, c - 0.5);
        yAxis.setRange(-0.5, c - 0.5);
        yAxis.setInverted(true);
        xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        yAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        NumberAxis legendAxis = new NumberAxis("fraction of true class");
        legendAxis.setRange(0, 1);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 40, 4);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Writes {@code base.png} and {@code base.svg} into {@code dir}; returns the PNG path. */
    public static Path save(JFreeChart chart, Path dir, String base, int width, int height) throws IOException {
        Files.createDirectories(dir);
        Path png = dir.resolve(base + ".png");
        Path tmp = Files.createTempFile(dir, "." + base, ".png.tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        }
        publish(tmp, png);
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw((Graphics2D) g, new Rectangle2D.Double(0, 0, width, height));
        writeText(dir.resolve(base + ".svg"), g.getSVGDocument());
        return png;
    }

    /** Writes columns of equal length as CSV with a header line. */
    public static Path csv(Path dir, String base, String[] header, double[][] columns) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", header)).append('\n');
        int rows = columns[0].length;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns.length; c++) {
                if (c > 0) sb.append(',');
                double v = columns[c][r];
                sb.append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                        : String.format(Locale.ROOT, "%.10g", v));
            }
            sb.append('\n');
        }
        Path p = dir.resolve(base + ".csv");
        writeText(p, sb.toString());
        return p;
    }

    static void writeText(Path target, String text) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(text);
        }
        publish(tmp, target);
    }

    /** Gives a finished temporary file ordinary permissions (temp files are owner-only) and moves it into place. */
    private static void publish(Path tmp, Path target) throws IOException {
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep its defaults
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
