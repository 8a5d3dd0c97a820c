package org.myelin.reservoir.lsm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.myelin.core.Connect;
import org.myelin.core.Dist;
import org.myelin.core.Network;
import org.myelin.core.Plasticity;
import org.myelin.core.Population;
import org.myelin.core.Projection;
import org.myelin.core.SpikeRecorder;
import org.myelin.core.Synapse;
import org.myelin.core.SynapseTable;
import org.myelin.core.model.SpikeGenerator;
import org.myelin.learn.astro.AstroStdp;
import org.myelin.learn.astro.Astrocyte;

/**
 * The neuron-astrocyte liquid state machine (NALSM, Ivanov and Michmizos 2021) on an {@link Lsm}:
 * the liquid's recurrent and input synapses are made plastic with astrocyte-modulated STDP
 * ({@link AstroStdp}), all gated by one {@link Astrocyte} that integrates the liquid's spikes minus
 * the input's, and shown unlabelled samples (phase 1); the learned weights are then frozen into a
 * static {@link Lsm} ({@link Learned#liquid()}) that the ordinary pipeline reads out (phase 2).
 *
 * <h2>Phase 1, exactly</h2>
 * <ul>
 * <li>The connectivity (who connects to whom, delays, E/I identity, input map) is the base liquid's;
 * only the weights change. NALSM's initialisation: every synapse starts at its bound,
 * {@code +Wmax} for E-&gt;E, E-&gt;I and input synapses, {@code -Wmax} for I-&gt;E and I-&gt;I
 * ({@code W_RES_*_MIN_MAX} with "maximal weight initialisation", one {@code Wmax} for all classes).</li>
 * <li>The astrocyte: {@code Astrocyte.of(E, I).input(IN).tau(tau_astro).weight(s w_astro).bias(s b_astro)}
 * and every rule {@code AstroStdp.synapse(astro).eta(s eta)} with bounds {@code [0, Wmax]}
 * (E and input synapses) or {@code [-Wmax, 0]} (I synapses), traces of {@code tau_plus},
 * {@code tau_minus}. The rates are given in NALSM's units, where {@code Wmax = 3} and traces jump
 * by 1 ({@link Astrocyte}'s convention), and scaled here by {@code s = Wmax / 3} (pA per NALSM unit),
 * so that the dynamics of {@code w / Wmax} are NALSM's whatever current {@code Wmax} stands for.
 * Defaults: {@code eta = 0.015}, {@code b_astro = eta} (NALSM's bias offset 0),
 * {@code w_astro = 0.00075} (NALSM's 8,000-neuron setting {@code 0.0075 x 0.1}), {@code tau_astro
 * = 100 ms}, {@code tau_plus = tau_minus = 10 ms}.</li>
 * <li>The samples are presented in sequence, each for {@code window} ms followed by {@code gap} ms
 * of silence (NALSM: 20 ms each), in networks of {@code chunk} samples; each chunk
 * starts from rest with the weights the previous one left (the plasticity traces and the
 * astrocyte, which forgets in {@code tau_astro}, start afresh), so memory stays bounded.</li>
 * </ul>
 * Per chunk the branching factor of the liquid's activity is measured on the spikes of that chunk
 * ({@link Lsm#branching}: 2 ms bins, each sample's window one trial), so the report shows how it moves;
 * the same is measured first on the static liquid at the initial weights (the first chunk's samples).
 *
 * <h2>Where the liquid settles</h2>
 * With {@code b_astro = eta} the astrocyte's feedback balances the liquid's total rate against the
 * input's ({@link Astrocyte}: {@code A = b_astro + w_astro (R_liquid - R_input)}), plus an excess,
 * shrinking as {@code w_astro} grows, that pays for the causal pairings of a driven liquid: a liquid of
 * N neurons with {@code R_input} input spikes per ms settles a little above {@code 1000 R_input / N} Hz
 * (MNIST at 500 Hz per white pixel: about 51 spikes/ms, so 6-8 Hz for 8,000 neurons). A bias below
 * {@code eta} moves the balance up by {@code (eta - b_astro) / w_astro} spikes per ms.
 *
 * <h2>Deviations from NALSM</h2>
 * The neurons are the base liquid's {@code iaf_psc_exp} (NALSM: current-based LIF with its own
 * constants), the connectivity is Maass et al.'s distance rule (NALSM: its own 3-D spatial rule),
 * input weights keep their sign ([0, Wmax]; NALSM lets them change sign), and each change is clipped
 * as it happens (see {@link AstroStdp}). NALSM's initialisation run has no learning-rate decay
 * ({@code N_INI_RES_LR_DECAY = 1}), as here; its readout phase runs with a decay factor of 0.99, which
 * is not modelled: here the liquid is frozen after phase 1.
 *
 * <p>References: Ivanov and Michmizos (2021) NeurIPS 34 (code {@code combra-lab/NALSM}).
 */
