package org.myelin.core;

import java.util.Arrays;

/**
 * A stimulus device, connected to a target population with a weight and a delay
 * ({@link Network#stimulate}). Each device is active while {@code start <= t < stop}, with
 * {@code t = step*dt} the start of the step in which the device emits; its output then reaches the
 * target {@code delay} later.
 *
 * <ul>
 * <li>{@code poisson_generator(rate)}: every target gets its own independent Poisson train (as in
 * NEST); each step a target receives {@code k ~ Poisson(rate*dt)} spikes of the given weight on the
 * receptor chosen by the weight's sign. Random numbers are keyed by (seed, device, target, step).</li>
 * <li>{@code dc_generator(amplitude)}: a constant current in pA, times the weight.</li>
 * <li>{@code step_current_generator(times, values)}: piecewise constant current; value {@code i}
 * holds from {@code times[i]} (ms, strictly increasing) to the next time; 0 before the first.</li>
 * <li>{@code noise_generator(mean, std, dt)}: every target gets its own Gaussian current
 * {@code mean + std*N(0,1)} in pA, redrawn every {@code dt} ms (a multiple of the simulation step)
 * and held in between (NEST's definition; the modulation parameters are not offered).</li>
 * </ul>
 */
public final class Generator {
    /** Device kinds. */
    public enum Kind {
        POISSON("poisson_generator"), DC("dc_generator"), STEP_CURRENT("step_current_generator"),
        NOISE("noise_generator");

        private final String nestName;

        Kind(String n) {
            nestName = n;
        }

        public String nestName() {
            return nestName;
        }
    }

    final Kind kind;
    final double a;
    final double b;
    final double c;
    final double[] times;
    final double[] values;
    final double start;
    final double stop;

    private Generator(Kind kind, double a, double b, double c, double[] times, double[] values, double start,
                      double stop) {
        this.kind = kind;
        this.a = a;
        this.b = b;
        this.c = c;
        this.times = times;
        this.values = values;
        this.start = start;
        this.stop = stop;
    }

    /** Independent Poisson trains of {@code rate} Hz per target. */
    public static Generator poisson(double rate) {
        return new Generator(Kind.POISSON, rate, 0, 0, null, null, 0, Double.POSITIVE_INFINITY);
    }

    /** A constant current of {@code amplitude} pA. */
    public static Generator dc(double amplitude) {
        return new Generator(Kind.DC, amplitude, 0, 0, null, null, 0, Double.POSITIVE_INFINITY);
    }

    /** A piecewise constant current: {@code values[i]} pA from {@code times[i]} ms on. */
    public static Generator stepCurrent(double[] times, double[] values) {
        return new Generator(Kind.STEP_CURRENT, 0, 0, 0, times.clone(), values.clone(), 0,
                Double.POSITIVE_INFINITY);
    }

    /** Independent Gaussian currents per target, redrawn every {@code interval} ms. */
    public static Generator noise(double mean, double std, double interval) {
        return new Generator(Kind.NOISE, mean, std, interval, null, null, 0, Double.POSITIVE_INFINITY);
    }

    /** Active from {@code start} ms (inclusive). */
    public Generator start(double start) {
        return new Generator(kind, a, b, c, times, values, start, stop);
    }

    /** Active until {@code stop} ms (exclusive). */
    public Generator stop(double stop) {
        return new Generator(kind, a, b, c, times, values, start, stop);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the device sends spikes (true) or a current (false). */
    public boolean spiking() {
        return kind == Kind.POISSON;
    }

    void validate(String element, double dt) {
        if (!(start >= 0) || Double.isInfinite(start)) {
            throw new ModelException(element, "start", "value " + start + " ms is invalid; valid: [0, inf) ms");
        }
        if (!(stop > start)) {
            throw new ModelException(element, "stop", "value " + stop + " ms is invalid; valid: > start (" + start + " ms)");
        }
        switch (kind) {
            case POISSON:
                if (!(a >= 0) || Double.isInfinite(a)) {
                    throw new ModelException(element, "rate", "value " + a + " Hz is invalid; valid: [0, inf) Hz");
                }
                break;
            case DC:
                if (!Double.isFinite(a)) throw new ModelException(element, "amplitude", "value " + a + " pA is not finite");
                break;
            case STEP_CURRENT:
                if (times.length != values.length) {
                    throw new ModelException(element, "amplitude_times", times.length + " times but "
                            + values.length + " amplitude_values; they must pair up");
                }
                for (int i = 0; i < times.length; i++) {
                    if (!(times[i] >= 0) || Double.isInfinite(times[i]) || (i > 0 && !(times[i] > times[i - 1]))) {
                        throw new ModelException(element, "amplitude_times", "time " + times[i] + " ms at index " + i
                                + " is invalid; valid: finite, >= 0 and strictly increasing");
                    }
                    if (!Double.isFinite(values[i])) {
                        throw new ModelException(element, "amplitude_values", "value " + values[i] + " at index " + i + " is not finite");
                    }
                }
                break;
            case NOISE:
                if (!Double.isFinite(a)) throw new ModelException(element, "mean", "value " + a + " pA is not finite");
                if (!(b >= 0) || Double.isInfinite(b)) throw new ModelException(element, "std", "value " + b + " pA is invalid; valid: [0, inf) pA");
                double k = c / dt;
                if (!(c > 0) || Math.abs(k - Math.rint(k)) > 1e-9 * Math.max(1, k)) {
                    throw new ModelException(element, "dt", "value " + c + " ms is invalid; valid: a positive multiple of the simulation step " + dt + " ms");
                }
                break;
            default:
                break;
        }
    }

    @Override
    public String toString() {
        switch (kind) {
            case POISSON: return "poisson_generator(rate " + a + " Hz)";
            case DC: return "dc_generator(amplitude " + a + " pA)";
            case STEP_CURRENT: return "step_current_generator(" + Arrays.toString(times) + " ms -> " + Arrays.toString(values) + " pA)";
            default: return "noise_generator(mean " + a + " pA, std " + b + " pA, dt " + c + " ms)";
        }
    }
}
