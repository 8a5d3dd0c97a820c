package org.myelin.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import org.myelin.cli.output.PopulationSummary;
import org.myelin.cli.output.Progress;
import org.myelin.cli.output.RateData;
import org.myelin.cli.output.RateFiles;
import org.myelin.cli.output.RunInfo;
import org.myelin.cli.output.RunOutputs;
import org.myelin.cli.output.SpikeData;
import org.myelin.cli.output.SpikeFiles;
import org.myelin.cli.output.StateData;
import org.myelin.cli.output.StateFiles;
import org.myelin.cli.plot.Plots;
import org.myelin.core.Network;
import org.myelin.core.RateRecorder;
import org.myelin.core.SpikeRecorder;
import org.myelin.core.StateRecorder;
import org.myelin.io.BuiltModel;
import org.myelin.io.Inspection;
import org.myelin.io.ModelSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code myelin run [FILE]}: validates, builds and simulates a model, writes its outputs (spikes,
 * state traces, rates, the resolved model, plots, {@code run.json}) into {@code --out}, and prints a
 * summary per population. Every file is written under a temporary name and moved into place; if
 * the run is interrupted, the files in progress are removed, an {@code INCOMPLETE} note says where
 * it stopped, and {@code run.json} (written last) is absent.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Simulate a model file (default: the built-in Brunel balanced network) and write spikes, "
                + "state traces, rates, plots and run.json.")
final class RunCommand implements Callable<Integer> {
    /** Bin of the population rate written to rates.csv and plotted under the raster, in ms. */
    static final double RATE_BIN_MS = 1.0;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Output directory (default: out/<model name>). Previous outputs there are replaced.")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (overrides the file's).")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (overrides the file's; default all cores).")
    Integer threads;

    @Option(names = "--duration", paramLabel = "TIME",
            description = "Biological time to simulate, with a unit (500ms, 2s); a bare number is in ms.")
    String duration;

    @Option(names = "--no-plots", description = "Do not draw plots (draw them later with 'myelin plot DIR').")
    boolean noPlots;

    @Override
    public Integer call() throws IOException {
        final long wall0 = System.nanoTime();
        List<String> extra = new ArrayList<>();
        if (seed != null) extra.add("seed=" + seed);
        if (threads != null) {
            if (threads < 1) throw new Main.UserError("--threads must be at least 1, got " + threads, 2);
            extra.add("threads=" + threads);
        }
        if (duration != null) {
            String d = duration.trim();
            extra.add("duration=" + (d.matches("[-+0-9.eE]+") ? d + " ms" : d));
        }
        ModelSpec spec = model.load(extra);
        Inspection size = spec.inspect();
        Path dir = out != null ? out : Path.of("out", spec.name());
        Files.createDirectories(dir);
        RunOutputs outputs = new RunOutputs(dir);
        outputs.clearPrevious();

        Progress progress = Progress.toStderr(spec.dt());
        AtomicBoolean finished = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (!finished.get()) {
                progress.finish();
                System.err.println(outputs.abort(progress.where()));
            }
        }, "myelin-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);

        System.out.printf(Locale.ROOT, "myelin %s: %s (%s): %,d neurons, ~%,.0f synapses, %s of biological time, "
                        + "seed %d, %d threads%n", Main.VERSION, spec.name(), model.describe(), size.neurons(),
                size.synapses(), ms(spec.duration()), spec.seed(), spec.effectiveThreads());

        long b0 = System.nanoTime();
        BuiltModel built = spec.build();
        double buildS = (System.nanoTime() - b0) * 1e-9;
        Network net = built.network();
        System.out.printf(Locale.ROOT, "built %,d synapses in %.2f s%n", net.totalSynapses(), buildS);

        progress.restart();
        long s0 = System.nanoTime();
        try {
            built.simulate(progress);
        } finally {
            progress.finish();
        }
        double simS = (System.nanoTime() - s0) * 1e-9;
        System.out.printf(Locale.ROOT, "simulated %s in %.2f s (real-time factor %.3g, %.3g synaptic events/s)%n",
                ms(spec.duration()), simS, spec.duration() * 1e-3 / simS, net.totalEvents() / simS);

        // outputs: data first, then plots, then the resolved model, run.json last
        Map<String, SpikeRecorder> spikeRecs = built.spikeRecorders();
        SpikeData spikes = spikeRecs.isEmpty() ? null
                : SpikeData.from(net, spikeRecs.values().toArray(new SpikeRecorder[0]));
        if (spikes != null) SpikeFiles.write(outputs, spikes);
        List<StateData> states = new ArrayList<>();
        for (StateRecorder r : built.stateRecorders()) {
            StateData s = StateData.from(r, net.dt());
            states.add(s);
            StateFiles.write(outputs, s);
        }
        RateData rates = null;
        double bin = RateData.binFor(net.dt(), RATE_BIN_MS);
        if (!built.rateRecorders().isEmpty()) {
            rates = RateData.from(bin, built.rateRecorders().values().toArray(new RateRecorder[0]));
        } else if (spikes != null) {
            rates = RateData.fromSpikes(spikes, bin);
        }
        if (rates != null) RateFiles.write(outputs, rates);
        outputs.writeString("model.resolved.yaml", spec.toResolvedYaml());
        if (!noPlots && (spikes != null || !states.isEmpty())) {
            Plots.drawAll(outputs, spikes, rates, states);
        }
        List<PopulationSummary> summary = spikes == null ? List.of()
                : PopulationSummary.of(spikes, PopulationSummary.DEFAULT_BIN_MS);
        double wallS = (System.nanoTime() - wall0) * 1e-9;
        new RunInfo().version(Main.VERSION).seed(spec.seed()).threads(spec.effectiveThreads()).model(spec.name())
                .modelFile(model.file == null ? null : model.file.toAbsolutePath().toString())
                .modelHash(spec.hash()).dt(spec.dt()).duration(spec.duration())
                .timings(buildS, simS, wallS).populations(summary).outputs(outputs.completed())
                .put("builtin", model.file == null ? model.builtin : null)
                .put("overrides", spec.overrides())
                .put("synapses", net.totalSynapses()).put("synaptic_events", net.totalEvents())
                .write(outputs);
        finished.set(true);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting; the hook sees finished == true and leaves the files alone
        }
        if (!summary.isEmpty()) System.out.print(PopulationSummary.table(summary));
        else System.out.println("(no spikes recorded: add 'record: {spikes: [...]}' to the model file)");
        System.out.printf(Locale.ROOT, "outputs in %s (%.1f s wall)%n", dir, wallS);
        return 0;
    }

    private static String ms(double t) {
        return t >= 1000 && t % 1000 == 0 ? String.format(Locale.ROOT, "%.0f s", t / 1000)
                : String.format(Locale.ROOT, "%s ms", t == Math.rint(t) ? Long.toString((long) t) : Double.toString(t));
    }
}
