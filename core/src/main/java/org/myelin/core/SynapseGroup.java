package org.myelin.core;

/**
 * Synapses of one projection onto one block of target neurons owned by one worker, for one receptor
 * port: target-partitioned CSR. For every source neuron a row of (target, weight, delay), sorted by
 * target. A constant weight or delay is stored once instead of per synapse, and a target is stored
 * as a 16-bit offset from the block's first neuron when the block spans at most 65,536 neurons (as
 * a full 32-bit index otherwise), so a static synapse of a projection with constant weight and delay
 * costs 2 bytes, plus the row pointers. Fewer bytes per synapse also means less memory traffic per
 * synaptic event, which is what delivery is bound by.
 *
 * <p>Delivery adds each spike's weight to the target's ring slot {@code (t + delay) mod D}. Only the
 * owning worker writes to those targets: no locks, no atomics.
 *
 * <p>Plastic synapses are a different kind of group, decided at build time: their weights are
 * doubles in {@link PlasticSynapses}, and delivery first lets the rule update the source's row
 * ({@link PlasticKernel#learn}), then transmits with the new weights. Static groups keep their fast
 * path (one flag test per spike batch decides it).
 */
final class SynapseGroup {
    final int port;
    final boolean magnitude;
    final int[] rowPtr;
    final int[] tgt; // 32-bit target indices, or null
    final char[] tgtShort; // 16-bit offsets from tgtBase, or null
    final int tgtBase;
    float[] weights; // per-synapse static weights, or null: wConst for all (allocated by setWeight)
    final double wConst;
    final char[] delays;
    final int dConst;

    // tsodyks_synapse: per-source state (the state depends only on the presynaptic train)
    final boolean tso;
    final double tsoU;
    final double tauPsc;
    final double tauRec;
    final double tauFac;
    final double[] tx;
    final double[] ty;
    final double[] tu;
    final double[] tlast;

    // plastic synapses (null for static and short-term groups)
    final PlasticSynapses plastic;
    /**
     * Offset of the target slice in each ring slot ({@link Population#offset}), set when the network
     * lays out its arrays; delivery adds it to every target's position.
     */
    int ringOffset;
    /** Constant weight and delay, static: the fast path (ends when setWeight gives a synapse its own weight). */
    private boolean fast;
    /**
     * The sum of the values {@link #deliver} loads only to bring them into the cache early; kept so
     * that the compiler cannot drop those loads. Each worker delivers its own groups, so no two
     * threads write it.
     */
    private int touched;

    SynapseGroup(int port, boolean magnitude, int[] rowPtr, int[] tgt, char[] tgtShort, int tgtBase,
                 float[] weights, double wConst, char[] delays, int dConst, Synapse syn) {
        this(port, magnitude, rowPtr, tgt, tgtShort, tgtBase, weights, wConst, delays, dConst, syn, null, 0);
    }

    SynapseGroup(int port, boolean magnitude, int[] rowPtr, int[] tgt, char[] tgtShort, int tgtBase,
                 float[] weights, double wConst, char[] delays, int dConst, Synapse syn, double[] plasticWeights,
                 double dt) {
        this.port = port;
        this.magnitude = magnitude;
        this.rowPtr = rowPtr;
        this.tgt = tgt;
        this.tgtShort = tgtShort;
        this.tgtBase = tgtBase;
        this.weights = weights;
        this.wConst = wConst;
        this.delays = delays;
        this.dConst = dConst;
        this.tso = syn.model == Synapse.Model.TSODYKS;
        int nSrc = rowPtr.length - 1;
        if (tso) {
            tsoU = syn.tsoU;
            tauPsc = syn.tauPsc;
            tauRec = syn.tauRec;
            tauFac = syn.tauFac;
            tx = new double[nSrc];
            ty = new double[nSrc];
            tu = new double[nSrc];
            tlast = new double[nSrc];
            java.util.Arrays.fill(tx, syn.x0);
            java.util.Arrays.fill(ty, syn.y0);
            java.util.Arrays.fill(tu, syn.u0);
        } else {
            tsoU = tauPsc = tauRec = tauFac = 0;
            tx = ty = tu = tlast = null;
        }
        this.plastic = plasticWeights == null ? null : new PlasticSynapses(syn.plasticity, dt, rowPtr, tgt, tgtShort,
                tgtBase, delays, dConst, plasticWeights);
        this.fast = weights == null && delays == null && !tso && plastic == null;
    }

