package org.myelin.bench.htmjava;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.myelin.sdr.anomaly.HtmAnomalyDetector;
import org.myelin.sdr.nab.NabCorpus;
import org.numenta.nupic.Parameters;
import org.numenta.nupic.Parameters.KEY;
import org.numenta.nupic.algorithms.Anomaly;
import org.numenta.nupic.algorithms.AnomalyLikelihood;
import org.numenta.nupic.algorithms.SpatialPooler;
import org.numenta.nupic.algorithms.TemporalMemory;
import org.numenta.nupic.encoders.DateEncoder;
import org.numenta.nupic.encoders.RandomDistributedScalarEncoder;
import org.numenta.nupic.model.Cell;
import org.numenta.nupic.model.ComputeCycle;
import org.numenta.nupic.model.Connections;
import org.numenta.nupic.util.MersenneTwister;

/**
 * Throughput of Myelin's NAB HTM detector against htm.java 0.6.13 doing the same work on the same
 * rows, in the same JVM and run, one series at a time on one thread (so both get the same core).
 *
 * <p>Per record, both sides: NuPIC's incremental RDSE (n 400, w 21, seed 42, NAB's per-file
 * resolution {@code max(0.001, (range x 1.4) / 130)}) + time of day (w 21, radius 9.49 h) -> spatial
 * pooler (2048 columns, 40 active, global inhibition, potentialRadius = input width, potentialPct
 * 0.8, synPermActiveInc 0.003, synPermInactiveDec 0.0005, synPermConnected 0.2, no boosting, learning
 * on) -> temporal memory (2048 x 32; NuPIC's "tm_cpp" parameters of NAB's numentaTM detector:
 * activationThreshold 20, minThreshold 13, maxNewSynapseCount 31, initialPermanence 0.24,
 * connectedPermanence 0.5, permanenceIncrement 0.04, permanenceDecrement 0.008,
 * predictedSegmentDecrement 0.001, maxSegmentsPerCell 128, maxSynapsesPerSegment 128, learning on)
 * -> raw anomaly from the previous step's predicted columns -> anomaly likelihood (learning period
 * and estimation samples = half the probationary period each, moving average 10) and its log
 * transform, plus NAB's spatial-anomaly rule. htm.java has no backtracking temporal memory, so the
 * comparison uses Myelin's htm.core-style {@link org.myelin.sdr.algorithms.TemporalMemory}
 * ({@code HtmAnomalyDetector.numentaTM()}); Myelin's default NAB detector (backtracking TM) is timed
 * on the same rows too, for reference.
 *
 * <p>Differences that cannot be removed: htm.java 0.6.13's spatial pooler boosts with NuPIC's old
 * {@code maxBoost} (set to 1.0 = off, as boostStrength 0 is on our side); its random generators
 * differ from ours, so the learned states differ in detail; its likelihood uses its own
 * re-estimation schedule.
 *
 * <pre>
 * java -cp bench/htmjava/target/classes:$(cat cp.txt) org.myelin.bench.htmjava.HtmJavaComparison \
 *     [rowsPerSeries=2000] [series=6] [dataDir]
 * </pre>
 * The series are the corpus's first {@code series} files in name order, spread over its categories
 * by taking every k-th file; each is cut to its first {@code rowsPerSeries} rows.
 */
public final class HtmJavaComparison {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private HtmJavaComparison() {
    }

