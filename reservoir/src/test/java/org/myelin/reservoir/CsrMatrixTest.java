package org.myelin.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CsrMatrixTest {
    @Test
    void tripletsAreSortedAndDuplicatesSummed() {
        CsrMatrix m = CsrMatrix.fromTriplets(3, 4, new int[] {2, 0, 0, 2, 1}, new int[] {1, 3, 0, 1, 2},
                new double[] {1, 2, 3, 4, 5});
        assertEquals(4, m.nonZeros());
        assertArrayEquals(new double[] {3, 0, 0, 2}, m.toDense()[0]);
        assertArrayEquals(new double[] {0, 0, 5, 0}, m.toDense()[1]);
        assertArrayEquals(new double[] {0, 5, 0, 0}, m.toDense()[2]);
        assertEquals(5, m.get(2, 1));
        assertEquals(0, m.get(2, 2));
        double[] y = new double[3];
        m.multiply(new double[] {1, 2, 3, 4}, y);
        assertArrayEquals(new double[] {3 + 8, 15, 10}, y);
    }

    @Test
    void badEntriesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsrMatrix.fromTriplets(2, 2, new int[] {0}, new int[] {2}, new double[] {1}));
        assertTrue(e.getMessage().contains("(0, 2)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CsrMatrix.fromTriplets(2, 2, new int[] {1}, new int[] {1}, new double[] {Double.NaN}));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
