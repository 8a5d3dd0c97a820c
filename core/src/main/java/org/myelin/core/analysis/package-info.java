/**
 * Statistics of spike trains: rates, irregularity (CV of ISI), population Fano factor, synchrony
 * ({@link org.myelin.core.analysis.SpikeStats}), and the branching factor of population activity,
 * conventional and multistep-regression (MR) estimates ({@link org.myelin.core.analysis.BranchingFactor}).
 */
package org.myelin.core.analysis;
