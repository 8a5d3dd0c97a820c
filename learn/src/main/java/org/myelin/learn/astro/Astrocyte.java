package org.myelin.learn.astro;

import java.util.Arrays;

import org.myelin.core.ModelException;
import org.myelin.core.ModulatorSpikes;
import org.myelin.core.Population;
import org.myelin.core.VolumeTransmitter;

/**
 * The astrocyte of the neuron-astrocyte liquid state machine (NALSM, Ivanov and Michmizos 2021): a
 * population-level leaky integrator of the liquid's and the input's spikes, whose value
 * {@code A(t)} sets the learning rate of the STDP term it gates ({@link AstroStdp}).
 *
 * <h2>Equation</h2>
 * <pre>
 *   tau_astro dA/dt = -A + b_astro + w_astro ( sum_{liquid} S_i(t) - sum_{input} S_j(t) )
 * </pre>
 * with {@code S(t) = sum_k delta(t - t_k)} the spike trains (per ms) of the liquid populations
 * ({@link #liquid}) and the input populations ({@link #input}), and {@code A(0) = A_0}. Each liquid
 * spike raises {@code A} by {@code w_astro / tau_astro}, each input spike lowers it by as much,
 * and between spikes {@code A} relaxes to {@code b_astro}. For constant total rates
 * {@code R_liquid}, {@code R_input} (spikes per ms, summed over neurons) the steady state is
 * {@code A = b_astro + w_astro (R_liquid - R_input)}. Integrated exactly:
 * <pre>
 *   A(t) = b_astro + (A_0 - b_astro) exp(-t/tau_astro) + (w_astro/tau_astro) sum_k s_k exp(-(t - t_k)/tau_astro)
 * </pre>
 * summing over all spikes with {@code t_k <= t - delay} ({@code s_k = +1} for liquid, {@code -1} for
 * input spikes; spikes emitted in the same step count at that step's end, {@code t_k = stamp * dt}).
 * NALSM integrates the same equation with forward Euler at {@code dt = 1 ms}
 * ({@code A <- A + (w (N_liquid - N_input) + b - A) / tau}, {@code NALSM_ASTRO.py}); the exact
 * solution differs from it by {@code O(dt/tau_astro)} (0.5% per step at tau = 100 ms).
 *
 * <h2>How it reaches the synapses</h2>
 * The astrocyte is not a neuron: it owns a {@link VolumeTransmitter} whose sources are the liquid
 * populations with weight +1 and the input populations with weight -1, so each step's event has
 * multiplicity {@code N_liquid - N_input}, and the kernel's modulator trace of time constant
 * {@code tau_astro} ({@link ModulatorSpikes}: decay {@code exp(-dt/tau)}, jump {@code m/tau}) is
 * exactly {@code sum_k s_k exp(-(t - t_k)/tau_astro) / tau_astro}, so
 * {@code A = b_astro + (A_0 - b_astro) exp(-t/tau_astro) + w_astro * trace}, read by the rule at the
 * time it needs it. All rules made from one {@code Astrocyte}
 * instance share its volume transmitter and hence one {@code A} (the builder methods return new
 * instances with a new volume transmitter: build the astrocyte completely, then make the rules).
 *
 * <h2>Parameters</h2>
 * <table>
 * <tr><th>name</th><th>default</th><th>unit</th><th></th></tr>
 * <tr><td>tau_astro</td><td>100</td><td>ms</td><td>integration time constant (NALSM: 100)</td></tr>
 * <tr><td>w_astro</td><td>0.0015</td><td>weight ms</td><td>gain per spike rate (NALSM: 0.015 x trace
 * increment 0.1 for 1,000-neuron liquids, 0.0075 x 0.1 for 8,000)</td></tr>
 * <tr><td>b_astro</td><td>0.015</td><td>weight</td><td>bias: the resting value (NALSM: eta (1 + offset),
 * offset 0)</td></tr>
 * <tr><td>A_0</td><td>b_astro</td><td>weight</td><td>value at t = 0 (NALSM: eta)</td></tr>
 * <tr><td>delay</td><td>0</td><td>ms</td><td>from a spike to its effect on {@code A}</td></tr>
 * <tr><td>deliver_interval</td><td>0</td><td>ms</td><td>the volume transmitter's update period
 * (0: every exchange interval)</td></tr>
 * </table>
 * {@code A} is in the unit of the rule's learning rates (weight change per unit of trace). The NALSM
 * values are given for traces that jump by 1 per spike, as {@link AstroStdp}'s do; NALSM's own traces
 * jump by 0.1, so its rates (eta = 0.15, w = 0.015) are multiplied by 0.1 here. {@code A} is not
 * bounded: with more input than liquid spikes it can become negative (as in NALSM).
 *
 * <p>References: Ivanov and Michmizos (2021) Increasing liquid state machine performance with
 * edge-of-chaos dynamics organized by astrocyte-modulated plasticity, NeurIPS 34 (eq. 7; code
 * {@code combra-lab/NALSM}).
 */
