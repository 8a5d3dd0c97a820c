package org.myelin.reservoir.task;

import java.util.function.Consumer;

import org.myelin.core.Rng;
import org.myelin.reservoir.lsm.Encoders;
import org.myelin.reservoir.lsm.Lsm;
import org.myelin.reservoir.lsm.Nalsm;
import org.myelin.reservoir.readout.Features;
import org.myelin.reservoir.readout.SoftmaxRegression;

/**
 * MNIST classification with a liquid-state machine: each image's pixels (grey level / 255) are
 * rate-coded into 784 Poisson-like trains ({@link Encoders#poisson}) for a window, the liquid's spike
 * counts per neuron (and time bin) in that window are the features, and a softmax readout is
 * trained on the training images and scored on the test images. With {@link Context#nalsm} the liquid
 * is first made a NALSM liquid ({@link Nalsm}: astrocyte-modulated STDP on unlabelled training images,
 * then frozen). The branching factor of the liquid used is measured on the first test images
 * ({@link Context#branchingImages}).
 */
public final class MnistLsm {
    private MnistLsm() {
    }

    /** Settings with defaults. */
    public static final class Context {
        private int trainImages = 60000;
        private int testImages = 10000;
        private double window = 50;
        private double gap = 30;
        private double maxRate = 200;
        private int bins = 1;
        private int chunk = 500;
        private long seed = 1;
        private boolean reset;
        private Nalsm.Context nalsm;
        private int branchingImages = 200;
        private Lsm.Context liquid = new Lsm.Context().neurons(8000).inputs(Mnist.PIXELS);
        private SoftmaxRegression.Context readout = new SoftmaxRegression.Context().epochs(20).l2(1e-4);

        public Context trainImages(int n) {
            trainImages = n;
            return this;
        }

        public Context testImages(int n) {
            testImages = n;
            return this;
        }

        /** Presentation window per image, ms. */
        public Context window(double ms) {
            window = ms;
            return this;
        }

        /** Silent gap after each image, ms. */
        public Context gap(double ms) {
            gap = ms;
            return this;
        }

        /** Rate of a white pixel, Hz. */
        public Context maxRate(double hz) {
            maxRate = hz;
            return this;
        }

        /** Time bins per window for the features. */
        public Context bins(int b) {
            bins = b;
            return this;
        }

        /** Images per simulated network. */
        public Context chunk(int c) {
            chunk = c;
            return this;
        }

        /**
         * Whether every image starts from the liquid's rest state instead of the activity the previous
         * image left (default false: images follow each other, separated by the gap).
         */
        public Context reset(boolean r) {
            reset = r;
            return this;
        }

        public boolean reset() {
            return reset;
        }

        /**
         * Makes the liquid a NALSM liquid ({@link Nalsm}): before the features are computed, the
         * plastic liquid is shown the first {@code nalsm.samples()} training images (unlabelled, with
         * phase 1's own presentation and input seed), and the learned weights are frozen. Null (the
         * default): the plain liquid.
         */
        public Context nalsm(Nalsm.Context n) {
            nalsm = n;
            return this;
        }

        public Nalsm.Context nalsm() {
            return nalsm;
        }

        /**
         * Test images (the first ones, in sequence with the task's window and gap) on which the branching
         * factor of the liquid used is measured (2 ms bins, each window one trial, lags 1..5); 0: not
         * measured. Default 200.
         */
        public Context branchingImages(int n) {
            branchingImages = n;
            return this;
        }

        /** Seed of the input spike trains (the liquid has its own in {@link #liquid}). */
        public Context seed(long s) {
            seed = s;
            return this;
        }

        public Context liquid(Lsm.Context l) {
            liquid = l;
            return this;
        }

        public Context readout(SoftmaxRegression.Context r) {
            readout = r;
            return this;
        }

        public Lsm.Context liquid() {
            return liquid;
        }

        public int trainImages() {
            return trainImages;
        }

        public int testImages() {
            return testImages;
        }

