package org.myelin.core;

/**
 * A synapse specification: model, weight and delay (constant or drawn), receptor port.
 *
 * <p>Models:
 * <ul>
 * <li>{@code static_synapse}: fixed weight and delay.</li>
 * <li>{@code tsodyks_synapse}: short-term depression and facilitation (Tsodyks, Uziel, Markram 2000),
 * NEST's formulation: state x (available), y (active), u (utilisation); at each presynaptic spike,
 * with h the time since the previous one, {@code u *= exp(-h/tau_fac)} (0 if tau_fac = 0),
 * {@code x += Pxy*y + (1-exp(-h/tau_rec))*(1-x-y)}, {@code y *= exp(-h/tau_psc)},
 * then {@code u += U(1-u)}, the released fraction is {@code u*x}, {@code x -= u*x, y += u*x}, and the
 * spike is transmitted with weight {@code w*u*x}. Parameters U (0..1], tau_psc, tau_rec, tau_fac
 * (ms), initial x, y, u. The state depends only on the presynaptic train, so it is kept once per
 * source neuron and projection (identical to NEST's per-synapse state when all synapses of the
 * projection start from the same x, y, u).</li>
 * <li>plastic synapses ({@link #plastic}): weights change by a {@link Plasticity} rule (the STDP
 * family, dopamine-modulated STDP, inhibitory plasticity: module {@code learn}); weights are kept
 * per synapse in double precision and updated when presynaptic spikes are delivered, on the worker
 * that owns the target, so plastic networks keep the determinism contract.</li>
 * </ul>
 * Weights are in the target port's unit (mV for delta synapses, pA for current synapses, nS for
 * conductances); a negative weight routes to the inhibitory port of sign-routed models. Delays are in
 * ms, rounded to the nearest step, at least one step. Drawn weights are stored in single precision
 * (constant weights in double) to keep static synapses within 10 bytes.
 */
public final class Synapse {
    /** Synapse models. */
    public enum Model {
        STATIC("static_synapse"), TSODYKS("tsodyks_synapse"),
        /** A plastic synapse; its name is the rule's ({@link Plasticity#name()}). */
        PLASTIC("plastic");

        private final String nestName;

        Model(String n) {
            nestName = n;
        }

        public String nestName() {
            return nestName;
        }
    }

    final Model model;
    final Dist weight;
    final Dist delay;
    final String receptor;
    final double tsoU;
    final double tauPsc;
    final double tauRec;
    final double tauFac;
    final double x0;
    final double y0;
    final double u0;
    final Plasticity plasticity;

    private Synapse(Model model, Dist weight, Dist delay, String receptor, double u, double tauPsc, double tauRec,
                    double tauFac, double x0, double y0, double u0) {
        this(model, weight, delay, receptor, u, tauPsc, tauRec, tauFac, x0, y0, u0, null);
    }

    private Synapse(Model model, Dist weight, Dist delay, String receptor, double u, double tauPsc, double tauRec,
                    double tauFac, double x0, double y0, double u0, Plasticity plasticity) {
        this.model = model;
        this.weight = weight;
        this.delay = delay;
        this.receptor = receptor;
        this.tsoU = u;
        this.tauPsc = tauPsc;
        this.tauRec = tauRec;
        this.tauFac = tauFac;
        this.x0 = x0;
        this.y0 = y0;
        this.u0 = u0;
        this.plasticity = plasticity;
    }

    /** A static synapse with constant weight and delay (ms). */
    public static Synapse statics(double weight, double delay) {
        return statics(Dist.constant(weight), Dist.constant(delay));
    }

