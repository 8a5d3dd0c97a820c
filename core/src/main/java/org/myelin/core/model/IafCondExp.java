package org.myelin.core.model;

import org.myelin.core.ModelException;
import org.myelin.core.NeuronKernel;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;
import org.myelin.core.SpikeBuffer;

/**
 * {@code iaf_cond_exp}: leaky integrate-and-fire neuron with exponentially decaying excitatory and
 * inhibitory synaptic conductances (NEST's model of the same name).
 *
 * <pre>
 *   C_m dV/dt = -g_L (V - E_L) - g_ex(t) (V - E_ex) - g_in(t) (V - E_in) + I_e + I_stim
 *   dg_ex/dt = -g_ex / tau_syn_ex,   dg_in/dt = -g_in / tau_syn_in
 *   an incoming spike of weight w adds w (nS) to g_ex (port 0, w &gt;= 0) or |w| to g_in (port 1)
 *   V &gt;= V_th at the end of a step: spike, V = V_reset, clamped there for t_ref
 * </pre>
 * As in NEST, the right-hand side sees {@code min(V, V_th)}, and while refractory it sees
 * {@code V_reset} with {@code dV/dt = 0}; the conductances keep decaying meanwhile.
 *
 * <h2>Numerical method</h2>
 * Between spikes the conductances decay exactly: {@code g(t + s) = g(t) exp(-s/tau_syn)}. Only V is
 * integrated numerically, by the classical fourth-order Runge-Kutta method over the whole step h,
 * with the conductances taken exactly at t, t + h/2 and t + h (global error O(h^4); 16 times smaller
 * per halving of dt, checked by the tests). NEST integrates all three variables with GSL's adaptive
 * RKF45 at an absolute tolerance of 1e-3; here the error at dt = 0.1 ms is far below that (about
 * 2e-5 of the PSP amplitude for the default 0.2 ms excitatory synapse). When the total conductance
 * is so large that {@code z = h (g_L + g_ex + g_in) / C_m > 0.25} (above about 600 nS at the
 * defaults), where RK4 would lose accuracy and, above 2.78, stability, the step is split into equal
 * RK4 substeps that each satisfy the bound; at 0.25 the leading error of the relaxation towards the
 * equilibrium, {@code z^5 |V - V_inf| / 120}, is at most 6.5e-4 mV even for |V - V_inf| = 80 mV. Up to
 * z = 0.5 a step is still taken whole when its own error estimate,
 * {@code z^3 h (z |k1| + h |dk1/dt|) / 120} (the same relaxation term with |V - V_inf| = |k1| / b, plus
 * the drift of the equilibrium as the conductances decay), is at most 1e-4 mV: a strongly inhibited
 * neuron sits near its equilibrium, and in the COBA benchmark this takes 99.9% of such steps whole
 * (the estimate bounded the measured error of every one of them; on random states near threshold
 * it can underestimate up to fivefold, so the accepted error stays below the 6.5e-4 mV above). Past
 * 1024 substeps (z &gt; 2048, millions of nS) the substeps relax V exactly towards its
 * instantaneous equilibrium with coefficients frozen at their midpoints, which is stable for any
 * conductance. Every RK4 stage is evaluated with fused multiply-adds ({@link Math#fma}; one rounding
 * each), in the scalar and the vectorised kernel alike.
 *
 * <h2>Forward Euler ({@code forward_euler = true})</h2>
 * For side-by-side runs with simulators and scripts that integrate this model by forward Euler
 * (Brian2's {@code method='euler'}, which the Brian2 and BrainPy COBA benchmark scripts use), all
 * three variables take one explicit Euler step from the step-start state:
 * {@code V += h (a - b min(V, V_th))} with a and b as above at t, and
 * {@code g += -h g / tau_syn}, i.e. {@code g (1 - h/tau_syn)}; threshold, reset, refractoriness,
 * input and timing are as with the default method. First order: the error halves with dt (0.1 mV
 * at dt = 0.1 ms in the tests' convergence case, V from -65 mV with g_ex = 20 nS and g_in = 10 nS
 * decaying at 1 and 3 ms, where the default method's error is about 1e-7 mV), and it is stable
 * only while {@code h (g_L + g_ex + g_in) / C_m < 2}: there is no stiff fallback, as in Brian2.
 * The build rejects {@code dt >= tau_syn_ex}, {@code dt >= tau_syn_in} and {@code dt >= C_m / g_L},
 * where the decay factors would not be positive. Use it to reproduce such scripts, or to compare
 * simulators with the same method; the default is the accurate one.
 *
 * <h2>Timing</h2>
 * Step t integrates over [t h, (t+1) h] with the conductances as they were at t h; the spikes
 * received in step t are then added (NEST's order), so they are visible in g at (t+1) h. The
 * current port's value in step t is applied constantly over step t (NEST applies a current
 * one step later).
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 * <tr><td>V_th</td><td>mV</td><td>-55</td><td>spike threshold</td></tr>
 * <tr><td>V_reset</td><td>mV</td><td>-60</td><td>reset potential (must be below V_th)</td></tr>
 * <tr><td>t_ref</td><td>ms</td><td>2</td><td>absolute refractory period</td></tr>
 * <tr><td>g_L</td><td>nS</td><td>16.6667</td><td>leak conductance</td></tr>
 * <tr><td>C_m</td><td>pF</td><td>250</td><td>membrane capacitance</td></tr>
 * <tr><td>E_ex</td><td>mV</td><td>0</td><td>excitatory reversal potential</td></tr>
 * <tr><td>E_in</td><td>mV</td><td>-85</td><td>inhibitory reversal potential</td></tr>
 * <tr><td>E_L</td><td>mV</td><td>-70</td><td>leak reversal potential</td></tr>
 * <tr><td>tau_syn_ex</td><td>ms</td><td>0.2</td><td>excitatory conductance decay time</td></tr>
 * <tr><td>tau_syn_in</td><td>ms</td><td>2</td><td>inhibitory conductance decay time</td></tr>
 * <tr><td>I_e</td><td>pA</td><td>0</td><td>constant input current</td></tr>
 * <tr><td>forward_euler</td><td>bool</td><td>false</td><td>forward Euler for all three variables
 * (above) instead of RK4 in V with exact conductance decay</td></tr>
 * </table>
 * State: {@code V_m} (mV), {@code g_ex} (nS), {@code g_in} (nS), {@code refractory_steps} (steps
 * left). Ports: 0 {@code ex} (nS), 1 {@code in} (nS, magnitude), 2 current (pA).
 *
 * <p>References: NEST {@code iaf_cond_exp}; Meffin, Burkitt and Grayden (2004) J Comput Neurosci
 * 16:159; Brette et al. (2007) J Comput Neurosci 23:349 (the COBA benchmark).
 */
