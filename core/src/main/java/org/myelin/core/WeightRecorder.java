package org.myelin.core;

import java.io.IOException;
import java.util.Arrays;

/**
 * Records the weights of every synapse of a projection at chosen times (NEST's
 * {@code weight_recorder}, but as snapshots rather than per transmitted spike). The snapshot at time
 * {@code T} (a multiple of dt) is taken after every spike with time {@code <= T} was delivered, so
 * it holds each synapse's weight as its rule last left it: rules that update lazily at presynaptic
 * spikes (the STDP family) show a synapse's weight as of its last presynaptic spike, as NEST does.
 * A snapshot at time 0 shows the initial weights.
 *
 * <p>Each worker samples its own synapses into its own buffers; {@link #times()}, {@link #sources()},
 * {@link #targets()} and {@link #weights()} merge them, ordered by time, source, target (then
 * receptor port and creation order). The final weights are {@link Projection#synapses()}.
 */
public final class WeightRecorder {
    final Projection proj;
    final int[] stamps; // sorted, distinct
    final double dt;
    int[][] rec; // per worker: time stamps, sources, targets (interleaved by 3)
    int[] recSize;
    double[][] w;
    private int[] order;

    WeightRecorder(Projection proj, int[] stamps, double dt) {
        this.proj = proj;
        this.stamps = stamps;
        this.dt = dt;
    }

    void allocate(int workers) {
        if (rec != null && rec.length == workers) return;
        rec = new int[workers][48];
        recSize = new int[workers];
        w = new double[workers][16];
    }

    /** Whether a snapshot is due at {@code stamp}. */
    boolean due(int stamp) {
        return Arrays.binarySearch(stamps, stamp) >= 0;
    }

    /** Worker {@code worker} samples its groups of the projection at {@code stamp}. */
    void sample(int worker, int stamp) {
        SynapseGroup[] gs = proj.groups[worker];
        for (SynapseGroup g : gs) {
            int nSrc = g.rowPtr.length - 1;
            for (int s = 0; s < nSrc; s++) {
                for (int k = g.rowPtr[s]; k < g.rowPtr[s + 1]; k++) add(worker, stamp, s, g.target(k), g.weight(k));
            }
        }
        order = null;
    }

    private void add(int worker, int stamp, int s, int t, double weight) {
        int n = recSize[worker];
        if (3 * n + 3 > rec[worker].length) rec[worker] = Arrays.copyOf(rec[worker], rec[worker].length * 2);
        if (n + 1 > w[worker].length) w[worker] = Arrays.copyOf(w[worker], w[worker].length * 2);
        int[] r = rec[worker];
        r[3 * n] = stamp;
        r[3 * n + 1] = s;
        r[3 * n + 2] = t;
        w[worker][n] = weight;
        recSize[worker] = n + 1;
    }

    private int total() {
        int n = 0;
        if (recSize != null) for (int x : recSize) n += x;
        return n;
    }

    /** Flat (worker, index) pairs ordered by time, source, target, then worker order. */
    private int[] order() {
        if (order != null) return order;
        int n = total();
        int[] wk = new int[n];
        int[] ix = new int[n];
        int m = 0;
        for (int wo = 0; recSize != null && wo < recSize.length; wo++) {
            for (int i = 0; i < recSize[wo]; i++) {
                wk[m] = wo;
                ix[m] = i;
                m++;
            }
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> {
            int[] ra = rec[wk[a]];
            int[] rb = rec[wk[b]];
            int pa = 3 * ix[a];
            int pb = 3 * ix[b];
            for (int c = 0; c < 3; c++) if (ra[pa + c] != rb[pb + c]) return Integer.compare(ra[pa + c], rb[pb + c]);
            return Integer.compare(a, b);
        });
        int[] o = new int[2 * n];
        for (int i = 0; i < n; i++) {
            o[2 * i] = wk[idx[i]];
            o[2 * i + 1] = ix[idx[i]];
        }
        order = o;
        return o;
    }

    private int[] column(int c) {
        int[] o = order();
        int[] out = new int[o.length / 2];
        for (int i = 0; i < out.length; i++) out[i] = rec[o[2 * i]][3 * o[2 * i + 1] + c];
        return out;
    }

    /** Number of recorded (time, synapse) rows. */
    public int count() {
        return total();
    }

    /** Time (ms) of each row. */
    public double[] times() {
        int[] s = column(0);
        double[] t = new double[s.length];
        for (int i = 0; i < s.length; i++) t[i] = s[i] * dt;
        return t;
    }

    /** Source (index within the source population) of each row. */
    public int[] sources() {
        return column(1);
    }

    /** Target (index within the target population) of each row. */
    public int[] targets() {
        return column(2);
    }

    /** Weight of each row, as transmitted (signed). */
    public double[] weights() {
        int[] o = order();
        double[] out = new double[o.length / 2];
        for (int i = 0; i < out.length; i++) out[i] = w[o[2 * i]][o[2 * i + 1]];
        return out;
    }

    public Projection projection() {
        return proj;
    }

    /** Writes the rows as CSV with header {@code time_ms,source,target,weight}. */
    public void writeCsv(Appendable out) throws IOException {
        double[] t = times();
        int[] s = sources();
        int[] g = targets();
        double[] x = weights();
        out.append("time_ms,source,target,weight\n");
        for (int i = 0; i < t.length; i++) {
            out.append(Double.toString(t[i])).append(',').append(Integer.toString(s[i])).append(',')
                    .append(Integer.toString(g[i])).append(',').append(Double.toString(x[i])).append('\n');
        }
    }

    /** Drops the recorded rows. */
    public void clear() {
        if (recSize != null) Arrays.fill(recSize, 0);
        order = null;
    }
}
