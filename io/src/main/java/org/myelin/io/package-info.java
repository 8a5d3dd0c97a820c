/**
 * Model files: networks described in YAML (or JSON) with physical units, checked completely before
 * anything runs, and built into a core {@link org.myelin.core.Network}.
 *
 * <p>Entry points: {@link org.myelin.io.ModelFile} (load, parse, built-in models),
 * {@link org.myelin.io.ModelSpec} (overrides, build, inspect, resolved text, hash),
 * {@link org.myelin.io.Units} (quantities), {@link org.myelin.io.Catalog} (what a file can name),
 * {@link org.myelin.io.ModelFileException} (errors with file, line, column and field).
 *
 * <h2>Units</h2>
 * Every dimensional value carries its unit: {@code 10 ms}, {@code 10ms}, {@code -65 mV},
 * {@code 0.5 nA}, {@code 20 kHz}, {@code 200 pF}, {@code 6 nS}, {@code 1 uS}. Values are converted to
 * the kernel's units (ms, mV, pA, pF, nS, Hz) exactly (decimal scaling, one rounding). A bare number
 * for a dimensional value is an error naming the expected unit; dimensionless values (probabilities,
 * Izhikevich {@code b}, Tsodyks {@code U}, weights onto parrot neurons, current-generator weights) are
 * plain numbers. {@code inf} and {@code -inf} are accepted where a value may be infinite
 * ({@code stop}, {@code clip} bounds, {@code V_min}).
 *
 * <h2>Reference</h2>
 * <pre>
 * name: brunel-a                # default: the file name without extension
 * description: free text        # optional, ignored
 * dt: 0.1 ms                    # default 0.1 ms
 * duration: 1 s                 # default 1000 ms; a multiple of dt
 * seed: 12345                   # default 12345
 * threads: auto                 # default auto (one per processor); 1..1024. Results do not depend on it.
 * populations:                  # required; a mapping by name (or a list of {name: ..., ...})
 *   E:                          # names: a letter or _, then letters, digits, _ or -
 *     model: iaf_psc_delta      # any core neuron model (NEST names), or spike_generator
 *     size: 10000               # >= 1; for spike_generator with one train per neuron: default = trains
 *     params: {tau_m: 20 ms}    # NEST names; omitted ones take the model's defaults
 *                               # spike_generator: {spike_times: [1 ms, 2 ms]} (every neuron) or
 *                               #                  {spike_times: [[1 ms], [2 ms, 3 ms]]} (one per neuron)
 *     initial:                  # initial state per variable: a value or a distribution
 *       V_m: {uniform: [0 mV, 20 mV]}
 * projections:                  # optional list
 *   - from: E
 *     to: [E, I]                # one name or a list (one projection per target, in order)
 *     connect:                  # required: a rule and its arguments, short or long form
 *       fixed_indegree: 1000    # short: {all_to_all: }, {pairwise_bernoulli: 0.1}, {fixed_indegree: K},
 *                               #   {fixed_outdegree: K}, {fixed_total_number: N},
 *                               #   {explicit: [[source, target], ...]}; or a bare all_to_all / one_to_one
 *                               # long: {rule: pairwise_bernoulli, p: 0.1}, {rule: fixed_indegree, indegree: K},
 *                               #   {rule: fixed_outdegree, outdegree: K}, {rule: fixed_total_number, N: n},
 *                               #   {rule: explicit, sources: [..], targets: [..], weights: [..], delays: [..]}
 *       allow_autapses: true    # default true (NEST)
 *       allow_multapses: true   # default true (NEST)
 *     synapse: static_synapse   # default; or {model: tsodyks_synapse, params: {U: 0.5, tau_psc: 3 ms,
 *                               #   tau_rec: 800 ms, tau_fac: 0 ms, x: 1, y: 0, u: 0}} (these are the defaults);
 *                               # or a plastic model offered by another module (PlasticSynapseType), e.g.
 *                               #   {model: stdp_synapse, params: {...}}; a modulated one also needs
 *                               #   volume_transmitter (see below), e.g. {model: stdp_dopamine_synapse,
 *                               #   volume_transmitter: {population: DA, delay: 1 ms}, params: {...}}
 *     weight: 0.1 mV            # required; a value or a distribution, in the target's weight unit:
 *                               #   mV (delta synapses), pA (current-based), nS (conductance-based), 1 (parrot)
 *     delay: 1.5 ms             # default 1 ms; a value or a distribution within [dt, 65535 dt]
 *     receptor: auto            # default auto (by the weight's sign); or a port name, e.g. ex, in
 * stimuli:                      # optional list
 *   - model: poisson_generator  # params: rate (required), start (0 ms), stop (inf ms)
 *     params: {rate: 20 kHz}    # dc_generator: amplitude (required), start, stop
 *     to: [E, I]                # step_current_generator: amplitude_times, amplitude_values (lists), start, stop
 *     weight: 0.1 mV            # noise_generator: mean (0 pA), std (0 pA), dt (1 ms), start, stop
 *     delay: 1.5 ms             # spike_generator: spike_times (one train for every target neuron,
 *                               #   or one train per target neuron); no start/stop
 *                               # weight: spiking devices: required, in the target's weight unit;
 *                               #   current devices: a plain factor on the current, default 1
 *                               # delay: default 1 ms, one value
 * record:                       # optional
 *   spikes: all                 # default all; none; [E, I]; or {E: all, I: [0, 1, 2]}
 *   state:                      # default none; one recorder or a list of them
 *     {population: E, variables: [V_m], neurons: [0, 1, 2], interval: 0.1 ms}
 *                               # variables: a list or all; neurons: required, a list or all;
 *                               # interval: default dt, a multiple of dt
 *   rate: none                  # default none; all; or [E, I] (spike counts per step)
 * </pre>
 *
 * <h3>Volume transmitters</h3>
 * A plastic synapse model driven by a neuromodulator ({@code stdp_dopamine_synapse} and
 * {@code astro_stdp_synapse}, whose astrocyte integrates the sources' spikes: the liquid with weight
 * 1, the input with -1; both from module {@code learn}; {@link org.myelin.io.Catalog#modulatedSynapseModels()} lists them) needs, in its
 * synapse block, the population whose spikes modulate it (NEST's {@code volume_transmitter}, core's
 * {@link org.myelin.core.VolumeTransmitter}); other models reject the key.
 * <pre>
 * synapse:
 *   model: stdp_dopamine_synapse
 *   volume_transmitter:         # required for modulated models, an error for any other
 *     population: DA            # required; any population of the file (e.g. a spike_generator)
 *     delay: 1 ms               # default 0 ms; a multiple of dt in [0, 65535 dt]: a spike of DA at t
 *                               #   reaches the synapses at t + delay (all of DA's spikes of one step
 *                               #   count as one event of that multiplicity)
 *     interval: 1 ms            # default auto (or 0 ms): the network's exchange interval (the smallest
 *                               #   delay); else a positive multiple of dt: how often every synapse of
 *                               #   the rule is brought up to date without a presynaptic spike (NEST's
 *                               #   deliver_interval, there in units of the minimum delay)
 *   params: {A_plus: 1, tau_c: 1000 ms}
 * volume_transmitter: DA        # short form: population only, default delay and interval
 * volume_transmitter:           # several weighted sources instead of population: a step's event has
 *   sources: {DA: 1, PUN: -1}   #   multiplicity sum(weight * spikes); weights are plain numbers, finite,
 *   delay: 1 ms                 #   non-zero, the first 1 (core's VolumeTransmitter.of(DA).and(PUN, -1))
 * </pre>
 * Delay and interval are checked by the core's own rules (the messages are those of the Java API).
 * Projections whose blocks give the same sources, delay and interval share one volume transmitter,
 * as NEST synapses share one {@code volume_transmitter} node (the results are the same either way).
 * The resolved model writes the long form ({@code population} for one source of weight 1, else
 * {@code sources}), {@code interval: auto} for the default.
 *
 * <h3>Distributions</h3>
 * Wherever a weight, delay or initial value is expected:
 * <pre>
 * {uniform: [0 mV, 20 mV]}                     # or {uniform: {min: .., max: ..}}
 * {normal: {mean: -65 mV, std: 5 mV}}          # or {normal: [mean, std]}
 * {lognormal: {mu: 0, sigma: 0.5}}             # exp(N(mu, sigma)) in the internal unit (mV, pA, nS, ms)
 * {exponential: {mean: 2 ms}}                  # or {exponential: 2 ms}
 * ... clip: [low, high]                        # optional next to any of them: redraw outside [low, high]
 * </pre>
 *
 * <h3>YAML details</h3>
 * Anchors, aliases and merge keys ({@code I: {<<: *cell, size: 2500}}) are resolved. JSON files are
 * read by the same loader (tab indentation is accepted). Duplicate keys are errors.
 *
 * <h3>Overrides</h3>
 * {@code --set key=value} ({@link org.myelin.io.ModelSpec#withOverride}) addresses any key by its dotted
 * path, list entries by index: {@code populations.E.params.tau_m=10ms}, {@code projections.0.weight=-0.6 mV},
 * {@code record.spikes=[E]}. The value is read as YAML. A path that does not exist is an error naming
 * the valid keys; a missing key that is valid there (a parameter not given in the file) is added.
 *
 * <h3>Element order</h3>
 * The network is built in file order: populations, hidden sources of spike_generator stimuli,
 * projections, the spike_generator stimuli's connections, the other stimuli. Random streams are keyed by
 * element ids, so reordering projections or stimuli changes the drawn connectivity and inputs (the
 * statistics stay the same).
 */
package org.myelin.io;
