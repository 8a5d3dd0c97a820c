package org.myelin.reservoir.task;

/**
 * The Mackey-Glass delay differential equation (Mackey and Glass 1977)
 * <pre>
 *   dx/dt = a x(t - tau) / (1 + x(t - tau)^n) - b x(t)
 * </pre>
 * with the chaotic benchmark parameters {@code tau = 17, a = 0.2, b = 0.1, n = 10} and constant
 * history {@code x(t) = x0 = 1.2} for {@code t <= 0}.
 *
 * <h2>Integration</h2>
 * Classical fourth-order Runge-Kutta with step {@code h = 1 / stepsPerUnit} time units (default
 * 0.01), so that {@code tau / h} is an integer and the delayed values {@code x(t - tau)} and
 * {@code x(t - tau + h)} fall on the grid; the midpoint value {@code x(t - tau + h/2)} needed by the
 * middle stages is interpolated by the cubic Hermite polynomial through the two neighbouring grid
 * values and their derivatives (from the equation), which is accurate to {@code O(h^4)} like the
 * method itself. On {@code [0, tau]} the delayed term is constant and the solution has the closed form
 * {@code x(t) = c/b + (x0 - c/b) e^{-bt}}, {@code c = a x0 / (1 + x0^n)}, which the tests check.
 *
 * <h2>Sampling</h2>
 * As is standard for the prediction benchmarks (Jaeger and Haas 2004; reservoirpy), the series is
 * sampled once per time unit ({@code sample step 1}); the first {@code discard} time units (the
 * transient from the constant history) are dropped.
 */
public final class MackeyGlass {
    public static final double TAU = 17, A = 0.2, B = 0.1, N = 10, X0 = 1.2;

    private MackeyGlass() {
    }

    /** {@code samples} values, one per time unit, after {@code discard} time units, h = 0.01. */
    public static double[] series(int samples, int discard) {
        return series(samples, discard, 1, 100);
    }

    /**
     * {@code samples} values spaced {@code sampleStep} time units (an integer), after
     * {@code discard} time units, integrated with {@code stepsPerUnit} RK4 steps per time unit.
     */
    public static double[] series(int samples, int discard, int sampleStep, int stepsPerUnit) {
        if (samples < 1) throw new IllegalArgumentException("mackey-glass: samples = " + samples + "; valid: >= 1");
        if (discard < 0) throw new IllegalArgumentException("mackey-glass: discard = " + discard + "; valid: >= 0");
        if (sampleStep < 1) throw new IllegalArgumentException("mackey-glass: sample step = " + sampleStep + "; valid: >= 1");
        if (stepsPerUnit < 1) throw new IllegalArgumentException("mackey-glass: steps per unit = " + stepsPerUnit + "; valid: >= 1");
        double[] grid = integrate((long) discard + (long) (samples - 1) * sampleStep, stepsPerUnit);
        double[] out = new double[samples];
        for (int i = 0; i < samples; i++) out[i] = grid[(discard + i * sampleStep) * stepsPerUnit];
        return out;
    }

    /** The right-hand side. */
    static double rhs(double x, double delayed) {
        double p = delayed * delayed; // x^10 by squaring: x^2, x^4, x^8, then x^8 x^2
        double p4 = p * p;
        double p10 = p4 * p4 * p;
        return A * delayed / (1 + p10) - B * x;
    }

    /** The solution on the grid {@code 0, h, ..., units}, {@code h = 1/stepsPerUnit}. */
    public static double[] integrate(long units, int stepsPerUnit) {
        long total = units * stepsPerUnit;
        if (total + 1 > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("mackey-glass: series too long");
        final int steps = (int) total;
        final double h = 1.0 / stepsPerUnit;
        final int d = (int) Math.round(TAU * stepsPerUnit); // tau / h, exact for integer tau
        double[] x = new double[steps + 1];
        double[] f = new double[steps + 1]; // derivative at each grid point (right derivative at 0)
        x[0] = X0;
        f[0] = rhs(X0, X0);
        for (int i = 0; i < steps; i++) {
            int j = i - d; // grid index of t - tau
            double x0, x1, xm;
            if (j + 1 <= 0) {
                // t - tau + h <= 0: all delayed values on the constant history
                x0 = X0;
                x1 = j + 1 == 0 ? x[0] : X0;
                xm = X0;
            } else {
                // j >= 0: the interval [t_j, t_j + h] lies in the computed solution
                double xa = x[j], xb = x[j + 1];
                double fa = f[j], fb = f[j + 1];
                x0 = xa;
                x1 = xb;
                xm = 0.5 * (xa + xb) + h / 8 * (fa - fb); // cubic Hermite at the midpoint
            }
            double xi = x[i];
            double k1 = rhs(xi, x0);
            double k2 = rhs(xi + 0.5 * h * k1, xm);
            double k3 = rhs(xi + 0.5 * h * k2, xm);
            double k4 = rhs(xi + h * k3, x1);
            x[i + 1] = xi + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            int jn = i + 1 - d;
            f[i + 1] = rhs(x[i + 1], jn <= 0 ? (jn == 0 ? x[0] : X0) : x[jn]);
        }
        return x;
    }
}
