package org.myelin.reservoir.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import org.myelin.reservoir.CsrMatrix;
import org.myelin.reservoir.EiReservoir;
import org.myelin.reservoir.Esn;
import org.myelin.reservoir.lsm.Nalsm;
import org.myelin.reservoir.readout.ErrorModulated;
import org.myelin.reservoir.readout.Features;
import org.myelin.reservoir.readout.SoftmaxRegression;
import org.myelin.reservoir.task.MackeyGlassPrediction;
import org.myelin.reservoir.task.MemoryCapacity;
import org.myelin.reservoir.task.Metrics;
import org.myelin.reservoir.task.Mnist;
import org.myelin.reservoir.task.MnistLsm;
import org.myelin.reservoir.task.Narma10;
import org.myelin.reservoir.task.Standard;

/**
 * The echo-state benchmark figures of issue 5, each as mean +- sample standard deviation over five
 * seeds (11 to 15: seeds not used when the {@link Standard} settings were chosen), with the target
 * beside it, and the ESN's update speed. A seed fixes the reservoir and the task data.
 *
 * <pre>
 *   java -cp ... org.myelin.reservoir.bench.ReservoirBench [target ...] [--seeds 11,12,13,14,15]
 *   targets: mg1 mg84 narma100 narma100-online narma500 mc-linear mc-tanh ei-balance speed (default: all);
 *            ei-mc and ei-narma run the two halves of ei-balance; ei-balance-additive is ei-balance with
 *            the paper's additive rule (not in the default set); nalsm and mnist-readout (not in the default set)
 * </pre>
 * {@code narma100-online} is {@code narma100} with the readout learned online by the error-modulated
 * rule ({@link ErrorModulated}, defaults) instead of ridge regression. {@code nalsm} compares, on
 * MNIST (first seed only; 2,000 neurons, 5,000 training and 1,000 test images, about 5 minutes on a
 * quiet core), the plain liquid of {@link Standard#mnistLiquid} with the NALSM liquid learned from it
 * ({@link Nalsm}, defaults: 5,000 images in phase 1), with the branching factor of each; the
 * full-size run is {@code myelin reservoir mnist-lsm [--nalsm]}.
 * {@code mnist-readout} chooses the MNIST readout's training settings on a validation split: the
 * plain 8,000-neuron liquid's features of the first 20,000 training images (first seed), softmax
 * readouts fitted on the first 15,000 and scored on the other 5,000 (constant Adam step against a
 * half-cosine anneal, L2 1e-4 to 1e-2; about 10 minutes). The test set is not used.
 * {@code ei-balance} compares the adaptive E/I-balance reservoir with the same reservoir globally
 * tuned on a validation split ({@link EiBalance}), on memory capacity and NARMA-10; {@code speed}
 * gives ESN state updates per second with double and with float recurrent weights.
 * Scores are measured, never asserted here; progress goes to stderr, the table to stdout. The
 * MNIST liquid-state machine is run by {@code myelin reservoir mnist-lsm} (about 20 minutes).
 */
public final class ReservoirBench {
    private ReservoirBench() {
    }

    interface Score {
        double run(long seed);
    }

