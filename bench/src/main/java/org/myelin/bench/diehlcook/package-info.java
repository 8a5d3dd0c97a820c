/**
 * Unsupervised MNIST with the network of Diehl and Cook (2015): the network
 * ({@link org.myelin.bench.diehlcook.DiehlCookNetwork}, built on core's {@code poisson_source} for the
 * image and {@code Projection.setWeights} for the per-image normalisation) and the runnable benchmark
 * with learning curve and receptive fields ({@link org.myelin.bench.diehlcook.DiehlCook}). The Brian2
 * counterpart is {@code bench/brian2/diehl_cook_brian2.py}. Units: ms, mV, nS, pF, Hz.
 */
package org.myelin.bench.diehlcook;
