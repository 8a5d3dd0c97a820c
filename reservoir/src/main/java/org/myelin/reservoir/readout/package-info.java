/**
 * Trained readouts for reservoir states (one row per time step or sample): {@link
 * org.myelin.reservoir.readout.Ridge} (closed form, k-fold cross-validated regularisation, EJML),
 * {@link org.myelin.reservoir.readout.SoftmaxRegression} (classification) and {@link
 * org.myelin.reservoir.readout.Rls} (online recursive least squares, FORCE-style).
 */
package org.myelin.reservoir.readout;
