package org.myelin.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;

import org.junit.jupiter.api.Test;

/**
 * {@link IafPropagator} against the closed forms, evaluated in 80-digit decimal arithmetic so that
 * the reference keeps its accuracy where the double formulas lose it to cancellation (near
 * {@code tau_m == tau_syn}).
 */
class IafPropagatorTest {
    private static final MathContext MC = new MathContext(80);
    private static final double C = 250;

    // ---- reference: closed forms in BigDecimal ------------------------------------------------

    /** e^x by halving the argument until it is small, a Taylor series, and squaring back. */
    static BigDecimal exp(BigDecimal x) {
        int halvings = 0;
        BigDecimal y = x;
        while (y.abs().compareTo(new BigDecimal("0.01")) > 0) {
            y = y.divide(BigDecimal.valueOf(2), MC);
            halvings++;
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int k = 1; k < 60; k++) {
            term = term.multiply(y, MC).divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(term, MC);
        }
        for (int i = 0; i < halvings; i++) sum = sum.multiply(sum, MC);
        return sum;
    }

    /** V(h) per unit I(0): (e^{-h/tm} - e^{-h/ts})/(a C), or h/C e^{-h/t} when a = 0. */
    static double refCurrent(double tauSyn, double tauM, double cM, double h) {
        BigDecimal ts = new BigDecimal(tauSyn), tm = new BigDecimal(tauM), c = new BigDecimal(cM), hh = new BigDecimal(h);
        BigDecimal em = exp(hh.negate().divide(tm, MC));
        BigDecimal es = exp(hh.negate().divide(ts, MC));
        BigDecimal a = tm.subtract(ts).divide(ts.multiply(tm, MC), MC);
        if (a.signum() == 0) return hh.divide(c, MC).multiply(em, MC).doubleValue();
        return em.subtract(es, MC).divide(a.multiply(c, MC), MC).doubleValue();
    }

    /** V(h) per unit dI(0): (e^{-h/tm} - e^{-h/ts}(1 + a h))/(a^2 C), or h^2/(2C) e^{-h/t} when a = 0. */
    static double refDerivative(double tauSyn, double tauM, double cM, double h) {
        BigDecimal ts = new BigDecimal(tauSyn), tm = new BigDecimal(tauM), c = new BigDecimal(cM), hh = new BigDecimal(h);
        BigDecimal em = exp(hh.negate().divide(tm, MC));
        BigDecimal es = exp(hh.negate().divide(ts, MC));
        BigDecimal a = tm.subtract(ts).divide(ts.multiply(tm, MC), MC);
        if (a.signum() == 0) {
            return hh.multiply(hh, MC).divide(c.multiply(BigDecimal.valueOf(2), MC), MC).multiply(em, MC).doubleValue();
        }
        BigDecimal num = em.subtract(es.multiply(BigDecimal.ONE.add(a.multiply(hh, MC), MC), MC), MC);
        return num.divide(a.multiply(a, MC).multiply(c, MC), MC).doubleValue();
    }

    static double rel(double got, double ref) {
        return Math.abs(got - ref) / Math.abs(ref);
    }

    private static final double[] STEPS = {1e-3, 0.01, 0.1, 0.5, 1, 2, 5, 10, 30};

    /** Max relative error of both propagators over {@link #STEPS}. */
    static double maxError(double tauSyn, double tauM) {
        IafPropagator p = new IafPropagator(tauSyn, tauM, C);
        double max = 0;
        for (double h : STEPS) {
            max = Math.max(max, rel(p.vFromCurrent(h), refCurrent(tauSyn, tauM, C, h)));
            max = Math.max(max, rel(p.vFromDerivative(h), refDerivative(tauSyn, tauM, C, h)));
        }
        return max;
    }

    @Test
    void referenceExpIsAccurate() {
        assertEquals(Math.exp(-1.7), exp(new BigDecimal(-1.7)).doubleValue(), 1e-16);
        assertEquals(Math.exp(3.2), exp(new BigDecimal(3.2)).doubleValue(), 1e-13);
    }

    @Test
    void regularCaseMatchesClosedForm() {
        double[][] pairs = {{2, 10}, {10, 2}, {0.5, 20}, {5, 5.5}, {0.1, 100}, {50, 3}};
        double max = 0;
        for (double[] tp : pairs) max = Math.max(max, maxError(tp[0], tp[1]));
        System.out.printf("IafPropagator regular: max rel error %.2e%n", max);
        assertTrue(max <= 1e-14, "max rel error " + max);

        // and against the textbook double formula where it is well conditioned
        IafPropagator p = new IafPropagator(2, 10, C);
        double h = 0.1;
        double textbook = 2 * 10 / (C * (10 - 2)) * (Math.exp(-h / 10) - Math.exp(-h / 2));
        assertEquals(textbook, p.vFromCurrent(h), 1e-14 * textbook);
    }

