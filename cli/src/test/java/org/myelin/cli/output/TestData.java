package org.myelin.cli.output;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Synthetic recordings with fixed seeds, shaped as the core recorders return them. */
final class TestData {
    private TestData() {
    }

    /**
     * Spikes of populations {@code names} (sizes {@code sizes}) over {@code steps} steps of {@code dt},
     * each neuron spiking in a step with probability {@code p}: sorted by (step, neuron), times (s+1)*dt.
     */
    static SpikeData spikes(long seed, String[] names, int[] sizes, double dt, int steps, double p) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = names.length;
        int[][] ids = new int[n][];
        double[][] times = new double[n][];
        for (int q = 0; q < n; q++) {
            int[] id = new int[16];
            double[] t = new double[16];
            int k = 0;
            for (int s = 0; s < steps; s++) {
                for (int i = 0; i < sizes[q]; i++) {
                    if (rng.nextDouble() < p) {
                        if (k == id.length) {
                            id = Arrays.copyOf(id, 2 * k);
                            t = Arrays.copyOf(t, 2 * k);
                        }
                        id[k] = i;
                        t[k] = (s + 1L) * dt;
                        k++;
                    }
                }
            }
            ids[q] = Arrays.copyOf(id, k);
            times[q] = Arrays.copyOf(t, k);
        }
        return new SpikeData(names, sizes, ids, times, dt, steps * dt);
    }

    static StateData state(long seed, String pop, double dt, int samples, int[] neurons, String... vars) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] t = new double[samples];
        for (int r = 0; r < samples; r++) t[r] = (r + 1L) * dt;
        double[][][] v = new double[vars.length][neurons.length][samples];
        for (int a = 0; a < vars.length; a++) {
            for (int k = 0; k < neurons.length; k++) {
                for (int r = 0; r < samples; r++) v[a][k][r] = -70 + 20 * rng.nextDouble() + (r % 50 == 49 ? 90 : 0);
            }
        }
        return new StateData(pop, dt, t, neurons, vars, v);
    }
}
