package org.myelin.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.RateRecorder;
import org.myelin.core.SpikeRecorder;
import org.myelin.core.StateRecorder;

/**
 * A model file built into a core {@link Network} (allocated and ready to simulate), with the recorders
 * its {@code record:} section asked for. Populations are the ones declared in the file; a
 * {@code spike_generator} stimulus adds a hidden source population to the network that is not listed
 * here. Times in ms.
 */
public final class BuiltModel {
    private final ModelSpec spec;
    private final Network network;
    private final Map<String, Population> populations;
    private final Map<String, SpikeRecorder> spikes;
    private final List<StateRecorder> states;
    private final Map<String, RateRecorder> rates;

    BuiltModel(ModelSpec spec, Network network, Map<String, Population> populations, Map<String, SpikeRecorder> spikes,
               List<StateRecorder> states, Map<String, RateRecorder> rates) {
        this.spec = spec;
        this.network = network;
        this.populations = Collections.unmodifiableMap(new LinkedHashMap<>(populations));
        this.spikes = Collections.unmodifiableMap(new LinkedHashMap<>(spikes));
        this.states = List.copyOf(states);
        this.rates = Collections.unmodifiableMap(new LinkedHashMap<>(rates));
    }

    /** The validated model this was built from. */
    public ModelSpec spec() {
        return spec;
    }

    /** The core network. */
    public Network network() {
        return network;
    }

    /** The declared populations by name, in file order. */
    public Map<String, Population> populations() {
        return populations;
    }

    /** A declared population by name. */
    public Population population(String name) {
        Population p = populations.get(name);
        if (p == null) throw new IllegalArgumentException("no population '" + name + "'; defined: " + populations.keySet());
        return p;
    }

    /** Spike recorders by population name ({@code record.spikes}). */
    public Map<String, SpikeRecorder> spikeRecorders() {
        return spikes;
    }

    /** State recorders in file order ({@code record.state}). */
    public List<StateRecorder> stateRecorders() {
        return states;
    }

    /** Rate recorders by population name ({@code record.rate}). */
    public Map<String, RateRecorder> rateRecorders() {
        return rates;
    }

    /** The model's duration in ms. */
    public double duration() {
        return spec.duration();
    }

    /** Simulates the model's whole duration. */
    public void simulate() {
        network.simulate(spec.duration());
    }

    /** Simulates the model's whole duration, reporting progress to {@code listener} (may be null). */
    public void simulate(Network.ProgressListener listener) {
        network.simulate(spec.duration(), listener);
    }
}
