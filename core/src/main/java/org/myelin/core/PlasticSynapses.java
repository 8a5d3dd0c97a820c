package org.myelin.core;

/**
 * The plastic synapses of one synapse group (one projection, one worker's block of targets, one
 * receptor port), as a {@link PlasticKernel} sees them: target-partitioned CSR rows by source, with
 * a double-precision weight per synapse ({@link #weight}, signed as the user gives it, NEST's
 * convention), per-synapse state ({@link #state}), per-source state ({@link #source}), the spike
 * history of the targets ({@link #post()}) and, for modulated rules, the volume transmitter's spikes
 * ({@link #modulator()}). Only the owning worker reads or writes it.
 */
public final class PlasticSynapses {
    /** Weight per synapse. */
    public final double[] weight;
    /** Per-synapse state: {@code state[var][synapse]}, variables as {@link Plasticity#synapseVariables()}. */
    public final double[][] state;
    /** Per-source state: {@code source[var][source]}, variables as {@link Plasticity#sourceVariables()}. */
    public final double[][] source;
    /** The time step (ms). */
    public final double dt;

    final Plasticity rule;
    final int[] rowPtr;
    final int[] tgt;
    final char[] tgtShort;
    final int tgtBase;
    final char[] delays;
    final int dConst;
    PlasticKernel kernel;
    PostArchive post;
    int[] postTrace;
    ModulatorSpikes modulator;
    int modulatorTrace;

    PlasticSynapses(Plasticity rule, double dt, int[] rowPtr, int[] tgt, char[] tgtShort, int tgtBase, char[] delays,
                    int dConst, double[] weight) {
        this.rule = rule;
        this.dt = dt;
        this.rowPtr = rowPtr;
        this.tgt = tgt;
        this.tgtShort = tgtShort;
        this.tgtBase = tgtBase;
        this.delays = delays;
        this.dConst = dConst;
        this.weight = weight;
        int nSyn = weight.length;
        int nSrc = rowPtr.length - 1;
        String[] sv = rule.synapseVariables();
        state = new double[sv.length][nSyn];
        for (int v = 0; v < sv.length; v++) java.util.Arrays.fill(state[v], rule.synapseInitial(v));
        String[] pv = rule.sourceVariables();
        source = new double[pv.length][nSrc];
        for (int v = 0; v < pv.length; v++) java.util.Arrays.fill(source[v], rule.sourceInitial(v));
    }

    /** Number of synapses. */
    public int size() {
        return weight.length;
    }

    /** Number of sources (rows). */
    public int sources() {
        return rowPtr.length - 1;
    }

    /** First synapse of source {@code src}'s row. */
    public int rowStart(int src) {
        return rowPtr[src];
    }

    /** One past the last synapse of source {@code src}'s row. */
    public int rowEnd(int src) {
        return rowPtr[src + 1];
    }

    /** Target (index within the target population) of synapse {@code k}. */
    public int target(int k) {
        return tgt != null ? tgt[k] : tgtBase + tgtShort[k];
    }

    /** Delay of synapse {@code k} in steps. */
    public int delay(int k) {
        return delays != null ? delays[k] : dConst;
    }

    /** The spike history and traces of the targets this group's worker owns. */
    public PostArchive post() {
        return post;
    }

    /** The archive index of the rule's postsynaptic trace {@code i}. */
    public int postTrace(int i) {
        return postTrace[i];
    }

    /** The modulator spikes (this worker's copy), or null when the rule has no volume transmitter. */
    public ModulatorSpikes modulator() {
        return modulator;
    }

    /** The modulator trace index of the rule's modulator time constant. */
    public int modulatorTrace() {
        return modulatorTrace;
    }

    /** The rule these synapses follow. */
    public Plasticity rule() {
        return rule;
    }
}