    public static void main(String[] args) throws Exception {
        int rowsPerSeries = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int numSeries = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        NabCorpus corpus = NabCorpus.load(NabCorpus.resolveRoot(args.length > 2 ? args[2] : null));
        List<NabCorpus.Series> all = corpus.series();
        List<NabCorpus.Series> chosen = new ArrayList<>();
        int step = Math.max(1, all.size() / numSeries);
        for (int i = 0; i < all.size() && chosen.size() < numSeries; i += step) {
            chosen.add(all.get(i));
        }
        System.out.printf(Locale.ROOT, "Myelin vs htm.java 0.6.13: %d series, first %d rows each, one thread%n",
                chosen.size(), rowsPerSeries);
        System.out.println("series                                                       rows  myelinTM  myelinBT"
                + "  htm.java   (CPU rows/s)");
        long totalRows = 0;
        double cpuTm = 0;
        double cpuBt = 0;
        double cpuHj = 0;
        double checkTm = 0;
        double checkHj = 0;
        for (NabCorpus.Series s : chosen) {
            int n = Math.min(rowsPerSeries, s.rows());
            double[] tm = runMyelin(s, n, HtmAnomalyDetector.Memory.TEMPORAL_MEMORY);
            double[] bt = runMyelin(s, n, HtmAnomalyDetector.Memory.BACKTRACKING);
            double[] hj = runHtmJava(s, n);
            totalRows += n;
            cpuTm += tm[0];
            cpuBt += bt[0];
            cpuHj += hj[0];
            checkTm += tm[1];
            checkHj += hj[1];
            System.out.printf(Locale.ROOT, "%-58s %7d %9.0f %9.0f %9.0f%n", s.name(), n, n / tm[0], n / bt[0],
                    n / hj[0]);
        }
        System.out.printf(Locale.ROOT, "total %d rows: Myelin (TM) %.0f rows/s, Myelin (backtracking) %.0f rows/s,"
                + " htm.java %.0f rows/s (per CPU second of the detector thread)%n", totalRows, totalRows / cpuTm,
                totalRows / cpuBt, totalRows / cpuHj);
        System.out.printf(Locale.ROOT, "ratio Myelin(TM) / htm.java = %.1fx (issue target >= 5x); "
                + "Myelin(backtracking) / htm.java = %.1fx%n", cpuHj / cpuTm, cpuHj / cpuBt);
        System.out.printf(Locale.ROOT, "mean raw anomaly (work check): Myelin(TM) %.3f, htm.java %.3f%n",
                checkTm / totalRows, checkHj / totalRows);
    }

    private static double cpuSeconds() {
        return THREADS.getCurrentThreadCpuTime() / 1e9;
    }

    /** Returns {CPU seconds, sum of raw anomaly scores}. */
    static double[] runMyelin(NabCorpus.Series s, int n, HtmAnomalyDetector.Memory memory) {
        double t0 = cpuSeconds();
        HtmAnomalyDetector d = new HtmAnomalyDetector(new HtmAnomalyDetector.Context().memory(memory)
                .inputRange(s.min(), s.max()).probationaryPeriod(s.probationaryPeriod()).conclude());
        long[] ts = s.timestamps();
        double[] vs = s.values();
        double raw = 0;
        double sink = 0;
        for (int i = 0; i < n; i++) {
            sink += d.feed(ts[i], vs[i]);
            raw += d.lastRawScore();
        }
        double t = cpuSeconds() - t0;
        if (Double.isNaN(sink)) {
            throw new AssertionError();
        }
        return new double[] {t, raw};
    }

