package org.myelin.reservoir.lsm;

import java.util.Arrays;

import org.myelin.core.Connect;
import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.Rng;
import org.myelin.core.SpikeRecorder;
import org.myelin.core.Synapse;
import org.myelin.core.analysis.BranchingFactor;
import org.myelin.core.model.SpikeGenerator;

/**
 * A liquid-state machine (Maass, Natschlaeger and Markram 2002): a fixed recurrent network of
 * excitatory and inhibitory {@code iaf_psc_exp} neurons, simulated by the core engine, driven by
 * spike-coded input ({@link Encoders}) and read out from its spikes ({@link States}).
 *
 * <h2>Structure</h2>
 * The neurons sit on a 3-D grid ({@code nx = ny = ceil(cbrt N)}, {@code nz = ceil(N / nx^2)},
 * filled in x, y, z order); a fraction {@code 1 - excitatoryFraction} of them, chosen at random,
 * are inhibitory. Connectivity is
 * <ul>
 * <li>{@code DISTANCE}: a pair (a, b) is connected with probability
 * {@code C_{type(a) type(b)} exp(-(D(a, b) / lambda)^2)}, D the Euclidean grid distance (pairs
 * beyond {@code 3 lambda} are skipped: probability below {@code C e^-9}), with Maass et al.'s
 * {@code C_EE = 0.3, C_EI = 0.2, C_IE = 0.4, C_II = 0.1} and {@code lambda = 2} by default; or</li>
 * <li>{@code RANDOM}: the same expected in-degrees, {@code C_xy (sqrt(pi) lambda)^3 / N} per pair,
 * without geometry.</li>
 * </ul>
 * Autapses are excluded. Weights have the type's mean magnitude times {@code max(0.05, 1 + 0.5 g)},
 * {@code g ~ N(0,1)}, inhibitory ones negative. Each neuron receives {@code inputIndegree} distinct
 * input channels (uniformly, or around its position on a topographic input map, see
 * {@link Context#inputMap}) with weight {@code inputWeight (1 + inputSpread g)} (negative values act on the
 * inhibitory port). All draws come from counter-based streams keyed by (seed, target neuron), so
 * one seed gives one liquid.
 *
 * <h2>Neurons</h2>
 * {@code iaf_psc_exp} with {@code E_L = 0 mV, V_th = 15 mV, V_reset = 13.5 mV, tau_m = 30 ms,
 * C_m = 250 pF, tau_syn_ex = 3 ms, tau_syn_in = 6 ms, t_ref = 3 ms (E) / 2 ms (I)} and a constant
 * background current {@code background} pA (Maass et al.'s values with a 250 pF membrane).
 *
 * <h2>Presenting samples</h2>
 * {@link #present} simulates samples one after another in one network per chunk: sample i occupies
 * {@code [i (window + gap), i (window + gap) + window)} ms, followed by a silent gap in which the
 * activity decays. The features of a sample are its spike counts per neuron and time bin within its
 * window. Chunks are independent networks built from the same connectivity, so results do not
 * depend on the chunk size beyond the first sample of each chunk starting from rest.
 *
 * <p>With {@code reset} every sample instead starts from the same reset state, rest: all membrane
 * potentials at {@code E_L}, no synaptic current, no refractoriness and no spike in transit. Its
 * features then depend on that sample's input alone (not on the activity the previous sample left),
 * and the gap plays no part. Each sample is simulated for its window in a network of its own, built
 * from the same connectivity (the core has no in-place reset that also clears the input rings), so a
 * reset presentation also pays one network build per sample.
 *
 * <p>{@link Nalsm} makes a liquid with the same neurons and connectivity but learned weights (a
 * package-private constructor); {@link #branching} measures the branching factor of a liquid's
 * activity.
 */
public final class Lsm {
    /** Connectivity kinds. */
    public enum Connectivity { DISTANCE, RANDOM }

