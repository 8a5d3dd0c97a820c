package org.myelin.io;

import org.myelin.core.Connect;
import org.myelin.core.Dist;
import org.myelin.core.Synapse;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A validated projection onto one target population (a file entry with {@code to: [E, I]} becomes
 * two). {@code n} is the rule's count (indegree, outdegree or N); {@code synapseParams} holds the synapse
 * model's parameters in the order of {@link Catalog#synapseParameters} (for tsodyks_synapse U, tau_psc,
 * tau_rec, tau_fac, x, y, u); {@code volumeTransmitter} is the synapse block's
 * {@code volume_transmitter} (null unless the plastic model uses one); weights in the target's weight
 * unit, delays in ms.
 */
record ProjectionSpec(String from, String to, Connect.Rule rule, double p, long n, int[] sources, int[] targets,
                      double[] weights, double[] delays, boolean autapses, boolean multapses, Synapse.Model synapse,
                      String synapseName, double[] synapseParams,
                      VolumeTransmitterSpec volumeTransmitter, Dist weight, Dist delay, String receptor, String weightUnit, Node node,
                      String path) {
}
