package org.myelin.learn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.myelin.core.Connect;
import org.myelin.core.Generator;
import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.Projection;
import org.myelin.core.SpikeRecorder;
import org.myelin.core.Synapse;
import org.myelin.core.SynapseTable;
import org.myelin.core.VolumeTransmitter;
import org.myelin.core.model.SpikeGenerator;

/**
 * Izhikevich (2007), "Solving the distal reward problem through linkage of STDP and dopamine
 * signaling", Fig. 1: in a recurrent network of Izhikevich neurons whose excitatory synapses follow
 * dopamine-modulated STDP ({@code stdp_dopamine_synapse}), one chosen synapse i -&gt; j is rewarded:
 * every time j fires within 10 ms after i, a dopamine pulse follows 1 to 3 s later. Although the
 * network fires at random all the while (about 1.9 Hz) and every synapse sees the same dopamine,
 * that synapse grows from 0 to near the maximum weight while the others do not grow: their mean
 * falls from 1 to about 0.6 mV and only a few percent of them (synapses of strongly coupled pairs,
 * which potentiate themselves under the tonic dopamine) reach the maximum.
 *
 * <h2>Set-up (the author's script {@code daspnet.m}, ModelDB 84167, which made Fig. 1)</h2>
 * <ul>
 * <li>N neurons, 80% regular spiking (a, b, c, d) = (0.02, 0.2, -65, 8) and 20% fast spiking
 * (0.1, 0.2, -65, 2), {@code izhikevich} with the published numerics
 * ({@code consistent_integration = false}: two half steps of 0.5 ms for v), dt = 1 ms, v = -65 and
 * u = -13 initially.</li>
 * <li>Each excitatory neuron has M synapses to targets drawn uniformly from all N neurons, each
 * inhibitory one M synapses to targets drawn from the excitatory ones (repeats and self-connections
 * allowed, as in the script); all delays 1 ms. Excitatory weights start at 1 mV and are plastic in
 * [0, 4] mV; inhibitory weights are fixed at -1 mV.</li>
 * <li>Thalamic input: every neuron gets an independent random current each ms. The script draws it
 * uniformly from [-6.5, 6.5]; here it is Gaussian with the same mean (0) and variance
 * (13^2/12), from core's {@code noise_generator} (core has no uniform noise device).</li>
 * <li>The rule: STDP with A+ = 1, A- = 1.5, tau+ = tau- = 20 ms writes the eligibility trace c
 * (tau_c = 1 s); dopamine n (tau_n = 200 ms) jumps by 1/tau_n per dopamine spike;
 * dw/dt = c (n - b) with b = -2e-5, i.e. a tonic dopamine level 2e-5. This is the script's rule
 * in continuous time: it adds 0.1 (LTP) or subtracts 0.15 (LTD) times a trace to sd, and every
 * 10 ms adds (0.002 + DA) sd to the weight and multiplies sd by 0.99 (tau_c = 995 ms); DA decays
 * by 0.995 per ms (tau = 199.5 ms) and a reward adds 0.5. With c = 10 sd that is
 * dw/dt = c (DA + 0.002) / 100, so one dopamine spike (n += 1/200) is one reward (DA += 0.5) and
 * the tonic 0.002 is -b = 2e-5. The script applies the weight change every 10 ms; here it is
 * integrated exactly.</li>
 * <li>Reward: the chosen synapse starts at 0 (as in the script). Every spike of j that follows a
 * spike of i by at most {@link #WINDOW_MS} (the paper's 10 ms; the script uses 20) schedules a
 * reward 1001 to 3000 ms later (uniform in whole ms, as in the script).</li>
 * </ul>
 *
 * <h2>What differs from the paper and its script</h2>
 * Gaussian instead of uniform thalamic noise (same variance); the weight integrated exactly instead
 * of updated every 10 ms; tau+ = tau- = 20 ms, tau_c = 1 s and tau_n = 200 ms where the script's
 * per-step factors give 19.5 ms, 995 ms and 199.5 ms; NEST's spike timing (a neuron is reset in the
 * step it crosses 30 mV; the script resets it at the start of the next step); the 10 ms window
 * of the paper's text instead of the script's 20 ms. (The brief for this test described the
 * polychronization network of Izhikevich 2006, {@code spnet}: delays 1 to 20 ms and 20 mV to one
 * random neuron per ms; the distal-reward script uses 1 ms delays and the uniform noise above, and
 * is followed here.) The default test uses a smaller network for 15 minutes (see
 * {@link #rewardedSynapseGrowsWhileTheOthersDoNot()}); the paper's size and hour are the slow test.
 *
 * <h2>How rewards are delivered</h2>
 * The reward depends on the network's own spikes, so it needs control at run time. The network is
 * simulated in pieces of 1 s (a reward is never due sooner than 1 s after its cause); after each
 * piece the spikes of i and j are read from recorders and each new reward is added to a
 * {@code spike_generator} ({@link Population#addSpikes}, as NEST's {@code SetStatus} of its
 * {@code spike_times}) for the time it is due. A generator neuron emits at most one spike per step
 * and takes only increasing times, so the generator has a pool of neurons and each reward goes to
 * the first whose last scheduled spike is earlier. Its spikes feed the volume transmitter; the test
 * checks that the dopamine spikes are exactly the scheduled rewards.
 */