    /** Settings with documented defaults; validated by {@link #conclude()}. */
    public static final class Context {
        private int neurons = 1000;
        private double excitatoryFraction = 0.8;
        private Connectivity connectivity = Connectivity.DISTANCE;
        private double lambda = 2;
        private double cEE = 0.3, cEI = 0.2, cIE = 0.4, cII = 0.1;
        private double wEE = 150, wEI = 300, wIE = 500, wII = 500; // pA magnitudes
        private double delay = 1;
        private int inputs = 1;
        private int inputIndegree = 20;
        private double inputWeight = 300;
        private double inputSpread = 0.5;
        private double background;
        private int mapWidth;
        private int mapHeight;
        private double mapSigma;
        private double tauM = 30;
        private double dt = 1;
        int threads = 1;
        long seed = 1;

        public Context neurons(int n) {
            neurons = n;
            return this;
        }

        public Context excitatoryFraction(double f) {
            excitatoryFraction = f;
            return this;
        }

        public Context connectivity(Connectivity c) {
            connectivity = c;
            return this;
        }

        /** Length constant of distance-dependent connectivity, in grid units. */
        public Context lambda(double l) {
            lambda = l;
            return this;
        }

        /** Connection scale factors C for E-&gt;E, E-&gt;I, I-&gt;E, I-&gt;I. */
        public Context scales(double ee, double ei, double ie, double ii) {
            cEE = ee;
            cEI = ei;
            cIE = ie;
            cII = ii;
            return this;
        }

        /** Mean weight magnitudes (pA) for E-&gt;E, E-&gt;I, I-&gt;E, I-&gt;I. */
        public Context weights(double ee, double ei, double ie, double ii) {
            wEE = ee;
            wEI = ei;
            wIE = ie;
            wII = ii;
            return this;
        }

        /** Synaptic delay in ms (all recurrent and input synapses). */
        public Context delay(double d) {
            delay = d;
            return this;
        }

        /** Input channels. */
        public Context inputs(int k) {
            inputs = k;
            return this;
        }

        /** Input channels per neuron. */
        public Context inputIndegree(int k) {
            inputIndegree = k;
            return this;
        }

        /** Mean input weight, pA. */
        public Context inputWeight(double w) {
            inputWeight = w;
            return this;
        }

        /** Relative standard deviation of input weights (above 1 some become inhibitory). */
        public Context inputSpread(double s) {
            inputSpread = s;
            return this;
        }

        /**
         * Topographic input: the channels form a {@code width x height} image (row-major) laid over
         * the grid's x-y plane; a neuron at (x, y) draws its input pixels around the matching image
         * point, with a Gaussian spread of {@code sigma} pixels (retinotopy). 0 x 0: no map, inputs
         * drawn uniformly (default).
         */
        public Context inputMap(int width, int height, double sigma) {
            mapWidth = width;
            mapHeight = height;
            mapSigma = sigma;
            return this;
        }

        /** Constant background current, pA. */
        public Context background(double i) {
            background = i;
            return this;
        }

        public Context tauM(double t) {
            tauM = t;
            return this;
        }

        /** Simulation step, ms. */
        public Context dt(double d) {
            dt = d;
            return this;
        }

        /** Worker threads of each simulated network. */
        public Context threads(int t) {
            threads = t;
            return this;
        }

        public Context seed(long s) {
            seed = s;
            return this;
        }

        public int neurons() {
            return neurons;
        }

        public double dt() {
            return dt;
        }

        /** Synaptic delay, ms. */
        public double delayMs() {
            return delay;
        }

        public Context conclude() {
            check(neurons >= 2, "neurons", neurons, ">= 2");
            check(excitatoryFraction > 0 && excitatoryFraction < 1, "excitatoryFraction", excitatoryFraction, "(0, 1)");
            check(lambda > 0, "lambda", lambda, "> 0");
            for (double c : new double[] {cEE, cEI, cIE, cII}) check(c >= 0 && c <= 1, "connection scale", c, "[0, 1]");
            for (double w : new double[] {wEE, wEI, wIE, wII}) check(w >= 0 && Double.isFinite(w), "weight", w, "[0, inf) pA");
            check(inputs >= 1, "inputs", inputs, ">= 1");
            check(inputIndegree >= 0 && inputIndegree <= inputs, "inputIndegree", inputIndegree, "0.." + inputs);
            check(Double.isFinite(inputWeight), "inputWeight", inputWeight, "finite");
            check(inputSpread >= 0, "inputSpread", inputSpread, ">= 0");
            if (mapWidth != 0 || mapHeight != 0) {
                check(mapWidth >= 1 && mapHeight >= 1 && (long) mapWidth * mapHeight == inputs, "input map size",
                        (double) mapWidth * mapHeight, "width x height = inputs = " + inputs);
                check(mapSigma > 0, "input map sigma", mapSigma, "> 0 pixels");
            }
            check(tauM > 0, "tauM", tauM, "> 0 ms");
            check(dt > 0, "dt", dt, "> 0 ms");
            check(delay >= dt, "delay", delay, ">= dt = " + dt + " ms");
            check(threads >= 1, "threads", threads, ">= 1");
            if (connectivity == null) throw new IllegalArgumentException("lsm: connectivity must not be null");
            return this;
        }