public final class Nalsm {
    private Nalsm() {
    }

    /** Settings with documented defaults; validated by {@link #conclude()}. */
    public static final class Context {
        private double wmax = 150;
        private double eta = 0.015;
        private double astroTau = 100;
        private double astroWeight = 0.00075;
        private double astroBias = Double.NaN;
        private double tauPlus = 10;
        private double tauMinus = 10;
        private int samples = 5000;
        private double window = 20;
        private double gap = 0;
        private int chunk = 1000;
        private double binMs = 2;
        private int maxLag = 5;

        /** The bound and initial magnitude of every weight, pA (default 150). */
        public Context wmax(double pA) {
            wmax = pA;
            return this;
        }

        /** The fixed STDP rate in NALSM units (default 0.015). */
        public Context eta(double v) {
            eta = v;
            return this;
        }

        /** The astrocyte's time constant, ms (default 100). */
        public Context astroTau(double ms) {
            astroTau = ms;
            return this;
        }

        /** {@code w_astro} in NALSM units (default 0.00075). */
        public Context astroWeight(double v) {
            astroWeight = v;
            return this;
        }

        /** {@code b_astro} in NALSM units (default: {@code eta}). */
        public Context astroBias(double v) {
            astroBias = v;
            return this;
        }

        /** STDP trace time constants, ms (default 10 and 10). */
        public Context traces(double plusMs, double minusMs) {
            tauPlus = plusMs;
            tauMinus = minusMs;
            return this;
        }

        /** Unlabelled samples shown in phase 1 (default 5,000). */
        public Context samples(int n) {
            samples = n;
            return this;
        }

        /** Presentation per sample in phase 1, ms (default 20 and 0). */
        public Context presentation(double windowMs, double gapMs) {
            window = windowMs;
            gap = gapMs;
            return this;
        }

        /** Samples per simulated network in phase 1 (default 1,000). */
        public Context chunk(int c) {
            chunk = c;
            return this;
        }

        /** Bin (ms, default 2) and lags (default 5) of the branching factor measured per chunk. */
        public Context branching(double bin, int lags) {
            binMs = bin;
            maxLag = lags;
            return this;
        }

        public int samples() {
            return samples;
        }

        public double window() {
            return window;
        }

        public double gap() {
            return gap;
        }

        public double wmax() {
            return wmax;
        }

        public double binMs() {
            return binMs;
        }

        public int maxLag() {
            return maxLag;
        }

        double bias() {
            return Double.isNaN(astroBias) ? eta : astroBias;
        }

        public Context conclude() {
            check(wmax > 0 && Double.isFinite(wmax), "wmax", wmax, "(0, inf) pA");
            check(eta >= 0 && Double.isFinite(eta), "eta", eta, "[0, inf)");
            check(astroTau > 0 && Double.isFinite(astroTau), "astroTau", astroTau, "(0, inf) ms");
            check(Double.isFinite(astroWeight), "astroWeight", astroWeight, "finite");
            check(Double.isFinite(bias()), "astroBias", bias(), "finite");
            check(tauPlus > 0 && Double.isFinite(tauPlus), "tauPlus", tauPlus, "(0, inf) ms");
            check(tauMinus > 0 && Double.isFinite(tauMinus), "tauMinus", tauMinus, "(0, inf) ms");
            check(samples >= 1, "samples", samples, ">= 1");
            check(window > 0 && Double.isFinite(window), "window", window, "(0, inf) ms");
            check(gap >= 0 && Double.isFinite(gap), "gap", gap, "[0, inf) ms");
            check(chunk >= 1, "chunk", chunk, ">= 1");
            check(binMs > 0 && Double.isFinite(binMs), "branching bin", binMs, "(0, inf) ms");
            check(maxLag >= 1, "branching lags", maxLag, ">= 1");
            return this;
        }