class DistalRewardTest {
    static final double WINDOW_MS = 10;
    static final double W_MAX = 4;
    /** {@code -Dmyelin.verbose=true} prints the weights every minute of model time. */
    static final boolean VERBOSE = Boolean.getBoolean("myelin.verbose");

    /** What a run produced. */
    static final class Result {
        double rewarded;         // final weight of the chosen synapse
        double othersMean;       // final weights of the other E->E synapses
        double othersSd;
        double othersNearMax;    // fraction of them above 0.9 W_MAX
        double rank;             // fraction of the others' final weights below its late mean
        int rewards;             // rewards delivered
        int coincidences;        // rewards scheduled
        double rateE;            // mean rate of the excitatory neurons (Hz)
        double[] trace;          // the chosen synapse's weight every 60 s
        double late;             // its mean over the last third of the trace
        boolean dopamineExact;   // dopamine spikes == scheduled rewards
        double seconds;
    }

    /**
     * @param ne           excitatory neurons (ne/4 inhibitory)
     * @param m            synapses per neuron
     * @param seconds      model time
     * @param pulses       dopamine spikes per reward (1 = the paper's DA += 0.5)
     * @param plastic      false: the same network with static synapses (the rule turned off)
     */
    static Result run(int ne, int m, double seconds, int pulses, long seed, boolean plastic) {
        final int ni = ne / 4;
        final int n = ne + ni;
        Network net = new Network(new Network.Context().dt(1.0).threads(1).seed(seed));
        Population e = net.population("E", "izhikevich", ne).param("a", 0.02).param("b", 0.2).param("c", -65)
                .param("d", 8).param("consistent_integration", 0).initial("V_m", -65).initial("U_m", -13);
        Population inh = net.population("I", "izhikevich", ni).param("a", 0.1).param("b", 0.2).param("c", -65)
                .param("d", 2).param("consistent_integration", 0).initial("V_m", -65).initial("U_m", -13);
        final int nda = 16 * pulses;
        Population da = net.population("DA", SpikeGenerator.of(new double[nda][0]), nda);
        double sd = 13 / Math.sqrt(12);
        net.stimulate(Generator.noise(0, sd, 1.0), e, 1.0, 1.0);
        net.stimulate(Generator.noise(0, sd, 1.0), inh, 1.0, 1.0);
        // the volume transmitter brings all synapses up to date once a second (their weights are
        // integrated exactly between events, so this interval only bounds the buffered dopamine spikes)
        VolumeTransmitter vt = VolumeTransmitter.of(da).deliverInterval(1000);
        DopamineStdp rule = DopamineStdp.synapse(vt).amplitudes(1.0, 1.5).tauPlus(20).tauMinus(20).tauC(1000)
                .tauN(200).baseline(-2e-5).bounds(0, W_MAX);

        // connectivity as in daspnet.m
        SplittableRandom r = new SplittableRandom(seed);
        int[] eeS = new int[ne * m];
        int[] eeT = new int[ne * m];
        int[] eiS = new int[ne * m];
        int[] eiT = new int[ne * m];
        int kee = 0;
        int kei = 0;
        for (int i = 0; i < ne; i++) {
            for (int k = 0; k < m; k++) {
                int t = r.nextInt(n);
                if (t < ne) {
                    eeS[kee] = i;
                    eeT[kee++] = t;
                } else {
                    eiS[kei] = i;
                    eiT[kei++] = t - ne;
                }
            }
        }
        eeS = Arrays.copyOf(eeS, kee);
        eeT = Arrays.copyOf(eeT, kee);
        // the chosen synapse: neuron 0's first excitatory target that it reaches only once (not itself)
        final int pre = 0;
        int post = -1;
        for (int k = 0; k < kee && post < 0; k++) {
            if (eeS[k] != pre || eeT[k] == pre) continue;
            int c = 0;
            for (int q = 0; q < kee; q++) if (eeS[q] == pre && eeT[q] == eeT[k]) c++;
            if (c == 1) post = eeT[k];
        }
        double[] eeW = new double[kee];
        double[] eeD = new double[kee];
        for (int k = 0; k < kee; k++) {
            eeW[k] = eeS[k] == pre && eeT[k] == post ? 0.0 : 1.0;
            eeD[k] = 1.0;
        }
        Synapse exc = plastic ? Synapse.plastic(1.0, 1.0, rule) : Synapse.statics(1.0, 1.0);
        Projection ee = net.connect(e, e, Connect.explicit(eeS, eeT, eeW, eeD), exc);
        net.connect(e, inh, Connect.explicit(Arrays.copyOf(eiS, kei), Arrays.copyOf(eiT, kei)), exc);
        int[] ieS = new int[ni * m];
        int[] ieT = new int[ni * m];
        for (int i = 0; i < ni; i++) {
            for (int k = 0; k < m; k++) {
                ieS[i * m + k] = i;
                ieT[i * m + k] = r.nextInt(ne);
            }
        }
        net.connect(inh, e, Connect.explicit(ieS, ieT), Synapse.statics(-1.0, 1.0));
        SpikeRecorder preRec = net.recordSpikes(e, pre);
        SpikeRecorder postRec = net.recordSpikes(e, post);
        SpikeRecorder daRec = net.recordSpikes(da);
        net.build();
        SynapseTable table = ee.synapses();
        int syn = -1;
        for (int k = 0; k < table.size(); k++) if (table.source[k] == pre && table.target[k] == post) syn = k;
        assertTrue(syn >= 0 && table.weight[syn] == 0.0, "the chosen synapse should exist and start at 0");

        Result res = new Result();
        res.seconds = seconds;
        res.trace = new double[(int) (seconds / 60)];
        SplittableRandom delays = new SplittableRandom(seed + 1);
        long[] lastAt = new long[nda]; // each generator neuron's last scheduled emission step
        Arrays.fill(lastAt, -1);
        long[] scheduled = new long[1024];
        final long total = Math.round(seconds * 1000);
        final int window = (int) Math.round(WINDOW_MS);
        long step = 0;
        long lastPre = Long.MIN_VALUE / 2;
        int seenPre = 0;
        int seenPost = 0;
        int traced = 0;
        while (step < total) {
            long next = Math.min(total, step + 1000);
            net.simulate(next - step);
            step = next;
            // pairings in the piece just simulated, in time order; a spike of j in the same step as
            // one of i does not follow it (as in the script)
            int[] ps = preRec.steps();
            int[] qs = postRec.steps();
            while (seenPre < ps.length || seenPost < qs.length) {
                long tp = seenPre < ps.length ? ps[seenPre] : Long.MAX_VALUE;
                long tq = seenPost < qs.length ? qs[seenPost] : Long.MAX_VALUE;
                if (tp <= tq) {
                    lastPre = tp;
                    seenPre++;
                } else {
                    if (tq - lastPre <= window) {
                        // a spike in step s is at time s + 1 ms; the reward comes 1001..3000 ms after it,
                        // so the dopamine spike is emitted in step tq + 1001..3000
                        long at = tq + 1001 + delays.nextInt(2000);
                        if (res.coincidences == scheduled.length) scheduled = Arrays.copyOf(scheduled, 2 * scheduled.length);
                        scheduled[res.coincidences++] = at;
                        if (at < total) {
                            res.rewards++;
                            for (int p = 0; p < pulses; p++) {
                                int g = 0;
                                while (g < nda && lastAt[g] >= at) g++;
                                assertTrue(g < nda, "more overlapping rewards than dopamine generator neurons");
                                da.addSpikes(g, (at + 1) * 1.0); // emitted in step `at`, at time (at + 1) ms
                                lastAt[g] = at;
                            }
                        }
                    }
                    seenPost++;
                }
            }
            while (traced < res.trace.length && step >= (traced + 1) * 60_000L) {
                double[] ws = ee.synapses().weight;
                res.trace[traced++] = ws[syn];
                if (VERBOSE) {
                    double a = 0;
                    double a2 = 0;
                    int hi = 0;
                    for (int k = 0; k < ws.length; k++) {
                        if (k == syn) continue;
                        a += ws[k];
                        a2 += ws[k] * ws[k];
                        if (ws[k] > 0.9 * W_MAX) hi++;
                    }
                    a /= ws.length - 1;
                    System.out.printf("t=%5d s: rewarded %.3f, others %.3f +- %.3f, %d near max, %d rewards, E %.2f Hz%n",
                            step / 1000, ws[syn], a, Math.sqrt(a2 / (ws.length - 1) - a * a), hi, res.rewards,
                            e.spikeCount() * 1000.0 / (ne * step));
                }
            }
        }
        // weights are read at whole seconds, where the volume transmitter has just brought every
        // synapse up to date (between its updates a synapse's weight changes only at its own spikes)
        double[] w = ee.synapses().weight;
        res.rewarded = w[syn];
        int from = res.trace.length - res.trace.length / 3;
        for (int k = from; k < res.trace.length; k++) res.late += res.trace[k] / (res.trace.length - from);
        double[] others = new double[w.length - 1];
        for (int k = 0, o = 0; k < w.length; k++) if (k != syn) others[o++] = w[k];
        double s = 0;
        double s2 = 0;
        for (double x : others) {
            s += x;
            s2 += x * x;
        }
        res.othersMean = s / others.length;
        res.othersSd = Math.sqrt(s2 / others.length - res.othersMean * res.othersMean);
        int near = 0;
        int below = 0;
        for (double x : others) {
            if (x > 0.9 * W_MAX) near++;
            if (x < res.late) below++;
        }
        res.othersNearMax = (double) near / others.length;
        res.rank = (double) below / others.length;
        res.rateE = e.spikeCount() / (ne * seconds);
        // every delivered reward is one dopamine spike per pulse, in the step it was due
        long[] want = Arrays.copyOf(scheduled, res.coincidences);
        Arrays.sort(want);
        int[] got = daRec.steps();
        long[] wantSteps = new long[res.rewards * pulses];
        for (int k = 0; k < res.rewards; k++) for (int p = 0; p < pulses; p++) wantSteps[k * pulses + p] = want[k];
        long[] gotSteps = new long[got.length];
        for (int k = 0; k < got.length; k++) gotSteps[k] = got[k];
        res.dopamineExact = Arrays.equals(wantSteps, gotSteps);
        return res;
    }

