package org.myelin.core;

import java.util.Arrays;

/**
 * A growable list of neuron indices: the spikes a kernel emits. Grows only on the rare slow path.
 */
public final class SpikeBuffer {
    int[] ids;
    int size;

    public SpikeBuffer(int capacity) {
        ids = new int[Math.max(capacity, 16)];
    }

    /** Appends a spike of neuron {@code i}. */
    public void add(int i) {
        if (size == ids.length) grow();
        ids[size++] = i;
    }

    private void grow() {
        ids = Arrays.copyOf(ids, ids.length * 2);
    }

    /** Number of spikes held. */
    public int size() {
        return size;
    }

    /** Spike {@code k}. */
    public int get(int k) {
        return ids[k];
    }

    /** Empties the buffer, keeping its storage. */
    public void clear() {
        size = 0;
    }
}
