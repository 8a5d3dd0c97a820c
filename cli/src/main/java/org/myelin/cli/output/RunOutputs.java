package org.myelin.cli.output;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output directory of one run, written so that a file with its final name is always complete.
 *
 * <p>Each file is written to {@code NAME.partial} in the same directory, forced to disk, and renamed
 * to {@code NAME} with {@link StandardCopyOption#ATOMIC_MOVE}. {@link #abort(String)} (called from a
 * shutdown hook on Ctrl-C or kill) closes and deletes every file still in progress, refuses further
 * writes, and leaves a note {@value #INCOMPLETE} saying where the run stopped and which files it had
 * finished. A run killed without a chance to clean up ({@code kill -9}, power loss) leaves only
 * {@code *.partial} files, which never look complete; {@link #clearPrevious()} removes them.
 *
 * <p>Thread-safe: files may be written from several threads, and {@link #abort(String)} may run on
 * another thread (a shutdown hook) while a file is being written; a commit that races with an abort
 * either finished before it (the file is complete) or fails.
 */
public final class RunOutputs {
    /** Suffix of a file being written. */
    public static final String PARTIAL_SUFFIX = ".partial";
    /** Name of the note an interrupted run leaves. */
    public static final String INCOMPLETE = "INCOMPLETE";

    /** Writes a file's content; the stream is buffered, and closing it is harmless. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    private final Path dir;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final List<Path> completed = new ArrayList<>();
    private volatile boolean aborted;

    /** Opens (and creates if needed) the output directory {@code dir}. */
    public RunOutputs(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        Files.createDirectories(this.dir);
    }

    public Path dir() {
        return dir;
    }

    /** The final path of output {@code name}. */
    public Path path(String name) {
        return dir.resolve(checkName(name));
    }

    private static String checkName(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0 || name.endsWith(PARTIAL_SUFFIX)) {
            throw new IllegalArgumentException("output name '" + name + "' is invalid; valid: a plain file name not ending in "
                    + PARTIAL_SUFFIX);
        }
        return name;
    }

    /** Writes output {@code name} atomically; on any failure no file named {@code name} is left by this call. */
    public Path write(String name, Body body) throws IOException {
        try (Pending p = open(name)) {
            body.write(p.stream());
            return p.commit();
        }
    }

    /** Writes {@code text} as UTF-8 to output {@code name}, atomically. */
    public Path writeString(String name, String text) throws IOException {
        return write(name, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Starts writing output {@code name}. Write to {@link Pending#stream()}, then {@link Pending#commit()};
     * closing without a commit discards the file.
     */
    public Pending open(String name) throws IOException {
        checkName(name);
        synchronized (this) {
            if (aborted) throw new IOException("run output " + dir + " was aborted; not writing " + name);
            if (pending.containsKey(name)) throw new IllegalStateException(name + " is already being written");
            Pending p = new Pending(name);
            pending.put(name, p);
            return p;
        }
    }

    /** Files moved into place so far, in the order they were finished. */
    public synchronized List<Path> completed() {
        return List.copyOf(completed);
    }

    /** Files being written now (their final paths). */
    public synchronized List<Path> inProgress() {
        List<Path> l = new ArrayList<>();
        for (String n : pending.keySet()) l.add(dir.resolve(n));
        return l;
    }

    public boolean aborted() {
        return aborted;
    }

    /**
     * Stops the run's output: closes and deletes every file in progress, refuses further writes, and
     * writes the note {@value #INCOMPLETE} with {@code where} (e.g. "during simulation at 523.4 of
     * 1000 ms"). Safe to call more than once and from a shutdown hook; never throws.
     *
     * @return one line for the user: where the run stopped, and what was removed and kept
     */
    public String abort(String where) {
        List<String> removed = new ArrayList<>();
        List<Path> kept;
        synchronized (this) {
            if (aborted) return "run output " + dir + " already aborted";
            aborted = true;
            for (Pending p : pending.values()) {
                p.closeQuietly();
                try {
                    Files.deleteIfExists(p.partial);
                } catch (IOException e) {
                    // best effort: a leftover .partial never looks complete
                }
                removed.add(p.name + PARTIAL_SUFFIX);
            }
            pending.clear();
            kept = List.copyOf(completed);
        }
        StringBuilder note = new StringBuilder();
        note.append("This run did not finish: it stopped ").append(where).append(".\n");
        note.append("Partial files removed: ").append(removed.isEmpty() ? "none" : String.join(", ", removed)).append('\n');
        note.append("Files finished before the interruption:");
        if (kept.isEmpty()) note.append(" none");
        for (Path k : kept) note.append(' ').append(k.getFileName());
        note.append('\n');
        try {
            Path tmp = dir.resolve(INCOMPLETE + PARTIAL_SUFFIX);
            Files.writeString(tmp, note);
            Files.move(tmp, dir.resolve(INCOMPLETE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            // the note is a courtesy; the guarantee (no partial file under a final name) already holds
        }
        return "stopped " + where + "; removed " + removed.size() + " partial file(s), kept " + kept.size()
                + " finished file(s) in " + dir;
    }

    /**
     * Deletes what an earlier run into the same directory left that this run would replace or that
     * would make the directory look complete: {@code *.partial}, {@value #INCOMPLETE}, {@code run.json},
     * {@code spikes.*}, {@code state_*.csv}, {@code rates.csv} and the plots ({@code raster}, {@code rates_hist}
     * and {@code state_*}, as {@code .png} and {@code .svg}); other files are left alone.
     * Call it before the run starts, so that a run that then stops halfway cannot be mistaken for the
     * earlier, complete one. {@code run.json} goes first.
     *
     * @return the number of files deleted
     */
    public int clearPrevious() throws IOException {
        int n = 0;
        if (Files.deleteIfExists(dir.resolve(RunInfo.FILE))) n++;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path f : ds) {
                String s = f.getFileName().toString();
                boolean plot = s.endsWith(".png") || s.endsWith(".svg");
                boolean ours = s.endsWith(PARTIAL_SUFFIX) || s.equals(INCOMPLETE) || s.startsWith("spikes.")
                        || (s.startsWith("state_") && (s.endsWith(".csv") || plot)) || s.equals(RateFiles.FILE)
                        || (plot && (s.startsWith("raster.") || s.startsWith("rates_hist.")));
                if (ours && Files.isRegularFile(f) && Files.deleteIfExists(f)) n++;
            }
        }
        return n;
    }

    private synchronized void finished(Pending p, boolean ok) throws IOException {
        pending.remove(p.name, p);
        if (!ok) return;
        if (aborted) throw new IOException("run output " + dir + " was aborted; " + p.name + " discarded");
        Files.move(p.partial, p.target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        completed.add(p.target);
    }

    /** One output file being written. */
    public final class Pending implements Closeable {
        final String name;
        final Path partial;
        final Path target;
        private final FileChannel channel;
        private final OutputStream stream;
        private boolean done;

        Pending(String name) throws IOException {
            this.name = name;
            this.target = dir.resolve(name);
            this.partial = dir.resolve(name + PARTIAL_SUFFIX);
            this.channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            OutputStream raw = Channels.newOutputStream(channel);
            this.stream = new BufferedOutputStream(raw, 1 << 16) {
                @Override
                public void close() throws IOException {
                    flush(); // the channel is closed by commit or close, not by the body
                }
            };
        }

        /** The stream to write the content to. */
        public OutputStream stream() {
            return stream;
        }

        public Path target() {
            return target;
        }

        /** Flushes, forces to disk and moves the file into place. */
        public Path commit() throws IOException {
            if (done) throw new IllegalStateException(name + " already committed or discarded");
            boolean ok = false;
            try {
                stream.flush();
                channel.force(true);
                channel.close();
                finished(this, true);
                ok = true;
                return target;
            } catch (NoSuchFileException e) {
                throw new IOException("run output " + dir + ": " + name + " vanished before it was finished"
                        + (aborted ? " (the run was aborted)" : ""), e);
            } finally {
                done = true;
                if (!ok) discard();
            }
        }

        /** Discards the file unless it was committed. */
        @Override
        public void close() {
            if (done) return;
            done = true;
            discard();
        }

        private void discard() {
            closeQuietly();
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // a leftover .partial never looks complete
            }
            try {
                finished(this, false);
            } catch (IOException e) {
                // not reached: nothing is moved when discarding
            }
        }

        void closeQuietly() {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a channel we are giving up on
            }
        }
    }
}
