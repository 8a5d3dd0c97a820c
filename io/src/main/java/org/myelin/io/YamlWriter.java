package org.myelin.io;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small deterministic YAML emitter for resolved models: mappings in block style (or one flow line
 * when all values are scalars and the line stays short), lists of scalars as flow lists, strings
 * plain unless YAML would read them differently. Input: {@code Map<String, ?>}, {@code List<?>},
 * {@code String}, {@code Number}, {@code Boolean}.
 */
final class YamlWriter {
    private static final int FLOW_WIDTH = 100;
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_+.\\-/µμ][A-Za-z0-9_+.\\-/ µμ]*");
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~");

    private YamlWriter() {
    }

    static String write(Map<String, ?> root) {
        StringBuilder b = new StringBuilder();
        block(b, root, 0);
        return b.toString();
    }

    private static void block(StringBuilder b, Map<String, ?> map, int indent) {
        for (Map.Entry<String, ?> e : map.entrySet()) {
            pad(b, indent);
            b.append(scalar(e.getKey())).append(':');
            value(b, e.getValue(), indent);
        }
    }

    /** Writes a value after {@code key:} (on the same line if it fits, else below). */
    private static void value(StringBuilder b, Object v, int indent) {
        if (v instanceof Map && !((Map<?, ?>) v).isEmpty()) {
            String flow = flow(v);
            if (flow != null && flow.length() + indent <= FLOW_WIDTH) {
                b.append(' ').append(flow).append('\n');
            } else {
                b.append('\n');
                block(b, cast(v), indent + 2);
            }
        } else if (v instanceof List && !((List<?>) v).isEmpty() && flow(v) == null) {
            b.append('\n');
            for (Object item : (List<?>) v) {
                pad(b, indent + 2);
                b.append("- ");
                if (item instanceof Map && !((Map<?, ?>) item).isEmpty()) {
                    String flow = flow(item);
                    if (flow != null && flow.length() + indent + 4 <= FLOW_WIDTH) {
                        b.append(flow).append('\n');
                    } else {
                        // first entry on the dash line, the rest aligned under it
                        StringBuilder sub = new StringBuilder();
                        block(sub, cast(item), indent + 4);
                        b.append(sub.substring(indent + 4));
                    }
                } else {
                    String flow = flow(item);
                    b.append(flow != null ? flow : scalar(String.valueOf(item))).append('\n');
                }
            }
        } else {
            b.append(' ').append(flow(v)).append('\n');
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Object v) {
        return (Map<String, ?>) v;
    }

    /** One-line flow form, or null if {@code v} holds a mapping inside a list or a list of mappings. */
    private static String flow(Object v) {
        if (v instanceof Map) {
            StringBuilder b = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                String f = flow(e.getValue());
                if (f == null || e.getValue() instanceof Map) return null;
                if (!first) b.append(", ");
                b.append(scalar(String.valueOf(e.getKey()))).append(": ").append(f);
                first = false;
            }
            return b.append('}').toString();
        }
        if (v instanceof List) {
            StringBuilder b = new StringBuilder("[");
            boolean first = true;
            for (Object item : (List<?>) v) {
                if (item instanceof Map) return null;
                String f = flow(item);
                if (f == null) return null;
                if (!first) b.append(", ");
                b.append(f);
                first = false;
            }
            return b.append(']').toString();
        }
        if (v instanceof Number || v instanceof Boolean) return String.valueOf(v);
        return scalar(String.valueOf(v));
    }

    /** A string as a plain scalar when that reads back as the same string, else double-quoted. */
    static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !s.endsWith(" ") && !RESERVED.contains(s.toLowerCase())
                && !s.startsWith("- ") && !s.equals("-")) {
            return s;
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c == '\n') b.append("\\n");
            else if (c == '\t') b.append("\\t");
            else if (c < 0x20) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    private static void pad(StringBuilder b, int n) {
        for (int i = 0; i < n; i++) b.append(' ');
    }
}
