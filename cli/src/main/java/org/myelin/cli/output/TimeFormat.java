package org.myelin.cli.output;

import java.math.BigDecimal;

/**
 * Prints times (ms) exactly and reproducibly. Times of a run are multiples of the step {@code dt};
 * they are printed with as many decimals as {@code dt}'s shortest decimal form has (dt = 0.1 ms gives
 * {@code 0.3}, not {@code 0.30000000000000004}). A value that is not on that decimal grid, a step
 * with more than {@link #MAX_DECIMALS} decimals, or an unknown step (NaN) falls back to Java's
 * round-trip form ({@link Double#toString(double)}), so no value ever loses information.
 *
 * <p>{@link #canonical(double)} is the double the printed text parses to; binary outputs store that
 * value, so the CSV and the binary file hold the same numbers bit for bit.
 */
public final class TimeFormat {
    /** More decimals than this and the step is printed in round-trip form. */
    public static final int MAX_DECIMALS = 9;

    private static final long[] POW10 = new long[MAX_DECIMALS + 1];
    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }
    private static final double EXACT = 0x1p53;

    private final int decimals;
    private final double scale;

    private TimeFormat(int decimals) {
        this.decimals = decimals;
        this.scale = decimals < 0 ? Double.NaN : POW10[decimals];
    }

    /** The format for multiples of {@code stepMs} (NaN or non-positive: round-trip form). */
    public static TimeFormat forStep(double stepMs) {
        if (!(stepMs > 0) || Double.isInfinite(stepMs)) return new TimeFormat(-1);
        int d = Math.max(0, new BigDecimal(Double.toString(stepMs)).stripTrailingZeros().scale());
        return new TimeFormat(d <= MAX_DECIMALS ? d : -1);
    }

    /** Decimals printed, or -1 for the round-trip form. */
    public int decimals() {
        return decimals;
    }

    /** {@code t} scaled to an integer number of units of the last decimal, or Long.MIN_VALUE if off the grid. */
    private long grid(double t) {
        if (decimals < 0) return Long.MIN_VALUE;
        double x = t * scale;
        if (!(Math.abs(x) < EXACT)) return Long.MIN_VALUE;
        long s = Math.round(x);
        if (Math.abs(x - s) > 1e-6 + 1e-13 * Math.abs(x)) return Long.MIN_VALUE;
        return s;
    }

    /** The double that {@link #format(double)}'s text parses to. */
    public double canonical(double t) {
        long s = grid(t);
        // both operands are exact doubles, so the correctly rounded quotient is the parse of the decimal
        return s == Long.MIN_VALUE ? t : s / scale;
    }

    public String format(double t) {
        StringBuilder sb = new StringBuilder(24);
        append(sb, t);
        return sb.toString();
    }

    /** Appends the text of {@code t} to {@code sb}. */
    public void append(StringBuilder sb, double t) {
        long s = grid(t);
        if (s == Long.MIN_VALUE) {
            sb.append(t);
            return;
        }
        if (s < 0) {
            sb.append('-');
            s = -s;
        }
        if (decimals == 0) {
            sb.append(s);
            return;
        }
        long p = POW10[decimals];
        sb.append(s / p).append('.');
        long f = s % p;
        for (long q = p / 10; q > f && q > 1; q /= 10) sb.append('0');
        sb.append(f);
    }

    @Override
    public String toString() {
        return decimals < 0 ? "TimeFormat[round-trip]" : "TimeFormat[" + decimals + " decimals]";
    }
}
