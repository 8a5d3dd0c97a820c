package org.myelin.reservoir.lsm;

import java.util.Arrays;

import org.myelin.core.Rng;

/**
 * Input encoders: analogue values to spike trains for a spiking reservoir. Every encoder returns
 * one array of spike times (ms, strictly increasing, on the grid {@code k dt}, {@code k >= 1}) per
 * input channel, ready for {@code org.myelin.core.model.SpikeGenerator}.
 *
 * <ul>
 * <li>{@link #poisson}: rate coding; channel c fires in each step with probability
 * {@code intensity[c] maxRate dt} (a Bernoulli approximation of a Poisson train, at most one spike
 * per step), random numbers keyed by (key, channel, step).</li>
 * <li>{@link #latency}: time-to-first-spike coding; one spike at {@code window (1 - intensity)},
 * strong inputs first; channels at or below the threshold stay silent.</li>
 * <li>{@link #delta}: threshold-crossing (delta) modulation of one analogue signal into an UP and a
 * DOWN channel: a spike whenever the signal has moved by {@code threshold} from the last reference
 * level, which then moves by one threshold (several spikes for a large jump, on successive steps).</li>
 * </ul>
 */
public final class Encoders {
    private Encoders() {
    }

    private static void checkGrid(double windowMs, double dt) {
        if (!(dt > 0)) throw new IllegalArgumentException("encoder: dt = " + dt + " ms; valid: > 0");
        if (!(windowMs >= dt)) throw new IllegalArgumentException("encoder: window = " + windowMs + " ms; valid: >= dt = " + dt);
    }

    /**
     * Rate coding of intensities in [0, 1] over {@code windowMs}: {@code [channel][spikes]}.
     *
     * @param maxRate rate in Hz of an intensity of 1 (at most {@code 1000 / dt})
     */
    public static double[][] poisson(double[] intensity, double maxRate, double windowMs, double dt, long key) {
        checkGrid(windowMs, dt);
        if (!(maxRate >= 0) || maxRate * dt / 1000 > 1) {
            throw new IllegalArgumentException("poisson encoder: maxRate = " + maxRate + " Hz; valid: [0, " + 1000 / dt + "]");
        }
        int steps = (int) Math.floor(windowMs / dt + 1e-9);
        double[][] out = new double[intensity.length][];
        double[] buf = new double[steps];
        for (int c = 0; c < intensity.length; c++) {
            double x = intensity[c];
            if (!(x >= 0 && x <= 1)) {
                throw new IllegalArgumentException("poisson encoder: intensity " + x + " at channel " + c + "; valid: [0, 1]");
            }
            double p = x * maxRate * dt / 1000;
            int n = 0;
            if (p > 0) {
                long k = Rng.key(key, c);
                for (int s = 0; s < steps; s++) if (Rng.uniform(k, s) < p) buf[n++] = (s + 1) * dt;
            }
            out[c] = Arrays.copyOf(buf, n);
        }
        return out;
    }

    /** Latency coding: one spike per channel above {@code threshold}, earlier for stronger input. */
    public static double[][] latency(double[] intensity, double windowMs, double dt, double threshold) {
        checkGrid(windowMs, dt);
        int steps = (int) Math.floor(windowMs / dt + 1e-9);
        double[][] out = new double[intensity.length][];
        for (int c = 0; c < intensity.length; c++) {
            double x = intensity[c];
            if (!(x >= 0 && x <= 1)) {
                throw new IllegalArgumentException("latency encoder: intensity " + x + " at channel " + c + "; valid: [0, 1]");
            }
            if (x <= threshold) {
                out[c] = new double[0];
            } else {
                int k = Math.max(1, Math.min(steps, (int) Math.round((1 - x) * steps)));
                out[c] = new double[] {k * dt};
            }
        }
        return out;
    }

    /**
     * Delta modulation of a signal sampled every {@code sampleMs} (a multiple of dt): channel 0 (UP)
     * and channel 1 (DOWN). Sample i is read at time {@code i sampleMs}; its spikes are emitted from
     * the next grid step on.
     */
    public static double[][] delta(double[] signal, double threshold, double sampleMs, double dt) {
        checkGrid(sampleMs, dt);
        if (!(threshold > 0)) throw new IllegalArgumentException("delta encoder: threshold = " + threshold + "; valid: > 0");
        if (signal.length == 0) return new double[][] {new double[0], new double[0]};
        double[] up = new double[16], down = new double[16];
        int nu = 0, nd = 0;
        double ref = signal[0];
        long lastUp = 0, lastDown = 0;
        long per = Math.round(sampleMs / dt);
        for (int i = 0; i < signal.length; i++) {
            double x = signal[i];
            if (!Double.isFinite(x)) throw new IllegalArgumentException("delta encoder: sample " + i + " is " + x);
            long step = i * per + 1;
            while (x - ref >= threshold) {
                ref += threshold;
                long s = Math.max(step, lastUp + 1);
                lastUp = s;
                if (nu == up.length) up = Arrays.copyOf(up, nu * 2);
                up[nu++] = s * dt;
            }
            while (ref - x >= threshold) {
                ref -= threshold;
                long s = Math.max(step, lastDown + 1);
                lastDown = s;
                if (nd == down.length) down = Arrays.copyOf(down, nd * 2);
                down[nd++] = s * dt;
            }
        }
        return new double[][] {Arrays.copyOf(up, nu), Arrays.copyOf(down, nd)};
    }
}
