package org.myelin.sdr.nab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NAB's scoring, exactly as {@code nab/sweeper.py}, {@code nab/optimizer.py},
 * {@code nab/scorer.py} and {@code runner.normalize} compute it.
 *
 * <p>Per series: the first {@code min(floor(0.15 n), 750)} rows are probationary and not scored.
 * Each row gets a weight from the scaled sigmoid {@code s(x) = 2 / (1 + exp(5x)) - 1} ({@code -1}
 * for {@code x >= 3}) of its position: inside a window of width {@code W} whose right edge is row
 * {@code R}, {@code x = -(R - i + 1) / W} and the weight is {@code s(x) tp / s(-1)}; after a
 * window, {@code x = |R - i| / (W - 1)} and the weight is {@code s(x) fp}; before any window the
 * weight is {@code -fp}. At threshold {@code t} a row detects when its score {@code >= t}; each
 * window counts once, as its largest detecting weight or {@code -fn}; detecting rows outside windows
 * add their weights.
 *
 * <p>Over the corpus, the threshold is swept over every distinct score from 1.1 down; the first
 * threshold with the largest summed score wins (ties go to the higher threshold, as NAB's stable
 * sort does). Sums are formed in NAB's order (false positives first, then windows in order of first
 * appearance), so equal scores compare equal. The normalised score is
 * {@code 100 (raw - null) / (perfect - null)} with {@code null = -fn} per scorable window and
 * {@code perfect = tp} per labelled window.
 */
public final class NabScorer {

    /** A cost matrix. */
    public record Profile(String name, double tpWeight, double fpWeight, double fnWeight) {
    }

    /** The three NAB profiles (as in {@code config/profiles.json}). */
    public static List<Profile> defaultProfiles() {
        return List.of(new Profile("standard", 1.0, 0.11, 1.0), new Profile("reward_low_FP_rate", 1.0, 0.22, 1.0),
                new Profile("reward_low_FN_rate", 1.0, 0.11, 2.0));
    }

