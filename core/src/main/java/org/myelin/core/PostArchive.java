package org.myelin.core;

import java.util.Arrays;

/**
 * The spike history of one worker's slice of a population that plastic synapses target (NEST's
 * archiving node): for each neuron, its recent spikes as stamps ({@code stamp*dt} is the spike's
 * time), each with the value of every registered postsynaptic trace just before the spike, and an
 * access counter. Written by the owning worker when its neurons spike, read by the same worker when
 * it delivers presynaptic spikes to them: no locks.
 *
 * <h2>Traces</h2>
 * Trace {@code tr} has time constant {@code tau[tr]}; between spikes it decays as
 * {@code exp(-dt/tau)}; at a spike it is incremented by 1 (all-to-all) or set to 1 (nearest
 * spike). {@link #trace(int, int, int)} is NEST's {@code get_K_value}: the trace at a time, from
 * the spikes strictly before it.
 *
 * <h2>Pruning</h2>
 * An entry is dropped, when a new spike is added, once every plastic synapse onto the neuron has
 * read it (its access counter reached the neuron's number of plastic inputs, NEST's rule) and a
 * later entry is older than any time a future query can ask about (exchange interval plus longest
 * plastic delay). A synapse whose source never spikes never reads, so, as in NEST, a neuron with a
 * silent plastic input keeps its history.
 *
 * <p>Storage: one ring of {@code cap} entries per neuron in flat arrays; {@code cap} doubles for
 * the whole slice when one neuron needs more (rare, worker-local). A summary per neuron (count, the
 * newest and second-newest stamps, the newest entry's access counter and traces, interleaved in one
 * cache line) answers the common queries with one memory access: a presynaptic spike usually finds
 * no postsynaptic spike, or just the newest one, since the previous presynaptic spike, and its
 * depression reads the trace after the newest spike. Decay factors
 * {@code exp(-k dt/tau)} come from a table for short intervals (the same expression, so the same
 * bits, as computing them).
 */
public final class PostArchive {
    final int from;
    final int n;
    final double dt;
    final double[] tau;
    final boolean[] nearest;
    final int traces;
    final int horizon;
    int[] incoming;
    int cap;
    int mask;
    int[] hc; // [2 l]: head, [2 l + 1]: count
    int[] ent; // [2 slot]: stamp, [2 slot + 1]: access counter
    double[] before; // [slot * traces + tr]
    final int stride;
    /**
     * Per local neuron, at {@code l * stride}: newest stamp (-1: none), second-newest stamp (-1:
     * none), the newest entry's access counter (kept here, written back when a newer spike comes),
     * count, then per trace the value after and before the newest spike.
     */
    final double[] summary;
    static final int NEWEST = 0, SECOND = 1, ACCESS = 2, COUNT = 3, TRACES = 4;
    final double[][] decayTable; // [tr][k] = exp(-k dt / tau)

    PostArchive(int from, int to, double dt, double[] tau, boolean[] nearest, int horizon) {
        this.from = from;
        this.n = to - from;
        this.dt = dt;
        this.tau = tau.clone();
        this.nearest = nearest.clone();
        this.traces = tau.length;
        this.horizon = horizon;
        this.incoming = new int[n];
        this.cap = 4;
        this.mask = cap - 1;
        this.hc = new int[2 * n];
        this.ent = new int[2 * n * cap];
        this.before = new double[n * cap * traces];
        this.stride = TRACES + 2 * traces;
        this.summary = new double[n * stride];
        for (int l = 0; l < n; l++) {
            summary[l * stride + NEWEST] = -1;
            summary[l * stride + SECOND] = -1;
        }
        this.decayTable = new double[traces][];
        for (int k = 0; k < traces; k++) {
            int len = (int) Math.min(1 << 16, Math.ceil(40 * tau[k] / dt) + 1);
            double[] t = new double[len];
            for (int i = 0; i < len; i++) t[i] = Math.exp((-i) * dt / tau[k]);
            decayTable[k] = t;
        }
    }

    /** {@code exp(-steps dt / tau[tr])} for {@code steps >= 0}. */
    public double decay(int tr, int steps) {
        final double[] t = decayTable[tr];
        return steps < t.length ? t[steps] : Math.exp((-steps) * dt / tau[tr]);
    }

    /** Stamp of the newest spike of neuron {@code j}, or -1 if it has none. */
    public int newest(int j) {
        return (int) summary[(j - from) * stride + NEWEST];
    }

    /** Value of trace {@code tr} just after the newest spike of neuron {@code j}. */
    public double newestAfter(int j, int tr) {
        return summary[(j - from) * stride + TRACES + tr];
    }

