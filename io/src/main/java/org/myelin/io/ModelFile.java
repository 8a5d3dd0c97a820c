package org.myelin.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.myelin.core.Models;
import org.myelin.io.ModelFileException.Problem;

/**
 * Loads model files: YAML (or JSON, read by the same loader) with physical units, checked completely
 * before anything is built. The file format is documented in {@code package-info} of this package.
 *
 * <pre>{@code
 * ModelSpec spec = ModelFile.load(Path.of("brunel.yaml"))
 *         .withOverride("populations.E.params.tau_m", "10 ms");
 * BuiltModel model = spec.build();
 * model.simulate();
 * }</pre>
 * Every error is a {@link ModelFileException} naming the file, line, column, field, the value and what
 * would be valid; all problems found are reported together.
 */
public final class ModelFile {
    /** Names of the built-in models, loadable with {@link #builtin(String)}. */
    public static final List<String> BUILTINS = List.of("brunel", "coba", "cuba");

    private ModelFile() {
    }

    /** Loads and validates a model file. */
    public static ModelSpec load(Path file) {
        return load(file, List.of());
    }

    /**
     * Loads a model file, applies {@code key=value} overrides (as {@code --set} gives them, e.g.
     * {@code populations.E.params.tau_m=10ms}) and validates the result.
     */
    public static ModelSpec load(Path file, List<String> overrides) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(new Problem(file.toString(), 0, 0, "", "no such file"));
        } catch (IOException e) {
            throw new ModelFileException(new Problem(file.toString(), 0, 0, "", "cannot read: " + e.getMessage()));
        }
        return SpecReader.read(text, name, overrides);
    }

    /** Parses and validates model text; {@code fileName} is used in messages. */
    public static ModelSpec parse(String text, String fileName) {
        return SpecReader.read(text, fileName, List.of());
    }

    /** Parses model text, applies {@code key=value} overrides and validates. */
    public static ModelSpec parse(String text, String fileName, List<String> overrides) {
        return SpecReader.read(text, fileName, overrides);
    }

    /** A built-in model ({@link #BUILTINS}): {@code brunel} is the default model of {@code myelin run}. */
    public static ModelSpec builtin(String name) {
        return parse(builtinText(name), name + ".yaml");
    }

    /** The text of a built-in model file, e.g. to copy it as a starting point. */
    public static String builtinText(String name) {
        if (!BUILTINS.contains(name)) {
            throw new ModelFileException(new Problem(name, 0, 0, "", "unknown built-in model '" + name + "'"
                    + Models.suggestion(name, BUILTINS) + "; built-in: " + String.join(", ", BUILTINS)));
        }
        try (InputStream in = ModelFile.class.getResourceAsStream(name + ".yaml")) {
            if (in == null) throw new IllegalStateException("resource " + name + ".yaml is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
