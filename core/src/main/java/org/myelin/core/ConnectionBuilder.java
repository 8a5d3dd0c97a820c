package org.myelin.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds one projection's synapse groups for one worker's block of targets. Connectivity, weights and
 * delays are drawn per target neuron from the target's own stream (per source for
 * {@code fixed_outdegree}, one stream for {@code fixed_total_number}), so the network does not depend
 * on how targets are split among workers. Build-time code: clarity over speed, but linear in the
 * number of synapses and with 4 bytes of scratch per synapse.
 */
final class ConnectionBuilder {
    /** Largest number of synapses in one group (Java arrays are int-indexed). */
    static final long MAX_GROUP = Integer.MAX_VALUE - 64;

    private final Projection p;
    private final double dt;
    private final long seed;
    private final int nS;
    private final int nT;
    private final boolean same;
    private final boolean drawW;
    private final boolean drawD;
    private final int fixedPort;
    private final boolean signRouted;
    private final boolean magnitude;
    private final String element;
    private final Plasticity rule; // null for static and short-term synapses
    private final double ruleSign;

    // scratch for the chunk being built
    private IntList src;
    private IntList tgt; // only for rules not generated target by target
    private int[] perTarget; // counts, for target-by-target rules
    private float[] ws; // drawn weights of static synapses (single precision)
    private double[] wd; // drawn weights of plastic synapses (double precision)
    private char[] ds;

    ConnectionBuilder(Projection p, double dt, long seed) {
        this.p = p;
        this.dt = dt;
        this.seed = seed;
        this.nS = p.source.size;
        this.nT = p.target.size;
        this.same = p.source == p.target;
        this.element = p.element();
        boolean explicitW = p.connect.rule == Connect.Rule.EXPLICIT && p.connect.weights != null;
        boolean explicitD = p.connect.rule == Connect.Rule.EXPLICIT && p.connect.delays != null;
        this.drawW = explicitW || !p.synapse.weight.isConstant();
        this.drawD = explicitD || !p.synapse.delay.isConstant();
        NeuronModel m = p.target.model;
        this.fixedPort = p.synapse.receptor == null ? -1 : portIndex(m, p.synapse.receptor);
        this.signRouted = fixedPort < 0 && m.signRouted();
        this.magnitude = m.inhibitoryAsMagnitude();
        this.rule = p.synapse.plasticity;
        this.ruleSign = rule == null ? 0 : rule.weightSign();
    }

    private void setW(int k, double w) {
        if (rule != null) {
            if (k >= wd.length) wd = Arrays.copyOf(wd, Math.max(src.a.length, k + 1));
            wd[k] = w;
        } else {
            if (k >= ws.length) ws = Arrays.copyOf(ws, Math.max(src.a.length, k + 1));
            ws[k] = (float) w;
        }
    }

    private double getW(int k) {
        return rule != null ? wd[k] : ws[k];
    }

    static int portIndex(NeuronModel m, String receptor) {
        String[] names = m.receptorNames();
        for (int i = 0; i < names.length; i++) if (names[i].equals(receptor)) return i;
        return -1;
    }

    /** Builds the groups for targets [from, to). */
    SynapseGroup[] build(int from, int to) {
        List<SynapseGroup> out = new ArrayList<>();
        Connect.Rule rule = p.connect.rule;
        boolean perTargetRule = rule == Connect.Rule.ALL_TO_ALL || rule == Connect.Rule.ONE_TO_ONE
                || rule == Connect.Rule.PAIRWISE_BERNOULLI || rule == Connect.Rule.FIXED_INDEGREE;
        if (perTargetRule) {
            double perT = p.connect.expectedSynapses(nS, nT, same) / Math.max(1, nT);
            int chunk = (int) Math.max(1, Math.min(to - from, (MAX_GROUP * 0.8) / (perT * 1.1 + 1)));
            for (int a = from; a < to; a += chunk) {
                int b = Math.min(to, a + chunk);
                generatePerTarget(a, b);
                emit(out, a, b);
            }
        } else {
            generateGlobal(from, to);
            emit(out, from, to);
        }
        src = null;
        tgt = null;
        perTarget = null;
        ws = null;
        wd = null;
        ds = null;
        return out.toArray(new SynapseGroup[0]);
    }

