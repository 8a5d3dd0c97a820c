package org.myelin.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.myelin.io.ModelFile;
import org.myelin.io.ModelSpec;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The model a command works on: a file, or a built-in model; with {@code --set} overrides. */
final class ModelOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "Model file (YAML or JSON). Without it: the built-in model named by --builtin.")
    Path file;

    @Option(names = "--builtin", paramLabel = "NAME", defaultValue = "brunel",
            description = "Built-in model used when no FILE is given: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = Builtins.class)
    String builtin;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override any model value, e.g. --set populations.E.params.tau_m=10ms (repeatable).")
    List<String> sets = new ArrayList<>();

    /** Loads and validates the model with the overrides, plus {@code extra} ones (appended last). */
    ModelSpec load(List<String> extra) {
        List<String> all = new ArrayList<>(sets);
        all.addAll(extra);
        for (String s : all) {
            if (s.indexOf('=') <= 0) {
                throw new Main.UserError("--set needs KEY=VALUE, got '" + s + "'", 2);
            }
        }
        if (file == null) {
            return ModelFile.parse(ModelFile.builtinText(builtin), builtin + ".yaml", all);
        }
        if (!Files.isRegularFile(file)) {
            throw new Main.UserError("model file not found: " + file.toAbsolutePath(), 1);
        }
        return ModelFile.load(file, all);
    }

    /** What the model is called in messages: the file, or "built-in NAME". */
    String describe() {
        return file != null ? file.toString() : "built-in " + builtin;
    }

    static final class Builtins extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Builtins() {
            super(ModelFile.BUILTINS);
        }
    }
}
