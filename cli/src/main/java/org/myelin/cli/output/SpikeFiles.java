package org.myelin.cli.output;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes and reads {@code spikes.csv}, {@code spikes.npy} and its sidecar {@code spikes.json} (formats
 * in the {@linkplain org.myelin.cli.output package documentation}). Rows of all populations are
 * merged in time order (ties: population order, then neuron) while writing, without building a
 * merged copy in memory.
 */
public final class SpikeFiles {
    public static final String CSV = "spikes.csv";
    public static final String NPY = "spikes.npy";
    public static final String JSON = "spikes.json";
    /** The CSV header line. */
    public static final String CSV_HEADER = "population,neuron,time_ms";
    /** The numpy dtype of a row of {@code spikes.npy}, as numpy writes it in the header. */
    public static final String NPY_DESCR = "[('population', '<i2'), ('neuron', '<i4'), ('time_ms', '<f8')]";
    /** Name of the format in {@code spikes.json}. */
    public static final String FORMAT = "myelin-spikes";
    public static final int FORMAT_VERSION = 1;

    static final int ROW_BYTES = 2 + 4 + 8;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private SpikeFiles() {
    }

    /** Writes {@code spikes.csv}, {@code spikes.npy} and {@code spikes.json}. */
    public static void write(RunOutputs out, SpikeData d) throws IOException {
        writeCsv(out, d);
        writeNpy(out, d);
    }

    /** Merges the populations' spikes in output order. */
    static final class Merge {
        final SpikeData d;
        final TimeFormat f;
        final int[] cur;
        final double[] head; // canonical time of each population's next spike, +inf when done
        int pop;
        int row;

        Merge(SpikeData d, TimeFormat f) {
            this.d = d;
            this.f = f;
            int n = d.populationCount();
            cur = new int[n];
            head = new double[n];
            for (int p = 0; p < n; p++) head[p] = d.timesMs()[p].length > 0 ? f.canonical(d.timesMs()[p][0]) : Double.POSITIVE_INFINITY;
        }

        /** Advances to the next spike: sets {@link #pop} and {@link #row}; false when all are done. */
        boolean next() {
            int best = -1;
            double bt = Double.POSITIVE_INFINITY;
            for (int p = 0; p < head.length; p++) {
                if (head[p] < bt) { // strict: equal times keep the lower population
                    bt = head[p];
                    best = p;
                }
            }
            if (best < 0) return false;
            pop = best;
            row = cur[best]++;
            double[] t = d.timesMs()[best];
            head[best] = cur[best] < t.length ? f.canonical(t[cur[best]]) : Double.POSITIVE_INFINITY;
            return true;
        }

        /** The canonical time of the current spike. */
        double time() {
            return f.canonical(d.timesMs()[pop][row]);
        }
    }

    /** Writes {@code spikes.csv}. */
    public static void writeCsv(RunOutputs out, SpikeData d) throws IOException {
        out.write(CSV, os -> writeCsv(os, d));
    }

    static void writeCsv(OutputStream os, SpikeData d) throws IOException {
        TimeFormat f = TimeFormat.forStep(d.dt());
        String[] names = new String[d.populationCount()];
        for (int p = 0; p < names.length; p++) {
            StringBuilder sb = new StringBuilder();
            Csv.appendField(sb, d.populations()[p]);
            names[p] = sb.append(',').toString();
        }
        Writer w = Csv.writer(os);
        StringBuilder sb = new StringBuilder(1 << 17);
        sb.append(CSV_HEADER).append('\n');
        Merge m = new Merge(d, f);
        while (m.next()) {
            sb.append(names[m.pop]).append(d.neurons()[m.pop][m.row]).append(',');
            f.append(sb, d.timesMs()[m.pop][m.row]);
            sb.append('\n');
            Csv.spill(w, sb, false);
        }
        Csv.spill(w, sb, true);
    }