        private static void check(boolean ok, String key, double v, String valid) {
            if (!ok) throw new IllegalArgumentException("nalsm: " + key + " = " + v + " is invalid; valid: " + valid);
        }
    }

    /**
     * What phase 1 measured in one chunk.
     *
     * @param firstSample index of the chunk's first sample
     * @param samples     samples in the chunk
     * @param branching   branching factor and rate of the liquid's activity in the chunk's windows
     * @param meanWeights mean weights (pA) after the chunk, as {@link Lsm#meanWeight}: EE, EI, IE, II, in-E, in-I
     */
    public record Chunk(int firstSample, int samples, Lsm.Branching branching, double[] meanWeights) {
        @Override
        public String toString() {
            return String.format("samples %d-%d: %s; mean w EE %.1f EI %.1f IE %.1f II %.1f in %.1f/%.1f pA", firstSample,
                    firstSample + samples - 1, branching, meanWeights[0], meanWeights[1], meanWeights[2], meanWeights[3],
                    meanWeights[4], meanWeights[5]);
        }
    }

    /**
     * The outcome of phase 1.
     *
     * @param liquid  the static liquid with the learned weights
     * @param initial branching factor and rate of the static liquid at the initial weights, on the first
     *                chunk's samples (phase 1's presentation)
     * @param chunks  what each chunk measured, in order
     * @param seconds wall time of phase 1
     */
    public record Learned(Lsm liquid, Lsm.Branching initial, List<Chunk> chunks, double seconds) {
    }