        public Context conclude() {
            if (trainImages < 1) throw new IllegalArgumentException("mnist-lsm: train images = " + trainImages + "; valid: >= 1 (an empty training set cannot train a readout)");
            if (testImages < 1) throw new IllegalArgumentException("mnist-lsm: test images = " + testImages + "; valid: >= 1");
            if (!(window > 0)) throw new IllegalArgumentException("mnist-lsm: window = " + window + " ms; valid: > 0");
            if (!(gap >= 0)) throw new IllegalArgumentException("mnist-lsm: gap = " + gap + " ms; valid: >= 0");
            if (bins < 1) throw new IllegalArgumentException("mnist-lsm: bins = " + bins + "; valid: >= 1");
            if (chunk < 1) throw new IllegalArgumentException("mnist-lsm: chunk = " + chunk + "; valid: >= 1");
            if (branchingImages < 0) {
                throw new IllegalArgumentException("mnist-lsm: branching images = " + branchingImages + "; valid: >= 0 (0: not measured)");
            }
            if (nalsm != null) nalsm.conclude();
            liquid.inputs(Mnist.PIXELS).conclude();
            readout.conclude();
            return this;
        }
    }

    /**
     * The outcome.
     *
     * @param accuracy         test accuracy
     * @param trainAccuracy    accuracy on the training images
     * @param confusion        test confusion counts {@code [true][predicted]}
     * @param predicted        test predictions
     * @param labels           test labels
     * @param imagesPerSecond  liquid simulation speed (train and test images over simulation time)
     * @param meanRate         mean liquid firing rate during the windows, Hz
     * @param seconds          total wall time
     * @param branching        branching factor of the liquid used, on the first test images (null if not measured)
     * @param learned          what NALSM's phase 1 learned and measured (null for the plain liquid)
     */
    public record Result(double accuracy, double trainAccuracy, int[][] confusion, int[] predicted, int[] labels,
                         double imagesPerSecond, double meanRate, double seconds, Lsm.Branching branching,
                         Nalsm.Learned learned) {
    }

    /** Runs the whole task: liquid features for train and test images, readout, score. */
    public static Result run(Mnist.Images train, Mnist.Images test, Context ctx, Consumer<String> log) {
        check(train, test, ctx);
        long t0 = System.nanoTime();
        Liquid liquid = liquid(train, ctx, log);
        Lsm lsm = liquid.lsm();
        Nalsm.Learned learned = liquid.learned();
        Lsm.Branching branching = null;
        if (ctx.branchingImages > 0) {
            int k = Math.min(ctx.branchingImages, test.count());
            branching = lsm.branching(encoder(test, ctx, 3, ctx.window), k, ctx.window, ctx.gap, 2, 5);
            log.accept("branching factor on " + k + " test images: " + branching);
        }
        int n = lsm.neurons() * ctx.bins;
        long s0 = System.nanoTime();
        byte[] trainF = features(lsm, train, ctx.trainImages, ctx, 0, log, "train");
        byte[] testF = features(lsm, test, ctx.testImages, ctx, 1, log, "test");
        double simSeconds = (System.nanoTime() - s0) / 1e9;
        long spikes = 0;
        for (byte b : testF) spikes += b & 0xFF;
        double rate = spikes / ((double) ctx.testImages * lsm.neurons() * ctx.window / 1000);
        int[] trainLabels = new int[ctx.trainImages];
        System.arraycopy(train.labels(), 0, trainLabels, 0, ctx.trainImages);
        int[] testLabels = new int[ctx.testImages];
        System.arraycopy(test.labels(), 0, testLabels, 0, ctx.testImages);
        log.accept("readout: softmax regression on " + n + " features");
        Features ftr = Features.ofUnsignedBytes(trainF, ctx.trainImages, n);
        Features fte = Features.ofUnsignedBytes(testF, ctx.testImages, n);
        SoftmaxRegression model = SoftmaxRegression.fit(ftr, trainLabels, Mnist.CLASSES, ctx.readout,
                (epoch, loss) -> log.accept(String.format("readout: epoch %d loss %.4f", epoch, loss)));
        double trainAcc = Metrics.accuracy(model.predict(ftr), trainLabels);
        int[] pred = model.predict(fte);
        double acc = Metrics.accuracy(pred, testLabels);
        return new Result(acc, trainAcc, Metrics.confusion(pred, testLabels, Mnist.CLASSES), pred, testLabels,
                (ctx.trainImages + ctx.testImages) / simSeconds, rate, (System.nanoTime() - t0) / 1e9, branching, learned);
    }