        private static void check(boolean ok, String key, double v, String valid) {
            if (!ok) throw new IllegalArgumentException("lsm: " + key + " = " + v + " is invalid; valid: " + valid);
        }
    }

    /** Receives progress as samples done out of total. */
    public interface Progress {
        void progress(int done, int total);
    }

    final Context ctx;
    final int n;
    final int nE;
    final int nI;
    final int[] local; // liquid index -> index within its population
    final boolean[] inhibitory;
    // recurrent synapses, per (source type, target type): [EE, EI, IE, II] as local indices
    final int[][] src = new int[4][];
    final int[][] tgt = new int[4][];
    final double[][] wts = new double[4][];
    // input synapses to E and to I
    final int[][] inSrc = new int[2][];
    final int[][] inTgt = new int[2][];
    final double[][] inW = new double[2][];

    /**
     * The liquid {@code base} with the same neurons and settings but the given synapses (e.g. learned
     * ones): per kind {@code [EE, EI, IE, II]} and per input target {@code [E, I]}, local indices.
     */
    Lsm(Lsm base, int[][] src, int[][] tgt, double[][] wts, int[][] inSrc, int[][] inTgt, double[][] inW) {
        this.ctx = base.ctx;
        this.n = base.n;
        this.nE = base.nE;
        this.nI = base.nI;
        this.local = base.local;
        this.inhibitory = base.inhibitory;
        for (int k = 0; k < 4; k++) {
            if (src[k].length != tgt[k].length || src[k].length != wts[k].length) {
                throw new IllegalArgumentException("lsm: synapse arrays of kind " + k + " differ in length");
            }
            this.src[k] = src[k];
            this.tgt[k] = tgt[k];
            this.wts[k] = wts[k];
        }
        for (int t = 0; t < 2; t++) {
            if (inSrc[t].length != inTgt[t].length || inSrc[t].length != inW[t].length) {
                throw new IllegalArgumentException("lsm: input synapse arrays of target " + t + " differ in length");
            }
            this.inSrc[t] = inSrc[t];
            this.inTgt[t] = inTgt[t];
            this.inW[t] = inW[t];
        }
    }