    /** Reads {@code config/profiles.json}. */
    @SuppressWarnings("unchecked")
    public static List<Profile> readProfiles(Path file) throws IOException {
        Map<String, Object> json = (Map<String, Object>) Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        List<Profile> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : json.entrySet()) {
            Map<String, Object> cm = (Map<String, Object>) ((Map<String, Object>) e.getValue()).get("CostMatrix");
            out.add(new Profile(e.getKey(), (Double) cm.get("tpWeight"), (Double) cm.get("fpWeight"),
                    (Double) cm.get("fnWeight")));
        }
        return out;
    }

    /** A detector's scores on one series (rows in file order). */
    public record SeriesScores(String name, long[] timestamps, double[] scores) {
        public SeriesScores {
            if (timestamps.length != scores.length) {
                throw new IllegalArgumentException(name + ": " + timestamps.length + " timestamps but "
                        + scores.length + " scores");
            }
        }
    }

    /** One series' score at the chosen threshold, with NAB's row counts. */
    public record FileScore(String name, double score, int tp, int tn, int fp, int fn, int total) {
    }

    /**
     * A corpus score for one profile: the threshold used, the best pooled score the sweep found, the
     * summed per-series score at the threshold (NAB's reported raw score), the null and perfect raw
     * scores, the normalised score and the per-series details.
     */
    public record Result(Profile profile, double threshold, double optimizedScore, double rawScore, double nullScore,
            double perfectScore, double normalized, List<FileScore> files) {
    }

    private static final double MAX_TP = scaledSigmoid(-1.0);

    private final Map<String, List<long[]>> windows;
    private final int labelledWindows;

    /** @param windows all labelled windows (every series of the label file counts for the perfect score) */
    public NabScorer(Map<String, List<long[]>> windows) {
        this.windows = windows;
        int n = 0;
        for (List<long[]> w : windows.values()) {
            n += w.size();
        }
        this.labelledWindows = n;
    }

    /** NAB's scaled sigmoid. */
    public static double scaledSigmoid(double x) {
        if (x >= 3.0) {
            return -1.0;
        }
        return 2.0 * (1.0 / (1.0 + Math.exp(5.0 * x))) - 1.0;
    }

    /** NAB's probationary length (a float in NAB; compared as {@code i >= length}). */
    static double probationaryLength(int rows) {
        return Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
    }

    /** Row weights and window membership of one series: NAB's {@code calcSweepScore}. */
    static final class Sweep {
        final double[] weight;
        /** Window index within the series, -1 outside windows, -2 probationary. */
        final int[] window;
        final int numWindows;

        Sweep(String name, long[] ts, List<long[]> windowList, Profile p) {
            int n = ts.length;
            weight = new double[n];
            window = new int[n];
            double probation = probationaryLength(n);
            int next = 0;
            int cur = -1;
            int curRight = -1;
            double curWidth = 0;
            int prevRight = -1;
            double prevWidth = 0;
            long curEnd = 0;
            for (int i = 0; i < n; i++) {
                long t = ts[i];
                if (next < windowList.size() && t == windowList.get(next)[0]) {
                    long[] w = windowList.get(next);
                    cur = next++;
                    curEnd = w[1];
                    curRight = indexOf(ts, w[1], name);
                    int left = indexOf(ts, w[0], name);
                    curWidth = curRight - left + 1;
                }
                double wgt;
                if (cur >= 0) {
                    double position = -(curRight - i + 1) / curWidth;
                    wgt = scaledSigmoid(position) * p.tpWeight() / MAX_TP;
                } else {
                    double position = prevRight < 0 ? 3.0 : Math.abs(prevRight - i) / (prevWidth - 1);
                    wgt = scaledSigmoid(position) * p.fpWeight();
                }
                weight[i] = wgt;
                window[i] = i >= probation ? cur : -2;
                if (cur >= 0 && t == curEnd) {
                    prevRight = i;
                    prevWidth = curWidth;
                    cur = -1;
                }
            }
            numWindows = windowList.size();
        }

        private static int indexOf(long[] ts, long t, String name) {
            for (int i = 0; i < ts.length; i++) {
                if (ts[i] == t) {
                    return i;
                }
            }
            throw new IllegalArgumentException(name + ": window edge " + NabTime.format(t)
                    + " is not a timestamp of the series");
        }
    }

    /** Indices of the scorable rows sorted by score descending, stable (NAB's sorted(..., reverse=True)). */
    private static int[] sortedScorable(double[] scores, int[] window, int[] globalIndex) {
        int n = 0;
        for (int w : window) {
            if (w != -2) {
                n++;
            }
        }
        int[] idx = new int[n];
        int k = 0;
        for (int i = 0; i < window.length; i++) {
            if (window[i] != -2) {
                idx[k++] = globalIndex == null ? i : globalIndex[i];
            }
        }
        stableSortDescending(idx, scores);
        return idx;
    }

    /** Stable merge sort of indices by {@code key[index]} descending. */
    static void stableSortDescending(int[] idx, double[] key) {
        int[] tmp = new int[idx.length];
        for (int width = 1; width < idx.length; width *= 2) {
            for (int lo = 0; lo < idx.length - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, idx.length);
                int i = lo;
                int j = mid;
                int o = lo;
                while (i < mid && j < hi) {
                    if (key[idx[j]] > key[idx[i]]) {
                        tmp[o++] = idx[j++];
                    } else {
                        tmp[o++] = idx[i++];
                    }
                }
                while (i < mid) {
                    tmp[o++] = idx[i++];
                }
                while (j < hi) {
                    tmp[o++] = idx[j++];
                }
                System.arraycopy(tmp, lo, idx, lo, hi - lo);
            }
        }
    }

    /** Scores a detector's output on the corpus for one profile: optimise the threshold, then score. */
    public Result score(List<SeriesScores> detections, Profile p) {
        return score(detections, p, Double.NaN);
    }

    /**
     * Scores at a fixed threshold (as NAB's scorer does with {@code config/thresholds.json}); a NaN
     * threshold means "optimise it".
     */
    public Result score(List<SeriesScores> detections, Profile p, double fixedThreshold) {
        // pool all rows, as optimizer.optimizeThreshold does
        int total = 0;
        for (SeriesScores s : detections) {
            total += s.scores().length;
        }
        double[] score = new double[total];
        double[] weight = new double[total];
        int[] window = new int[total];
        Sweep[] sweeps = new Sweep[detections.size()];
        int[] windowBase = new int[detections.size()];
        int off = 0;
        int wb = 0;
        int scorableWindows = 0;
        for (int f = 0; f < detections.size(); f++) {
            SeriesScores s = detections.get(f);
            List<long[]> wl = windows.get(s.name());
            if (wl == null) {
                throw new IllegalArgumentException("no windows labelled for series " + s.name());
            }
            Sweep sw = new Sweep(s.name(), s.timestamps(), wl, p);
            sweeps[f] = sw;
            windowBase[f] = wb;
            boolean[] seen = new boolean[sw.numWindows];
            for (int i = 0; i < s.scores().length; i++) {
                score[off + i] = s.scores()[i];
                weight[off + i] = sw.weight[i];
                int w = sw.window[i];
                window[off + i] = w >= 0 ? wb + w : w;
                if (w >= 0 && !seen[w]) {
                    seen[w] = true;
                    scorableWindows++;
                }
            }
            off += s.scores().length;
            wb += sw.numWindows;
        }
        int[] order = sortedScorable(score, window, null);
        double[] best = sweepThresholds(order, score, weight, window, wb, p);
        double threshold = Double.isNaN(fixedThreshold) ? best[0] : fixedThreshold;
        double optimized = best[1];

        // score each series at that threshold, as scorer.scoreDataSet does, and sum
        List<FileScore> files = new ArrayList<>();
        double raw = 0;
        off = 0;
        for (int f = 0; f < detections.size(); f++) {
            SeriesScores s = detections.get(f);
            int n = s.scores().length;
            Sweep sw = sweeps[f];
            int[] fileOrder = sortedScorable(s.scores(), sw.window, null);
            FileScore fs = scoreAt(s.name(), fileOrder, s.scores(), sw.weight, sw.window, sw.numWindows, threshold, p);
            files.add(fs);
            raw += fs.score();
            off += n;
        }
        double nullScore = -p.fnWeight() * scorableWindows;
        double perfect = p.tpWeight() * labelledWindows;
        double normalized = 100.0 * (raw - nullScore) / (perfect - nullScore);
        return new Result(p, threshold, optimized, raw, nullScore, perfect, normalized, files);
    }

    /** NAB's calcScoreByThreshold over pooled rows; returns {best threshold, best score}. */
    private static double[] sweepThresholds(int[] order, double[] score, double[] weight, int[] window,
            int numWindows, Profile p) {
        double[] windowMax = new double[numWindows];
        int[] firstOrder = new int[numWindows];
        boolean[] present = new boolean[numWindows];
        int nPresent = 0;
        for (int i : order) {
            int w = window[i];
            if (w >= 0 && !present[w]) {
                present[w] = true;
                firstOrder[nPresent++] = w;
                windowMax[w] = -p.fnWeight();
            }
        }
        double fp = 0;
        double cur = 1.1;
        double bestThreshold = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k <= order.length; k++) {
            boolean last = k == order.length;
            if (last || score[order[k]] != cur) {
                double s = 0.0;
                s += fp;
                for (int j = 0; j < nPresent; j++) {
                    s += windowMax[firstOrder[j]];
                }
                if (s > bestScore) {
                    bestScore = s;
                    bestThreshold = cur;
                }
                if (last) {
                    break;
                }
                cur = score[order[k]];
            }
            int i = order[k];
            int w = window[i];
            if (w < 0) {
                fp += weight[i];
            } else {
                windowMax[w] = Math.max(windowMax[w], weight[i]);
            }
        }
        return new double[] {bestThreshold, bestScore};
    }

    private static FileScore scoreAt(String name, int[] order, double[] score, double[] weight, int[] window,
            int numWindows, double threshold, Profile p) {
        double[] windowMax = new double[numWindows];
        int[] firstOrder = new int[numWindows];
        boolean[] present = new boolean[numWindows];
        int nPresent = 0;
        int inWindows = 0;
        for (int i : order) {
            int w = window[i];
            if (w >= 0) {
                inWindows++;
                if (!present[w]) {
                    present[w] = true;
                    firstOrder[nPresent++] = w;
                    windowMax[w] = -p.fnWeight();
                }
            }
        }
        int tn = order.length - inWindows;
        int fn = inWindows;
        int tp = 0;
        int fpCount = 0;
        double fp = 0;
        for (int i : order) {
            if (score[i] < threshold) {
                break;
            }
            int w = window[i];
            if (w < 0) {
                fp += weight[i];
                fpCount++;
                tn--;
            } else {
                windowMax[w] = Math.max(windowMax[w], weight[i]);
                tp++;
                fn--;
            }
        }
        double s = 0.0;
        s += fp;
        for (int j = 0; j < nPresent; j++) {
            s += windowMax[firstOrder[j]];
        }
        return new FileScore(name, s, tp, tn, fpCount, fn, order.length);
    }

    /** Number of labelled windows (the perfect score is tp weight times this). */
    public int labelledWindows() {
        return labelledWindows;
    }
}