    // ---- generation ----

    private void startChunk(long expected) {
        int cap = (int) Math.min(MAX_GROUP, Math.max(16, expected));
        src = new IntList(cap);
        ws = drawW && rule == null ? new float[cap] : null;
        wd = drawW && rule != null ? new double[cap] : null;
        ds = drawD ? new char[cap] : null;
    }

    private void addSynapse(int s, double w, double dMs) {
        int k = src.size;
        src.add(s);
        if (drawW) setW(k, w);
        if (drawD) {
            if (k == ds.length) ds = Arrays.copyOf(ds, src.a.length);
            ds[k] = (char) delaySteps(dMs);
        }
    }

    private int delaySteps(double ms) {
        long st = Math.round(ms / dt);
        if (st < 1 || st > Network.MAX_DELAY_STEPS) {
            throw new ModelException(element, "delay", "delay " + ms + " ms is outside [" + dt + ", "
                    + Network.MAX_DELAY_STEPS * dt + "] ms");
        }
        return (int) st;
    }

    private double drawWeight(Rng.Stream s) {
        return p.synapse.weight.sample(s, element, "weight");
    }

    private double drawDelay(Rng.Stream s) {
        return p.synapse.delay.sample(s, element, "delay");
    }

    private void generatePerTarget(int a, int b) {
        Connect c = p.connect;
        double perT = c.expectedSynapses(nS, nT, same) / Math.max(1, nT);
        startChunk((long) Math.ceil(perT * (b - a) * 1.05 + 16));
        perTarget = new int[b - a];
        for (int j = a; j < b; j++) {
            Rng.Stream s = new Rng.Stream(Rng.key(seed, Rng.KIND_CONNECT, p.id, j));
            int before = src.size;
            switch (c.rule) {
                case ALL_TO_ALL:
                    for (int i = 0; i < nS; i++) if (c.autapses || !same || i != j) src.add(i);
                    break;
                case ONE_TO_ONE:
                    if (c.autapses || !same) src.add(j);
                    break;
                case PAIRWISE_BERNOULLI:
                    bernoulli(s, j, c.p);
                    break;
                default:
                    indegree(s, j, (int) c.n);
                    break;
            }
            int count = src.size - before;
            perTarget[j - a] = count;
            if (drawW || drawD) {
                if (drawD && ds.length < src.a.length) ds = Arrays.copyOf(ds, src.a.length);
                for (int k = before; k < src.size; k++) {
                    if (drawW) setW(k, drawWeight(s));
                    if (drawD) ds[k] = (char) delaySteps(drawDelay(s));
                }
            }
        }
    }

    /** Sources of target j, each independently with probability p, by geometric skipping. */
    private void bernoulli(Rng.Stream s, int j, double prob) {
        if (prob <= 0) return;
        if (prob >= 1) {
            for (int i = 0; i < nS; i++) if (autapsesAllowed() || !same || i != j) src.add(i);
            return;
        }
        double logq = Math.log1p(-prob);
        long i = -1;
        while (true) {
            double skip = Math.floor(Math.log(s.nextPositive()) / logq);
            i += 1 + (long) skip;
            if (i >= nS || skip >= nS) break;
            if (autapsesAllowed() || !same || i != j) src.add((int) i);
        }
    }

    private boolean autapsesAllowed() {
        return p.connect.autapses;
    }

    /** K sources of target j drawn uniformly. */
    private void indegree(Rng.Stream s, int j, int k) {
        boolean auto = autapsesAllowed() || !same;
        if (p.connect.multapses) {
            for (int m = 0; m < k; m++) {
                int i;
                do {
                    i = s.nextInt(nS);
                } while (!auto && i == j);
                src.add(i);
            }
        } else {
            // without replacement: rejection against the sources already drawn for this target,
            // marked in a bitset that is cleared again afterwards (cost proportional to k)
            long[] seen = marks(nS);
            int before = src.size;
            for (int m = 0; m < k; m++) {
                int i;
                do {
                    i = s.nextInt(nS);
                } while ((!auto && i == j) || (seen[i >>> 6] & (1L << i)) != 0);
                seen[i >>> 6] |= 1L << i;
                src.add(i);
            }
            for (int q = before; q < src.size; q++) seen[src.a[q] >>> 6] = 0;
        }
    }