    long size() {
        return tgt != null ? tgt.length : tgtShort.length;
    }

    /** Target index (within the target population) of synapse k. */
    int target(int k) {
        return tgt != null ? tgt[k] : tgtBase + tgtShort[k];
    }

    long memoryBytes() {
        long b = 16L + 4L * rowPtr.length + (tgt != null ? 4L * tgt.length : 2L * tgtShort.length);
        if (weights != null) b += 4L * weights.length;
        if (delays != null) b += 2L * delays.length;
        if (tso) b += 32L * tx.length;
        if (plastic != null) {
            b += 8L * plastic.weight.length * (1 + plastic.state.length) + 8L * plastic.source.length * (rowPtr.length - 1);
        }
        return b;
    }

    /**
     * Delivers spikes {@code ids[from..to)} emitted in step {@code t} into {@code ring} (D slots of n
     * entries each; the targets' slice at {@link #ringOffset} in each). Returns the number of synaptic
     * events.
     */
    long deliver(int[] ids, int from, int to, long t, double[] ring, int n, int slots, double dt) {
        if (fast) {
            // Each spike's row starts where the cache has nothing: the source numbers jump. So while
            // a row is delivered, the next row's first target and the row pointer of the spike after
            // it are loaded (their values unused but for touched), and their misses overlap this
            // row's work instead of stalling the next one: 5-12% less delivery time in Brunel and
            // COBA (bench/README.md, sixteenth session).
            final int[] rp = rowPtr;
            final int slot = (int) ((t + dConst) % slots);
            final double w = wConst;
            long ev = 0;
            int touch = from + 1 < to ? rp[ids[from + 1]] : 0;
            if (tgtShort != null) {
                final char[] tg = tgtShort;
                final int end = tg.length;
                final int base = slot * n + tgtBase + ringOffset;
                for (int q = from; q < to; q++) {
                    final int src = ids[q];
                    final int lo = rp[src];
                    final int hi = rp[src + 1];
                    if (q + 1 < to) {
                        final int next = rp[ids[q + 1]];
                        if (next < end) touch += tg[next];
                        if (q + 2 < to) touch += rp[ids[q + 2]];
                    }
                    for (int k = lo; k < hi; k++) ring[base + tg[k]] += w;
                    ev += hi - lo;
                }
            } else {
                final int[] tg = tgt;
                final int end = tg.length;
                final int base = slot * n + ringOffset;
                for (int q = from; q < to; q++) {
                    final int src = ids[q];
                    final int lo = rp[src];
                    final int hi = rp[src + 1];
                    if (q + 1 < to) {
                        final int next = rp[ids[q + 1]];
                        if (next < end) touch += tg[next];
                        if (q + 2 < to) touch += rp[ids[q + 2]];
                    }
                    for (int k = lo; k < hi; k++) ring[base + tg[k]] += w;
                    ev += hi - lo;
                }
            }
            touched = touch;
            return ev;
        }
        return deliverGeneral(ids, from, to, t, ring, n, slots, dt);
    }

    private long deliverGeneral(int[] ids, int from, int to, long t, double[] ring, int n, int slots, double dt) {
        if (plastic != null) return deliverPlastic(ids, from, to, t, ring, n, slots);
        final int[] rp = rowPtr;
        final float[] ws = weights;
        final char[] ds = delays;
        final int slot0 = (int) (t % slots);
        long ev = 0;
        for (int q = from; q < to; q++) {
            final int src = ids[q];
            final int lo = rp[src];
            final int hi = rp[src + 1];
            final double f = tso ? release(src, (t + 1) * dt) : 1.0;
            if (ds == null) {
                int slot = slot0 + dConst;
                if (slot >= slots) slot -= slots;
                final int base = slot * n + ringOffset;
                if (ws == null) {
                    final double w = wConst * f;
                    for (int k = lo; k < hi; k++) ring[base + target(k)] += w;
                } else {
                    for (int k = lo; k < hi; k++) ring[base + target(k)] += ws[k] * f;
                }
            } else {
                for (int k = lo; k < hi; k++) {
                    int slot = slot0 + ds[k];
                    if (slot >= slots) slot -= slots;
                    ring[slot * n + ringOffset + target(k)] += (ws == null ? wConst : ws[k]) * f;
                }
            }
            ev += hi - lo;
        }
        return ev;
    }