    /** The same pipeline built from htm.java parts; returns {CPU seconds, sum of raw anomaly scores}. */
    static double[] runHtmJava(NabCorpus.Series s, int n) {
        double t0 = cpuSeconds();
        double resolution = new HtmAnomalyDetector.Context().inputRange(s.min(), s.max()).effectiveResolution();
        RandomDistributedScalarEncoder value = RandomDistributedScalarEncoder.builder().name("value").n(400).w(21)
                .resolution(resolution).setSeed(42).build();
        DateEncoder date = DateEncoder.builder().name("timestamp").timeOfDay(21, 9.49).build();
        int vw = value.getWidth();
        int width = vw + date.getWidth();

        Parameters p = Parameters.getAllDefaultParameters();
        p.set(KEY.INPUT_DIMENSIONS, new int[] {width});
        p.set(KEY.COLUMN_DIMENSIONS, new int[] {2048});
        p.set(KEY.CELLS_PER_COLUMN, 32);
        p.set(KEY.POTENTIAL_RADIUS, width);
        p.set(KEY.POTENTIAL_PCT, 0.8);
        p.set(KEY.GLOBAL_INHIBITION, true);
        p.set(KEY.LOCAL_AREA_DENSITY, -1.0);
        p.set(KEY.NUM_ACTIVE_COLUMNS_PER_INH_AREA, 40.0);
        p.set(KEY.STIMULUS_THRESHOLD, 0.0);
        p.set(KEY.SYN_PERM_INACTIVE_DEC, 0.0005);
        p.set(KEY.SYN_PERM_ACTIVE_INC, 0.003);
        p.set(KEY.SYN_PERM_CONNECTED, 0.2);
        p.set(KEY.MIN_PCT_OVERLAP_DUTY_CYCLES, 0.001);
        p.set(KEY.MIN_PCT_ACTIVE_DUTY_CYCLES, 0.001);
        p.set(KEY.DUTY_CYCLE_PERIOD, 1000);
        p.set(KEY.MAX_BOOST, 1.0);
        p.set(KEY.SEED, 1960);
        p.set(KEY.RANDOM, new MersenneTwister(1956));
        p.set(KEY.ACTIVATION_THRESHOLD, 20);
        p.set(KEY.MIN_THRESHOLD, 13);
        p.set(KEY.MAX_NEW_SYNAPSE_COUNT, 31);
        p.set(KEY.INITIAL_PERMANENCE, 0.24);
        p.set(KEY.CONNECTED_PERMANENCE, 0.5);
        p.set(KEY.PERMANENCE_INCREMENT, 0.04);
        p.set(KEY.PERMANENCE_DECREMENT, 0.008);
        p.set(KEY.PREDICTED_SEGMENT_DECREMENT, 0.001);
        p.set(KEY.MAX_SEGMENTS_PER_CELL, 128);
        p.set(KEY.MAX_SYNAPSES_PER_SEGMENT, 128);
        Connections conn = new Connections();
        p.apply(conn);
        SpatialPooler sp = new SpatialPooler();
        sp.init(conn);
        TemporalMemory tm = new TemporalMemory();
        TemporalMemory.init(conn);
        int learning = s.probationaryPeriod() / 2;
        AnomalyLikelihood likelihood = new AnomalyLikelihood(true, 10, false, learning,
                s.probationaryPeriod() - learning);

        long[] ts = s.timestamps();
        double[] vs = s.values();
        int[] input = new int[width];
        int[] activeDense = new int[2048];
        int[] prevPredictedColumns = new int[0];
        double minSeen = Double.NaN;
        double maxSeen = Double.NaN;
        double raw = 0;
        double sink = 0;
        for (int i = 0; i < n; i++) {
            double v = vs[i];
            int[] enc = value.encode(v);
            System.arraycopy(enc, 0, input, 0, vw);
            DateTime time = new DateTime(ts[i] * 1000L, DateTimeZone.UTC);
            int[] de = date.encode(time);
            System.arraycopy(de, 0, input, vw, de.length);
            java.util.Arrays.fill(activeDense, 0);
            sp.compute(conn, input, activeDense, true);
            int count = 0;
            for (int c = 0; c < 2048; c++) {
                count += activeDense[c];
            }
            int[] active = new int[count];
            for (int c = 0, k = 0; c < 2048; c++) {
                if (activeDense[c] != 0) {
                    active[k++] = c;
                }
            }
            ComputeCycle cc = tm.compute(conn, active, true);
            double score = Anomaly.computeRawAnomalyScore(active, prevPredictedColumns);
            prevPredictedColumns = columnsOf(cc.predictiveCells());
            boolean spatial = false;
            if (i > 0 && minSeen != maxSeen) {
                double tol = (maxSeen - minSeen) * 0.05;
                spatial = v > maxSeen + tol || v < minSeen - tol;
            }
            if (i == 0 || v > maxSeen) {
                maxSeen = v;
            }
            if (i == 0 || v < minSeen) {
                minSeen = v;
            }
            double prob = likelihood.anomalyProbability(v, score, time);
            double log = AnomalyLikelihood.computeLogLikelihood(prob);
            sink += spatial ? 1.0 : log;
            raw += score;
        }
        double t = cpuSeconds() - t0;
        if (Double.isNaN(sink)) {
            throw new AssertionError();
        }
        return new double[] {t, raw};
    }

    private static int[] columnsOf(Set<Cell> cells) {
        boolean[] seen = new boolean[2048];
        int k = 0;
        for (Cell c : cells) {
            int col = c.getColumn().getIndex();
            if (!seen[col]) {
                seen[col] = true;
                k++;
            }
        }
        int[] out = new int[k];
        for (int c = 0, j = 0; c < 2048; c++) {
            if (seen[c]) {
                out[j++] = c;
            }
        }
        return out;
    }
}
