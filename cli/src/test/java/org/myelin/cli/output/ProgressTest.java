package org.myelin.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressTest {
    static final long S = 1_000_000_000L;

    @Test
    void plainLinesAtEveryTenthAndAtTheEnd() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        Progress p = new Progress(0.1, new PrintStream(buf, true, StandardCharsets.UTF_8), false, clock::get);
        for (long d = 10; d <= 10_000; d += 10) {
            clock.addAndGet(S / 1000); // 1 ms wall per 1 ms biological
            p.progress(d, 10_000);
        }
        p.progress(10_000, 10_000);
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(11, lines.length, String.join("\n", lines)); // first report, 10% .. 100%
        assertTrue(lines[0].startsWith("  0.1%  1.0 / 1000.0 ms  elapsed 0.0 s  RTF 1.00  ETA 1.0 s"), lines[0]);
        assertTrue(lines[5].startsWith(" 50.0%  500.0 / 1000.0 ms"), lines[5]);
        assertTrue(lines[10].startsWith("100.0%  1000.0 / 1000.0 ms") && lines[10].endsWith("done"), lines[10]);
        assertTrue(p.where().startsWith("at 1000.0 of 1000.0 ms biological time (100.0%) after"), p.where());
    }

    @Test
    void plainLinesAlsoEveryFewSecondsWhenSlow() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        Progress p = new Progress(0.1, new PrintStream(buf, true, StandardCharsets.UTF_8), false, clock::get);
        for (int d = 1; d <= 50; d++) {
            clock.addAndGet(S);
            p.progress(d, 1000); // 50 s for 5%: no 10% mark passed
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(5, lines.length, String.join("\n", lines)); // at 1 s, then every 10 s
    }

    @Test
    void terminalBarRedrawsOneLine() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        Progress p = new Progress(0.1, new PrintStream(buf, true, StandardCharsets.UTF_8), true, clock::get);
        for (long d = 100; d <= 1000; d += 100) {
            clock.addAndGet(S / 5);
            p.progress(d, 1000);
        }
        String s = buf.toString(StandardCharsets.UTF_8);
        assertEquals(10, s.chars().filter(c -> c == '\r').count());
        assertEquals(1, s.chars().filter(c -> c == '\n').count(), "one newline, at the end");
        assertTrue(s.contains("\r[############............]  50.0%  50.0 / 100.0 ms  elapsed 1.0 s  RTF 0.0500  ETA 1.0 s"), s);
        assertTrue(s.stripTrailing().endsWith("done"), s);
        p.finish(); // nothing more
        assertEquals(s, buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void durations() {
        assertEquals("3.2 s", Progress.duration(3.21));
        assertEquals("2 min 05 s", Progress.duration(125));
        assertEquals("1 h 02 min", Progress.duration(3720));
        assertEquals("-", Progress.duration(Double.POSITIVE_INFINITY));
    }
}
