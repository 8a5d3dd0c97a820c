package org.myelin.core;

import java.util.Arrays;

/** A growable {@code int} list without boxing. */
final class IntList {
    int[] a;
    int size;

    IntList(int capacity) {
        a = new int[Math.max(capacity, 8)];
    }

    void add(int v) {
        if (size == a.length) grow(size + 1);
        a[size++] = v;
    }

    void grow(int min) {
        long cap = Math.max((long) a.length * 3 / 2 + 8, min);
        if (cap > Integer.MAX_VALUE - 16) cap = Integer.MAX_VALUE - 16;
        if (cap < min) throw new IllegalStateException("more than " + (Integer.MAX_VALUE - 16) + " elements");
        a = Arrays.copyOf(a, (int) cap);
    }

    int[] toArray() {
        return Arrays.copyOf(a, size);
    }
}
