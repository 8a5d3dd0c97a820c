/**
 * Astrocyte-modulated plasticity as in the neuron-astrocyte liquid state machine (NALSM, Ivanov and
 * Michmizos 2021): an {@link org.myelin.learn.astro.Astrocyte}, a population-level leaky integrator
 * of the liquid's spikes minus the input's spikes, sets the learning rate of the activity-lowering
 * term of an additive STDP rule, {@link org.myelin.learn.astro.AstroStdp}.
 *
 * <h2>Design: how it maps onto the kernel</h2>
 * The astrocyte is not a neuron model: its state {@code A(t)} is a linear function of a spike trace,
 * so it is carried by the kernel's {@link org.myelin.core.VolumeTransmitter} with several weighted
 * sources (liquid populations +1, input populations -1) and read by the rule from the modulator
 * trace of time constant {@code tau_astro} at the time each gated change happens. This is exact (the
 * closed-form solution of the astrocyte's equation), needs no extra state, is checkpointed with the
 * modulator spikes, and gives bit-identical weights for any number of threads (every worker keeps the
 * same copy of the modulator spikes). A neuron-model astrocyte would have had to encode {@code A}
 * in spikes, which the rule can only see as a trace of its own.
 *
 * <h2>What the tests show (seed 1, 2 ms bins, all 500 liquid neurons recorded)</h2>
 * In a 400 E + 100 I {@code iaf_psc_delta} liquid driven by 300 Poisson inputs
 * ({@code AstroCriticalityTest}), 40 s of astrocyte-modulated STDP take the liquid from a
 * sub-critical start (branching factor {@code r_1} = 0.49, MR 0.60, 1.6 Hz) and from run-away
 * activity (289 Hz, {@code r_1} = 0.24) to the same state ({@code r_1} = 0.91 and 0.93, MR 0.82 and
 * 0.80, 2-3 Hz), while plain STDP leaves them where they were ({@code r_1} = 0.39, MR 0.53; 213 Hz,
 * {@code r_1} = -0.38). The fixed point of the feedback is a balance of rates: with
 * {@code b_astro = eta} the STDP drift vanishes near {@code R_liquid = R_input}, and the liquid is
 * near-critical because its input alone drives it only weakly. The MR fits there have an amplitude
 * above 1 (the activity comes in short avalanches, so {@code r_k} is not one exponential), so the MR
 * value, 0.8, understates what {@code r_1} shows; and an up/down-switching liquid also gives an MR
 * value near 1, which is why the tests assert {@code r_1} (consistent under full sampling) and the
 * rate.
 */
package org.myelin.learn.astro;
