package org.myelin.reservoir.task;

import org.ejml.data.DMatrixRMaj;
import org.myelin.core.Rng;
import org.myelin.reservoir.Esn;
import org.myelin.reservoir.Reservoir;
import org.myelin.reservoir.readout.ErrorModulated;
import org.myelin.reservoir.readout.LinearReadout;
import org.myelin.reservoir.readout.Ridge;
import org.myelin.reservoir.readout.Rows;

/**
 * NARMA-10, the tenth-order nonlinear autoregressive moving-average system (Atiya and Parlos 2000):
 * <pre>
 *   y(t+1) = 0.3 y(t) + 0.05 y(t) sum_{i=0..9} y(t-i) + 1.5 u(t-9) u(t) + 0.1,   u(t) ~ U[0, 0.5]
 * </pre>
 * with {@code y(t) = 0} for {@code t < 10}. The reservoir sees {@code u(t)} and must output
 * {@code y(t+1)}. The score is NRMSE on held-out test steps, {@code sqrt(MSE / var(y))}.
 *
 * <p>The system diverges for rare input sequences; a sequence whose output leaves [-10, 10] is
 * discarded and the next one of the seed's stream drawn (deterministically), and
 * {@link Data#redraws()} says how often that happened.
 */
public final class Narma10 {
    private Narma10() {
    }

    /**
     * A sequence: {@code target[t] = y(t+1)} is what the reservoir must output after input {@code u[t]}.
     *
     * @param redraws sequences discarded because they diverged
     */
    public record Data(double[] u, double[] target, int redraws) {
    }

    /** {@code length} aligned (input, target) pairs. */
    public static Data generate(int length, long seed) {
        if (length < 1) throw new IllegalArgumentException("narma10: length = " + length + "; valid: >= 1");
        for (int attempt = 0; attempt < 1000; attempt++) {
            Rng.Stream s = new Rng.Stream(Rng.key(seed, 0xA7A, attempt, 0));
            double[] u = new double[length];
            for (int t = 0; t < length; t++) u[t] = 0.5 * s.nextDouble();
            double[] y = recurrence(u);
            boolean ok = true;
            for (double v : y) {
                if (!(Math.abs(v) <= 10)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                double[] target = new double[length];
                System.arraycopy(y, 1, target, 0, length);
                return new Data(u, target, attempt);
            }
        }
        throw new IllegalStateException("narma10: 1000 input sequences in a row diverged; seed " + seed);
    }

    /** {@code y(0..T)} for inputs {@code u(0..T-1)} (one more output than inputs). */
    public static double[] recurrence(double[] u) {
        int n = u.length;
        double[] y = new double[n + 1];
        for (int t = 9; t < n; t++) {
            double sum = 0;
            for (int i = 0; i < 10; i++) sum += y[t - i];
            y[t + 1] = 0.3 * y[t] + 0.05 * y[t] * sum + 1.5 * u[t - 9] * u[t] + 0.1;
        }
        return y;
    }

    /** Settings with defaults. */
    public static final class Context {
        private int washout = 200;
        private int train = 10000;
        private int test = 2000;
        private long seed = 1;
        private int folds = 5;
        private boolean inputInReadout = true;
        private ErrorModulated.Context online;

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

        /** Folds for cross-validating the ridge regularisation. */
        public Context folds(int f) {
            folds = f;
            return this;
        }

        /** Whether the readout sees the input {@code u(t)} beside the state (default true). */
        public Context inputInReadout(boolean b) {
            inputInReadout = b;
            return this;
        }

        /**
         * Trains the readout online with the error-modulated rule ({@link ErrorModulated}) instead of
         * cross-validated ridge regression; null (the default): ridge.
         */
        public Context online(ErrorModulated.Context c) {
            online = c;
            return this;
        }

        public Context conclude() {
            if (online != null) online.conclude();
            if (washout < 0) throw new IllegalArgumentException("narma10: washout = " + washout + "; valid: >= 0");
            if (train < 2 * folds || train < 1) throw new IllegalArgumentException("narma10: train = " + train + "; valid: >= 2 * folds");
            if (test < 2) throw new IllegalArgumentException("narma10: test = " + test + "; valid: >= 2");
            if (folds < 2) throw new IllegalArgumentException("narma10: folds = " + folds + "; valid: >= 2");
            return this;
        }
    }

    /**
     * The outcome.
     *
     * @param nrmse      test NRMSE
     * @param prediction test predictions
     * @param target     test targets
     * @param lambda     the cross-validated regularisation (NaN for the online readout)
     * @param warning    the ridge search's edge warning, or null
     */
    public record Result(double nrmse, double[] prediction, double[] target, double lambda, String warning) {
    }

    /** Trains and tests {@code esn} (1 input, no feedback) on a fresh NARMA-10 sequence. */
    public static Result evaluate(Reservoir esn, Context ctx) {
        ctx.conclude();
        if (esn.inputs() != 1 || esn.feedbacks() != 0) {
            throw new IllegalArgumentException("narma10 needs an ESN with 1 input and no feedback; got "
                    + esn.inputs() + " inputs, " + esn.feedbacks() + " feedbacks");
        }
        int total = ctx.washout + ctx.train + ctx.test;
        Data d = generate(total, ctx.seed);
        DMatrixRMaj states = esn.run(Esn.column(d.u()));
        if (ctx.inputInReadout) states = Rows.concat(states, Rows.column(d.u()));
        return evaluate(states, d.target(), ctx);
    }

    /** Trains and tests a readout on given features (one row per step) against {@code target}. */
    public static Result evaluate(DMatrixRMaj features, double[] target, Context ctx) {
        ctx.conclude();
        int w = ctx.washout, a = w + ctx.train, b = a + ctx.test;
        if (features.numRows != b || target.length != b) {
            throw new IllegalArgumentException("narma10: " + features.numRows + " feature rows and " + target.length
                    + " targets; valid: washout + train + test = " + b + " of each");
        }
        for (int t = 0; t < b; t++) {
            if (!Double.isFinite(target[t])) {
                throw new IllegalArgumentException("narma10: target series holds " + target[t] + " at step " + t + "; valid: finite values");
            }
        }
        DMatrixRMaj y = Rows.column(target);
        double[] tt = new double[ctx.test];
        System.arraycopy(target, a, tt, 0, ctx.test);
        if (ctx.online != null) {
            LinearReadout r = ErrorModulated.fit(Rows.slice(features, w, a), Rows.slice(y, w, a), ctx.online);
            double[] pred = Rows.column(r.predict(Rows.slice(features, a, b)), 0);
            return new Result(Metrics.nrmse(pred, tt), pred, tt, Double.NaN, null);
        }
        Ridge.Search s = Ridge.crossValidate(Rows.slice(features, w, a), Rows.slice(y, w, a), ctx.folds);
        LinearReadout r = s.readout();
        double[] pred = Rows.column(r.predict(Rows.slice(features, a, b)), 0);
        return new Result(Metrics.nrmse(pred, tt), pred, tt, s.lambda(), s.warning());
    }
}
