package org.myelin.reservoir.task;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.myelin.reservoir.Esn;

/** Bad input to the task evaluators: each is rejected with a message naming what and where. */
class TaskInputTest {
    static void assertMessage(Executable e, String part) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), "message '" + ex.getMessage() + "' lacks '" + part + "'");
    }

    @Test
    void nanInASeriesIsNamedWithItsStep() {
        MemoryCapacity.Context mc = new MemoryCapacity.Context().washout(10).train(50).test(20);
        double[] u = MemoryCapacity.input(80, 1);
        u[33] = Double.NaN;
        assertMessage(() -> MemoryCapacity.evaluate(new DMatrixRMaj(80, 5), u, 5, mc), "NaN at step 33");
        Narma10.Context nc = new Narma10.Context().washout(10).train(50).test(20);
        double[] y = new double[80];
        y[60] = Double.POSITIVE_INFINITY;
        assertMessage(() -> Narma10.evaluate(new DMatrixRMaj(80, 5), y, nc), "Infinity at step 60");
        // NaN in the states themselves (e.g. a diverged reservoir) is named by the readout
        DMatrixRMaj states = new DMatrixRMaj(80, 5);
        states.set(40, 3, Double.NaN);
        assertMessage(() -> Narma10.evaluate(states, new double[80], nc), "row 30");
    }

    @Test
    void wrongShapesAreNamed() {
        MemoryCapacity.Context mc = new MemoryCapacity.Context().washout(10).train(50).test(20);
        assertMessage(() -> MemoryCapacity.evaluate(new DMatrixRMaj(79, 5), new double[80], 5, mc), "79 state rows and 80 inputs");
        assertMessage(() -> MemoryCapacity.evaluate(new DMatrixRMaj(80, 5), new double[80], 11, mc), "maxDelay = 11");
        assertMessage(() -> MemoryCapacity.evaluate(new Esn(new Esn.Context().inputs(2)), mc), "1 input");
        Narma10.Context nc = new Narma10.Context().washout(10).train(50).test(20);
        assertMessage(() -> Narma10.evaluate(new DMatrixRMaj(80, 5), new double[81], nc), "80 feature rows and 81 targets");
    }

    @Test
    void emptyOrTooSmallTrainingSetsAreRejected() {
        assertMessage(() -> new MemoryCapacity.Context().train(0).conclude(), "train = 0");
        assertMessage(() -> new Narma10.Context().train(0).conclude(), "train = 0");
        assertMessage(() -> new Narma10.Context().train(9).conclude(), "2 * folds");
        assertMessage(() -> new MnistLsm.Context().trainImages(0).conclude(), "empty training set");
    }

    @Test
    void crossValidatedMemoryCapacityReportsAGridEdge() {
        // a linear delay line of 20 units: its states hold the last 20 inputs exactly, so the least
        // regularisation fits best and the search ends at the grid's lower edge
        Esn line = new Esn(new Esn.Context().units(20).topology(Esn.Topology.DELAY_LINE).activation(Esn.Activation.IDENTITY));
        MemoryCapacity.Result r = MemoryCapacity.evaluate(line, new MemoryCapacity.Context().maxDelay(10).washout(20)
                .train(500).test(200).folds(5));
        assertTrue(r.warning() != null && r.warning().contains("lower edge"), String.valueOf(r.warning()));
        assertTrue(r.capacity() > 9.99, "the first 10 delays are remembered exactly: " + r.capacity());
    }
}
