package org.myelin.cli.output;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads {@code state_<population>.csv}: header {@code time_ms,neuron,<variable>...}, one row
 * per sample and recorded neuron, in time order and then recording order. Times are printed with
 * {@link TimeFormat} for the step, values in Java's round-trip form, so reading gives back the same doubles.
 */
public final class StateFiles {
    public static final String PREFIX = "state_";
    public static final String SUFFIX = ".csv";

    private StateFiles() {
    }

    /** {@code name} with every character outside {@code [A-Za-z0-9_.-]} replaced by {@code _}. */
    public static String safeName(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '.' || c == '-';
            sb.append(ok ? c : '_');
        }
        return sb.toString();
    }

    /** The file name for population {@code population}'s state. */
    public static String fileName(String population) {
        return PREFIX + safeName(population) + SUFFIX;
    }

    /** Writes {@code state_<population>.csv}; returns its path. */
    public static Path write(RunOutputs out, StateData s) throws IOException {
        return out.write(fileName(s.population()), os -> write(os, s));
    }

    static void write(OutputStream os, StateData s) throws IOException {
        TimeFormat f = TimeFormat.forStep(s.dt());
        Writer w = Csv.writer(os);
        StringBuilder sb = new StringBuilder(1 << 17);
        sb.append("time_ms,neuron");
        for (String v : s.variables()) {
            sb.append(',');
            Csv.appendField(sb, v);
        }
        sb.append('\n');
        double[][][] val = s.values();
        int nv = val.length;
        int[] ids = s.neurons();
        double[] t = s.timesMs();
        for (int r = 0; r < t.length; r++) {
            int mark = sb.length();
            f.append(sb, t[r]);
            String time = sb.substring(mark);
            sb.setLength(mark);
            for (int k = 0; k < ids.length; k++) {
                sb.append(time).append(',').append(ids[k]);
                for (int v = 0; v < nv; v++) sb.append(',').append(val[v][k][r]);
                sb.append('\n');
            }
            Csv.spill(w, sb, false);
        }
        Csv.spill(w, sb, true);
    }

    /**
     * Reads one state file. The population name is taken from the file name (as {@link #safeName}
     * left it); dt is NaN. Neurons are in order of first appearance; every sample time must have a
     * row for every neuron.
     */
    public static StateData read(Path file) throws IOException {
        String fn = file.getFileName().toString();
        String pop = fn.startsWith(PREFIX) && fn.endsWith(SUFFIX) ? fn.substring(PREFIX.length(), fn.length() - SUFFIX.length()) : fn;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            if (line == null) throw Csv.error(file, 1, "empty file; expected header time_ms,neuron,<variable>...");
            List<String> head = Csv.split(line, file, 1);
            if (head.size() < 3 || !head.get(0).equals("time_ms") || !head.get(1).equals("neuron")) {
                throw Csv.error(file, 1, "header is '" + line + "', expected time_ms,neuron,<variable>...");
            }
            int nv = head.size() - 2;
            String[] vars = head.subList(2, head.size()).toArray(new String[0]);
            Csv.Doubles times = new Csv.Doubles();
            Map<Integer, Integer> slot = new HashMap<>();
            Csv.Ints ids = new Csv.Ints();
            List<List<Csv.Doubles>> vals = new ArrayList<>(); // [neuron slot][variable]
            long no = 1;
            double lastT = Double.NaN;
            int inSample = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isEmpty()) continue;
                String[] f = line.split(",", -1);
                if (f.length != nv + 2) throw Csv.error(file, no, f.length + " fields, expected " + (nv + 2));
                double t = Csv.parseDouble(f[0], file, no, "time_ms");
                int id = Csv.parseInt(f[1], file, no, "neuron");
                if (!(t == lastT)) {
                    if (times.size > 0 && inSample != ids.size) {
                        throw Csv.error(file, no - 1, "sample at " + lastT + " ms has " + inSample + " rows, expected " + ids.size);
                    }
                    if (times.size > 0 && !(t > lastT)) throw Csv.error(file, no, "time " + t + " ms is not after " + lastT + " ms");
                    times.add(t);
                    lastT = t;
                    inSample = 0;
                }
                Integer k = slot.get(id);
                if (k == null) {
                    if (times.size > 1) throw Csv.error(file, no, "neuron " + id + " first appears after the first sample");
                    k = ids.size;
                    slot.put(id, k);
                    ids.add(id);
                    List<Csv.Doubles> l = new ArrayList<>();
                    for (int v = 0; v < nv; v++) l.add(new Csv.Doubles());
                    vals.add(l);
                } else if (k != inSample) {
                    throw Csv.error(file, no, "neuron " + id + " out of order or repeated within the sample at " + t + " ms");
                }
                inSample++;
                for (int v = 0; v < nv; v++) vals.get(k).get(v).add(Csv.parseDouble(f[v + 2], file, no, vars[v]));
            }
            if (times.size > 0 && inSample != ids.size) {
                throw Csv.error(file, no, "last sample has " + inSample + " rows, expected " + ids.size);
            }
            double[][][] values = new double[nv][ids.size][];
            for (int v = 0; v < nv; v++) for (int k = 0; k < ids.size; k++) values[v][k] = vals.get(k).get(v).toArray();
            return new StateData(pop, Double.NaN, times.toArray(), ids.toArray(), vars, values);
        }
    }

    /** The state files in {@code dir}, sorted by name. */
    public static List<Path> list(Path dir) throws IOException {
        List<Path> l = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path p : ds) if (Files.isRegularFile(p)) l.add(p);
        }
        l.sort(null);
        return l;
    }

    /** Reads every {@code state_*.csv} in {@code dir}, sorted by file name. */
    public static List<StateData> readAll(Path dir) throws IOException {
        List<StateData> l = new ArrayList<>();
        for (Path p : list(dir)) l.add(read(p));
        return l;
    }
}
