package org.myelin.io;

import org.myelin.core.Generator;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A validated stimulus onto one target population. {@code kind} is null for {@code spike_generator}
 * (then {@code spikeTimes} holds one shared train or one per target neuron). Values in internal units:
 * {@code a} is rate (Hz), amplitude or mean (pA); {@code b} std (pA); {@code c} the noise interval (ms).
 */
record StimulusSpec(String model, Generator.Kind kind, double a, double b, double c, double[] times,
                    double[] values, double start, double stop, double[][] spikeTimes, boolean sharedTrain,
                    String to, double weight, String weightUnit, double delay, Node node, String path) {
}
