/**
 * The HTM algorithms: {@link org.myelin.sdr.algorithms.SpatialPooler},
 * {@link org.myelin.sdr.algorithms.TemporalMemory} (htm.core's sequence memory with active
 * dendrites), {@link org.myelin.sdr.algorithms.BacktrackingTemporalMemory} (NuPIC's backtracking
 * sequence memory, the one behind the published NAB "numenta" result) and
 * {@link org.myelin.sdr.algorithms.Connections}, the flat store of dendritic segments and synapses
 * both temporal memories share.
 *
 * <p>Parameter names follow htm.core (and, for the backtracking memory, NuPIC), so settings carry
 * across. Each algorithm is configured by one {@code Context} object with documented defaults and
 * fluent setters, validated once by {@code conclude()} before the algorithm is built. Every
 * algorithm can be saved and restored, and continues bit-identically after a restore.
 */
package org.myelin.sdr.algorithms;
