package org.myelin.reservoir.readout;

import org.ejml.data.DMatrixRMaj;
import org.myelin.core.Rng;

/**
 * Multinomial logistic (softmax) regression for classifying reservoir states:
 * {@code p(c | x) = softmax(W^T z + b)_c} with {@code z} the standardised features, trained by
 * minimising the mean cross-entropy plus {@code l2/2 |W|^2} with mini-batch Adam (Kingma and Ba
 * 2015). Samples are shuffled each epoch by a counter-based stream, so one seed gives one model.
 * Two classes make it plain logistic regression (with a redundant but harmless second column).
 *
 * <p>Features are scaled by the inverse of their training standard deviation (constant features are
 * dropped) but not centred, so sparse features (spike counts) stay sparse and cost in proportion
 * to their non-zeros; the intercepts absorb the means. The scaling is part of the model and
 * applied by {@link #predict}.
 */
public final class SoftmaxRegression {
    private final int features;
    private final int classes;
    private final double[] scale;
    private final double[] w; // features x classes
    private final double[] b;

    private SoftmaxRegression(int features, int classes, double[] scale, double[] w, double[] b) {
        this.features = features;
        this.classes = classes;
        this.scale = scale;
        this.w = w;
        this.b = b;
    }

    /** Training settings with defaults. */
    public static final class Context {
        private double l2 = 1e-4;
        private int epochs = 30;
        private int batch = 64;
        private double rate = 1e-3;
        private boolean cosine;
        private long seed = 1;

        public Context l2(double v) {
            l2 = v;
            return this;
        }

        public Context epochs(int v) {
            epochs = v;
            return this;
        }

        public Context batch(int v) {
            batch = v;
            return this;
        }

        /** Adam step size. */
        public Context rate(double v) {
            rate = v;
            return this;
        }

        /**
         * Anneal the step size over the run by a half cosine, {@code rate (1 + cos(pi s / S)) / 2} at
         * mini-batch step {@code s} of {@code S} (Loshchilov and Hutter 2017, without restarts), so the
         * last epochs settle instead of hovering at the constant step's noise floor. Default: off.
         */
        public Context cosine(boolean on) {
            cosine = on;
            return this;
        }

        public Context seed(long v) {
            seed = v;
            return this;
        }

        public Context conclude() {
            if (!(l2 >= 0)) throw new IllegalArgumentException("softmax: l2 = " + l2 + "; valid: >= 0");
            if (epochs < 1) throw new IllegalArgumentException("softmax: epochs = " + epochs + "; valid: >= 1");
            if (batch < 1) throw new IllegalArgumentException("softmax: batch = " + batch + "; valid: >= 1");
            if (!(rate > 0)) throw new IllegalArgumentException("softmax: rate = " + rate + "; valid: > 0");
            return this;
        }
    }

    /** Receives the mean training loss after each epoch. */
    public interface Progress {
        void epoch(int epoch, double loss);
    }

    /** Trains on rows of {@code x} with labels in {@code 0..classes-1}. */
    public static SoftmaxRegression fit(DMatrixRMaj x, int[] labels, int classes, Context ctx, Progress progress) {
        Rows.checkFinite(x, "softmax: feature matrix");
        return fit(Features.of(x), labels, classes, ctx, progress);
    }

