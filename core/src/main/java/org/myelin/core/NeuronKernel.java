package org.myelin.core;

/**
 * The compiled form of a {@link NeuronModel} for one parameter set and one {@code dt}: final fields
 * hold the propagators, {@link #update} holds the loop. One virtual call per slice, not per neuron.
 *
 * <p>Contract of {@link #update}: advance neurons {@code [from, to)} from {@code step*dt} to
 * {@code (step+1)*dt}. Port {@code p}'s input for neuron {@code i} in this step is
 * {@code in[p][base + i]} (spike receptors first, the current port last); the caller clears it after
 * the call, so the kernel only reads it. Each spike is reported as {@code out.add(i)} in increasing
 * {@code i} (a neuron may be added more than once if the model emits several spikes in a step).
 * The kernel must be a pure function of (state, input, parameters, step): no other mutable state,
 * no allocation, no randomness of its own.
 */
public interface NeuronKernel {
    void update(long step, double[][] state, double[][] in, int base, int from, int to, SpikeBuffer out);

    /**
     * Whether {@code i} is only a position for this kernel: it reads and writes {@code state[v][i]}
     * and {@code in[p][base + i]} and reports {@code out.add(i)}, and keys nothing else by it (no
     * per-neuron random stream or table). The network may then lay each worker's slice out at an
     * offset, with padding between slices (see {@link Population}); {@code i} is then a position in
     * the arrays, not the neuron's number. The default, false, keeps positions equal to numbers.
     */
    default boolean relocatable() {
        return false;
    }

    /**
     * Called when the network is built, before its first step: {@code written[p]} says whether any
     * projection or stimulus writes to port {@code p}. A port nothing writes to holds +0.0 in every
     * step, so the kernel may use that constant instead of reading it, provided its results are the
     * same. The default ignores the call.
     */
    default void inputsWritten(boolean[] written) {
    }
}
