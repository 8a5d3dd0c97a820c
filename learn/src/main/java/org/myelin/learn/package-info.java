/**
 * Plasticity rules, a homeostatic neuron model and online learners.
 *
 * <h2>Synaptic plasticity rules ({@link org.myelin.core.Synapse#plastic}), by model-file name</h2>
 * <ul>
 * <li>{@link org.myelin.learn.Stdp}: pair-based STDP with Guetig's weight dependence (additive,
 * multiplicative, power law); {@code stdp_synapse} (all-to-all), {@code stdp_nn_symm_synapse},
 * {@code stdp_nn_restr_synapse}, {@code stdp_nn_pre_centered_synapse} (Morrison et al. 2008) and
 * {@code stdp_symmetric_synapse} (both orders potentiate).</li>
 * <li>{@link org.myelin.learn.TripletStdp}: {@code stdp_triplet_synapse} (all-to-all) and
 * {@code stdp_triplet_nn_synapse} (nearest spike), Pfister and Gerstner 2006, with the published
 * parameter sets.</li>
 * <li>{@link org.myelin.learn.TargetTraceStdp}: {@code stdp_target_trace_synapse}, Diehl and Cook
 * 2015's pre-and-post rule: a postsynaptic spike changes the weight by
 * {@code eta_post (x_pre - x_tar) (Wmax - w)^mu}, so inputs whose trace is below the target at the
 * neuron's spikes (silent ones included) disconnect; a presynaptic spike depresses by
 * {@code eta_pre x_post w^mu}.</li>
 * <li>{@link org.myelin.learn.DopamineStdp}: {@code stdp_dopamine_synapse}, Izhikevich 2007: STDP
 * writes an eligibility trace, which dopamine from a {@link org.myelin.core.VolumeTransmitter}
 * turns into weight changes (Java API only; see below).</li>
 * <li>{@link org.myelin.learn.VogelsSprekeler}: {@code vogels_sprekeler_synapse}, inhibitory
 * plasticity that drives the postsynaptic rate to {@code alpha / (2 tau)} (Vogels et al. 2011).</li>
 * <li>{@link org.myelin.learn.SynapticScaling}: {@code synaptic_scaling_synapse}, homeostatic
 * multiplicative scaling of a neuron's inputs by its rate error, {@code dw/dt = eta w (r_target -
 * a/tau)} (van Rossum, Bi and Turrigiano 2000), integrated exactly.</li>
 * </ul>
 *
 * <h2>Common semantics (NEST's)</h2>
 * Weights change only when a presynaptic spike is delivered, before it is transmitted (dopamine
 * STDP also at the volume transmitter's periodic update). Times are
 * spike times ({@code stamp*dt}, the end of the step in which the spike was emitted). The synapse's
 * whole delay {@code d} is dendritic: a postsynaptic spike at {@code t_post} is seen at the synapse
 * at {@code t_post + d}, a presynaptic spike at its emission time {@code t_pre}. For the STDP
 * family, at a presynaptic spike at {@code t_pre}, with {@code t_last} the previous one (0 before
 * the first):
 * <ol>
 * <li>facilitation: every postsynaptic spike with {@code t_last - d < t_post <= t_pre - d}, in
 * order, pairs with the presynaptic trace at {@code t_post + d}, built from the presynaptic spikes
 * up to {@code t_last} (so a postsynaptic spike seen at the synapse exactly at {@code t_pre} pairs
 * with the earlier presynaptic spikes only, not with this one);</li>
 * <li>depression: the postsynaptic trace at {@code t_pre - d}, from the postsynaptic spikes strictly
 * before {@code t_pre - d};</li>
 * <li>the presynaptic trace is updated with the new spike.</li>
 * </ol>
 * So with {@code dt_syn = t_post + d - t_pre}, a lone pair changes the weight by the facilitation
 * window at {@code dt_syn > 0}, by the depression window at {@code dt_syn < 0}, and not at all at
 * {@code dt_syn = 0}. A facilitation
 * is applied only at the next presynaptic spike (weights are updated lazily, as NEST's); between runs
 * {@code Projection.settle()} applies the pending facilitation at once for the rules that allow it
 * (all-to-all {@link Stdp}, {@link TripletStdp}), for computations on the weights such as a
 * normalisation per stimulus. All of this runs on the
 * worker that owns the target neuron, in global spike order, so weights are bit-identical for any
 * number of threads.
 *
 * <h2>Model files</h2>
 * Package {@code org.myelin.learn.io} offers every rule above to io's model files by the names
 * listed (through {@code org.myelin.io.PlasticSynapseType} and {@link java.util.ServiceLoader}), with
 * the parameters' NEST names, defaults and units; {@code Wmax} is a plain number in the target port's
 * weight unit. {@code stdp_dopamine_synapse} takes the modulatory population in its synapse block's
 * {@code volume_transmitter} (see io's package documentation). {@code astro_stdp_synapse} is offered
 * from Java only so far.
 *
 * <h2>Neuron model</h2>
 * {@link org.myelin.learn.IafCondExpAdaptiveThreshold}: {@code iaf_cond_exp_adaptive_threshold},
 * the conductance-based LIF neuron of Diehl and Cook (2015) with an adaptive threshold
 * {@code V_th + theta} ({@code theta += theta_plus} per spike, decaying with {@code tau_theta}),
 * registered in core's {@link org.myelin.core.Models} through {@link java.util.ServiceLoader}.
 *
 * <h2>Online learners (rate-based, outside the kernel)</h2>
 * <ul>
 * <li>{@link org.myelin.learn.ErrorModulatedReadout}: the three-factor delta rule
 * {@code dW = eta e x^T} on presynaptic traces {@code x}, with decay, clipping, bias and
 * normalisation options (for reservoir readouts and any feature stream).</li>
 * <li>{@link org.myelin.learn.HebbianProjection}: Hebbian/anti-Hebbian lateral neurons that learn
 * the principal subspace of activity (Oja's subspace rule) and project weight updates onto its
 * complement, {@code dW (I - H^T H)}, for continual learning (Xiao et al. 2024).</li>
 * </ul>
 *
 * <p>Costs (measured on a shared 2-core VM, one thread, noisy): a plastic synaptic event of
 * {@code stdp_synapse} costs roughly ten times a static one in a Brunel-size network (1,000 plastic
 * inputs per neuron), and COBA with STDP on E-&gt;E runs at about 1.5 to 2.4 times static COBA
 * (1.47-1.53 in the eleventh session's benchmark runs, {@code bench/README.md}).
 * Static projections keep their own delivery path and cost what they did.
 *
 * <h2>Astrocyte-modulated STDP (package {@code org.myelin.learn.astro})</h2>
 * {@link org.myelin.learn.astro.AstroStdp} ({@code astro_stdp_synapse}) is NALSM's rule (Ivanov and
 * Michmizos 2021): additive all-to-all STDP with the timing above, whose activity-lowering term
 * (depression of excitatory synapses, strengthening of inhibitory ones) has the learning rate
 * {@code A(t)} of an {@link org.myelin.learn.astro.Astrocyte} instead of a constant. The astrocyte,
 * {@code tau_astro dA/dt = -A + b_astro + w_astro (S_liquid(t) - S_input(t))}, reaches the synapses
 * through a volume transmitter whose sources are the liquid (+1) and input (-1) populations; the rule
 * reads {@code A} exactly (closed form) at each change it gates. With a constant {@code A} the rule is
 * plain additive STDP. Excitatory synapses need {@code A} only at the presynaptic spike and cost what
 * {@code stdp_synapse} costs; inhibitory ones read {@code A} at postsynaptic spikes and are brought up
 * to date at each volume-transmitter update, as {@code stdp_dopamine_synapse} is.
 *
 * <p>Units: time in ms, rates in Hz, weights in the target port's unit (mV, pA or nS).
 */
package org.myelin.learn;
