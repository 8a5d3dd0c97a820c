package org.myelin.sdr.bench;

import java.util.Locale;
import org.myelin.sdr.Rng;
import org.myelin.sdr.Sdr;
import org.myelin.sdr.algorithms.BacktrackingTemporalMemory;
import org.myelin.sdr.algorithms.SequenceMemory;
import org.myelin.sdr.algorithms.TemporalMemory;

/**
 * Microseconds per temporal-memory step for 2048 columns x 32 cells at 2 % sparsity (40 active
 * columns), and how the cost grows as segments accumulate.
 *
 * <p>Workload: a vocabulary of 4096 random SDRs; sequences of 10 words drawn from it; each sequence
 * is presented {@code repeats} times (default 4, with a reset before each presentation) and then the
 * next one, so the memory keeps learning new transitions while most steps of a learned sequence are
 * predicted. Every {@code block} steps the mean step time of the block, the segment and synapse
 * counts and the mean raw anomaly are printed, with the block's CPU time per step of this thread
 * (input generation included, which is negligible), which other load on the machine inflates less
 * than the wall time. With {@code noise} instead of a number of repeats the
 * input is random words in random order (every step bursts: the worst case). Results are printed,
 * not asserted; the first block includes JIT warm-up.
 *
 * <pre>
 * java -cp sdr/target/classes org.myelin.sdr.bench.TemporalMemoryBench [tm|backtracking] [steps=60000] [block=6000] [repeats=4|noise]
 * </pre>
 */
public final class TemporalMemoryBench {
    private TemporalMemoryBench() {
    }

    public static void main(String[] args) {
        String kind = args.length > 0 ? args[0] : "tm";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
        int block = args.length > 2 ? Integer.parseInt(args[2]) : 6_000;
        boolean noise = args.length > 3 && args[3].equals("noise");
        int repeats = args.length > 3 && !noise ? Integer.parseInt(args[3]) : 4;
        SequenceMemory tm = kind.equals("backtracking")
                ? new BacktrackingTemporalMemory(new BacktrackingTemporalMemory.Context())
                : new TemporalMemory(new TemporalMemory.Context().maxSegmentsPerCell(128).maxSynapsesPerSegment(64));
        Rng rng = new Rng(1);
        int vocabulary = 4096;
        int length = 10;
        int[][] words = new int[vocabulary][];
        for (int i = 0; i < vocabulary; i++) {
            words[i] = new Sdr(2048).randomize(40 / 2048.0, rng).sparseCopy();
        }
        System.out.printf(Locale.ROOT, "%s, 2048 columns x 32 cells, 40 active columns, %s%n", kind,
                noise ? "random words (noise)" : "sequences of " + length + " words, each seen " + repeats + " times");
        System.out.println("   steps  segments    synapses  us/step  cpu us/step  mean raw anomaly");
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t = 0;
        double anomaly = 0;
        int[] seq = new int[length];
        int pos = length;
        int rep = repeats;
        for (int i = 1; i <= steps; i++) {
            int[] w;
            if (noise) {
                w = words[rng.nextInt(vocabulary)];
            } else {
                if (pos == length) {
                    pos = 0;
                    if (++rep >= repeats) {
                        rep = 0;
                        for (int k = 0; k < length; k++) {
                            seq[k] = rng.nextInt(vocabulary);
                        }
                    }
                    tm.reset();
                }
                w = words[seq[pos++]];
            }
            long t0 = System.nanoTime();
            anomaly += tm.compute(w, w.length, true);
            t += System.nanoTime() - t0;
            if (i % block == 0) {
                long cpu = threads.getCurrentThreadCpuTime();
                System.out.printf(Locale.ROOT, "%8d %9d %11d %8.1f %12.1f %8.3f%n", i, tm.numSegments(),
                        tm.numSynapses(), t / 1e3 / block, (cpu - cpu0) / 1e3 / block, anomaly / block);
                cpu0 = cpu;
                t = 0;
                anomaly = 0;
            }
        }
    }
}
