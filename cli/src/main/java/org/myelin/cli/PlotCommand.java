package org.myelin.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.myelin.cli.plot.Plots;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code myelin plot DIR}: redraws the plots of a run from its saved outputs. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Redraw raster, rate histogram and state-trace plots (PNG and SVG) from a run's output directory.")
final class PlotCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Output directory of a 'myelin run'.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) throw new Main.UserError("not a directory: " + dir.toAbsolutePath(), 1);
        List<Path> files = Plots.drawAll(dir);
        if (files.isEmpty()) {
            throw new Main.UserError(dir + " holds no spikes.npy, spikes.csv or state_*.csv to plot", 1);
        }
        for (Path f : files) System.out.println(f);
        return 0;
    }
}
