package org.myelin.io;

import java.util.HashMap;
import java.util.Map;

import org.myelin.core.Models;
import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.VolumeTransmitter;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A projection's validated {@code volume_transmitter} block: the modulatory populations whose spikes
 * it collects with their weights ({@code population: DA} is one source of weight 1), the delay (ms)
 * from a modulator spike to its effect, and the update interval (ms; 0: every exchange interval,
 * written {@code auto}). Built into a core {@link VolumeTransmitter}
 * ({@code VolumeTransmitter.of(p0).and(p1, w1)...delay(delay).deliverInterval(interval)}).
 */
record VolumeTransmitterSpec(String[] populations, double[] weights, double delay, double interval, Node node) {
    /** The default delay (ms): none, as {@link VolumeTransmitter#of}. */
    static final double DEFAULT_DELAY = 0;
    /** The default interval: 0, every exchange interval, as {@link VolumeTransmitter#of}. */
    static final double DEFAULT_INTERVAL = 0;

    /** Whether this is the plain form: one source of weight 1 ({@code population: NAME}). */
    boolean single() {
        return populations.length == 1 && weights[0] == 1.0;
    }

    /** The core volume transmitter fed by the populations this spec names, looked up in {@code pops}. */
    VolumeTransmitter build(Map<String, Population> pops) {
        assert weights[0] == 1.0 : "of() gives the first source weight 1; the reader checks it";
        VolumeTransmitter vt = VolumeTransmitter.of(pops.get(populations[0]));
        for (int i = 1; i < populations.length; i++) vt = vt.and(pops.get(populations[i]), weights[i]);
        return vt.delay(delay).deliverInterval(interval);
    }

    /**
     * Projections whose volume transmitters have equal keys share one (they would see the same
     * modulator spikes at the same times).
     */
    String key() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < populations.length; i++) {
            b.append(populations[i]).append('\u0000').append(Double.doubleToLongBits(weights[i])).append('\u0000');
        }
        return b.append(Double.doubleToLongBits(delay)).append('\u0000').append(Double.doubleToLongBits(interval)).toString();
    }

    /**
     * A volume transmitter fed by one-neuron stand-in populations of this spec's names, in a network
     * of its own with step {@code dt}: for creating (and so validating, or sizing) a rule before the
     * real network exists. Never simulated.
     */
    VolumeTransmitter standIn(double dt) {
        Network net = standInNetwork(dt);
        Map<String, Population> pops = new HashMap<>();
        for (String p : populations) pops.put(p, net.population(p, Models.neuron("iaf_psc_delta"), 1));
        return build(pops);
    }

    private static Network standInNetwork(double dt) {
        return new Network(new Network.Context().dt(dt).threads(1));
    }

    /**
     * Checks delay and interval against step {@code dt} with the core's own rules
     * ({@link VolumeTransmitter#validate}), so the messages are the Java API's. Throws
     * {@link org.myelin.core.ModelException} with key {@code vt delay} or {@code deliver_interval}.
     */
    static void check(double delay, double interval, double dt) {
        Population p = standInNetwork(dt).population("vt", Models.neuron("iaf_psc_delta"), 1);
        VolumeTransmitter.of(p).delay(delay).deliverInterval(interval).validate(null, dt);
    }
}