    /** The .npy header (magic, version 1.0, length, dict padded to a multiple of 64 bytes) for {@code rows} rows. */
    static byte[] npyHeader(long rows) {
        String dict = "{'descr': " + NPY_DESCR + ", 'fortran_order': False, 'shape': (" + rows + ",), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        StringBuilder sb = new StringBuilder(dict);
        while (sb.length() < total - MAGIC.length - 4 - 1) sb.append(' ');
        sb.append('\n');
        byte[] h = sb.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + h.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h);
        return b.array();
    }

    /** Writes {@code spikes.npy} and then its sidecar {@code spikes.json}. */
    public static void writeNpy(RunOutputs out, SpikeData d) throws IOException {
        out.write(NPY, os -> writeNpy(os, d));
        out.writeString(JSON, sidecar(d));
    }

    static void writeNpy(OutputStream os, SpikeData d) throws IOException {
        TimeFormat f = TimeFormat.forStep(d.dt());
        os.write(npyHeader(d.totalSpikes()));
        ByteBuffer b = ByteBuffer.allocate(ROW_BYTES * 4096).order(ByteOrder.LITTLE_ENDIAN);
        Merge m = new Merge(d, f);
        while (m.next()) {
            b.putShort((short) m.pop).putInt(d.neurons()[m.pop][m.row]).putDouble(m.time());
            if (!b.hasRemaining()) {
                os.write(b.array(), 0, b.position());
                b.clear();
            }
        }
        os.write(b.array(), 0, b.position());
        os.flush();
    }

    /** The text of {@code spikes.json} for {@code d}. */
    public static String sidecar(SpikeData d) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("format", FORMAT);
        j.put("format_version", FORMAT_VERSION);
        j.put("file", NPY);
        j.put("dtype", List.of(List.of("population", "<i2"), List.of("neuron", "<i4"), List.of("time_ms", "<f8")));
        j.put("rows", d.totalSpikes());
        j.put("dt_ms", d.dt());
        j.put("duration_ms", d.durationMs());
        j.put("time_decimals", TimeFormat.forStep(d.dt()).decimals());
        List<Object> pops = new ArrayList<>();
        for (int p = 0; p < d.populationCount(); p++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("index", p);
            e.put("name", d.populations()[p]);
            e.put("size", d.sizes()[p]);
            e.put("spikes", d.neurons()[p].length);
            pops.add(e);
        }
        j.put("populations", pops);
        return Json.write(j);
    }

    // ------------------------------------------------------------------ reading

    /** Population names, sizes, dt and duration from a {@code spikes.json}. */
    private static final class Meta {
        String[] names;
        int[] sizes;
        double dt = Double.NaN;
        double duration = Double.NaN;
        long rows = -1;
    }

    private static Meta readSidecar(Path json) throws IOException {
        String where = json.toString();
        try {
            Map<String, Object> j = Json.object(Json.parse(Files.readString(json, StandardCharsets.UTF_8)), where);
            if (!FORMAT.equals(j.get("format"))) {
                throw new IOException(where + ": format is " + j.get("format") + ", expected " + FORMAT);
            }
            double v = Json.number(j.get("format_version"), where + ": format_version");
            if (v > FORMAT_VERSION) {
                throw new IOException(where + ": format_version " + (long) v + " is newer than this reader (" + FORMAT_VERSION + ")");
            }
            Meta m = new Meta();
            m.dt = Json.number(j.get("dt_ms"), where + ": dt_ms");
            m.duration = Json.number(j.get("duration_ms"), where + ": duration_ms");
            if (j.get("rows") != null) m.rows = (long) Json.number(j.get("rows"), where + ": rows");
            List<Object> pops = Json.array(j.get("populations"), where + ": populations");
            m.names = new String[pops.size()];
            m.sizes = new int[pops.size()];
            for (int p = 0; p < pops.size(); p++) {
                Map<String, Object> e = Json.object(pops.get(p), where + ": populations[" + p + "]");
                m.names[p] = Json.text(e.get("name"), where + ": populations[" + p + "].name");
                m.sizes[p] = (int) Json.number(e.get("size"), where + ": populations[" + p + "].size");
            }
            return m;
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Reads the spikes saved in {@code dir}: {@code spikes.npy} with {@code spikes.json} if both are
     * there, else {@code spikes.csv} (with {@code spikes.json} for names, sizes and dt if present).
     */
    public static SpikeData read(Path dir) throws IOException {
        Path npy = dir.resolve(NPY);
        Path json = dir.resolve(JSON);
        Path csv = dir.resolve(CSV);
        if (Files.isRegularFile(npy) && Files.isRegularFile(json)) return readNpy(npy, json);
        if (Files.isRegularFile(csv)) return readCsv(csv, Files.isRegularFile(json) ? json : null);
        throw new IOException("no spikes in " + dir + ": expected " + NPY + " with " + JSON + ", or " + CSV);
    }

    /** True if {@code dir} holds spikes that {@link #read(Path)} can read. */
    public static boolean present(Path dir) {
        return (Files.isRegularFile(dir.resolve(NPY)) && Files.isRegularFile(dir.resolve(JSON)))
                || Files.isRegularFile(dir.resolve(CSV));
    }

    /** Collects rows into per-population arrays. */
    private static final class Collector {
        final List<String> names = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();
        final List<Csv.Ints> ids = new ArrayList<>();
        final List<Csv.Doubles> times = new ArrayList<>();
        double lastTime = 0;

        int population(String name) {
            Integer p = index.get(name);
            if (p != null) return p;
            index.put(name, names.size());
            names.add(name);
            ids.add(new Csv.Ints());
            times.add(new Csv.Doubles());
            return names.size() - 1;
        }

        void add(int p, int neuron, double t) {
            ids.get(p).add(neuron);
            times.get(p).add(t);
            if (t > lastTime) lastTime = t;
        }

        SpikeData build(Meta m, Path file) throws IOException {
            int n = names.size();
            String[] nm = names.toArray(new String[0]);
            int[] sizes = new int[n];
            int[][] id = new int[n][];
            double[][] t = new double[n][];
            for (int p = 0; p < n; p++) {
                id[p] = ids.get(p).toArray();
                t[p] = times.get(p).toArray();
                int max = -1;
                for (int i : id[p]) max = Math.max(max, i);
                sizes[p] = max + 1;
            }
            double dt = Double.NaN;
            double duration = lastTime;
            if (m != null) {
                sizes = m.sizes;
                nm = m.names;
                dt = m.dt;
                duration = m.duration;
            }
            try {
                return new SpikeData(nm, sizes, id, t, dt, duration);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Reads a {@code spikes.npy} written by {@link #writeNpy(RunOutputs, SpikeData)}, with its sidecar. */
    public static SpikeData readNpy(Path npy, Path json) throws IOException {
        Meta m = readSidecar(json);
        Collector c = new Collector();
        for (String n : m.names) c.population(n);
        try (FileChannel ch = FileChannel.open(npy, StandardOpenOption.READ)) {
            ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, pre, npy);
            pre.flip();
            for (byte b : MAGIC) {
                if (pre.get() != b) throw new IOException(npy + ": not a .npy file (bad magic)");
            }
            int major = pre.get() & 0xff;
            pre.get();
            long headerLen;
            long dataStart;
            if (major == 1) {
                headerLen = pre.getShort() & 0xffff;
                dataStart = 10 + headerLen;
            } else if (major == 2 || major == 3) {
                headerLen = pre.getInt() & 0xffffffffL;
                dataStart = 12 + headerLen;
            } else {
                throw new IOException(npy + ": .npy format version " + major + " is not supported (1, 2 or 3)");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            ch.position(dataStart - headerLen);
            readFully(ch, hb, npy);
            String header = new String(hb.array(), StandardCharsets.ISO_8859_1);
            long rows = checkHeader(header, npy);
            if (m.rows >= 0 && m.rows != rows) {
                throw new IOException(npy + " has " + rows + " rows but " + json.getFileName() + " says " + m.rows);
            }
            long expected = dataStart + rows * ROW_BYTES;
            if (ch.size() != expected) {
                throw new IOException(npy + ": " + ch.size() + " bytes, expected " + expected + " for " + rows + " rows");
            }
            ch.position(dataStart);
            ByteBuffer b = ByteBuffer.allocate(ROW_BYTES * 8192).order(ByteOrder.LITTLE_ENDIAN);
            long left = rows;
            int np = m.names.length;
            while (left > 0) {
                b.clear();
                b.limit((int) Math.min(b.capacity(), left * ROW_BYTES));
                readFully(ch, b, npy);
                b.flip();
                while (b.hasRemaining()) {
                    int p = b.getShort();
                    int i = b.getInt();
                    double t = b.getDouble();
                    if (p < 0 || p >= np) {
                        throw new IOException(npy + ": row " + (rows - left) + " has population " + p + "; "
                                + json.getFileName() + " lists " + np);
                    }
                    c.add(p, i, t);
                    left--;
                }
            }
        }
        return c.build(m, npy);
    }

    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(\\s*(\\d+)\\s*,\\s*\\)");
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*(\\[[^\\]]*\\])");

    /** Checks the dtype and order in an .npy header, returns the row count. */
    private static long checkHeader(String header, Path npy) throws IOException {
        Matcher d = DESCR.matcher(header);
        if (!d.find() || !d.group(1).replaceAll("\\s+", "").equals(NPY_DESCR.replaceAll("\\s+", ""))) {
            throw new IOException(npy + ": dtype is not " + NPY_DESCR + " (header: " + header.trim() + ")");
        }
        if (!header.replaceAll("\\s+", "").contains("'fortran_order':False")) {
            throw new IOException(npy + ": fortran_order must be False");
        }
        Matcher s = SHAPE.matcher(header);
        if (!s.find()) throw new IOException(npy + ": shape is not one-dimensional (header: " + header.trim() + ")");
        return Long.parseLong(s.group(1));
    }

    private static void readFully(FileChannel ch, ByteBuffer b, Path file) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) throw new EOFException(file + ": file ends early");
        }
    }

    /**
     * Reads a {@code spikes.csv}. With {@code json} (may be null) population names, order, sizes, dt
     * and duration come from the sidecar; without it, populations are in order of first appearance,
     * sizes are the largest neuron index + 1, dt is NaN and the duration the last spike's time.
     */
    public static SpikeData readCsv(Path csv, Path json) throws IOException {
        Meta m = json == null ? null : readSidecar(json);
        Collector c = new Collector();
        if (m != null) for (String n : m.names) c.population(n);
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            if (line == null || !line.equals(CSV_HEADER)) {
                throw Csv.error(csv, 1, "header is '" + line + "', expected '" + CSV_HEADER + "'");
            }
            long no = 1;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isEmpty()) continue;
                // fields from the end: the name may be quoted and contain commas
                int c2 = line.lastIndexOf(',');
                int c1 = c2 > 0 ? line.lastIndexOf(',', c2 - 1) : -1;
                if (c1 < 0) throw Csv.error(csv, no, "expected 3 fields: population,neuron,time_ms");
                String name = line.substring(0, c1);
                if (name.startsWith("\"")) {
                    List<String> f = Csv.split(name, csv, no);
                    if (f.size() != 1) throw Csv.error(csv, no, "expected 3 fields: population,neuron,time_ms");
                    name = f.get(0);
                }
                int neuron = Csv.parseInt(line.substring(c1 + 1, c2), csv, no, "neuron");
                double t = Csv.parseDouble(line.substring(c2 + 1), csv, no, "time_ms");
                int p;
                if (m != null) {
                    Integer q = c.index.get(name);
                    if (q == null) throw Csv.error(csv, no, "population '" + name + "' is not in " + json.getFileName());
                    p = q;
                } else {
                    p = c.population(name);
                }
                c.add(p, neuron, t);
            }
        }
        return c.build(m, csv);
    }
}