public final class IafCondExp extends NeuronModel {
    public static final IafCondExp INSTANCE = new IafCondExp();

    static final int V_TH = 0, V_RESET = 1, T_REF = 2, G_L = 3, C_M = 4, E_EX = 5, E_IN = 6, E_L = 7,
            TAU_EX = 8, TAU_IN = 9, I_E = 10, FORWARD_EULER = 11;
    static final int V = 0, G_EX = 1, G_IN = 2, R = 3;

    /** Largest {@code h (g_L + g_ex + g_in) / C_m} integrated by one RK4 step; above it, substeps. */
    static final double Z_MAX = 0.25;

    /**
     * Local error target (mV) of a whole step with {@code Z_MAX < z <= 2 Z_MAX}: such a step is taken
     * whole when its error estimate is at most this, else in substeps.
     */
    static final double TOL = 1e-4;

    /** Most substeps of the slow path; beyond {@code 2 MAX_SUBSTEPS} in z it relaxes exponentially. */
    static final int MAX_SUBSTEPS = 1024;

    /** Substep counts below this have their decay factors precomputed. */
    static final int SUB_TABLE = 33;

    private IafCondExp() {
        super("iaf_cond_exp", new ParamSpec[] {
            ParamSpec.real("V_th", "mV", -55, "spike threshold"),
            ParamSpec.real("V_reset", "mV", -60, "reset potential"),
            ParamSpec.nonNegative("t_ref", "ms", 2, "absolute refractory period"),
            ParamSpec.positive("g_L", "nS", 16.6667, "leak conductance"),
            ParamSpec.positive("C_m", "pF", 250, "membrane capacitance"),
            ParamSpec.real("E_ex", "mV", 0, "excitatory reversal potential"),
            ParamSpec.real("E_in", "mV", -85, "inhibitory reversal potential"),
            ParamSpec.real("E_L", "mV", -70, "leak reversal potential"),
            ParamSpec.positive("tau_syn_ex", "ms", 0.2, "excitatory synaptic time constant"),
            ParamSpec.positive("tau_syn_in", "ms", 2, "inhibitory synaptic time constant"),
            ParamSpec.real("I_e", "pA", 0, "constant input current"),
            ParamSpec.bool("forward_euler", false,
                    "forward Euler (Brian2's method='euler') instead of RK4 with exact conductance decay"),
        }, new String[] {"V_m", "g_ex", "g_in", "refractory_steps"}, new String[] {"mV", "nS", "nS", "steps"});
    }