    static String describe(String what, Result r) {
        StringBuilder t = new StringBuilder();
        for (double x : r.trace) t.append(t.length() == 0 ? "" : " ").append(String.format("%.2f", x));
        return String.format("%s, %.0f s: rewarded synapse %.3f mV at the end, %.3f mV on average over the last third"
                + " (above %.1f%% of the others); others %.3f +- %.3f mV, %.2f%% above 0.9 Wmax; %d rewards; E rate %.2f Hz;"
                + " rewarded weight each minute: %s", what, r.seconds, r.rewarded, r.late, 100 * r.rank, r.othersMean,
                r.othersSd, 100 * r.othersNearMax, r.rewards, r.rateE, t);
    }

    /**
     * The check, in a network of 400 neurons (320 excitatory, 80 inhibitory) with the paper's 100
     * synapses per neuron, so every neuron has the same in-degrees as in the paper's 1,000 (80
     * excitatory and, for an excitatory neuron, 25 inhibitory inputs on average) and fires at the
     * same rate (1.9 Hz), at 2.5 times less cost; 15 minutes of model time instead of an hour.
     * Everything else is the paper's (one dopamine spike per reward, the same tonic level).
     *
     * <p>Measured over seeds 1 to 6: the rewarded synapse averages 2.0 to 3.9 mV over the last 5
     * minutes (it starts at 0), above 94 to 98% of the other E-&gt;E synapses' final weights; the
     * others fall from 1 to 0.56-0.77 mV on average (tonic dopamine and LTD-dominated STDP), with
     * 1.6-4.5% near the maximum (synapses in strongly coupled pairs that potentiate themselves); 38 to
     * 94 rewards. With the full network, 5 minutes are not enough (2 of 6 seeds had grown by then).
     * Asserted with margins: late mean above 1.5 mV and above 90% of the others, others' mean below
     * 1 mV and at most 8% of them near the maximum. Checked once (not kept), these fail when the rule
     * is turned off (static synapses: the rewarded one stays at 0); when the STDP sign is flipped
     * (A+ = -1, A- = -1.5: after 3 minutes the rewarded synapse is at 0 and 98% of the others at the
     * maximum); when each reward is a dip instead of a pulse (most eligibility traces are negative, so
     * the others grow: 1.47 mV on average after 3 minutes and rising); and when the same number of
     * rewards comes at random times instead of after i -&gt; j pairings (the chosen synapse then
     * averages 0.17 mV over the last 5 minutes while the others' statistics are unchanged, 0.62 +-
     * 0.88 mV with 2.8% near the maximum), so it is the contingency that makes it grow.
     */
    @Test
    void rewardedSynapseGrowsWhileTheOthersDoNot() {
        Result r = run(320, 100, 900, 1, 1, true);
        System.out.println(describe("distal reward, 400 neurons", r));
        assertEvidence(r, 20, 1.5, 0.90, 0.08);
    }

