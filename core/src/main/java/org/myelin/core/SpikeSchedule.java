package org.myelin.core;

/**
 * A neuron kernel that emits spikes at scheduled times (the {@code spike_generator}): its schedule can
 * be extended between {@link Network#simulate} calls through {@link Population#addSpikes}, as NEST's
 * {@code SetStatus(spike_generator, {"spike_times": ...})} is used to feed a running experiment.
 */
public interface SpikeSchedule {
    /**
     * Appends spike times (ms) to neuron {@code neuron}'s schedule, checked first (nothing changes on
     * a rejection): each time on the grid (a positive multiple of {@code dt}), the times strictly
     * increasing, the first after the neuron's last scheduled spike and not before the end of the
     * step already simulated ({@code t > now}, {@code now = steps done x dt}).
     *
     * @throws ModelException naming {@code element}, the neuron, the time and what is valid
     */
    void addSpikes(String element, int neuron, double[] times, double dt, long stepsDone);
}
