package org.myelin.reservoir.lsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class StatesTest {
    @Test
    void countsPerBin() {
        int[] steps = {0, 3, 4, 5, 9, 10};
        int[] neurons = {1, 0, 1, 1, 0, 0};
        // steps [0, 10) in 2 bins of 5: neuron 0 has steps 3 (bin 0) and 9 (bin 1); neuron 1 has 0, 4 (bin 0), 5 (bin 1)
        assertArrayEquals(new int[] {1, 1, 2, 1}, States.counts(steps, neurons, 2, 0, 10, 2));
    }

    @Test
    void filteredTracesDecayExponentially() {
        int[] steps = {2, 5, 5};
        int[] neurons = {0, 0, 1};
        DMatrixRMaj s = States.filtered(steps, neurons, 2, 10, 1, new int[] {1, 2, 5, 15});
        double d = Math.exp(-0.1);
        assertEquals(0, s.get(0, 0));
        assertEquals(1, s.get(1, 0), 1e-15);
        assertEquals(Math.pow(d, 3) + 1, s.get(2, 0), 1e-15);
        assertEquals((Math.pow(d, 3) + 1) * Math.pow(d, 10), s.get(3, 0), 1e-15);
        assertEquals(Math.pow(d, 10), s.get(3, 1), 1e-15);
    }
}