    /**
     * Plastic delivery: for each spike, the rule updates the source's row (and the source's state,
     * even for an empty row), then the spike is transmitted with the new weights (negated for the
     * magnitude port of conductance models).
     */
    private long deliverPlastic(int[] ids, int from, int to, long t, double[] ring, int n, int slots) {
        final PlasticSynapses ps = plastic;
        final PlasticKernel kern = ps.kernel;
        final double[] ws = ps.weight;
        final double scale = magnitude ? -1.0 : 1.0;
        final int[] rp = rowPtr;
        final char[] ds = delays;
        final int stamp = (int) (t + 1);
        final int slot0 = (int) (t % slots);
        long ev = 0;
        for (int q = from; q < to; q++) {
            final int src = ids[q];
            final int lo = rp[src];
            final int hi = rp[src + 1];
            kern.learn(ps, src, stamp, lo, hi);
            if (ds == null) {
                int slot = slot0 + dConst;
                if (slot >= slots) slot -= slots;
                final int base = slot * n + ringOffset;
                for (int k = lo; k < hi; k++) ring[base + target(k)] += ws[k] * scale;
            } else {
                for (int k = lo; k < hi; k++) {
                    int slot = slot0 + ds[k];
                    if (slot >= slots) slot -= slots;
                    ring[slot * n + ringOffset + target(k)] += ws[k] * scale;
                }
            }
            ev += hi - lo;
        }
        return ev;
    }

    /** The volume transmitter's periodic update of every row at {@code stamp}. */
    void trigger(int stamp) {
        final PlasticSynapses ps = plastic;
        final PlasticKernel kern = ps.kernel;
        final int[] rp = rowPtr;
        for (int src = 0; src < rp.length - 1; src++) kern.trigger(ps, src, stamp, rp[src], rp[src + 1]);
    }

    /** {@link Projection#settle()}: every row brought up to {@code stamp}. */
    void settle(int stamp) {
        final PlasticSynapses ps = plastic;
        final PlasticKernel kern = ps.kernel;
        final int[] rp = rowPtr;
        for (int src = 0; src < rp.length - 1; src++) kern.settle(ps, src, stamp, rp[src], rp[src + 1]);
    }

    /** Weight of synapse k as transmitted (sign restored). */
    double weight(int k) {
        if (plastic != null) return plastic.weight[k];
        double sign = magnitude ? -1 : 1;
        return sign * (weights == null ? wConst : weights[k]);
    }

    /**
     * Sets synapse {@code k}'s weight (signed, as {@link #weight} reads it; checked by the caller).
     * A static weight is stored as a float, as at build; a static group built with one weight for
     * all its synapses gets a per-synapse array (4 bytes per synapse) the first time a synapse's new
     * weight differs from it. Only while the network is not running.
     */
    void setWeight(int k, double w) {
        if (plastic != null) {
            plastic.weight[k] = w;
            return;
        }
        double stored = magnitude ? -w : w;
        if (weights == null) {
            if (stored == wConst) return;
            float[] a = new float[(int) size()];
            java.util.Arrays.fill(a, (float) wConst);
            weights = a;
            fast = false;
        }
        weights[k] = (float) stored;
    }