    /**
     * Validates {@code ctx} and that the data hold the images it asks for ({@code test} null: training
     * images only).
     */
    private static void check(Mnist.Images train, Mnist.Images test, Context ctx) {
        ctx.conclude();
        if (test == null && ctx.trainImages > train.count()) {
            throw new IllegalArgumentException("mnist-lsm: asked for " + ctx.trainImages + " training images; the data have " + train.count());
        }
        if (test != null && (ctx.trainImages > train.count() || ctx.testImages > test.count())) {
            throw new IllegalArgumentException("mnist-lsm: asked for " + ctx.trainImages + " training and " + ctx.testImages
                    + " test images; the data have " + train.count() + " and " + test.count());
        }
        if (ctx.nalsm != null && ctx.nalsm.samples() > train.count()) {
            throw new IllegalArgumentException("mnist-lsm: NALSM phase 1 asks for " + ctx.nalsm.samples()
                    + " training images; the data have " + train.count());
        }
    }

    /** A liquid and, for a NALSM liquid, what its phase 1 learned (else null). */
    private record Liquid(Lsm lsm, Nalsm.Learned learned) {
    }

    /** The liquid of {@code ctx}: built, and learned by NALSM's phase 1 first when {@code ctx} asks for it. */
    private static Liquid liquid(Mnist.Images train, Context ctx, Consumer<String> log) {
        Lsm lsm = new Lsm(ctx.liquid);
        log.accept(String.format("liquid: %d neurons (%d E, %d I), %d recurrent and %d input synapses",
                lsm.neurons(), lsm.excitatory(), lsm.inhibitory(), lsm.synapses(), lsm.inputSynapses()));
        if (ctx.nalsm != null) {
            Nalsm.Context nc = ctx.nalsm;
            log.accept(String.format("nalsm phase 1: %d training images, %.0f ms + %.0f ms each, Wmax %.0f pA", nc.samples(),
                    nc.window(), nc.gap(), nc.wmax()));
            Nalsm.Learned learned = Nalsm.learn(lsm, nc, encoder(train, ctx, 2, nc.window()), log);
            lsm = learned.liquid();
            log.accept(String.format("nalsm phase 1 done in %.0f s; mean w EE %.1f EI %.1f IE %.1f II %.1f in %.1f/%.1f pA",
                    learned.seconds(), lsm.meanWeight(0), lsm.meanWeight(1), lsm.meanWeight(2), lsm.meanWeight(3),
                    lsm.meanWeight(4), lsm.meanWeight(5)));
            return new Liquid(lsm, learned);
        }
        return new Liquid(lsm, null);
    }

    /**
     * Liquid features of the first {@code rows} training images, row-major unsigned byte counts
     * ({@code columns} = neurons x bins per row), as {@link #run} computes them.
     */
    public record TrainingFeatures(byte[] counts, int rows, int columns) {
    }

    /**
     * The features {@link #run} would train its readout on ({@code ctx.trainImages} training images),
     * without a readout: for choosing readout settings on a split of the training images.
     */
    public static TrainingFeatures features(Mnist.Images train, Context ctx, Consumer<String> log) {
        check(train, null, ctx);
        Lsm lsm = liquid(train, ctx, log).lsm();
        return new TrainingFeatures(features(lsm, train, ctx.trainImages, ctx, 0, log, "train"), ctx.trainImages,
                lsm.neurons() * ctx.bins);
    }

    /** Poisson rate code of the images within {@code (0, windowMs]}, input seed {@code (seed, set, image)}. */
    private static Lsm.Encoder encoder(Mnist.Images images, Context ctx, int set, double windowMs) {
        double dt = ctx.liquid.dt();
        long key = Rng.key(ctx.seed, 0x3A15, set, 0);
        return i -> {
            double[] x = new double[Mnist.PIXELS];
            for (int p = 0; p < Mnist.PIXELS; p++) x[p] = images.pixel(i, p) / 255.0;
            return Encoders.poisson(x, ctx.maxRate, windowMs, dt, Rng.key(key, i));
        };
    }

    private static byte[] features(Lsm lsm, Mnist.Images images, int count, Context ctx, int set, Consumer<String> log,
                                   String name) {
        long start = System.nanoTime();
        long[] last = {start};
        return lsm.present(encoder(images, ctx, set, ctx.window), count, ctx.window, ctx.gap, ctx.bins, ctx.chunk, ctx.reset, (done, total) -> {
            long now = System.nanoTime();
            if (now - last[0] > 5e9 || done == total) {
                last[0] = now;
                double s = (now - start) / 1e9;
                log.accept(String.format("%s images: %d / %d (%.0f%%, %.0f images/s)", name, done, total, 100.0 * done / total, done / s));
            }
        });
    }
}
