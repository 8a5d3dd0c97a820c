package org.myelin.sdr.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.myelin.sdr.StateIo;

/**
 * The anomaly likelihood of NuPIC (and htm.core's Python port), as used by the NAB detectors: how
 * improbable the recent average raw anomaly score is under a normal distribution fitted to the
 * recent history of averaged scores.
 *
 * <p>For each record ({@code value}, raw score):
 * <ol>
 *   <li>During the first {@code learningPeriod + estimationSamples} records the likelihood is 0.5.</li>
 *   <li>Afterwards, whenever no distribution exists yet or the record index is a multiple of
 *       {@code reestimationPeriod}, the distribution is re-estimated from the last
 *       {@code historicWindowSize} records: raw scores are averaged over a sliding window of
 *       {@code averagingWindow}, the first {@code skip} averages are dropped (skip shrinks as records
 *       of the learning period slide out of the window), and the mean and (population) variance of
 *       the rest are taken, floored at 0.03 and 0.0003. If the metric values themselves have variance
 *       below 1.5e-5 (a flat metric) a null distribution (mean 0.5, sd 1000) is used instead.</li>
 *   <li>The new score enters the moving average; its upper tail probability is
 *       {@code Q = 0.5 erfc((avg - mean) / sd / 1.4142)}, the probability of an average above it. An
 *       average below the mean therefore gets Q above 0.5 and a low likelihood: scores lower than
 *       usual are not anomalous. (This is the formula behind NAB's published "numenta" results: a
 *       run of zero raw scores under the floored distribution, mean 0.03 and variance 0.0003, gives
 *       their log score 0.00184671428962. NuPIC's later {@code tailProbability} folds averages
 *       below the mean onto the upper tail, which would give 0.138 there.)
 *       A Q at or below 1e-5 directly after another such Q is softened to 1e-3 (NuPIC's
 *       "red zone" filter). The likelihood is {@code 1 - Q}.</li>
 * </ol>
 * {@link #logLikelihood} maps it to the log scale NAB thresholds:
 * {@code log(1.0000000001 - L) / log(1 - 0.9999999999)}.
 *
 * <p>Allocation-free per record: the history is a ring buffer. Not thread-safe.
 * {@link #save}/{@link #load} continue bit-identically.
 */
public final class AnomalyLikelihood implements StateIo.Saveable {
    private static final double RED_THRESHOLD = 1.0 - 0.99999;
    private static final double YELLOW_THRESHOLD = 1.0 - 0.999;
    private static final double LOG_DENOMINATOR = -23.02585084720009;

    private final int learningPeriod;
    private final int estimationSamples;
    private final int probationaryPeriod;
    private final int reestimationPeriod;
    private final int historicWindowSize;
    private final int averagingWindow;

    // history ring of (value, raw score)
    private final double[] histValue;
    private final double[] histScore;
    private int histStart;
    private int histCount;
    private long iteration;

    // distribution
    private boolean hasDistribution;
    private double mean;
    private double variance;
    private double stdev;

    // moving average (ring of the last averagingWindow raw scores)
    private final double[] window;
    private int windowStart;
    private int windowCount;
    private double windowTotal;

    // last averagingWindow unfiltered tail probabilities
    private final double[] recentQ;
    private int recentStart;
    private int recentCount;

    // scratch for re-estimation
    private final double[] averages;

    /**
     * @param learningPeriod records during which the model is still learning (skipped by estimates)
     * @param estimationSamples further records before the first estimate
     * @param reestimationPeriod records between re-estimates (NuPIC: 100)
     * @param historicWindowSize records kept for estimates (NuPIC: 8640)
     * @param averagingWindow raw scores averaged (NuPIC: 10)
     */
    public AnomalyLikelihood(int learningPeriod, int estimationSamples, int reestimationPeriod,
            int historicWindowSize, int averagingWindow) {
        if (learningPeriod < 0 || estimationSamples < 0 || reestimationPeriod <= 0 || historicWindowSize <= 0
                || averagingWindow <= 0) {
            throw new IllegalArgumentException("AnomalyLikelihood needs learningPeriod >= 0 (" + learningPeriod
                    + "), estimationSamples >= 0 (" + estimationSamples + "), reestimationPeriod > 0 ("
                    + reestimationPeriod + "), historicWindowSize > 0 (" + historicWindowSize
                    + "), averagingWindow > 0 (" + averagingWindow + ")");
        }
        this.learningPeriod = learningPeriod;
        this.estimationSamples = estimationSamples;
        this.probationaryPeriod = learningPeriod + estimationSamples;
        this.reestimationPeriod = reestimationPeriod;
        this.historicWindowSize = historicWindowSize;
        this.averagingWindow = averagingWindow;
        histValue = new double[historicWindowSize];
        histScore = new double[historicWindowSize];
        window = new double[averagingWindow];
        recentQ = new double[averagingWindow];
        averages = new double[historicWindowSize];
    }

