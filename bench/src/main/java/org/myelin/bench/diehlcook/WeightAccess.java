package org.myelin.bench.diehlcook;

import java.util.ArrayList;
import java.util.List;

import org.myelin.core.PlasticKernel;
import org.myelin.core.PlasticSynapses;
import org.myelin.core.Plasticity;
import org.myelin.core.VolumeTransmitter;

/**
 * A plasticity rule that behaves exactly as the rule it wraps and, in addition, gives write access
 * to the weights of its synapses between {@link org.myelin.core.Network#simulate} chunks, for
 * operations the kernel does not offer: Diehl and Cook's per-image normalisation of every
 * excitatory neuron's summed input weight.
 *
 * <p>Why a wrapper: core exposes a projection's weights read-only ({@code Projection.synapses()},
 * a copy) and has no weight setter; the only handle on the live weight arrays is the
 * {@link PlasticSynapses} that the kernel passes to {@link PlasticKernel#learn}. The wrapped kernel
 * records each synapse group the first time it sees it (one identity comparison per presynaptic
 * spike and group), so a group becomes reachable once one presynaptic spike of the projection has
 * been delivered to it. Callers that need the weights right from the start should give
 * the initial weights the property they need (here: already normalised, by
 * {@code Connect.explicit}).
 *
 * <p>Not thread-safe: use it only while the network is not running. With more than one worker
 * thread each worker owns its own groups; {@link #groups()} returns them all.
 */
public final class WeightAccess extends Plasticity {
    private final Plasticity rule;
    private final List<PlasticSynapses> groups = new ArrayList<>();

    public WeightAccess(Plasticity rule) {
        this.rule = rule;
    }

    /** The wrapped rule. */
    public Plasticity rule() {
        return rule;
    }

    /** The synapse groups seen so far (live objects: their {@code weight} arrays are the kernel's). */
    public synchronized List<PlasticSynapses> groups() {
        return List.copyOf(groups);
    }

    synchronized void register(PlasticSynapses syn) {
        for (int g = 0; g < groups.size(); g++) if (groups.get(g) == syn) return;
        groups.add(syn);
    }

    /**
     * Scales the weights onto each target so that they sum to {@code total} (Diehl and Cook's
     * {@code normalize_weights}: {@code w[:, j] *= total / sum(w[:, j])}). Targets whose inputs sum
     * to 0 are left alone (their factor would be infinite). Only synapses in groups already seen are
     * touched; returns the number of synapses scaled.
     *
     * @param targets size of the target population
     */
    public synchronized int normalise(int targets, double total) {
        double[] sum = new double[targets];
        int n = 0;
        for (int g = 0; g < groups.size(); g++) {
            PlasticSynapses s = groups.get(g);
            double[] w = s.weight;
            for (int k = 0; k < w.length; k++) sum[s.target(k)] += w[k];
        }
        for (int j = 0; j < targets; j++) sum[j] = sum[j] != 0 ? total / sum[j] : 1.0;
        for (int g = 0; g < groups.size(); g++) {
            PlasticSynapses s = groups.get(g);
            double[] w = s.weight;
            for (int k = 0; k < w.length; k++) w[k] *= sum[s.target(k)];
            n += w.length;
        }
        return n;
    }

    @Override
    public String name() {
        return rule.name();
    }

    @Override
    public void validate(String element, double dt) {
        rule.validate(element, dt);
    }

    @Override
    public void checkWeight(String element, double w) {
        rule.checkWeight(element, w);
    }

    @Override
    public double weightSign() {
        return rule.weightSign();
    }

    @Override
    public String[] synapseVariables() {
        return rule.synapseVariables();
    }

    @Override
    public double synapseInitial(int var) {
        return rule.synapseInitial(var);
    }

    @Override
    public String[] sourceVariables() {
        return rule.sourceVariables();
    }

    @Override
    public double sourceInitial(int var) {
        return rule.sourceInitial(var);
    }

    @Override
    public int postTraceCount() {
        return rule.postTraceCount();
    }

    @Override
    public double postTraceTau(int i) {
        return rule.postTraceTau(i);
    }

    @Override
    public boolean postTraceNearest(int i) {
        return rule.postTraceNearest(i);
    }

    @Override
    public VolumeTransmitter volumeTransmitter() {
        return rule.volumeTransmitter();
    }

    @Override
    public double modulatorTau() {
        return rule.modulatorTau();
    }

    @Override
    public PlasticKernel compile(double dt) {
        return new Kernel(this, rule.compile(dt));
    }

    @Override
    public String toString() {
        return rule.toString();
    }

    /** Delegates; remembers the last group seen per worker thread cheaply (identity check). */
    static final class Kernel implements PlasticKernel {
        final WeightAccess owner;
        final PlasticKernel inner;
        private final ThreadLocal<PlasticSynapses> last = new ThreadLocal<>();

        Kernel(WeightAccess owner, PlasticKernel inner) {
            this.owner = owner;
            this.inner = inner;
        }

        @Override
        public void learn(PlasticSynapses syn, int src, int stamp, int lo, int hi) {
            if (last.get() != syn) seen(syn);
            inner.learn(syn, src, stamp, lo, hi);
        }

        @Override
        public void trigger(PlasticSynapses syn, int src, int stamp, int lo, int hi) {
            if (last.get() != syn) seen(syn);
            inner.trigger(syn, src, stamp, lo, hi);
        }

        private void seen(PlasticSynapses syn) {
            last.set(syn);
            owner.register(syn);
        }
    }
}