    @Override
    public String[] receptorNames() {
        return new String[] {"ex", "in"};
    }

    @Override
    public boolean inhibitoryAsMagnitude() {
        return true;
    }

    @Override
    public void validate(String element, double[] p, double dt) {
        requireBelow(element, p, "V_reset", "V_th");
        if (p[FORWARD_EULER] != 0) {
            // forward Euler's decay factors 1 - dt/tau must stay positive, or the conductances (and V
            // at rest) oscillate in sign instead of decaying
            for (String tau : new String[] {"tau_syn_ex", "tau_syn_in"}) {
                double v = get(p, tau);
                if (!(dt < v)) {
                    throw new ModelException(element, tau, "value " + v + " ms must exceed dt = " + dt
                            + " ms with forward_euler (its decay factor 1 - dt/" + tau + " would be <= 0)");
                }
            }
            if (!(dt * p[G_L] < p[C_M])) {
                throw new ModelException(element, "g_L", "value " + p[G_L] + " nS with C_m = " + p[C_M]
                        + " pF gives tau_m = " + p[C_M] / p[G_L] + " ms, which must exceed dt = " + dt
                        + " ms with forward_euler");
            }
        }
    }

    @Override
    public void initialize(double[] p, double[][] s, int from, int to) {
        for (int i = from; i < to; i++) {
            s[V][i] = p[E_L];
            s[G_EX][i] = 0;
            s[G_IN][i] = 0;
            s[R][i] = 0;
        }
    }

    @Override
    public NeuronKernel compile(double[] p, double dt) {
        return p[FORWARD_EULER] != 0 ? new EulerKernel(p, dt, EULER_SIMD) : new Kernel(p, dt);
    }

    /**
     * The vectorised step ({@link CondExpSimd}); null when the vector API is not available, and the
     * kernel runs its fused scalar loop.
     */
    interface Passes {
        /** Whether {@link #update} handles this kernel's parameters (else the scalar loop runs). */
        boolean supports(Kernel k);

        /** The kernel's step for [from, to), bit-identical to {@link Kernel#updateScalar}. */
        void update(Kernel k, double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out);
    }

    /**
     * Scratch space of the vectorised step ({@link CondExpSimd}): the non-stiff candidates (at the
     * neurons' own positions), and the vectors captured for its exception pass (start index, then
     * step-start V, g_ex, g_in and refractory count lane by lane, the error estimate of their stiff
     * lanes, and room for results), stored from the slice's first index on so that workers sharing
     * a kernel never overlap.
     */
    static final class Scratch {
        final int[] idx;
        final double[] cand, v0, ge, gi, r, est, res;

