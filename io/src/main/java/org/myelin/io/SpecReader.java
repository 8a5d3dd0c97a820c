package org.myelin.io;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.myelin.core.Connect;
import org.myelin.core.Dist;
import org.myelin.core.Generator;
import org.myelin.core.ModelException;
import org.myelin.core.Models;
import org.myelin.core.Network;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;
import org.myelin.core.Plasticity;
import org.myelin.core.Synapse;
import org.myelin.io.ModelFileException.Problem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a model file into a {@link ModelSpec}: composes the YAML into nodes (keeping their
 * positions), applies {@code --set} overrides to the node tree, then walks it checking every key,
 * unit, range and reference, collecting all problems before throwing one {@link ModelFileException}.
 * Build-time code: clarity over speed.
 */
final class SpecReader {
    static final double DEFAULT_DT = 0.1;
    static final double DEFAULT_DURATION = 1000;
    static final long DEFAULT_SEED = 12345;
    static final double DEFAULT_DELAY = 1.0;

    static final List<String> TOP_KEYS = List.of("name", "description", "dt", "duration", "seed", "threads",
            "populations", "projections", "stimuli", "record");
    private static final List<String> POP_KEYS = List.of("model", "size", "params", "initial");
    private static final List<String> PROJ_KEYS = List.of("from", "to", "connect", "synapse", "weight", "delay",
            "receptor");
    private static final List<String> SYN_KEYS = List.of("model", "params", "volume_transmitter");
    private static final List<String> VT_KEYS = List.of("population", "sources", "delay", "interval");
    private static final List<String> STIM_KEYS = List.of("model", "params", "to", "weight", "delay");
    private static final List<String> RECORD_KEYS = List.of("spikes", "state", "rate");
    private static final List<String> STATE_KEYS = List.of("population", "variables", "neurons", "interval");
    private static final List<String> DISTS = List.of("uniform", "normal", "lognormal", "exponential");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final String file;
    private final Map<Node, String> origin = new IdentityHashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    // results of the walk
    private double dt = DEFAULT_DT;
    private final Map<String, PopulationSpec> pops = new LinkedHashMap<>();
    private final Map<String, Node> popNodes = new LinkedHashMap<>();

    private SpecReader(String file) {
        this.file = file;
    }

    /** Parses, overrides and validates; throws {@link ModelFileException} listing every problem. */
    static ModelSpec read(String text, String file, List<String> overrides) {
        SpecReader r = new SpecReader(file);
        Node root = r.compose(text, file, null);
        if (!(root instanceof MappingNode)) {
            String what = root == null ? "the file is empty" : "the top level is " + describe(root);
            throw new ModelFileException(r.problem(root, "", what + "; expected a mapping with keys "
                    + String.join(", ", TOP_KEYS)));
        }
        MappingNode map = (MappingNode) root;
        for (String o : overrides) r.override(map, o);
        ModelSpec spec = r.document(map, text, overrides);
        r.throwIfAny();
        return spec;
    }

    // ------------------------------------------------------------------ YAML and positions

    private Node compose(String text, String name, String assignment) {
        LoaderOptions opt = new LoaderOptions();
        opt.setCodePointLimit(256 * 1024 * 1024);
        opt.setAllowDuplicateKeys(true); // reported by the walk, with both positions
        try {
            return new Yaml(opt).compose(new StringReader(jsonTabs(text, name)));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String why = (e.getContext() != null ? e.getContext() + ": " : "") + e.getProblem();
            Mark c = e.getContextMark();
            if (c != null && m != null && c.getLine() != m.getLine() && assignment == null) {
                why += " (the construct began at line " + (c.getLine() + 1) + ", column " + (c.getColumn() + 1) + ")";
            }
            String where = assignment != null ? "--set " + assignment : name;
            int line = assignment != null || m == null ? 0 : m.getLine() + 1;
            int col = assignment != null || m == null ? 0 : m.getColumn() + 1;
            throw new ModelFileException(new Problem(where, line, col, "", "malformed "
                    + (isJson(text, name) ? "JSON" : "YAML") + ": " + why.replace('\n', ' ')));
        } catch (YAMLException e) {
            throw new ModelFileException(new Problem(assignment != null ? "--set " + assignment : name, 0, 0, "",
                    "malformed YAML: " + e.getMessage().replace('\n', ' ')));
        }
    }

