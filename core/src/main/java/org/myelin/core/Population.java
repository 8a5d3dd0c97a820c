package org.myelin.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A population: {@code size} neurons of one model, with one parameter set. State is
 * struct-of-arrays, one {@code double[]} per state variable. Obtained from
 * {@link Network#population}; parameters and initial values may be changed until the network is
 * built.
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
        return state[i].clone();
    }

    /** Overwrites state variable {@code var} of neuron {@code i} (after build, between runs). */
    public void set(String var, int neuron, double value) {
        int i = model.stateIndex(var);
        if (i < 0) throw new ModelException(element(), var, "unknown state variable");
        if (state == null) throw new IllegalStateException("network not built yet");
        net.checkNotRunning();
        state[i][neuron] = value;
    }

    @Override
    public String toString() {
        return name + " (" + model.name() + ", " + size + ")";
    }
}