    @Test
    void singularCaseIsTheLimit() {
        for (double tau : new double[] {0.5, 2, 10, 33.3}) {
            IafPropagator p = new IafPropagator(tau, tau, C);
            for (double h : STEPS) {
                double e = Math.exp(-h / tau);
                double i = p.vFromCurrent(h);
                double d = p.vFromDerivative(h);
                assertTrue(Double.isFinite(i) && Double.isFinite(d), "finite at tau=" + tau + " h=" + h);
                assertEquals(h / C * e, i, 1e-15 * h / C * e, "vFromCurrent tau=" + tau + " h=" + h);
                assertEquals(h * h / (2 * C) * e, d, 1e-15 * h * h / (2 * C) * e, "vFromDerivative tau=" + tau + " h=" + h);
            }
        }
    }

    @Test
    void nearSingularIsAccurateOnBothSides() {
        double tauM = 10;
        double max = 0;
        for (double delta : new double[] {1e-15, 1e-12, 1e-10, 1e-8, 1e-7, 1e-6, 1e-4, 1e-2, 0.1}) {
            max = Math.max(max, maxError(tauM * (1 + delta), tauM));
            max = Math.max(max, maxError(tauM * (1 - delta), tauM));
        }
        System.out.printf("IafPropagator near tau_m == tau_syn: max rel error %.2e%n", max);
        assertTrue(max <= 1e-14, "max rel error " + max);
    }

    @Test
    void naiveFormulaWouldFailNearSingularity() {
        // guards the test above: at delta = 1e-12 the textbook formula is far off, so passing it means something
        double tauM = 10, tauS = tauM * (1 + 1e-12), h = 1;
        double naive = tauS * tauM / (C * (tauM - tauS)) * (Math.exp(-h / tauM) - Math.exp(-h / tauS));
        assertTrue(rel(naive, refCurrent(tauS, tauM, C, h)) > 1e-6);
    }

    @Test
    void continuousAcrossTheSeriesSwitch() {
        // |x| = h |1/tau_syn - 1/tau_m| = 1 is where the formulas change; h = 20, tau_m = 10
        double tauM = 10, h = 20;
        double max = 0;
        for (double x : new double[] {1 - 1e-12, 1, 1 + 1e-12, -1 + 1e-12, -1, -1 - 1e-12, 0.999, 1.001}) {
            double tauS = 1 / (x / h + 1 / tauM);
            IafPropagator p = new IafPropagator(tauS, tauM, C);
            max = Math.max(max, rel(p.vFromCurrent(h), refCurrent(tauS, tauM, C, h)));
            max = Math.max(max, rel(p.vFromDerivative(h), refDerivative(tauS, tauM, C, h)));
        }
        System.out.printf("IafPropagator at the series switch: max rel error %.2e%n", max);
        assertTrue(max <= 1e-14, "max rel error " + max);
    }

    @Test
    void finiteAndBoundedForExtremeTimeConstants() {
        double[] taus = {1e-6, 1e-3, 0.1, 1, 2, 10, 10 * (1 + 1e-13), 1e3, 1e6};
        double[] hs = {0, 1e-4, 0.1, 1, 100, 1e4};
        for (double ts : taus) {
            for (double tm : taus) {
                IafPropagator p = new IafPropagator(ts, tm, C);
                for (double h : hs) {
                    double i = p.vFromCurrent(h);
                    double d = p.vFromDerivative(h);
                    String at = "tau_syn=" + ts + " tau_m=" + tm + " h=" + h;
                    assertTrue(Double.isFinite(i) && Double.isFinite(d), at);
                    // V is a convolution of a decaying kernel with a current at most 1 (or u), so
                    // 0 <= V <= h/C and 0 <= V <= h^2/(2C)
                    assertTrue(i >= 0 && i <= h / C * (1 + 1e-14), at + ": " + i);
                    assertTrue(d >= 0 && d <= h * h / (2 * C) * (1 + 1e-14), at + ": " + d);
                }
            }
        }
    }

    @Test
    void rejectsNonPositiveConstants() {
        assertThrows(IllegalArgumentException.class, () -> new IafPropagator(0, 10, 250));
        assertThrows(IllegalArgumentException.class, () -> new IafPropagator(2, -1, 250));
        assertThrows(IllegalArgumentException.class, () -> new IafPropagator(2, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new IafPropagator(Double.NaN, 10, 250));
    }

    @Test
    void refractoryStepsRoundUpToTheGrid() {
        assertEquals(20, IafPropagator.refractorySteps(2, 0.1));
        assertEquals(3, IafPropagator.refractorySteps(0.3, 0.1)); // 0.3/0.1 = 2.9999999999999996
        assertEquals(3, IafPropagator.refractorySteps(0.21, 0.1));
        assertEquals(0, IafPropagator.refractorySteps(0, 0.1));
        assertEquals(40, IafPropagator.refractorySteps(1, 0.025));
        assertEquals(1, IafPropagator.refractorySteps(0.05, 0.1));
    }
}