    private int slot(int l, int i) {
        return l * cap + ((hc[2 * l] + i) & mask);
    }

    /** Number of entries of neuron {@code j} (index within the population). */
    public int count(int j) {
        return hc[2 * (j - from) + 1];
    }

    /** Stamp of entry {@code i} (0 = oldest) of neuron {@code j}. */
    public int stamp(int j, int i) {
        final int base = (j - from) * stride;
        if (i == (int) summary[base + COUNT] - 1) return (int) summary[base + NEWEST];
        return ent[2 * slot(j - from, i)];
    }

    /** Value of trace {@code tr} just before the spike of entry {@code i} of neuron {@code j}. */
    public double before(int j, int i, int tr) {
        final int base = (j - from) * stride;
        if (i == (int) summary[base + COUNT] - 1) return summary[base + TRACES + traces + tr];
        return before[slot(j - from, i) * traces + tr];
    }

    /** Value of trace {@code tr} just after the spike of entry {@code i} of neuron {@code j}. */
    public double after(int j, int i, int tr) {
        return nearest[tr] ? 1.0 : before(j, i, tr) + 1.0;
    }

    /**
     * The number of entries of neuron {@code j} with stamp {@code <= s}, i.e. the index of the first
     * entry later than {@code s}. Entries {@code [upTo(j, s1), upTo(j, s2))} are the spikes in
     * {@code (s1, s2]} (NEST's {@code get_history}); {@link #range} finds both ends in one scan.
     */
    public int upTo(int j, int s) {
        final int l = j - from;
        final int base = l * cap;
        final int h = hc[2 * l];
        final int m = mask;
        final int[] e = ent;
        int i = hc[2 * l + 1];
        while (i > 0 && e[2 * (base + ((h + i - 1) & m))] > s) i--;
        return i;
    }

    /**
     * The entries of neuron {@code j} with stamps in {@code (s1, s2]}, {@code s1 <= s2}, as
     * {@code (a << 32) | b} for entries {@code [a, b)}: one backward scan from the newest entry.
     */
    public long range(int j, int s1, int s2) {
        final int l = j - from;
        final int sb = l * stride;
        final double[] sm = summary;
        final int c = (int) sm[sb + COUNT];
        if (sm[sb + NEWEST] <= s1) return ((long) c << 32) | c;
        if (sm[sb + NEWEST] <= s2 && sm[sb + SECOND] <= s1) return ((long) (c - 1) << 32) | c;
        final int base = l * cap;
        final int h = hc[2 * l];
        final int m = mask;
        final int[] e = ent;
        int i = hc[2 * l + 1];
        while (i > 0 && e[2 * (base + ((h + i - 1) & m))] > s2) i--;
        final int b = i;
        while (i > 0 && e[2 * (base + ((h + i - 1) & m))] > s1) i--;
        return ((long) i << 32) | b;
    }

    /** Counts a read of entries {@code [a, b)} of neuron {@code j} (for pruning). */
    public void access(int j, int a, int b) {
        final int l = j - from;
        final int sb = l * stride;
        final int c = (int) summary[sb + COUNT];
        if (b == c && a < b) {
            summary[sb + ACCESS]++;
            b--;
        }
        for (int i = a; i < b; i++) ent[2 * slot(l, i) + 1]++;
    }

    /**
     * Trace {@code tr} of neuron {@code j} at stamp {@code s}, from the spikes strictly before
     * {@code s} (NEST's {@code get_K_value}); 0 before the first spike.
     */
    public double trace(int j, int tr, int s) {
        final int base = (j - from) * stride;
        final int ns = (int) summary[base + NEWEST];
        if (ns < s) return ns < 0 ? 0.0 : summary[base + TRACES + tr] * decay(tr, s - ns);
        final int i = upTo(j, s - 1) - 1;
        if (i < 0) return 0.0;
        final int sl = slot(j - from, i);
        final double k = nearest[tr] ? 1.0 : before[sl * traces + tr] + 1.0;
        return k * decay(tr, s - ent[2 * sl]);
    }

    /**
     * The nearest-neighbour trace at stamp {@code s}: {@code exp(-(s - p)*dt/tau)} for the last
     * spike {@code p < s} of neuron {@code j}, 0 if there is none (NEST's
     * {@code nearest_neighbor_K_value}).
     */
    public double nearestTrace(int j, int tr, int s) {
        final int ns = newest(j);
        if (ns < s) return ns < 0 ? 0.0 : decay(tr, s - ns);
        final int i = upTo(j, s - 1) - 1;
        if (i < 0) return 0.0;
        return decay(tr, s - stamp(j, i));
    }

