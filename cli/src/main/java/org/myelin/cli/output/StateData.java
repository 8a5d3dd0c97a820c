package org.myelin.cli.output;

import java.util.Arrays;
import java.util.Objects;

import org.myelin.core.StateRecorder;

/**
 * Recorded state variables of some neurons of one population: {@code values[v][k][r]} is variable
 * {@code variables[v]} of recorded neuron {@code neurons[k]} (index within the population) at sample
 * time {@code timesMs[r]}. {@code dt} is the step in ms (NaN if unknown, as after reading a CSV).
 * Arrays are not copied; {@link #equals(Object)} compares contents.
 */
public record StateData(String population, double dt, double[] timesMs, int[] neurons, String[] variables,
                        double[][][] values) {

    public StateData {
        Objects.requireNonNull(population, "population");
        if (values.length != variables.length) {
            throw new IllegalArgumentException("state of '" + population + "': " + variables.length + " variables but "
                    + values.length + " value blocks");
        }
        for (int v = 0; v < values.length; v++) {
            if (values[v].length != neurons.length) {
                throw new IllegalArgumentException("state of '" + population + "', " + variables[v] + ": "
                        + values[v].length + " traces for " + neurons.length + " neurons");
            }
            for (double[] tr : values[v]) {
                if (tr.length != timesMs.length) {
                    throw new IllegalArgumentException("state of '" + population + "', " + variables[v] + ": a trace of "
                            + tr.length + " samples for " + timesMs.length + " times");
                }
            }
        }
    }

    /** The recording of {@code rec} (of a network with step {@code dt} ms). */
    public static StateData from(StateRecorder rec, double dt) {
        String[] vars = rec.variables();
        int[] ids = rec.neurons();
        double[][][] val = new double[vars.length][ids.length][];
        for (int v = 0; v < vars.length; v++) {
            for (int k = 0; k < ids.length; k++) val[v][k] = rec.trace(vars[v], k);
        }
        return new StateData(rec.population().name(), dt, rec.times(), ids, vars, val);
    }

    public int samples() {
        return timesMs.length;
    }

    /** Index of variable {@code name}, or -1. */
    public int variableIndex(String name) {
        for (int v = 0; v < variables.length; v++) if (variables[v].equals(name)) return v;
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof StateData)) return false;
        StateData s = (StateData) o;
        return population.equals(s.population) && Double.compare(dt, s.dt) == 0 && Arrays.equals(timesMs, s.timesMs)
                && Arrays.equals(neurons, s.neurons) && Arrays.equals(variables, s.variables)
                && Arrays.deepEquals(values, s.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(population, dt, Arrays.hashCode(timesMs), Arrays.hashCode(neurons),
                Arrays.hashCode(variables), Arrays.deepHashCode(values));
    }

    @Override
    public String toString() {
        return "StateData[" + population + ": " + String.join(", ", variables) + " of " + neurons.length + " neurons, "
                + timesMs.length + " samples]";
    }
}
