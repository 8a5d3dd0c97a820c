package org.myelin.core;

/**
 * A {@link Generator} attached to a target population with a weight and a delay. Each worker applies
 * it to its own slice of the target during the update phase, writing into the target's ring at
 * slot {@code t + delay}; random draws are keyed by (seed, stimulation, target neuron, step).
 */
public final class Stimulation {
    final int id;
    final Generator gen;
    final Population target;
    final double weight;
    final double delayMs;

    int delaySteps;
    int port;
    double value; // weight after routing (magnitude for conductance inhibitory ports)
    long startStep;
    long stopStep;
    long[] keys;
    double[] noise; // noise_generator: current value per target
    long[] stepTimes; // step_current_generator
    int noiseInterval;
    long[] poissonTable; // cumulative Poisson(lambda) probabilities scaled to 2^53, for lambda < 32
    int[] poissonGuide; // k per bucket of the top bits of r, or -1 where a bucket straddles a step
    int[] poissonScratch; // the vectorised pass's bucket indices, one per target (workers never overlap)

    /** The vectorised Poisson drive ({@link PoissonSimd}), or null without the vector API. */
    interface PoissonPass {
        /**
         * {@code in[base + j] += k_j * w} for targets [from, to) with k_j the step's Poisson variate of
         * target j, bit-identical to {@link #poissonScalar}; {@code scratch} holds one int per target.
         */
        void add(long[] keys, long t, int[] guide, long[] table, double[] in, int base, int from, int to, double w,
                int[] scratch);
    }

    static final PoissonPass POISSON_SIMD = org.myelin.core.model.Simd.load(PoissonPass.class, "PoissonSimd");

    Stimulation(int id, Generator gen, Population target, double weight, double delayMs) {
        this.id = id;
        this.gen = gen;
        this.target = target;
        this.weight = weight;
        this.delayMs = delayMs;
    }

    String element() {
        return "stimulus #" + id + " " + gen.kind().nestName() + " -> '" + target.name + "'";
    }

    public Generator generator() {
        return gen;
    }

    public Population target() {
        return target;
    }

    void validate(double dt) {
        gen.validate(element(), dt);
        if (!Double.isFinite(weight)) throw new ModelException(element(), "weight", "value " + weight + " is not finite");
        if (!Network.validDelay(delayMs, dt)) {
            throw new ModelException(element(), "delay", "value " + delayMs + " ms is invalid; valid: "
                    + Network.delayRange(dt));
        }
        if (!target.model.hasInput()) {
            throw new ModelException(element(), "to", target.model.name() + " takes no input");
        }
        if (gen.spiking() && target.model.receptorCount() == 0) {
            throw new ModelException(element(), "to", target.model.name() + " has no spike receptor");
        }
        if (gen.spiking() && "parrot_neuron".equals(target.model.name()) && weight != 1.0) {
            throw new ModelException(element(), "weight", "value " + weight + " is invalid for a parrot_neuron target; valid: 1 (a parrot repeats each spike)");
        }
    }

