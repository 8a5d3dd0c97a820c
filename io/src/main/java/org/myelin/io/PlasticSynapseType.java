package org.myelin.io;

import java.util.List;

import org.myelin.core.ParamSpec;
import org.myelin.core.Plasticity;
import org.myelin.core.VolumeTransmitter;

/**
 * A plastic synapse model that model files can name ({@code synapse: {model: stdp_synapse, params:
 * {...}}}). Rules live in modules above the kernel (e.g. {@code learn}), which io does not depend on;
 * such a module offers its rules through {@link java.util.ServiceLoader} by listing implementations in
 * {@code META-INF/services/org.myelin.io.PlasticSynapseType}. The registry is read once, when
 * {@link Catalog} is first used.
 *
 * <h2>Modulated rules</h2>
 * A rule driven by a neuromodulator (NEST's {@code stdp_dopamine_synapse}) needs a
 * {@link VolumeTransmitter}, which holds a population of the network being built. Such a type
 * returns true from {@link #usesVolumeTransmitter()}; files must then give
 * {@code volume_transmitter: {population: NAME, delay: .., interval: ..}} in the synapse block, and
 * io calls {@link #create(double[], VolumeTransmitter)} instead of {@link #create(double[])}: with
 * the network's population when it builds the network, and with a stand-in one-neuron population of
 * the same name (in a network of its own) when it validates the file or estimates its size, so the
 * rule must not keep state outside the object it returns. io never calls the two-argument form for a
 * type that does not use a volume transmitter, nor the one-argument form for one that does.
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

    /**
     * Whether the rule is modulated through a {@link VolumeTransmitter} (then files must name one, and
     * io creates the rule with {@link #create(double[], VolumeTransmitter)}). Default: false.
     */
    default boolean usesVolumeTransmitter() {
        return false;
    }

    /**
     * The rule for the given parameter values (as for {@link #create(double[])}), modulated by the
     * spikes {@code vt} collects. Called only when {@link #usesVolumeTransmitter()} is true. The
     * default throws {@link UnsupportedOperationException}: a type that uses a volume transmitter must
     * override it.
     */
    default Plasticity create(double[] params, VolumeTransmitter vt) {
        throw new UnsupportedOperationException(name() + " takes no volume transmitter");
    }
}