public final class Astrocyte {
    private final Population[] liquid;
    private final Population[] input;
    private final double tau;
    private final double w;
    private final double b;
    private final double a0;
    private final boolean a0Set;
    private final double delayMs;
    private final double intervalMs;
    private final VolumeTransmitter vt;
    private final VolumeTransmitter given; // the transmitter of of(VolumeTransmitter), else null

    private Astrocyte(Population[] liquid, Population[] input, double tau, double w, double b, double a0, boolean a0Set,
                      double delayMs, double intervalMs) {
        this(liquid, input, tau, w, b, a0, a0Set, delayMs, intervalMs, null);
    }

    private Astrocyte(Population[] liquid, Population[] input, double tau, double w, double b, double a0, boolean a0Set,
                      double delayMs, double intervalMs, VolumeTransmitter given) {
        this.liquid = liquid;
        this.input = input;
        this.tau = tau;
        this.w = w;
        this.b = b;
        this.a0 = a0Set ? a0 : b;
        this.a0Set = a0Set;
        this.delayMs = delayMs;
        this.intervalMs = intervalMs;
        this.given = given;
        if (given != null) { // the same instance where nothing changed, so that rules can share it
            this.vt = delayMs == given.delay() && intervalMs == given.deliverInterval() ? given
                    : given.delay(delayMs).deliverInterval(intervalMs);
        } else {
            this.vt = liquid.length == 0 ? null : transmitter(liquid, input, delayMs, intervalMs);
        }
    }

    private static VolumeTransmitter transmitter(Population[] liquid, Population[] input, double delayMs, double intervalMs) {
        VolumeTransmitter v = VolumeTransmitter.of(liquid[0]);
        for (int i = 1; i < liquid.length; i++) v = v.and(liquid[i], 1.0);
        for (Population p : input) v = v.and(p, -1.0);
        return v.delay(delayMs).deliverInterval(intervalMs);
    }

    /** An astrocyte over the given liquid populations (each spike +1), with the defaults above. */
    public static Astrocyte of(Population... liquid) {
        if (liquid == null || liquid.length == 0) {
            throw new IllegalArgumentException("astrocyte: no liquid population; valid: at least one");
        }
        for (Population p : liquid) if (p == null) throw new IllegalArgumentException("astrocyte: a liquid population is null");
        return new Astrocyte(liquid.clone(), new Population[0], 100, 0.0015, 0.015, 0, false, 0, 0);
    }

    /**
     * An astrocyte over the spikes of an existing volume transmitter: its sources and their weights
     * take the places of the liquid (+1) and input (-1) populations (a source of weight {@code s}
     * changes {@code A} by {@code s w_astro / tau_astro} per spike), and its delay and update interval
     * are the astrocyte's. This is how model files make one ({@code astro_stdp_synapse} with
     * {@code volume_transmitter: {sources: {E: 1, I: 1, X: -1}}}). {@link #input} is not available
     * on such an astrocyte; {@link #delay} and {@link #deliverInterval} replace the transmitter's.
     */
    public static Astrocyte of(VolumeTransmitter vt) {
        if (vt == null) throw new IllegalArgumentException("astrocyte: no volume transmitter");
        return new Astrocyte(new Population[0], new Population[0], 100, 0.0015, 0.015, 0, false, vt.delay(),
                vt.deliverInterval(), vt);
    }

    /** The input populations (each spike -1). */
    public Astrocyte input(Population... in) {
        for (Population p : in) if (p == null) throw new IllegalArgumentException("astrocyte: an input population is null");
        if (given != null) {
            throw new IllegalStateException("astrocyte over a volume transmitter: its input is the transmitter's sources"
                    + " of negative weight");
        }
        return new Astrocyte(liquid, in.clone(), tau, w, b, a0, a0Set, delayMs, intervalMs);
    }

