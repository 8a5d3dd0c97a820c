/**
 * The liquid-state machine: a spiking E/I reservoir on the core engine ({@link
 * org.myelin.reservoir.lsm.Lsm}), input encoders ({@link org.myelin.reservoir.lsm.Encoders}) and
 * state extraction ({@link org.myelin.reservoir.lsm.States}). Samples are presented one after
 * another, or each from the liquid's rest state ({@code Lsm.present(..., reset, ...)}).
 * {@link org.myelin.reservoir.lsm.Nalsm} turns a liquid into a neuron-astrocyte LSM (astrocyte-modulated
 * STDP from the learn module on unlabelled samples, then frozen), and {@code Lsm.branching} measures
 * the branching factor of a liquid's activity (core's {@code BranchingFactor}). Units: ms, mV, pA,
 * pF, Hz.
 */
package org.myelin.reservoir.lsm;
