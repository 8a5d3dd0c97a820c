package org.myelin.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOutputsTest {

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void fileAppearsOnlyWhenComplete(@TempDir Path dir) throws IOException {
        RunOutputs out = new RunOutputs(dir.resolve("run"));
        RunOutputs.Pending p = out.open("a.csv");
        p.stream().write("hello\n".getBytes());
        p.stream().flush();
        assertEquals(List.of("a.csv.partial"), names(out.dir()));
        assertEquals(List.of(out.path("a.csv")), out.inProgress());
        p.commit();
        assertEquals(List.of("a.csv"), names(out.dir()));
        assertEquals("hello\n", Files.readString(out.path("a.csv")));
        assertEquals(List.of(out.path("a.csv")), out.completed());
        assertTrue(out.inProgress().isEmpty());
    }

    @Test
    void failingBodyLeavesNoFile(@TempDir Path dir) throws IOException {
        RunOutputs out = new RunOutputs(dir);
        Files.writeString(dir.resolve("b.csv"), "old");
        IOException e = assertThrows(IOException.class, () -> out.write("b.csv", os -> {
            os.write(1);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals(List.of("b.csv"), names(dir));
        assertEquals("old", Files.readString(dir.resolve("b.csv")), "the earlier file is untouched");
        out.writeString("b.csv", "new");
        assertEquals("new", Files.readString(dir.resolve("b.csv")));
    }

    @Test
    void abortDeletesPartialFilesAndRefusesMore(@TempDir Path dir) throws IOException {
        RunOutputs out = new RunOutputs(dir);
        out.writeString("done.txt", "x");
        RunOutputs.Pending p = out.open("spikes.csv");
        p.stream().write(new byte[100_000]);
        String msg = out.abort("during simulation at 52.0 of 100.0 ms");
        assertTrue(msg.startsWith("stopped during simulation at 52.0 of 100.0 ms; removed 1 partial file(s), kept 1"), msg);
        assertEquals(List.of("INCOMPLETE", "done.txt"), names(dir));
        String note = Files.readString(dir.resolve("INCOMPLETE"));
        assertTrue(note.contains("stopped during simulation at 52.0 of 100.0 ms"), note);
        assertTrue(note.contains("spikes.csv.partial"), note);
        // the writer carries on, not knowing: its commit fails and nothing appears
        assertThrows(IOException.class, () -> {
            p.stream().write(1);
            p.commit();
        });
        assertThrows(IOException.class, () -> out.writeString("late.txt", "x"));
        assertEquals(List.of("INCOMPLETE", "done.txt"), names(dir));
        assertTrue(out.aborted());
        assertTrue(out.abort("again").contains("already aborted"));
    }

    @Test
    void abortFromAnotherThreadWhileWriting(@TempDir Path dir) throws Exception {
        RunOutputs out = new RunOutputs(dir);
        CountDownLatch writing = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread w = new Thread(() -> {
            try {
                out.write("big.bin", os -> {
                    byte[] chunk = new byte[1 << 16];
                    for (int i = 0; ; i++) {
                        os.write(chunk);
                        if (i == 10) writing.countDown();
                    }
                });
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        w.start();
        writing.await();
        out.abort("while writing big.bin");
        w.join(10_000);
        assertFalse(w.isAlive(), "the writer stops once its file is closed under it");
        assertTrue(failure.get() instanceof IOException, String.valueOf(failure.get()));
        assertEquals(List.of("INCOMPLETE"), names(dir));
    }

    @Test
    void streamCloseByBodyIsHarmless(@TempDir Path dir) throws IOException {
        RunOutputs out = new RunOutputs(dir);
        out.write("c.txt", os -> {
            try (OutputStream o = os) {
                o.write('z');
            }
        });
        assertEquals("z", Files.readString(dir.resolve("c.txt")));
    }

    @Test
    void namesMustBePlainFileNames(@TempDir Path dir) throws IOException {
        RunOutputs out = new RunOutputs(dir);
        for (String bad : new String[] {"", "..", "a/b", "x.partial"}) {
            assertThrows(IllegalArgumentException.class, () -> out.open(bad), bad);
        }
        try (RunOutputs.Pending p = out.open("d.txt")) {
            assertEquals(out.path("d.txt"), p.target());
            assertThrows(IllegalStateException.class, () -> out.open("d.txt"));
        }
        assertTrue(names(dir).isEmpty(), "closing without commit discards");
    }

    @Test
    void clearPreviousRemovesOnlyOurFiles(@TempDir Path dir) throws IOException {
        for (String f : new String[] {"run.json", "spikes.csv", "spikes.npy", "spikes.json", "state_E.csv", "state_E.png",
            "rates.csv", "raster.png", "raster.svg", "rates_hist.svg", "x.partial", "INCOMPLETE", "model.yaml", "notes.png"}) {
            Files.writeString(dir.resolve(f), "x");
        }
        RunOutputs out = new RunOutputs(dir);
        assertEquals(12, out.clearPrevious());
        assertEquals(List.of("model.yaml", "notes.png"), names(dir));
    }
}