    /**
     * Advances the Tsodyks state of source {@code src} to a spike at time {@code ts} (ms) and returns
     * the released fraction u*x that scales the weight (NEST tsodyks_synapse::send).
     */
    double release(int src, double ts) {
        double h = ts - tlast[src];
        double puu = tauFac == 0 ? 0 : Math.exp(-h / tauFac);
        double pyy = Math.exp(-h / tauPsc);
        double pzz = Math.exp(-h / tauRec);
        double pxy = ((pzz - 1) * tauRec - (pyy - 1) * tauPsc) / (tauPsc - tauRec);
        double pxz = 1 - pzz;
        double x = tx[src];
        double y = ty[src];
        double u = tu[src];
        double z = 1 - x - y;
        u *= puu;
        x += pxy * y + pxz * z;
        y *= pyy;
        u += tsoU * (1 - u);
        double dy = u * x;
        x -= dy;
        y += dy;
        tx[src] = x;
        ty[src] = y;
        tu[src] = u;
        tlast[src] = ts;
        return dy;
    }

    /** Appends this group's synapses to the given lists (for {@link Projection#synapses()}). */
    void appendTo(IntList src, IntList tgtOut, java.util.List<double[]> wOut, IntList dOut, IntList portOut, int var) {
        int nSrc = rowPtr.length - 1;
        double[] w = new double[(int) size()];
        int m = 0;
        for (int s = 0; s < nSrc; s++) {
            for (int k = rowPtr[s]; k < rowPtr[s + 1]; k++) {
                src.add(s);
                tgtOut.add(target(k));
                w[m++] = var < 0 ? weight(k) : plastic.state[var][k];
                dOut.add(delays == null ? dConst : delays[k]);
                portOut.add(port);
            }
        }
        wOut.add(w);
    }

    static SynapseTable collect(Projection p) {
        return collect(p, -1);
    }

    /**
     * The projection's synapses sorted by (source, target, creation order); with {@code var >= 0}
     * the weight column holds per-synapse plastic state variable {@code var} instead.
     */
    static SynapseTable collect(Projection p, int var) {
        IntList src = new IntList(1024);
        IntList tgt = new IntList(1024);
        IntList d = new IntList(1024);
        IntList port = new IntList(1024);
        java.util.List<double[]> ws = new java.util.ArrayList<>();
        for (SynapseGroup[] gs : p.groups) for (SynapseGroup g : gs) g.appendTo(src, tgt, ws, d, port, var);
        int n = src.size;
        double[] w = new double[n];
        int o = 0;
        for (double[] a : ws) {
            System.arraycopy(a, 0, w, o, a.length);
            o += a.length;
        }
        int[] idx = sortedOrder(src.a, tgt.a, n);
        int[] s2 = new int[n];
        int[] t2 = new int[n];
        double[] w2 = new double[n];
        int[] d2 = new int[n];
        int[] p2 = new int[n];
        for (int i = 0; i < n; i++) {
            int j = idx[i];
            s2[i] = src.a[j];
            t2[i] = tgt.a[j];
            w2[i] = w[j];
            d2[i] = d.a[j];
            p2[i] = port.a[j];
        }
        return new SynapseTable(s2, t2, w2, d2, p2);
    }

    /**
     * The {@link #collect} order of a projection's synapses: position i of {@code synapses()} holds the
     * synapse with index {@code result[i]} in the concatenation of the groups ({@code groups[w][g]},
     * worker-major) in CSR order.
     */
    static int[] sortedOrder(Projection p) {
        IntList src = new IntList(1024);
        IntList tgt = new IntList(1024);
        for (SynapseGroup[] gs : p.groups) {
            for (SynapseGroup g : gs) {
                for (int s = 0; s < g.rowPtr.length - 1; s++) {
                    for (int k = g.rowPtr[s]; k < g.rowPtr[s + 1]; k++) {
                        src.add(s);
                        tgt.add(g.target(k));
                    }
                }
            }
        }
        return sortedOrder(src.a, tgt.a, src.size);
    }

    /** Stable sort of indices {@code [0, n)} by (source, target): groups are each sorted, merge by index sort. */
    private static int[] sortedOrder(int[] sa, int[] ta, int n) {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (x, y) -> sa[x] != sa[y] ? Integer.compare(sa[x], sa[y])
                : ta[x] != ta[y] ? Integer.compare(ta[x], ta[y]) : Integer.compare(x, y));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = idx[i];
        return out;
    }
}