    private long[] marks;

    /** A cleared bitset of at least n bits, reused between targets. */
    private long[] marks(int n) {
        int words = (n + 63) >>> 6;
        if (marks == null || marks.length < words) marks = new long[words];
        return marks;
    }


    /** Rules drawn per source or globally: every worker replays the draws and keeps its targets. */
    private void generateGlobal(int a, int b) {
        Connect c = p.connect;
        double expected = c.expectedSynapses(nS, nT, same) * (b - a) / Math.max(1.0, nT);
        startChunk((long) Math.ceil(expected * 1.1 + 16));
        tgt = new IntList((int) Math.min(MAX_GROUP, Math.max(16, expected * 1.1 + 16)));
        boolean auto = c.autapses || !same;
        switch (c.rule) {
            case FIXED_OUTDEGREE: {
                int k = (int) c.n;
                for (int i = 0; i < nS; i++) {
                    Rng.Stream s = new Rng.Stream(Rng.key(seed, Rng.KIND_CONNECT, p.id, -1L - i));
                    int[] drawn = c.multapses ? null : new int[k];
                    long[] seen = c.multapses ? null : marks(nT);
                    for (int m = 0; m < k; m++) {
                        int j;
                        boolean bad;
                        do {
                            j = s.nextInt(nT);
                            bad = (!auto && j == i) || (seen != null && (seen[j >>> 6] & (1L << j)) != 0);
                        } while (bad);
                        if (drawn != null) {
                            drawn[m] = j;
                            seen[j >>> 6] |= 1L << j;
                        }
                        double w = drawW ? drawWeight(s) : 0;
                        double d = drawD ? drawDelay(s) : 0;
                        if (j >= a && j < b) {
                            addSynapse(i, w, d);
                            tgt.add(j);
                        }
                    }
                    if (drawn != null) for (int q : drawn) seen[q >>> 6] = 0;
                }
                break;
            }
            case FIXED_TOTAL_NUMBER: {
                Rng.Stream s = new Rng.Stream(Rng.key(seed, Rng.KIND_CONNECT, p.id, Long.MIN_VALUE));
                Set<Long> seen = c.multapses ? null : new HashSet<>();
                for (long m = 0; m < c.n; m++) {
                    int i;
                    int j;
                    boolean bad;
                    do {
                        i = s.nextInt(nS);
                        j = s.nextInt(nT);
                        bad = !auto && i == j;
                        if (!bad && seen != null) bad = !seen.add(((long) i << 32) | j);
                    } while (bad);
                    double w = drawW ? drawWeight(s) : 0;
                    double d = drawD ? drawDelay(s) : 0;
                    if (j >= a && j < b) {
                        addSynapse(i, w, d);
                        tgt.add(j);
                    }
                }
                break;
            }
            default: { // EXPLICIT
                for (int m = 0; m < c.sources.length; m++) {
                    int j = c.targets[m];
                    if (j < a || j >= b) continue;
                    double w = c.weights != null ? c.weights[m] : p.synapse.weight.a();
                    double d = c.delays != null ? c.delays[m] : p.synapse.delay.a();
                    addSynapse(c.sources[m], w, d);
                    tgt.add(j);
                }
                break;
            }
        }
    }

    // ---- CSR ----

    private int portOf(int k) {
        if (fixedPort >= 0) return fixedPort;
        if (!signRouted) return 0;
        if (ruleSign != 0) return ruleSign > 0 ? 0 : 1;
        double w = drawW ? getW(k) : p.synapse.weight.a();
        return w >= 0 ? 0 : 1;
    }

