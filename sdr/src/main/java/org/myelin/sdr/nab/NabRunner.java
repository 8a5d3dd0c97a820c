package org.myelin.sdr.nab;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.myelin.sdr.anomaly.AnomalyDetector;
import org.myelin.sdr.anomaly.HtmAnomalyDetector;

/**
 * Runs a detector over every series of a corpus, one fresh detector per series, series in parallel
 * on a fixed pool of threads (longest series first). Each series is processed by one thread, so
 * results do not depend on the number of threads.
 */
public final class NabRunner {
    private NabRunner() {
    }

    /** A detector's output on one series, with the wall and CPU seconds it took. */
    public record Detection(NabCorpus.Series series, double[] scores, double[] raw, double seconds,
            double cpuSeconds) {
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** The NAB "numenta"-configured HTM detector for a series (its value range and probationary period). */
    public static HtmAnomalyDetector numentaDetector(NabCorpus.Series s, HtmAnomalyDetector.Memory memory) {
        return numentaDetector(s, memory, 0);
    }

    /** As {@link #numentaDetector(NabCorpus.Series, HtmAnomalyDetector.Memory)} with every seed shifted by {@code seedOffset}. */
    public static HtmAnomalyDetector numentaDetector(NabCorpus.Series s, HtmAnomalyDetector.Memory memory,
            long seedOffset) {
        return new HtmAnomalyDetector(new HtmAnomalyDetector.Context()
                .memory(memory)
                .inputRange(s.min(), s.max())
                .probationaryPeriod(s.probationaryPeriod())
                .seeds(1956 + seedOffset, 1960 + seedOffset)
                .valueSeed(42 + seedOffset)
                .conclude());
    }

    /**
     * Runs {@code factory}'s detectors over all series with {@code threads} threads, printing a
     * progress line per finished series to {@code progress} (may be null). Results are in corpus order.
     */
    public static List<Detection> run(NabCorpus corpus, Function<NabCorpus.Series, AnomalyDetector> factory,
            int threads, PrintStream progress) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        List<NabCorpus.Series> order = new ArrayList<>(corpus.series());
        order.sort(Comparator.comparingInt(NabCorpus.Series::rows).reversed());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "nab-worker");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        try {
            List<Future<Detection>> futures = new ArrayList<>();
            for (NabCorpus.Series s : order) {
                futures.add(pool.submit(() -> {
                    Detection d = detect(s, factory.apply(s));
                    if (progress != null) {
                        int k = done.incrementAndGet();
                        double elapsed = (System.nanoTime() - start) / 1e9;
                        synchronized (progress) {
                            progress.printf("[%2d/%d] %-58s %6d rows %6.1f s %7.0f rows/s  (elapsed %.0f s)%n", k,
                                    order.size(), s.name(), s.rows(), d.seconds(), s.rows() / d.seconds(), elapsed);
                            progress.flush();
                        }
                    }
                    return d;
                }));
            }
            List<Detection> byName = new ArrayList<>();
            for (NabCorpus.Series s : corpus.series()) {
                byName.add(futures.get(order.indexOf(s)).get());
            }
            return byName;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("NAB run interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs one detector over one series. */
    public static Detection detect(NabCorpus.Series s, AnomalyDetector detector) {
        long c0 = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
        long t0 = System.nanoTime();
        int n = s.rows();
        double[] scores = new double[n];
        double[] raw = new double[n];
        long[] ts = s.timestamps();
        double[] vs = s.values();
        HtmAnomalyDetector htm = detector instanceof HtmAnomalyDetector h ? h : null;
        for (int i = 0; i < n; i++) {
            try {
                scores[i] = detector.feed(ts[i], vs[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(s.name() + " row " + (i + 2) + ": " + e.getMessage(), e);
            }
            raw[i] = htm != null ? htm.lastRawScore() : Double.NaN;
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = THREADS.isCurrentThreadCpuTimeSupported() ? (THREADS.getCurrentThreadCpuTime() - c0) / 1e9 : wall;
        return new Detection(s, scores, raw, wall, cpu);
    }

    /** The detections as scorer input. */
    public static List<NabScorer.SeriesScores> toScores(List<Detection> detections) {
        List<NabScorer.SeriesScores> out = new ArrayList<>();
        for (Detection d : detections) {
            out.add(new NabScorer.SeriesScores(d.series().name(), d.series().timestamps(), d.scores()));
        }
        return out;
    }
}
