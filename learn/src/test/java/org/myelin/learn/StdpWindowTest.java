package org.myelin.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;
import org.myelin.core.Plasticity;

/**
 * The STDP window measured by simulation: 201 independent synapses, each with one pre/post pairing at
 * lag {@code dt_syn = t_post + d - t_pre} from -100 to +100 ms (1 ms apart, delay d = 1 ms), and a
 * second presynaptic spike 1.3 s later that applies the (lazy) facilitation. The weight change must
 * match the rule's analytic window within a relative error of 1e-9. At lag 0 the window is 0 (NEST's
 * semantics: the postsynaptic spike pairs with the presynaptic trace just before this spike).
 */
class StdpWindowTest {
    static final double DT = 0.1;
    static final double D = 1.0;
    static final double T_PRE = 200;
    static final double T_TRIGGER = 1500;
    static final int LAGS = 201;

    /** Largest relative error of the measured window against {@code expected(lag)}. */
    static double window(Plasticity rule, double w0, DoubleUnaryOperator expected) {
        return window(rule, w0, 0, expected);
    }

    /** As above, with a change {@code offset} that does not depend on the pairing. */
    static double window(Plasticity rule, double w0, double offset, DoubleUnaryOperator expected) {
        double[][] pre = new double[LAGS][];
        double[][] post = new double[LAGS][];
        for (int i = 0; i < LAGS; i++) {
            double lag = i - 100;
            pre[i] = new double[] {T_PRE, T_TRIGGER};
            post[i] = new double[] {T_PRE + lag - D};
        }
        Pairs p = new Pairs(DT, 1, pre, post, w0, D, rule);
        double[] w = p.run(T_TRIGGER + 10);
        double worst = 0;
        for (int i = 0; i < LAGS; i++) {
            double lag = i - 100;
            double dw = w[i] - w0;
            // NEST: a postsynaptic spike seen at the synapse exactly at t_pre pairs with the earlier
            // presynaptic spikes only (the trace before this spike's increment): no change at lag 0
            double e = offset + (lag == 0 ? 0 : expected.applyAsDouble(lag));
            double rel = e == 0 ? Math.abs(dw) : Math.abs(dw - e) / Math.abs(e);
            assertTrue(rel <= 1e-9, rule.name() + " at lag " + lag + " ms: measured " + dw + ", expected " + e);
            worst = Math.max(worst, rel);
        }
        return worst;
    }

    @Test
    void additiveWindow() {
        double lambda = 0.01;
        double alpha = 1.2;
        double wmax = 100;
        Stdp rule = Stdp.synapse().additive().tauPlus(20).tauMinus(30).lambda(lambda).alpha(alpha).wmax(wmax);
        double err = window(rule, 50, lag -> lag >= 0 ? wmax * lambda * Math.exp(-lag / 20)
                : -wmax * alpha * lambda * Math.exp(lag / 30));
        System.out.println("stdp_synapse additive window: max relative error " + err);
    }

    @Test
    void multiplicativeWindow() {
        double w0 = 30;
        Stdp rule = Stdp.synapse().multiplicative().tauPlus(16.8).tauMinus(33.7).lambda(0.02).alpha(0.8).wmax(100);
        double err = window(rule, w0, lag -> lag >= 0 ? 0.02 * (100 - w0) * Math.exp(-lag / 16.8)
                : -0.8 * 0.02 * w0 * Math.exp(lag / 33.7));
        System.out.println("stdp_synapse multiplicative window: max relative error " + err);
    }

    @Test
    void powerLawWindowAndNegativeWmax() {
        double u0 = 0.3;
        Stdp rule = Stdp.synapse().powerLaw(0.4, 0.6).lambda(0.01).alpha(1.1).wmax(-5);
        window(rule, -5 * u0, lag -> lag >= 0 ? -5 * 0.01 * Math.pow(1 - u0, 0.4) * Math.exp(-lag / 20)
                : 5 * 1.1 * 0.01 * Math.pow(u0, 0.6) * Math.exp(lag / 20));
    }

    @Test
    void nearestNeighbourVariantsHaveThePairWindowForALonePair() {
        for (Stdp.Pairing pairing : Stdp.Pairing.values()) {
            Stdp rule = Stdp.synapse().additive().pairing(pairing).tauMinus(25);
            window(rule, 50, lag -> lag >= 0 ? 1.0 * Math.exp(-lag / 20) : -1.0 * Math.exp(lag / 25));
        }
    }

    @Test
    void symmetricWindowPotentiatesBothOrders() {
        Stdp rule = Stdp.synapse().additive().symmetric(true).tauPlus(20).tauMinus(40).alpha(0.5);
        window(rule, 20, lag -> lag >= 0 ? 1.0 * Math.exp(-lag / 20) : 0.5 * Math.exp(lag / 40));
    }

    @Test
    void tripletRuleReducesToThePairWindowForALonePair() {
        TripletStdp rule = TripletStdp.hippocampal();
        window(rule, 0.05, lag -> lag >= 0 ? rule.a2Plus() * Math.exp(-lag / rule.tauPlus())
                : -rule.a2Minus() * Math.exp(lag / rule.tauMinus()));
        TripletStdp nn = TripletStdp.hippocampalNearest();
        window(nn, 0.05, lag -> lag >= 0 ? nn.a2Plus() * Math.exp(-lag / nn.tauPlus())
                : -nn.a2Minus() * Math.exp(lag / nn.tauMinus()));
    }

    @Test
    void vogelsSprekelerWindowIsSymmetricWithConstantDepression() {
        VogelsSprekeler rule = VogelsSprekeler.synapse().eta(0.01).alpha(0.2).tau(15).wmax(-1);
        // two presynaptic spikes: two constant depressions
        window(rule, -0.5, 2 * 0.2 * 0.01, lag -> -0.01 * Math.exp(-Math.abs(lag) / 15));
    }

    @Test
    void tripletWindowValuesAreTheRulesParameters() {
        assertEquals("stdp_triplet_synapse", TripletStdp.synapse().name());
        assertEquals("stdp_triplet_nn_synapse", TripletStdp.visualCortexNearest().name());
        assertEquals(114, TripletStdp.visualCortexMinimal().tauY());
    }
}
