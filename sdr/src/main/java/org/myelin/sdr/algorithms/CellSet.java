package org.myelin.sdr.algorithms;

import java.util.Arrays;

/** A set of cells as a byte mask plus the list of members, so clearing costs the member count. */
final class CellSet {
    final byte[] mask;
    int[] list;
    int count;

    CellSet(int numCells) {
        mask = new byte[numCells];
        list = new int[64];
    }

    void add(int cell) {
        if (mask[cell] != 0) {
            return;
        }
        mask[cell] = 1;
        if (count == list.length) {
            list = Arrays.copyOf(list, count * 2);
        }
        list[count++] = cell;
    }

    boolean contains(int cell) {
        return mask[cell] != 0;
    }

    void clear() {
        final int[] l = list;
        final byte[] m = mask;
        for (int i = 0; i < count; i++) {
            m[l[i]] = 0;
        }
        count = 0;
    }

    void copyFrom(CellSet other) {
        clear();
        if (list.length < other.count) {
            list = new int[Math.max(other.count, list.length * 2)];
        }
        for (int i = 0; i < other.count; i++) {
            int c = other.list[i];
            mask[c] = 1;
            list[i] = c;
        }
        count = other.count;
    }

    int[] sortedMembers() {
        int[] a = Arrays.copyOf(list, count);
        Arrays.sort(a);
        return a;
    }

    void setMembers(int[] cells) {
        clear();
        for (int c : cells) {
            add(c);
        }
    }
}