    public Lsm(Context c) {
        this.ctx = c.conclude();
        this.n = c.neurons;
        int side = (int) Math.ceil(Math.cbrt(n) - 1e-9);
        int nz = (n + side * side - 1) / (side * side);
        inhibitory = new boolean[n];
        int wantI = (int) Math.round(n * (1 - c.excitatoryFraction));
        // choose the inhibitory neurons by a partial Fisher-Yates shuffle
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        Rng.Stream s = new Rng.Stream(Rng.key(c.seed, 0x15A, 0, 0));
        for (int i = 0; i < wantI; i++) {
            int j = i + s.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
            inhibitory[perm[i]] = true;
        }
        local = new int[n];
        int e = 0, in = 0;
        for (int i = 0; i < n; i++) local[i] = inhibitory[i] ? in++ : e++;
        nE = e;
        nI = in;
        double[] cs = {c.cEE, c.cEI, c.cIE, c.cII};
        double[] ws = {c.wEE, c.wEI, -c.wIE, -c.wII};
        IntBuf[] bs = new IntBuf[4], bt = new IntBuf[4];
        DoubleBuf[] bw = new DoubleBuf[4];
        for (int k = 0; k < 4; k++) {
            bs[k] = new IntBuf();
            bt[k] = new IntBuf();
            bw[k] = new DoubleBuf();
        }
        double lam = c.lambda;
        int reach = (int) Math.ceil(3 * lam);
        double randomScale = Math.pow(Math.sqrt(Math.PI) * lam, 3) / n;
        for (int b = 0; b < n; b++) {
            Rng.Stream r = new Rng.Stream(Rng.key(c.seed, 0x15A, 1, b));
            int bx = b % side, by = (b / side) % side, bz = b / (side * side);
            int tb = inhibitory[b] ? 1 : 0;
            if (c.connectivity == Connectivity.DISTANCE) {
                for (int z = Math.max(0, bz - reach); z <= Math.min(nz - 1, bz + reach); z++) {
                    for (int y = Math.max(0, by - reach); y <= Math.min(side - 1, by + reach); y++) {
                        for (int x = Math.max(0, bx - reach); x <= Math.min(side - 1, bx + reach); x++) {
                            int a = x + side * (y + side * z);
                            if (a >= n || a == b) continue;
                            double d2 = (x - bx) * (x - bx) + (y - by) * (y - by) + (z - bz) * (z - bz);
                            if (d2 > 9 * lam * lam) continue;
                            int kind = (inhibitory[a] ? 2 : 0) + tb;
                            double p = cs[kind] * Math.exp(-d2 / (lam * lam));
                            if (r.nextDouble() < p) add(bs, bt, bw, kind, a, b, ws[kind], r);
                        }
                    }
                }
            } else {
                for (int a = 0; a < n; a++) {
                    if (a == b) continue;
                    int kind = (inhibitory[a] ? 2 : 0) + tb;
                    if (r.nextDouble() < cs[kind] * randomScale) add(bs, bt, bw, kind, a, b, ws[kind], r);
                }
            }
        }
        for (int k = 0; k < 4; k++) {
            src[k] = bs[k].toArray();
            tgt[k] = bt[k].toArray();
            wts[k] = bw[k].toArray();
        }
        IntBuf[] is = {new IntBuf(), new IntBuf()}, it = {new IntBuf(), new IntBuf()};
        DoubleBuf[] iw = {new DoubleBuf(), new DoubleBuf()};
        int[] chosen = new int[c.inputIndegree];
        boolean[] mark = new boolean[c.inputs];
        for (int b = 0; b < n; b++) {
            Rng.Stream r = new Rng.Stream(Rng.key(c.seed, 0x15A, 2, b));
            int got = 0;
            int tries = 0;
            double cx = ((b % side) + 0.5) / side * c.mapWidth - 0.5, cy = (((b / side) % side) + 0.5) / side * c.mapHeight - 0.5;
            while (got < c.inputIndegree) {
                int ch;
                if (c.mapWidth > 0 && tries++ < 100 * c.inputIndegree) {
                    int px = (int) Math.round(cx + c.mapSigma * r.nextGaussian());
                    int py = (int) Math.round(cy + c.mapSigma * r.nextGaussian());
                    if (px < 0 || py < 0 || px >= c.mapWidth || py >= c.mapHeight) continue;
                    ch = py * c.mapWidth + px;
                } else {
                    ch = r.nextInt(c.inputs);
                }
                if (mark[ch]) continue;
                mark[ch] = true;
                chosen[got++] = ch;
            }
            int t = inhibitory[b] ? 1 : 0;
            for (int q = 0; q < got; q++) {
                mark[chosen[q]] = false;
                is[t].add(chosen[q]);
                it[t].add(local[b]);
                iw[t].add(c.inputWeight * (1 + c.inputSpread * r.nextGaussian()));
            }
        }
        for (int t = 0; t < 2; t++) {
            inSrc[t] = is[t].toArray();
            inTgt[t] = it[t].toArray();
            inW[t] = iw[t].toArray();
        }
    }

    private void add(IntBuf[] bs, IntBuf[] bt, DoubleBuf[] bw, int kind, int a, int b, double mean, Rng.Stream r) {
        bs[kind].add(local[a]);
        bt[kind].add(local[b]);
        bw[kind].add(mean * Math.max(0.05, 1 + 0.5 * r.nextGaussian()));
    }

