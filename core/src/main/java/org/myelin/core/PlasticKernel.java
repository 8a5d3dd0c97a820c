package org.myelin.core;

/**
 * The compiled form of a {@link Plasticity} rule: the weight update run at delivery time. One call
 * per presynaptic spike and synapse group (not per synapse); the loop over the source's row is the
 * kernel's. Hot code: no allocation, no boxing, no locks.
 *
 * <p>Time is given as integer stamps: a spike with stamp {@code s} has time {@code s*dt} (a spike
 * emitted in step {@code t} has stamp {@code t+1}). Postsynaptic spike stamps come from
 * {@link PostArchive}; a synapse of delay {@code d} steps sees a postsynaptic spike of stamp
 * {@code p} at {@code p + d} (the whole delay counts as dendritic, as in NEST).
 */
public interface PlasticKernel {
    /**
     * A spike of source {@code src} with stamp {@code stamp} is being delivered: update the weights
     * (and state) of synapses {@code [lo, hi)} (the source's row, possibly empty) and the source's
     * state. The spike is then transmitted with the updated weights.
     */
    void learn(PlasticSynapses syn, int src, int stamp, int lo, int hi);

    /**
     * The periodic update of rules with a volume transmitter (NEST's
     * {@code trigger_update_weight}): bring the state of source {@code src}'s row up to
     * {@code stamp} without a presynaptic spike. Called for every source, every volume-transmitter
     * interval, after all spikes with stamps up to {@code stamp} were delivered.
     */
    default void trigger(PlasticSynapses syn, int src, int stamp, int lo, int hi) {
    }

    /**
     * {@link Projection#settle()}: apply to source {@code src}'s row every weight change due to the
     * postsynaptic spikes that reached the synapses by {@code stamp} (those a lazy rule would apply
     * at the source's next presynaptic spike), and move the source's state to {@code stamp} so that
     * the next presynaptic spike continues from there with the same result (up to rounding) as
     * without the call. Called only for rules whose {@link Plasticity#settles()} is true, between
     * runs, after every spike with a stamp up to {@code stamp} was delivered.
     */
    default void settle(PlasticSynapses syn, int src, int stamp, int lo, int hi) {
        throw new UnsupportedOperationException(syn.rule().name() + " cannot settle");
    }
}
