/**
 * The liquid-state machine: a spiking E/I reservoir on the core engine ({@link
 * org.myelin.reservoir.lsm.Lsm}), input encoders ({@link org.myelin.reservoir.lsm.Encoders}) and
 * state extraction ({@link org.myelin.reservoir.lsm.States}). Units: ms, mV, pA, pF, Hz.
 */
package org.myelin.reservoir.lsm;