        Scratch(int n) {
            idx = new int[n];
            cand = new double[n];
            v0 = new double[n];
            ge = new double[n];
            gi = new double[n];
            r = new double[n];
            est = new double[n];
            res = new double[n];
        }
    }

    static final Passes SIMD = Simd.load(Passes.class, "CondExpSimd");

    /**
     * What both integrators share: the membrane equation {@code dV/dt = a - b min(V, V_th)} with
     * {@code a = (g_L E_L + I_e + I) / C_m + g_ex E_ex / C_m + g_in E_in / C_m} and
     * {@code b = (g_L + g_ex + g_in) / C_m} at the step's start, threshold, reset and refractoriness.
     */
    abstract static class Membrane implements NeuronKernel {
        @Override
        public boolean relocatable() {
            return true;
        }

        final double h;
        // coefficients of a and -b in g_ex, g_in at the step's start: a = restC + I/C_m + aEx0 g_ex + aIn0 g_in
        final double aEx0, aIn0;
        // -1/C_m and -g_L/C_m: the b coefficients enter negated, so that every stage is one fused multiply-add
        final double nInvC, nGLC;
        final double invC;
        final double gLC;
        final double restC;
        final double eEx, eIn;
        final double vTh, vReset;
        final int refSteps;

        Membrane(double[] p, double dt) {
            h = dt;
            invC = 1.0 / p[C_M];
            gLC = p[G_L] * invC;
            restC = (p[G_L] * p[E_L] + p[I_E]) * invC;
            eEx = p[E_EX];
            eIn = p[E_IN];
            vTh = p[V_TH];
            vReset = p[V_RESET];
            refSteps = IafPropagator.refractorySteps(p[T_REF], dt);
            aEx0 = eEx * invC;
            aIn0 = eIn * invC;
            nInvC = -invC;
            nGLC = -gLC;
        }
    }

    static final class Kernel extends Membrane {
        final double exHalf, exFull, inHalf, inFull;
        final double[] exHalfSub, inHalfSub;
        // coefficients of a(t) and b(t) in g_ex(0), g_in(0) at t = h/2, h; total conductance above
        // gStiff takes the substep slow path
        final double aExH, aInH, aExF, aInF, nbExH, nbInH, nbExF, nbInF, gStiff;
        // total conductance up to which a step may be taken whole if its error estimate allows (z = 2 Z_MAX);
        // the estimate's coefficients 1/(tau_ex C_m), 1/(tau_in C_m), h/120
        final double gWhole, dEx, dIn, h120;
        final double tauEx, tauIn;
        final double hOverC, zLeak;

        Kernel(double[] p, double dt) {
            this(p, dt, SIMD);
        }

        /** With {@code simd} null, the fused scalar loop; otherwise the vectorised passes. */
        Kernel(double[] p, double dt, Passes simd) {
            super(p, dt);
            tauEx = p[TAU_EX];
            tauIn = p[TAU_IN];
            exHalf = Math.exp(-0.5 * dt / tauEx);
            exFull = Math.exp(-dt / tauEx);
            inHalf = Math.exp(-0.5 * dt / tauIn);
            inFull = Math.exp(-dt / tauIn);
            // half-substep decay factors of the slow path for n substeps, so it needs no exp()
            exHalfSub = new double[SUB_TABLE];
            inHalfSub = new double[SUB_TABLE];
            for (int n = 1; n < SUB_TABLE; n++) {
                exHalfSub[n] = Math.exp(-0.5 * dt / n / tauEx);
                inHalfSub[n] = Math.exp(-0.5 * dt / n / tauIn);
            }
            hOverC = dt * invC;
            zLeak = dt * gLC;
            aExH = exHalf * eEx * invC;
            aInH = inHalf * eIn * invC;
            aExF = exFull * eEx * invC;
            aInF = inFull * eIn * invC;
            nbExH = -(exHalf * invC);
            nbInH = -(inHalf * invC);
            nbExF = -(exFull * invC);
            nbInF = -(inFull * invC);
            gStiff = (Z_MAX - zLeak) / hOverC;
            gWhole = (2 * Z_MAX - zLeak) / hOverC;
            dEx = invC / tauEx;
            dIn = invC / tauIn;
            h120 = dt / 120;
            this.simd = simd != null && simd.supports(this) ? simd : null;
        }

