package org.myelin.cli.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata of a run, written last as {@code run.json} so that any run can be reproduced and
 * compared. Fluent setters, no validation beyond types; unset values are written as {@code null}.
 *
 * <pre>
 * {
 *   "version": "0.1.0-SNAPSHOT",          myelin version
 *   "seed": 42,
 *   "threads": 8,
 *   "model": "brunel-a",                  model name
 *   "model_file": "examples/brunel.yaml", null for the built-in model
 *   "model_hash": "sha256:...",           of the resolved model text
 *   "dt_ms": 0.1,
 *   "duration_ms": 1000.0,
 *   "timings": {"build_s": 1.2, "simulate_s": 3.4, "wall_s": 5.0},
 *   "populations": [{"name", "neurons", "spikes", "rate_hz", "cv_isi", "synchrony", "fano", "active_fraction"}],
 *   "outputs": ["spikes.csv", ...],
 *   ...extra keys added with put(), in insertion order
 * }
 * </pre>
 */
public final class RunInfo {
    public static final String FILE = "run.json";

    private String version;
    private Long seed;
    private Integer threads;
    private String model;
    private String modelFile;
    private String modelHash;
    private double dt = Double.NaN;
    private double duration = Double.NaN;
    private double buildS = Double.NaN;
    private double simulateS = Double.NaN;
    private double wallS = Double.NaN;
    private List<PopulationSummary> populations = List.of();
    private final List<String> outputs = new ArrayList<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();

    public RunInfo version(String v) {
        version = v;
        return this;
    }

    public RunInfo seed(long v) {
        seed = v;
        return this;
    }

    public RunInfo threads(int v) {
        threads = v;
        return this;
    }

    public RunInfo model(String name) {
        model = name;
        return this;
    }

    public RunInfo modelFile(String path) {
        modelFile = path;
        return this;
    }

    /** The hash of the resolved model, e.g. {@code sha256(resolvedText)}. */
    public RunInfo modelHash(String v) {
        modelHash = v;
        return this;
    }

    public RunInfo dt(double ms) {
        dt = ms;
        return this;
    }

    public RunInfo duration(double ms) {
        duration = ms;
        return this;
    }

    public RunInfo timings(double buildSeconds, double simulateSeconds, double wallSeconds) {
        buildS = buildSeconds;
        simulateS = simulateSeconds;
        wallS = wallSeconds;
        return this;
    }

    public RunInfo populations(List<PopulationSummary> rows) {
        populations = List.copyOf(rows);
        return this;
    }

    /** Records output files (their names relative to the output directory). */
    public RunInfo outputs(List<Path> files) {
        for (Path f : files) outputs.add(f.getFileName().toString());
        return this;
    }

    /** An extra top-level key (String, Number, Boolean, List, Map or null; see {@link Json}). */
    public RunInfo put(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    /** {@code "sha256:"} and the hex SHA-256 of {@code text} in UTF-8. */
    public static String sha256(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder("sha256:");
            for (byte b : h) sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** The content as a JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("seed", seed);
        m.put("threads", threads);
        m.put("model", model);
        m.put("model_file", modelFile);
        m.put("model_hash", modelHash);
        m.put("dt_ms", dt);
        m.put("duration_ms", duration);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("build_s", buildS);
        t.put("simulate_s", simulateS);
        t.put("wall_s", wallS);
        m.put("timings", t);
        List<Object> pops = new ArrayList<>();
        for (PopulationSummary p : populations) pops.add(p.toJson());
        m.put("populations", pops);
        m.put("outputs", new ArrayList<Object>(outputs));
        m.putAll(extra);
        return m;
    }

    public String toJson() {
        return Json.write(toMap());
    }

    /** Writes {@code run.json} atomically. */
    public Path write(RunOutputs out) throws IOException {
        return out.writeString(FILE, toJson());
    }

    /** Reads a {@code run.json} as a map (for tools and tests). */
    public static Map<String, Object> read(Path file) throws IOException {
        String text = java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
        try {
            return Json.object(Json.parse(text), file.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
