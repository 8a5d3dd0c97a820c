package org.myelin.sdr.nab;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NAB result files: {@code <out>/<detector>/<category>/<detector>_<name>.csv} with the columns
 * {@code timestamp,value,anomaly_score,raw_score,label}. Files are written to a temporary name and
 * moved into place, so an interrupted run never leaves a half-written file that looks complete.
 */
public final class NabResults {
    private NabResults() {
    }

    /** Path of the result file of {@code series} (e.g. {@code realKnownCause/nyc_taxi.csv}). */
    public static Path resultPath(Path out, String detector, String series) {
        int slash = series.lastIndexOf('/');
        String category = series.substring(0, slash);
        String file = series.substring(slash + 1);
        return out.resolve(detector).resolve(category).resolve(detector + "_" + file);
    }

    /** Writes one result file. */
    public static void write(Path out, String detector, NabCorpus.Series s, double[] scores, double[] raw)
            throws IOException {
        Path target = resultPath(out, detector, s.name());
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        long[] ts = s.timestamps();
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("timestamp,value,anomaly_score,raw_score,label\n");
            for (int i = 0; i < ts.length; i++) {
                w.write(NabTime.format(ts[i]));
                w.write(',');
                w.write(s.valueText(i));
                w.write(',');
                w.write(Double.toString(scores[i]));
                w.write(',');
                w.write(raw == null || Double.isNaN(raw[i]) ? "" : Double.toString(raw[i]));
                w.write(',');
                w.write(Integer.toString(s.label(i)));
                w.write('\n');
            }
        }
        moveIntoPlace(tmp, target);
    }

    /** Moves {@code tmp} over {@code target}, atomically where the file system allows. */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes text to a file through a temporary file. */
    public static void writeText(Path target, String text) throws IOException {
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        moveIntoPlace(tmp, target);
    }

    /** Reads the {@code anomaly_score} column of every series' result file under {@code out/detector}. */
    public static List<NabScorer.SeriesScores> read(Path out, String detector, NabCorpus corpus) throws IOException {
        List<NabScorer.SeriesScores> list = new ArrayList<>();
        for (NabCorpus.Series s : corpus.series()) {
            Path f = resultPath(out, detector, s.name());
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("missing result file " + f);
            }
            list.add(parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8), s));
        }
        return list;
    }

    /**
     * Reads a NAB results archive such as {@code reference_results/numenta.tar.gz} (entries
     * {@code results/<detector>/<category>/<detector>_<name>.csv}) for the series of {@code corpus}.
     */
    public static List<NabScorer.SeriesScores> readArchive(Path archive, NabCorpus corpus) throws IOException {
        Map<String, String> files = TarGz.readTextFiles(archive);
        List<NabScorer.SeriesScores> list = new ArrayList<>();
        for (NabCorpus.Series s : corpus.series()) {
            int slash = s.name().lastIndexOf('/');
            String suffix = "/" + s.name().substring(0, slash) + "/";
            String base = "_" + s.name().substring(slash + 1);
            String found = null;
            for (String k : files.keySet()) {
                if (k.contains(suffix) && k.endsWith(base) && k.substring(k.lastIndexOf('/') + 1).indexOf('_') > 0) {
                    String fileName = k.substring(k.lastIndexOf('/') + 1);
                    String detectorPrefix = k.substring(0, k.lastIndexOf(suffix));
                    String detector = detectorPrefix.substring(detectorPrefix.lastIndexOf('/') + 1);
                    if (fileName.equals(detector + base)) {
                        found = k;
                        break;
                    }
                }
            }
            if (found == null) {
                throw new IllegalArgumentException(archive + " has no result for " + s.name());
            }
            list.add(parse(archive + "!" + found, files.get(found), s));
        }
        return list;
    }

    private static NabScorer.SeriesScores parse(String where, String text, NabCorpus.Series s) {
        String[] lines = text.split("\r?\n");
        String[] header = lines[0].split(",");
        int col = -1;
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().equals("anomaly_score")) {
                col = i;
            }
        }
        if (col < 0) {
            throw new IllegalArgumentException(where + ":1: no anomaly_score column");
        }
        double[] scores = new double[s.rows()];
        int r = 0;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            if (r >= scores.length) {
                throw new IllegalArgumentException(where + ": more rows than the series " + s.name() + " ("
                        + s.rows() + ")");
            }
            String[] f = lines[i].split(",", -1);
            long t = NabTime.parse(f[0]);
            if (t != s.timestamps()[r]) {
                throw new IllegalArgumentException(where + ":" + (i + 1) + ": timestamp " + f[0]
                        + " does not match the series row " + NabTime.format(s.timestamps()[r]));
            }
            try {
                scores[r++] = Double.parseDouble(f[col]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ":" + (i + 1) + ": field 'anomaly_score' = '" + f[col]
                        + "' is not a number", e);
            }
        }
        if (r != scores.length) {
            throw new IllegalArgumentException(where + ": " + r + " rows, the series has " + scores.length);
        }
        return new NabScorer.SeriesScores(s.name(), s.timestamps(), scores);
    }
}
