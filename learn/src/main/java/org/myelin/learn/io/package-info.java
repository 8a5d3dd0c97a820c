/**
 * The model-file names of learn's plasticity rules ({@link org.myelin.learn.io.SynapseTypes}),
 * found by io's catalog through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.myelin.io.PlasticSynapseType}). io has no module descriptor, so
 * this package is not exported and is registered on the class path only (see learn's
 * {@code module-info}).
 *
 * <h2>{@code stdp_dopamine_synapse}</h2>
 * {@link org.myelin.learn.io.SynapseTypes.DopamineStdpType} offers
 * {@link org.myelin.learn.DopamineStdp} with NEST's parameter names and defaults (A_plus 1, A_minus
 * 1.5, tau_plus 20 ms, tau_minus 20 ms, tau_c 1000 ms, tau_n 200 ms, b 0, Wmin 0, Wmax 200). Its rule
 * needs a {@link org.myelin.core.VolumeTransmitter}, i.e. a population of the network being built,
 * so the type says {@code usesVolumeTransmitter()} and io creates it with
 * {@code create(double[] params, VolumeTransmitter vt)}: in the assembler with the population the
 * synapse block's {@code volume_transmitter} names, and while reading or estimating with a stand-in of
 * it. A file gives
 * <pre>
 * synapse:
 *   model: stdp_dopamine_synapse
 *   volume_transmitter: {population: DA, delay: 1 ms, interval: 1 ms}   # delay default 0 ms, interval auto
 *   params: {A_minus: 0.5, tau_c: 800 ms, tau_n: 150 ms}
 * </pre>
 * which builds {@code DopamineStdp.synapse(VolumeTransmitter.of(DA).delay(1).deliverInterval(1))
 * .amplitudes(1, 0.5).tauC(800).tauN(150)} (the other setters with their defaults). io's package
 * documentation describes the block; {@code DopamineStdp} gives the rule's exact semantics.
 */
package org.myelin.learn.io;
