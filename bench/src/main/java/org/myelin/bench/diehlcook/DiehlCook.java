package org.myelin.bench.diehlcook;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.myelin.core.Rng;
import org.myelin.reservoir.task.Mnist;

/**
 * Unsupervised MNIST with the Diehl and Cook (2015) network ({@link DiehlCookNetwork}): trains on
 * the training set image by image, evaluates a frozen copy every {@code --eval-every} images
 * (labels assigned to neurons on the first {@code --assign} training images, accuracy by vote on the
 * first {@code --test} test images), and finally on {@code --final-assign} / {@code --final-test}
 * images.
 *
 * <h2>Evaluation (the authors' test mode)</h2>
 * The weights and thresholds are copied into a frozen network (static synapses, constant theta).
 * Each neuron is assigned the class for which its mean spike count over the assignment images is
 * highest; a neuron that never fires during the assignment images stays unassigned and takes no
 * part in the vote (the authors' {@code Diehl&Cook_MNIST_evaluation.py}: {@code assignments} start at
 * -1; their training script's running estimate starts them at class 0 instead, which makes the silent
 * neurons dilute class 0's mean). A test image is classified as the class whose assigned neurons have
 * the highest mean spike count (ties: the lowest class); classes without neurons are skipped. The
 * evaluation also prints the accuracy under the class-0 convention, for comparison with earlier runs,
 * and the accuracy with labels from the first 1k, 2k, 5k and every 10k of the assignment images (the
 * same responses; the authors label from all 60,000 training images, {@code --final-assign 60000}).
 *
 * <h2>Output (in {@code --out}, each file written to a temporary name and moved into place)</h2>
 * {@code learning_curve.csv} and {@code .png} (accuracy against images seen),
 * {@code receptive_fields.png} (each neuron's 28 x 28 input weights, white 0 to black Wmax, hot
 * colour map), {@code weights.bin} (n, then the source-major weights, delays and theta as doubles;
 * {@code --load} reads it back to evaluate or continue), {@code summary.txt}.
 *
 * <p>Usage: {@code DiehlCook [--neurons 100] [--train 1000] [--eval-every 10000] [--assign 1000]
 * [--test 1000] [--final-assign 10000] [--final-test 10000] [--seed 1] [--threads 1]
 * [--input-delays step|uniform] [--dt 0.5] [--lock-ms 0] [--potentiation immediate|lazy] [--out bench/results/diehlcook] [--load weights.bin [--seen images]] [--progress 100]
 * [--intensity 2] [--w-ie 17] [--theta-plus 0.05] [--rule A2+,A3+,A2-] [--target-rule eta_pre,eta_post,x_tar,mu]
 * [--validate images] [--anneal FROM,FINAL] [--start image] [--order file|shuffled]}. The options from {@code --intensity} on depart from the authors' parameters
 * ({@link DiehlCookNetwork.Variant}); {@code --target-rule} trains with the paper's pre-and-post rule
 * ({@code stdp_target_trace_synapse}) instead of the released code's triplet rule. {@code --validate N}
 * scores on the last N training images instead of the test set, for choosing parameters without
 * looking at the test set (training and labelling must then stay below them). {@code --anneal FROM,FINAL}
 * scales each presentation's weight change by a learning rate that is 1 up to training image FROM and
 * then falls linearly to FINAL at the last one ({@link DiehlCookNetwork#learningRate(double)}; the
 * authors' rates are constant). {@code --start S} trains on images S, S + 1, ... (wrapping around the
 * training set) instead of from image 0; {@code --order shuffled} shows them in a permutation drawn
 * from the seed instead of the file's order (with {@code --validate}, a permutation of the images
 * before the validation images). With {@code --load}
 * (and {@code --train 0}) it only evaluates a saved snapshot, draws its receptive fields and, given
 * {@code --seen}, appends the result to the learning curve in {@code --out}. Timings: wall clock and
 * the CPU time of the simulating thread (threads = 1 runs in the calling thread).
 */