    /** Time constant of trace {@code tr} (ms). */
    public double tau(int tr) {
        return tau[tr];
    }

    /** Adds the spikes {@code ids[a..b)} with stamp {@code s}; called by the owning worker. */
    void record(int[] ids, int a, int b, int s) {
        for (int q = a; q < b; q++) add(ids[q], s);
    }

    void add(int j, int s) {
        final int l = j - from;
        int c = hc[2 * l + 1];
        flush(l);
        // prune entries read by every plastic input once a later one is beyond any future query
        while (c > 1) {
            final int f = slot(l, 0);
            if (ent[2 * f + 1] >= incoming[l] && s - ent[2 * slot(l, 1)] > horizon) {
                hc[2 * l] = (hc[2 * l] + 1) & mask;
                c--;
            } else {
                break;
            }
        }
        hc[2 * l + 1] = c;
        if (c == cap) grow();
        final int sl = slot(l, c);
        final int tr = traces;
        if (c == 0) {
            for (int k = 0; k < tr; k++) before[sl * tr + k] = 0.0;
        } else {
            final int pl = slot(l, c - 1);
            for (int k = 0; k < tr; k++) {
                final double a = nearest[k] ? 1.0 : before[pl * tr + k] + 1.0;
                before[sl * tr + k] = a * decay(k, s - ent[2 * pl]);
            }
        }
        ent[2 * sl] = s;
        ent[2 * sl + 1] = 0;
        hc[2 * l + 1] = c + 1;
        summarize(l);
    }

    /** Writes the newest entry's access counter from the summary back into the entries. */
    private void flush(int l) {
        final int c = hc[2 * l + 1];
        if (c > 0) ent[2 * slot(l, c - 1) + 1] = (int) summary[l * stride + ACCESS];
    }

    /** Copies the newest entries of local neuron {@code l} into the summary. */
    private void summarize(int l) {
        final int c = hc[2 * l + 1];
        final int base = l * stride;
        summary[base + COUNT] = c;
        summary[base + SECOND] = c > 1 ? ent[2 * slot(l, c - 2)] : -1;
        if (c == 0) {
            summary[base + NEWEST] = -1;
            summary[base + ACCESS] = 0;
            for (int k = 0; k < 2 * traces; k++) summary[base + TRACES + k] = 0;
            return;
        }
        final int sl = slot(l, c - 1);
        summary[base + NEWEST] = ent[2 * sl];
        summary[base + ACCESS] = ent[2 * sl + 1];
        for (int k = 0; k < traces; k++) {
            summary[base + TRACES + k] = nearest[k] ? 1.0 : before[sl * traces + k] + 1.0;
            summary[base + TRACES + traces + k] = before[sl * traces + k];
        }
    }

    private void grow() {
        int nc = cap * 2;
        int[] en = new int[2 * n * nc];
        double[] bf = new double[n * nc * traces];
        for (int l = 0; l < n; l++) {
            for (int i = 0; i < hc[2 * l + 1]; i++) {
                int o = slot(l, i);
                int q = l * nc + i;
                en[2 * q] = ent[2 * o];
                en[2 * q + 1] = ent[2 * o + 1];
                System.arraycopy(before, o * traces, bf, q * traces, traces);
            }
            hc[2 * l] = 0;
        }
        cap = nc;
        mask = nc - 1;
        ent = en;
        before = bf;
    }

    /** Removes all entries of neuron {@code j} (restore). */
    void clear(int j) {
        summary[(j - from) * stride + ACCESS] = 0;
        hc[2 * (j - from)] = 0;
        hc[2 * (j - from) + 1] = 0;
        summarize(j - from);
    }

    /** Appends an entry as read from a snapshot. */
    void restoreEntry(int j, int s, int acc, double[] values) {
        final int l = j - from;
        int c = hc[2 * l + 1];
        flush(l);
        if (c == cap) grow();
        final int sl = slot(l, c);
        ent[2 * sl] = s;
        ent[2 * sl + 1] = acc;
        System.arraycopy(values, 0, before, sl * traces, traces);
        hc[2 * l + 1] = c + 1;
        summarize(l);
    }

    int accessCount(int j, int i) {
        final int l = j - from;
        if (i == hc[2 * l + 1] - 1) return (int) summary[l * stride + ACCESS];
        return ent[2 * slot(l, i) + 1];
    }

    @Override
    public String toString() {
        return "PostArchive(neurons " + from + ".." + (from + n - 1) + ", traces " + Arrays.toString(tau) + ")";
    }
}
