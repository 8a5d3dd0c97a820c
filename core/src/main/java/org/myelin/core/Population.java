package org.myelin.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A population: {@code size} neurons of one model, with one parameter set. State is
 * struct-of-arrays, one {@code double[]} per state variable. Obtained from
 * {@link Network#population}; parameters and initial values may be changed until the network is
 * built.
 *
 * <p>Layout. With several workers, each worker's slice of the state arrays and of every ring slot
 * may be followed by {@link #gap} unused entries, so that no two workers write within 2 KiB of each
 * other: a core streaming to the end of its slice has the hardware prefetcher pull in the lines just
 * past it, and when another core is writing those lines every step both stall on the transfers (with
 * two workers the COBA benchmark by forward Euler took 0.056-0.064 s per simulated second without
 * the padding and 0.044-0.048 s with it; by RK4, 0.14-0.15 s and 0.11-0.13 s). Neuron {@code i} of
 * worker {@code w}'s slice then sits at position {@code i + w * gap}; {@link #index} maps numbers to
 * positions. Everything outside the step loop (accessors, recorders, snapshots) sees neuron numbers
 * only.
 */
public final class Population {
    final Network net;
    final int id;
    final String name;
    final NeuronModel model;
    final int size;
    final double[] params;
    final Map<String, Dist> initial = new LinkedHashMap<>();

    // built
    double[][] state;
    double[][] ring;
    int gap; // unused entries after each worker's slice (0: positions are neuron numbers)
    int length; // length of a state array and of one ring slot: size plus the padding
    int[] bounds; // first neuron of each worker's slice, then size
    boolean[] livePorts; // ports some projection or stimulus writes to
    NeuronKernel kernel;
    long[] spikeCounts; // per worker, padded against false sharing
    long updates;

    Population(Network net, int id, String name, NeuronModel model, int size) {
        this.net = net;
        this.id = id;
        this.name = name;
        this.model = model;
        this.size = size;
        this.params = model.defaults();
    }

    String element() {
        return "population '" + name + "' (" + model.name() + ")";
    }

    /** Sets a parameter (NEST name, internal units); checked at once against its valid range. */
    public Population param(String key, double value) {
        net.checkNotBuilt();
        int i = model.paramIndex(key);
        if (i < 0) {
            throw new ModelException(element(), key, "unknown parameter; " + model.name() + " has: "
                    + model.parameterNames());
        }
        model.parameters().get(i).check(element(), value);
        params[i] = value;
        return this;
    }

    /** A parameter's current value. */
    public double param(String key) {
        int i = model.paramIndex(key);
        if (i < 0) {
            throw new ModelException(element(), key, "unknown parameter; " + model.name() + " has: "
                    + model.parameterNames());
        }
        return params[i];
    }

    /** Sets the initial value of a state variable for every neuron. */
    public Population initial(String var, double value) {
        return initial(var, Dist.constant(value));
    }

    /** Draws the initial value of a state variable per neuron (stream keyed by seed, population, neuron). */
    public Population initial(String var, Dist dist) {
        net.checkNotBuilt();
        if (model.stateIndex(var) < 0) {
            throw new ModelException(element(), var, "unknown state variable; " + model.name() + " has: "
                    + String.join(", ", model.stateVariables()));
        }
        dist.validate(element(), var);
        initial.put(var, dist);
        return this;
    }

    public String name() {
        return name;
    }

    public NeuronModel model() {
        return model;
    }

    public int size() {
        return size;
    }

    /** Spikes emitted so far (counted whether or not they are recorded). */
    public long spikeCount() {
        long s = 0;
        if (spikeCounts != null) for (int w = 0; w < spikeCounts.length; w += Network.PAD) s += spikeCounts[w];
        return s;
    }

    /** Neuron updates so far (neurons times steps), for accounting. */
    public long neuronUpdates() {
        return updates;
    }

    /** Index of this population in its network (creation order). */
    public int id() {
        return id;
    }

    /** A copy of state variable {@code var} for all neurons (after build). */
    public double[] get(String var) {
        int i = model.stateIndex(var);
        if (i < 0) {
            throw new ModelException(element(), var, "unknown state variable; " + model.name() + " has: "
                    + String.join(", ", model.stateVariables()));
        }
        if (state == null) throw new IllegalStateException("network not built yet");
        return byNumber(state[i]);
    }

    /** Offset of worker {@code w}'s slice in the state arrays and within each ring slot. */
    int offset(int w) {
        return w * gap;
    }

    /** Position of neuron {@code i} in the state arrays and within each ring slot. */
    int index(int i) {
        if (gap == 0) return i;
        int w = (int) ((long) i * (bounds.length - 1) / size);
        while (bounds[w] > i) w--;
        while (bounds[w + 1] <= i) w++;
        return i + w * gap;
    }

    /**
     * The values of {@code a}, rows of {@link #length} positions (a state array, or a ring's slots one
     * after the other), by neuron number: rows of {@code size} values.
     */
    double[] byNumber(double[] a) {
        final int rows = a.length / length;
        double[] out = new double[rows * size];
        for (int r = 0; r < rows; r++) {
            for (int w = 0; w + 1 < bounds.length; w++) {
                System.arraycopy(a, r * length + bounds[w] + offset(w), out, r * size + bounds[w], bounds[w + 1] - bounds[w]);
            }
        }
        return out;
    }

    /** The inverse of {@link #byNumber}: writes {@code values} (rows of {@code size}) into the positions of {@code a}. */
    void fromNumbers(double[] values, double[] a) {
        final int rows = a.length / length;
        for (int r = 0; r < rows; r++) {
            for (int w = 0; w + 1 < bounds.length; w++) {
                System.arraycopy(values, r * size + bounds[w], a, r * length + bounds[w] + offset(w), bounds[w + 1] - bounds[w]);
            }
        }
    }

    /** Overwrites state variable {@code var} of neuron {@code i} (after build, between runs). */
    public void set(String var, int neuron, double value) {
        int i = model.stateIndex(var);
        if (i < 0) throw new ModelException(element(), var, "unknown state variable");
        if (state == null) throw new IllegalStateException("network not built yet");
        net.checkNotRunning();
        checkNeuron(neuron);
        final int at = index(neuron);
        double old = state[i][at];
        state[i][at] = value;
        try {
            model.validateState(element(), state, at, at + 1, net.dt());
            checkCounters(neuron, neuron + 1);
        } catch (RuntimeException e) {
            state[i][at] = old;
            throw e;
        }
    }

    /**
     * Step counters (state variables in unit {@code steps}, such as {@code refractory_steps}) of
     * neurons {@code [from, to)} must be whole numbers from 0 up: the kernels count them down to 0,
     * which another value would never reach (and the vectorised and scalar loops would then part).
     */
    void checkCounters(int from, int to) {
        for (int v = 0; v < state.length; v++) {
            if (!NeuronModel.STEPS.equals(model.stateUnit(v))) continue;
            final double[] a = state[v];
            for (int n = from; n < to; n++) {
                final double x = a[index(n)];
                if (!NeuronModel.isStepCount(x)) {
                    throw new ModelException(element(), model.stateVariables().get(v), "neuron " + n + ": value " + x
                            + " is invalid; valid: a whole number of steps from 0 to " + Integer.MAX_VALUE);
                }
            }
        }
    }

    /**
     * Appends spike times (ms) to neuron {@code neuron} of a {@code spike_generator} population
     * between {@link Network#simulate} calls, e.g. a reward delivered when an event is seen (NEST:
     * {@code SetStatus} of the generator's {@code spike_times}). The times must lie on the grid,
     * increase strictly, follow the neuron's last scheduled spike and lie after the time simulated so
     * far; a spike at time t is emitted in the step ending at t, as at build. The added times belong
     * to the network's description, not its state: a snapshot ({@link Network#saveState}) does not
     * carry them.
     *
     * @throws ModelException if the population is not a spike_generator, the neuron is out of range or
     *                        a time is invalid (naming it and what is valid); nothing changes then
     * @throws IllegalStateException if the network is not built or is running
     */
    public void addSpikes(int neuron, double... times) {
        if (state == null) throw new IllegalStateException(element() + ": network not built yet");
        net.checkNotRunning();
        if (!(kernel instanceof SpikeSchedule)) {
            throw new ModelException(element(), "spike_times", "only spike_generator populations take spike times");
        }
        checkNeuron(neuron);
        ((SpikeSchedule) kernel).addSpikes(element(), neuron, times, net.dt(), net.step);
    }

    private void checkNeuron(int neuron) {
        if (neuron < 0 || neuron >= size) {
            throw new ModelException(element(), "neuron", "value " + neuron + " is invalid; valid: [0, " + size + ")");
        }
    }

    @Override
    public String toString() {
        return name + " (" + model.name() + ", " + size + ")";
    }
}
