package org.myelin.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class EsnTest {
    @Test
    void randomWeightsAreScaledToTheSpectralRadius() {
        Esn esn = new Esn(new Esn.Context().units(200).density(0.05).spectralRadius(0.95).seed(4));
        // independent check by a dense eigen-decomposition; Arnoldi converged to 1e-10 relative
        assertEquals(0.95, SpectralRadius.dense(esn.recurrent()).radius(), 1e-8);
        assertEquals(10, esn.recurrent().nonZeros() / 200); // round(0.05 * 200) inputs per unit
    }

    @Test
    void orthogonalAndRingTopologies() {
        Esn o = new Esn(new Esn.Context().units(50).topology(Esn.Topology.ORTHOGONAL).spectralRadius(0.8).seed(2));
        double[][] w = o.recurrent().toDense();
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 50; j++) {
                double dot = 0;
                for (int k = 0; k < 50; k++) dot += w[i][k] * w[j][k];
                assertEquals(i == j ? 0.64 : 0, dot, 1e-12); // W W^T = 0.8^2 I to rounding
            }
        }
        Esn ring = new Esn(new Esn.Context().units(30).topology(Esn.Topology.RING).spectralRadius(0.9));
        assertEquals(30, ring.recurrent().nonZeros());
        assertEquals(0.9, ring.recurrent().get(0, 29));
        assertEquals(0.9, SpectralRadius.dense(ring.recurrent()).radius(), 1e-12);
    }

    @Test
    void oneStepFollowsTheEquation() {
        CsrMatrix w = CsrMatrix.fromDense(new double[][] {{0, 0.5}, {-0.25, 0.1}}, false);
        Esn esn = new Esn(new Esn.Context().units(2).inputs(1).feedbacks(1).recurrent(w)
                .inputWeights(new double[][] {{1}, {2}}).bias(new double[] {0.1, -0.1}).leak(0.5)
                .feedbackScaling(0.3).seed(9));
        double[] x0 = {0.2, -0.4};
        esn.setState(x0);
        // the feedback weights are drawn; recover them from a step with zero state, input and bias
        Esn probe = new Esn(new Esn.Context().units(2).inputs(1).feedbacks(1).recurrent(w.scaled(0))
                .inputWeights(new double[][] {{0}, {0}}).bias(new double[] {0, 0}).leak(1).activation(Esn.Activation.IDENTITY)
                .feedbackScaling(0.3).seed(9));
        double[] wfb = probe.step(new double[] {0}, new double[] {1}).clone();
        double[] x = esn.step(new double[] {0.7}, new double[] {-1.5});
        for (int i = 0; i < 2; i++) {
            double a = (i == 0 ? 0.5 * x0[1] : -0.25 * x0[0] + 0.1 * x0[1]) + (i == 0 ? 1 : 2) * 0.7
                    + (i == 0 ? 0.1 : -0.1) + wfb[i] * -1.5;
            assertEquals(0.5 * x0[i] + 0.5 * Math.tanh(a), x[i], 1e-15);
        }
    }

    @Test
    void sameSeedSameStatesAndTeacherForcing() {
        Esn.Context c = new Esn.Context().units(100).feedbacks(1).feedbackScaling(0.5).noise(1e-3).seed(11);
        double[][] u = new double[50][1], y = new double[50][1];
        for (int t = 0; t < 50; t++) {
            u[t][0] = Math.sin(t);
            y[t][0] = Math.cos(t);
        }
        DMatrixRMaj a = new Esn(c).run(u, y, null);
        DMatrixRMaj b = new Esn(c).run(u, y, null);
        assertArrayEquals(a.data, b.data);
        // the teacher at step t-1 is fed back at step t: changing the last teacher value changes nothing
        y[49][0] = 100;
        assertArrayEquals(a.data, new Esn(c).run(u, y, null).data);
    }

    @Test
    void floatAndDoubleReservoirsGiveNearlyEqualStates() {
        Esn.Context c = new Esn.Context().units(200).density(0.1).spectralRadius(0.9).inputScaling(0.5).seed(13);
        Esn d = new Esn(c);
        Esn f = new Esn(c.precision(CsrMatrix.Precision.FLOAT));
        assertEquals(CsrMatrix.Precision.FLOAT, f.recurrent().precision());
        double[][] u = new double[3000][1];
        for (int t = 0; t < u.length; t++) u[t][0] = Math.sin(0.3 * t) + 0.5 * Math.sin(0.071 * t);
        DMatrixRMaj sd = d.run(u), sf = f.run(u);
        double worst = 0;
        for (int k = 0; k < sd.data.length; k++) worst = Math.max(worst, Math.abs(sd.data[k] - sf.data[k]));
        // Per step, rounding W to floats perturbs unit i's input by at most 2^-24 sum_j |w_ij| (|x| < 1),
        // about 6e-8 * 20 * 0.16 = 2e-7 here (20 inputs of size ~0.9 / sqrt(20)); the echo-state
        // contraction (radius 0.9, tanh' <= 1) keeps the accumulated difference within a few tens of
        // that. A difference of 0 would mean the float weights were not used.
        assertTrue(worst > 0, "float weights change the states a little");
        assertTrue(worst < 1e-5, "float and double states differ by " + worst);
    }

    @Test
    void badInputIsNamed() {
        assertMessage(() -> new Esn(new Esn.Context().density(0)), "density");
        assertMessage(() -> new Esn(new Esn.Context().leak(1.5)), "leak");
        assertMessage(() -> new Esn(new Esn.Context().units(3).inputWeights(new double[][] {{1}, {1}})), "input weights");
        Esn esn = new Esn(new Esn.Context().units(10));
        assertMessage(() -> esn.run(new double[][] {{1, 2}}), "2 values");
        assertMessage(() -> esn.run(new double[][] {{0}, {Double.NaN}}), "step 1 is NaN");
        assertMessage(() -> esn.run(new double[0][]), "empty");
        // a nilpotent matrix (feed-forward chain) cannot be scaled to a positive radius
        CsrMatrix chain = CsrMatrix.fromTriplets(100, 100, seq(1, 100), seq(0, 99), fill(99, 1.0));
        assertMessage(() -> Esn.scaleToRadius(chain, 0.9, 1), "cannot be reached");
    }

    static int[] seq(int from, int to) {
        int[] a = new int[to - from];
        for (int i = 0; i < a.length; i++) a[i] = from + i;
        return a;
    }

    static double[] fill(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), "message '" + ex.getMessage() + "' lacks '" + part + "'");
    }
}
