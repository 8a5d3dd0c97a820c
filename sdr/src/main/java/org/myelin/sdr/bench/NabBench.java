package org.myelin.sdr.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.myelin.sdr.anomaly.HtmAnomalyDetector;
import org.myelin.sdr.nab.NabCorpus;
import org.myelin.sdr.nab.NabRunner;
import org.myelin.sdr.nab.NabScorer;

/**
 * Times the full NAB run: every series through a fresh detector, series in parallel, no files
 * written. Prints wall time, rows per second, the CPU time of the workers (which, unlike the wall
 * time, does not depend on what else the machine is running), the slowest series, and the standard
 * score as a check that the work was real.
 *
 * <pre>
 * java -cp sdr/target/classes:$(cat cp.txt) org.myelin.sdr.bench.NabBench [threads=2] [numenta|numentaTM] [dataDir]
 * </pre>
 */
public final class NabBench {
    private NabBench() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        HtmAnomalyDetector.Memory memory = args.length > 1 && args[1].equals("numentaTM")
                ? HtmAnomalyDetector.Memory.TEMPORAL_MEMORY : HtmAnomalyDetector.Memory.BACKTRACKING;
        Path root = NabCorpus.resolveRoot(args.length > 2 ? args[2] : null);
        NabCorpus corpus = NabCorpus.load(root);
        long t0 = System.nanoTime();
        List<NabRunner.Detection> det = NabRunner.run(corpus, s -> NabRunner.numentaDetector(s, memory), threads,
                null);
        double wall = (System.nanoTime() - t0) / 1e9;
        long rows = corpus.totalRows();
        double cpuSeconds = 0;
        for (NabRunner.Detection d : det) {
            cpuSeconds += d.cpuSeconds();
        }
        System.out.printf(Locale.ROOT, "NAB %s: %d series, %d rows, %d threads (%d available processors)%n", memory,
                corpus.series().size(), rows, threads, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "wall %.1f s = %.0f rows/s; worker CPU %.1f s = %.0f rows/s per busy core%n",
                wall, rows / wall, cpuSeconds, rows / cpuSeconds);
        List<NabRunner.Detection> slow = new ArrayList<>(det);
        slow.sort(Comparator.comparingDouble(d -> d.series().rows() / Math.max(1e-9, d.cpuSeconds())));
        System.out.println("slowest series (rows per CPU second):");
        for (int i = 0; i < Math.min(5, slow.size()); i++) {
            NabRunner.Detection d = slow.get(i);
            System.out.printf(Locale.ROOT, "  %-58s %6d rows %7.0f rows/s%n", d.series().name(), d.series().rows(),
                    d.series().rows() / d.cpuSeconds());
        }
        NabScorer.Result r = new NabScorer(corpus.windows()).score(NabRunner.toScores(det),
                NabScorer.defaultProfiles().get(0));
        System.out.printf(Locale.ROOT, "standard score %.2f%n", r.normalized());
    }
}
