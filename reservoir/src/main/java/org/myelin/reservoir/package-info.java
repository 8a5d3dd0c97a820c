/**
 * Reservoir computing: echo-state networks ({@link org.myelin.reservoir.Esn}) with sparse CSR
 * recurrent weights ({@link org.myelin.reservoir.CsrMatrix}, values stored as doubles or floats)
 * scaled to a spectral radius computed by restarted Arnoldi ({@link
 * org.myelin.reservoir.SpectralRadius}); the excitatory-inhibitory rate reservoir whose units adapt
 * their own E/I balance towards heterogeneous target activities ({@link
 * org.myelin.reservoir.EiReservoir}, after Srinivasan, Plenz and Girvan 2025); and what the tasks
 * need of either ({@link org.myelin.reservoir.Reservoir}).
 *
 * <p>Sub-packages: {@code readout} (ridge regression with cross-validated regularisation, softmax
 * regression, recursive least squares), {@code task} (memory capacity, NARMA-10, Mackey-Glass,
 * MNIST; generators and evaluators, and the {@code Standard} settings), {@code lsm} (the spiking
 * liquid-state machine on the core engine, input encoders, state extraction), {@code cli} (the
 * {@code myelin reservoir} command) and {@code bench} (the benchmark figures).
 *
 * <h2>Units</h2>
 * Rate reservoirs are dimensionless and step-based. The liquid-state machine uses the core's units:
 * ms, mV, pA, pF, Hz.
 */
package org.myelin.reservoir;