    public static void main(String[] args) {
        List<String> targets = new ArrayList<>();
        long[] seeds = {11, 12, 13, 14, 15};
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seeds")) {
                String[] p = args[++i].split(",");
                seeds = new long[p.length];
                for (int k = 0; k < p.length; k++) seeds[k] = Long.parseLong(p[k].trim());
            } else {
                targets.add(args[i]);
            }
        }
        if (targets.isEmpty()) {
            targets = List.of("mg1", "mg84", "narma100", "narma100-online", "narma500", "mc-linear", "mc-tanh", "ei-balance", "speed");
        }
        for (String t : targets) {
            switch (t) {
                case "mg1":
                    report("Mackey-Glass one-step, ESN 100, RMSE", "<= 0.002", seeds, s -> MackeyGlassPrediction
                            .oneStep(new Esn(Standard.mackeyGlass(100, s)), Standard.mackeyGlassTask(s)).rmse());
                    break;
                case "mg84":
                    report("Mackey-Glass 84-step free run, ESN 1000, NRMSE at step 84", "<= 1e-2", seeds, s -> MackeyGlassPrediction
                            .freeRun(new Esn(Standard.mackeyGlass84(1000, s)), Standard.mackeyGlass84Task(s)).nrmse());
                    break;
                case "narma100":
                    report("NARMA-10, ESN 100, NRMSE", "<= 0.35", seeds, s -> Narma10
                            .evaluate(new Esn(Standard.narma10(100, s)), new Narma10.Context().seed(s)).nrmse());
                    break;
                case "narma100-online":
                    report("NARMA-10, ESN 100, error-modulated online readout, NRMSE", "<= 2 x ridge", seeds, s -> Narma10
                            .evaluate(new Esn(Standard.narma10(100, s)), new Narma10.Context().seed(s)
                                    .online(new ErrorModulated.Context())).nrmse());
                    break;
                case "nalsm":
                    nalsm(seeds[0]);
                    break;
                case "mnist-readout":
                    mnistReadout(seeds[0]);
                    break;
                case "narma500":
                    report("NARMA-10, ESN 500, NRMSE", "<= 0.2", seeds, s -> Narma10
                            .evaluate(new Esn(Standard.narma10(500, s)), new Narma10.Context().seed(s)).nrmse());
                    break;
                case "mc-linear":
                    report("Memory capacity, linear orthogonal N=100, MC", ">= 90", seeds, s -> MemoryCapacity
                            .evaluate(new Esn(Standard.memoryLinear(100, s)), new MemoryCapacity.Context().seed(s)).capacity());
                    break;
                case "mc-tanh":
                    report("Memory capacity, tanh N=100, MC", ">= 25", seeds, s -> MemoryCapacity
                            .evaluate(new Esn(Standard.memoryTanh(100, s)), new MemoryCapacity.Context().seed(s)).capacity());
                    break;
                case "ei-balance":
                    eiBalance(EiBalance.Task.MEMORY, "Memory capacity, E/I reservoir N=100, MC", seeds);
                    eiBalance(EiBalance.Task.NARMA, "NARMA-10, E/I reservoir N=100, NRMSE", seeds);
                    break;
                case "ei-mc":
                    eiBalance(EiBalance.Task.MEMORY, "Memory capacity, E/I reservoir N=100, MC", seeds);
                    break;
                case "ei-narma":
                    eiBalance(EiBalance.Task.NARMA, "NARMA-10, E/I reservoir N=100, NRMSE", seeds);
                    break;
                case "ei-balance-additive":
                    eiBalance(EiBalance.Task.MEMORY, "Memory capacity, E/I reservoir N=100, additive rule, MC", seeds, ADDITIVE);
                    eiBalance(EiBalance.Task.NARMA, "NARMA-10, E/I reservoir N=100, additive rule, NRMSE", seeds, ADDITIVE);
                    break;
                case "speed":
                    for (CsrMatrix.Precision p : CsrMatrix.Precision.values()) {
                        speed(0.01, p);
                        speed(0.10, p);
                    }
                    break;
                default:
                    System.err.println("unknown target '" + t + "'; valid: mg1 mg84 narma100 narma100-online narma500 mc-linear mc-tanh"
                            + " ei-balance ei-mc ei-narma ei-balance-additive speed nalsm mnist-readout");
                    System.exit(2);
            }
        }
    }

    static void report(String name, String target, long[] seeds, Score score) {
        double[] v = new double[seeds.length];
        long t0 = System.nanoTime();
        for (int i = 0; i < seeds.length; i++) {
            v[i] = score.run(seeds[i]);
            System.err.printf(Locale.ROOT, "  %s, seed %d: %.6g%n", name, seeds[i], v[i]);
        }
        double[] ms = Metrics.meanStd(v);
        System.out.printf(Locale.ROOT, "%-62s %.4g +- %.2g   (target %s; %d seeds, %.0f s)%n", name, ms[0], ms[1], target,
                seeds.length, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Both arms of {@link EiBalance} over the seeds: mean +- sd of each, the mean paired difference
     * (adaptive minus global) with its sd, and how many seeds the adaptive arm won.
     */
    static void eiBalance(EiBalance.Task task, String name, long[] seeds) {
        eiBalance(task, name, seeds, UnaryOperator.identity());
    }

    /** The paper's additive rule ({@link EiReservoir.Rule#ADDITIVE}) in both arms (the global arm never adapts). */
    static final UnaryOperator<EiReservoir.Context> ADDITIVE = c -> c.rule(EiReservoir.Rule.ADDITIVE);

    static void eiBalance(EiBalance.Task task, String name, long[] seeds, UnaryOperator<EiReservoir.Context> form) {
        double[] g = new double[seeds.length], a = new double[seeds.length], d = new double[seeds.length];
        int wins = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < seeds.length; i++) {
            EiBalance.Outcome o = EiBalance.run(task, seeds[i], form, System.err::println);
            g[i] = o.global();
            a[i] = o.adaptive();
            d[i] = a[i] - g[i];
            if (EiBalance.better(task, a[i], g[i])) wins++;
            System.err.printf(Locale.ROOT, "  %s, seed %d: global %.6g (%s), adaptive %.6g (%s)%n", name, seeds[i], g[i],
                    o.globalChoice(), a[i], o.adaptiveChoice());
        }
        double[] mg = Metrics.meanStd(g), ma = Metrics.meanStd(a), md = Metrics.meanStd(d);
        System.out.printf(Locale.ROOT, "%-62s global %.4g +- %.2g, adaptive %.4g +- %.2g; adaptive - global %+.3g +- %.2g"
                        + " (%+.1f%%), adaptive better on %d of %d seeds (%.0f s)%n", name, mg[0], mg[1], ma[0], ma[1], md[0], md[1],
                100 * md[0] / mg[0], wins, seeds.length, (System.nanoTime() - t0) / 1e9);
    }

    /** MNIST's training and test images from the cache (fetched first if absent). */
    static Mnist.Images[] mnist() {
        java.nio.file.Path dir = Mnist.defaultCache();
        try {
            Mnist.ensure(dir, System.err::println);
            return new Mnist.Images[] {Mnist.train(dir), Mnist.test(dir)};
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** MNIST: plain liquid against the NALSM liquid learned from it (2,000 neurons, 5k/1k images). */
    static void nalsm(long seed) {
        Mnist.Images[] data = mnist();
        Mnist.Images tr = data[0], te = data[1];
        for (boolean astro : new boolean[] {false, true}) {
            MnistLsm.Context c = Standard.mnistTask(seed).liquid(Standard.mnistLiquid(2000, seed)).trainImages(5000).testImages(1000);
            if (astro) c.nalsm(new Nalsm.Context());
            MnistLsm.Result r = MnistLsm.run(tr, te, c, m -> System.err.println("  " + m));
            System.out.printf(Locale.ROOT, "%-62s %.4f test (%.4f train), %.1f Hz, branching %s (%.0f s)%n",
                    "MNIST, " + (astro ? "NALSM" : "plain LSM") + " 2000 neurons, 5k/1k, seed " + seed, r.accuracy(), r.trainAccuracy(),
                    r.meanRate(), r.branching(), r.seconds());
        }
    }

    /** Readout settings for mnist-lsm, chosen on a validation split of the training images (see the class comment). */
    static void mnistReadout(long seed) {
        Mnist.Images tr = mnist()[0];
        int fit = 15000, val = 5000;
        MnistLsm.Context c = Standard.mnistTask(seed).liquid(Standard.mnistLiquid(8000, seed)).trainImages(fit + val);
        MnistLsm.TrainingFeatures f = MnistLsm.features(tr, c, m -> System.err.println("  " + m));
        int n = f.columns();
        Features a = Features.ofUnsignedBytes(java.util.Arrays.copyOf(f.counts(), fit * n), fit, n);
        Features b = Features.ofUnsignedBytes(java.util.Arrays.copyOfRange(f.counts(), fit * n, (fit + val) * n), val, n);
        int[] la = java.util.Arrays.copyOf(tr.labels(), fit), lb = java.util.Arrays.copyOfRange(tr.labels(), fit, fit + val);
        // {cosine (1) or constant (0) step, L2}: the default first, then the cosine anneal over L2
        double[][] settings = {{0, 1e-4}, {1, 1e-4}, {1, 1e-3}, {1, 3e-3}, {1, 1e-2}};
        for (double[] st : settings) {
            boolean cosine = st[0] == 1;
            SoftmaxRegression m = SoftmaxRegression.fit(a, la, Mnist.CLASSES,
                    new SoftmaxRegression.Context().epochs(20).l2(st[1]).cosine(cosine).seed(seed), null);
            System.out.printf(Locale.ROOT, "%-62s %.4f validation (%.4f fit)%n", String.format(Locale.ROOT,
                    "MNIST readout, plain LSM 8000, %s step, L2 %.0e", cosine ? "cosine" : "constant", st[1]),
                    Metrics.accuracy(m.predict(b), lb), Metrics.accuracy(m.predict(a), la));
        }
    }

    /** State updates per second of a 1000-unit tanh ESN with one input (JIT warmed, best of 5). */
    static void speed(double density, CsrMatrix.Precision precision) {
        Esn esn = new Esn(new Esn.Context().units(1000).density(density).spectralRadius(0.9).seed(1).precision(precision));
        double[] u = new double[1];
        int steps = density < 0.05 ? 20000 : 4000;
        double best = 0;
        double sink = 0;
        for (int rep = 0; rep < 6; rep++) {
            long t0 = System.nanoTime();
            for (int t = 0; t < steps; t++) {
                u[0] = (t & 7) * 0.1;
                sink += esn.step(u, null)[t % 1000];
            }
            double rate = steps / ((System.nanoTime() - t0) / 1e9);
            if (rep > 0) best = Math.max(best, rate);
        }
        System.out.printf(Locale.ROOT, "%-62s %.0f updates/s (%.1f M synapse-ops/s)%s%n",
                "ESN speed, N=1000, density " + density + ", " + precision.name().toLowerCase(Locale.ROOT), best, best * esn.recurrent().nonZeros() / 1e6, sink == 42 ? " " : "");
    }
}
