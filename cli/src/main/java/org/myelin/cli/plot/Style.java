package org.myelin.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;

/** Colours, fonts and the headless switch shared by the plots. */
final class Style {
    static {
        // before any AWT class loads: no display is needed or wanted
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    /** Tableau 10: distinct, colour-blind-friendlier than AWT's defaults. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
    };
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Color GRID = new Color(0xdddddd);

    private Style() {
    }

    /** Makes sure the headless switch is set (called by every public entry point). */
    static void headless() {
        // the static initializer did the work
    }

    static Paint colour(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    static void plot(XYPlot p) {
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(GRID);
        p.setRangeGridlinePaint(GRID);
        p.setDomainGridlineStroke(new BasicStroke(0.5f));
        p.setRangeGridlineStroke(new BasicStroke(0.5f));
        p.setOutlinePaint(Color.GRAY);
    }

    static JFreeChart chart(String title, XYPlot plot, boolean legend) {
        JFreeChart c = new JFreeChart(title, TITLE, plot, legend);
        c.setBackgroundPaint(Color.WHITE);
        c.setTextAntiAlias(true);
        return c;
    }

    static void subtitle(JFreeChart c, String text) {
        if (text == null || text.isEmpty()) return;
        c.addSubtitle(new TextTitle(text, SUBTITLE));
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