        /** The vectorised passes, or null for the fused scalar loop. */
        private final Passes simd;

        /**
         * Scratch space of the vectorised path: fully written before it is read in every call, never
         * carried across calls, each worker within its own slice. Each call reads the field once, so
         * workers racing on the first allocation each use a complete instance of their own.
         */
        private Scratch scratch;

        Scratch scratch(int n) {
            Scratch x = scratch;
            if (x == null || x.idx.length < n) {
                x = new Scratch(n);
                scratch = x;
            }
            return x;
        }

        @Override
        public void update(long step, double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out) {
            if (simd != null && Simd.engaged()) {
                simd.update(this, s, in, base, from, to, out);
            } else {
                updateScalar(s, in, base, from, to, out);
            }
        }

        /** The fused scalar loop: the whole step of every neuron of [from, to) in one pass. */
        void updateScalar(double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out) {
            final double[] v = s[V];
            final double[] gex = s[G_EX];
            final double[] gin = s[G_IN];
            final double[] r = s[R];
            final double[] spEx = in[0];
            final double[] spIn = in[1];
            final double[] cur = in[2];
            final double exFull = this.exFull, inFull = this.inFull, gStiff = this.gStiff;
            final double vTh = this.vTh, vReset = this.vReset;
            for (int i = from; i < to; i++) {
                final double ge0 = gex[i], gi0 = gin[i];
                if (r[i] == 0) {
                    final double v0 = v[i];
                    final double c = cur[base + i];
                    double y;
                    final double g = ge0 + gi0;
                    if (g <= gStiff || g <= gWhole && wholeStepAccurate(v0, ge0, gi0, c)) {
                        y = rk4(v0, ge0, gi0, c);
                    } else {
                        y = stiffStep(v0, ge0, gi0, c);
                    }
                    if (y >= vTh) {
                        r[i] = refSteps;
                        y = vReset;
                        out.add(i);
                    }
                    v[i] = y;
                } else {
                    // refractory: V held at V_reset (dV/dt = 0), conductances decay
                    r[i] -= 1;
                    v[i] = vReset;
                }
                gex[i] = Math.fma(ge0, exFull, spEx[base + i]);
                gin[i] = Math.fma(gi0, inFull, spIn[base + i]);
            }
        }

        /**
         * Whether one RK4 step over h is accurate enough for a neuron with {@code Z_MAX < z <= 2 Z_MAX}
         * (z = h (g_L + g_ex + g_in) / C_m): its local error estimate
         * {@code z^3 h (z |k1| + h |dk1/dt|) / 120} is at most {@link #TOL}. The two terms are RK4's
         * leading error for the relaxation of V towards its equilibrium ({@code z^5 |V - V_inf| / 120},
         * with {@code |V - V_inf| = |k1| / b}) and for the drift of that equilibrium as the
         * conductances decay ({@code dk1/dt} at fixed V). The vectorised kernel evaluates exactly these
         * operations.
         */
        boolean wholeStepAccurate(double v0, double ge0, double gi0, double c) {
            final double ac = Math.fma(c, invC, restC);
            final double a0 = Math.fma(gi0, aIn0, Math.fma(ge0, aEx0, ac));
            final double nb0 = Math.fma(gi0, nInvC, Math.fma(ge0, nInvC, nGLC));
            final double x = v0 < vTh ? v0 : vTh;
            final double k1 = Math.fma(nb0, x, a0);
            final double k1d = Math.fma(gi0 * dIn, x - eIn, ge0 * dEx * (x - eEx));
            final double z = nb0 * -h;
            return z * z * z * h120 * Math.fma(z, Math.abs(k1), h * Math.abs(k1d)) <= TOL;
        }

