package org.myelin.core;

/**
 * A connection rule (NEST/PyNN names). Sources and targets are indices within their populations.
 *
 * <table>
 * <caption>Rules</caption>
 * <tr><th>rule</th><th>meaning</th></tr>
 * <tr><td>{@code all_to_all}</td><td>every source to every target</td></tr>
 * <tr><td>{@code one_to_one}</td><td>source i to target i (equal sizes)</td></tr>
 * <tr><td>{@code pairwise_bernoulli}</td><td>each pair independently with probability p</td></tr>
 * <tr><td>{@code fixed_indegree}</td><td>each target draws K sources uniformly</td></tr>
 * <tr><td>{@code fixed_outdegree}</td><td>each source draws K targets uniformly</td></tr>
 * <tr><td>{@code fixed_total_number}</td><td>N pairs drawn uniformly</td></tr>
 * <tr><td>{@code explicit}</td><td>given (source, target) lists, optionally with weights and delays</td></tr>
 * </table>
 * Switches: {@code allow_autapses} (default true; only meaningful when source and target are the same
 * population) and {@code allow_multapses} (default true), as in NEST. Draws are made per target
 * neuron from its own random stream (per source for {@code fixed_outdegree}, one stream for
 * {@code fixed_total_number}), so connectivity does not depend on the number of threads.
 */
public final class Connect {
    /** Rule kinds. */
    public enum Rule {
        ALL_TO_ALL("all_to_all"), ONE_TO_ONE("one_to_one"), PAIRWISE_BERNOULLI("pairwise_bernoulli"),
        FIXED_INDEGREE("fixed_indegree"), FIXED_OUTDEGREE("fixed_outdegree"),
        FIXED_TOTAL_NUMBER("fixed_total_number"), EXPLICIT("explicit");

        private final String nestName;

        Rule(String nestName) {
            this.nestName = nestName;
        }

        public String nestName() {
            return nestName;
        }
    }

    final Rule rule;
    final double p;
    final long n;
    final int[] sources;
    final int[] targets;
    final double[] weights;
    final double[] delays;
    final boolean autapses;
    final boolean multapses;

    private Connect(Rule rule, double p, long n, int[] sources, int[] targets, double[] weights, double[] delays,
                    boolean autapses, boolean multapses) {
        this.rule = rule;
        this.p = p;
        this.n = n;
        this.sources = sources;
        this.targets = targets;
        this.weights = weights;
        this.delays = delays;
        this.autapses = autapses;
        this.multapses = multapses;
    }

    public static Connect allToAll() {
        return new Connect(Rule.ALL_TO_ALL, 0, 0, null, null, null, null, true, true);
    }

    public static Connect oneToOne() {
        return new Connect(Rule.ONE_TO_ONE, 0, 0, null, null, null, null, true, true);
    }

    public static Connect pairwiseBernoulli(double p) {
        return new Connect(Rule.PAIRWISE_BERNOULLI, p, 0, null, null, null, null, true, true);
    }

    public static Connect fixedIndegree(int k) {
        return new Connect(Rule.FIXED_INDEGREE, 0, k, null, null, null, null, true, true);
    }

    public static Connect fixedOutdegree(int k) {
        return new Connect(Rule.FIXED_OUTDEGREE, 0, k, null, null, null, null, true, true);
    }

    public static Connect fixedTotalNumber(long n) {
        return new Connect(Rule.FIXED_TOTAL_NUMBER, 0, n, null, null, null, null, true, true);
    }

    /** Explicit pairs; the synapse spec gives weight and delay. Arrays are copied. */
    public static Connect explicit(int[] sources, int[] targets) {
        return new Connect(Rule.EXPLICIT, 0, 0, sources.clone(), targets.clone(), null, null, true, true);
    }

    /** Explicit pairs with a weight and a delay (ms) each, overriding the synapse spec's. */
    public static Connect explicit(int[] sources, int[] targets, double[] weights, double[] delays) {
        return new Connect(Rule.EXPLICIT, 0, 0, sources.clone(), targets.clone(),
                weights == null ? null : weights.clone(), delays == null ? null : delays.clone(), true, true);
    }

    /** Whether a neuron may connect to itself (same population only). */
    public Connect autapses(boolean allow) {
        return new Connect(rule, p, n, sources, targets, weights, delays, allow, multapses);
    }

    /** Whether a pair may be connected more than once. */
    public Connect multapses(boolean allow) {
        return new Connect(rule, p, n, sources, targets, weights, delays, autapses, allow);
    }

    public Rule rule() {
        return rule;
    }

    /** Expected number of synapses for the given sizes (for sizing and memory estimates). */
    public double expectedSynapses(int nSource, int nTarget, boolean samePopulation) {
        double pairs = (double) nSource * nTarget;
        if (samePopulation && !autapses) pairs -= nTarget;
        switch (rule) {
            case ALL_TO_ALL: return pairs;
            case ONE_TO_ONE: return (samePopulation && !autapses) ? 0 : nTarget;
            case PAIRWISE_BERNOULLI: return p * pairs;
            case FIXED_INDEGREE: return (double) n * nTarget;
            case FIXED_OUTDEGREE: return (double) n * nSource;
            case FIXED_TOTAL_NUMBER: return n;
            default: return sources.length;
        }
    }

    @Override
    public String toString() {
        switch (rule) {
            case PAIRWISE_BERNOULLI: return "pairwise_bernoulli(p=" + p + ")";
            case FIXED_INDEGREE: return "fixed_indegree(" + n + ")";
            case FIXED_OUTDEGREE: return "fixed_outdegree(" + n + ")";
            case FIXED_TOTAL_NUMBER: return "fixed_total_number(" + n + ")";
            default: return rule.nestName();
        }
    }
}