    /** A static synapse with drawn weight and delay. */
    public static Synapse statics(Dist weight, Dist delay) {
        return new Synapse(Model.STATIC, weight, delay, null, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * A Tsodyks synapse with NEST's defaults: U = 0.5, tau_psc = 3 ms, tau_rec = 800 ms,
     * tau_fac = 0 ms, x = 1, y = 0, u = 0.
     */
    public static Synapse tsodyks(Dist weight, Dist delay) {
        return new Synapse(Model.TSODYKS, weight, delay, null, 0.5, 3, 800, 0, 1, 0, 0);
    }

    /**
     * A plastic synapse following {@code rule} (e.g. {@code org.myelin.learn.Stdp}), with initial
     * weights and delays as given. Weights are kept per synapse in double precision, signed as given
     * (NEST's convention: a rule with a negative {@code Wmax} keeps weights negative, and such
     * synapses feed the inhibitory port of sign-routed targets). The whole delay counts as dendritic.
     */
    public static Synapse plastic(Dist weight, Dist delay, Plasticity rule) {
        if (rule == null) throw new IllegalArgumentException("plastic synapse without a rule");
        return new Synapse(Model.PLASTIC, weight, delay, null, 0, 0, 0, 0, 0, 0, 0, rule);
    }

    /** A plastic synapse with constant initial weight and delay (ms). */
    public static Synapse plastic(double weight, double delay, Plasticity rule) {
        return plastic(Dist.constant(weight), Dist.constant(delay), rule);
    }

    /** The plasticity rule, or null for static and short-term synapses. */
    public Plasticity plasticity() {
        return plasticity;
    }

    /** Tsodyks parameters U, tau_psc, tau_rec, tau_fac. */
    public Synapse tsodyksParams(double u, double tauPsc, double tauRec, double tauFac) {
        return new Synapse(model, weight, delay, receptor, u, tauPsc, tauRec, tauFac, x0, y0, u0);
    }

    /** Tsodyks initial state x, y, u. */
    public Synapse tsodyksState(double x, double y, double u) {
        return new Synapse(model, weight, delay, receptor, tsoU, tauPsc, tauRec, tauFac, x, y, u);
    }

    /** Sends every spike to the named receptor port instead of routing by sign. */
    public Synapse receptor(String port) {
        return new Synapse(model, weight, delay, port, tsoU, tauPsc, tauRec, tauFac, x0, y0, u0, plasticity);
    }

    public Model model() { return model; }
    public Dist weight() { return weight; }
    public Dist delay() { return delay; }

    void validate(String element, double dt) {
        weight.validate(element, "weight");
        delay.validate(element, "delay");
        if (delay.lowerBound() < dt * (1 - 1e-9)) {
            throw new ModelException(element, "delay", "delay " + delay + " can be shorter than dt = " + dt
                    + " ms; valid: >= " + dt + " ms" + (delay.isConstant() ? "" : " (restrict it with clip)"));
        }
        if (delay.upperBound() / dt > Network.MAX_DELAY_STEPS + 0.5) {
            throw new ModelException(element, "delay", "delay " + delay + " can exceed the ring's maximum of "
                    + Network.MAX_DELAY_STEPS + " steps (" + Network.MAX_DELAY_STEPS * dt + " ms)"
                    + (delay.isConstant() ? "" : "; restrict it with clip"));
        }
        if (model == Model.PLASTIC) {
            plasticity.validate(element, dt);
            if (weight.isConstant()) {
                plasticity.checkWeight(element, weight.a());
                double sg = plasticity.weightSign();
                if (sg != 0 && weight.a() != 0 && Math.signum(weight.a()) != Math.signum(sg)) {
                    throw new ModelException(element, "weight", "value " + weight.a() + " has the wrong sign for "
                            + plasticity.name() + "; valid: " + (sg > 0 ? ">= 0" : "<= 0") + " (the sign of Wmax)");
                }
            }
        }
        if (model == Model.TSODYKS) {
            if (!(tsoU > 0 && tsoU <= 1)) throw new ModelException(element, "U", "value " + tsoU + " is invalid; valid: (0, 1]");
            if (!(tauPsc > 0)) throw new ModelException(element, "tau_psc", "value " + tauPsc + " ms is invalid; valid: (0, inf) ms");
            if (!(tauRec > 0)) throw new ModelException(element, "tau_rec", "value " + tauRec + " ms is invalid; valid: (0, inf) ms");
            if (!(tauFac >= 0)) throw new ModelException(element, "tau_fac", "value " + tauFac + " ms is invalid; valid: [0, inf) ms");
            if (tauPsc == tauRec) throw new ModelException(element, "tau_psc", "must differ from tau_rec (" + tauRec + " ms)");
            if (!(x0 >= 0 && y0 >= 0 && x0 + y0 <= 1)) throw new ModelException(element, "x", "initial x = " + x0 + ", y = " + y0 + " invalid; valid: x, y >= 0 and x + y <= 1");
            if (!(u0 >= 0 && u0 <= 1)) throw new ModelException(element, "u", "value " + u0 + " is invalid; valid: [0, 1]");
        }
    }

    @Override
    public String toString() {
        String n = model == Model.PLASTIC ? plasticity.name() : model.nestName();
        return n + "(weight " + weight + ", delay " + delay + ")";
    }
}
