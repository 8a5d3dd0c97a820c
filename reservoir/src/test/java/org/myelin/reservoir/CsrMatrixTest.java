package org.myelin.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
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

    @Test
    void floatValuesAreTheRoundedDoublesAndProductsStayWithinTheRoundingBound() {
        CsrMatrix d = Esn.randomSparse(300, 0.05, 6).scaled(0.37);
        CsrMatrix f = d.withPrecision(CsrMatrix.Precision.FLOAT);
        assertEquals(CsrMatrix.Precision.FLOAT, f.precision());
        assertEquals(d.nonZeros(), f.nonZeros());
        boolean rounded = false;
        for (int k = 0; k < d.nonZeros(); k++) {
            assertEquals((double) (float) d.value(k), f.value(k)); // nearest float, exactly
            rounded |= f.value(k) != d.value(k);
        }
        assertTrue(rounded, "some values are not floats already");
        // widening back is exact
        CsrMatrix back = f.withPrecision(CsrMatrix.Precision.DOUBLE);
        for (int k = 0; k < d.nonZeros(); k++) assertEquals(f.value(k), back.value(k));
        double[] x = new double[300];
        for (int i = 0; i < 300; i++) x[i] = Math.sin(1.7 * i);
        double[] yd = new double[300], yf = new double[300];
        d.multiply(x, yd);
        f.multiply(x, yf);
        for (int i = 0; i < 300; i++) {
            // |(W_f x)_i - (W x)_i| <= 2^-24 sum_k |w_k x_k|, plus double rounding of the sums
            double bound = 0;
            for (int k = d.rowStart[i]; k < d.rowStart[i + 1]; k++) bound += Math.abs(d.value(k) * x[d.cols[k]]);
            assertEquals(yd[i], yf[i], bound * (Math.pow(2, -24) + 1e-13));
        }
        // scaling keeps the precision
        assertEquals(CsrMatrix.Precision.FLOAT, f.scaled(2).precision());
        assertEquals((float) (f.value(0) * 2), f.scaled(2).value(0));
        assertSame(f, f.withPrecision(CsrMatrix.Precision.FLOAT));
    }
}
