/**
 * Unsupervised MNIST with the network of Diehl and Cook (2015): the network
 * ({@link org.myelin.bench.diehlcook.DiehlCookNetwork}), the runnable benchmark with learning curve and
 * receptive fields ({@link org.myelin.bench.diehlcook.DiehlCook}), and two pieces the kernel does not
 * offer yet: a Poisson source with per-neuron rates settable between runs
 * ({@link org.myelin.bench.diehlcook.PoissonRateSource}) and write access to plastic weights between
 * runs ({@link org.myelin.bench.diehlcook.WeightAccess}). The Brian2 counterpart is
 * {@code bench/brian2/diehl_cook_brian2.py}. Units: ms, mV, nS, pF, Hz.
 */
package org.myelin.bench.diehlcook;
