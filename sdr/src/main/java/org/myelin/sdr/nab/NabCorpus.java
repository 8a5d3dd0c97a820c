package org.myelin.sdr.nab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The NAB corpus: the series under {@code data/<category>/<name>.csv} and the anomaly windows of
 * {@code labels/combined_windows.json}.
 *
 * <p>Bad input in a data file (a missing or non-numeric value, NaN or infinity, a malformed
 * timestamp, a wrong header) fails with an {@link IllegalArgumentException} naming the file, the
 * line and the field.
 */
public final class NabCorpus {

    /** One series with its windows. */
    public static final class Series {
        private final String name;
        private final long[] timestamps;
        private final double[] values;
        private final String[] valueText;
        private final List<long[]> windows;

        Series(String name, long[] timestamps, double[] values, String[] valueText, List<long[]> windows) {
            this.name = name;
            this.timestamps = timestamps;
            this.values = values;
            this.valueText = valueText;
            this.windows = windows;
        }

        /** Relative path, e.g. {@code realKnownCause/nyc_taxi.csv}. */
        public String name() {
            return name;
        }

        public int rows() {
            return timestamps.length;
        }

        /** Epoch seconds of the rows (read-only view). */
        public long[] timestamps() {
            return timestamps;
        }

        /** Values of the rows (read-only view). */
        public double[] values() {
            return values;
        }

        /** The value as written in the file. */
        public String valueText(int row) {
            return valueText[row];
        }

        /** Anomaly windows as {start, end} epoch seconds, inclusive. */
        public List<long[]> windows() {
            return windows;
        }

        public double min() {
            double m = Double.POSITIVE_INFINITY;
            for (double v : values) {
                m = Math.min(m, v);
            }
            return m;
        }

        public double max() {
            double m = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                m = Math.max(m, v);
            }
            return m;
        }

        /** NAB's probationary period: {@code min(floor(0.15 rows), 750)}. */
        public int probationaryPeriod() {
            return (int) Math.min(Math.floor(0.15 * rows()), 0.15 * 5000);
        }

        /** 1 when the row lies inside an anomaly window (NAB's {@code label} column), else 0. */
        public int label(int row) {
            long t = timestamps[row];
            for (long[] w : windows) {
                if (t >= w[0] && t <= w[1]) {
                    return 1;
                }
            }
            return 0;
        }
    }

    private final Path root;
    private final List<Series> series;
    private final Map<String, List<long[]>> windows;

    private NabCorpus(Path root, List<Series> series, Map<String, List<long[]>> windows) {
        this.root = root;
        this.series = series;
        this.windows = windows;
    }

    public Path root() {
        return root;
    }

    /** All series, sorted by name. */
    public List<Series> series() {
        return series;
    }

    /** Windows per series name: all series of the label file, or only the loaded ones when filtered. */
    public Map<String, List<long[]>> windows() {
        return windows;
    }

    public long totalRows() {
        long n = 0;
        for (Series s : series) {
            n += s.rows();
        }
        return n;
    }

    /**
     * The NAB root to use: {@code option} if given (relative to the working directory), else the first
     * existing of {@code ../shared/data/nab}, {@code shared/data/nab} and {@code /work/shared/data/nab}.
     */
    public static Path resolveRoot(String option) {
        if (option != null && !option.isEmpty()) {
            Path p = Paths.get(option);
            if (!Files.isDirectory(p)) {
                throw new IllegalArgumentException("NAB data directory " + p.toAbsolutePath() + " does not exist");
            }
            return p;
        }
        for (String candidate : new String[] {"../shared/data/nab", "shared/data/nab", "../../shared/data/nab",
            "/work/shared/data/nab"}) {
            Path p = Paths.get(candidate);
            if (Files.isDirectory(p.resolve("data")) && Files.isRegularFile(p.resolve("labels/combined_windows.json"))) {
                return p;
            }
        }
        throw new IllegalArgumentException("NAB data not found in ../shared/data/nab, shared/data/nab or "
                + "/work/shared/data/nab; pass --data DIR");
    }

    /** Loads every series under {@code root/data} and the windows of {@code root/labels}. */
    public static NabCorpus load(Path root) throws IOException {
        return load(root, null);
    }

    /** Loads the series whose name contains {@code filter} (all if null). */
    public static NabCorpus load(Path root, String filter) throws IOException {
        Map<String, List<long[]>> windows = readWindows(root.resolve("labels/combined_windows.json"));
        Path data = root.resolve("data");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        List<Series> list = new ArrayList<>();
        for (Path f : files) {
            String name = data.relativize(f).toString().replace('\\', '/');
            if (filter != null && !name.contains(filter)) {
                continue;
            }
            if (!windows.containsKey(name)) {
                continue; // not part of the labelled corpus
            }
            list.add(readSeries(f, name, windows.get(name)));
        }
        Map<String, List<long[]>> loaded = new LinkedHashMap<>();
        for (Series s : list) {
            loaded.put(s.name(), windows.get(s.name()));
        }
        return new NabCorpus(root, Collections.unmodifiableList(list), filter == null ? windows : loaded);
    }

    /** Reads {@code combined_windows.json}: series name to windows (epoch seconds, inclusive). */
    @SuppressWarnings("unchecked")
    public static Map<String, List<long[]>> readWindows(Path file) throws IOException {
        Object json = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        Map<String, List<long[]>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) json).entrySet()) {
            List<long[]> ws = new ArrayList<>();
            for (Object w : (List<Object>) e.getValue()) {
                List<Object> pair = (List<Object>) w;
                ws.add(new long[] {NabTime.parse((String) pair.get(0)), NabTime.parse((String) pair.get(1))});
            }
            out.put(e.getKey(), ws);
        }
        return out;
    }

    /** Reads one {@code timestamp,value} file. */
    public static Series readSeries(Path file, String name, List<long[]> windows) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().startsWith("timestamp,value")) {
            throw new IllegalArgumentException(file + ":1: expected the header 'timestamp,value'");
        }
        int n = 0;
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                n++;
            }
        }
        long[] ts = new long[n];
        double[] vs = new double[n];
        String[] text = new String[n];
        int r = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int comma = line.indexOf(',');
            if (comma < 0) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": field 'value' is missing in '" + line + "'");
            }
            String t = line.substring(0, comma).trim();
            int end = line.indexOf(',', comma + 1);
            String v = (end < 0 ? line.substring(comma + 1) : line.substring(comma + 1, end)).trim();
            try {
                ts[r] = NabTime.parse(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": field 'timestamp': " + e.getMessage(), e);
            }
            if (v.isEmpty()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": field 'value' is empty");
            }
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": field 'value' = '" + v
                        + "' is not a number", e);
            }
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": field 'value' = '" + v
                        + "' is not finite");
            }
            vs[r] = d;
            text[r] = v;
            r++;
        }
        return new Series(name, ts, vs, text, windows == null ? List.of() : windows);
    }
}