    /** NuPIC's defaults for the other parameters (re-estimate every 100, window 8640, average 10). */
    public AnomalyLikelihood(int learningPeriod, int estimationSamples) {
        this(learningPeriod, estimationSamples, 100, 8640, 10);
    }

    /**
     * The NAB setting for a series of {@code rows} records: probationary period
     * {@code p = min(floor(0.15 rows), 750)}, learning period {@code floor(p / 2)}, estimation
     * samples {@code p - floor(p / 2)}.
     */
    public static AnomalyLikelihood forNab(int rows) {
        int p = (int) Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
        return new AnomalyLikelihood(p / 2, p - p / 2);
    }

    public int probationaryPeriod() {
        return probationaryPeriod;
    }

    /** Records seen so far. */
    public long iteration() {
        return iteration;
    }

    /** Mean of the current distribution (NaN before the first estimate). */
    public double distributionMean() {
        return hasDistribution ? mean : Double.NaN;
    }

    /** Standard deviation of the current distribution (NaN before the first estimate). */
    public double distributionStdev() {
        return hasDistribution ? stdev : Double.NaN;
    }

    /**
     * The likelihood that the process producing {@code rawScore} has changed, in [0, 1]; 0.5 during
     * the probationary period. {@code value} is the metric value, used only to detect flat metrics.
     */
    public double anomalyProbability(double value, double rawScore) {
        if (!Double.isFinite(rawScore) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("AnomalyLikelihood needs finite value and score, got value=" + value
                    + " score=" + rawScore);
        }
        double likelihood;
        if (iteration < probationaryPeriod) {
            likelihood = 0.5;
        } else {
            if (!hasDistribution || iteration % reestimationPeriod == 0) {
                estimate(skipRecords());
            }
            likelihood = 1.0 - update(rawScore);
        }
        int i = (histStart + histCount) % historicWindowSize;
        if (histCount == historicWindowSize) {
            histStart = (histStart + 1) % historicWindowSize;
        } else {
            histCount++;
        }
        histValue[i] = value;
        histScore[i] = rawScore;
        iteration++;
        return likelihood;
    }

    /** NAB's log scale: {@code log(1.0000000001 - likelihood) / log(1e-10)}, in [0, ~1]. */
    public static double logLikelihood(double likelihood) {
        return Math.log(1.0000000001 - likelihood) / LOG_DENOMINATOR;
    }

    private int skipRecords() {
        long shiftedOut = Math.max(0, iteration - historicWindowSize);
        return (int) Math.min(iteration, Math.max(0, learningPeriod - shiftedOut));
    }

    /** Re-estimates the distribution and resets the moving average and recent tail probabilities. */
    private void estimate(int skip) {
        final int n = histCount;
        final int w = averagingWindow;
        // moving averages over the history, as NuPIC recomputes them from scratch
        windowStart = 0;
        windowCount = 0;
        windowTotal = 0.0;
        for (int j = 0; j < n; j++) {
            double s = histScore[(histStart + j) % historicWindowSize];
            averages[j] = pushAverage(s);
        }
        if (n <= skip) {
            nullDistribution();
        } else {
            int m = n - skip;
            double sum = 0;
            for (int j = skip; j < n; j++) {
                sum += averages[j];
            }
            double mu = sum / m;
            double ss = 0;
            for (int j = skip; j < n; j++) {
                double d = averages[j] - mu;
                ss += d * d;
            }
            double var = ss / m;
            mean = Math.max(mu, 0.03);
            variance = Math.max(var, 0.0003);
            stdev = Math.sqrt(variance);
            hasDistribution = true;
            // a flat metric: report nothing as anomalous
            double vsum = 0;
            for (int j = skip; j < n; j++) {
                vsum += histValue[(histStart + j) % historicWindowSize];
            }
            double vmu = vsum / m;
            double vss = 0;
            for (int j = skip; j < n; j++) {
                double d = histValue[(histStart + j) % historicWindowSize] - vmu;
                vss += d * d;
            }
            if (vss / m < 1.5e-5) {
                nullDistribution();
            }
        }
        recentStart = 0;
        recentCount = 0;
        for (int j = Math.max(0, n - w); j < n; j++) {
            recentQ[recentCount++] = tailProbability(averages[j]);
        }
    }

