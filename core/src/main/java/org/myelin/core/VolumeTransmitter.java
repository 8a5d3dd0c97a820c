package org.myelin.core;

/**
 * A volume transmitter (NEST's {@code volume_transmitter}): collects the spikes of a modulatory
 * population (e.g. dopaminergic neurons) and makes them available, as one global signal, to the
 * plastic synapses whose rule names it ({@link Plasticity#volumeTransmitter()}).
 *
 * <p>The spikes of all neurons of {@link #source()} emitted in one step (stamp {@code e}) form one
 * event of that multiplicity, which reaches the synapses at stamp {@code e + delay}. Every
 * {@link #deliverInterval(double)} (default: the network's exchange interval, NEST's
 * {@code deliver_interval = 1}) all synapses of the rule are brought up to date even without
 * presynaptic spikes ({@link PlasticKernel#trigger}) and the spike list is cleared. The update runs
 * after the spikes up to that time were delivered (NEST runs it before delivering the spikes of the
 * last interval, which lets a later spike be processed from a later update time).
 */
public final class VolumeTransmitter {
    final Population source;
    final double delayMs;
    final double intervalMs;

    private VolumeTransmitter(Population source, double delayMs, double intervalMs) {
        if (source == null) throw new IllegalArgumentException("volume transmitter without a source population");
        this.source = source;
        this.delayMs = delayMs;
        this.intervalMs = intervalMs;
    }

    /** A volume transmitter fed by every spike of {@code source}, without delay. */
    public static VolumeTransmitter of(Population source) {
        return new VolumeTransmitter(source, 0, 0);
    }

    /** The delay (ms, a non-negative multiple of dt) from a modulator spike to its effect. */
    public VolumeTransmitter delay(double ms) {
        return new VolumeTransmitter(source, ms, intervalMs);
    }

    /** The period (ms, a positive multiple of dt) of the update of all synapses; 0: every exchange interval. */
    public VolumeTransmitter deliverInterval(double ms) {
        return new VolumeTransmitter(source, delayMs, ms);
    }

    public Population source() {
        return source;
    }

    void validate(String element, double dt) {
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
        return "volume_transmitter(" + source.name + ")";
    }
}
