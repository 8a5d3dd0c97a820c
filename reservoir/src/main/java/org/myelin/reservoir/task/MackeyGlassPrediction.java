package org.myelin.reservoir.task;

import org.ejml.data.DMatrixRMaj;
import org.myelin.reservoir.Esn;
import org.myelin.reservoir.readout.LinearReadout;
import org.myelin.reservoir.readout.Ridge;
import org.myelin.reservoir.readout.Rows;

/**
 * Mackey-Glass prediction with an echo-state network whose input is the series itself, sampled
 * once per time unit ({@link MackeyGlass}).
 *
 * <ul>
 * <li><b>One step</b>: after input {@code x(t)} the readout outputs {@code x(t+1)}; RMSE and NRMSE on
 * held-out steps. The ridge regularisation is cross-validated on the training steps.</li>
 * <li><b>Free running ({@code horizon} steps, 84 by default)</b>: the same one-step readout, trained
 * with the true series as input (teacher forcing); at test the network is driven by the true series
 * up to a start point, then its own prediction is fed back as the next input for {@code horizon}
 * steps. As in Jaeger and Haas (2004) the score is the NRMSE at the last step over many independent
 * start points, {@code sqrt(mean_i (y_i(84) - x_i(84))^2 / var(x))}. The regularisation is chosen on
 * validation start points (disjoint from the test ones) by the same free-running criterion, since
 * the one-step optimum is often unstable when the loop is closed.</li>
 * </ul>
 * Features: the state and the current input; the readout has an unpenalised intercept.
 */
public final class MackeyGlassPrediction {
    private MackeyGlassPrediction() {
    }

    /** Settings with defaults. */
    public static final class Context {
        private int discard = 1000;
        private int washout = 500;
        private int train = 4000;
        private int test = 1000;
        private int horizon = 84;
        private int trials = 50;
        private int spacing = 100;
        private int folds = 5;
        private double ridge = Double.NaN;
        private double[] grid = Ridge.grid(-14, -2, 2);

        /** Time units of the series dropped before use (transient from the constant history). */
        public Context discard(int d) {
            discard = d;
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

        /** One-step test steps. */
        public Context test(int t) {
            test = t;
            return this;
        }

        /** Free-running steps (84 in Jaeger and Haas 2004). */
        public Context horizon(int h) {
            horizon = h;
            return this;
        }

        /** Free-running test start points (and as many validation ones). */
        public Context trials(int n) {
            trials = n;
            return this;
        }

        /** Steps between start points (at least the horizon). */
        public Context spacing(int s) {
            spacing = s;
            return this;
        }

        public Context folds(int f) {
            folds = f;
            return this;
        }

        /** A fixed regularisation relative to the mean Gram diagonal (NaN: select it; default). */
        public Context ridge(double r) {
            ridge = r;
            return this;
        }

        /** Relative regularisation grid for selection. */
        public Context grid(double[] g) {
            grid = g.clone();
            return this;
        }

        public int horizon() {
            return horizon;
        }

        public int trials() {
            return trials;
        }

        public Context conclude() {
            if (discard < 0) throw new IllegalArgumentException("mackey-glass: discard = " + discard + "; valid: >= 0");
            if (washout < 0) throw new IllegalArgumentException("mackey-glass: washout = " + washout + "; valid: >= 0");
            if (train < 2 * folds) throw new IllegalArgumentException("mackey-glass: train = " + train + "; valid: >= 2 * folds");
            if (test < 2) throw new IllegalArgumentException("mackey-glass: test = " + test + "; valid: >= 2");
            if (horizon < 1) throw new IllegalArgumentException("mackey-glass: horizon = " + horizon + "; valid: >= 1");
            if (trials < 1) throw new IllegalArgumentException("mackey-glass: trials = " + trials + "; valid: >= 1");
            if (spacing < horizon) throw new IllegalArgumentException("mackey-glass: spacing = " + spacing + "; valid: >= horizon = " + horizon);
            if (folds < 2) throw new IllegalArgumentException("mackey-glass: folds = " + folds + "; valid: >= 2");
            if (grid.length == 0) throw new IllegalArgumentException("mackey-glass: empty regularisation grid");
            return this;
        }
    }

    /**
     * The outcome.
     *
     * @param rmse       one step: test RMSE; free running: RMSE at the last step over the trials
     * @param nrmse      the same over the standard deviation of the series
     * @param prediction one step: test predictions; free running: the first trial's trajectory
     * @param target     the matching true values
     * @param curve      free running: NRMSE per step 1..horizon over the trials; one step: null
     * @param lambda     the absolute regularisation used
     * @param warning    a note when the regularisation search ended at its grid's edge, else null
     */
    public record Result(double rmse, double nrmse, double[] prediction, double[] target, double[] curve, double lambda,
                         String warning) {
    }

    private static void checkEsn(Esn esn) {
        if (esn.inputs() != 1 || esn.feedbacks() != 0) {
            throw new IllegalArgumentException("mackey-glass needs an ESN with 1 input and no feedback; got "
                    + esn.inputs() + " inputs, " + esn.feedbacks() + " feedbacks");
        }
    }

    private static DMatrixRMaj features(DMatrixRMaj states, double[] input, int from, int to) {
        double[] u = new double[to - from];
        System.arraycopy(input, from, u, 0, to - from);
        return Rows.concat(Rows.slice(states, from, to), Rows.column(u));
    }