    public Astrocyte tau(double ms) {
        return new Astrocyte(liquid, input, ms, w, b, a0, a0Set, delayMs, intervalMs, given);
    }

    /** {@code w_astro}: the steady-state change of {@code A} per spike per ms of net rate. */
    public Astrocyte weight(double v) {
        return new Astrocyte(liquid, input, tau, v, b, a0, a0Set, delayMs, intervalMs, given);
    }

    /** {@code b_astro}: the value {@code A} relaxes to without spikes. */
    public Astrocyte bias(double v) {
        return new Astrocyte(liquid, input, tau, w, v, a0, a0Set, delayMs, intervalMs, given);
    }

    /** {@code A_0}: the value at {@code t = 0} (default: {@code b_astro}). */
    public Astrocyte initial(double v) {
        return new Astrocyte(liquid, input, tau, w, b, v, true, delayMs, intervalMs, given);
    }

    /** The delay (a non-negative multiple of dt, ms) from a spike to its effect on {@code A}. */
    public Astrocyte delay(double ms) {
        return new Astrocyte(liquid, input, tau, w, b, a0, a0Set, ms, intervalMs, given);
    }

    /** The volume transmitter's update period (ms; 0: every exchange interval). */
    public Astrocyte deliverInterval(double ms) {
        return new Astrocyte(liquid, input, tau, w, b, a0, a0Set, delayMs, ms, given);
    }

    public double tau() {
        return tau;
    }

    public double weight() {
        return w;
    }

    public double bias() {
        return b;
    }

    public double initial() {
        return a0;
    }

    /** The volume transmitter that carries the astrocyte's input spikes to the synapses. */
    public VolumeTransmitter volumeTransmitter() {
        return vt;
    }

    /** Checks the parameters; throws {@link ModelException} naming {@code element} and the key. */
    public void validate(String element) {
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new ModelException(element, "tau_astro", "value " + tau + " ms is invalid; valid: (0, inf) ms");
        }
        if (!Double.isFinite(w)) throw new ModelException(element, "w_astro", "value " + w + " is invalid; valid: finite");
        if (!Double.isFinite(b)) throw new ModelException(element, "b_astro", "value " + b + " is invalid; valid: finite");
        if (!Double.isFinite(a0)) throw new ModelException(element, "A_0", "value " + a0 + " is invalid; valid: finite");
    }

    /**
     * {@code A} at stamp {@code s} (time {@code s*dt}) from the modulator spikes {@code m} (trace
     * {@code tr}, time constant {@code tau_astro}); the {@code A_0} transient is computed
     * here only when {@code A_0 != b_astro}. Valid for stamps not before the last trigger.
     */
    static double value(ModulatorSpikes m, int tr, int s, double dt, double b, double w, double a0, double tau) {
        final double relax = a0 == b ? 0.0 : (a0 - b) * Math.exp(-s * dt / tau);
        return b + relax + w * m.trace(tr, s);
    }

    /**
     * The closed form above at time {@code t} (ms) for given spike times (ms) of the liquid and the
     * input, for checks and plots (not used by the kernel). A spike counts from
     * {@code t_k + delay} on, within 1e-9 ms (spike times are on the time grid, so a spike in the
     * same step as {@code t} counts, as in the kernel).
     */
    public double closedForm(double t, double[] liquidTimes, double[] inputTimes) {
        final double eps = 1e-9;
        double sum = 0;
        for (double tk : liquidTimes) if (tk + delayMs <= t + eps) sum += Math.exp(-Math.max(0, t - tk - delayMs) / tau);
        for (double tk : inputTimes) if (tk + delayMs <= t + eps) sum -= Math.exp(-Math.max(0, t - tk - delayMs) / tau);
        return b + (a0 - b) * Math.exp(-t / tau) + w / tau * sum;
    }

    @Override
    public String toString() {
        return "astrocyte(tau_astro " + tau + ", w_astro " + w + ", b_astro " + b + ", A_0 " + a0
                + (given != null ? ", " + vt : ", liquid " + names(liquid) + ", input " + names(input)) + ")";
    }

    private static String names(Population[] ps) {
        String[] n = new String[ps.length];
        for (int i = 0; i < ps.length; i++) n[i] = ps[i].name();
        return Arrays.toString(n);
    }
}
