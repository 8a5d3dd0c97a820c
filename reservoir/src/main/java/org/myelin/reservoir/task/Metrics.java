package org.myelin.reservoir.task;

/** Error and score measures over paired series. */
public final class Metrics {
    private Metrics() {
    }

    private static void same(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("series differ in length: " + a.length + " and " + b.length);
        if (a.length == 0) throw new IllegalArgumentException("empty series");
    }

    public static double mean(double[] a) {
        double s = 0;
        for (double x : a) s += x;
        return s / a.length;
    }

    /** Population variance. */
    public static double variance(double[] a) {
        double m = mean(a), s = 0;
        for (double x : a) s += (x - m) * (x - m);
        return s / a.length;
    }

    /** Root-mean-square error. */
    public static double rmse(double[] prediction, double[] target) {
        same(prediction, target);
        double s = 0;
        for (int i = 0; i < target.length; i++) {
            double e = prediction[i] - target[i];
            s += e * e;
        }
        return Math.sqrt(s / target.length);
    }

    /** RMSE over the target's standard deviation: {@code sqrt(MSE / var(target))}. */
    public static double nrmse(double[] prediction, double[] target) {
        return rmse(prediction, target) / Math.sqrt(variance(target));
    }

    /** Squared Pearson correlation; 0 when either series is constant. */
    public static double squaredCorrelation(double[] a, double[] b) {
        same(a, b);
        double ma = mean(a), mb = mean(b);
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        if (saa == 0 || sbb == 0) return 0;
        return sab * sab / (saa * sbb);
    }

    /** Fraction of equal labels. */
    public static double accuracy(int[] predicted, int[] truth) {
        if (predicted.length != truth.length) throw new IllegalArgumentException("label arrays differ in length");
        int ok = 0;
        for (int i = 0; i < truth.length; i++) if (predicted[i] == truth[i]) ok++;
        return ok / (double) truth.length;
    }

    /** Confusion counts {@code [truth][predicted]}. */
    public static int[][] confusion(int[] predicted, int[] truth, int classes) {
        int[][] c = new int[classes][classes];
        for (int i = 0; i < truth.length; i++) c[truth[i]][predicted[i]]++;
        return c;
    }

    /** Mean and sample standard deviation of {@code values}: {mean, std}. */
    public static double[] meanStd(double[] values) {
        double m = mean(values), s = 0;
        for (double v : values) s += (v - m) * (v - m);
        return new double[] {m, values.length > 1 ? Math.sqrt(s / (values.length - 1)) : 0};
    }
}