    /** Trains on the rows of a feature source. */
    public static SoftmaxRegression fit(Features x, int[] labels, int classes, Context ctx, Progress progress) {
        ctx.conclude();
        int n = x.rows(), f = x.columns();
        if (n == 0) throw new IllegalArgumentException("softmax: empty training set (0 rows)");
        if (labels.length != n) throw new IllegalArgumentException("softmax: " + n + " rows but " + labels.length + " labels");
        if (classes < 2) throw new IllegalArgumentException("softmax: classes = " + classes + "; valid: >= 2");
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("softmax: label " + labels[i] + " at row " + i + " is invalid; valid: 0.." + (classes - 1));
            }
        }
        double[] mean = new double[f], sq = new double[f];
        double[] row = new double[f];
        for (int r = 0; r < n; r++) {
            x.row(r, row);
            for (int j = 0; j < f; j++) {
                double v = row[j];
                if (v == 0) continue;
                if (!Double.isFinite(v)) throw new IllegalArgumentException("softmax: feature " + j + " of row " + r + " is " + v);
                mean[j] += v;
                sq[j] += v * v;
            }
        }
        double[] scale = new double[f];
        for (int j = 0; j < f; j++) {
            double m = mean[j] / n;
            double s = Math.sqrt(Math.max(0, sq[j] / n - m * m));
            scale[j] = s > 1e-12 * Math.max(1, Math.abs(m)) ? 1 / s : 0;
        }
        int c = classes;
        double[] w = new double[f * c], b = new double[c];
        double[] mw = new double[f * c], vw = new double[f * c], mb = new double[c], vb = new double[c];
        double[] gw = new double[f * c], gb = new double[c];
        double[] z = new double[f], logits = new double[c];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        long key = Rng.key(ctx.seed, 0x50F7, n, f);
        final double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        long t = 0;
        final long steps = (long) ctx.epochs * ((n + ctx.batch - 1) / ctx.batch);
        for (int epoch = 0; epoch < ctx.epochs; epoch++) {
            // Fisher-Yates shuffle from the counter-based stream
            Rng.Stream s = new Rng.Stream(Rng.key(key, epoch));
            for (int i = n - 1; i > 0; i--) {
                int j = s.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            double loss = 0;
            for (int start = 0; start < n; start += ctx.batch) {
                int end = Math.min(n, start + ctx.batch);
                java.util.Arrays.fill(gw, 0);
                java.util.Arrays.fill(gb, 0);
                for (int q = start; q < end; q++) {
                    int r = order[q];
                    x.row(r, row);
                    for (int j = 0; j < f; j++) z[j] = row[j] * scale[j];
                    loss += softmax(w, b, z, f, c, logits, labels[r]);
                    logits[labels[r]] -= 1; // gradient of cross-entropy w.r.t. logits
                    for (int j = 0; j < f; j++) {
                        double zj = z[j];
                        if (zj == 0) continue;
                        int base = j * c;
                        for (int k = 0; k < c; k++) gw[base + k] += zj * logits[k];
                    }
                    for (int k = 0; k < c; k++) gb[k] += logits[k];
                }
                double inv = 1.0 / (end - start);
                double step = ctx.cosine ? ctx.rate * 0.5 * (1 + Math.cos(Math.PI * t / steps)) : ctx.rate;
                t++;
                double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
                for (int i = 0; i < w.length; i++) {
                    double g = gw[i] * inv + ctx.l2 * w[i];
                    mw[i] = beta1 * mw[i] + (1 - beta1) * g;
                    vw[i] = beta2 * vw[i] + (1 - beta2) * g * g;
                    w[i] -= step * (mw[i] / c1) / (Math.sqrt(vw[i] / c2) + eps);
                }
                for (int k = 0; k < c; k++) {
                    double g = gb[k] * inv;
                    mb[k] = beta1 * mb[k] + (1 - beta1) * g;
                    vb[k] = beta2 * vb[k] + (1 - beta2) * g * g;
                    b[k] -= step * (mb[k] / c1) / (Math.sqrt(vb[k] / c2) + eps);
                }
            }
            if (progress != null) progress.epoch(epoch + 1, loss / n);
        }
        return new SoftmaxRegression(f, c, scale, w, b);
    }

    /** Fills {@code p} with class probabilities; returns -log p[label] (label may be -1: 0 returned). */
    private static double softmax(double[] w, double[] b, double[] z, int f, int c, double[] p, int label) {
        for (int k = 0; k < c; k++) p[k] = b[k];
        for (int j = 0; j < f; j++) {
            double zj = z[j];
            if (zj == 0) continue;
            int base = j * c;
            for (int k = 0; k < c; k++) p[k] += w[base + k] * zj;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) max = Math.max(max, p[k]);
        double sum = 0;
        for (int k = 0; k < c; k++) {
            p[k] = Math.exp(p[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < c; k++) p[k] /= sum;
        return label >= 0 ? -Math.log(Math.max(p[label], 1e-300)) : 0;
    }

    public int features() {
        return features;
    }

    public int classes() {
        return classes;
    }

    /** Class probabilities for one feature vector. */
    public double[] probabilities(double[] x) {
        if (x.length != features) throw new IllegalArgumentException("softmax: " + x.length + " features; the model takes " + features);
        double[] z = new double[features];
        for (int j = 0; j < features; j++) z[j] = x[j] * scale[j];
        double[] p = new double[classes];
        softmax(w, b, z, features, classes, p, -1);
        return p;
    }

    /** The most probable class of every row. */
    public int[] predict(DMatrixRMaj x) {
        return predict(Features.of(x));
    }

    /** The most probable class of every row. */
    public int[] predict(Features x) {
        if (x.columns() != features) throw new IllegalArgumentException("softmax: " + x.columns() + " features; the model takes " + features);
        int[] out = new int[x.rows()];
        double[] row = new double[features];
        for (int r = 0; r < x.rows(); r++) {
            x.row(r, row);
            double[] p = probabilities(row);
            int best = 0;
            for (int k = 1; k < classes; k++) if (p[k] > p[best]) best = k;
            out[r] = best;
        }
        return out;
    }
}
