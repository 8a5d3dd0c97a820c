package org.myelin.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Enforces the hot-code rules of the house style on the methods called per neuron or per synapse
 * per step ({@code update} of every kernel, {@code deliver} and {@code apply} of the engine, the
 * plastic delivery and the spike-history queries plastic rules make per synapse, recording): no
 * allocation (except of an exception being thrown), no streams, no lambdas, no boxed types, no
 * {@code java.util.Random}, no collections (for-each runs over arrays only).
 */
class CodeStandardsTest {
    private static final Path MAIN = Path.of("src/main/java/org/myelin/core");
    private static final Pattern HOT = Pattern.compile(
            "(?:public|private|final|\\s)+(?:void|long|int|double)\\s+(update|deliver|deliverGeneral|deliverPlastic|apply|record|upTo|access|trace|nearestTrace|modulate)\\s*\\(");
    private static final String[][] FORBIDDEN = {
        {"new (?!\\w*(Exception|Error)\\()\\w", "allocation"},
        {"\\.stream\\(|Stream\\.", "streams"},
        {"->", "lambda"},
        // a type argument (VectorMask<Double>, the vector API's lane type) is not a boxed value
        {"(?<!<)\\b(Integer|Long|Double|Float|Boolean)\\b(?![.>])", "boxed type"},
        {"\\bRandom\\b", "java.util.Random"},
        {"\\b(List|Map|Set|Collection|Iterator|ArrayList|HashMap|populations|projections|stimulations)\\b",
            "collection (for-each over arrays only)"},
    };

    @Test
    void hotMethodsFollowTheRules() throws IOException {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String src = Files.readString(f);
                Matcher m = HOT.matcher(src);
                while (m.find()) {
                    int open = src.indexOf('{', m.end());
                    int semi = src.indexOf(';', m.end());
                    if (open < 0 || (semi >= 0 && semi < open)) continue; // a declaration without a body
                    int close = matching(src, open);
                    String body = stripComments(src.substring(open, close));
                    checked++;
                    for (String[] rule : FORBIDDEN) {
                        Matcher v = Pattern.compile(rule[0]).matcher(body);
                        if (v.find()) {
                            violations.add(MAIN.relativize(f) + " " + m.group(1) + "(): " + rule[1] + " near '"
                                    + body.substring(Math.max(0, v.start() - 30), Math.min(body.length(), v.end() + 30))
                                            .replaceAll("\\s+", " ") + "'");
                        }
                    }
                }
            }
        }
        assertTrue(checked >= 14, "found only " + checked + " hot methods: the pattern no longer matches");
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    private static int matching(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') depth++;
            if (c == '}' && --depth == 0) return i + 1;
        }
        throw new IllegalStateException("unbalanced braces");
    }

    private static String stripComments(String s) {
        return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ").replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
    }
}
