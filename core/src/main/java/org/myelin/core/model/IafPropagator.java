package org.myelin.core.model;

/**
 * Exact-integration propagators from a synaptic current to the membrane potential of a leaky
 * integrate-and-fire neuron, for exponential and alpha-shaped currents, accurate for every pair of
 * time constants including {@code tau_m == tau_syn} (the role of NEST's {@code IAFPropagator}).
 *
 * <p>The subthreshold system is
 * <pre>
 *   dV/dt  = -V/tau_m + I/C_m                      (V relative to E_L)
 *   dI/dt  = -I/tau_syn + dI                       (dI only for alpha currents)
 *   d(dI)/dt = -dI/tau_syn
 * </pre>
 * Over an interval {@code h}, with {@code a = 1/tau_syn - 1/tau_m} and {@code x = a h}, the
 * contributions of the initial synaptic state to {@code V(h)} are
 * <pre>
 *   V(h) per unit I(0)  = (e^{-h/tau_m} - e^{-h/tau_syn}) / (a C_m)
 *                       = h/C_m * e^{-h/tau_syn} * phi1(x),         phi1(x) = (e^x - 1)/x
 *   V(h) per unit dI(0) = (e^{-h/tau_m} - e^{-h/tau_syn} (1 + x)) / (a^2 C_m)
 *                       = h^2/C_m * e^{-h/tau_syn} * phi2(x),       phi2(x) = (e^x - 1 - x)/x^2
 * </pre>
 * The first forms divide by {@code a}, which vanishes at {@code tau_m == tau_syn}, and lose all
 * digits to cancellation near it. The second forms are used for {@code |x| <= 1}: {@code phi1} from
 * {@code expm1(x)/x} and {@code phi2} from its Taylor series, both accurate to a few ulps for any
 * small {@code x}, with the limits {@code phi1(0) = 1}, {@code phi2(0) = 1/2} (giving
 * {@code h/C_m e^{-h/tau}} and {@code h^2/(2 C_m) e^{-h/tau}}). For {@code |x| > 1} the first forms
 * are well conditioned, and they stay finite where the second would overflow
 * ({@code e^{-h/tau_syn}} underflowing against {@code e^x} overflowing).
 *
 * <p>NEST switches to the singular formulas when the regular ones fail a test (for alpha currents,
 * when {@code |x|} is below about {@code 1e-7}); this class needs no switch and is exact, to
 * rounding, on both sides of the singularity, so it may differ from NEST by {@code O(x)} relative
 * inside that band.
 *
 * <p>References: Rotter and Diesmann (1999) Biol Cybern 81:381; NEST {@code libnestutil/iaf_propagator.h}
 * and the notebook {@code IAF_neurons_singularity.ipynb}.
 */
public final class IafPropagator {
    /** Beyond this {@code |x|} the difference-of-exponentials forms are well conditioned. */
    private static final double SERIES_LIMIT = 1.0;

    private final double tauSyn;
    private final double tauM;
    private final double cM;
    /** {@code 1/tau_syn - 1/tau_m}, computed from the exact difference of the time constants. */
    private final double a;

    /**
     * @param tauSyn synaptic time constant (ms), positive
     * @param tauM   membrane time constant (ms), positive
     * @param cM     membrane capacitance (pF), positive
     */
    public IafPropagator(double tauSyn, double tauM, double cM) {
        if (!(tauSyn > 0) || !(tauM > 0) || !(cM > 0) || Double.isInfinite(tauSyn) || Double.isInfinite(tauM)
                || Double.isInfinite(cM)) {
            throw new IllegalArgumentException("need finite positive tau_syn, tau_m, C_m; got " + tauSyn + ", "
                    + tauM + ", " + cM);
        }
        this.tauSyn = tauSyn;
        this.tauM = tauM;
        this.cM = cM;
        this.a = (tauM - tauSyn) / (tauSyn * tauM);
    }

    /**
     * Membrane response (mV) after {@code h} ms to a synaptic current of 1 pA at time 0 decaying with
     * {@code tau_syn}: NEST's {@code P21} of {@code iaf_psc_exp}, {@code P32} of {@code iaf_psc_alpha}.
     */
    public double vFromCurrent(double h) {
        double x = h * a;
        double es = Math.exp(-h / tauSyn);
        if (Math.abs(x) <= SERIES_LIMIT) {
            return h / cM * es * phi1(x);
        }
        return (Math.exp(-h / tauM) - es) / (a * cM);
    }

    /**
     * Membrane response (mV) after {@code h} ms to a current derivative of 1 pA/ms at time 0 with
     * zero current (the alpha current {@code t e^{-t/tau_syn}}): NEST's {@code P31} of
     * {@code iaf_psc_alpha}.
     */
    public double vFromDerivative(double h) {
        double x = h * a;
        double es = Math.exp(-h / tauSyn);
        if (Math.abs(x) <= SERIES_LIMIT) {
            return h * h / cM * es * phi2(x);
        }
        return (Math.exp(-h / tauM) - es * (1 + x)) / (a * a * cM);
    }

    /**
     * The number of whole steps of an absolute refractory period {@code tRef} (ms) on a grid of
     * {@code dt} (ms), shared by the iaf models: rounded up, as NEST's {@code Time::get_steps} does
     * (2 ms at 0.1 ms gives 20 steps, 0.21 ms gives 3); the tolerance absorbs the rounding of
     * {@code tRef/dt} when {@code tRef} is a multiple of {@code dt}.
     */
    static int refractorySteps(double tRef, double dt) {
        return (int) Math.ceil(tRef / dt - 1e-9);
    }

    /** {@code (e^x - 1)/x}, with its limit 1 at 0. */
    static double phi1(double x) {
        return x == 0 ? 1 : Math.expm1(x) / x;
    }

    /**
     * {@code (e^x - 1 - x)/x^2} for {@code |x| <= 1} by its Taylor series
     * {@code sum_k x^k/(k+2)!}; 20 terms reach full double precision at {@code |x| = 1}.
     */
    static double phi2(double x) {
        assert Math.abs(x) <= SERIES_LIMIT;
        double term = 0.5;
        double sum = term;
        for (int k = 1; k <= 20 && term != 0; k++) {
            term *= x / (k + 2);
            sum += term;
        }
        return sum;
    }
}
