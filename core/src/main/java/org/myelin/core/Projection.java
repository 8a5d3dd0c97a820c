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

    /**
     * Per-synapse plastic state variable {@code var} (a name from the rule's
     * {@link Plasticity#synapseVariables()}, e.g. the eligibility trace {@code c}), in the order of
     * {@link #synapses()}. For inspection and tests; allocates.
     */
    public double[] synapseState(String var) {
        if (groups == null) throw new IllegalStateException("network not built yet");
        Plasticity rule = synapse.plasticity;
        int v = -1;
        if (rule != null) {
            String[] names = rule.synapseVariables();
            for (int i = 0; i < names.length; i++) if (names[i].equals(var)) v = i;
        }
        if (v < 0) {
            throw new ModelException(element(), var, "unknown synapse state variable; " + synapse + " has: "
                    + (rule == null ? "none" : String.join(", ", rule.synapseVariables())));
        }
        return SynapseGroup.collect(this, v).weight;
    }

    /**
     * Per-source plastic state variable {@code var} (a name from the rule's
     * {@link Plasticity#sourceVariables()}), one value per source neuron. Allocates.
     */
    public double[] sourceState(String var) {
        if (groups == null) throw new IllegalStateException("network not built yet");
        Plasticity rule = synapse.plasticity;
        int v = -1;
        if (rule != null) {
            String[] names = rule.sourceVariables();
            for (int i = 0; i < names.length; i++) if (names[i].equals(var)) v = i;
        }
        if (v < 0) {
            throw new ModelException(element(), var, "unknown source state variable; " + synapse + " has: "
                    + (rule == null ? "none" : String.join(", ", rule.sourceVariables())));
        }
        for (SynapseGroup[] gs : groups) for (SynapseGroup g : gs) return g.plastic.source[v].clone();
        double[] init = new double[source.size];
        java.util.Arrays.fill(init, rule.sourceInitial(v));
        return init;
    }

    @Override
    public String toString() {
        return element() + " " + connect + " " + synapse;
    }
}
