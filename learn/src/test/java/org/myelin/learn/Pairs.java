package org.myelin.learn;

import org.myelin.core.Connect;
import org.myelin.core.Dist;
import org.myelin.core.Network;
import org.myelin.core.Plasticity;
import org.myelin.core.Population;
import org.myelin.core.Projection;
import org.myelin.core.Synapse;
import org.myelin.core.VolumeTransmitter;
import org.myelin.core.model.ParrotNeuron;
import org.myelin.core.model.SpikeGenerator;

/**
 * Imposed spike trains on both sides of plastic synapses: neuron i of a spike generator is the
 * presynaptic neuron of synapse i; postsynaptic neuron i is a parrot driven by its own generator
 * (one step of delay), and the plastic synapse feeds the parrot's {@code no_repeat} port, so it
 * learns from the parrot's spikes without changing them (NEST's standard STDP set-up).
 */
final class Pairs {
    final Network net;
    final Projection proj;
    final Population pre;
    final Population post;

    /**
     * @param pre   presynaptic spike times (ms) per synapse
     * @param post  postsynaptic spike times (ms) per synapse (each at least 2 dt)
     */
    Pairs(double dt, int threads, double[][] pre, double[][] post, double w0, double delay, Plasticity rule) {
        this(dt, threads, pre, post, w0, delay, null, vt -> rule);
    }

    /**
     * With a volume transmitter fed by a spike generator firing at {@code modulator} (ms), for rules
     * made by {@code ruleFor}.
     */
    Pairs(double dt, int threads, double[][] pre, double[][] post, double w0, double delay, double[] modulator,
          java.util.function.Function<VolumeTransmitter, Plasticity> ruleFor) {
        net = new Network(new Network.Context().dt(dt).threads(threads).seed(1));
        VolumeTransmitter vt = null;
        if (modulator != null) {
            vt = VolumeTransmitter.of(net.population("DA", SpikeGenerator.of(new double[][] {modulator}), 1));
        }
        Plasticity rule = ruleFor.apply(vt);
        int n = pre.length;
        double[][] drive = new double[n][];
        for (int i = 0; i < n; i++) {
            drive[i] = new double[post[i].length];
            for (int k = 0; k < post[i].length; k++) drive[i][k] = post[i][k] - dt; // the parrot repeats one step later
        }
        this.pre = net.population("pre", SpikeGenerator.of(pre), n);
        Population gen = net.population("post_drive", SpikeGenerator.of(drive), n);
        this.post = net.population("post", ParrotNeuron.INSTANCE, n);
        net.connect(gen, this.post, Connect.oneToOne(), Synapse.statics(1.0, dt));
        proj = net.connect(this.pre, this.post, Connect.oneToOne(),
                Synapse.plastic(Dist.constant(w0), Dist.constant(delay), rule).receptor(ParrotNeuron.NO_REPEAT));
    }

    double[] run(double ms) {
        net.simulate(ms);
        return proj.synapses().weight;
    }
}
