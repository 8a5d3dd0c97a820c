package org.myelin.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.myelin.core.Connect;
import org.myelin.core.Dist;
import org.myelin.core.ParamSpec;
import org.myelin.core.Synapse;
import org.myelin.io.ModelFileException.Problem;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A validated model file: every key checked, every value converted to internal units (ms, mV, pA, pF,
 * nS, Hz), every reference resolved. Immutable; obtained from {@link ModelFile}.
 *
 * <ul>
 * <li>{@link #withOverride} applies a {@code --set key=value} and validates again;</li>
 * <li>{@link #build()} creates the core network, its stimuli and recorders;</li>
 * <li>{@link #inspect()} estimates neurons, synapses and memory without building;</li>
 * <li>{@link #toResolvedYaml()} writes the model with every default filled in and units explicit:
 * loading it again gives the same network;</li>
 * <li>{@link #hash()} is the SHA-256 of that resolved text without {@code name} and {@code threads}
 * (results do not depend on them), for {@code run.json}.</li>
 * </ul>
 */
public final class ModelSpec {
    private final String file;
    private final String text;
    private final List<String> overrides;
    private final String name;
    private final double dt;
    private final double duration;
    private final long seed;
    private final int threads;
    final List<PopulationSpec> populations;
    final List<ProjectionSpec> projections;
    final List<StimulusSpec> stimuli;
    final RecordSpec record;
    private final Map<Node, String> origins;

    ModelSpec(String file, String text, List<String> overrides, String name, double dt, double duration, long seed,
              int threads, List<PopulationSpec> populations, List<ProjectionSpec> projections,
              List<StimulusSpec> stimuli, RecordSpec record, Map<Node, String> origins) {
        this.file = file;
        this.text = text;
        this.overrides = List.copyOf(overrides);
        this.name = name;
        this.dt = dt;
        this.duration = duration;
        this.seed = seed;
        this.threads = threads;
        this.populations = List.copyOf(populations);
        this.projections = List.copyOf(projections);
        this.stimuli = List.copyOf(stimuli);
        this.record = record;
        this.origins = origins;
    }

    /** The model's name ({@code name:}, or the file name without extension). */
    public String name() {
        return name;
    }

    /** The file name used in messages. */
    public String fileName() {
        return file;
    }

    /** The {@code key=value} overrides applied, in order. */
    public List<String> overrides() {
        return overrides;
    }

    /** Time step in ms. */
    public double dt() {
        return dt;
    }

    /** Simulated duration in ms (a multiple of dt). */
    public double duration() {
        return duration;
    }

    /** Master seed. */
    public long seed() {
        return seed;
    }

    /** Worker threads; 0 means one per available processor ({@code threads: auto}). */
    public int threads() {
        return threads;
    }

    /** Worker threads the network will use: {@link #threads()}, or the available processors. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** Names of the populations declared in the file, in order. */
    public List<String> populationNames() {
        List<String> n = new ArrayList<>();
        for (PopulationSpec p : populations) n.add(p.name());
        return n;
    }

    /** Size of a declared population. */
    public int populationSize(String population) {
        for (PopulationSpec p : populations) if (p.name().equals(population)) return p.size();
        throw new IllegalArgumentException("no population '" + population + "'; defined: " + populationNames());
    }

    /**
     * This model with one more override, e.g. {@code withOverride("populations.E.params.tau_m", "10 ms")};
     * the value is read as YAML ({@code [E, I]} is a list). Lists are indexed by position
     * ({@code projections.0.weight}). A path that does not exist is an error naming the valid keys.
     *
     * @throws ModelFileException if the path is invalid or the result does not validate
     */
    public ModelSpec withOverride(String dottedKey, String value) {
        List<String> o = new ArrayList<>(overrides);
        o.add(dottedKey + "=" + value);
        return SpecReader.read(text, file, o);
    }

    /** Builds the core network with its stimuli and recorders (allocated, ready to simulate). */
    public BuiltModel build() {
        return Assembler.build(this);
    }

    /** Neurons, expected synapses and estimated memory, computed without building. */
    public Inspection inspect() {
        return Estimator.inspect(this);
    }

    /** The model with every default filled in and units explicit; loading it gives the same network. */
    public String toResolvedYaml() {
        return "# " + name + ": resolved by myelin-io from " + file
                + (overrides.isEmpty() ? "" : " with --set " + String.join(" --set ", overrides)) + "\n"
                + YamlWriter.write(tree(true));
    }

    /**
     * SHA-256 (hex) of the resolved model without {@code name} and {@code threads}: equal hashes mean
     * the same network, inputs, seed and recordings, hence bit-identical results.
     */
    public String hash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(YamlWriter.write(tree(false))
                    .getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder();
            for (byte x : d) b.append(String.format("%02x", x));
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The location of a node as a problem, for build-time errors. */
    Problem problem(Node at, String field, String message) {
        String o = at == null ? null : origins.get(at);
        if (o != null) return new Problem(o, 0, 0, field, message);
        if (at == null || at.getStartMark() == null) return new Problem(file, 0, 0, field, message);
        return new Problem(file, at.getStartMark().getLine() + 1, at.getStartMark().getColumn() + 1, field, message);
    }

    // ------------------------------------------------------------------ the resolved tree

    /** The resolved model; for the hash without name and threads, which do not change results. */
    private Map<String, Object> tree(boolean full) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (full) m.put("name", name);
        m.put("dt", Units.format(dt, "ms"));
        m.put("duration", Units.format(duration, "ms"));
        m.put("seed", seed);
        if (full) m.put("threads", threads == 0 ? "auto" : (Object) (long) threads);
        Map<String, Object> pops = new LinkedHashMap<>();
        for (PopulationSpec p : populations) pops.put(p.name(), population(p));
        m.put("populations", pops);
        List<Object> projs = new ArrayList<>();
        for (ProjectionSpec p : projections) projs.add(projection(p));
        m.put("projections", projs);
        List<Object> stims = new ArrayList<>();
        for (StimulusSpec s : stimuli) stims.add(stimulus(s));
        m.put("stimuli", stims);
        m.put("record", record());
        return m;
    }

    private static Map<String, Object> population(PopulationSpec p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", p.modelName());
        m.put("size", (long) p.size());
        Map<String, Object> params = new LinkedHashMap<>();
        if (p.isSpikeGenerator()) {
            params.put("spike_times", trains(p.spikeTimes(), p.sharedTrain()));
        } else {
            List<ParamSpec> specs = p.model().parameters();
            for (int i = 0; i < specs.size(); i++) {
                ParamSpec s = specs.get(i);
                params.put(s.name(), s.kind() == ParamSpec.Kind.BOOL ? (Object) (p.params()[i] != 0)
                        : Units.format(p.params()[i], s.unit()));
            }
        }
        m.put("params", params);
        Map<String, Object> init = new LinkedHashMap<>();
        for (Map.Entry<String, Dist> e : p.initial().entrySet()) {
            init.put(e.getKey(), dist(e.getValue(), p.model().stateUnit(p.model().stateIndex(e.getKey()))));
        }
        m.put("initial", init);
        return m;
    }

    private static Object trains(double[][] t, boolean shared) {
        if (shared) return times(t[0]);
        List<Object> l = new ArrayList<>();
        for (double[] x : t) l.add(times(x));
        return l;
    }

    private static List<Object> times(double[] t) {
        List<Object> l = new ArrayList<>();
        for (double x : t) l.add(Units.format(x, "ms"));
        return l;
    }

    private static Object dist(Dist d, String unit) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (d.kind()) {
            case CONSTANT:
                return Units.format(d.a(), unit);
            case UNIFORM:
                m.put("uniform", List.of(Units.format(d.a(), unit), Units.format(d.b(), unit)));
                break;
            case NORMAL:
                m.put("normal", map("mean", Units.format(d.a(), unit), "std", Units.format(d.b(), unit)));
                break;
            case LOGNORMAL:
                m.put("lognormal", map("mu", Units.number(d.a()), "sigma", Units.number(d.b())));
                break;
            default:
                m.put("exponential", map("mean", Units.format(d.a(), unit)));
                break;
        }
        if (d.low() != Double.NEGATIVE_INFINITY || d.high() != Double.POSITIVE_INFINITY) {
            m.put("clip", List.of(Units.format(d.low(), unit), Units.format(d.high(), unit)));
        }
        return m;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static Map<String, Object> projection(ProjectionSpec p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", p.from());
        m.put("to", p.to());
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("rule", p.rule().nestName());
        switch (p.rule()) {
            case PAIRWISE_BERNOULLI: c.put("p", Units.number(p.p())); break;
            case FIXED_INDEGREE: c.put("indegree", p.n()); break;
            case FIXED_OUTDEGREE: c.put("outdegree", p.n()); break;
            case FIXED_TOTAL_NUMBER: c.put("N", p.n()); break;
            case EXPLICIT: {
                c.put("sources", ints(p.sources()));
                c.put("targets", ints(p.targets()));
                if (p.weights() != null) {
                    List<Object> w = new ArrayList<>();
                    for (double x : p.weights()) w.add(Units.format(x, p.weightUnit()));
                    c.put("weights", w);
                }
                if (p.delays() != null) c.put("delays", times(p.delays()));
                break;
            }
            default: break;
        }
        c.put("allow_autapses", p.autapses());
        c.put("allow_multapses", p.multapses());
        m.put("connect", c);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("model", p.synapseName());
        VolumeTransmitterSpec vt = p.volumeTransmitter();
        if (vt != null) {
            Map<String, Object> v = new LinkedHashMap<>();
            if (vt.single()) {
                v.put("population", vt.populations()[0]);
            } else {
                Map<String, Object> src = new LinkedHashMap<>();
                for (int i = 0; i < vt.populations().length; i++) src.put(vt.populations()[i], Units.number(vt.weights()[i]));
                v.put("sources", src);
            }
            v.put("delay", Units.format(vt.delay(), "ms"));
            v.put("interval", vt.interval() == 0 ? "auto" : Units.format(vt.interval(), "ms"));
            s.put("volume_transmitter", v);
        }
        List<ParamSpec> specs = Catalog.synapseParameters(p.synapseName());
        if (!specs.isEmpty()) {
            Map<String, Object> sp = new LinkedHashMap<>();
            for (int i = 0; i < specs.size(); i++) {
                ParamSpec ps = specs.get(i);
                sp.put(ps.name(), ps.kind() == ParamSpec.Kind.BOOL ? (Object) (p.synapseParams()[i] != 0)
                        : Units.format(p.synapseParams()[i], ps.unit()));
            }
            s.put("params", sp);
        }
        m.put("synapse", s);
        m.put("weight", dist(p.weight(), p.weightUnit()));
        m.put("delay", dist(p.delay(), "ms"));
        m.put("receptor", p.receptor() == null ? "auto" : p.receptor());
        return m;
    }

    private static List<Object> ints(int[] a) {
        List<Object> l = new ArrayList<>(a.length);
        for (int x : a) l.add((long) x);
        return l;
    }

    private static Map<String, Object> stimulus(StimulusSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", s.model());
        Map<String, Object> p = new LinkedHashMap<>();
        if (s.kind() == null) {
            p.put("spike_times", trains(s.spikeTimes(), s.sharedTrain()));
        } else {
            switch (s.kind()) {
                case POISSON: p.put("rate", Units.format(s.a(), "Hz")); break;
                case DC: p.put("amplitude", Units.format(s.a(), "pA")); break;
                case STEP_CURRENT: {
                    p.put("amplitude_times", times(s.times()));
                    List<Object> v = new ArrayList<>();
                    for (double x : s.values()) v.add(Units.format(x, "pA"));
                    p.put("amplitude_values", v);
                    break;
                }
                default:
                    p.put("mean", Units.format(s.a(), "pA"));
                    p.put("std", Units.format(s.b(), "pA"));
                    p.put("dt", Units.format(s.c(), "ms"));
                    break;
            }
            p.put("start", Units.format(s.start(), "ms"));
            p.put("stop", Units.format(s.stop(), "ms"));
        }
        m.put("params", p);
        m.put("to", s.to());
        m.put("weight", Units.format(s.weight(), s.weightUnit()));
        m.put("delay", Units.format(s.delay(), "ms"));
        return m;
    }

    private Map<String, Object> record() {
        Map<String, Object> r = new LinkedHashMap<>();
        if (record.spikes().isEmpty()) {
            r.put("spikes", "none");
        } else {
            Map<String, Object> s = new LinkedHashMap<>();
            for (RecordSpec.Spikes x : record.spikes()) s.put(x.population(), x.neurons() == null ? "all" : ints(x.neurons()));
            r.put("spikes", s);
        }
        List<Object> st = new ArrayList<>();
        for (RecordSpec.State x : record.state()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("population", x.population());
            m.put("variables", List.of((Object[]) x.variables()));
            m.put("neurons", ints(x.neurons()));
            m.put("interval", Units.format(x.interval(), "ms"));
            st.add(m);
        }
        r.put("state", st.isEmpty() ? "none" : st);
        List<Object> rate = new ArrayList<>();
        for (RecordSpec.Rate x : record.rate()) rate.add(x.population());
        r.put("rate", rate.isEmpty() ? "none" : rate);
        return r;
    }

    /** The connection rule of a projection, as the core builds it. */
    static Connect connect(ProjectionSpec p) {
        Connect c;
        switch (p.rule()) {
            case ALL_TO_ALL: c = Connect.allToAll(); break;
            case ONE_TO_ONE: c = Connect.oneToOne(); break;
            case PAIRWISE_BERNOULLI: c = Connect.pairwiseBernoulli(p.p()); break;
            case FIXED_INDEGREE: c = Connect.fixedIndegree((int) p.n()); break;
            case FIXED_OUTDEGREE: c = Connect.fixedOutdegree((int) p.n()); break;
            case FIXED_TOTAL_NUMBER: c = Connect.fixedTotalNumber(p.n()); break;
            default:
                c = p.weights() == null && p.delays() == null ? Connect.explicit(p.sources(), p.targets())
                        : Connect.explicit(p.sources(), p.targets(), p.weights(), p.delays());
                break;
        }
        return c.autapses(p.autapses()).multapses(p.multapses());
    }
}
