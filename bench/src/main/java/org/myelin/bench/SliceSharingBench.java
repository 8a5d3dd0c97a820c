package org.myelin.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.myelin.core.Models;
import org.myelin.core.NeuronKernel;
import org.myelin.core.NeuronModel;
import org.myelin.core.SpikeBuffer;

/**
 * What limits two workers on a small network: COBA's two populations (3,200 + 800
 * {@code iaf_cond_exp} neurons, the benchmark's parameters, forward Euler or the default method)
 * stepped by the model kernel alone, each step followed by clearing the input slots as the engine
 * does and a spinning barrier, for 100,000 steps. With {@code shared} the two workers own the two
 * halves of the same arrays, as {@code Network}'s step loop does; with {@code separate} each worker
 * has arrays of its own; with {@code padded} the arrays are shared but 64 unused elements (512 bytes)
 * separate the halves. Prints the wall time and each worker's kernel time per population.
 *
 * <pre>
 * java -cp bench/target/myelin-bench.jar org.myelin.bench.SliceSharingBench [euler|rk4] [shared|padded|separate] [threads]
 * </pre>
 * The neuron state is random and there is no synaptic input; only the cost of the passes over the
 * arrays is measured, not a network's dynamics.
 */
public final class SliceSharingBench {
    private static final int[] SIZES = {3200, 800};
    private static final int STEPS = 100_000;
    private static final int GAP = 64;

    private SliceSharingBench() {
    }

    /** A barrier that spins: the step loop's exchange point without parking. */
    private static final class Spin {
        final int parties;
        final AtomicInteger arrived = new AtomicInteger();
        volatile int generation;

        Spin(int parties) {
            this.parties = parties;
        }

        void await() {
            int g = generation;
            if (arrived.incrementAndGet() == parties) {
                arrived.set(0);
                generation = g + 1;
                return;
            }
            while (generation == g) Thread.onSpinWait();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        boolean euler = args.length < 1 || args[0].equals("euler");
        boolean separate = args.length > 1 && args[1].equals("separate");
        // padded: shared arrays with GAP unused elements between the workers' halves
        int gap = args.length > 1 && args[1].equals("padded") ? GAP : 0;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        NeuronModel m = Models.neuron("iaf_cond_exp");
        double[] p = m.defaults();
        String[] kv = {"C_m", "200", "g_L", "10", "E_L", "-60", "V_reset", "-60", "V_th", "-50", "t_ref", "5",
            "E_ex", "0", "E_in", "-80", "tau_syn_ex", "5", "tau_syn_in", "10", "I_e", "200"};
        for (int k = 0; k < kv.length; k += 2) p[m.paramIndex(kv[k])] = Double.parseDouble(kv[k + 1]);
        p[m.paramIndex("forward_euler")] = euler ? 1 : 0;
        NeuronKernel kernel = m.compile(p, 0.1);
        int slots = 2;
        int nState = m.stateVariables().size(), nPorts = m.receptorCount() + 1;
        // [worker][population][variable or port][neuron]
        double[][][][] state = new double[threads][SIZES.length][][];
        double[][][][] ring = new double[threads][SIZES.length][][];
        java.util.Random rnd = new java.util.Random(1);
        for (int w = 0; w < threads; w++) {
            for (int q = 0; q < SIZES.length; q++) {
                if (!separate && w > 0) {
                    state[w][q] = state[0][q];
                    ring[w][q] = ring[0][q];
                    continue;
                }
                int n = SIZES[q] + gap * (threads - 1);
                state[w][q] = new double[nState][n];
                m.initialize(p, state[w][q], 0, n);
                for (int i = 0; i < n; i++) state[w][q][0][i] = -60 + 10 * rnd.nextDouble();
                ring[w][q] = new double[nPorts][slots * n];
            }
        }
        System.out.printf(Locale.ROOT, "iaf_cond_exp %s, populations %s, %s arrays, %d threads, %d steps%n",
                euler ? "forward_euler" : "default (RK4)", Arrays.toString(SIZES), separate ? "separate" : gap > 0 ? "shared, padded" : "shared",
                threads, STEPS);
        for (int rep = 0; rep < 4; rep++) {
            Spin barrier = new Spin(threads);
            long[][] kernelNs = new long[threads][];
            Thread[] ts = new Thread[threads];
            long t0 = System.nanoTime();
            for (int w = 0; w < threads; w++) {
                final int ww = w;
                ts[w] = new Thread(() -> {
                    long[] mine = new long[16]; // one cache line and more of this worker's own
                    SpikeBuffer out = new SpikeBuffer(1024);
                    for (int step = 0; step < STEPS; step++) {
                        for (int q = 0; q < SIZES.length; q++) {
                            int n = SIZES[q] + gap * (threads - 1);
                            // this worker's half of the population (padded: shifted by GAP per worker)
                            int lo = SIZES[q] * ww / threads + gap * ww, hi = SIZES[q] * (ww + 1) / threads + gap * ww;
                            int base = (step % slots) * n;
                            long a = System.nanoTime();
                            out.clear();
                            kernel.update(step, state[ww][q], ring[ww][q], base, lo, hi, out);
                            for (double[] port : ring[ww][q]) Arrays.fill(port, base + lo, base + hi, 0.0);
                            mine[q] += System.nanoTime() - a;
                        }
                        if (threads > 1) barrier.await();
                    }
                    kernelNs[ww] = mine;
                });
                ts[w].start();
            }
            for (Thread t : ts) t.join();
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < threads; w++) {
                sb.append(String.format(Locale.ROOT, "  worker %d: E %.3f s, I %.3f s", w, kernelNs[w][0] / 1e9,
                        kernelNs[w][1] / 1e9));
            }
            System.out.printf(Locale.ROOT, "run %d: wall %.3f s%s%n", rep, (System.nanoTime() - t0) / 1e9, sb);
        }
    }
}