    private static boolean isJson(String text, String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".json") || text.stripLeading().startsWith("{");
    }

    /** JSON may indent with tabs, which YAML forbids: blank them outside strings (columns unchanged). */
    private static String jsonTabs(String text, String name) {
        if (!isJson(text, name) || text.indexOf('\t') < 0) return text;
        StringBuilder b = new StringBuilder(text);
        boolean inString = false;
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '\t') {
                b.setCharAt(i, ' ');
            }
        }
        return b.toString();
    }

    Problem problem(Node at, String field, String message) {
        String o = at == null ? null : origin.get(at);
        if (o != null) return new Problem(o, 0, 0, field, message);
        if (at == null || at.getStartMark() == null) return new Problem(file, 0, 0, field, message);
        Mark m = at.getStartMark();
        return new Problem(file, m.getLine() + 1, m.getColumn() + 1, field, message);
    }

    private void error(Node at, String field, String message) {
        problems.add(problem(at, field, message));
    }

    private void throwIfAny() {
        if (problems.isEmpty()) return;
        List<Problem> sorted = new ArrayList<>(new LinkedHashSet<>(problems));
        // file order; problems from --set (line 0) first, they explain the rest
        sorted.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
                : Integer.compare(a.column(), b.column()));
        throw new ModelFileException(sorted);
    }

    Map<Node, String> origins() {
        return origin;
    }

    static String describe(Node n) {
        if (n instanceof MappingNode) return "a mapping";
        if (n instanceof SequenceNode) return "a list";
        if (n instanceof ScalarNode) return isNull(n) ? "empty" : "'" + ((ScalarNode) n).getValue() + "'";
        return "nothing";
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    // ------------------------------------------------------------------ overrides

    /**
     * Applies {@code key=value} to the tree: the value is parsed as YAML (so {@code [E, I]} is a list);
     * missing intermediate mappings are created, and the walk then rejects keys that are not valid
     * there, naming the closest valid ones. Population names and list indices must exist.
     */
    private void override(MappingNode root, String assignment) {
        int eq = assignment.indexOf('=');
        String where = "--set " + assignment;
        if (eq <= 0) {
            throw new ModelFileException(new Problem(where, 0, 0, "", "expected key=value, e.g. "
                    + "populations.E.params.tau_m=10ms"));
        }
        String key = assignment.substring(0, eq).trim().replaceAll("\\[(\\d+)]", ".$1");
        String valueText = assignment.substring(eq + 1);
        Node value = compose(valueText, "--set", assignment);
        if (value == null) value = new ScalarNode(Tag.NULL, "", null, null, org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN);
        markOrigin(value, where);
        String[] seg = key.split("\\.", -1);
        Node cur = root;
        String path = "";
        for (int i = 0; i < seg.length; i++) {
            String s = seg[i];
            if (s.isEmpty()) {
                throw new ModelFileException(new Problem(where, 0, 0, key, "empty segment in the key path"));
            }
            boolean last = i == seg.length - 1;
            if (cur instanceof MappingNode) {
                MappingNode m = (MappingNode) cur;
                NodeTuple found = null;
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode && ((ScalarNode) t.getKeyNode()).getValue().equals(s)) {
                        found = t;
                    }
                }
                if (path.equals("populations") && found == null) {
                    throw new ModelFileException(new Problem(where, 0, 0, join(path, s), "unknown population '" + s
                            + "'" + Models.suggestion(s, keysOf(m)) + "; defined: " + String.join(", ", keysOf(m))));
                }
                if (path.isEmpty() && found == null && !TOP_KEYS.contains(s)) {
                    throw new ModelFileException(new Problem(where, 0, 0, s, "unknown key '" + s + "'"
                            + Models.suggestion(s, TOP_KEYS) + "; valid: " + String.join(", ", TOP_KEYS)));
                }
                Node next;
                if (last) {
                    next = value;
                } else if (found != null) {
                    next = found.getValueNode();
                } else {
                    next = new MappingNode(Tag.MAP, new ArrayList<>(), org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
                    markOrigin(next, where);
                }
                if (last || found == null) {
                    ScalarNode k = new ScalarNode(Tag.STR, s, null, null, org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN);
                    markOrigin(k, where);
                    List<NodeTuple> tuples = m.getValue();
                    if (found != null) {
                        tuples.set(tuples.indexOf(found), new NodeTuple(found.getKeyNode(), next));
                    } else {
                        tuples.add(new NodeTuple(k, next));
                    }
                }
                cur = next;
            } else if (cur instanceof SequenceNode) {
                List<Node> items = ((SequenceNode) cur).getValue();
                int idx = -1;
                if (s.matches("\\d+")) {
                    idx = Integer.parseInt(s);
                } else {
                    for (int k = 0; k < items.size(); k++) if (s.equals(nameOf(items.get(k)))) idx = k;
                }
                if (idx < 0 || idx >= items.size()) {
                    throw new ModelFileException(new Problem(where, 0, 0, join(path, s), "no entry '" + s + "' in "
                            + path + "; valid: " + (items.isEmpty() ? "none (the list is empty)"
                            : "0.." + (items.size() - 1))));
                }
                if (last) items.set(idx, value);
                cur = items.get(idx);
            } else {
                throw new ModelFileException(new Problem(where, 0, 0, join(path, s), "cannot set '" + s + "' inside "
                        + path + ", which is " + describe(cur) + "; set " + path + "=... instead"));
            }
            path = join(path, s);
        }
    }

    private void markOrigin(Node n, String where) {
        origin.put(n, where);
        if (n instanceof MappingNode) {
            for (NodeTuple t : ((MappingNode) n).getValue()) {
                markOrigin(t.getKeyNode(), where);
                markOrigin(t.getValueNode(), where);
            }
        } else if (n instanceof SequenceNode) {
            for (Node c : ((SequenceNode) n).getValue()) markOrigin(c, where);
        }
    }

    private static List<String> keysOf(MappingNode m) {
        List<String> k = new ArrayList<>();
        for (NodeTuple t : m.getValue()) if (t.getKeyNode() instanceof ScalarNode) k.add(((ScalarNode) t.getKeyNode()).getValue());
        return k;
    }

    private static String nameOf(Node item) {
        if (!(item instanceof MappingNode)) return null;
        for (NodeTuple t : ((MappingNode) item).getValue()) {
            if (t.getKeyNode() instanceof ScalarNode && "name".equals(((ScalarNode) t.getKeyNode()).getValue())
                    && t.getValueNode() instanceof ScalarNode) {
                return ((ScalarNode) t.getValueNode()).getValue();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ generic readers

    /** The keys of a mapping, with their key and value nodes. */
    static final class Fields {
        final Node node;
        final String path;
        final Map<String, NodeTuple> map = new LinkedHashMap<>();

        Fields(Node node, String path) {
            this.node = node;
            this.path = path;
        }

        Node get(String k) {
            NodeTuple t = map.get(k);
            return t == null ? null : t.getValueNode();
        }

        Node key(String k) {
            NodeTuple t = map.get(k);
            return t == null ? node : t.getKeyNode();
        }

        boolean has(String k) {
            return map.containsKey(k);
        }
    }

    /**
     * The entries of a mapping. Reports a non-mapping, duplicate keys and (when {@code allowed} is not
     * null) unknown keys with the closest valid one; resolves YAML merge keys ({@code <<: *anchor}).
     */
    private Fields fields(Node n, String path, Collection<String> allowed, String what) {
        if (!(n instanceof MappingNode)) {
            error(n, path, "expected " + what + " (a mapping" + (allowed == null ? "" : " with keys "
                    + String.join(", ", allowed)) + "), got " + describe(n));
            return null;
        }
        Fields f = new Fields(n, path);
        List<NodeTuple> merged = new ArrayList<>();
        for (NodeTuple t : ((MappingNode) n).getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode)) {
                error(k, path, "a key must be a plain name, got " + describe(k));
                continue;
            }
            String name = ((ScalarNode) k).getValue();
            if (Tag.MERGE.equals(k.getTag()) || "<<".equals(name)) {
                Node v = t.getValueNode();
                List<Node> sources = v instanceof SequenceNode ? ((SequenceNode) v).getValue() : List.of(v);
                for (Node s : sources) {
                    if (s instanceof MappingNode) merged.addAll(((MappingNode) s).getValue());
                    else error(s, path, "a merge key (<<) needs a mapping, got " + describe(s));
                }
                continue;
            }
            if (f.map.containsKey(name)) {
                Mark first = f.map.get(name).getKeyNode().getStartMark();
                error(k, join(path, name), "duplicate key '" + name + "'"
                        + (first != null && !origin.containsKey(f.map.get(name).getKeyNode())
                        ? " (first defined at line " + (first.getLine() + 1) + ")" : ""));
                continue;
            }
            if (allowed != null && !allowed.contains(name)) {
                error(k, join(path, name), "unknown key '" + name + "'" + Models.suggestion(name, allowed)
                        + "; valid: " + String.join(", ", allowed));
                continue;
            }
            f.map.put(name, t);
        }
        for (NodeTuple t : merged) {
            if (!(t.getKeyNode() instanceof ScalarNode)) continue;
            String name = ((ScalarNode) t.getKeyNode()).getValue();
            if (f.map.containsKey(name)) continue;
            if (allowed != null && !allowed.contains(name)) {
                error(t.getKeyNode(), join(path, name), "unknown key '" + name + "'" + Models.suggestion(name, allowed)
                        + "; valid: " + String.join(", ", allowed));
                continue;
            }
            f.map.put(name, t);
        }
        return f;
    }

    private String scalar(Node n, String path, String what) {
        if (!(n instanceof ScalarNode)) {
            error(n, path, "expected " + what + ", got " + describe(n));
            return null;
        }
        if (isNull(n)) {
            error(n, path, "has no value; expected " + what);
            return null;
        }
        return ((ScalarNode) n).getValue().trim();
    }

    /** A whole number in [min, max], or null after reporting. */
    private Long integer(Node n, String path, long min, long max, String what) {
        String s = scalar(n, path, what);
        if (s == null) return null;
        BigDecimal v;
        try {
            v = new BigDecimal(s.replace("_", ""));
        } catch (NumberFormatException e) {
            error(n, path, "'" + s + "' is not a whole number; expected " + what);
            return null;
        }
        if (v.signum() != 0 && v.stripTrailingZeros().scale() > 0) {
            error(n, path, s + " is invalid: must be a whole number (" + what + ")");
            return null;
        }
        boolean low = v.compareTo(BigDecimal.valueOf(min)) < 0;
        if (low || v.compareTo(BigDecimal.valueOf(max)) > 0) {
            String range = max < 1_000_000_000L && min > -1_000_000_000L ? "in " + min + ".." + max
                    : low ? ">= " + min : "<= " + max;
            error(n, path, s + " is invalid: must be " + range);
            return null;
        }
        return v.longValueExact();
    }

    /** A quantity converted to {@code unit}, or NaN after reporting. */
    private double quantity(Node n, String path, String unit, String what) {
        String s = scalar(n, path, unitWords(unit, what));
        if (s == null) return Double.NaN;
        try {
            return Units.toInternal(s, unit, what);
        } catch (IllegalArgumentException e) {
            error(n, path, e.getMessage());
            return Double.NaN;
        }
    }

    private static String unitWords(String unit, String what) {
        Units.Dimension d = Units.dimensionOf(unit);
        if (d == null || d.plain()) return "a number (" + what + ")";
        return d.words() + " with a unit, e.g. " + Units.format(1, unit) + " (" + what + ")";
    }

    private Boolean bool(Node n, String path) {
        String s = scalar(n, path, "true or false");
        if (s == null) return null;
        switch (s.toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": case "1": return Boolean.TRUE;
            case "false": case "no": case "off": case "0": return Boolean.FALSE;
            default:
                error(n, path, "'" + s + "' is invalid: must be true or false");
                return null;
        }
    }

    private String name(Node n, String path, String what) {
        String s = scalar(n, path, what);
        if (s == null) return null;
        if (!NAME.matcher(s).matches()) {
            error(n, path, "'" + s + "' is invalid: " + what + " must start with a letter or '_' and contain only "
                    + "letters, digits, '_' and '-'");
            return null;
        }
        return s;
    }

    private List<Node> items(Node n) {
        return n instanceof SequenceNode ? ((SequenceNode) n).getValue() : List.of(n);
    }

    /** The range of a parameter in words, e.g. {@code must be > 0 ms}. */
    static String rangeText(ParamSpec s) {
        String u = s.unit().isEmpty() ? "" : " " + s.unit();
        if (s.kind() == ParamSpec.Kind.BOOL) return "must be true or false";
        double lo = s.min();
        double hi = s.max() >= Double.MAX_VALUE ? Double.POSITIVE_INFINITY : s.max();
        boolean loClosed = Double.isFinite(lo) && s.accepts(lo);
        boolean hiClosed = Double.isFinite(hi) && s.accepts(hi);
        String whole = s.kind() == ParamSpec.Kind.INT ? "a whole number " : "";
        if (lo == Double.NEGATIVE_INFINITY && hi == Double.POSITIVE_INFINITY) return "must be " + whole + "finite";
        if (hi == Double.POSITIVE_INFINITY) return "must be " + whole + (loClosed ? ">= " : "> ") + Units.number(lo) + u;
        if (lo == Double.NEGATIVE_INFINITY) return "must be " + whole + (hiClosed ? "<= " : "< ") + Units.number(hi) + u;
        return "must be " + whole + "in " + (loClosed ? "[" : "(") + Units.number(lo) + ", " + Units.number(hi)
                + (hiClosed ? "]" : ")") + u;
    }

    /** A parameter value in internal units, checked against its range, or NaN after reporting. */
    private double param(Node n, String path, ParamSpec s) {
        if (s.kind() == ParamSpec.Kind.BOOL) {
            Boolean b = bool(n, path);
            return b == null ? Double.NaN : (b ? 1 : 0);
        }
        double v = quantity(n, path, s.unit(), s.name());
        if (Double.isNaN(v)) return v;
        if (Double.compare(v, s.defaultValue()) != 0 && !s.accepts(v)) {
            error(n, path, ((ScalarNode) n).getValue().trim() + " is invalid: " + rangeText(s));
            return Double.NaN;
        }
        return v;
    }

    /** The text of a core message without its {@code 'key': } prefix. */
    static String coreMessage(ModelException e) {
        String m = e.getMessage();
        String pre = e.element() != null && !e.element().isEmpty() ? e.element() + ": " : "";
        if (m.startsWith(pre)) m = m.substring(pre.length());
        if (e.key() != null && m.startsWith("'" + e.key() + "': ")) m = m.substring(e.key().length() + 4);
        return m;
    }

    /** A constant or a distribution, in {@code unit}, checked by core's {@link Dist#validate}; null after reporting. */
    private Dist dist(Node n, String path, String unit, String what) {
        if (n instanceof ScalarNode) {
            double v = quantity(n, path, unit, what);
            if (Double.isNaN(v)) return null;
            if (!Double.isFinite(v)) {
                error(n, path, ((ScalarNode) n).getValue().trim() + " is invalid: must be finite");
                return null;
            }
            return Dist.constant(v);
        }
        List<String> allowed = new ArrayList<>(DISTS);
        allowed.add("clip");
        int before = problems.size();
        Fields f = fields(n, path, allowed, "a value or a distribution (" + String.join(", ", DISTS) + ")");
        if (f == null) return null;
        String kind = null;
        for (String d : DISTS) {
            if (f.has(d)) {
                if (kind != null) {
                    error(f.key(d), join(path, d), "two distributions given (" + kind + " and " + d + "); give one");
                    return null;
                }
                kind = d;
            }
        }
        if (kind == null) {
            if (problems.size() > before) return null; // an unknown key already said it
            error(n, path, "no distribution given; use one of " + String.join(", ", DISTS)
                    + ", e.g. {uniform: [" + Units.format(0, unit) + ", " + Units.format(1, unit) + "]}");
            return null;
        }
        String p = join(path, kind);
        Node a = f.get(kind);
        Dist d;
        switch (kind) {
            case "uniform": {
                Node[] ab = pair(a, p, "min", "max", "low", "high");
                if (ab == null) return null;
                double lo = quantity(ab[0], p, unit, what);
                double hi = quantity(ab[1], p, unit, what);
                if (Double.isNaN(lo) || Double.isNaN(hi)) return null;
                if (!(lo < hi)) {
                    error(a, p, "[" + text(ab[0]) + ", " + text(ab[1]) + "] is invalid: uniform needs min < max");
                    return null;
                }
                d = Dist.uniform(lo, hi);
                break;
            }
            case "normal": {
                Node[] ab = pair(a, p, "mean", "std", "mu", "sigma");
                if (ab == null) return null;
                double mean = quantity(ab[0], p, unit, what);
                double std = quantity(ab[1], p, unit, what);
                if (Double.isNaN(mean) || Double.isNaN(std)) return null;
                if (!(std >= 0)) {
                    error(ab[1], p + ".std", text(ab[1]) + " is invalid: a standard deviation must be >= 0");
                    return null;
                }
                d = Dist.normal(mean, std);
                break;
            }
            case "lognormal": {
                Node[] ab = pair(a, p, "mu", "sigma", "mu", "sigma");
                if (ab == null) return null;
                double mu = quantity(ab[0], p + ".mu", "", "mu (log of the value in " + (unit.isEmpty() ? "units" : unit) + ")");
                double sigma = quantity(ab[1], p + ".sigma", "", "sigma");
                if (Double.isNaN(mu) || Double.isNaN(sigma)) return null;
                d = Dist.lognormal(mu, sigma);
                break;
            }
            default: {
                Node m = a;
                if (a instanceof MappingNode) {
                    Fields g = fields(a, p, List.of("mean", "beta"), "{mean: ...}");
                    if (g == null) return null;
                    m = g.has("mean") ? g.get("mean") : g.get("beta");
                    if (m == null) {
                        error(a, p, "missing 'mean'");
                        return null;
                    }
                }
                double mean = quantity(m, p, unit, what);
                if (Double.isNaN(mean)) return null;
                if (!(mean > 0)) {
                    error(m, p, text(m) + " is invalid: the mean of an exponential must be > 0");
                    return null;
                }
                d = Dist.exponential(mean);
                break;
            }
        }
        if (f.has("clip")) {
            Node c = f.get("clip");
            Node[] lh = pair(c, join(path, "clip"), "low", "high", "min", "max");
            if (lh == null) return null;
            double lo = quantity(lh[0], join(path, "clip"), unit, what);
            double hi = quantity(lh[1], join(path, "clip"), unit, what);
            if (Double.isNaN(lo) || Double.isNaN(hi)) return null;
            d = d.clip(lo, hi);
        }
        try {
            d.validate(null, what);
        } catch (ModelException e) {
            error(n, path, coreMessage(e));
            return null;
        }
        return d;
    }

    /** Two values given as {@code [a, b]} or {@code {ka: a, kb: b}} (or the alternative names). */
    private Node[] pair(Node n, String path, String ka, String kb, String altA, String altB) {
        if (n instanceof SequenceNode) {
            List<Node> v = ((SequenceNode) n).getValue();
            if (v.size() != 2) {
                error(n, path, "expected two values [" + ka + ", " + kb + "], got " + v.size());
                return null;
            }
            return new Node[] {v.get(0), v.get(1)};
        }
        List<String> keys = new ArrayList<>(List.of(ka, kb));
        if (!keys.contains(altA)) keys.add(altA);
        if (!keys.contains(altB)) keys.add(altB);
        Fields f = fields(n, path, keys, "[" + ka + ", " + kb + "] or {" + ka + ": ..., " + kb + ": ...}");
        if (f == null) return null;
        Node a = f.has(ka) ? f.get(ka) : f.get(altA);
        Node b = f.has(kb) ? f.get(kb) : f.get(altB);
        if (a == null || b == null) {
            error(n, path, "missing '" + (a == null ? ka : kb) + "'; expected {" + ka + ": ..., " + kb + ": ...}");
            return null;
        }
        return new Node[] {a, b};
    }

    /** A list of times in ms (positive multiples of dt, strictly increasing), or null after reporting. */
    private double[] spikeTrain(Node n, String path) {
        if (!(n instanceof SequenceNode)) {
            error(n, path, "expected a list of spike times, e.g. [10 ms, 20.5 ms], got " + describe(n));
            return null;
        }
        List<Node> v = ((SequenceNode) n).getValue();
        double[] t = new double[v.size()];
        boolean ok = true;
        for (int i = 0; i < t.length; i++) {
            String p = join(path, Integer.toString(i));
            t[i] = quantity(v.get(i), p, "ms", "a spike time");
            if (Double.isNaN(t[i])) {
                ok = false;
                continue;
            }
            long k = Math.round(t[i] / dt);
            if (!(t[i] > 0) || Double.isInfinite(t[i]) || k < 1 || Math.abs(t[i] - k * dt) > 1e-9 * t[i]) {
                error(v.get(i), p, text(v.get(i)) + " is invalid: must be a positive multiple of dt = "
                        + Units.format(dt, "ms"));
                ok = false;
            } else if (i > 0 && !Double.isNaN(t[i - 1]) && Math.round(t[i - 1] / dt) >= k) {
                error(v.get(i), p, text(v.get(i)) + " is invalid: spike times must increase (one spike per step); "
                        + "it follows " + Units.format(t[i - 1], "ms"));
                ok = false;
            }
        }
        return ok ? t : null;
    }

    private static String text(Node n) {
        return n instanceof ScalarNode ? ((ScalarNode) n).getValue().trim() : describe(n);
    }

    /** A delay (constant or distribution) that rounds to 1..65535 steps of dt; null after reporting. */
    private Dist delay(Node n, String path) {
        if (n == null) return Dist.constant(DEFAULT_DELAY);
        Dist d = dist(n, path, "ms", "delay");
        if (d == null) return null;
        double max = Network.MAX_DELAY_STEPS * dt;
        String range = "must be >= dt = " + Units.format(dt, "ms") + " and <= " + Units.format(max, "ms");
        if (d.lowerBound() < dt * (1 - 1e-9)) {
            error(n, path, text(n) + " is invalid: " + range
                    + (d.isConstant() ? "" : " (this distribution can go below dt; restrict it with clip)"));
            return null;
        }
        if (d.upperBound() / dt > Network.MAX_DELAY_STEPS + 0.5) {
            error(n, path, text(n) + " is invalid: " + range
                    + (d.isConstant() ? "" : " (this distribution is unbounded; restrict it with clip)"));
            return null;
        }
        return d;
    }

    /** Neuron indices of a population: {@code all} (null) or a list of distinct indices in range. */
    private int[] neurons(Node n, String path, PopulationSpec pop, boolean allowAll) {
        if (allowAll && n instanceof ScalarNode && "all".equals(((ScalarNode) n).getValue().trim())) return null;
        if (!(n instanceof SequenceNode)) {
            error(n, path, "expected a list of neuron indices" + (allowAll ? " or 'all'" : "") + ", got " + describe(n));
            return new int[0];
        }
        List<Node> v = ((SequenceNode) n).getValue();
        int[] out = new int[v.size()];
        int max = pop == null || pop.size() < 1 ? Integer.MAX_VALUE : pop.size() - 1;
        for (int i = 0; i < out.length; i++) {
            Long k = integer(v.get(i), join(path, Integer.toString(i)), 0, max,
                    "a neuron index" + (pop == null ? "" : " of '" + pop.name() + "' (size " + pop.size() + ")"));
            out[i] = k == null ? 0 : k.intValue();
        }
        return out;
    }

    // ------------------------------------------------------------------ the document

    private ModelSpec document(MappingNode root, String text, List<String> overrides) {
        Fields f = fields(root, "", TOP_KEYS, "a model");
        String stem = file.replaceAll("^.*[/\\\\]", "").replaceAll("\\.[^.]*$", "");
        String name = stem.isEmpty() ? "model" : stem;
        if (f.has("name")) {
            String s = scalar(f.get("name"), "name", "a name");
            if (s != null) name = s;
        }
        if (f.has("description")) scalar(f.get("description"), "description", "a text");
        if (f.has("dt")) {
            double v = quantity(f.get("dt"), "dt", "ms", "dt");
            if (!Double.isNaN(v)) {
                if (!(v > 0) || Double.isInfinite(v)) error(f.get("dt"), "dt", text(f.get("dt")) + " is invalid: must be > 0 ms and finite");
                else dt = v;
            }
        }
        double duration = DEFAULT_DURATION;
        if (f.has("duration")) {
            double v = quantity(f.get("duration"), "duration", "ms", "duration");
            long k = Math.round(v / dt);
            if (!Double.isNaN(v)) {
                if (!(v >= 0) || Double.isInfinite(v) || Math.abs(k * dt - v) > 1e-9 * Math.max(1, v)) {
                    error(f.get("duration"), "duration", text(f.get("duration")) + " is invalid: must be a non-negative "
                            + "multiple of dt = " + Units.format(dt, "ms"));
                } else {
                    duration = v;
                }
            }
        }
        long seed = DEFAULT_SEED;
        if (f.has("seed")) {
            Long s = integer(f.get("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE, "a whole number");
            if (s != null) seed = s;
        }
        int threads = 0;
        if (f.has("threads")) {
            Node t = f.get("threads");
            if (!(t instanceof ScalarNode && "auto".equals(((ScalarNode) t).getValue().trim()))) {
                Long v = integer(t, "threads", 1, 1024, "a number of threads in 1..1024, or auto");
                if (v != null) threads = v.intValue();
            }
        }
        populations(f.get("populations"), f.key("populations"));
        List<ProjectionSpec> projections = new ArrayList<>();
        if (f.has("projections")) projections(f.get("projections"), projections);
        List<StimulusSpec> stimuli = new ArrayList<>();
        if (f.has("stimuli")) stimuli(f.get("stimuli"), stimuli);
        RecordSpec record = record(f.get("record"));
        return new ModelSpec(file, text, overrides, name, dt, duration, seed, threads, new ArrayList<>(pops.values()),
                projections, stimuli, record, origin);
    }

    private void populations(Node n, Node keyNode) {
        if (n == null) {
            error(keyNode, "populations", "missing 'populations': a model needs at least one population, e.g. "
                    + "populations: {E: {model: iaf_psc_delta, size: 100}}");
            return;
        }
        if (n instanceof SequenceNode) { // list form: [{name: E, model: ...}, ...]
            List<String> keys = new ArrayList<>(POP_KEYS);
            keys.add(0, "name");
            for (Node item : ((SequenceNode) n).getValue()) {
                Fields g = fields(item, "populations", keys, "a population");
                if (g == null) continue;
                if (!g.has("name")) {
                    error(item, "populations", "missing 'name'");
                    continue;
                }
                String name = name(g.get("name"), "populations.name", "a population name");
                if (name == null) continue;
                if (popNodes.containsKey(name)) {
                    Mark first = popNodes.get(name).getStartMark();
                    error(g.get("name"), "populations." + name, "duplicate population name '" + name + "'"
                            + (first != null ? " (first defined at line " + (first.getLine() + 1) + ")" : ""));
                    continue;
                }
                popNodes.put(name, item);
                population(name, item, g);
            }
            return;
        }
        Fields f = fields(n, "populations", null, "populations by name");
        if (f == null) return;
        if (f.map.isEmpty()) {
            error(n, "populations", "no populations defined; a model needs at least one");
            return;
        }
        for (Map.Entry<String, NodeTuple> e : f.map.entrySet()) {
            String name = name(e.getValue().getKeyNode(), "populations." + e.getKey(), "a population name");
            if (name == null) continue;
            Node item = e.getValue().getValueNode();
            popNodes.put(name, item);
            Fields g = fields(item, "populations." + name, POP_KEYS, "a population");
            if (g != null) population(name, item, g);
        }
    }

    private void population(String name, Node node, Fields g) {
        String path = "populations." + name;
        if (!g.has("model")) {
            error(node, path, "missing 'model'; known: " + String.join(", ", Catalog.neuronModels()));
            return;
        }
        String modelName = scalar(g.get("model"), join(path, "model"), "a neuron model name");
        if (modelName == null) return;
        boolean spikeGen = Catalog.SPIKE_GENERATOR.equals(modelName);
        NeuronModel model = null;
        if (!spikeGen) {
            if (!Models.neuronNames().contains(modelName)) {
                error(g.get("model"), join(path, "model"), "unknown neuron model '" + modelName + "'"
                        + Models.suggestion(modelName, Catalog.neuronModels()) + "; known: "
                        + String.join(", ", Catalog.neuronModels()));
                return;
            }
            model = Models.neuron(modelName);
        }
        int size = -1;
        if (g.has("size")) {
            Long s = integer(g.get("size"), join(path, "size"), 1, Integer.MAX_VALUE - 64, "a number of neurons");
            if (s != null) size = s.intValue();
        } else if (!spikeGen) {
            error(node, path, "missing 'size' (the number of neurons)");
        }
        double[] params = model == null ? new double[0] : model.defaults();
        double[][] trains = null;
        boolean shared = false;
        boolean paramsOk = true;
        Fields ps = null;
        if (g.has("params")) {
            String pp = join(path, "params");
            List<String> valid = new ArrayList<>();
            if (model != null) for (ParamSpec s : model.parameters()) valid.add(s.name());
            else valid.add("spike_times");
            ps = fields(g.get("params"), pp, null, "parameters by name");
            if (ps == null) {
                paramsOk = false;
            } else {
                for (Map.Entry<String, NodeTuple> e : ps.map.entrySet()) {
                    String k = e.getKey();
                    Node v = e.getValue().getValueNode();
                    if (!valid.contains(k)) {
                        error(e.getValue().getKeyNode(), join(pp, k), "unknown parameter '" + k + "' of " + modelName
                                + Models.suggestion(k, valid) + "; valid: "
                                + (valid.isEmpty() ? "none (" + modelName + " has no parameters)" : String.join(", ", valid)));
                        paramsOk = false;
                        continue;
                    }
                    if (model == null) {
                        // spike_times: one train for every neuron, or one list per neuron
                        boolean perNeuron = v instanceof SequenceNode && !((SequenceNode) v).getValue().isEmpty()
                                && ((SequenceNode) v).getValue().get(0) instanceof SequenceNode;
                        if (perNeuron) {
                            List<Node> lists = ((SequenceNode) v).getValue();
                            trains = new double[lists.size()][];
                            for (int i = 0; i < trains.length; i++) {
                                trains[i] = spikeTrain(lists.get(i), join(join(pp, k), Integer.toString(i)));
                                if (trains[i] == null) paramsOk = false;
                            }
                        } else {
                            double[] t = spikeTrain(v, join(pp, k));
                            if (t == null) paramsOk = false;
                            trains = new double[][] {t};
                            shared = true;
                        }
                        continue;
                    }
                    double x = param(v, join(pp, k), model.parameters().get(model.paramIndex(k)));
                    if (Double.isNaN(x)) paramsOk = false;
                    else params[model.paramIndex(k)] = x;
                }
            }
        }
        if (spikeGen) {
            if (trains == null) {
                error(node, path, "missing 'params.spike_times': a spike_generator needs its spike times, e.g. "
                        + "params: {spike_times: [10 ms, 20 ms]}");
                return;
            }
            if (!shared) {
                if (size < 0 && !g.has("size")) size = trains.length;
                else if (size >= 0 && size != trains.length) {
                    error(g.get("size"), join(path, "size"), size + " is invalid: must be " + trains.length
                            + " (one neuron per spike train in params.spike_times)");
                }
            } else if (size < 0 && !g.has("size")) {
                error(node, path, "missing 'size': one train in params.spike_times is repeated by 'size' neurons");
            }
        }
        Map<String, Dist> initial = new LinkedHashMap<>();
        if (g.has("initial")) {
            String ip = join(path, "initial");
            Fields is = fields(g.get("initial"), ip, null, "initial values by state variable");
            if (is != null) {
                List<String> vars = model == null ? List.of() : model.stateVariables();
                for (Map.Entry<String, NodeTuple> e : is.map.entrySet()) {
                    String k = e.getKey();
                    int idx = model == null ? -1 : model.stateIndex(k);
                    if (idx < 0) {
                        error(e.getValue().getKeyNode(), join(ip, k), "unknown state variable '" + k + "' of " + modelName
                                + Models.suggestion(k, vars) + "; valid: "
                                + (vars.isEmpty() ? "none" : String.join(", ", vars)));
                        continue;
                    }
                    Node vn = e.getValue().getValueNode();
                    Dist d = dist(vn, join(ip, k), model.stateUnit(idx), k);
                    if (d != null && NeuronModel.STEPS.equals(model.stateUnit(idx))
                            && !(d.isConstant() && NeuronModel.isStepCount(d.a()))) {
                        // a counter the kernels count down to 0: the build would refuse it too
                        error(vn, join(ip, k), (d.isConstant() ? text(vn) : "a distribution") + " is invalid: " + k
                                + " counts steps, so it must be a whole number from 0 to " + Integer.MAX_VALUE);
                        continue;
                    }
                    if (d != null) initial.put(k, d);
                }
            }
        }
        if (model != null && paramsOk) {
            try {
                model.validate(null, params, dt);
            } catch (ModelException e) {
                Node at = ps != null && e.key() != null && ps.has(e.key()) ? ps.get(e.key()) : node;
                String field = e.key() != null && model.paramIndex(e.key()) >= 0 ? join(path, "params." + e.key()) : path;
                error(at, field, coreMessage(e));
            }
        }
        if (size < 1) return;
        pops.put(name, new PopulationSpec(name, modelName, model, size, params, initial, trains, shared, node));
    }

    /** A population reference; reports an unknown name with the closest defined ones. */
    private PopulationSpec reference(Node n, String path) {
        String s = scalar(n, path, "a population name");
        if (s == null) return null;
        if (!popNodes.containsKey(s)) {
            error(n, path, "unknown population '" + s + "'" + Models.suggestion(s, popNodes.keySet()) + "; defined: "
                    + (popNodes.isEmpty() ? "none" : String.join(", ", popNodes.keySet())));
            return null;
        }
        return pops.get(s); // null if the population itself is invalid (already reported)
    }

    private static final class ConnectArgs {
        Connect.Rule rule;
        final Map<String, Node> nodes = new LinkedHashMap<>();
        double p;
        long n;
        int[] sources;
        int[] targets;
        Node weightsNode;
        String argPath;
        double[] delays;
        boolean autapses = true;
        boolean multapses = true;
        Node node;
    }

    private ConnectArgs connect(Node n, String path) {
        ConnectArgs c = new ConnectArgs();
        c.node = n;
        List<String> rules = Catalog.connectionRules();
        if (n instanceof ScalarNode) {
            String s = scalar(n, path, "a connection rule");
            if (s == null) return null;
            c.rule = Catalog.rule(s);
            if (c.rule == null) {
                error(n, path, "unknown connection rule '" + s + "'" + Models.suggestion(s, rules) + "; valid: "
                        + String.join(", ", rules));
                return null;
            }
            if (Catalog.mainArgument(c.rule) != null || c.rule == Connect.Rule.EXPLICIT) {
                error(n, path, s + " needs its argument"
                        + (c.rule == Connect.Rule.EXPLICIT ? "s (sources, targets)" : " " + Catalog.mainArgument(c.rule))
                        + ", e.g. {" + s + ": " + example(c.rule) + "}");
                return null;
            }
            return c;
        }
        List<String> allowed = new ArrayList<>(List.of("rule", "p", "indegree", "outdegree", "N", "sources", "targets",
                "weights", "delays", "allow_autapses", "allow_multapses"));
        allowed.addAll(rules);
        int before = problems.size();
        Fields f = fields(n, path, allowed, "a connection rule with its arguments");
        if (f == null) return null;
        Node mainNode = null;
        if (f.has("rule")) {
            String s = scalar(f.get("rule"), join(path, "rule"), "a connection rule");
            if (s == null) return null;
            c.rule = Catalog.rule(s);
            if (c.rule == null) {
                error(f.get("rule"), join(path, "rule"), "unknown connection rule '" + s + "'" + Models.suggestion(s, rules)
                        + "; valid: " + String.join(", ", rules));
                return null;
            }
        }
        for (String r : rules) {
            if (!f.has(r)) continue;
            if (c.rule != null) {
                error(f.key(r), join(path, r), "two rules given (" + c.rule.nestName() + " and " + r + "); give one");
                return null;
            }
            c.rule = Catalog.rule(r);
            mainNode = f.get(r);
        }
        if (c.rule == null) {
            if (problems.size() > before) return null; // an unknown key already said it
            error(n, path, "no connection rule; valid: " + String.join(", ", rules) + ", e.g. {fixed_indegree: 100}");
            return null;
        }
        String rn = c.rule.nestName();
        List<String> args = Catalog.ruleArguments(rn);
        for (String k : f.map.keySet()) {
            if (k.equals("rule") || k.equals(rn) || args.contains(k)) continue;
            error(f.key(k), join(path, k), "'" + k + "' is not an argument of " + rn + "; its arguments: "
                    + String.join(", ", args));
        }
        String main = Catalog.mainArgument(c.rule);
        if (main != null) {
            Node a = mainNode != null && !isNull(mainNode) ? mainNode : f.get(main);
            String ap = join(path, mainNode != null ? rn : main);
            if (a == null || (mainNode != null && isNull(mainNode) && !f.has(main))) {
                error(n, path, rn + " needs '" + main + "', e.g. {" + rn + ": " + example(c.rule) + "}");
                return null;
            }
            c.nodes.put(main, a);
            c.argPath = ap;
            if (c.rule == Connect.Rule.PAIRWISE_BERNOULLI) {
                double p = quantity(a, ap, "", "p (a probability)");
                if (Double.isNaN(p)) return null;
                if (!(p >= 0 && p <= 1)) {
                    error(a, ap, text(a) + " is invalid: must be in [0, 1]");
                    return null;
                }
                c.p = p;
            } else {
                long max = c.rule == Connect.Rule.FIXED_TOTAL_NUMBER ? Long.MAX_VALUE : Integer.MAX_VALUE;
                Long k = integer(a, ap, 0, max, "a number of synapses");
                if (k == null) return null;
                c.n = k;
            }
        } else if (c.rule == Connect.Rule.EXPLICIT) {
            if (mainNode != null && !isNull(mainNode)) { // {explicit: [[s, t], ...]}
                if (!(mainNode instanceof SequenceNode)) {
                    error(mainNode, join(path, rn), "expected a list of [source, target] pairs, got " + describe(mainNode));
                    return null;
                }
                List<Node> pairs = ((SequenceNode) mainNode).getValue();
                c.sources = new int[pairs.size()];
                c.targets = new int[pairs.size()];
                for (int i = 0; i < pairs.size(); i++) {
                    Node pr = pairs.get(i);
                    String pp = join(join(path, rn), Integer.toString(i));
                    if (!(pr instanceof SequenceNode) || ((SequenceNode) pr).getValue().size() != 2) {
                        error(pr, pp, "expected a [source, target] pair, got " + describe(pr));
                        return null;
                    }
                    Long s = integer(((SequenceNode) pr).getValue().get(0), pp, 0, Integer.MAX_VALUE, "a source index");
                    Long t = integer(((SequenceNode) pr).getValue().get(1), pp, 0, Integer.MAX_VALUE, "a target index");
                    if (s == null || t == null) return null;
                    c.sources[i] = s.intValue();
                    c.targets[i] = t.intValue();
                }
                c.nodes.put("sources", mainNode);
                c.nodes.put("targets", mainNode);
            } else {
                if (!f.has("sources") || !f.has("targets")) {
                    error(n, path, "explicit needs 'sources' and 'targets' (lists of indices of equal length), or "
                            + "{explicit: [[source, target], ...]}");
                    return null;
                }
                c.sources = indices(f.get("sources"), join(path, "sources"));
                c.targets = indices(f.get("targets"), join(path, "targets"));
                if (c.sources == null || c.targets == null) return null;
                c.nodes.put("sources", f.get("sources"));
                c.nodes.put("targets", f.get("targets"));
                if (c.sources.length != c.targets.length) {
                    error(f.get("targets"), join(path, "targets"), c.targets.length + " targets for " + c.sources.length
                            + " sources; the lists must have equal length");
                    return null;
                }
            }
            if (f.has("weights")) {
                c.weightsNode = f.get("weights");
                if (!(c.weightsNode instanceof SequenceNode) || ((SequenceNode) c.weightsNode).getValue().size() != c.sources.length) {
                    error(c.weightsNode, join(path, "weights"), "expected a list of " + c.sources.length
                            + " weights (one per pair), got " + (c.weightsNode instanceof SequenceNode
                            ? ((SequenceNode) c.weightsNode).getValue().size() + " values" : describe(c.weightsNode)));
                    return null;
                }
            }
            if (f.has("delays")) {
                Node dn = f.get("delays");
                if (!(dn instanceof SequenceNode) || ((SequenceNode) dn).getValue().size() != c.sources.length) {
                    error(dn, join(path, "delays"), "expected a list of " + c.sources.length + " delays (one per pair), got "
                            + (dn instanceof SequenceNode ? ((SequenceNode) dn).getValue().size() + " values" : describe(dn)));
                    return null;
                }
                List<Node> v = ((SequenceNode) dn).getValue();
                c.delays = new double[v.size()];
                for (int i = 0; i < v.size(); i++) {
                    Dist d = delay(v.get(i), join(join(path, "delays"), Integer.toString(i)));
                    if (d == null || !d.isConstant()) return null;
                    c.delays[i] = d.a();
                }
            }
        }
        if (f.has("allow_autapses")) {
            Boolean b = bool(f.get("allow_autapses"), join(path, "allow_autapses"));
            if (b == null) return null;
            c.autapses = b;
        }
        if (f.has("allow_multapses")) {
            Boolean b = bool(f.get("allow_multapses"), join(path, "allow_multapses"));
            if (b == null) return null;
            c.multapses = b;
        }
        return c;
    }

    private static String example(Connect.Rule r) {
        switch (r) {
            case PAIRWISE_BERNOULLI: return "0.1";
            case FIXED_INDEGREE: return "100";
            case FIXED_OUTDEGREE: return "100";
            case FIXED_TOTAL_NUMBER: return "1000";
            default: return "[[0, 1], [1, 0]]";
        }
    }

    private int[] indices(Node n, String path) {
        if (!(n instanceof SequenceNode)) {
            error(n, path, "expected a list of neuron indices, got " + describe(n));
            return null;
        }
        List<Node> v = ((SequenceNode) n).getValue();
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            Long k = integer(v.get(i), join(path, Integer.toString(i)), 0, Integer.MAX_VALUE, "a neuron index");
            if (k == null) return null;
            out[i] = k.intValue();
        }
        return out;
    }

    private void projections(Node n, List<ProjectionSpec> out) {
        if (!(n instanceof SequenceNode)) {
            error(n, "projections", "expected a list of projections, e.g. - {from: E, to: I, connect: {fixed_indegree: 100}, "
                    + "weight: 0.1 mV}; got " + describe(n));
            return;
        }
        List<Node> list = ((SequenceNode) n).getValue();
        for (int i = 0; i < list.size(); i++) {
            String path = "projections." + i;
            Fields f = fields(list.get(i), path, PROJ_KEYS, "a projection");
            if (f == null) continue;
            boolean ok = true;
            for (String req : List.of("from", "to", "connect", "weight")) {
                if (!f.has(req)) {
                    error(list.get(i), path, "missing '" + req + "'" + ("connect".equals(req) ? "; rules: "
                            + String.join(", ", Catalog.connectionRules()) : ""));
                    ok = false;
                }
            }
            if (!ok) continue;
            PopulationSpec src = reference(f.get("from"), join(path, "from"));
            List<PopulationSpec> tgts = new ArrayList<>();
            List<Node> tgtNodes = new ArrayList<>();
            for (Node t : items(f.get("to"))) {
                PopulationSpec p = reference(t, join(path, "to"));
                tgts.add(p);
                tgtNodes.add(t);
            }
            ConnectArgs c = connect(f.get("connect"), join(path, "connect"));
            Synapse.Model syn = Synapse.Model.STATIC;
            String synName = "static_synapse";
            double[] tso = new double[0];
            Plasticity rule = null;
            VolumeTransmitterSpec vt = null;
            if (f.has("synapse")) {
                Node sn = f.get("synapse");
                String sp = join(path, "synapse");
                Node modelNode = sn;
                Fields sf = null;
                if (!(sn instanceof ScalarNode)) {
                    sf = fields(sn, sp, SYN_KEYS, "a synapse model");
                    if (sf == null) continue;
                    modelNode = sf.get("model");
                    if (modelNode == null) {
                        error(sn, sp, "missing 'model'; known: " + String.join(", ", Catalog.synapseModels()));
                        continue;
                    }
                }
                String s = scalar(modelNode, join(sp, sf == null ? "" : "model").replaceAll("\\.$", ""), "a synapse model");
                if (s == null) continue;
                syn = Catalog.synapseModel(s);
                if (syn == null) {
                    error(modelNode, sf == null ? sp : join(sp, "model"), "unknown synapse model '" + s + "'"
                            + Models.suggestion(s, Catalog.synapseModels()) + "; known: "
                            + String.join(", ", Catalog.synapseModels()));
                    continue;
                }
                synName = s;
                List<ParamSpec> specs = Catalog.synapseParameters(s);
                tso = new double[specs.size()];
                for (int k = 0; k < tso.length; k++) tso[k] = specs.get(k).defaultValue();
                Fields pf = null;
                if (sf != null && sf.has("params")) {
                    List<String> valid = new ArrayList<>();
                    for (ParamSpec ps : specs) valid.add(ps.name());
                    pf = fields(sf.get("params"), join(sp, "params"), null, "synapse parameters by name");
                    if (pf == null) continue;
                    for (Map.Entry<String, NodeTuple> e : pf.map.entrySet()) {
                        String k = e.getKey();
                        String kp = join(join(sp, "params"), k);
                        int idx = valid.indexOf(k);
                        if (idx < 0) {
                            error(e.getValue().getKeyNode(), kp, "unknown parameter '" + k + "' of " + s
                                    + Models.suggestion(k, valid) + "; valid: "
                                    + (valid.isEmpty() ? "none (" + s + " has no parameters)" : String.join(", ", valid)));
                            ok = false;
                            continue;
                        }
                        double v = param(e.getValue().getValueNode(), kp, specs.get(idx));
                        if (Double.isNaN(v)) ok = false;
                        else tso[idx] = v;
                    }
                    if (ok && syn == Synapse.Model.TSODYKS) {
                        Node at = pf.node;
                        if (!(tso[0] > 0)) {
                            error(pf.has("U") ? pf.get("U") : at, join(sp, "params.U"), Units.number(tso[0])
                                    + " is invalid: must be in (0, 1]");
                            ok = false;
                        }
                        if (tso[1] == tso[2]) {
                            error(pf.has("tau_psc") ? pf.get("tau_psc") : at, join(sp, "params.tau_psc"),
                                    Units.format(tso[1], "ms") + " is invalid: must differ from tau_rec");
                            ok = false;
                        }
                        if (tso[4] + tso[5] > 1) {
                            error(pf.has("y") ? pf.get("y") : at, join(sp, "params.y"), "x + y = "
                                    + Units.number(tso[4] + tso[5]) + " is invalid: must be <= 1");
                            ok = false;
                        }
                    }
                }
                boolean modulated = Catalog.usesVolumeTransmitter(s);
                if (sf != null && sf.has("volume_transmitter")) {
                    String vp = join(sp, "volume_transmitter");
                    if (!modulated) {
                        List<String> m = Catalog.modulatedSynapseModels();
                        error(sf.key("volume_transmitter"), vp, s + " takes no volume transmitter; models that do: "
                                + (m.isEmpty() ? "none" : String.join(", ", m)));
                        ok = false;
                    } else {
                        vt = volumeTransmitter(sf.get("volume_transmitter"), vp);
                        if (vt == null) ok = false;
                    }
                } else if (modulated) {
                    error(sn, sp, "missing 'volume_transmitter': " + s + " is modulated by the spikes of a population, "
                            + "e.g. volume_transmitter: {population: DA, delay: 1 ms}");
                    ok = false;
                }
                if (ok && syn == Synapse.Model.PLASTIC) {
                    try {
                        // a modulated rule is created with a stand-in of its volume transmitter's population
                        rule = Catalog.rule(s, tso, vt == null ? null : vt.standIn(dt));
                        rule.validate(null, dt);
                    } catch (ModelException e) {
                        boolean given = pf != null && e.key() != null && pf.has(e.key());
                        error(given ? pf.get(e.key()) : sn, given ? join(sp, "params." + e.key()) : sp, coreMessage(e));
                        ok = false;
                    }
                }
            }
            Dist delay = delay(f.get("delay"), join(path, "delay"));
            String receptor = null;
            if (f.has("receptor")) {
                receptor = scalar(f.get("receptor"), join(path, "receptor"), "a receptor port name");
                if ("auto".equals(receptor)) receptor = null;
            }
            if (!ok || c == null || src == null || delay == null) continue;
            for (int k = 0; k < tgts.size(); k++) {
                PopulationSpec t = tgts.get(k);
                if (t == null) continue;
                ProjectionSpec ps = target(path, f, c, src, t, tgtNodes.get(k), syn, synName, tso, vt, rule, delay,
                        receptor);
                if (ps != null) out.add(ps);
            }
        }
    }

    /**
     * A synapse block's {@code volume_transmitter}: a population name, or {@code {population: NAME,
     * delay: 1 ms, interval: 1 ms}}, or with {@code sources: {DA: 1, PUN: -1}} (weighted populations,
     * the first of weight 1) instead of {@code population} (delay default 0 ms, interval default auto
     * = every exchange interval); delay and interval are checked by the core's rules. Null after
     * reporting.
     */
    private VolumeTransmitterSpec volumeTransmitter(Node n, String path) {
        Fields f = null;
        boolean ok = true;
        List<String> names = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        if (n instanceof ScalarNode) {
            ok = reference(n, path) != null;
            if (ok) names.add(((ScalarNode) n).getValue().trim());
            weights.add(1.0);
        } else {
            f = fields(n, path, VT_KEYS, "a volume transmitter");
            if (f == null) return null;
            if (f.has("population") && f.has("sources")) {
                error(f.key("sources"), join(path, "sources"), "give either 'population' (one source) or 'sources' "
                        + "(weighted sources), not both");
                return null;
            }
            if (f.has("population")) {
                ok = reference(f.get("population"), join(path, "population")) != null;
                if (ok) names.add(((ScalarNode) f.get("population")).getValue().trim());
                weights.add(1.0);
            } else if (f.has("sources")) {
                ok = sources(f.get("sources"), join(path, "sources"), names, weights);
            } else {
                error(n, path, "missing 'population' (the modulatory population whose spikes it collects), "
                        + "e.g. {population: DA, delay: 1 ms}, or 'sources' (populations with weights), "
                        + "e.g. {sources: {DA: 1, PUN: -1}}");
                return null;
            }
        }
        double delay = VolumeTransmitterSpec.DEFAULT_DELAY;
        double interval = VolumeTransmitterSpec.DEFAULT_INTERVAL;
        if (f != null && f.has("delay")) {
            delay = quantity(f.get("delay"), join(path, "delay"), "ms", "delay");
            if (Double.isNaN(delay)) ok = false;
        }
        if (f != null && f.has("interval")) {
            Node iv = f.get("interval");
            if (!(iv instanceof ScalarNode && "auto".equals(((ScalarNode) iv).getValue().trim()))) {
                interval = quantity(iv, join(path, "interval"), "ms", "interval (or auto)");
                if (Double.isNaN(interval)) ok = false;
            }
        }
        if (!Double.isNaN(delay) && !Double.isNaN(interval)) {
            try {
                VolumeTransmitterSpec.check(delay, interval, dt);
            } catch (ModelException e) {
                String k = "vt delay".equals(e.key()) ? "delay" : "interval";
                error(f != null && f.has(k) ? f.get(k) : n, join(path, k), coreMessage(e));
                ok = false;
            }
        }
        if (!ok) return null;
        double[] w = new double[weights.size()];
        for (int i = 0; i < w.length; i++) w[i] = weights.get(i);
        return new VolumeTransmitterSpec(names.toArray(new String[0]), w, delay, interval, n);
    }

    /**
     * A volume transmitter's {@code sources}: a mapping from population names to plain-number weights,
     * finite and non-zero, the first 1 (core's {@code VolumeTransmitter.of(p)} gives its first source
     * weight 1, {@code and(p, w)} the others {@code w}). False after reporting.
     */
    private boolean sources(Node n, String path, List<String> names, List<Double> weights) {
        String what = "source populations with their weights, e.g. {DA: 1, PUN: -1}";
        Fields sf = fields(n, path, null, what);
        if (sf == null) return false;
        if (sf.map.isEmpty()) {
            error(n, path, "expected at least one source: " + what);
            return false;
        }
        boolean ok = true;
        for (Map.Entry<String, NodeTuple> e : sf.map.entrySet()) {
            String kp = join(path, e.getKey());
            Node vn = e.getValue().getValueNode();
            boolean known = reference(e.getValue().getKeyNode(), kp) != null;
            double w = quantity(vn, kp, "", "the weight of source " + e.getKey());
            if (Double.isNaN(w)) {
                ok = false;
            } else if (!(w != 0 && Double.isFinite(w))) {
                error(vn, kp, text(vn) + " is invalid: a source's weight must be finite and non-zero");
                ok = false;
            } else if (names.isEmpty() && w != 1) {
                error(vn, kp, text(vn) + " is invalid: the first source's weight must be 1 (the others may be any finite, "
                        + "non-zero value); list a source of weight 1 first");
                ok = false;
            }
            if (!known) ok = false;
            names.add(e.getKey());
            weights.add(w);
        }
        return ok;
    }

    private ProjectionSpec target(String path, Fields f, ConnectArgs c, PopulationSpec src, PopulationSpec t, Node toNode,
                                  Synapse.Model syn, String synName, double[] tso, VolumeTransmitterSpec vt,
                                  Plasticity rule, Dist delay, String receptor) {
        String tp = join(path, "to");
        if (t.isSpikeGenerator() || Catalog.weightUnit(t.model()) == null) {
            error(toNode, tp, "population '" + t.name() + "' (" + t.modelName() + ") takes no spike input; "
                    + "it cannot be a projection target");
            return null;
        }
        NeuronModel tm = t.model();
        String unit = Catalog.weightUnit(tm);
        String what = "the weight onto '" + t.name() + "' (" + tm.name() + ")";
        Dist w = dist(f.get("weight"), join(path, "weight"), unit, what);
        if (w == null) return null;
        if (unit.isEmpty() && !(w.isConstant() && w.a() == 1.0)) {
            error(f.get("weight"), join(path, "weight"), text(f.get("weight")) + " is invalid: the weight onto a "
                    + "parrot_neuron must be 1 (a parrot repeats each spike)");
            return null;
        }
        if (c.rule == Connect.Rule.EXPLICIT && (!w.isConstant() || !delay.isConstant())) {
            boolean wd = !w.isConstant();
            error(f.get(wd ? "weight" : "delay"), join(path, wd ? "weight" : "delay"), "explicit connections take a single "
                    + (wd ? "weight" : "delay") + " or a list in connect." + (wd ? "weights" : "delays")
                    + ", not a distribution");
            return null;
        }
        if (rule != null && w.isConstant()) {
            double sg = rule.weightSign();
            try {
                rule.checkWeight(null, w.a());
                if (sg != 0 && w.a() != 0 && Math.signum(w.a()) != Math.signum(sg)) {
                    error(f.get("weight"), join(path, "weight"), text(f.get("weight")) + " is invalid: " + synName
                            + " keeps the sign of Wmax, so the weight must be " + (sg > 0 ? ">= 0" : "<= 0"));
                    return null;
                }
            } catch (ModelException e) {
                error(f.get("weight"), join(path, "weight"), coreMessage(e));
                return null;
            }
        }
        if (receptor != null && !List.of(tm.receptorNames()).contains(receptor)) {
            error(f.get("receptor"), join(path, "receptor"), "unknown receptor '" + receptor + "' of " + tm.name()
                    + Models.suggestion(receptor, List.of(tm.receptorNames())) + "; valid: auto (by the weight's sign), "
                    + String.join(", ", tm.receptorNames()));
            return null;
        }
        int nS = src.size();
        int nT = t.size();
        boolean same = src == t;
        String cp = join(path, "connect");
        Node argAt = c.nodes.values().stream().findFirst().orElse(c.node);
        String argPath = c.argPath != null ? c.argPath : cp;
        switch (c.rule) {
            case ONE_TO_ONE:
                if (nS != nT) {
                    error(c.node, cp, "one_to_one needs populations of equal size, got '" + src.name() + "' (" + nS
                            + ") and '" + t.name() + "' (" + nT + ")");
                    return null;
                }
                break;
            case FIXED_INDEGREE:
            case FIXED_OUTDEGREE: {
                boolean in = c.rule == Connect.Rule.FIXED_INDEGREE;
                int pool = in ? nS : nT;
                int avail = (same && !c.autapses) ? pool - 1 : pool;
                if ((!c.multapses && c.n > avail) || (c.n > 0 && avail == 0)) {
                    error(argAt, argPath, c.n + " is invalid: " + (in ? "indegree" : "outdegree") + " onto '" + t.name()
                            + "' must be <= " + avail + " (the " + (in ? "sources" : "targets") + " available"
                            + (c.multapses ? "" : " without multapses") + ")");
                    return null;
                }
                break;
            }
            case FIXED_TOTAL_NUMBER: {
                long pairs = (long) nS * nT - ((same && !c.autapses) ? nT : 0);
                if ((!c.multapses && c.n > pairs) || (c.n > 0 && pairs == 0)) {
                    error(argAt, argPath, c.n + " is invalid: N must be <= " + pairs + " (the pairs available"
                            + (c.multapses ? "" : " without multapses") + ")");
                    return null;
                }
                break;
            }
            case EXPLICIT: {
                for (int k = 0; k < c.sources.length; k++) {
                    if (c.sources[k] >= nS) {
                        error(c.nodes.get("sources"), join(cp, "sources"), "index " + c.sources[k] + " at position " + k
                                + " is invalid: must be in 0.." + (nS - 1) + " ('" + src.name() + "' has " + nS + ")");
                        return null;
                    }
                    if (c.targets[k] >= nT) {
                        error(c.nodes.get("targets"), join(cp, "targets"), "index " + c.targets[k] + " at position " + k
                                + " is invalid: must be in 0.." + (nT - 1) + " ('" + t.name() + "' has " + nT + ")");
                        return null;
                    }
                }
                break;
            }
            default:
                break;
        }
        double[] weights = null;
        if (c.rule == Connect.Rule.EXPLICIT && c.weightsNode != null) {
            List<Node> v = ((SequenceNode) c.weightsNode).getValue();
            weights = new double[v.size()];
            for (int k = 0; k < v.size(); k++) {
                Dist wk = dist(v.get(k), join(join(cp, "weights"), Integer.toString(k)), unit, what);
                if (wk == null || !wk.isConstant()) return null;
                weights[k] = wk.a();
                if (unit.isEmpty() && weights[k] != 1.0) {
                    error(v.get(k), join(cp, "weights"), "the weight onto a parrot_neuron must be 1");
                    return null;
                }
            }
        }
        return new ProjectionSpec(src.name(), t.name(), c.rule, c.p, c.n, c.sources, c.targets, weights, c.delays,
                c.autapses, c.multapses, syn, synName, tso.clone(), vt, w, delay, receptor, unit, f.node, path);
    }

    private void stimuli(Node n, List<StimulusSpec> out) {
        if (!(n instanceof SequenceNode)) {
            error(n, "stimuli", "expected a list of stimuli, e.g. - {model: poisson_generator, params: {rate: 10 Hz}, "
                    + "to: E, weight: 0.1 mV}; got " + describe(n));
            return;
        }
        List<Node> list = ((SequenceNode) n).getValue();
        for (int i = 0; i < list.size(); i++) {
            String path = "stimuli." + i;
            Fields f = fields(list.get(i), path, STIM_KEYS, "a stimulus");
            if (f == null) continue;
            if (!f.has("model")) {
                error(list.get(i), path, "missing 'model'; known: " + String.join(", ", Catalog.stimulusModels()));
                continue;
            }
            String model = scalar(f.get("model"), join(path, "model"), "a stimulus model");
            if (model == null) continue;
            if (!Catalog.stimulusModels().contains(model)) {
                error(f.get("model"), join(path, "model"), "unknown stimulus model '" + model + "'"
                        + Models.suggestion(model, Catalog.stimulusModels()) + "; known: "
                        + String.join(", ", Catalog.stimulusModels()));
                continue;
            }
            if (!f.has("to")) {
                error(list.get(i), path, "missing 'to' (the target population or list of populations)");
                continue;
            }
            Generator.Kind kind = Catalog.generator(model);
            List<ParamSpec> specs = Catalog.stimulusParameters(model);
            List<String> valid = new ArrayList<>();
            for (ParamSpec s : specs) valid.add(s.name());
            Map<String, Double> values = new LinkedHashMap<>();
            Map<String, Node> lists = new LinkedHashMap<>();
            for (ParamSpec s : specs) if (!Catalog.LIST_PARAMS.contains(s.name())) values.put(s.name(), s.defaultValue());
            boolean ok = true;
            String pp = join(path, "params");
            Fields pf = f.has("params") ? fields(f.get("params"), pp, null, "stimulus parameters by name") : null;
            if (f.has("params") && pf == null) continue;
            if (pf != null) {
                for (Map.Entry<String, NodeTuple> e : pf.map.entrySet()) {
                    String k = e.getKey();
                    Node v = e.getValue().getValueNode();
                    if (!valid.contains(k)) {
                        error(e.getValue().getKeyNode(), join(pp, k), "unknown parameter '" + k + "' of " + model
                                + Models.suggestion(k, valid) + "; valid: " + String.join(", ", valid));
                        ok = false;
                        continue;
                    }
                    if (Catalog.LIST_PARAMS.contains(k)) {
                        lists.put(k, v);
                        continue;
                    }
                    ParamSpec s = specs.get(valid.indexOf(k));
                    double x = "stop".equals(k) ? quantity(v, join(pp, k), "ms", "stop") : param(v, join(pp, k), s);
                    if (Double.isNaN(x)) ok = false;
                    else values.put(k, x);
                }
            }
            for (String req : valid) {
                if (Catalog.REQUIRED_PARAMS.contains(req) && (pf == null || !pf.has(req))) {
                    error(pf != null ? pf.node : list.get(i), pp, "missing '" + req + "' ("
                            + specs.get(valid.indexOf(req)).doc() + ")");
                    ok = false;
                }
            }
            if (!ok) continue;
            double start = values.getOrDefault("start", 0.0);
            double stop = values.getOrDefault("stop", Double.POSITIVE_INFINITY);
            if (kind != null && !(stop > start)) {
                error(pf != null && pf.has("stop") ? pf.get("stop") : list.get(i), join(pp, "stop"),
                        Units.format(stop, "ms") + " is invalid: must be > start = " + Units.format(start, "ms"));
                continue;
            }
            double[] times = null;
            double[] vals = null;
            double[][] trains = null;
            boolean shared = false;
            if (kind == Generator.Kind.STEP_CURRENT) {
                Node tn = lists.get("amplitude_times");
                Node vn = lists.get("amplitude_values");
                times = quantities(tn, join(pp, "amplitude_times"), "ms", "amplitude_times");
                vals = quantities(vn, join(pp, "amplitude_values"), "pA", "amplitude_values");
                if (times == null || vals == null) continue;
                if (times.length != vals.length) {
                    error(vn, join(pp, "amplitude_values"), vals.length + " values for " + times.length
                            + " amplitude_times; they must pair up");
                    continue;
                }
                boolean inc = true;
                for (int k = 0; k < times.length && inc; k++) {
                    if (!(times[k] >= 0) || Double.isInfinite(times[k]) || (k > 0 && !(times[k] > times[k - 1]))) {
                        error(((SequenceNode) tn).getValue().get(k), join(join(pp, "amplitude_times"), Integer.toString(k)),
                                text(((SequenceNode) tn).getValue().get(k)) + " is invalid: times must be finite, >= 0 "
                                        + "and strictly increasing");
                        inc = false;
                    }
                }
                if (!inc) continue;
            }
            if (kind == Generator.Kind.NOISE) {
                double iv = values.get("dt");
                double k = iv / dt;
                if (Math.abs(k - Math.rint(k)) > 1e-9 * Math.max(1, k)) {
                    error(pf != null && pf.has("dt") ? pf.get("dt") : list.get(i), join(pp, "dt"), Units.format(iv, "ms")
                            + " is invalid: must be a positive multiple of the simulation dt = " + Units.format(dt, "ms"));
                    continue;
                }
            }
            if (kind == null) {
                Node v = lists.get("spike_times");
                boolean perNeuron = v instanceof SequenceNode && !((SequenceNode) v).getValue().isEmpty()
                        && ((SequenceNode) v).getValue().get(0) instanceof SequenceNode;
                if (perNeuron) {
                    List<Node> ls = ((SequenceNode) v).getValue();
                    trains = new double[ls.size()][];
                    for (int k = 0; k < trains.length; k++) {
                        trains[k] = spikeTrain(ls.get(k), join(join(pp, "spike_times"), Integer.toString(k)));
                        if (trains[k] == null) ok = false;
                    }
                } else {
                    double[] tr = spikeTrain(v, join(pp, "spike_times"));
                    if (tr == null) ok = false;
                    trains = new double[][] {tr};
                    shared = true;
                }
                if (!ok) continue;
            }
            Dist delay = delay(f.get("delay"), join(path, "delay"));
            if (delay == null) continue;
            if (!delay.isConstant()) {
                error(f.get("delay"), join(path, "delay"), "a stimulus delay must be a single value, not a distribution");
                continue;
            }
            boolean spiking = kind == null || kind == Generator.Kind.POISSON;
            for (Node tn : items(f.get("to"))) {
                PopulationSpec t = reference(tn, join(path, "to"));
                if (t == null) continue;
                String unit;
                if (spiking) {
                    unit = t.isSpikeGenerator() ? null : Catalog.weightUnit(t.model());
                    if (unit == null) {
                        error(tn, join(path, "to"), "population '" + t.name() + "' (" + t.modelName()
                                + ") takes no spike input");
                        continue;
                    }
                    if (!f.has("weight")) {
                        error(list.get(i), path, "missing 'weight' (the weight of each spike onto '" + t.name() + "', in "
                                + (unit.isEmpty() ? "plain numbers" : unit) + ")");
                        continue;
                    }
                } else {
                    unit = "";
                    if (t.isSpikeGenerator() || !t.model().hasInput() || "parrot_neuron".equals(t.modelName())) {
                        error(tn, join(path, "to"), "population '" + t.name() + "' (" + t.modelName()
                                + ") takes no current input");
                        continue;
                    }
                }
                double w = 1;
                if (f.has("weight")) {
                    String what = spiking ? "the weight onto '" + t.name() + "' (" + t.modelName() + ")"
                            : "the weight (a factor on the current)";
                    w = quantity(f.get("weight"), join(path, "weight"), unit, what);
                    if (Double.isNaN(w)) continue;
                    if (!Double.isFinite(w)) {
                        error(f.get("weight"), join(path, "weight"), text(f.get("weight")) + " is invalid: must be finite");
                        continue;
                    }
                    if (spiking && unit.isEmpty() && w != 1.0) {
                        error(f.get("weight"), join(path, "weight"), text(f.get("weight")) + " is invalid: the weight "
                                + "onto a parrot_neuron must be 1");
                        continue;
                    }
                }
                if (kind == null && !shared && trains.length != t.size()) {
                    error(lists.get("spike_times"), join(pp, "spike_times"), trains.length + " trains for '" + t.name()
                            + "' of " + t.size() + " neurons: give one train (for every neuron) or one per neuron");
                    continue;
                }
                out.add(new StimulusSpec(model, kind, kind == Generator.Kind.POISSON ? values.get("rate")
                        : kind == Generator.Kind.DC ? values.get("amplitude")
                        : kind == Generator.Kind.NOISE ? values.get("mean") : 0,
                        kind == Generator.Kind.NOISE ? values.get("std") : 0,
                        kind == Generator.Kind.NOISE ? values.get("dt") : 0, times, vals, start, stop, trains, shared,
                        t.name(), w, unit, delay.a(), f.node, path));
            }
        }
    }

    private double[] quantities(Node n, String path, String unit, String what) {
        if (!(n instanceof SequenceNode)) {
            error(n, path, "expected a list of values, got " + describe(n));
            return null;
        }
        List<Node> v = ((SequenceNode) n).getValue();
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = quantity(v.get(i), join(path, Integer.toString(i)), unit, what);
            if (Double.isNaN(out[i])) return null;
        }
        return out;
    }

    private RecordSpec record(Node n) {
        List<RecordSpec.Spikes> spikes = new ArrayList<>();
        List<RecordSpec.State> state = new ArrayList<>();
        List<RecordSpec.Rate> rate = new ArrayList<>();
        Fields f = n == null ? null : fields(n, "record", RECORD_KEYS, "what to record");
        Node sn = f == null ? null : f.get("spikes");
        if (sn == null) { // default: the spikes of every population
            for (PopulationSpec p : pops.values()) spikes.add(new RecordSpec.Spikes(p.name(), null, null));
        } else if (sn instanceof MappingNode) {
            Fields g = fields(sn, "record.spikes", null, "populations with neuron lists");
            if (g != null) {
                for (Map.Entry<String, NodeTuple> e : g.map.entrySet()) {
                    PopulationSpec p = reference(e.getValue().getKeyNode(), "record.spikes." + e.getKey());
                    int[] idx = neurons(e.getValue().getValueNode(), "record.spikes." + e.getKey(), p, true);
                    if (p != null) spikes.add(new RecordSpec.Spikes(p.name(), idx, e.getValue().getValueNode()));
                }
            }
        } else {
            for (String name : populationList(sn, "record.spikes")) {
                spikes.add(new RecordSpec.Spikes(name, null, sn));
            }
        }
        if (f != null && f.has("rate")) {
            for (String name : populationList(f.get("rate"), "record.rate")) rate.add(new RecordSpec.Rate(name, f.get("rate")));
        }
        Node stateNode = f == null ? null : f.get("state");
        if (stateNode instanceof ScalarNode && (isNull(stateNode) || "none".equals(((ScalarNode) stateNode).getValue().trim()))) {
            stateNode = null;
        }
        if (stateNode != null) {
            Node st = stateNode;
            List<Node> entries = st instanceof SequenceNode ? ((SequenceNode) st).getValue() : List.of(st);
            for (int i = 0; i < entries.size(); i++) {
                String path = st instanceof SequenceNode ? "record.state." + i : "record.state";
                Fields g = fields(entries.get(i), path, STATE_KEYS, "a state recorder");
                if (g == null) continue;
                boolean ok = true;
                for (String req : List.of("population", "variables", "neurons")) {
                    if (!g.has(req)) {
                        error(entries.get(i), path, "missing '" + req + "'");
                        ok = false;
                    }
                }
                if (!ok) continue;
                PopulationSpec p = reference(g.get("population"), join(path, "population"));
                if (p == null) continue;
                List<String> known = p.isSpikeGenerator() ? List.of("next_index") : p.model().stateVariables();
                List<String> vars = new ArrayList<>();
                Node vn = g.get("variables");
                if (vn instanceof ScalarNode && "all".equals(((ScalarNode) vn).getValue().trim())) {
                    vars.addAll(known);
                } else {
                    List<Node> vl = items(vn);
                    for (int k = 0; k < vl.size(); k++) {
                        String v = scalar(vl.get(k), join(path, "variables"), "a state variable");
                        if (v == null) continue;
                        if (!known.contains(v)) {
                            error(vl.get(k), join(path, "variables"), "unknown state variable '" + v + "' of "
                                    + p.modelName() + Models.suggestion(v, known) + "; valid: " + String.join(", ", known));
                            ok = false;
                        } else {
                            vars.add(v);
                        }
                    }
                }
                int[] idx = neurons(g.get("neurons"), join(path, "neurons"), p, true);
                if (idx == null) {
                    idx = new int[p.size()];
                    for (int k = 0; k < idx.length; k++) idx[k] = k;
                }
                double interval = dt;
                if (g.has("interval")) {
                    double v = quantity(g.get("interval"), join(path, "interval"), "ms", "interval");
                    long k = Math.round(v / dt);
                    if (Double.isNaN(v)) {
                        ok = false;
                    } else if (k < 1 || Math.abs(k * dt - v) > 1e-9 * Math.max(1, v)) {
                        error(g.get("interval"), join(path, "interval"), text(g.get("interval"))
                                + " is invalid: must be a positive multiple of dt = " + Units.format(dt, "ms"));
                        ok = false;
                    } else {
                        interval = v;
                    }
                }
                if (ok) state.add(new RecordSpec.State(p.name(), vars.toArray(new String[0]), idx, interval,
                        entries.get(i), path));
            }
        }
        return new RecordSpec(spikes, state, rate);
    }

    /** {@code all}, {@code none}, one name or a list of names. */
    private List<String> populationList(Node n, String path) {
        List<String> out = new ArrayList<>();
        if (n instanceof ScalarNode) {
            String s = ((ScalarNode) n).getValue().trim();
            if (s.equals("all")) {
                out.addAll(pops.keySet());
                return out;
            }
            if (s.equals("none") || isNull(n)) return out;
        }
        if (n instanceof MappingNode) {
            error(n, path, "expected all, none or a list of populations, got " + describe(n));
            return out;
        }
        for (Node item : items(n)) {
            PopulationSpec p = reference(item, path);
            if (p != null) out.add(p.name());
        }
        return out;
    }
}
