package org.myelin.io;

import java.util.Map;

import org.myelin.core.Dist;
import org.myelin.core.NeuronModel;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A validated population: {@code model} is null for {@code spike_generator}, whose trains are
 * {@code spikeTimes} (ms; one shared train when {@code sharedTrain}, else one per neuron).
 * {@code params} holds every parameter in storage order, in internal units.
 */
record PopulationSpec(String name, String modelName, NeuronModel model, int size, double[] params,
                      Map<String, Dist> initial, double[][] spikeTimes, boolean sharedTrain, Node node) {
    boolean isSpikeGenerator() {
        return model == null;
    }
}