public final class DiehlCook {
    private DiehlCook() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        int neurons = 100, train = 1000, evalEvery = 10000, assign = 1000, test = 1000;
        int finalAssign = 10000, finalTest = 10000, threads = 1, progress = 100;
        long seed = 1;
        Path out = Path.of("bench/results/diehlcook");
        Path load = null;
        long seenImages = -1;
        boolean randomDelays = false;
        double dt = DiehlCookNetwork.DT;
        double lockMs = DiehlCookNetwork.T_LOCK;
        boolean immediate = true;
        DiehlCookNetwork.Variant variant = DiehlCookNetwork.Variant.AUTHORS;
        int validate = 0;
        int start = 0; // first training image; training wraps around the training set
        boolean shuffled = false;
        int annealFrom = -1; // no schedule
        double annealFinal = 1;
        for (int a = 0; a < args.length; a++) {
            String k = args[a];
            if (a + 1 >= args.length) throw new IllegalArgumentException("option " + k + " needs a value");
            String v = args[++a];
            switch (k) {
                case "--neurons": neurons = positive(k, v); break;
                case "--train": train = nonNegative(k, v); break;
                case "--eval-every": evalEvery = positive(k, v); break;
                case "--assign": assign = positive(k, v); break;
                case "--test": test = positive(k, v); break;
                case "--final-assign": finalAssign = positive(k, v); break;
                case "--final-test": finalTest = nonNegative(k, v); break;
                case "--threads": threads = positive(k, v); break;
                case "--progress": progress = positive(k, v); break;
                case "--seed": seed = Long.parseLong(v); break;
                case "--out": out = Path.of(v); break;
                case "--load": load = Path.of(v); break;
                case "--seen": seenImages = nonNegative(k, v); break;
                case "--start": start = nonNegative(k, v); break;
                case "--order":
                    if (!v.equals("file") && !v.equals("shuffled")) {
                        throw new IllegalArgumentException("option --order: value " + v + " is invalid; valid: file, shuffled");
                    }
                    shuffled = v.equals("shuffled");
                    break;
                case "--lock-ms":
                    lockMs = Double.parseDouble(v);
                    if (!(lockMs >= 0) || Double.isInfinite(lockMs)) {
                        throw new IllegalArgumentException("option --lock-ms: value " + v + " is invalid; valid: >= 0 (0: no lock-out)");
                    }
                    break;
                case "--dt":
                    dt = Double.parseDouble(v);
                    if (!(dt > 0 && dt <= DiehlCookNetwork.DT && Math.abs(DiehlCookNetwork.DT / dt - Math.rint(DiehlCookNetwork.DT / dt)) < 1e-9)) {
                        throw new IllegalArgumentException("option --dt: value " + v + " ms is invalid; valid: 0.5 ms divided by a whole number");
                    }
                    break;
                case "--input-delays":
                    if (!v.equals("step") && !v.equals("uniform")) {
                        throw new IllegalArgumentException("option --input-delays: value " + v + " is invalid; valid: step, uniform");
                    }
                    randomDelays = v.equals("uniform");
                    break;
                case "--potentiation":
                    if (!v.equals("immediate") && !v.equals("lazy")) {
                        throw new IllegalArgumentException("option --potentiation: value " + v + " is invalid; valid: immediate, lazy");
                    }
                    immediate = v.equals("immediate");
                    break;
                case "--intensity": variant = variant.withIntensity(number(k, v)); break;
                case "--w-ie": variant = variant.withInhibition(number(k, v)); break;
                case "--theta-plus": variant = variant.withThetaPlus(number(k, v)); break;
                case "--rule": {
                    double[] f = numbers(k, v, "A2+,A3+,A2- (three numbers, the authors' 0,0.01,0.0001)", 3);
                    variant = variant.withRule(f[0], f[1], f[2]);
                    break;
                }
                case "--target-rule": {
                    double[] f = numbers(k, v, "eta_pre,eta_post,x_tar,mu (four numbers; the authors' code defines 0.0001,0.01,0.4,0.2)", 4);
                    variant = variant.withTargetRule(f[0], f[1], f[2], f[3]);
                    break;
                }
                case "--validate": validate = positive(k, v); break;
                case "--anneal": {
                    double[] f = numbers(k, v, "FROM,FINAL (image from which the learning rate falls linearly, and its value at the last"
                            + " training image, 0 to 1)", 2);
                    if (!(f[0] >= 0 && f[0] == Math.rint(f[0]))) {
                        throw new IllegalArgumentException("option --anneal: FROM " + f[0] + " is invalid; valid: a whole number of images >= 0");
                    }
                    if (!(f[1] >= 0 && f[1] <= 1)) {
                        throw new IllegalArgumentException("option --anneal: FINAL " + f[1] + " is invalid; valid: 0 to 1");
                    }
                    annealFrom = (int) f[0];
                    annealFinal = f[1];
                    break;
                }
                default:
                    throw new IllegalArgumentException("unknown option " + k + "; valid: --neurons --train --eval-every"
                            + " --assign --test --final-assign --final-test --threads --progress --seed --out --load --seen --input-delays --dt --lock-ms"
                            + " --potentiation --intensity --w-ie --theta-plus --rule --target-rule --validate --anneal --start --order");
            }
        }
        if (annealFrom >= 0 && annealFrom >= train) {
            throw new IllegalArgumentException("option --anneal: FROM " + annealFrom + " is invalid with --train " + train
                    + "; valid: 0 to " + (train - 1));
        }
        Files.createDirectories(out);
        Path cache = Mnist.ensure(Mnist.defaultCache(), System.out::println);
        Mnist.Images trainSet = Mnist.train(cache);
        Mnist.Images testSet = Mnist.test(cache);
        if (start >= trainSet.count()) {
            throw new IllegalArgumentException("option --start: value " + start + " is invalid; valid: 0 to " + (trainSet.count() - 1));
        }
        if (assign > trainSet.count() || finalAssign > trainSet.count()) {
            throw new IllegalArgumentException("--assign/--final-assign: at most " + trainSet.count());
        }
        Mnist.Images evalSet = testSet;
        int evalFrom = 0;
        if (validate > 0) {
            // tuning without the test set: score on the last `validate` training images, which training must not reach
            if (start + train + validate > trainSet.count() || assign + validate > trainSet.count() || finalAssign + validate > trainSet.count()) {
                throw new IllegalArgumentException("--validate " + validate + ": --start plus --train, --assign and --final-assign must each stay"
                        + " below training image " + (trainSet.count() - validate) + " (the validation images are the last " + validate + ")");
            }
            if (test > validate || finalTest > validate) {
                throw new IllegalArgumentException("--test " + test + " / --final-test " + finalTest + " with --validate " + validate
                        + ": each must be at most " + validate + " (they count validation images)");
            }
            evalSet = trainSet;
            evalFrom = trainSet.count() - validate;
            System.out.printf(Locale.ROOT, "validation: scoring on training images %d to %d, not on the test set%n", evalFrom, trainSet.count() - 1);
        } else if (test > testSet.count() || finalTest > testSet.count()) {
            throw new IllegalArgumentException("--test/--final-test: at most " + testSet.count());
        }
        final String scored = validate > 0 ? "validation" : "test";
        // the training images in the order shown: the file's, or one permutation of the images
        // training may use (all but the validation images), drawn from the seed
        int[] order = trainingOrder(trainSet.count() - validate, shuffled, seed);
        final String orderText = shuffled || start > 0 ? String.format(Locale.ROOT, "training order: %s, from position %d%n",
                shuffled ? "a permutation of training images 0 to " + (order.length - 1) + " (seed " + seed + ")" : "file", start) : "";
        final String schedule = annealFrom >= 0 ? String.format(Locale.ROOT, "learning rate: 1 until image %d, then linearly to %s"
                + " at image %d%n", annealFrom, annealFinal, train - 1) : "";
        System.out.print(orderText + schedule);
        if (variant != DiehlCookNetwork.Variant.AUTHORS) System.out.println("variant: " + variant);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long procCpu0 = os.getProcessCpuTime();

