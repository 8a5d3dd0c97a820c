package org.myelin.sdr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SdrTest {
    @Test
    void denseAndSparseViewsConvertLazily() {
        Sdr s = new Sdr(10).setSparse(7, 2, 5);
        assertArrayEquals(new int[] {2, 5, 7}, s.sparseCopy());
        assertEquals(3, s.sum());
        byte[] d = s.dense();
        assertEquals(1, d[2]);
        assertEquals(1, d[7]);
        assertEquals(0, d[3]);
        Sdr t = new Sdr(10).setDense(new boolean[] {true, false, false, true, false, false, false, false, false, true});
        assertArrayEquals(new int[] {0, 3, 9}, t.sparseCopy());
        assertTrue(t.get(9));
        assertFalse(t.get(8));
        assertEquals(0.3, t.sparsity(), 1e-12);
    }

    @Test
    void dimensionsMultiply() {
        Sdr s = new Sdr(4, 8);
        assertEquals(32, s.size());
        assertArrayEquals(new int[] {4, 8}, s.dimensions());
        assertThrows(IllegalArgumentException.class, () -> new Sdr(0));
    }

    @Test
    void invalidIndicesAreRejected() {
        Sdr s = new Sdr(10);
        assertThrows(IndexOutOfBoundsException.class, () -> s.setSparse(10));
        assertThrows(IndexOutOfBoundsException.class, () -> s.setSparse(-1));
        assertThrows(IllegalArgumentException.class, () -> s.setSparse(3, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> s.setDense(new byte[9]));
    }

    @Test
    void overlapUnionIntersection() {
        Sdr a = new Sdr(20).setSparse(1, 3, 5, 7, 9);
        Sdr b = new Sdr(20).setSparse(3, 4, 5, 6);
        assertEquals(2, a.overlap(b));
        b.dense(); // exercise the dense path
        assertEquals(2, a.overlap(b));
        assertArrayEquals(new int[] {1, 3, 4, 5, 6, 7, 9}, new Sdr(20).union(a, b).sparseCopy());
        assertArrayEquals(new int[] {3, 5}, new Sdr(20).intersection(a, b).sparseCopy());
        Sdr c = new Sdr(a);
        c.union(c, b);
        assertEquals(7, c.sum());
        assertThrows(IllegalArgumentException.class, () -> a.overlap(new Sdr(21)));
    }

    @Test
    void concatenateOffsetsParts() {
        Sdr a = new Sdr(4).setSparse(1);
        Sdr b = new Sdr(6).setSparse(0, 5);
        assertArrayEquals(new int[] {1, 4, 9}, new Sdr(10).concatenate(a, b).sparseCopy());
        assertThrows(IllegalArgumentException.class, () -> new Sdr(11).concatenate(a, b));
    }

    @Test
    void randomHasExactSparsityAndIsReproducible() {
        Sdr a = new Sdr(2048).randomize(0.02, new Rng(7));
        Sdr b = new Sdr(2048).randomize(0.02, new Rng(7));
        assertEquals(41, a.sum());
        assertEquals(a, b);
        assertNotEquals(a, new Sdr(2048).randomize(0.02, new Rng(8)));
    }

    @Test
    void noiseMovesTheRequestedFractionAndKeepsSparsity() {
        Sdr a = new Sdr(1000).randomize(0.05, new Rng(1));
        Sdr b = new Sdr(a).addNoise(0.4, new Rng(2));
        assertEquals(50, b.sum());
        assertEquals(30, a.overlap(b));
    }

    @Test
    void subsampleKeepsAFraction() {
        Sdr a = new Sdr(1000).randomize(0.04, new Rng(1));
        Sdr b = new Sdr(a).subsample(0.3, new Rng(3));
        assertEquals(12, b.sum());
        assertEquals(12, a.overlap(b));
    }

    @Test
    void equalsAndHash() {
        Sdr a = new Sdr(10).setSparse(1, 2);
        Sdr b = new Sdr(10).setDense(new byte[] {0, 1, 1, 0, 0, 0, 0, 0, 0, 0});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals("Sdr(10)[1, 2]", a.toString());
    }
}