    /** Turns the chunk's synapses (targets in [a, b)) into one CSR group per port used. */
    private void emit(List<SynapseGroup> out, int a, int b) {
        int n = src.size;
        if (tgt != null) sortByTarget(a, b);
        int ports = (fixedPort < 0 && signRouted) ? 2 : 1;
        for (int port = 0; port < ports; port++) {
            int realPort = fixedPort >= 0 ? fixedPort : port;
            int[] rowPtr = new int[nS + 1];
            int count = 0;
            for (int k = 0; k < n; k++) {
                if (ports == 1 || portOf(k) == port) {
                    rowPtr[src.a[k] + 1]++;
                    count++;
                }
            }
            if (count == 0 && ports == 2) continue;
            for (int s = 0; s < nS; s++) rowPtr[s + 1] += rowPtr[s];
            int[] pos = Arrays.copyOf(rowPtr, nS);
            // 16-bit offsets from a when the block is narrow enough, else 32-bit indices
            boolean narrow = b - a <= 65_536;
            int[] tg = narrow ? null : new int[count];
            char[] tgs = narrow ? new char[count] : null;
            float[] w = drawW && rule == null ? new float[count] : null;
            double[] pw = rule == null ? null : new double[count];
            char[] d = drawD ? new char[count] : null;
            boolean neg = realPort == 1 && magnitude && fixedPort < 0;
            int k = 0;
            for (int jj = 0; jj < b - a; jj++) {
                int cnt = perTarget[jj];
                for (int c = 0; c < cnt; c++, k++) {
                    if (ports == 2 && portOf(k) != port) continue;
                    int q = pos[src.a[k]]++;
                    if (narrow) {
                        tgs[q] = (char) jj;
                    } else {
                        tg[q] = a + jj;
                    }
                    if (w != null) w[q] = neg ? -ws[k] : ws[k];
                    if (pw != null) pw[q] = drawW ? wd[k] : p.synapse.weight.a();
                    if (d != null) d[q] = ds[k];
                }
            }
            double wc = p.synapse.weight.a();
            if (neg) wc = -wc;
            int dc = drawD ? 0 : delaySteps(p.synapse.delay.a());
            if (pw != null && drawW) checkPlasticWeights(pw);
            out.add(new SynapseGroup(realPort, neg, rowPtr, tg, tgs, a, w, wc, d, dc, p.synapse, pw, dt));
        }
    }

    /** Drawn initial weights of plastic synapses: the rule's own check, and the sign it keeps. */
    private void checkPlasticWeights(double[] w) {
        for (double x : w) {
            rule.checkWeight(element, x);
            if (!Plasticity.keepsSign(ruleSign, x)) {
                throw new ModelException(element, "weight", "drawn value " + x + " has the wrong sign for " + rule.name()
                        + "; valid: " + (ruleSign > 0 ? ">= 0" : "<= 0") + " (the sign of Wmax)");
            }
        }
    }

    /**
     * For rules not generated target by target: stable counting sort of the chunk by target, so that
     * {@link #emit} sees the same layout (targets ascending, draw order within a target).
     */
    private void sortByTarget(int a, int b) {
        int n = src.size;
        perTarget = new int[b - a];
        for (int k = 0; k < n; k++) perTarget[tgt.a[k] - a]++;
        int[] start = new int[b - a];
        for (int j = 1; j < b - a; j++) start[j] = start[j - 1] + perTarget[j - 1];
        int[] s2 = new int[Math.max(n, 1)];
        float[] w2 = drawW && rule == null ? new float[Math.max(n, 1)] : null;
        double[] wd2 = drawW && rule != null ? new double[Math.max(n, 1)] : null;
        char[] d2 = drawD ? new char[Math.max(n, 1)] : null;
        for (int k = 0; k < n; k++) {
            int q = start[tgt.a[k] - a]++;
            s2[q] = src.a[k];
            if (w2 != null) w2[q] = ws[k];
            if (wd2 != null) wd2[q] = wd[k];
            if (d2 != null) d2[q] = ds[k];
        }
        src.a = s2;
        ws = w2;
        wd = wd2;
        ds = d2;
        tgt = null;
    }
}
