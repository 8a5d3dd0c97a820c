package org.myelin.core.model;

import org.myelin.core.NeuronKernel;
import org.myelin.core.NeuronModel;
import org.myelin.core.SpikeBuffer;

/**
 * Drives one compiled kernel directly, without a network: a population of {@code n} neurons with
 * one ring slot per port. Tests set this step's input with {@link #spike} and {@link #current},
 * then call {@link #step()}; input is cleared after each step as the engine does.
 */
public final class KernelHarness {
    public final NeuronModel model;
    public final double[] params;
    public final double dt;
    public final int n;
    public final double[][] state;
    public final double[][] in;
    public final NeuronKernel kernel;
    public final SpikeBuffer out = new SpikeBuffer(16);
    public long step;

    public KernelHarness(NeuronModel model, double dt, int n, String... keyValues) {
        this.model = model;
        this.dt = dt;
        this.n = n;
        this.params = model.defaults();
        for (int k = 0; k < keyValues.length; k += 2) {
            int idx = model.paramIndex(keyValues[k]);
            if (idx < 0) throw new IllegalArgumentException("no parameter " + keyValues[k]);
            double v = Double.parseDouble(keyValues[k + 1]);
            model.parameters().get(idx).check("test", v);
            params[idx] = v;
        }
        model.validate("test", params, dt);
        state = new double[model.stateVariables().size()][n];
        model.initialize(params, state, 0, n);
        in = new double[model.receptorCount() + 1][n];
        kernel = model.compile(params, dt);
    }

    /** Adds a spike of weight w (already routed: port index given) to neuron i in the next step. */
    public void spike(int port, int i, double w) {
        in[port][i] += w;
    }

    /** Sets the current (pA) of neuron i for the next step. */
    public void current(int i, double pA) {
        in[model.receptorCount()][i] = pA;
    }

    /** Advances all neurons one step; returns the number of spikes; {@link #out} holds them. */
    public int step() {
        out.clear();
        kernel.update(step, state, in, 0, 0, n, out);
        for (double[] port : in) java.util.Arrays.fill(port, 0);
        step++;
        return out.size();
    }

    /** State variable by name of neuron i. */
    public double get(String var, int i) {
        int idx = model.stateIndex(var);
        if (idx < 0) throw new IllegalArgumentException("no state variable " + var);
        return state[idx][i];
    }

    public void set(String var, int i, double v) {
        state[model.stateIndex(var)][i] = v;
    }
}
