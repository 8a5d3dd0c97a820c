package org.myelin.io;

import java.util.ArrayList;
import java.util.List;

/**
 * An invalid model file: malformed YAML or JSON, an unknown model, parameter or population, a wrong
 * unit, a value out of range, a duplicate name. Raised once, when the file is loaded (or an override
 * applied, or the network built), and carrying every problem found, not only the first.
 *
 * <p>Each problem is one line of the message, formatted as
 * <pre>  brunel.yaml:12:7: populations.E.params.tau_m: -20 ms is invalid: must be &gt; 0 ms</pre>
 * (file, 1-based line and column, the field's path as {@code --set} takes it, then what is wrong and
 * what would be valid). The getters describe the first problem; {@link #problems()} lists all.
 */
public final class ModelFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * One problem: {@code line} and {@code column} are 1-based, 0 where there is no position (a value
     * given by {@code --set}); {@code field} is the dotted path, empty for malformed YAML.
     */
    public record Problem(String file, int line, int column, String field, String message) {
        /** {@code file:line:column: field: message}, leaving out the parts that are absent. */
        public String format() {
            StringBuilder b = new StringBuilder(file);
            if (line > 0) b.append(':').append(line).append(':').append(column);
            b.append(": ");
            if (field != null && !field.isEmpty()) b.append(field).append(": ");
            return b.append(message).toString();
        }
    }

    private final transient List<Problem> problems;

    ModelFileException(List<Problem> problems) {
        super(format(problems));
        if (problems.isEmpty()) throw new IllegalArgumentException("no problems");
        this.problems = List.copyOf(problems);
    }

    ModelFileException(Problem problem) {
        this(List.of(problem));
    }

    private static String format(List<Problem> problems) {
        List<String> lines = new ArrayList<>();
        for (Problem p : problems) lines.add(p.format());
        return String.join("\n", lines);
    }

    /** Every problem found, in file order. */
    public List<Problem> problems() {
        return problems;
    }

    /** The file (or {@code --set key=value} for an override) of the first problem. */
    public String file() {
        return problems.get(0).file();
    }

    /** 1-based line of the first problem, 0 if unknown. */
    public int line() {
        return problems.get(0).line();
    }

    /** 1-based column of the first problem, 0 if unknown. */
    public int column() {
        return problems.get(0).column();
    }

    /** Dotted path of the field of the first problem, e.g. {@code populations.E.params.tau_m}. */
    public String field() {
        return problems.get(0).field();
    }
}
