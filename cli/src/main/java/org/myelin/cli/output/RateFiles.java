package org.myelin.cli.output;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads {@code rates.csv}: header {@code time_ms,<population>...}, one row per bin,
 * {@code time_ms} the bin's left edge (printed with {@link TimeFormat} for the bin), rates in Hz in
 * Java's round-trip form.
 */
public final class RateFiles {
    public static final String FILE = "rates.csv";

    private RateFiles() {
    }

    public static Path write(RunOutputs out, RateData r) throws IOException {
        return out.write(FILE, os -> write(os, r));
    }

    static void write(OutputStream os, RateData r) throws IOException {
        TimeFormat f = TimeFormat.forStep(r.binMs());
        Writer w = Csv.writer(os);
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("time_ms");
        for (String p : r.populations()) {
            sb.append(',');
            Csv.appendField(sb, p);
        }
        sb.append('\n');
        double[][] hz = r.hz();
        for (int b = 0; b < r.bins(); b++) {
            f.append(sb, r.timeMs(b));
            for (double[] h : hz) sb.append(',').append(h[b]);
            sb.append('\n');
            Csv.spill(w, sb, false);
        }
        Csv.spill(w, sb, true);
    }

    /**
     * Reads {@code rates.csv}. The bin is the difference of the first two times (NaN with fewer than two rows).
     */
    public static RateData read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            if (line == null) throw Csv.error(file, 1, "empty file; expected header time_ms,<population>...");
            List<String> head = Csv.split(line, file, 1);
            if (head.isEmpty() || !head.get(0).equals("time_ms")) {
                throw Csv.error(file, 1, "header is '" + line + "', expected time_ms,<population>...");
            }
            int np = head.size() - 1;
            List<Csv.Doubles> cols = new ArrayList<>();
            for (int p = 0; p < np; p++) cols.add(new Csv.Doubles());
            Csv.Doubles times = new Csv.Doubles();
            long no = 1;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isEmpty()) continue;
                String[] f = line.split(",", -1);
                if (f.length != np + 1) throw Csv.error(file, no, f.length + " fields, expected " + (np + 1));
                times.add(Csv.parseDouble(f[0], file, no, "time_ms"));
                for (int p = 0; p < np; p++) cols.get(p).add(Csv.parseDouble(f[p + 1], file, no, head.get(p + 1)));
            }
            double bin = times.size >= 2 ? TimeFormat.forStep(times.a[1]).canonical(times.a[1] - times.a[0]) : Double.NaN;
            double[][] hz = new double[np][];
            for (int p = 0; p < np; p++) hz[p] = cols.get(p).toArray();
            return new RateData(bin, head.subList(1, head.size()).toArray(new String[0]), hz);
        }
    }

    /** Reads {@code rates.csv} in {@code dir}, or returns null if there is none. */
    public static RateData readIfPresent(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        return Files.isRegularFile(f) ? read(f) : null;
    }
}
