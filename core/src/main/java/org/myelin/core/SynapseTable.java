package org.myelin.core;

/**
 * A projection's synapses as parallel primitive arrays, for inspection and tests: source and target
 * (indices within their populations), weight as transmitted (sign restored for inhibitory ports of
 * conductance models), delay in steps, and receptor port. Rows are ordered by source, then target.
 */
public final class SynapseTable {
    public final int[] source;
    public final int[] target;
    public final double[] weight;
    public final int[] delaySteps;
    public final int[] port;

    SynapseTable(int[] source, int[] target, double[] weight, int[] delaySteps, int[] port) {
        this.source = source;
        this.target = target;
        this.weight = weight;
        this.delaySteps = delaySteps;
        this.port = port;
    }

    public int size() {
        return source.length;
    }
}
