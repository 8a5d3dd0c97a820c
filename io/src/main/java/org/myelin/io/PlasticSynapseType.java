package org.myelin.io;

import java.util.List;

import org.myelin.core.ParamSpec;
import org.myelin.core.Plasticity;

/**
 * A plastic synapse model that model files can name ({@code synapse: {model: stdp_synapse, params:
 * {...}}}). Rules live in modules above the kernel (e.g. {@code learn}), which io does not depend on;
 * such a module offers its rules through {@link java.util.ServiceLoader} by listing implementations in
 * {@code META-INF/services/org.myelin.io.PlasticSynapseType}. The registry is read once, when
 * {@link Catalog} is first used.
 */
public interface PlasticSynapseType {
    /** The model name used in files, NEST's where NEST has the rule, e.g. {@code stdp_synapse}. */
    String name();

    /** The parameters: NEST names, internal units (ms, mV, pA, nS, ...), defaults and valid ranges. */
    List<ParamSpec> parameters();

    /**
     * The rule for the given parameter values, in the order of {@link #parameters()} and in internal
     * units, each already checked against its range. Throws {@link org.myelin.core.ModelException}
     * naming the key for invalid combinations.
     */
    Plasticity create(double[] params);
}
