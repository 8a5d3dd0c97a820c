package org.myelin.core.model;

import org.myelin.core.ModelException;
import org.myelin.core.NeuronKernel;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;
import org.myelin.core.SpikeBuffer;
import org.myelin.core.SpikeSchedule;

/**
 * {@code spike_generator}: each neuron emits spikes at given times (NEST's device of the same name,
 * with spike times on the grid). Not a singleton: an instance holds one train per neuron.
 *
 * <pre>
 *   a spike at time t (ms) is emitted in step round(t/dt) - 1, so that its time is (step+1) dt = t
 * </pre>
 * Times must be positive multiples of dt (within 1e-9 relative) and strictly increasing per neuron;
 * {@link #validate} rejects anything else, naming the neuron, the time and the grid (NEST's
 * off-grid, precise-time and multiplicity options are not modelled). The number of neurons of a
 * population using this model must equal {@link #size()}; the network checks it.
 *
 * <p>The compiled kernel holds each neuron's spike steps, sorted; the position of each neuron's next
 * spike is the state variable {@code next_index}, so the kernel stays a pure function of its state and
 * a snapshot is complete. Spikes whose step has passed (a run started later) are skipped. Between
 * runs, {@link org.myelin.core.Population#addSpikes} appends times to a neuron's train (the compiled
 * kernel's schedule; {@link #times} keeps returning the times given at construction).
 *
 * <p>No parameters, no input ports. State: {@code next_index} (index of the next spike, initially 0).
 *
 * <p>References: NEST {@code spike_generator}.
 */
public final class SpikeGenerator extends NeuronModel {
    static final int NEXT = 0;

    /** Relative tolerance for a time to count as a multiple of dt. */
    static final double GRID_TOLERANCE = 1e-9;

    private final double[][] times;

    private SpikeGenerator(double[][] times) {
        super("spike_generator", new ParamSpec[0], new String[] {"next_index"}, new String[] {""});
        this.times = times;
    }

    /** One train per neuron: {@code timesPerNeuron[i]} are the spike times (ms) of neuron i. */
    public static SpikeGenerator of(double[][] timesPerNeuron) {
        double[][] t = new double[timesPerNeuron.length][];
        for (int i = 0; i < t.length; i++) t[i] = timesPerNeuron[i].clone();
        return new SpikeGenerator(t);
    }

    /** The same train (ms) for each of {@code n} neurons. */
    public static SpikeGenerator ofTrain(int n, double... times) {
        if (n < 0) throw new IllegalArgumentException("negative size " + n);
        double[] shared = times.clone();
        double[][] t = new double[n][];
        for (int i = 0; i < n; i++) t[i] = shared;
        return new SpikeGenerator(t);
    }

    /** The number of trains, which must equal the population size. */
    public int size() {
        return times.length;
    }

    @Override
    public void validateSize(String element, int size) {
        if (size != times.length) {
            throw new ModelException(element, "size", "value " + size + " is invalid; valid: " + times.length
                    + " (one neuron per spike train given)");
        }
    }

    /** The spike times (ms) of neuron {@code i} (a copy). */
    public double[] times(int i) {
        return times[i].clone();
    }


    @Override
    public String[] receptorNames() {
        return new String[0];
    }

    @Override
    public boolean hasInput() {
        return false;
    }

    @Override
    public void validate(String element, double[] p, double dt) {
        steps(element, dt);
    }

    @Override
    public void initialize(double[] p, double[][] s, int from, int to) {
        for (int i = from; i < to; i++) s[NEXT][i] = 0;
    }

    @Override
    public NeuronKernel compile(double[] p, double dt) {
        return new Kernel(steps(name(), dt));
    }

    /**
     * The emission step of every spike, per neuron, checked: on the grid, positive, strictly
     * increasing. Neurons that share a train share the result.
     */
    private long[][] steps(String element, double dt) {
        long[][] s = new long[times.length][];
        for (int i = 0; i < times.length; i++) {
            if (i > 0 && times[i] == times[i - 1]) {
                s[i] = s[i - 1];
                continue;
            }
            s[i] = gridSteps(element, i, times[i], dt);
        }
        return s;
    }

    /** The emission steps of one neuron's times, checked: on the grid, positive, strictly increasing. */
    static long[] gridSteps(String element, int i, double[] t, double dt) {
        long[] k = new long[t.length];
        for (int j = 0; j < t.length; j++) {
            double tj = t[j];
            double q = tj / dt;
            long n = Math.round(q);
            if (!(tj > 0) || Double.isInfinite(tj) || n < 1 || Math.abs(tj - n * dt) > GRID_TOLERANCE * tj) {
                throw new ModelException(element, "spike_times", "neuron " + i + ": time " + tj
                        + " ms is not a positive multiple of dt = " + dt + " ms (within "
                        + GRID_TOLERANCE + " relative)");
            }
            k[j] = n - 1;
            if (j > 0 && k[j] <= k[j - 1]) {
                String why = tj < t[j - 1] ? "times must be sorted in increasing order"
                        : "duplicate spike time (one spike per neuron per step)";
                throw new ModelException(element, "spike_times", "neuron " + i + ": time " + tj
                        + " ms follows " + t[j - 1] + " ms: " + why);
            }
        }
        return k;
    }

    static final class Kernel implements NeuronKernel, SpikeSchedule {
        final long[][] steps;

        Kernel(long[][] steps) {
            this.steps = steps;
        }

        @Override
        public void update(long step, double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out) {
            final double[] next = s[NEXT];
            final long[][] steps = this.steps;
            for (int i = from; i < to; i++) {
                final long[] k = steps[i];
                final int j = (int) next[i];
                if (j < k.length && k[j] <= step) {
                    emit(i, j, k, step, next, out);
                }
            }
        }

        @Override
        public void addSpikes(String element, int neuron, double[] times, double dt, long stepsDone) {
            long[] add = gridSteps(element, neuron, times, dt);
            if (add.length == 0) return;
            long[] old = steps[neuron];
            if (add[0] < stepsDone) {
                throw new ModelException(element, "spike_times", "neuron " + neuron + ": time " + times[0]
                        + " ms has passed; valid: > " + stepsDone * dt + " ms (the time simulated so far)");
            }
            if (old.length > 0 && add[0] <= old[old.length - 1]) {
                throw new ModelException(element, "spike_times", "neuron " + neuron + ": time " + times[0]
                        + " ms is not after the neuron's last scheduled spike at " + (old[old.length - 1] + 1) * dt
                        + " ms; valid: later times");
            }
            long[] merged = java.util.Arrays.copyOf(old, old.length + add.length); // a copy: trains may be shared
            System.arraycopy(add, 0, merged, old.length, add.length);
            steps[neuron] = merged;
        }

        /** Slow path: a spike is due (or past, when a run starts later); skip past ones. */
        private static void emit(int i, int j, long[] k, long step, double[] next, SpikeBuffer out) {
            while (j < k.length && k[j] < step) j++;
            if (j < k.length && k[j] == step) {
                out.add(i);
                j++;
            }
            next[i] = j;
        }
    }
}
