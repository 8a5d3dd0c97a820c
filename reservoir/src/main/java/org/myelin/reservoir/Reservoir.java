package org.myelin.reservoir;

import org.ejml.data.DMatrixRMaj;

/**
 * What the benchmark tasks need of a rate reservoir: its size, its number of inputs and fed-back
 * outputs, and a run over an input sequence that returns one state row per step. Implemented by
 * {@link Esn} and {@link EiReservoir}.
 */
public interface Reservoir {
    /** Units (state dimension). */
    int units();

    /** Input dimension. */
    int inputs();

    /** Outputs fed back into the reservoir (0: none). */
    default int feedbacks() {
        return 0;
    }

    /**
     * Runs {@code u} ({@code [T][inputs]}) from the current state and returns the states,
     * {@code T x units}; rejects an empty sequence, rows of the wrong length and non-finite values.
     */
    DMatrixRMaj run(double[][] u);
}
