package org.myelin.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A neuron model: its parameters (NEST names, units, defaults), its state layout, its input ports,
 * and a {@link #compile(double[], double)} that returns the kernel advancing a slice of neurons.
 *
 * <p>A model is a stateless descriptor; all per-neuron state lives in the population's arrays
 * ({@code double[variable][neuron]}), so that a snapshot is complete by construction.
 *
 * <h2>Input ports</h2>
 * A model has {@link #receptorCount()} spike receptor ports plus one current port (index
 * {@code receptorCount()}), each a ring buffer of per-step input values. When
 * {@link #signRouted()} is true, a synapse with weight {@code w >= 0} feeds port 0 and one with
 * {@code w < 0} feeds port 1 (as NEST routes excitatory and inhibitory spikes); conductance models
 * ({@link #inhibitoryAsMagnitude()}) receive {@code |w|} on port 1. The current port holds a current
 * in pA, applied as constant over the step.
 */
public abstract class NeuronModel {
    private final String name;
    private final ParamSpec[] params;
    private final String[] state;
    private final String[] stateUnits;

    protected NeuronModel(String name, ParamSpec[] params, String[] state, String[] stateUnits) {
        if (state.length != stateUnits.length) throw new IllegalArgumentException("state/unit length mismatch");
        this.name = name;
        this.params = params.clone();
        this.state = state.clone();
        this.stateUnits = stateUnits.clone();
    }

    /** The NEST name, e.g. {@code iaf_psc_exp}. */
    public final String name() {
        return name;
    }

    /** The parameters, in storage order. */
    public final List<ParamSpec> parameters() {
        return List.of(params);
    }

    /** The state variable names (NEST names), in storage order. */
    public final List<String> stateVariables() {
        return List.of(state);
    }

    /** The unit of state variable {@code i}. */
    public final String stateUnit(int i) {
        return stateUnits[i];
    }

    /** Index of a parameter, or -1. */
    public final int paramIndex(String key) {
        for (int i = 0; i < params.length; i++) if (params[i].name().equals(key)) return i;
        return -1;
    }

    /** Index of a state variable, or -1. */
    public final int stateIndex(String var) {
        for (int i = 0; i < state.length; i++) if (state[i].equals(var)) return i;
        return -1;
    }

    /** The default parameter values, in storage order (a fresh array). */
    public final double[] defaults() {
        double[] d = new double[params.length];
        for (int i = 0; i < params.length; i++) d[i] = params[i].defaultValue();
        return d;
    }

    /** Number of spike receptor ports; the current port has index {@code receptorCount()}. */
    public final int receptorCount() {
        return receptorNames().length;
    }

    /** Names of the spike receptor ports, e.g. {@code ["ex", "in"]}. */
    public abstract String[] receptorNames();

    /** Whether the sign of a weight chooses the port ({@code w >= 0}: port 0; {@code w < 0}: port 1). */
    public boolean signRouted() {
        return receptorCount() == 2;
    }

    /** Whether port 1 receives the magnitude of negative weights (conductance models). */
    public boolean inhibitoryAsMagnitude() {
        return false;
    }

    /** Whether this model accepts input at all (false for spike sources). */
    public boolean hasInput() {
        return true;
    }

    /** Upper bound of spikes one neuron may emit in one step (parrots may repeat). */
    public int maxSpikesPerStep() {
        return 1;
    }

    /**
     * Checks relations between parameters (e.g. {@code V_reset < V_th}); single-parameter ranges are
     * already checked by {@link ParamSpec}. Throws {@link ModelException} naming {@code element}.
     */
    public void validate(String element, double[] p, double dt) {
    }

    /**
     * Checks the population size against the model (e.g. a spike generator with one train per
     * neuron). Throws {@link ModelException} naming {@code element}.
     */
    public void validateSize(String element, int size) {
    }

    /** Writes the default initial state of neurons [from, to). */
    public abstract void initialize(double[] p, double[][] state, int from, int to);

    /** Precomputes propagators for step {@code dt} (ms) and returns the kernel. */
    public abstract NeuronKernel compile(double[] p, double dt);

    /**
     * As {@link #compile(double[], double)}, for models that draw random numbers: {@code key} is the
     * population's own counter-based stream key (from the network's seed and the population), so that
     * a kernel drawing {@code Rng.uniform(Rng.key(key, neuron), step)} is a pure function of (seed,
     * population, neuron, step), whatever the number of threads. The default ignores the key.
     */
    public NeuronKernel compile(double[] p, double dt, long key) {
        return compile(p, dt);
    }

    /** The unit of state variables that count steps ({@code refractory_steps}, ...). */
    public static final String STEPS = "steps";

    /**
     * Whether {@code x} is a valid value of a step counter (a state variable in unit {@link #STEPS}):
     * a whole number from 0 to {@link Integer#MAX_VALUE}. Kernels count these down to 0, which
     * another value would never reach.
     */
    public static boolean isStepCount(double x) {
        return x >= 0 && x <= Integer.MAX_VALUE && x == Math.rint(x);
    }

    /**
     * Checks state values that the model restricts (e.g. a rate), for neurons {@code [from, to)}: at
     * build after the initial values are drawn, and after each {@link Population#set}. Throws
     * {@link ModelException} naming {@code element}, the variable, the neuron, the value and what is
     * valid. The default accepts everything.
     */
    public void validateState(String element, double[][] state, int from, int to, double dt) {
    }

    /**
     * For {@link #validate}: throws unless parameter {@code low} is strictly below parameter
     * {@code high}, naming {@code element}, the lower key and both values.
     */
    protected final void requireBelow(String element, double[] p, String low, String high) {
        int a = paramIndex(low);
        int b = paramIndex(high);
        if (!(p[a] < p[b])) {
            String unit = params[a].unit();
            throw new ModelException(element, low, "value " + p[a] + " " + unit + " must be below " + high + " = "
                    + p[b] + " " + unit);
        }
    }

    /** Convenience for subclasses: a parameter value by name from a parameter array. */
    protected final double get(double[] p, String key) {
        int i = paramIndex(key);
        if (i < 0) throw new IllegalStateException(name + " has no parameter " + key);
        return p[i];
    }

    /** Names of all parameters, for messages. */
    public final String parameterNames() {
        List<String> n = new ArrayList<>();
        for (ParamSpec s : params) n.add(s.name());
        return String.join(", ", n);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(state);
    }
}
