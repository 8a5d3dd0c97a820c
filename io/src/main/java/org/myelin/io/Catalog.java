package org.myelin.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import org.myelin.core.Connect;
import org.myelin.core.Generator;
import org.myelin.core.Models;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;
import org.myelin.core.Plasticity;
import org.myelin.core.Synapse;
import org.myelin.core.VolumeTransmitter;

/**
 * What a model file can name: neuron models (core's {@link Models} registry plus
 * {@code spike_generator}), synapse models with their parameters, connection rules with their
 * arguments, stimulus devices with their parameters, and the unit of a synaptic weight onto each
 * neuron model. Every list is derived from the core's enums and registry, so a model added to the core
 * is offered here (and a test fails until the file layer can build it).
 */
public final class Catalog {
    /** The spike source made from spike times rather than parameters. */
    public static final String SPIKE_GENERATOR = "spike_generator";

    /** Parameters of tsodyks_synapse: NEST's names, units, defaults (those of core's {@link Synapse#tsodyks}). */
    private static final List<ParamSpec> TSODYKS = List.of(
            ParamSpec.range("U", "", 0.5, 0, 1, "utilisation increment per spike, in (0, 1]"),
            ParamSpec.positive("tau_psc", "ms", 3, "decay time of the postsynaptic current (must differ from tau_rec)"),
            ParamSpec.positive("tau_rec", "ms", 800, "recovery time from depression"),
            ParamSpec.nonNegative("tau_fac", "ms", 0, "facilitation time (0: no facilitation)"),
            ParamSpec.range("x", "", 1, 0, 1, "initial fraction of available resources (x + y <= 1)"),
            ParamSpec.range("y", "", 0, 0, 1, "initial fraction of active resources"),
            ParamSpec.range("u", "", 0, 0, 1, "initial utilisation"));

    /** Plastic synapse models offered by other modules ({@link PlasticSynapseType}), by name. */
    private static final Map<String, PlasticSynapseType> PLASTIC = plasticTypes();

    private static final ParamSpec START = ParamSpec.nonNegative("start", "ms", 0, "active from this time (inclusive)");
    private static final ParamSpec STOP = ParamSpec.positive("stop", "ms", Double.POSITIVE_INFINITY,
            "active until this time (exclusive), > start; inf: never stops");

    /** Stimulus parameters that take a list of values rather than one value. */
    static final Set<String> LIST_PARAMS = Set.of("amplitude_times", "amplitude_values", "spike_times");

    /** Stimulus parameters without a default. */
    static final Set<String> REQUIRED_PARAMS = Set.of("rate", "amplitude", "amplitude_times", "amplitude_values",
            "spike_times");

    private Catalog() {
    }

    /** Neuron model names: core's registry, then {@code spike_generator}. */
    public static List<String> neuronModels() {
        List<String> n = new ArrayList<>(Models.neuronNames());
        n.add(SPIKE_GENERATOR);
        return n;
    }

