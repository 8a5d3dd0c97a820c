package org.myelin.cli.plot;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.myelin.cli.output.RunOutputs;

/** Writes charts as PNG and SVG through {@link RunOutputs} (so each file appears only when complete). */
public final class ChartFiles {
    private ChartFiles() {
    }

    /** Writes {@code name} (e.g. "raster.png") as a {@code width} x {@code height} PNG. */
    public static Path png(RunOutputs out, String name, JFreeChart chart, int width, int height) throws IOException {
        Style.headless();
        return out.write(name, os -> ChartUtils.writeChartAsPNG(os, chart, width, height));
    }

    /** Writes {@code name} (e.g. "raster.svg") as a {@code width} x {@code height} SVG document. */
    public static Path svg(RunOutputs out, String name, JFreeChart chart, int width, int height) throws IOException {
        Style.headless();
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle(0, 0, width, height));
        String doc = g.getSVGDocument();
        return out.write(name, os -> os.write(doc.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes {@code base}.png from {@code forPng} and {@code base}.svg from {@code forSvg}. */
    public static List<Path> both(RunOutputs out, String base, JFreeChart forPng, JFreeChart forSvg, int width, int height)
            throws IOException {
        Path a = png(out, base + ".png", forPng, width, height);
        Path b = svg(out, base + ".svg", forSvg, width, height);
        return List.of(a, b);
    }
}