        DiehlCookNetwork net;
        long t0 = System.nanoTime();
        if (load != null) {
            Snapshot s = Snapshot.read(load);
            if (s.n != neurons) throw new IllegalArgumentException("--load: file has " + s.n + " neurons, --neurons is " + neurons);
            if (train > 0) {
                throw new IllegalArgumentException("--load with --train > 0: continuing training from a file is not supported"
                        + " (core cannot set plastic weights before the first spike); use --train 0");
            }
            System.out.printf(Locale.ROOT, "loaded %s%n", load);
            writeFields(out.resolve("receptive_fields.png"), s);
            if (finalTest == 0) return; // fields only
            double acc = evaluate(s, seed, threads, trainSet, evalSet, evalFrom, finalAssign, finalTest, true, dt, lockMs, variant);
            String text = String.format(Locale.ROOT, "loaded %s (trained on %s images): accuracy %.2f%% (labels from %d"
                    + " training images, tested on %d " + scored + " images)%n", load, seenImages < 0 ? "?" : Long.toString(seenImages), acc,
                    finalAssign, finalTest);
            System.out.print(text);
            writeSummary(out, text);
            if (seenImages >= 0) { // append the point to an existing learning curve (one written by the training run)
                List<double[]> curve = readCurve(out.resolve("learning_curve.csv"), assign, test);
                curve.add(new double[] {seenImages, acc, finalAssign, finalTest, Double.NaN, Double.NaN});
                writeCurve(out, curve);
            }
            return;
        }
        net = DiehlCookNetwork.training(neurons, seed, threads, randomDelays, dt, lockMs, variant).immediatePotentiation(immediate);
        System.out.printf(Locale.ROOT, "Diehl & Cook: %d excitatory + %d inhibitory neurons, %d input synapses (%s delays),"
                        + " built in %.2f s%n", neurons, neurons, net.input.synapseCount(),
                randomDelays ? "U[0,10) ms" : "one-step", (System.nanoTime() - t0) * 1e-9);
        System.out.printf(Locale.ROOT, "dt %s ms, %s potentiation%n", dt, immediate ? "immediate" : "lazy");