    private void nullDistribution() {
        mean = 0.5;
        variance = 1e6;
        stdev = 1e3;
        hasDistribution = true;
    }

    private double pushAverage(double s) {
        if (windowCount == averagingWindow) {
            windowTotal -= window[windowStart];
            window[windowStart] = s;
            windowStart = (windowStart + 1) % averagingWindow;
        } else {
            window[(windowStart + windowCount) % averagingWindow] = s;
            windowCount++;
        }
        windowTotal += s;
        return windowTotal / windowCount;
    }

    /** Adds one raw score; returns the filtered tail probability. */
    private double update(double rawScore) {
        double avg = pushAverage(rawScore);
        double q = tailProbability(avg);
        double filtered = q;
        if (recentCount > 0 && q <= RED_THRESHOLD) {
            double previous = recentQ[(recentStart + recentCount - 1) % averagingWindow];
            if (previous <= RED_THRESHOLD) {
                filtered = YELLOW_THRESHOLD;
            }
        }
        if (recentCount == averagingWindow) {
            recentQ[recentStart] = q;
            recentStart = (recentStart + 1) % averagingWindow;
        } else {
            recentQ[(recentStart + recentCount) % averagingWindow] = q;
            recentCount++;
        }
        return filtered;
    }

    /**
     * Upper tail probability P(X > x) of the current normal distribution, with NuPIC's 1.4142 for
     * sqrt(2). Not folded about the mean: see the class comment.
     */
    private double tailProbability(double x) {
        double z = (x - mean) / stdev;
        return 0.5 * SpecialFunctions.erfc(z / 1.4142);
    }

    // ---------------------------------------------------------------- save / restore

    @Override
    public void save(DataOutput out) throws IOException {
        StateIo.header(out, "AnomalyLikelihood", 1);
        out.writeInt(learningPeriod);
        out.writeInt(estimationSamples);
        out.writeInt(reestimationPeriod);
        out.writeInt(historicWindowSize);
        out.writeInt(averagingWindow);
        out.writeInt(histCount);
        for (int j = 0; j < histCount; j++) {
            int i = (histStart + j) % historicWindowSize;
            out.writeDouble(histValue[i]);
            out.writeDouble(histScore[i]);
        }
        out.writeLong(iteration);
        out.writeBoolean(hasDistribution);
        out.writeDouble(mean);
        out.writeDouble(variance);
        out.writeDouble(stdev);
        out.writeInt(windowCount);
        for (int j = 0; j < windowCount; j++) {
            out.writeDouble(window[(windowStart + j) % averagingWindow]);
        }
        out.writeDouble(windowTotal);
        out.writeInt(recentCount);
        for (int j = 0; j < recentCount; j++) {
            out.writeDouble(recentQ[(recentStart + j) % averagingWindow]);
        }
    }

    /** Reads a likelihood written by {@link #save}. */
    public static AnomalyLikelihood load(DataInput in) throws IOException {
        StateIo.expect(in, "AnomalyLikelihood", 1);
        AnomalyLikelihood a = new AnomalyLikelihood(in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                in.readInt());
        a.histCount = in.readInt();
        for (int j = 0; j < a.histCount; j++) {
            a.histValue[j] = in.readDouble();
            a.histScore[j] = in.readDouble();
        }
        a.iteration = in.readLong();
        a.hasDistribution = in.readBoolean();
        a.mean = in.readDouble();
        a.variance = in.readDouble();
        a.stdev = in.readDouble();
        a.windowCount = in.readInt();
        for (int j = 0; j < a.windowCount; j++) {
            a.window[j] = in.readDouble();
        }
        a.windowTotal = in.readDouble();
        a.recentCount = in.readInt();
        for (int j = 0; j < a.recentCount; j++) {
            a.recentQ[j] = in.readDouble();
        }
        return a;
    }
}
