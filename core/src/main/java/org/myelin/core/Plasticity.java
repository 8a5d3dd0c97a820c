package org.myelin.core;

/**
 * A synaptic plasticity rule: the descriptor the kernel needs to store and run plastic synapses.
 * Rules live outside the kernel (module {@code learn}) and reach it only through this class and
 * {@link PlasticKernel}; {@link Synapse#plastic} attaches one to a projection.
 *
 * <h2>What the kernel keeps for a rule</h2>
 * <ul>
 * <li>a weight per synapse, in double precision, stored in the target-partitioned CSR next to the
 * targets ({@link PlasticSynapses#weight});</li>
 * <li>{@link #synapseVariables()}: further per-synapse state (e.g. an eligibility trace);</li>
 * <li>{@link #sourceVariables()}: per-source state, one value per presynaptic neuron and projection,
 * for quantities that depend only on the presynaptic spike train and time (presynaptic traces,
 * the time of the last presynaptic spike), as NEST keeps them per synapse; every worker holds an
 * identical copy;</li>
 * <li>{@link #postTraceCount()} postsynaptic traces with time constants {@link #postTraceTau}, kept
 * with the spike history of every neuron of the target population ({@link PostArchive});</li>
 * <li>optionally a {@link VolumeTransmitter}: the spikes of a modulatory population, with a trace of
 * time constant {@link #modulatorTau()} ({@link ModulatorSpikes}).</li>
 * </ul>
 *
 * <h2>When a rule runs</h2>
 * At delivery: when a presynaptic spike with time stamp {@code s} (time {@code s*dt}) is delivered,
 * the kernel calls {@link PlasticKernel#learn} for the source's row of synapses before it transmits
 * the spike with the updated weights (NEST's {@code send}). Delivery runs on the worker that owns the
 * targets, in global spike order, so a rule needs no locks and the result does not depend on the
 * number of threads. Rules with a volume transmitter are also called periodically
 * ({@link PlasticKernel#trigger}).
 *
 * <p>A rule object is an immutable description; {@link #compile} returns the kernel (stateless: all
 * state is in the arrays above, so a snapshot is complete by construction).
 */
public abstract class Plasticity {
    private static final String[] NONE = new String[0];

    /** The model name (NEST's where NEST has the rule), e.g. {@code stdp_synapse}. */
    public abstract String name();

    /** Checks the parameters; throws {@link ModelException} naming {@code element} and the key. */
    public void validate(String element, double dt) {
    }

    /** Checks one initial weight (e.g. its sign against {@code Wmax}); throws {@link ModelException}. */
    public void checkWeight(String element, double w) {
    }

    /**
     * The sign all weights of this rule keep: +1 or -1 routes every synapse to the excitatory or the
     * inhibitory port of a sign-routed target whatever its initial weight (a weight of 0 included);
     * 0 routes by the sign of the initial weight.
     */
    public double weightSign() {
        return 0;
    }

    /** Whether weight {@code w} agrees with a {@link #weightSign()} of {@code ruleSign} (0 agrees with any). */
    static boolean keepsSign(double ruleSign, double w) {
        return ruleSign == 0 || w == 0 || Math.signum(w) == Math.signum(ruleSign);
    }

    /** Names of the per-synapse state variables besides the weight. */
    public String[] synapseVariables() {
        return NONE;
    }

    /** Initial value of per-synapse variable {@code var}. */
    public double synapseInitial(int var) {
        return 0;
    }

    /** Names of the per-source state variables. */
    public String[] sourceVariables() {
        return NONE;
    }

    /** Initial value of per-source variable {@code var}. */
    public double sourceInitial(int var) {
        return 0;
    }

    /** Number of postsynaptic traces the rule reads from the target's spike history. */
    public int postTraceCount() {
        return 0;
    }

    /** Time constant (ms) of postsynaptic trace {@code i}. */
    public double postTraceTau(int i) {
        throw new IndexOutOfBoundsException(i);
    }

    /**
     * Whether postsynaptic trace {@code i} is a nearest-spike trace (set to 1 at each spike) rather
     * than an all-to-all one (incremented by 1 at each spike).
     */
    public boolean postTraceNearest(int i) {
        return false;
    }

    /** The volume transmitter whose spikes modulate this rule, or null. */
    public VolumeTransmitter volumeTransmitter() {
        return null;
    }

    /** Time constant (ms) of the modulator trace (incremented by 1/tau per modulator spike). */
    public double modulatorTau() {
        return 1;
    }

    /**
     * Whether the kernel implements {@link PlasticKernel#settle}, so that
     * {@link Projection#settle()} can bring the weights up to the current time (rules whose pending
     * change needs more state than the source's, such as nearest-neighbour pairings that remember
     * which pairing was used, return false).
     */
    public boolean settles() {
        return false;
    }

    /** The kernel for time step {@code dt} (ms). */
    public abstract PlasticKernel compile(double dt);

    @Override
    public String toString() {
        return name();
    }
}
