package org.myelin.io;

import java.util.List;

import org.yaml.snakeyaml.nodes.Node;

/** What to record: spikes (all neurons when {@code neurons} is null), state traces, population rates. */
record RecordSpec(List<Spikes> spikes, List<State> state, List<Rate> rate) {
    record Spikes(String population, int[] neurons, Node node) {
    }

    record State(String population, String[] variables, int[] neurons, double interval, Node node, String path) {
    }

    record Rate(String population, Node node) {
    }
}
