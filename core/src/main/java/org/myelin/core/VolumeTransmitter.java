package org.myelin.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A volume transmitter (NEST's {@code volume_transmitter}): collects the spikes of one or more
 * modulatory populations (e.g. dopaminergic neurons) and makes them available, as one global signal,
 * to the plastic synapses whose rule names it ({@link Plasticity#volumeTransmitter()}).
 *
 * <p>The spikes emitted in one step (stamp {@code e}) form one event of multiplicity
 * {@code m = sum_p weight_p * count_p(e)} over the sources {@code p} ({@link #of(Population)} has one
 * source of weight 1, so {@code m} is the spike count, as in NEST; {@link #and(Population, double)}
 * adds sources, with any finite non-zero weight, so {@code m} may be negative or fractional). A step
 * with {@code m = 0} makes no event. The event reaches the synapses at stamp {@code e + delay}. Every
 * {@link #deliverInterval(double)} (default: the network's exchange interval, NEST's
 * {@code deliver_interval = 1}) all synapses of the rule are brought up to date even without
 * presynaptic spikes ({@link PlasticKernel#trigger}) and the spike list is cleared. The update runs
 * after the spikes up to that time were delivered (NEST runs it before delivering the spikes of the
 * last interval, which lets a later spike be processed from a later update time).
 *
 * <p>A volume transmitter is identified by object identity: rules share one signal only when they
 * are given the same instance (each builder method returns a new one).
 */
public final class VolumeTransmitter {
    final Population source;
    final Population[] sources;
    final double[] weights;
    final double delayMs;
    final double intervalMs;

    private VolumeTransmitter(Population[] sources, double[] weights, double delayMs, double intervalMs) {
        this.source = sources[0];
        this.sources = sources;
        this.weights = weights;
        this.delayMs = delayMs;
        this.intervalMs = intervalMs;
    }

    /** A volume transmitter fed by every spike of {@code source} (weight 1), without delay. */
    public static VolumeTransmitter of(Population source) {
        if (source == null) throw new IllegalArgumentException("volume transmitter without a source population");
        return new VolumeTransmitter(new Population[] {source}, new double[] {1.0}, 0, 0);
    }

    /**
     * This volume transmitter with one more source: each spike of {@code source} adds {@code weight}
     * to the multiplicity of its step's event (e.g. -1 for spikes that lower the signal). A
     * population may be a source once; {@code weight} must be finite and non-zero.
     */
    public VolumeTransmitter and(Population source, double weight) {
        if (source == null) throw new IllegalArgumentException("volume transmitter source is null");
        if (!(weight != 0 && Double.isFinite(weight))) {
            throw new ModelException("volume_transmitter", "weight", "value " + weight + " for source " + source.name
                    + " is invalid; valid: finite and non-zero");
        }
        for (Population p : sources) {
            if (p == source) throw new IllegalArgumentException("population " + source.name + " is already a source of " + this);
        }
        Population[] s = Arrays.copyOf(sources, sources.length + 1);
        double[] w = Arrays.copyOf(weights, weights.length + 1);
        s[sources.length] = source;
        w[weights.length] = weight;
        return new VolumeTransmitter(s, w, delayMs, intervalMs);
    }

    /** The delay (ms, a non-negative multiple of dt) from a modulator spike to its effect. */
    public VolumeTransmitter delay(double ms) {
        return new VolumeTransmitter(sources, weights, ms, intervalMs);
    }

    /** The period (ms, a positive multiple of dt) of the update of all synapses; 0: every exchange interval. */
    public VolumeTransmitter deliverInterval(double ms) {
        return new VolumeTransmitter(sources, weights, delayMs, ms);
    }

    /** The first source population. */
    public Population source() {
        return source;
    }

    /** All source populations, in the order they were added. */
    public List<Population> sources() {
        return Collections.unmodifiableList(Arrays.asList(sources));
    }

    /** The weight of source {@code i} (as {@link #sources()}). */
    public double weight(int i) {
        return weights[i];
    }

    /** The delay in ms. */
    public double delay() {
        return delayMs;
    }

    /** The deliver interval in ms (0: every exchange interval). */
    public double deliverInterval() {
        return intervalMs;
    }

    /**
     * Checks the delay and the deliver interval against step {@code dt} (as the network does when a
     * rule using this transmitter is connected); throws {@link ModelException} naming
     * {@code element} with key {@code vt delay} or {@code deliver_interval}.
     */
    public void validate(String element, double dt) {
        long d = Math.round(delayMs / dt);
        if (!(delayMs >= 0) || Math.abs(d * dt - delayMs) > 1e-9 * Math.max(1, delayMs) || d > Network.MAX_DELAY_STEPS) {
            throw new ModelException(element, "vt delay", "value " + delayMs + " ms is invalid; valid: a multiple of dt = "
                    + dt + " ms in [0, " + Network.MAX_DELAY_STEPS * dt + "] ms");
        }
        long k = Math.round(intervalMs / dt);
        if (!(intervalMs >= 0) || Math.abs(k * dt - intervalMs) > 1e-9 * Math.max(1, intervalMs) || k > Integer.MAX_VALUE / 2) {
            throw new ModelException(element, "deliver_interval", "value " + intervalMs
                    + " ms is invalid; valid: 0 (every exchange interval) or a positive multiple of dt = " + dt + " ms");
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("volume_transmitter(");
        for (int i = 0; i < sources.length; i++) {
            if (i > 0) b.append(weights[i] < 0 ? " - " : " + ");
            double a = i > 0 ? Math.abs(weights[i]) : weights[i];
            if (a != 1.0) b.append(a).append('*');
            b.append(sources[i].name);
        }
        return b.append(')').toString();
    }
}
