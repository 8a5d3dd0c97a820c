/**
 * Trained readouts for reservoir states (one row per time step or sample): {@link
 * org.myelin.reservoir.readout.Ridge} (closed form, k-fold cross-validated regularisation, EJML),
 * {@link org.myelin.reservoir.readout.SoftmaxRegression} (classification), {@link
 * org.myelin.reservoir.readout.Rls} (online recursive least squares, FORCE-style) and {@link
 * org.myelin.reservoir.readout.ErrorModulated} (online and local: learn's error-modulated three-factor
 * rule as normalised LMS).
 */
package org.myelin.reservoir.readout;