    /** Neurons of the liquid. */
    public int neurons() {
        return n;
    }

    public int excitatory() {
        return nE;
    }

    public int inhibitory() {
        return nI;
    }

    /** Recurrent synapses. */
    public long synapses() {
        long s = 0;
        for (int[] a : src) s += a.length;
        return s;
    }

    /** E-&gt;E synapses (for tests). */
    long eeCount() {
        return src[0].length;
    }

    /** Input synapses. */
    public long inputSynapses() {
        return inSrc[0].length + inSrc[1].length;
    }

    /** Whether liquid neuron i (grid order) is inhibitory. */
    public boolean isInhibitory(int i) {
        return inhibitory[i];
    }

    /**
     * Mean weight (pA, signed) of the synapses of kind {@code k}: 0 E-&gt;E, 1 E-&gt;I,
     * 2 I-&gt;E, 3 I-&gt;I; 4 input-&gt;E and 5 input-&gt;I. NaN when there are none.
     */
    public double meanWeight(int k) {
        if (k < 0 || k > 5) throw new IllegalArgumentException("lsm: synapse kind " + k + "; valid: 0..5");
        double[] w = k < 4 ? wts[k] : inW[k - 4];
        double s = 0;
        for (double v : w) s += v;
        return w.length == 0 ? Double.NaN : s / w.length;
    }

    /** Recorded spikes of a run, in liquid (grid) indices. */
    public record Spikes(int[] steps, int[] neurons, long totalSteps) {
    }

    /** Simulates {@code durationMs} with the given input trains ({@code [channel][times ms]}) from rest. */
    public Spikes run(double[][] inputTimes, double durationMs) {
        if (inputTimes.length != ctx.inputs) {
            throw new IllegalArgumentException("lsm: " + inputTimes.length + " input trains; valid: " + ctx.inputs + " (one per channel)");
        }
        Network net = new Network(new Network.Context().dt(ctx.dt).seed(ctx.seed).threads(ctx.threads));
        Population input = net.population("input", SpikeGenerator.of(inputTimes), ctx.inputs);
        Population e = liquid(net, "E", nE, 3);
        Population i = liquid(net, "I", nI, 2);
        Population[] pops = {e, i};
        for (int k = 0; k < 4; k++) {
            if (src[k].length == 0) continue;
            net.connect(pops[k >> 1], pops[k & 1], Connect.explicit(src[k], tgt[k], wts[k], null),
                    Synapse.statics(1.0, ctx.delay));
        }
        for (int t = 0; t < 2; t++) {
            if (inSrc[t].length == 0) continue;
            net.connect(input, pops[t], Connect.explicit(inSrc[t], inTgt[t], inW[t], null), Synapse.statics(1.0, ctx.delay));
        }
        SpikeRecorder re = net.recordSpikes(e), ri = net.recordSpikes(i);
        net.build();
        long steps = Math.round(durationMs / ctx.dt);
        net.simulateSteps(steps, null);
        return merge(re, ri, steps);
    }

    /** The spikes of the E and I recorders in liquid indices, merged in step order. */
    Spikes merge(SpikeRecorder re, SpikeRecorder ri, long steps) {
        int[] es = re.steps(), en = re.neurons(), is = ri.steps(), in = ri.neurons();
        int[] toGlobalE = new int[nE], toGlobalI = new int[nI];
        for (int g = 0; g < n; g++) {
            if (inhibitory[g]) toGlobalI[local[g]] = g;
            else toGlobalE[local[g]] = g;
        }
        int total = es.length + is.length;
        int[] st = new int[total], nu = new int[total];
        int a = 0, b = 0, o = 0;
        while (o < total) {
            if (b >= is.length || (a < es.length && es[a] <= is[b])) {
                st[o] = es[a];
                nu[o++] = toGlobalE[en[a++]];
            } else {
                st[o] = is[b];
                nu[o++] = toGlobalI[in[b++]];
            }
        }
        return new Spikes(st, nu, steps);
    }