        /**
         * One non-stiff RK4 step of V over h: dV/dt = a(t) - b(t) min(V, V_th), with a and b exact at
         * t, t + h/2, t + h; a and b are linear in g_ex(t), g_in(t), whose decay factors are folded
         * into the coefficients (aEx0 = E_ex/C_m, aExH = e^(-h/2tau_ex) E_ex/C_m, ...). The vectorised
         * pass ({@link CondExpSimd}) performs exactly these operations in this order.
         */
        private double rk4(double v0, double ge0, double gi0, double c) {
            final double nInvC = this.nInvC, nGLC = this.nGLC;
            final double ac = Math.fma(c, invC, restC);
            final double a0 = Math.fma(gi0, aIn0, Math.fma(ge0, aEx0, ac));
            final double nb0 = Math.fma(gi0, nInvC, Math.fma(ge0, nInvC, nGLC));
            final double aH = Math.fma(gi0, aInH, Math.fma(ge0, aExH, ac));
            final double nbH = Math.fma(gi0, nbInH, Math.fma(ge0, nbExH, nGLC));
            final double aF = Math.fma(gi0, aInF, Math.fma(ge0, aExF, ac));
            final double nbF = Math.fma(gi0, nbInF, Math.fma(ge0, nbExF, nGLC));
            return stages(v0, h, vTh, a0, nb0, aH, nbH, aF, nbF);
        }

        /**
         * The four stages of one RK4 step of length {@code h} from {@code y}, given a and -b at its
         * start, middle and end: the operations {@link #rk4}, the substeps of {@link #stiffStep} and
         * the vectorised kernel share, in this order. Ternaries, not {@code Math.min}: the same values
         * here (no NaN), without its -0.0/NaN handling.
         */
        private static double stages(double y, double h, double vTh, double a0, double nb0, double aH, double nbH,
                double aF, double nbF) {
            final double h2 = 0.5 * h, h6 = h / 6.0;
            double x = y < vTh ? y : vTh;
            final double k1 = Math.fma(nb0, x, a0);
            x = Math.fma(k1, h2, y);
            final double k2 = Math.fma(nbH, x < vTh ? x : vTh, aH);
            x = Math.fma(k2, h2, y);
            final double k3 = Math.fma(nbH, x < vTh ? x : vTh, aH);
            x = Math.fma(k3, h, y);
            final double k4 = Math.fma(nbF, x < vTh ? x : vTh, aF);
            return Math.fma(Math.fma(k2 + k3, 2.0, k1) + k4, h6, y);
        }

        /**
         * Slow path for very large conductances: n equal RK4 substeps, each with
         * {@code h_s (g_L + g) / C_m <= Z_MAX}, conductances still exact at every stage; exponential
         * relaxation substeps past {@code MAX_SUBSTEPS}.
         */
        double stiffStep(double v0, double ge0, double gi0, double c) {
            final double z = zLeak + hOverC * (ge0 + gi0);
            final int n = (int) Math.min(Math.ceil(z / Z_MAX), MAX_SUBSTEPS);
            final boolean rk4 = z <= 2.0 * n; // RK4 is stable up to z = 2.78 per substep
            final double hs = h / n, hs2 = 0.5 * hs;
            final double exH = n < SUB_TABLE ? exHalfSub[n] : Math.exp(-hs2 / tauEx), exF = exH * exH;
            final double inH = n < SUB_TABLE ? inHalfSub[n] : Math.exp(-hs2 / tauIn), inF = inH * inH;
            final double ac = Math.fma(c, invC, restC);
            final double nInvC = this.nInvC, nGLC = this.nGLC, aEx0 = this.aEx0, aIn0 = this.aIn0;
            double y = v0, ge = ge0, gi = gi0;
            for (int k = 0; k < n; k++) {
                final double geH = ge * exH, giH = gi * inH, geF = ge * exF, giF = gi * inF;
                final double aH = Math.fma(giH, aIn0, Math.fma(geH, aEx0, ac));
                final double nbH = Math.fma(giH, nInvC, Math.fma(geH, nInvC, nGLC));
                if (rk4) {
                    final double a0 = Math.fma(gi, aIn0, Math.fma(ge, aEx0, ac));
                    final double nb0 = Math.fma(gi, nInvC, Math.fma(ge, nInvC, nGLC));
                    final double aF = Math.fma(giF, aIn0, Math.fma(geF, aEx0, ac));
                    final double nbF = Math.fma(giF, nInvC, Math.fma(geF, nInvC, nGLC));
                    y = stages(y, hs, vTh, a0, nb0, aH, nbH, aF, nbF);
                } else {
                    // absurd conductances: exact relaxation with coefficients frozen at the substep
                    // midpoint (second order, unconditionally stable)
                    final double bH = -nbH, vInf = aH / bH;
                    y = vInf + (y - vInf) * Math.exp(-bH * hs);
                }
                ge = geF;
                gi = giF;
            }
            return y;
        }
    }