    void prepare(long seed, double dt) {
        delaySteps = (int) Math.round(delayMs / dt);
        startStep = (long) Math.ceil(gen.start / dt - 1e-9);
        stopStep = Double.isInfinite(gen.stop) ? Long.MAX_VALUE : (long) Math.ceil(gen.stop / dt - 1e-9);
        NeuronModel m = target.model;
        if (gen.spiking()) {
            port = (m.signRouted() && weight < 0) ? 1 : 0;
            value = (port == 1 && m.inhibitoryAsMagnitude()) ? -weight : weight;
        } else {
            port = m.receptorCount();
            value = weight;
        }
        if (gen.kind == Generator.Kind.POISSON || gen.kind == Generator.Kind.NOISE) {
            keys = new long[target.size];
            long k = Rng.key(Rng.key(Rng.mix(seed), Rng.KIND_STIMULUS), id);
            for (int j = 0; j < target.size; j++) keys[j] = Rng.key(k, j);
        }
        if (gen.kind == Generator.Kind.POISSON) {
            poissonTable = Rng.poissonTable(gen.a * dt * 1e-3);
            poissonGuide = poissonTable == null ? null : Rng.poissonGuide(poissonTable);
            poissonScratch = poissonTable == null || POISSON_SIMD == null ? null : new int[target.size];
        }
        if (gen.kind == Generator.Kind.NOISE) {
            noise = new double[target.size];
            noiseInterval = (int) Math.round(gen.c / dt);
        }
        if (gen.kind == Generator.Kind.STEP_CURRENT) {
            stepTimes = new long[gen.times.length];
            for (int i = 0; i < stepTimes.length; i++) stepTimes[i] = (long) Math.ceil(gen.times[i] / dt - 1e-9);
        }
    }

    /**
     * The Poisson drive of step t for targets [from, to): {@code in[base + j] += k * w} with k the
     * variate of (key of j, t). A guide table on the top 12 bits of the 53-bit uniform r answers
     * almost every draw with one load; the few buckets that straddle a step of the CDF fall back to
     * a branch-free binary search.
     */
    static void poissonScalar(long[] keys, long t, int[] guide, long[] table, double[] in, int base, int from, int to,
            double w) {
        for (int j = from; j < to; j++) {
            final long r = Rng.bits(keys[j], t) >>> 11;
            int k = guide[(int) (r >>> Rng.GUIDE_SHIFT)];
            if (k < 0) k = Rng.poissonSearch(table, r);
            in[base + j] += k * w;
        }
    }

    /**
     * Applies the device for step t to targets [from, to), a worker's slice, which lies at offset
     * {@code off} in each ring slot ({@link Population#offset}).
     */
    void apply(long t, int from, int to, int slots, double dt, int off) {
        if (t < startStep || t >= stopStep) return;
        final double[] arr = target.ring[port];
        final int base = (int) ((t + delaySteps) % slots) * target.length + off;
        switch (gen.kind) {
            case POISSON: {
                final double lambda = gen.a * dt * 1e-3;
                if (lambda == 0) return;
                final long[] ks = keys;
                final double w = value;
                final long[] tab = poissonTable;
                if (tab == null) {
                    final double p0 = Math.exp(-lambda);
                    for (int j = from; j < to; j++) {
                        int k = Rng.poisson(ks[j], t, lambda, p0);
                        if (k != 0) arr[base + j] += k * w;
                    }
                    break;
                }
                if (POISSON_SIMD != null && org.myelin.core.model.Simd.engaged()) {
                    POISSON_SIMD.add(ks, t, poissonGuide, tab, arr, base, from, to, w, poissonScratch);
                } else {
                    poissonScalar(ks, t, poissonGuide, tab, arr, base, from, to, w);
                }
                break;
            }
            case DC: {
                final double c = gen.a * value;
                for (int j = from; j < to; j++) arr[base + j] += c;
                break;
            }
            case STEP_CURRENT: {
                int idx = java.util.Arrays.binarySearch(stepTimes, t);
                if (idx < 0) idx = -idx - 2;
                if (idx < 0) return;
                final double c = gen.values[idx] * value;
                for (int j = from; j < to; j++) arr[base + j] += c;
                break;
            }
            default: { // NOISE
                final double[] cur = noise;
                if ((t - startStep) % noiseInterval == 0) {
                    final long[] ks = keys;
                    for (int j = from; j < to; j++) {
                        double u1 = Rng.uniformPositive(ks[j], 2 * t);
                        double u2 = Rng.uniform(ks[j], 2 * t + 1);
                        cur[j] = gen.a + gen.b * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
                    }
                }
                final double w = value;
                for (int j = from; j < to; j++) arr[base + j] += cur[j] * w;
                break;
            }
        }
    }
}
