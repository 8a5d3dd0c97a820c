/**
 * The model-file names of learn's plasticity rules ({@link org.myelin.learn.io.SynapseTypes}),
 * found by io's catalog through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.myelin.io.PlasticSynapseType}). io has no module descriptor, so
 * this package is not exported and is registered on the class path only (see learn's
 * {@code module-info}).
 *
 * <h2>Not offered: {@code stdp_dopamine_synapse}</h2>
 * Its rule needs a {@link org.myelin.core.VolumeTransmitter}, i.e. a built population of the
 * network, while {@code PlasticSynapseType.create(double[])} receives numbers only and runs before
 * populations exist (io also calls it to validate and to estimate memory). A file would say e.g.
 * {@code synapse: {model: stdp_dopamine_synapse, volume_transmitter: {population: DA, delay: 1 ms},
 * params: {...}}}; supporting it needs io to read that field, check the population name, and
 * pass the built population to the type (an additive default method such as
 * {@code create(double[] params, Population modulator, double delayMs, double intervalMs)}).
 */
package org.myelin.learn.io;