    /**
     * The paper's size: 1,000 neurons, 100,000 synapses, one hour of model time (Fig. 1). Measured
     * over seeds 1 to 3: the rewarded synapse averages 3.83 to 3.92 mV over the last 20 minutes (seed
     * 1 first reaches 4 mV after 6 minutes, then dips between rewards to 2.5-4 mV); the others
     * end at 0.61-0.64 +- 0.86-0.89 mV with 2.2-2.5% above 3.6 mV; 223 to 256 rewards; about 5
     * minutes of CPU. Asserted: the rewarded synapse averages at least 3 mV (0.75 Wmax) over the last
     * 20 minutes, above 95% of the others' final weights; the others' mean stays below 1 mV with at
     * most 5% near the maximum.
     */
    @Test
    @Tag("slow")
    void rewardedSynapseGrowsToTheMaximumInThePapersNetwork() {
        Result r = run(800, 100, 3_600, 1, 1, true);
        System.out.println(describe("distal reward, 1,000 neurons", r));
        assertEvidence(r, 100, 0.75 * W_MAX, 0.95, 0.05);
    }

    static void assertEvidence(Result r, int minRewards, double minLate, double minRank, double maxNearMax) {
        String d = describe("run", r);
        assertTrue(r.dopamineExact, "each reward should be one dopamine spike at its scheduled time: " + d);
        assertTrue(r.rewards >= minRewards, "too few rewards to judge: " + d);
        assertTrue(r.late >= minLate, "the rewarded synapse should have grown: " + d);
        assertTrue(r.rank >= minRank, "the rewarded synapse should end among the strongest: " + d);
        assertTrue(r.othersMean < 1.0, "the other synapses should not grow on average (they start at 1 mV): " + d);
        assertTrue(r.othersNearMax <= maxNearMax, "few other synapses should reach the maximum: " + d);
    }
}
