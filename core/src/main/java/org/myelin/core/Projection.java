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
    /** Whether {@link #setWeights} changed a static weight (a snapshot then carries the static weights). */
    boolean staticWeightsSet;
    // built by the first weights()/setWeights (groups do not change after build)
    private SynapseGroup[] flat; // the groups, worker-major
    private long[] groupStart; // concatenation offset of each group in flat, plus the total
    private int[] order; // synapses() position -> concatenation index

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
     * Brings a plastic projection's weights up to the current time: applies every weight change due
     * to a postsynaptic spike that has reached its synapse, which the rule would otherwise apply at
     * the synapse's next presynaptic spike. Plastic rules here are lazy, as NEST's: a postsynaptic
     * spike changes the weights when the next presynaptic spike is delivered, so between runs
     * {@link #weights()} and {@link #synapses()} read each weight as of its source's last spike
     * (NEST's {@code GetStatus}), not as Brian2's immediate {@code on_post} update leaves it. Call
     * this before reading weights that a computation between runs depends on, such as a per-stimulus
     * normalisation (Diehl and Cook 2015).
     *
     * <p>Exact: the later presynaptic spikes continue from the settled state, and the weights they
     * leave equal those of a run without the call up to rounding (the traces' decay is split at the
     * call). A static projection has nothing to settle (no-op). Throws
     * {@link UnsupportedOperationException}, changing nothing, for a rule whose pending change
     * depends on more than its per-source state ({@link Plasticity#settles()} false: the
     * nearest-neighbour pair rules, and rules with a volume transmitter, which settle at its
     * period). Not while the network runs.
     */
    public void settle() {
        if (groups == null) throw new IllegalStateException(element() + ": network not built yet");
        net.checkNotRunning();
        Plasticity rule = synapse.plasticity;
        if (rule == null) return;
        if (!rule.settles()) {
            throw new UnsupportedOperationException(element() + ": settle: rule " + rule.name()
                    + " applies its changes at presynaptic spikes only; valid: a rule whose settles() is true "
                    + "(stdp_synapse, stdp_triplet_synapse, stdp_triplet_nn_synapse)");
        }
        final int stamp = (int) net.step; // simulate keeps the step count within int
        for (SynapseGroup[] gs : groups) for (SynapseGroup g : gs) g.settle(stamp);
    }

    /**
     * Every synapse's weight, in the order of {@link #synapses()} ({@code synapses().weight}), read
     * straight from the synapse groups: the first call (or {@link #setWeights}) computes and keeps
     * that order (4 bytes per synapse), later calls cost one pass. For reading and writing weights
     * between every pair of {@link Network#simulate} calls (e.g. a normalisation per stimulus).
     */
    public double[] weights() {
        if (groups == null) throw new IllegalStateException(element() + ": network not built yet");
        if (order == null) buildOrder();
        double[] out = new double[order.length];
        for (int i = 0; i < out.length; i++) {
            int c = order[i];
            int g = group(c);
            out[i] = flat[g].weight((int) (c - groupStart[g]));
        }
        return out;
    }

    /**
     * Sets every synapse's weight, {@code w[i]} for the synapse at position {@code i} of
     * {@link #synapses()} (sorted by source, then target, then creation order; read the current
     * weights with {@link #weights()}). NEST's {@code SetStatus} on a projection's
     * connections, Brian2's {@code S.w[:] = ...}: for example a weight normalisation between two
     * {@link Network#simulate} calls.
     *
     * <p>Checked before anything changes (a rejected call changes nothing): the network is built and
     * not running; {@code w.length} equals {@link #synapseCount()}; every value is finite; where the
     * target routes spikes by the weight's sign (NEST's excitatory/inhibitory receptors), a weight
     * keeps the side it was built on ({@code >= 0} excitatory, {@code <= 0} inhibitory; 0 is allowed
     * on both); a plastic weight passes the rule's own check (e.g. within {@code [0, Wmax]}) and keeps
     * the sign the rule fixes.
     *
     * <p>Storage: plastic weights are doubles and take the value exactly; static weights are floats,
     * as at build, so a static weight reads back rounded to float. A static projection built with one
     * weight for all synapses (4 bytes per synapse less) gets a per-synapse weight array in every
     * synapse group where a new weight differs from that constant, and there all its weights become
     * floats. A snapshot ({@link Network#saveState}) then includes the static weights. The first call
     * computes and keeps the {@code synapses()} order (4 bytes per synapse).
     *
     * @throws IllegalStateException if the network is not built or is running
     * @throws ModelException naming this projection, the synapse (index, source, target), the value and
     *                        what is valid
     */
    public void setWeights(double[] w) {
        if (groups == null) throw new IllegalStateException(element() + ": network not built yet");
        net.checkNotRunning();
        if (w.length != synapseCount) {
            throw new ModelException(element(), "weights", "length " + w.length + " is invalid; valid: "
                    + synapseCount + " (one per synapse, in the order of synapses())");
        }
        if (order == null) buildOrder();
        boolean signRouted = synapse.receptor == null && target.model.signRouted();
        Plasticity rule = synapse.plasticity;
        double ruleSign = rule == null ? 0 : rule.weightSign();
        // built once: a rule's weight check takes it for its message, and building it per synapse
        // cost 10% of a Diehl & Cook training run, which sets 78,400 weights per image
        final String el = element();
        for (int i = 0; i < w.length; i++) {
            double x = w[i];
            int c = order[i];
            int g = group(c);
            SynapseGroup sg = flat[g];
            String why = null;
            if (!Double.isFinite(x)) {
                why = "valid: a finite number";
            } else if (signRouted && ruleSign == 0 && (sg.port == 0 ? x < 0 : x > 0)) {
                why = "valid: " + (sg.port == 0 ? ">= 0" : "<= 0") + " (built as " + (sg.port == 0 ? "excitatory"
                        : "inhibitory") + "; the sign selects the receptor at build)";
            } else if (!Plasticity.keepsSign(ruleSign, x)) {
                why = "valid: " + (ruleSign > 0 ? ">= 0" : "<= 0") + " (the sign of Wmax of " + rule.name() + ")";
            }
            int k = (int) (c - groupStart[g]);
            if (why == null && rule != null) {
                try {
                    rule.checkWeight(el, x);
                } catch (ModelException e) {
                    why = e.getMessage();
                }
            }
            if (why != null) {
                throw new ModelException(el, "weights", "synapse " + i + " (source " + sourceOf(sg, k)
                        + ", target " + sg.target(k) + "): value " + x + " is invalid; " + why);
            }
        }
        for (int i = 0; i < w.length; i++) {
            int c = order[i];
            int g = group(c);
            flat[g].setWeight((int) (c - groupStart[g]), w[i]);
        }
        if (rule == null) staticWeightsSet = true;
    }

    /** The group holding concatenation index {@code c}. */
    private int group(int c) {
        int lo = 0;
        int hi = groupStart.length - 2; // groupStart has one entry more than there are groups
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (groupStart[mid] <= c) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    private static int sourceOf(SynapseGroup g, int k) {
        int lo = 0;
        int hi = g.rowPtr.length - 2;
        while (lo < hi) { // the last row whose start is <= k
            int mid = (lo + hi + 1) >>> 1;
            if (g.rowPtr[mid] <= k) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    private void buildOrder() {
        int n = 0;
        for (SynapseGroup[] gs : groups) n += gs.length;
        flat = new SynapseGroup[n];
        int i = 0;
        for (SynapseGroup[] gs : groups) for (SynapseGroup g : gs) flat[i++] = g;
        groupStart = new long[flat.length + 1];
        for (int g = 0; g < flat.length; g++) groupStart[g + 1] = groupStart[g] + flat[g].size();
        if (groupStart[flat.length] > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(element() + ": setWeights supports at most 2^31 - 9 synapses per projection");
        }
        order = SynapseGroup.sortedOrder(this);
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
