package org.myelin.cli.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 quoting for the few text fields (population and variable names) our CSV files carry. */
final class Csv {
    private Csv() {
    }

    /** Rows are built in a StringBuilder and handed over in chunks of about this many chars. */
    static final int CHUNK = 1 << 16;

    /** A UTF-8 writer for rows built with {@link #spill}: unbuffered, since it receives whole chunks. */
    static Writer writer(OutputStream os) {
        return new OutputStreamWriter(os, StandardCharsets.UTF_8);
    }

    /** Writes {@code sb} out and empties it once it holds a chunk ({@code force}: whatever it holds). */
    static void spill(Writer w, StringBuilder sb, boolean force) throws IOException {
        if (force || sb.length() > CHUNK) {
            w.append(sb);
            sb.setLength(0);
            if (force) w.flush();
        }
    }

    static boolean needsQuotes(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') return true;
        }
        return false;
    }

    static void appendField(StringBuilder sb, String s) {
        if (!needsQuotes(s)) {
            sb.append(s);
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') sb.append('"');
            sb.append(c);
        }
        sb.append('"');
    }

    /** Splits one line (no embedded line breaks) into fields, undoing quotes. */
    static List<String> split(String line, Path file, long lineNo) throws IOException {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) throw error(file, lineNo, "unterminated quoted field");
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            sb.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        sb.append(c);
                    }
                }
                out.add(sb.toString());
                if (i == n) return out;
                if (line.charAt(i) != ',') throw error(file, lineNo, "text after a quoted field");
                i++;
            } else {
                int c = line.indexOf(',', i);
                if (c < 0) {
                    out.add(line.substring(i));
                    return out;
                }
                out.add(line.substring(i, c));
                i = c + 1;
            }
        }
    }

    static IOException error(Path file, long lineNo, String what) {
        return new IOException(file + ":" + lineNo + ": " + what);
    }

    static double parseDouble(String s, Path file, long lineNo, String column) throws IOException {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw error(file, lineNo, column + " '" + s + "' is not a number");
        }
    }

    static int parseInt(String s, Path file, long lineNo, String column) throws IOException {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw error(file, lineNo, column + " '" + s + "' is not an integer");
        }
    }

    /** A growable int array. */
    static final class Ints {
        int[] a = new int[16];
        int size;

        void add(int v) {
            if (size == a.length) a = java.util.Arrays.copyOf(a, a.length * 2);
            a[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }

    /** A growable double array. */
    static final class Doubles {
        double[] a = new double[16];
        int size;

        void add(double v) {
            if (size == a.length) a = java.util.Arrays.copyOf(a, a.length * 2);
            a[size++] = v;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }
}
