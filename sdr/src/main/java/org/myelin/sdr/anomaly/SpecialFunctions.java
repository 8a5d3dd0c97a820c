package org.myelin.sdr.anomaly;

/** The complementary error function, to about 1e-15 relative accuracy (the JDK has none). */
public final class SpecialFunctions {
    private SpecialFunctions() {
    }

    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;

    /** erfc(x) = 1 - erf(x). */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2.0 - erfc(-x);
        }
        if (x < 2.5) {
            return 1.0 - erfSeries(x);
        }
        if (x > 27.3) {
            return 0.0;
        }
        return erfcContinuedFraction(x);
    }

    /** erf(x) for moderate x from the series exp(-x^2) sum 2^n x^(2n+1) / (1*3*...*(2n+1)) (all terms positive). */
    private static double erfSeries(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= 2.0 * x2 / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
    }

    /**
     * erfc(x) for x >= 2.5 from its continued fraction
     * exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), evaluated by the
     * modified Lentz method.
     */
    private static double erfcContinuedFraction(double x) {
        final double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int n = 1; n < 500; n++) {
            double a = n / 2.0;
            d = x + a * d;
            d = d == 0 ? tiny : d;
            c = x + a / c;
            c = c == 0 ? tiny : c;
            d = 1.0 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1.0) < 1e-16) {
                break;
            }
        }
        return ONE_OVER_SQRT_PI * Math.exp(-x * x) / f;
    }
}