        List<double[]> curve = new ArrayList<>(); // images, accuracy, assign, test, train wall s, train cpu s
        double trainWall = 0, trainCpu = 0;
        long spikes = 0;
        long windowStart = System.nanoTime();
        double evalAcc = Double.NaN;
        for (int img = 0; img < train; img++) {
            if (annealFrom >= 0) net.learningRate(learningRate(img, annealFrom, train, annealFinal));
            long w0 = System.nanoTime();
            long c0 = cpu.getCurrentThreadCpuTime();
            int[] counts = net.present(trainSet, order[(int) ((start + (long) img) % order.length)]);
            trainCpu += (cpu.getCurrentThreadCpuTime() - c0) * 1e-9;
            trainWall += (System.nanoTime() - w0) * 1e-9;
            for (int c : counts) spikes += c;
            int seen = img + 1;
            if (seen % progress == 0) {
                double dtw = (System.nanoTime() - windowStart) * 1e-9;
                windowStart = System.nanoTime();
                double[] th = net.theta();
                double thMean = 0, thMax = 0;
                for (double t : th) {
                    thMean += t / th.length;
                    thMax = Math.max(thMax, t);
                }
                System.out.printf(Locale.ROOT, "images %d: %.1f ms/image (last %d: %.1f ms wall), cpu %.1f ms/image,"
                                + " %.2f spikes/image, %d presentations, %d unanswered, theta mean %.2f max %.2f mV%n",
                        seen, 1e3 * trainWall / seen, progress, 1e3 * dtw / progress, 1e3 * trainCpu / seen,
                        (double) spikes / seen, net.presentations(), net.unanswered(), thMean, thMax);
            }
            if (seen % evalEvery == 0 && seen < train) {
                long e0 = os.getProcessCpuTime();
                evalAcc = evaluate(Snapshot.of(net), seed, threads, trainSet, evalSet, evalFrom, assign, test, false, dt, lockMs, variant);
                procCpu0 += os.getProcessCpuTime() - e0; // evaluation does not count as training
                curve.add(new double[] {seen, evalAcc, assign, test, trainWall, trainCpu});
                writeCurve(out, curve);
                Snapshot.of(net).write(out.resolve("weights.bin"));
            }
        }
        long procCpuTrain = os.getProcessCpuTime() - procCpu0;
        Snapshot s = Snapshot.of(net);
        s.write(out.resolve("weights.bin"));
        writeFields(out.resolve("receptive_fields.png"), s);
        double acc = Double.NaN;
        if (finalTest > 0) {
            acc = evaluate(s, seed, threads, trainSet, evalSet, evalFrom, finalAssign, finalTest, true, dt, lockMs, variant);
            curve.add(new double[] {train, acc, finalAssign, finalTest, trainWall, trainCpu});
            writeCurve(out, curve);
        }
        String summary = String.format(Locale.ROOT,
                "neurons %d, trained on %d images (%d presentations, %d unanswered)%n"
                        + "training: %.1f s wall, %.2f ms wall/image, %.2f ms cpu/image (simulating thread),"
                        + " %.2f ms process cpu/image (all JVM threads, JIT and GC included, evaluations excluded)%n"
                        + "final accuracy %.2f%% (labels from %d training images, tested on %d " + scored
                        + " images)%n",
                neurons, train, net.presentations(), net.unanswered(), trainWall,
                train > 0 ? 1e3 * trainWall / train : 0, train > 0 ? 1e3 * trainCpu / train : 0,
                train > 0 ? 1e-6 * procCpuTrain / train : 0, acc, finalAssign, finalTest)
                + (variant != DiehlCookNetwork.Variant.AUTHORS ? "variant: " + variant + System.lineSeparator() : "")
                + schedule + orderText;
        System.out.print(summary);
        writeSummary(out, summary);
    }

    /**
     * Frozen-network accuracy: labels from {@code assign} training images, vote on images
     * {@code testFrom} to {@code testFrom + test - 1} of {@code testSet} (the test set, or the last
     * training images with {@code --validate}).
     */
    static double evaluate(Snapshot s, long seed, int threads, Mnist.Images trainSet, Mnist.Images testSet, int testFrom,
                           int assign, int test, boolean verbose, double dt, double lockMs, DiehlCookNetwork.Variant variant) {
        long t0 = System.nanoTime();
        DiehlCookNetwork f = DiehlCookNetwork.frozen(s.n, seed + 7919, threads, s.weights, s.delays, s.theta, dt, lockMs, variant);
        double[][] sum = new double[10][s.n];
        int[] perClass = new int[10];
        // labels from fewer images too (the same responses): how much the label count matters
        List<Integer> at = new ArrayList<>();
        List<int[]> labelsAt = new ArrayList<>();
        for (int k = 0; k < assign; k++) {
            int[] c = f.present(trainSet, k);
            int label = trainSet.labels()[k];
            perClass[label]++;
            for (int j = 0; j < s.n; j++) sum[label][j] += c[j];
            if (verbose && (k + 1) % 1000 == 0) System.out.printf(Locale.ROOT, "  assign %d/%d%n", k + 1, assign);
            if (k + 1 < assign && isLabelCheckpoint(k + 1)) {
                at.add(k + 1);
                labelsAt.add(assign(sum, perClass));
            }
        }
        int[] label = assign(sum, perClass);
        int[] label0 = label.clone();
        int silent = 0;
        for (int j = 0; j < label0.length; j++) {
            if (label0[j] < 0) {
                label0[j] = 0;
                silent++;
            }
        }
        int correct = 0, correct0 = 0;
        int[] correctAt = new int[at.size()];
        int[] shown = new int[10], right = new int[10];
        for (int k = 0; k < test; k++) {
            int[] c = f.present(testSet, testFrom + k);
            int truth = testSet.labels()[testFrom + k];
            shown[truth]++;
            if (vote(label, c) == truth) {
                correct++;
                right[truth]++;
            }
            if (vote(label0, c) == truth) correct0++;
            for (int q = 0; q < correctAt.length; q++) if (vote(labelsAt.get(q), c) == truth) correctAt[q]++;
            if (verbose && (k + 1) % 1000 == 0) {
                System.out.printf(Locale.ROOT, "  test %d/%d: %.2f%%%n", k + 1, test, 100.0 * correct / (k + 1));
            }
        }
        if (test > 0 && !at.isEmpty()) {
            StringBuilder b = new StringBuilder("  with labels from fewer training images:");
            for (int q = 0; q < correctAt.length; q++) {
                b.append(String.format(Locale.ROOT, " %d: %.2f%%;", at.get(q), 100.0 * correctAt[q] / test));
            }
            System.out.println(b);
        }
        if (verbose && test > 0) {
            int[] per = neuronsPerClass(label);
            StringBuilder b = new StringBuilder("  class: neurons, accuracy:");
            for (int c = 0; c < 10; c++) {
                b.append(String.format(Locale.ROOT, " %d: %d, %.1f%%;", c, per[c], shown[c] > 0 ? 100.0 * right[c] / shown[c] : Double.NaN));
            }
            System.out.println(b);
        }
        double acc = 100.0 * correct / test;
        System.out.printf(Locale.ROOT, "evaluation: %.2f%% on %d " + (testSet == trainSet ? "validation" : "test") + " images (labels from %d training images; %d classes"
                        + " have neurons; %d of %d neurons silent, unassigned; %.2f%% with them in class 0; %d unanswered), %.1f s%n",
                acc, test, assign, classesWithNeurons(label), silent, label.length, 100.0 * correct0 / test, f.unanswered(),
                (System.nanoTime() - t0) * 1e-9);
        return acc;
    }

    /** Label counts at which the evaluation also reports the accuracy: 1, 2 and 5 thousand, then every 10,000. */
    static boolean isLabelCheckpoint(int images) {
        return images == 1000 || images == 2000 || images == 5000 || (images >= 10000 && images % 10000 == 0);
    }

    /** Each neuron's class: highest mean count over the images of a class (strictly greater wins; -1 if silent). */
    static int[] assign(double[][] sum, int[] perClass) {
        int n = sum[0].length;
        int[] label = new int[n];
        java.util.Arrays.fill(label, -1);
        double[] best = new double[n];
        for (int c = 0; c < 10; c++) {
            if (perClass[c] == 0) continue;
            for (int j = 0; j < n; j++) {
                double r = sum[c][j] / perClass[c];
                if (r > best[j]) {
                    best[j] = r;
                    label[j] = c;
                }
            }
        }
        return label;
    }

    /** The class whose assigned neurons have the highest mean count (ties: lowest class; unassigned neurons, -1, ignored). */
    static int vote(int[] label, int[] counts) {
        double[] s = new double[10];
        int[] m = new int[10];
        for (int j = 0; j < label.length; j++) {
            if (label[j] < 0) continue;
            s[label[j]] += counts[j];
            m[label[j]]++;
        }
        int best = -1;
        double bv = -1;
        for (int c = 0; c < 10; c++) {
            if (m[c] == 0) continue;
            double v = s[c] / m[c];
            if (v > bv) {
                bv = v;
                best = c;
            }
        }
        return best;
    }

    /**
     * The first {@code count} training images in file order, or (shuffled) in a permutation drawn
     * from {@code seed} (Fisher-Yates with a stream of its own).
     */
    static int[] trainingOrder(int count, boolean shuffled, long seed) {
        int[] order = new int[count];
        for (int k = 0; k < count; k++) order[k] = k;
        if (shuffled) {
            Rng.Stream r = new Rng.Stream(Rng.key(Rng.mix(seed), 0x4F72646572L));
            for (int k = count - 1; k > 0; k--) {
                int j = r.nextInt(k + 1);
                int t = order[k];
                order[k] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /**
     * {@code --anneal}'s schedule: 1 before image {@code from}, then falling linearly to
     * {@code last} at image {@code train - 1}. The rate applies to the weight changes of the
     * presentation before image {@code img} (they are scaled when image img's first presentation
     * normalises the weights).
     */
    static double learningRate(int img, int from, int train, double last) {
        if (img <= from) return 1.0;
        return 1.0 + (last - 1.0) * (img - from) / (double) (train - 1 - from);
    }

    private static int[] neuronsPerClass(int[] label) {
        int[] per = new int[10];
        for (int l : label) if (l >= 0) per[l]++;
        return per;
    }

    private static int classesWithNeurons(int[] label) {
        int k = 0;
        for (int c : neuronsPerClass(label)) if (c > 0) k++;
        return k;
    }

    private static double number(String k, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + k + ": value " + v + " is not a number");
        }
    }

    /** {@code count} comma-separated numbers, or an error naming the option and what is valid. */
    private static double[] numbers(String k, String v, String valid, int count) {
        String[] f = v.split(",");
        if (f.length != count) throw new IllegalArgumentException("option " + k + ": value " + v + " is invalid; valid: " + valid);
        double[] x = new double[count];
        for (int i = 0; i < count; i++) x[i] = number(k, f[i]);
        return x;
    }

    private static int positive(String k, String v) {
        int x = Integer.parseInt(v);
        if (x < 1) throw new IllegalArgumentException("option " + k + ": value " + x + " is invalid; valid: >= 1");
        return x;
    }

    private static int nonNegative(String k, String v) {
        int x = Integer.parseInt(v);
        if (x < 0) throw new IllegalArgumentException("option " + k + ": value " + x + " is invalid; valid: >= 0");
        return x;
    }

    // ------------------------------------------------------------------ output

    private static void writeSummary(Path out, String text) throws IOException {
        Path tmp = out.resolve("summary.txt.tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, out.resolve("summary.txt"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeCurve(Path out, List<double[]> curve) throws IOException {
        Path tmp = out.resolve("learning_curve.csv.tmp");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(tmp))) {
            w.println("images,accuracy_percent,assign_images,test_images,train_wall_s,train_cpu_s");
            for (double[] r : curve) {
                w.printf(Locale.ROOT, "%d,%.2f,%d,%d,%.1f,%.1f%n", (long) r[0], r[1], (long) r[2], (long) r[3], r[4], r[5]);
            }
        }
        Files.move(tmp, out.resolve("learning_curve.csv"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        // one series per evaluation size: accuracies from different label/test sets are not comparable
        XYSeriesCollection data = new XYSeriesCollection();
        for (double[] r : curve) {
            String key = String.format(Locale.ROOT, "labels from %d training images, %d test images", (long) r[2], (long) r[3]);
            XYSeries series = data.getSeriesIndex(key) >= 0 ? data.getSeries(key) : null;
            if (series == null) {
                series = new XYSeries(key);
                data.addSeries(series);
            }
            series.add(r[0], r[1]);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Diehl & Cook (2015) in Myelin: accuracy vs images seen",
                "training images seen", "accuracy (%)", data, PlotOrientation.VERTICAL, true, false, false);
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer renderer = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, true);
        chart.getXYPlot().setRenderer(renderer);
        chart.getXYPlot().getRangeAxis().setRange(0, 100);
        Path png = out.resolve("learning_curve.png.tmp");
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 800, 500);
        Files.move(png, out.resolve("learning_curve.png"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Rows of a learning curve CSV (6 columns, or the 4 of older files: then assign and test are the given sizes). */
    private static List<double[]> readCurve(Path file, int assign, int test) throws IOException {
        List<double[]> rows = new ArrayList<>();
        if (!Files.exists(file)) return rows;
        List<String> lines = Files.readAllLines(file);
        for (int l = 1; l < lines.size(); l++) {
            String[] f = lines.get(l).split(",");
            if (f.length == 6) {
                double[] r = new double[6];
                for (int k = 0; k < 6; k++) r[k] = Double.parseDouble(f[k]);
                rows.add(r);
            } else if (f.length == 4) {
                rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), assign, test,
                    Double.parseDouble(f[2]), Double.parseDouble(f[3])});
            } else {
                throw new IOException(file + ": line " + (l + 1) + " has " + f.length + " fields; valid: 4 or 6");
            }
        }
        return rows;
    }

    /** Receptive fields as a grid of 28 x 28 tiles, 3 px per weight, hot_r colour map over [0, Wmax]. */
    static void writeFields(Path file, Snapshot s) throws IOException {
        int cols = (int) Math.ceil(Math.sqrt(s.n));
        int rows = (s.n + cols - 1) / cols;
        int px = 3, side = Mnist.SIDE * px, gap = 2;
        BufferedImage im = new BufferedImage(cols * (side + gap) + gap, rows * (side + gap) + gap, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < im.getHeight(); y++) for (int x = 0; x < im.getWidth(); x++) im.setRGB(x, y, 0x808080);
        for (int j = 0; j < s.n; j++) {
            int ox = gap + (j % cols) * (side + gap);
            int oy = gap + (j / cols) * (side + gap);
            for (int p = 0; p < Mnist.PIXELS; p++) {
                double t = Math.min(1, Math.max(0, s.weights[p * s.n + j] / DiehlCookNetwork.WMAX));
                int rgb = hotR(t);
                int bx = ox + (p % Mnist.SIDE) * px, by = oy + (p / Mnist.SIDE) * px;
                for (int dy = 0; dy < px; dy++) for (int dx = 0; dx < px; dx++) im.setRGB(bx + dx, by + dy, rgb);
            }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        ImageIO.write(im, "png", tmp.toFile());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** matplotlib's "hot" reversed: 0 white, then yellow, red, black at 1. */
    static int hotR(double t) {
        double u = 1 - t;
        double r = Math.min(1, u / 0.365), g = Math.min(1, Math.max(0, (u - 0.365) / 0.381)), b = Math.max(0, (u - 0.746) / 0.254);
        return new Color((float) r, (float) g, (float) Math.min(1, b)).getRGB();
    }

    /** Weights (source-major), delays (ms) and thresholds of a network. */
    static final class Snapshot {
        final int n;
        final double[] weights;
        final double[] delays;
        final double[] theta;

        Snapshot(int n, double[] weights, double[] delays, double[] theta) {
            this.n = n;
            this.weights = weights;
            this.delays = delays;
            this.theta = theta;
        }

        static Snapshot of(DiehlCookNetwork net) {
            return new Snapshot(net.size(), net.weights(), net.delays(), net.theta());
        }

        void write(Path file) throws IOException {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream o = Files.newOutputStream(tmp);
                 DataOutputStream d = new DataOutputStream(new java.io.BufferedOutputStream(o))) {
                d.writeInt(n);
                for (double v : weights) d.writeDouble(v);
                for (double v : delays) d.writeDouble(v);
                for (double v : theta) d.writeDouble(v);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        static Snapshot read(Path file) throws IOException {
            try (InputStream i = Files.newInputStream(file);
                 DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(i))) {
                int n = d.readInt();
                if (n < 1) throw new IOException(file + ": neuron count " + n + " is invalid; valid: >= 1");
                int m = Mnist.PIXELS * n;
                double[] w = new double[m], dl = new double[m], th = new double[n];
                for (int k = 0; k < m; k++) w[k] = d.readDouble();
                for (int k = 0; k < m; k++) dl[k] = d.readDouble();
                for (int k = 0; k < n; k++) th[k] = d.readDouble();
                return new Snapshot(n, w, dl, th);
            }
        }
    }
}