    /**
     * Phase 1: shows samples {@code 0 .. c.samples-1} of {@code encoder} (each encoded within
     * {@code (0, c.window]}) to the plastic liquid made from {@code base}'s connectivity, and returns the
     * learned static liquid. {@code log} receives one line per chunk (may be null).
     */
    public static Learned learn(Lsm base, Context c, Lsm.Encoder encoder, Consumer<String> log) {
        c.conclude();
        long t0 = System.nanoTime();
        Lsm.Context lc = base.ctx;
        double dt = lc.dt();
        long windowSteps = Math.round(c.window / dt), gapSteps = Math.round(c.gap / dt);
        if (Math.abs(windowSteps * dt - c.window) > 1e-9 * c.window || Math.abs(gapSteps * dt - c.gap) > 1e-9 * Math.max(1, c.gap)) {
            throw new IllegalArgumentException("nalsm: window " + c.window + " ms and gap " + c.gap
                    + " ms; valid: multiples of dt = " + dt + " ms");
        }
        int bin = (int) Math.round(c.binMs / dt);
        if (bin < 1 || windowSteps / bin <= c.maxLag) {
            throw new IllegalArgumentException("nalsm: a window of " + c.window + " ms holds " + (bin < 1 ? 0 : windowSteps / bin)
                    + " bins of " + c.binMs + " ms; valid: more than the " + c.maxLag + " branching lags");
        }
        long period = windowSteps + gapSteps;
        // NALSM's maximal-weight initialisation: every synapse at its bound
        int[][] src = new int[4][], tgt = new int[4][], inSrc = new int[2][], inTgt = new int[2][];
        double[][] w = new double[4][], inW = new double[2][];
        for (int k = 0; k < 4; k++) {
            src[k] = base.src[k];
            tgt[k] = base.tgt[k];
            w[k] = new double[src[k].length];
            java.util.Arrays.fill(w[k], k < 2 ? c.wmax : -c.wmax);
        }
        for (int t = 0; t < 2; t++) {
            inSrc[t] = base.inSrc[t];
            inTgt[t] = base.inTgt[t];
            inW[t] = new double[inSrc[t].length];
            java.util.Arrays.fill(inW[t], c.wmax);
        }
        // the static liquid at the initial weights, on the first samples, as the reference point
        Lsm initial = new Lsm(base, src, tgt, w, inSrc, inTgt, inW);
        Lsm.Branching before = initial.branching(encoder, Math.min(c.samples, c.chunk), c.window, c.gap, c.binMs, c.maxLag);
        if (log != null) log.accept("nalsm initial liquid (static, maximal weights): " + before);
        double s = c.wmax / 3;
        List<Chunk> chunks = new ArrayList<>();
        for (int start = 0; start < c.samples; start += c.chunk) {
            int m = Math.min(c.chunk, c.samples - start);
            int first = start;
            double[][] times = base.inputTimes(j -> encoder.encode(first + j), 0, m, period, c.window);
            Network net = new Network(new Network.Context().dt(dt).seed(lc.seed).threads(lc.threads));
            Population input = net.population("input", SpikeGenerator.of(times), times.length);
            Population e = base.liquid(net, "E", base.nE, 3);
            Population i = base.liquid(net, "I", base.nI, 2);
            Population[] pops = {e, i};
            Astrocyte astro = Astrocyte.of(e, i).input(input).tau(c.astroTau).weight(s * c.astroWeight).bias(s * c.bias());
            Plasticity exc = AstroStdp.synapse(astro).tauPlus(c.tauPlus).tauMinus(c.tauMinus).eta(s * c.eta).bounds(0, c.wmax);
            Plasticity inh = AstroStdp.synapse(astro).tauPlus(c.tauPlus).tauMinus(c.tauMinus).eta(s * c.eta).bounds(-c.wmax, 0);
            Projection[] rec = new Projection[4];
            Projection[] in = new Projection[2];
            for (int k = 0; k < 4; k++) {
                if (src[k].length == 0) continue;
                rec[k] = net.connect(pops[k >> 1], pops[k & 1], Connect.explicit(src[k], tgt[k], w[k], null),
                        Synapse.plastic(Dist.constant(k < 2 ? c.wmax : -c.wmax), Dist.constant(lc.delayMs()), k < 2 ? exc : inh));
            }
            for (int t = 0; t < 2; t++) {
                if (inSrc[t].length == 0) continue;
                in[t] = net.connect(input, pops[t], Connect.explicit(inSrc[t], inTgt[t], inW[t], null),
                        Synapse.plastic(Dist.constant(c.wmax), Dist.constant(lc.delayMs()), exc));
            }
            SpikeRecorder re = net.recordSpikes(e), ri = net.recordSpikes(i);
            net.build();
            long steps = m * period;
            net.simulateSteps(steps, null);
            Lsm.Branching b = base.branching(base.merge(re, ri, steps), m, windowSteps, period, bin, c.maxLag);
            for (int k = 0; k < 4; k++) {
                if (rec[k] == null) continue;
                SynapseTable tb = rec[k].synapses();
                src[k] = tb.source;
                tgt[k] = tb.target;
                w[k] = tb.weight;
            }
            for (int t = 0; t < 2; t++) {
                if (in[t] == null) continue;
                SynapseTable tb = in[t].synapses();
                inSrc[t] = tb.source;
                inTgt[t] = tb.target;
                inW[t] = tb.weight;
            }
            Lsm now = new Lsm(base, src, tgt, w, inSrc, inTgt, inW);
            double[] mw = new double[6];
            for (int k = 0; k < 6; k++) mw[k] = now.meanWeight(k);
            Chunk ch = new Chunk(start, m, b, mw);
            chunks.add(ch);
            if (log != null) log.accept("nalsm phase 1: " + ch);
        }
        Lsm learned = new Lsm(base, src, tgt, w, inSrc, inTgt, inW);
        return new Learned(learned, before, List.copyOf(chunks), (System.nanoTime() - t0) / 1e9);
    }
}
