package org.myelin.sdr.algorithms;

import org.myelin.sdr.StateIo;

/** A temporal (sequence) memory over columns that reports how unexpected each input was. */
public interface SequenceMemory extends StateIo.Saveable {
    /**
     * Processes one step of active columns ({@code activeColumns[0, count)}, strictly ascending) and
     * returns the raw anomaly score: the fraction of active columns that were not predicted at the
     * previous step (0 when no column is active).
     */
    double compute(int[] activeColumns, int count, boolean learn);

    /** Forgets the sequence context (not the learned synapses). */
    void reset();

    int numberOfColumns();

    int cellsPerColumn();

    /** Number of dendritic segments. */
    int numSegments();

    /** Number of synapses. */
    long numSynapses();
}
