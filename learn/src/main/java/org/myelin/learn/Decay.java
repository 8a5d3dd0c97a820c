package org.myelin.learn;

/**
 * {@code exp(-k h)} for whole numbers of steps {@code k >= 0}, from a table for short intervals and
 * computed beyond it. The table holds exactly what the computation gives, so results do not depend
 * on whether a value came from the table.
 */
final class Decay {
    private final double h;
    private final double[] table;

    /** For time constant {@code tau} (ms) and step {@code dt} (ms): {@code h = dt / tau}. */
    Decay(double dt, double tau) {
        this.h = dt / tau;
        int len = (int) Math.min(1 << 16, Math.ceil(40 * tau / dt) + 1);
        table = new double[len];
        for (int i = 0; i < len; i++) table[i] = Math.exp((-i) * h);
    }

    double of(int k) {
        return k < table.length ? table[k] : Math.exp((-k) * h);
    }
}
