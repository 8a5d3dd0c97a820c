package org.myelin.core.model;

import org.myelin.core.ModelException;
import org.myelin.core.NeuronKernel;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;
import org.myelin.core.Rng;
import org.myelin.core.SpikeBuffer;

/**
 * {@code poisson_source}: a population of independent Poisson spike sources, each with its own rate,
 * which may be changed between {@link org.myelin.core.Network#simulate} calls (Brian2's
 * {@code PoissonGroup} with an array of rates; in NEST, parrot neurons each driven by its own
 * {@code poisson_generator}). The input encoder of rate-coded data: one MNIST image after another is
 * a new set of rates, written with {@link org.myelin.core.Population#set}.
 *
 * <pre>
 *   in step t, neuron i spikes iff U(i, t) &lt; rate_i * dt / 1000      (rate in Hz, dt in ms)
 * </pre>
 * with {@code U} uniform in [0, 1) from the counter-based stream keyed by (network seed, population,
 * neuron, step): the trains do not depend on the number of threads, and changing one neuron's rate
 * changes no other neuron's train. As in Brian2's {@code PoissonGroup}, this is a Bernoulli draw per
 * step (at most one spike per step; the count in a window of n steps is binomial, the Poisson
 * process's discretisation, exact as dt goes to 0).
 *
 * <p>No parameters, no input ports. State: {@code rate} (Hz, 0 initially; set per neuron with
 * {@code Population.initial("rate", ...)} before build or {@code Population.set("rate", i, r)}
 * between runs). A rate must be finite and in {@code [0, 1000/dt]} Hz: it is checked at build and at
 * every {@code set} (a rate above {@code 1000/dt} would silently saturate at one spike per step). A
 * neuron at rate 0 costs one load per step.
 */
public final class PoissonSource extends NeuronModel {
    public static final PoissonSource INSTANCE = new PoissonSource();

    static final int RATE = 0;

    private final boolean ownKey;
    private final long key;

    private PoissonSource(boolean ownKey, long key) {
        super("poisson_source", new ParamSpec[0], new String[] {"rate"}, new String[] {"Hz"});
        this.ownKey = ownKey;
        this.key = key;
    }

    private PoissonSource() {
        this(false, 0);
    }

    /**
     * A {@code poisson_source} whose trains come from the stream {@code key} instead of one derived
     * from the network's seed and the population: the same key gives the same trains in any network
     * (e.g. to keep an experiment's inputs fixed while its seed varies the rest).
     */
    public static PoissonSource withStreamKey(long key) {
        return new PoissonSource(true, key);
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
    public void validateState(String element, double[][] s, int from, int to, double dt) {
        double max = 1000.0 / dt;
        for (int i = from; i < to; i++) {
            double r = s[RATE][i];
            if (!(r >= 0 && r <= max)) {
                throw new ModelException(element, "rate", "neuron " + i + ": value " + r + " Hz is invalid; valid: [0, "
                        + max + "] Hz (at most one spike per step of " + dt + " ms)");
            }
        }
    }

    @Override
    public NeuronKernel compile(double[] p, double dt) {
        if (ownKey) return new Kernel(key, dt * 1e-3);
        throw new IllegalStateException("poisson_source draws random numbers: compile it with a stream key");
    }

    @Override
    public NeuronKernel compile(double[] p, double dt, long key) {
        return new Kernel(ownKey ? this.key : key, dt * 1e-3);
    }

    static final class Kernel implements NeuronKernel {
        final long key;
        final double perStep;
        /**
         * Each neuron's stream key {@code Rng.key(key, i)}, cached: of the three hashes a draw took,
         * two made the key. Filled lazily, 0 meaning not yet (a key that is 0 is only recomputed).
         * Workers fill only their own neurons; the array field is read once per call, so a worker
         * that loses the race on its allocation fills a complete array of its own, and a worker that
         * later finds another's array recomputes what is missing: every value is the same pure
         * function of i, so no spike depends on the race.
         */
        private long[] keys;

        /** The key cache, of at least {@code n} entries (allocated once, on the first step). */
        private long[] keys(int n) {
            long[] ks = keys;
            if (ks == null || ks.length < n) {
                ks = new long[n];
                keys = ks;
            }
            return ks;
        }

        Kernel(long key, double perStep) {
            this.key = key;
            this.perStep = perStep;
        }

        @Override
        public void update(long step, double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out) {
            final double[] rate = s[RATE];
            final long key = this.key;
            final double perStep = this.perStep;
            final long[] ks = keys(rate.length);
            for (int i = from; i < to; i++) {
                final double r = rate[i];
                if (r == 0) continue;
                long k = ks[i];
                if (k == 0) {
                    k = Rng.key(key, i);
                    ks[i] = k;
                }
                if (Rng.uniform(k, step) < r * perStep) out.add(i);
            }
        }
    }
}