    private static Map<String, PlasticSynapseType> plasticTypes() {
        Map<String, PlasticSynapseType> m = new LinkedHashMap<>();
        for (PlasticSynapseType t : ServiceLoader.load(PlasticSynapseType.class, Catalog.class.getClassLoader())) {
            if (supported(t.name()) || m.containsKey(t.name())) {
                throw new IllegalStateException("plastic synapse model " + t.name() + " (" + t.getClass().getName()
                        + ") is defined twice");
            }
            m.put(t.name(), t);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Synapse model names a file can use: {@code static_synapse}, {@code tsodyks_synapse}, then the
     * plastic models offered through {@link PlasticSynapseType} (e.g. by module {@code learn}).
     */
    public static List<String> synapseModels() {
        List<String> n = new ArrayList<>();
        for (Synapse.Model m : Synapse.Model.values()) if (supported(m.nestName())) n.add(m.nestName());
        n.addAll(PLASTIC.keySet());
        return n;
    }

    private static boolean supported(String nestName) {
        return "static_synapse".equals(nestName) || "tsodyks_synapse".equals(nestName);
    }

    /** The plastic synapse model of that name, or null. */
    static PlasticSynapseType plasticType(String name) {
        return PLASTIC.get(name);
    }

    /**
     * Whether synapse model {@code name} is modulated through a volume transmitter (its synapse block
     * then needs {@code volume_transmitter}; see {@link PlasticSynapseType#usesVolumeTransmitter()}).
     */
    public static boolean usesVolumeTransmitter(String name) {
        PlasticSynapseType t = PLASTIC.get(name);
        return t != null && t.usesVolumeTransmitter();
    }

    /** The synapse models that take a {@code volume_transmitter}, in registration order. */
    public static List<String> modulatedSynapseModels() {
        List<String> n = new ArrayList<>();
        for (PlasticSynapseType t : PLASTIC.values()) if (t.usesVolumeTransmitter()) n.add(t.name());
        return n;
    }

    /**
     * The rule of plastic model {@code name} for parameters {@code params} (copied), modulated by
     * {@code vt} when the model uses a volume transmitter (then {@code vt} must not be null; it is
     * ignored otherwise).
     */
    static Plasticity rule(String name, double[] params, VolumeTransmitter vt) {
        PlasticSynapseType t = PLASTIC.get(name);
        if (!t.usesVolumeTransmitter()) return t.create(params.clone());
        if (vt == null) throw new IllegalStateException(name + " needs a volume transmitter");
        return t.create(params.clone(), vt);
    }

    /** The parameters of a synapse model, in internal units; empty for static_synapse. */
    public static List<ParamSpec> synapseParameters(String model) {
        Synapse.Model m = synapseModel(model);
        if (m == null) throw new IllegalArgumentException("unknown synapse model '" + model + "'");
        if (m == Synapse.Model.PLASTIC) return PLASTIC.get(model).parameters();
        return m == Synapse.Model.TSODYKS ? TSODYKS : List.of();
    }

    /** The core's kind of a synapse model name ({@code PLASTIC} for registered plastic models), or null. */
    static Synapse.Model synapseModel(String name) {
        if (PLASTIC.containsKey(name)) return Synapse.Model.PLASTIC;
        for (Synapse.Model m : Synapse.Model.values()) if (supported(m.nestName()) && m.nestName().equals(name)) return m;
        return null;
    }

    /** Connection rule names (NEST's). */
    public static List<String> connectionRules() {
        List<String> n = new ArrayList<>();
        for (Connect.Rule r : Connect.Rule.values()) n.add(r.nestName());
        return n;
    }

    static Connect.Rule rule(String name) {
        for (Connect.Rule r : Connect.Rule.values()) if (r.nestName().equals(name)) return r;
        return null;
    }

    /** The main argument of a rule ({@code p}, {@code indegree}, {@code outdegree}, {@code N}), or null. */
    static String mainArgument(Connect.Rule r) {
        switch (r) {
            case PAIRWISE_BERNOULLI: return "p";
            case FIXED_INDEGREE: return "indegree";
            case FIXED_OUTDEGREE: return "outdegree";
            case FIXED_TOTAL_NUMBER: return "N";
            default: return null;
        }
    }

    /** The keys a rule takes in {@code connect:} besides {@code rule}. */
    public static List<String> ruleArguments(String rule) {
        Connect.Rule r = rule(rule);
        if (r == null) throw new IllegalArgumentException("unknown connection rule '" + rule + "'");
        List<String> a = new ArrayList<>();
        if (r == Connect.Rule.EXPLICIT) {
            a.addAll(List.of("sources", "targets", "weights", "delays"));
        } else if (mainArgument(r) != null) {
            a.add(mainArgument(r));
        }
        a.add("allow_autapses");
        a.add("allow_multapses");
        return a;
    }

    /** Stimulus device names: core's generators, then {@code spike_generator}. */
    public static List<String> stimulusModels() {
        List<String> n = new ArrayList<>();
        for (Generator.Kind k : Generator.Kind.values()) n.add(k.nestName());
        n.add(SPIKE_GENERATOR);
        return n;
    }

    static Generator.Kind generator(String name) {
        for (Generator.Kind k : Generator.Kind.values()) if (k.nestName().equals(name)) return k;
        return null;
    }

    /**
     * The parameters of a stimulus device, in internal units. {@code amplitude_times},
     * {@code amplitude_values} and {@code spike_times} take lists; {@code rate}, {@code amplitude} and the
     * lists have no default and must be given.
     */
    public static List<ParamSpec> stimulusParameters(String model) {
        if (SPIKE_GENERATOR.equals(model)) {
            return List.of(ParamSpec.real("spike_times", "ms", 0,
                    "list of spike times (positive multiples of dt, increasing), or one such list per neuron"));
        }
        Generator.Kind k = generator(model);
        if (k == null) throw new IllegalArgumentException("unknown stimulus model '" + model + "'");
        switch (k) {
            case POISSON:
                return List.of(ParamSpec.nonNegative("rate", "Hz", 0, "rate of each target's independent train"), START, STOP);
            case DC:
                return List.of(ParamSpec.real("amplitude", "pA", 0, "constant current"), START, STOP);
            case STEP_CURRENT:
                return List.of(ParamSpec.real("amplitude_times", "ms", 0, "list of times at which the current changes, increasing"),
                        ParamSpec.real("amplitude_values", "pA", 0, "list of currents, one per time"), START, STOP);
            default:
                return List.of(ParamSpec.real("mean", "pA", 0, "mean current"),
                        ParamSpec.nonNegative("std", "pA", 0, "standard deviation of the current"),
                        ParamSpec.positive("dt", "ms", 1, "interval between redraws, a multiple of the simulation dt"),
                        START, STOP);
        }
    }

    /**
     * The unit of a synaptic weight onto {@code target}: {@code mV} for delta synapses (a jump of the
     * membrane potential), {@code nS} for conductance-based models, {@code pA} for current-based ones,
     * {@code ""} (dimensionless, must be 1) for {@code parrot_neuron}; null for models without spike
     * input.
     */
    public static String weightUnit(NeuronModel target) {
        if (!target.hasInput() || target.receptorCount() == 0) return null;
        if ("parrot_neuron".equals(target.name())) return "";
        if (List.of(target.receptorNames()).contains("delta")) return "mV";
        if (target.inhibitoryAsMagnitude() || target.name().contains("_cond_")) return "nS";
        return "pA";
    }
}
