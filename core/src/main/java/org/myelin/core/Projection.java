package org.myelin.core;

/**
 * A projection: synapses of one model from a source to a target population, made by one connection
 * rule. Obtained from {@link Network#connect}. After build it reports its synapse count and, after a
 * run, the synaptic events it delivered.
 */
public final class Projection {
    final Network net;
    final int id;
    final Population source;
    final Population target;
    final Connect connect;
    final Synapse synapse;

    // built: groups[worker][k]
    SynapseGroup[][] groups;
    long[] events; // per worker, padded
    long synapseCount;
    int minDelaySteps;
    int maxDelaySteps;

    Projection(Network net, int id, Population source, Population target, Connect connect, Synapse synapse) {
        this.net = net;
        this.id = id;
        this.source = source;
        this.target = target;
        this.connect = connect;
        this.synapse = synapse;
    }

    String element() {
        return "projection #" + id + " '" + source.name + "' -> '" + target.name + "'";
    }

    public Population source() {
        return source;
    }

    public Population target() {
        return target;
    }

    public Connect connect() {
        return connect;
    }

    public Synapse synapse() {
        return synapse;
    }

    /** Number of synapses (after build). */
    public long synapseCount() {
        return synapseCount;
    }

    /** Synaptic events delivered so far (spikes times out-degree). */
    public long events() {
        long s = 0;
        if (events != null) for (int w = 0; w < events.length; w += Network.PAD) s += events[w];
        return s;
    }

    /** Bytes of synapse storage (row pointers, targets, weights, delays, short-term state). */
    public long memoryBytes() {
        long b = 0;
        if (groups != null) for (SynapseGroup[] gs : groups) for (SynapseGroup g : gs) b += g.memoryBytes();
        return b;
    }

    /**
     * All synapses as parallel arrays (source, target, weight, delay in steps), sorted by source then
     * target (then creation order). For inspection and tests; allocates.
     */
    public SynapseTable synapses() {
        if (groups == null) throw new IllegalStateException("network not built yet");
        return SynapseGroup.collect(this);
    }

    @Override
    public String toString() {
        return element() + " " + connect + " " + synapse;
    }
}
