package org.myelin.bench.diehlcook;

import org.myelin.core.NeuronKernel;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;
import org.myelin.core.Rng;
import org.myelin.core.SpikeBuffer;

/**
 * {@code poisson_rate_source}: a spike source whose rate is a per-neuron state variable, so that it
 * can be changed between {@link org.myelin.core.Network#simulate} chunks with
 * {@link org.myelin.core.Population#set} (one MNIST image after another). Core's
 * {@code poisson_generator} has one rate for the whole target population, fixed at build time,
 * which cannot encode an image.
 *
 * <pre>
 *   in step t, neuron i spikes iff U(i, t) &lt; rate_i * dt / 1000      (rate in Hz, dt in ms)
 * </pre>
 * with {@code U} uniform in [0, 1) from the counter-based stream keyed by (seed, neuron, step), so
 * the kernel is a pure function of (state, step) and the trains do not depend on the number of
 * threads. This is Brian's {@code PoissonGroup} (a Bernoulli draw per step, at most one spike per
 * step), as Diehl and Cook used it. A rate of 0 costs one load per neuron and step.
 *
 * <p>No parameters, no input ports. State: {@code rate} (Hz, 0 initially). Rates must lie in
 * {@code [0, 1000/dt]}; {@link #checkRate} is the check callers use before writing one (a rate
 * above {@code 1000/dt} would silently saturate at one spike per step).
 */
public final class PoissonRateSource extends NeuronModel {
    static final int RATE = 0;

    private final long key;

    /** A source whose random stream is keyed by {@code seed}. */
    public PoissonRateSource(long seed) {
        super("poisson_rate_source", new ParamSpec[0], new String[] {"rate"}, new String[] {"Hz"});
        this.key = Rng.key(Rng.mix(seed), 0x506F6973L);
    }

    /**
     * Throws {@link IllegalArgumentException} naming {@code element}, the neuron and the value unless
     * {@code rate} is finite and in {@code [0, 1000/dt]} Hz.
     */
    public static void checkRate(String element, int neuron, double rate, double dt) {
        double max = 1000.0 / dt;
        if (!(rate >= 0 && rate <= max)) {
            throw new IllegalArgumentException(element + ": rate of neuron " + neuron + " is " + rate
                    + " Hz; valid: [0, " + max + "] Hz (at most one spike per step of " + dt + " ms)");
        }
    }

    @Override
    public String[] receptorNames() {
        return new String[0];
    }

    @Override
    public boolean hasInput() {
        return false;
    }

    @Override
    public void initialize(double[] p, double[][] s, int from, int to) {
        for (int i = from; i < to; i++) s[RATE][i] = 0;
    }

    @Override
    public NeuronKernel compile(double[] p, double dt) {
        return new Kernel(key, dt * 1e-3);
    }

    static final class Kernel implements NeuronKernel {
        final long key;
        final double perStep;

        Kernel(long key, double perStep) {
            this.key = key;
            this.perStep = perStep;
        }

        @Override
        public void update(long step, double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out) {
            final double[] rate = s[RATE];
            final long key = this.key;
            final double perStep = this.perStep;
            for (int i = from; i < to; i++) {
                final double r = rate[i];
                if (r != 0 && Rng.uniform(Rng.key(key, i), step) < r * perStep) out.add(i);
            }
        }
    }
}
