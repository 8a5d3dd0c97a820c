package org.myelin.sdr.algorithms;

/** A bounded queue of recent input patterns (active column lists), oldest first. */
final class PatternHistory {
    private final int[][] patterns;
    private final int[] lengths;
    private int start;
    private int size;

    PatternHistory(int capacity, int numColumns) {
        patterns = new int[Math.max(1, capacity)][numColumns];
        lengths = new int[Math.max(1, capacity)];
    }

    int size() {
        return size;
    }

    int capacity() {
        return patterns.length;
    }

    void clear() {
        size = 0;
        start = 0;
    }

    void popFront() {
        start = (start + 1) % patterns.length;
        size--;
    }

    void append(int[] cols, int n) {
        if (size == patterns.length) {
            popFront();
        }
        int i = (start + size) % patterns.length;
        System.arraycopy(cols, 0, patterns[i], 0, n);
        lengths[i] = n;
        size++;
    }

    int[] get(int i) {
        return patterns[(start + i) % patterns.length];
    }

    int length(int i) {
        return lengths[(start + i) % patterns.length];
    }
}