    /** One-step prediction. */
    public static Result oneStep(Esn esn, Context ctx) {
        ctx.conclude();
        checkEsn(esn);
        int total = ctx.washout + ctx.train + ctx.test;
        double[] s = MackeyGlass.series(total + 1, ctx.discard);
        double[] in = new double[total];
        System.arraycopy(s, 0, in, 0, total);
        DMatrixRMaj states = esn.run(Esn.column(in));
        int w = ctx.washout, a = w + ctx.train;
        DMatrixRMaj xTrain = features(states, in, w, a);
        DMatrixRMaj yTrain = new DMatrixRMaj(ctx.train, 1);
        for (int t = w; t < a; t++) yTrain.data[t - w] = s[t + 1];
        LinearReadout r;
        String warning = null;
        if (Double.isNaN(ctx.ridge)) {
            Ridge.Search search = Ridge.crossValidate(xTrain, yTrain, ctx.grid, ctx.folds, true);
            r = search.readout();
            warning = search.warning();
        } else {
            Ridge.Path p = Ridge.path(xTrain, yTrain);
            r = p.readout(ctx.ridge * p.scale());
        }
        double[] pred = Rows.column(r.predict(features(states, in, a, total)), 0);
        double[] target = new double[ctx.test];
        System.arraycopy(s, a + 1, target, 0, ctx.test);
        double rmse = Metrics.rmse(pred, target);
        return new Result(rmse, rmse / Math.sqrt(Metrics.variance(s)), pred, target, null, r.lambda(), warning);
    }

    /** Free-running prediction over {@code horizon} steps from many start points. */
    public static Result freeRun(Esn esn, Context ctx) {
        ctx.conclude();
        checkEsn(esn);
        int w = ctx.washout, a = w + ctx.train;
        int segment = ctx.trials * ctx.spacing;
        int total = a + 2 * segment + ctx.horizon;
        double[] s = MackeyGlass.series(total + 1, ctx.discard);
        double var = Metrics.variance(s);
        // teacher-forced run over everything; states at each step kept for the start points
        double[] in = new double[total];
        System.arraycopy(s, 0, in, 0, total);
        DMatrixRMaj states = esn.run(Esn.column(in));
        DMatrixRMaj xTrain = features(states, in, w, a);
        DMatrixRMaj yTrain = new DMatrixRMaj(ctx.train, 1);
        for (int t = w; t < a; t++) yTrain.data[t - w] = s[t + 1];
        Ridge.Path path = Ridge.path(xTrain, yTrain);
        double scale = path.scale();
        double[] grid = Double.isNaN(ctx.ridge) ? ctx.grid : new double[] {ctx.ridge};
        int best = 0;
        double bestErr = Double.POSITIVE_INFINITY;
        LinearReadout chosen = null;
        for (int g = 0; g < grid.length; g++) {
            LinearReadout r = path.readout(grid[g] * scale);
            if (grid.length == 1) {
                chosen = r;
                break;
            }
            double[] sq = closedLoop(esn, r, states, s, a, ctx, null, null);
            double err = sq[ctx.horizon - 1];
            if (err < bestErr) { // NaN (diverged) never wins
                bestErr = err;
                best = g;
                chosen = r;
            }
        }
        if (chosen == null) chosen = path.readout(grid[grid.length - 1] * scale);
        String warning = grid.length > 1 && (best == 0 || best == grid.length - 1)
                ? "mackey-glass: the selected regularisation " + grid[best] + " (relative) is at the edge of the grid ["
                        + grid[0] + ", " + grid[grid.length - 1] + "]" : null;
        double[] first = new double[ctx.horizon];
        double[] firstTarget = new double[ctx.horizon];
        double[] sq = closedLoop(esn, chosen, states, s, a + segment, ctx, first, firstTarget);
        double[] curve = new double[ctx.horizon];
        for (int h = 0; h < ctx.horizon; h++) curve[h] = Math.sqrt(sq[h] / var);
        double rmse = Math.sqrt(sq[ctx.horizon - 1]);
        return new Result(rmse, rmse / Math.sqrt(var), first, firstTarget, curve, chosen.lambda(), warning);
    }

    /**
     * Mean squared error per step over {@code trials} free runs starting at {@code from},
     * {@code from + spacing}, ...; each starts from the teacher-forced state at its start point.
     * Restores nothing: the ESN's state is overwritten.
     */
    private static double[] closedLoop(Esn esn, LinearReadout r, DMatrixRMaj states, double[] s, int from, Context ctx,
                                       double[] firstPred, double[] firstTarget) {
        int n = esn.units();
        double[] state = new double[n];
        double[] feat = new double[n + 1];
        double[] out = new double[1];
        double[] u = new double[1];
        double[] sq = new double[ctx.horizon];
        for (int k = 0; k < ctx.trials; k++) {
            int t0 = from + k * ctx.spacing; // the state after input s[t0 - 1] is row t0 - 1
            System.arraycopy(states.data, (t0 - 1) * n, state, 0, n);
            esn.setState(state);
            // prediction of s[t0] from the teacher-forced state
            System.arraycopy(state, 0, feat, 0, n);
            feat[n] = s[t0 - 1];
            r.predict(feat, out);
            for (int h = 0; h < ctx.horizon; h++) {
                double e = out[0] - s[t0 + h];
                sq[h] += e * e / ctx.trials;
                if (k == 0 && firstPred != null) {
                    firstPred[h] = out[0];
                    firstTarget[h] = s[t0 + h];
                }
                if (h + 1 < ctx.horizon) {
                    u[0] = out[0];
                    double[] x = esn.step(u, null);
                    System.arraycopy(x, 0, feat, 0, n);
                    feat[n] = u[0];
                    r.predict(feat, out);
                    if (!Double.isFinite(out[0]) || Math.abs(out[0]) > 1e6) {
                        for (int q = h + 1; q < ctx.horizon; q++) sq[q] = Double.NaN;
                        return sq;
                    }
                }
            }
        }
        return sq;
    }
}
