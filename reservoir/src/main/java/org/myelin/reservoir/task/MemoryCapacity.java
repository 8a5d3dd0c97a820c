package org.myelin.reservoir.task;

import org.ejml.data.DMatrixRMaj;
import org.myelin.core.Rng;
import org.myelin.reservoir.Esn;
import org.myelin.reservoir.Reservoir;
import org.myelin.reservoir.readout.LinearReadout;
import org.myelin.reservoir.readout.Ridge;
import org.myelin.reservoir.readout.Rows;

/**
 * Short-term memory capacity (Jaeger 2001): drive the reservoir with i.i.d. input
 * {@code u(t) ~ U[-1, 1]} and train one linear readout per delay {@code k = 1..K} to reproduce
 * {@code u(t - k)} from the state {@code x(t)}. The capacity is
 * <pre>
 *   MC = sum_{k=1..K} r^2(u(t-k), y_k(t))
 * </pre>
 * with {@code r^2} the squared correlation on held-out test steps (measuring on the training steps
 * would add a positive bias of about {@code N / T_train} per delay). For N units MC is at most N
 * (Jaeger 2001), reached by linear reservoirs whose Krylov matrix is well conditioned, e.g.
 * orthogonal ones with spectral radius near 1.
 *
 * <p>All readouts share one ridge solve (the delays are the columns of one target matrix), with the
 * regularisation fixed (relative to the mean Gram diagonal) or chosen by cross-validation.
 */
public final class MemoryCapacity {
    private MemoryCapacity() {
    }

    /** Settings with defaults; {@code maxDelay = 0} means twice the number of units. */
    public static final class Context {
        private int maxDelay;
        private int washout = 500;
        private int train = 10000;
        private int test = 5000;
        private long seed = 1;
        private double ridge = 1e-12;
        private int folds;

        public Context maxDelay(int k) {
            maxDelay = k;
            return this;
        }

        public Context washout(int w) {
            washout = w;
            return this;
        }

        public Context train(int t) {
            train = t;
            return this;
        }

        public Context test(int t) {
            test = t;
            return this;
        }

        /** Seed of the input sequence. */
        public Context seed(long s) {
            seed = s;
            return this;
        }

        /** Fixed ridge regularisation, relative to the mean diagonal of the Gram matrix. */
        public Context ridge(double r) {
            ridge = r;
            return this;
        }

        /** Folds for cross-validating the regularisation (0: use the fixed value). */
        public Context folds(int f) {
            folds = f;
            return this;
        }

        public int maxDelay() {
            return maxDelay;
        }

        public int washout() {
            return washout;
        }

        public int train() {
            return train;
        }

        public int test() {
            return test;
        }

        public Context conclude() {
            if (maxDelay < 0) throw new IllegalArgumentException("memory capacity: maxDelay = " + maxDelay + "; valid: >= 0");
            if (washout < 0) throw new IllegalArgumentException("memory capacity: washout = " + washout + "; valid: >= 0");
            if (train < 1) throw new IllegalArgumentException("memory capacity: train = " + train + "; valid: >= 1");
            if (test < 2) throw new IllegalArgumentException("memory capacity: test = " + test + "; valid: >= 2");
            if (!(ridge >= 0)) throw new IllegalArgumentException("memory capacity: ridge = " + ridge + "; valid: >= 0");
            if (folds == 1 || folds < 0) throw new IllegalArgumentException("memory capacity: folds = " + folds + "; valid: 0 or >= 2");
            return this;
        }
    }

    /**
     * The outcome.
     *
     * @param capacity the sum of {@code perDelay}
     * @param perDelay {@code r^2} for delay {@code k = 1..K} at index {@code k-1}
     * @param lambda   the absolute regularisation used
     * @param warning  with cross-validation, the ridge search's note that it ended at its grid's
     *                 edge; else null
     */
    public record Result(double capacity, double[] perDelay, double lambda, String warning) {
    }

    /** i.i.d. uniform input in [-1, 1]. */
    public static double[] input(int length, long seed) {
        Rng.Stream s = new Rng.Stream(Rng.key(seed, 0x3C, 0, 0));
        double[] u = new double[length];
        for (int t = 0; t < length; t++) u[t] = 2 * s.nextDouble() - 1;
        return u;
    }

    /** Drives {@code esn} (one input, no feedback) from its current state and measures MC. */
    public static Result evaluate(Reservoir esn, Context ctx) {
        ctx.conclude();
        if (esn.inputs() != 1 || esn.feedbacks() != 0) {
            throw new IllegalArgumentException("memory capacity needs an ESN with 1 input and no feedback; got "
                    + esn.inputs() + " inputs, " + esn.feedbacks() + " feedbacks");
        }
        int k = ctx.maxDelay > 0 ? ctx.maxDelay : 2 * esn.units();
        double[] u = input(ctx.washout + ctx.train + ctx.test, ctx.seed);
        DMatrixRMaj states = esn.run(Esn.column(u));
        return evaluate(states, u, k, ctx);
    }

    /**
     * MC from given states (one row per step, e.g. of a spiking reservoir) and the input that drove
     * them; uses the context's washout, train and test lengths.
     */
    public static Result evaluate(DMatrixRMaj states, double[] u, int maxDelay, Context ctx) {
        ctx.conclude();
        int total = ctx.washout + ctx.train + ctx.test;
        if (states.numRows != total || u.length != total) {
            throw new IllegalArgumentException("memory capacity: " + states.numRows + " state rows and " + u.length
                    + " inputs; valid: washout + train + test = " + total + " of each");
        }
        if (maxDelay < 1 || maxDelay > ctx.washout) {
            throw new IllegalArgumentException("memory capacity: maxDelay = " + maxDelay + " is invalid; valid: 1.."
                    + ctx.washout + " (at most the washout, so every target u(t-k) exists)");
        }
        for (int t = 0; t < total; t++) {
            if (!Double.isFinite(u[t])) {
                throw new IllegalArgumentException("memory capacity: input series holds " + u[t] + " at step " + t + "; valid: finite values");
            }
        }
        int w = ctx.washout;
        DMatrixRMaj y = new DMatrixRMaj(total - w, maxDelay);
        for (int t = w; t < total; t++) {
            for (int d = 1; d <= maxDelay; d++) y.data[(t - w) * maxDelay + d - 1] = u[t - d];
        }
        DMatrixRMaj x = Rows.slice(states, w, total);
        DMatrixRMaj xTrain = Rows.slice(x, 0, ctx.train), yTrain = Rows.slice(y, 0, ctx.train);
        LinearReadout r;
        String warning = null;
        if (ctx.folds >= 2) {
            Ridge.Search search = Ridge.crossValidate(xTrain, yTrain, ctx.folds);
            r = search.readout();
            warning = search.warning();
        } else {
            Ridge.Path path = Ridge.path(xTrain, yTrain);
            r = path.readout(ctx.ridge * path.scale());
        }
        DMatrixRMaj pred = r.predict(Rows.slice(x, ctx.train, ctx.train + ctx.test));
        DMatrixRMaj yTest = Rows.slice(y, ctx.train, ctx.train + ctx.test);
        double[] per = new double[maxDelay];
        double mc = 0;
        for (int d = 0; d < maxDelay; d++) {
            per[d] = Metrics.squaredCorrelation(Rows.column(pred, d), Rows.column(yTest, d));
            mc += per[d];
        }
        return new Result(mc, per, r.lambda(), warning);
    }
}
