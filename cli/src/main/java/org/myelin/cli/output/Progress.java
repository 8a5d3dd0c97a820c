package org.myelin.cli.output;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.myelin.core.Network;

/**
 * Reports a simulation's progress on stderr: biological time done and total, elapsed wall time,
 * real-time factor (biological time / wall time, as NEST reports it) and the estimated time left.
 *
 * <p>On a terminal a single line with a bar is redrawn in place ({@code \r}) at most ten times a
 * second; otherwise (output piped or logged) a plain line is printed at every 10% and at least every
 * {@value #PLAIN_INTERVAL_S} s. The wall clock starts when the reporter is made (or at
 * {@link #restart()}); make one right before {@code Network.simulate}. Reports arrive on the
 * simulating thread; {@link #where()} may be called from any thread (a shutdown hook).
 */
public final class Progress implements Network.ProgressListener {
    /** Seconds between plain lines when no 10% mark is passed. */
    public static final int PLAIN_INTERVAL_S = 10;
    private static final long REDRAW_NS = 100_000_000L;
    private static final int BAR = 24;

    private final double dt;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier clock;
    private final TimeFormat bio;
    private volatile long start;
    private volatile long done;
    private volatile long total = -1;
    private long lastDraw = Long.MIN_VALUE;
    private int lastDecile = -1;
    private int lastWidth;
    private boolean lineOpen;

    /** A reporter on stderr, as a bar if stderr's process has a terminal ({@code System.console() != null}). */
    public static Progress toStderr(double dtMs) {
        return new Progress(dtMs, System.err, System.console() != null);
    }

    public Progress(double dtMs, PrintStream out, boolean terminal) {
        this(dtMs, out, terminal, System::nanoTime);
    }

    Progress(double dtMs, PrintStream out, boolean terminal, LongSupplier nanoClock) {
        this.dt = dtMs;
        this.out = out;
        this.terminal = terminal;
        this.clock = nanoClock;
        TimeFormat f = TimeFormat.forStep(dtMs);
        this.bio = f.decimals() >= 0 && f.decimals() <= 3 ? f : TimeFormat.forStep(0.001);
        this.start = nanoClock.getAsLong();
    }

    /** Restarts the wall clock and the report (before another {@code simulate}). */
    public synchronized void restart() {
        finish();
        start = clock.getAsLong();
        done = 0;
        total = -1;
        lastDraw = Long.MIN_VALUE;
        lastDecile = -1;
    }

    @Override
    public synchronized void progress(long stepsDone, long stepsTotal) {
        done = stepsDone;
        total = stepsTotal;
        long now = clock.getAsLong();
        boolean end = stepsDone >= stepsTotal;
        if (terminal) {
            if (end || lastDraw == Long.MIN_VALUE || now - lastDraw >= REDRAW_NS) {
                lastDraw = now;
                String line = line(now, true);
                StringBuilder sb = new StringBuilder(line.length() + 8).append('\r').append(line);
                for (int i = line.length(); i < lastWidth; i++) sb.append(' ');
                lastWidth = line.length();
                out.print(sb);
                lineOpen = true;
                if (end) finish();
                else out.flush();
            }
        } else {
            int decile = stepsTotal > 0 ? (int) Math.min(10, stepsDone * 10 / stepsTotal) : 10;
            boolean due = lastDraw == Long.MIN_VALUE ? now - start >= PLAIN_INTERVAL_S * 1_000_000_000L
                    : now - lastDraw >= PLAIN_INTERVAL_S * 1_000_000_000L;
            if (decile > lastDecile || (due && !(end && lastDecile == 10))) {
                lastDecile = decile;
                lastDraw = now;
                out.println(line(now, false));
                out.flush();
            }
        }
    }

    /** Ends the bar's line, if one is open (call after the run, also after a failure). */
    public synchronized void finish() {
        if (lineOpen) {
            out.println();
            out.flush();
            lineOpen = false;
            lastWidth = 0;
        }
    }

    /** Where the run is, for a message on interruption: e.g. "at 523.4 of 1000.0 ms (52.3%) after 3.2 s". */
    public String where() {
        long d = done;
        long t = total;
        double el = (clock.getAsLong() - start) * 1e-9;
        if (t < 0) return "before the first progress report, after " + duration(el);
        return String.format(Locale.ROOT, "at %s of %s ms biological time (%.1f%%) after %s", bio.format(d * dt),
                bio.format(t * dt), t > 0 ? 100.0 * d / t : 100.0, duration(el));
    }

    private String line(long now, boolean bar) {
        long d = done;
        long t = total;
        double frac = t > 0 ? Math.min(1, (double) d / t) : 1;
        double el = (now - start) * 1e-9;
        double bioS = d * dt * 1e-3;
        StringBuilder sb = new StringBuilder(100);
        if (bar) {
            int full = (int) Math.round(frac * BAR);
            sb.append('[');
            for (int i = 0; i < BAR; i++) sb.append(i < full ? '#' : '.');
            sb.append("] ");
        }
        sb.append(String.format(Locale.ROOT, "%5.1f%%  %s / %s ms  elapsed %s", frac * 100, bio.format(d * dt),
                bio.format(t * dt), duration(el)));
        if (el > 0 && bioS > 0) {
            sb.append("  RTF ").append(String.format(Locale.ROOT, "%.3g", bioS / el));
        }
        if (d >= t) {
            sb.append("  done");
        } else if (d > 0 && el > 0) {
            sb.append("  ETA ").append(duration(el * (t - d) / d));
        } else {
            sb.append("  ETA -");
        }
        return sb.toString();
    }

    /** Wall seconds as "3.2 s", "2 min 05 s" or "1 h 02 min". */
    static String duration(double s) {
        if (!(s >= 0) || Double.isInfinite(s)) return "-";
        if (s < 60) return String.format(Locale.ROOT, "%.1f s", s);
        long r = Math.round(s);
        if (r < 3600) return String.format(Locale.ROOT, "%d min %02d s", r / 60, r % 60);
        return String.format(Locale.ROOT, "%d h %02d min", r / 3600, (r % 3600) / 60);
    }
}
