/**
 * Benchmark runners (mains), run on demand, not by the tests: {@code ReservoirBench} (the issue-5
 * figures, the adaptive-versus-globally-tuned E/I comparison of {@code EiBalance}, ESN speed for
 * double and float weights).
 */
package org.myelin.reservoir.bench;
