/**
 * Benchmarks run on demand (not in the test suite): {@link org.myelin.sdr.bench.NabBench} times the
 * whole NAB corpus, {@link org.myelin.sdr.bench.TemporalMemoryBench} times one temporal memory step
 * and how it grows with the number of learned segments.
 */
package org.myelin.sdr.bench;
