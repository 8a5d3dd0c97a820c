package org.myelin.core.model;

import org.myelin.core.NeuronKernel;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;
import org.myelin.core.SpikeBuffer;

/**
 * {@code parrot_neuron}: repeats every incoming spike (NEST's model of the same name). It has no
 * dynamics, no parameters and no state.
 *
 * <pre>
 *   k = number of spikes arriving in step t  ->  k spikes emitted in step t (time (t+1) dt)
 * </pre>
 * A spike is repeated in the step in which it arrives, so a parrot adds no delay of its own, as in
 * NEST. The network only allows weight 1.0 into parrots, so the value of port 0 in a step is the count
 * of arriving spikes; it is rounded to the nearest whole number. NEST sends one event with that
 * multiplicity; here the neuron is reported {@code k} times ({@code out.add(i)} repeated). The
 * current port is ignored. As in NEST, a second receptor port, {@value #NO_REPEAT} (NEST's
 * receptor 1), takes spikes of any weight and does not repeat them: plastic synapses onto a parrot
 * through that port learn from the parrot's spikes without causing any (the standard set-up for
 * measuring STDP windows with spike trains imposed on both sides). Ports are chosen by name, never
 * by the weight's sign.
 *
 * <p>{@link #maxSpikesPerStep()} is {@value #MAX_SPIKES_PER_STEP}: the bound holds while at most that
 * many spikes reach one parrot in one step, which the network can check from the in-degree and the
 * sources' own bounds. Larger counts are still all repeated (the spike buffer grows).
 *
 * <p>References: NEST {@code parrot_neuron}.
 */
public final class ParrotNeuron extends NeuronModel {
    public static final ParrotNeuron INSTANCE = new ParrotNeuron();

    /** The documented bound on spikes repeated by one parrot in one step. */
    public static final int MAX_SPIKES_PER_STEP = 1024;

    /** The receptor whose spikes are not repeated (NEST's receptor 1). */
    public static final String NO_REPEAT = "no_repeat";

    private ParrotNeuron() {
        super("parrot_neuron", new ParamSpec[0], new String[0], new String[0]);
    }


    @Override
    public String[] receptorNames() {
        return new String[] {"spikes", NO_REPEAT};
    }

    @Override
    public boolean signRouted() {
        return false;
    }

    @Override
    public boolean hasInput() {
        return true;
    }

    @Override
    public int maxSpikesPerStep() {
        return MAX_SPIKES_PER_STEP;
    }

    @Override
    public void initialize(double[] p, double[][] s, int from, int to) {
        // no state
    }

    @Override
    public NeuronKernel compile(double[] p, double dt) {
        return Kernel.INSTANCE;
    }

    static final class Kernel implements NeuronKernel {
        @Override
        public boolean relocatable() {
            return true;
        }

        static final Kernel INSTANCE = new Kernel();

        @Override
        public void update(long step, double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out) {
            final double[] spk = in[0];
            for (int i = from; i < to; i++) {
                final double x = spk[base + i];
                if (x != 0) repeat(i, x, out);
            }
        }

        /** Slow path: the neuron received spikes in this step. */
        private static void repeat(int i, double count, SpikeBuffer out) {
            final long k = Math.round(count);
            assert k >= 0 && Math.abs(count - k) < 1e-9 : "parrot input must be a spike count, got " + count;
            for (long j = 0; j < k; j++) out.add(i);
        }
    }
}