    /** The vectorised forward-Euler step ({@link CondExpEulerSimd}), or null without the vector API. */
    interface EulerPass {
        /** The kernel's step for [from, to), bit-identical to {@link EulerKernel#updateScalar}. */
        void update(EulerKernel k, double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out);
    }

    static final EulerPass EULER_SIMD = Simd.load(EulerPass.class, "CondExpEulerSimd");

    /** The step with {@code forward_euler = true}: one explicit Euler step of V, g_ex and g_in. */
    static final class EulerKernel extends Membrane {
        // the conductances' Euler factors 1 - h/tau_syn
        final double exEuler, inEuler;
        private final EulerPass simd;

        /** With {@code simd} null, the scalar loop; otherwise the vectorised pass. */
        EulerKernel(double[] p, double dt, EulerPass simd) {
            super(p, dt);
            exEuler = 1.0 - dt / p[TAU_EX];
            inEuler = 1.0 - dt / p[TAU_IN];
            this.simd = simd;
        }

        /** Scratch of the vectorised pass (V of a vector with a spike). */
        final LaneScratch lanes = new LaneScratch();

        /**
         * Whether anything writes to the current port; if not, the vectorised pass reads no current
         * (the RK4 pass still does: skipping it there made C2 compile that larger loop 20% slower).
         */
        boolean currentWritten = true;

        @Override
        public void inputsWritten(boolean[] written) {
            currentWritten = written[2];
        }

        @Override
        public void update(long step, double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out) {
            if (simd != null && Simd.engaged()) {
                simd.update(this, s, in, base, from, to, out);
            } else {
                updateScalar(s, in, base, from, to, out);
            }
        }

        /**
         * The scalar loop; the vectorised pass performs exactly these operations, lane by lane:
         * {@code y = fma(fma(-b, min(V, V_th), a), h, V)}, {@code g = fma(g, 1 - h/tau, input)}.
         */
        void updateScalar(double[][] s, double[][] in, int base, int from, int to, SpikeBuffer out) {
            final double[] v = s[V], gex = s[G_EX], gin = s[G_IN], r = s[R];
            final double[] spEx = in[0], spIn = in[1], cur = in[2];
            for (int i = from; i < to; i++) {
                final double ge0 = gex[i], gi0 = gin[i];
                if (r[i] == 0) {
                    final double v0 = v[i];
                    final double ac = Math.fma(cur[base + i], invC, restC);
                    final double a0 = Math.fma(gi0, aIn0, Math.fma(ge0, aEx0, ac));
                    final double nb0 = Math.fma(gi0, nInvC, Math.fma(ge0, nInvC, nGLC));
                    double y = Math.fma(Math.fma(nb0, v0 < vTh ? v0 : vTh, a0), h, v0);
                    if (y >= vTh) {
                        r[i] = refSteps;
                        y = vReset;
                        out.add(i);
                    }
                    v[i] = y;
                } else {
                    r[i] -= 1;
                    v[i] = vReset;
                }
                gex[i] = Math.fma(ge0, exEuler, spEx[base + i]);
                gin[i] = Math.fma(gi0, inEuler, spIn[base + i]);
            }
        }
    }
}