    Population liquid(Network net, String name, int size, double tRef) {
        Population p = net.population(name, "iaf_psc_exp", Math.max(size, 1));
        p.param("E_L", 0).param("V_reset", 13.5).param("V_th", 15).param("tau_m", ctx.tauM).param("C_m", 250)
                .param("tau_syn_ex", 3).param("tau_syn_in", 6).param("t_ref", tRef).param("I_e", ctx.background);
        return p;
    }

    /** Encodes sample {@code i} into spike trains within {@code [0, window)} ms, one per input channel. */
    public interface Encoder {
        double[][] encode(int sample);
    }

    /**
     * Presents {@code count} samples, each for {@code windowMs} followed by {@code gapMs} of silence,
     * in chunks of {@code chunk} samples, and returns the features: spike counts (capped at 255)
     * per sample, neuron (grid order) and bin, as unsigned bytes
     * {@code [sample][neuron][bin]}.
     */
    public byte[] present(Encoder encoder, int count, double windowMs, double gapMs, int bins, int chunk, Progress progress) {
        return present(encoder, count, windowMs, gapMs, bins, chunk, false, progress);
    }

    /**
     * As {@link #present(Encoder, int, double, double, int, int, Progress)}; with {@code reset} each
     * sample starts from rest (see the class documentation) and {@code chunk} only sets how often
     * progress is reported.
     */
    public byte[] present(Encoder encoder, int count, double windowMs, double gapMs, int bins, int chunk, boolean reset,
                          Progress progress) {
        if (count < 1) throw new IllegalArgumentException("lsm: no samples to present");
        if (chunk < 1) throw new IllegalArgumentException("lsm: chunk = " + chunk + "; valid: >= 1");
        long windowSteps = Math.round(windowMs / ctx.dt), gapSteps = Math.round(gapMs / ctx.dt);
        if (windowSteps < 1 || Math.abs(windowSteps * ctx.dt - windowMs) > 1e-9 * windowMs) {
            throw new IllegalArgumentException("lsm: window = " + windowMs + " ms; valid: a positive multiple of dt = " + ctx.dt);
        }
        if (gapSteps < 0 || Math.abs(gapSteps * ctx.dt - gapMs) > 1e-9 * Math.max(1, gapMs)) {
            throw new IllegalArgumentException("lsm: gap = " + gapMs + " ms; valid: a non-negative multiple of dt = " + ctx.dt);
        }
        if (bins < 1) throw new IllegalArgumentException("lsm: bins = " + bins + "; valid: >= 1");
        if (reset) gapSteps = 0; // one sample per network, window only: every sample from rest
        long period = windowSteps + gapSteps;
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(count, n), bins)];
        int perSample = n * bins;
        int step = reset ? 1 : chunk;
        for (int start = 0; start < count; start += step) {
            int m = Math.min(step, count - start);
            double[][] times = inputTimes(encoder, start, m, period, windowMs);
            Spikes sp = run(times, m * period * ctx.dt);
            int[] st = sp.steps(), nu = sp.neurons();
            int[] counts = new int[m * perSample];
            for (int k = 0; k < st.length; k++) {
                int j = (int) (st[k] / period);
                long within = st[k] - j * period;
                if (j >= m || within >= windowSteps) continue;
                int bin = (int) (within * bins / windowSteps);
                counts[j * perSample + nu[k] * bins + bin]++;
            }
            for (int q = 0; q < counts.length; q++) out[start * perSample + q] = (byte) Math.min(255, counts[q]);
            if (progress != null && (!reset || (start + m) % chunk == 0 || start + m == count)) progress.progress(start + m, count);
        }
        return out;
    }

    /**
     * The input trains of samples {@code start .. start+m-1} presented one after another, sample j
     * shifted by {@code j * period} steps; each encoded time must lie in {@code (0, windowMs]}.
     */
    double[][] inputTimes(Encoder encoder, int start, int m, long period, double windowMs) {
        double[][][] enc = new double[m][][];
        int[] len = new int[ctx.inputs];
        for (int j = 0; j < m; j++) {
            enc[j] = encoder.encode(start + j);
            if (enc[j].length != ctx.inputs) {
                throw new IllegalArgumentException("lsm: encoder gave " + enc[j].length + " trains; valid: " + ctx.inputs);
            }
            for (int c = 0; c < ctx.inputs; c++) len[c] += enc[j][c].length;
        }
        double[][] times = new double[ctx.inputs][];
        for (int c = 0; c < ctx.inputs; c++) {
            double[] tc = new double[len[c]];
            int o = 0;
            for (int j = 0; j < m; j++) {
                double off = j * period * ctx.dt;
                for (double t : enc[j][c]) {
                    if (!(t > 0 && t <= windowMs)) {
                        throw new IllegalArgumentException("lsm: sample " + (start + j) + " channel " + c + ": spike time "
                                + t + " ms; valid: (0, " + windowMs + "]");
                    }
                    tc[o++] = off + t;
                }
            }
            times[c] = tc;
        }
        return times;
    }

    /**
     * The branching factor of the liquid's activity while it is shown {@code count} samples, each for
     * {@code windowMs} then {@code gapMs} of silence (in one network, from rest): all neurons'
     * spikes counted in bins of {@code binMs}; each sample's window is one trial (regression pairs
     * never cross from one window to the next, so the input's on/off switching does not enter), with
     * lags {@code 1..maxLag} ({@link BranchingFactor#estimate(double[][], int, BranchingFactor.Fit)},
     * exponential MR fit). Also returns the mean rate in the windows.
     */
    public Branching branching(Encoder encoder, int count, double windowMs, double gapMs, double binMs, int maxLag) {
        if (count < 1) throw new IllegalArgumentException("lsm: no samples for the branching factor");
        long windowSteps = Math.round(windowMs / ctx.dt), gapSteps = Math.round(gapMs / ctx.dt);
        int bin = (int) Math.round(binMs / ctx.dt);
        if (bin < 1 || Math.abs(bin * ctx.dt - binMs) > 1e-9 * binMs) {
            throw new IllegalArgumentException("lsm: bin = " + binMs + " ms; valid: a positive multiple of dt = " + ctx.dt);
        }
        if (windowSteps / bin <= maxLag) {
            throw new IllegalArgumentException("lsm: window of " + windowMs + " ms holds " + windowSteps / bin
                    + " bins of " + binMs + " ms; valid: more than maxLag = " + maxLag);
        }
        long period = windowSteps + gapSteps;
        Spikes sp = run(inputTimes(encoder, 0, count, period, windowMs), count * period * ctx.dt);
        return branching(sp, count, windowSteps, period, bin, maxLag);
    }

    /** As above, from recorded spikes: sample j's window is {@code [j period, j period + window)} steps. */
    Branching branching(Spikes sp, int count, long windowSteps, long period, int bin, int maxLag) {
        double[][] trials = new double[count][];
        long inWindows = 0;
        int[] st = sp.steps();
        int k = 0;
        for (int j = 0; j < count; j++) {
            long from = j * period, to = from + windowSteps;
            while (k < st.length && st[k] < from) k++;
            int a = k;
            while (k < st.length && st[k] < to) k++;
            int[] part = Arrays.copyOfRange(st, a, k);
            inWindows += part.length;
            trials[j] = BranchingFactor.activity(part, from, to, bin);
        }
        BranchingFactor.Estimate e = BranchingFactor.estimate(trials, maxLag, BranchingFactor.Fit.EXPONENTIAL);
        double rate = inWindows / ((double) count * n * windowSteps * ctx.dt / 1000);
        return new Branching(e, rate);
    }

    /**
     * A branching-factor estimate with the mean firing rate (Hz per neuron) it was measured at.
     *
     * @param estimate the conventional ({@code r_1}) and multistep estimates
     * @param rate     mean rate in the windows, Hz
     */
    public record Branching(BranchingFactor.Estimate estimate, double rate) {
        @Override
        public String toString() {
            return String.format("r1 %.3f, MR %.3f (b %.2f), %.2f Hz", estimate.conventional(), estimate.multistep(),
                    estimate.amplitude(), rate);
        }
    }

    private static final class IntBuf {
        int[] a = new int[64];
        int size;

        void add(int v) {
            if (size == a.length) a = Arrays.copyOf(a, size * 2);
            a[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }

    private static final class DoubleBuf {
        double[] a = new double[64];
        int size;

        void add(double v) {
            if (size == a.length) a = Arrays.copyOf(a, size * 2);
            a[size++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
