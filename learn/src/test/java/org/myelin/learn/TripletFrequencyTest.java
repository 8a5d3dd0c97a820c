package org.myelin.learn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Frequency dependence of the pairing protocol (Sjoestroem, Turrigiano, Nelson 2001, as fitted by
 * Pfister and Gerstner 2006): 60 pre/post pairs at lag +10 ms (pre before post) or -10 ms (post
 * before pre), repeated at 0.1, 10, 20, 40 and 50 Hz. The simulated weight change must equal the
 * triplet model's analytic prediction for the protocol (closed-form geometric sums of the four
 * traces) within 1e-9 relative, and show the data's pattern: no potentiation at low frequency,
 * potentiation growing with frequency for pre-post pairs, depression turning into potentiation at
 * high frequency for post-pre pairs.
 */
class TripletFrequencyTest {
    static final double DT = 1.0;
    static final double D = 1.0;
    static final int PAIRS = 60;
    static final double T0 = 20;
    static final double[] RATES = {0.1, 10, 20, 40, 50};
    static final double[] LAGS = {10, -10};

    /**
     * Analytic weight change of the all-to-all triplet rule (additive, no bound reached) for PAIRS
     * pairs with presynaptic spikes at n T and postsynaptic spikes seen at the synapse at n T + lag,
     * |lag| < T.
     */
    static double predicted(TripletStdp r, double rate, double lag) {
        double period = 1000 / rate;
        double qp = Math.exp(-period / r.tauPlus());
        double qm = Math.exp(-period / r.tauMinus());
        double qx = Math.exp(-period / r.tauX());
        double qy = Math.exp(-period / r.tauY());
        double dw = 0;
        for (int n = 0; n < PAIRS; n++) {
            double o2 = qy * (1 - Math.pow(qy, n)) / (1 - qy); // postsynaptic spikes before post n
            double r2 = qx * (1 - Math.pow(qx, n)) / (1 - qx); // presynaptic spikes before pre n
            double r1;
            double o1;
            if (lag > 0) {
                r1 = Math.exp(-lag / r.tauPlus()) * (1 - Math.pow(qp, n + 1)) / (1 - qp); // pre 0..n before post n
                o1 = Math.exp(lag / r.tauMinus()) * qm * (1 - Math.pow(qm, n)) / (1 - qm); // post 0..n-1 before pre n
            } else {
                double a = -lag;
                r1 = Math.exp(a / r.tauPlus()) * qp * (1 - Math.pow(qp, n)) / (1 - qp); // pre 0..n-1 before post n
                o1 = Math.exp(-a / r.tauMinus()) * (1 - Math.pow(qm, n + 1)) / (1 - qm); // post 0..n before pre n
            }
            dw += r1 * (r.a2Plus() + r.a3Plus() * o2) - o1 * (r.a2Minus() + r.a3Minus() * r2);
        }
        return dw;
    }

    /** Simulated weight change per (rate, lag), one synapse each, in one network. */
    static double[][] simulated(TripletStdp rule, double w0) {
        int n = RATES.length * LAGS.length;
        double[][] pre = new double[n][];
        double[][] post = new double[n][];
        double end = 0;
        for (int ri = 0; ri < RATES.length; ri++) {
            for (int li = 0; li < LAGS.length; li++) {
                int i = ri * LAGS.length + li;
                double period = 1000 / RATES[ri];
                pre[i] = new double[PAIRS + 1];
                post[i] = new double[PAIRS];
                for (int k = 0; k < PAIRS; k++) {
                    pre[i][k] = T0 + k * period;
                    post[i][k] = T0 + k * period + LAGS[li] - D; // seen at the synapse at t + lag
                }
                pre[i][PAIRS] = pre[i][PAIRS - 1] + 2000; // applies the last facilitation
                end = Math.max(end, pre[i][PAIRS] + 10);
            }
        }
        double[] w = new Pairs(DT, 1, pre, post, w0, D, rule).run(end);
        double[][] dw = new double[RATES.length][LAGS.length];
        for (int ri = 0; ri < RATES.length; ri++) {
            for (int li = 0; li < LAGS.length; li++) dw[ri][li] = w[ri * LAGS.length + li] - w0;
        }
        return dw;
    }

    /**
     * Largest relative error; a change below 1e-6 of the weight (pre-post at 0.1 Hz, where every
     * trace has decayed) is compared absolutely within 1e-14 w0, the rounding of the stored weight.
     */
    static double compare(TripletStdp rule, double[][] dw, double w0) {
        double worst = 0;
        for (int ri = 0; ri < RATES.length; ri++) {
            for (int li = 0; li < LAGS.length; li++) {
                double e = predicted(rule, RATES[ri], LAGS[li]);
                double err = Math.abs(dw[ri][li] - e);
                boolean tiny = Math.abs(e) < 1e-6 * w0;
                double rel = tiny ? 0 : err / Math.abs(e);
                assertTrue(tiny ? err <= 1e-14 * w0 : rel <= 1e-9, rule + " at " + RATES[ri] + " Hz, lag " + LAGS[li] + ": simulated " + dw[ri][li]
                        + ", predicted " + e);
                worst = Math.max(worst, rel);
            }
        }
        return worst;
    }

    @Test
    void minimalVisualCortexModelReproducesTheFrequencyDependence() {
        TripletStdp rule = TripletStdp.visualCortexMinimal();
        double w0 = 1;
        double[][] dw = simulated(rule, w0);
        double err = compare(rule, dw, w0);
        StringBuilder sb = new StringBuilder("triplet (visual cortex, minimal), relative weight change per protocol:\n");
        for (int ri = 0; ri < RATES.length; ri++) {
            sb.append(String.format("  %5.1f Hz: pre-post %+8.4f, post-pre %+8.4f%n", RATES[ri], dw[ri][0] / w0, dw[ri][1] / w0));
        }
        System.out.print(sb);
        System.out.println("triplet frequency protocol: max relative error vs analytic " + err);
        // Sjoestroem et al. 2001: no LTP at 0.1 Hz; pre-post LTP grows with frequency
        assertTrue(Math.abs(dw[0][0]) < 1e-6, "pre-post at 0.1 Hz: " + dw[0][0]);
        for (int ri = 1; ri < RATES.length; ri++) {
            assertTrue(dw[ri][0] > dw[ri - 1][0], "pre-post LTP should grow with frequency at " + RATES[ri] + " Hz");
        }
        // post-pre: LTD at low frequency, LTP at 50 Hz
        assertTrue(dw[0][1] < 0 && dw[1][1] < 0, "post-pre LTD at 0.1 and 10 Hz");
        assertTrue(dw[4][1] > 0, "post-pre LTP at 50 Hz");
    }

    @Test
    void fullModelsMatchTheirAnalyticPrediction() {
        compare(TripletStdp.visualCortex(), simulated(TripletStdp.visualCortex(), 5), 5);
        compare(TripletStdp.hippocampal(), simulated(TripletStdp.hippocampal(), 5), 5);
        compare(TripletStdp.hippocampalMinimal(), simulated(TripletStdp.hippocampalMinimal(), 5), 5);
    }
}
