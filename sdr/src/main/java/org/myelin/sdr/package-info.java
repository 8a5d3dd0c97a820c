/**
 * Sparse distributed representations (SDRs) and the hierarchical temporal memory (HTM) algorithms
 * built on them: encoders, a spatial pooler, temporal memories with active dendrites, anomaly scores
 * and the Numenta Anomaly Benchmark (NAB).
 *
 * <p>This module has its own small kernel and depends on nothing else in Myelin. Its hot paths work
 * on primitive arrays of indices ({@code int[]} plus a count); {@link org.myelin.sdr.Sdr} is the
 * convenient, lazily converted dense/sparse value type around them. Random numbers come from
 * {@link org.myelin.sdr.Rng}, a seeded generator whose state is a single {@code long}, so every
 * algorithm can be saved and restored bit-identically ({@link org.myelin.sdr.StateIo}).
 *
 * <p>Packages: {@code encoders} (scalar, RDSE, date/time, category, delta), {@code algorithms}
 * (spatial pooler, temporal memory, backtracking temporal memory, connections), {@code anomaly} (raw
 * score, anomaly likelihood, the streaming detector), {@code nab} (corpus runner and exact scorer),
 * {@code theory} (the matching formulas of Ahmad and Hawkins) and {@code memory} (a CA3-like
 * binary Hebbian auto-associative memory).
 */
package org.myelin.sdr;
