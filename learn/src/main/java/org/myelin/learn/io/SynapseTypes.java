package org.myelin.learn.io;

import java.util.List;

import org.myelin.core.ParamSpec;
import org.myelin.core.Plasticity;
import org.myelin.core.VolumeTransmitter;
import org.myelin.io.PlasticSynapseType;
import org.myelin.learn.DopamineStdp;
import org.myelin.learn.Stdp;
import org.myelin.learn.SynapticScaling;
import org.myelin.learn.TargetTraceStdp;
import org.myelin.learn.TripletStdp;
import org.myelin.learn.VogelsSprekeler;
import org.myelin.learn.astro.AstroStdp;
import org.myelin.learn.astro.Astrocyte;

/**
 * The model-file names of learn's rules ({@code synapse: {model: NAME, params: {...}}}), offered to
 * io's catalog through {@link java.util.ServiceLoader} ({@code META-INF/services/org.myelin.io.PlasticSynapseType}).
 * Each nested class is one name; its parameters are the rule's, with NEST's names and defaults, and
 * {@link #create} builds exactly the rule the Java API builds from the same values (the factory, then
 * the same setters).
 *
 * <h2>Units</h2>
 * Time constants are given with a time unit ({@code 20 ms}). {@code Wmax} (and {@code Wmin}) are
 * plain numbers in the unit of the weight onto the target port (mV for {@code iaf_psc_delta}, pA
 * for current-based, nS for conductance-based targets), as the rules store weights in that unit.
 * {@code target_rate} of {@code synaptic_scaling_synapse} is given in Hz. {@code A_plus}, {@code A_minus}
 * and {@code b} of {@code stdp_dopamine_synapse} are plain numbers, as in NEST.
 *
 * <h2>Names</h2>
 * <table>
 * <caption>Plastic synapse models in files</caption>
 * <tr><th>name</th><th>rule</th></tr>
 * <tr><td>stdp_synapse</td><td>{@link Stdp}, all-to-all</td></tr>
 * <tr><td>stdp_nn_symm_synapse</td><td>{@link Stdp}, {@link Stdp.Pairing#NEAREST_SYMMETRIC}</td></tr>
 * <tr><td>stdp_nn_restr_synapse</td><td>{@link Stdp}, {@link Stdp.Pairing#NEAREST_RESTRICTED}</td></tr>
 * <tr><td>stdp_nn_pre_centered_synapse</td><td>{@link Stdp}, {@link Stdp.Pairing#NEAREST_PRE_CENTERED}</td></tr>
 * <tr><td>stdp_symmetric_synapse</td><td>{@link Stdp#symmetric(boolean)}, all-to-all</td></tr>
 * <tr><td>stdp_triplet_synapse</td><td>{@link TripletStdp}, all-to-all</td></tr>
 * <tr><td>stdp_triplet_nn_synapse</td><td>{@link TripletStdp#nearestSpike(boolean)}</td></tr>
 * <tr><td>stdp_target_trace_synapse</td><td>{@link TargetTraceStdp} (Diehl and Cook 2015's pre-and-post rule)</td></tr>
 * <tr><td>vogels_sprekeler_synapse</td><td>{@link VogelsSprekeler}</td></tr>
 * <tr><td>synaptic_scaling_synapse</td><td>{@link SynapticScaling}</td></tr>
 * <tr><td>stdp_dopamine_synapse</td><td>{@link DopamineStdp}, with the file's {@code volume_transmitter}</td></tr>
 * <tr><td>astro_stdp_synapse</td><td>{@link AstroStdp} gated by an {@link Astrocyte} over the file's
 * {@code volume_transmitter} (its sources: the liquid with weight 1, the input with -1)</td></tr>
 * </table>
 */
public final class SynapseTypes {
    private SynapseTypes() {
    }

    /** All names offered, in registration order. */
    public static List<PlasticSynapseType> all() {
        return List.of(new StdpAllToAll(), new StdpNearestSymmetric(), new StdpNearestRestricted(),
                new StdpNearestPreCentered(), new StdpSymmetric(), new Triplet(), new TripletNearest(),
                new TargetTrace(), new VogelsSprekelerType(), new SynapticScalingType(), new DopamineStdpType(), new AstroStdpType());
    }

    /** The parameters shared by the pair-based STDP names, with {@link Stdp#synapse()}'s defaults. */
    static List<ParamSpec> stdpParameters() {
        Stdp d = Stdp.synapse();
        return List.of(
                ParamSpec.positive("tau_plus", "ms", d.tauPlus(), "presynaptic trace time constant"),
                ParamSpec.positive("tau_minus", "ms", d.tauMinus(), "postsynaptic trace time constant"),
                ParamSpec.nonNegative("lambda", "", d.lambda(), "learning rate (relative to Wmax)"),
                ParamSpec.nonNegative("alpha", "", d.alpha(), "depression relative to facilitation"),
                ParamSpec.nonNegative("mu_plus", "", d.muPlus(), "facilitation weight-dependence exponent (0 additive, 1 multiplicative)"),
                ParamSpec.nonNegative("mu_minus", "", d.muMinus(), "depression weight-dependence exponent (0 additive, 1 multiplicative)"),
                ParamSpec.real("Wmax", "", d.wmax(), "weight bound, in the target port's weight unit; its sign is the weights'"));
    }

    static Stdp stdp(double[] p) {
        return Stdp.synapse().tauPlus(p[0]).tauMinus(p[1]).lambda(p[2]).alpha(p[3]).powerLaw(p[4], p[5]).wmax(p[6]);
    }

    /** {@code stdp_synapse}: {@link Stdp} with all-to-all pairing (NEST's). */
    public static final class StdpAllToAll implements PlasticSynapseType {
        @Override
        public String name() {
            return "stdp_synapse";
        }

        @Override
        public List<ParamSpec> parameters() {
            return stdpParameters();
        }

        @Override
        public Plasticity create(double[] p) {
            return stdp(p);
        }
    }

    /** {@code stdp_nn_symm_synapse}: {@link Stdp.Pairing#NEAREST_SYMMETRIC}. */
    public static final class StdpNearestSymmetric implements PlasticSynapseType {
        @Override
        public String name() {
            return "stdp_nn_symm_synapse";
        }

        @Override
        public List<ParamSpec> parameters() {
            return stdpParameters();
        }

        @Override
        public Plasticity create(double[] p) {
            return stdp(p).pairing(Stdp.Pairing.NEAREST_SYMMETRIC);
        }
    }

    /** {@code stdp_nn_restr_synapse}: {@link Stdp.Pairing#NEAREST_RESTRICTED}. */
    public static final class StdpNearestRestricted implements PlasticSynapseType {
        @Override
        public String name() {
            return "stdp_nn_restr_synapse";
        }

        @Override
        public List<ParamSpec> parameters() {
            return stdpParameters();
        }

        @Override
        public Plasticity create(double[] p) {
            return stdp(p).pairing(Stdp.Pairing.NEAREST_RESTRICTED);
        }
    }

    /** {@code stdp_nn_pre_centered_synapse}: {@link Stdp.Pairing#NEAREST_PRE_CENTERED}. */
    public static final class StdpNearestPreCentered implements PlasticSynapseType {
        @Override
        public String name() {
            return "stdp_nn_pre_centered_synapse";
        }

        @Override
        public List<ParamSpec> parameters() {
            return stdpParameters();
        }

        @Override
        public Plasticity create(double[] p) {
            return stdp(p).pairing(Stdp.Pairing.NEAREST_PRE_CENTERED);
        }
    }

    /** {@code stdp_symmetric_synapse}: {@link Stdp#symmetric(boolean)} (Myelin's name). */
    public static final class StdpSymmetric implements PlasticSynapseType {
        @Override
        public String name() {
            return "stdp_symmetric_synapse";
        }

        @Override
        public List<ParamSpec> parameters() {
            return stdpParameters();
        }

        @Override
        public Plasticity create(double[] p) {
            return stdp(p).symmetric(true);
        }
    }

    static List<ParamSpec> tripletParameters(TripletStdp d) {
        return List.of(
                ParamSpec.positive("tau_plus", "ms", d.tauPlus(), "fast presynaptic trace r1"),
                ParamSpec.positive("tau_plus_triplet", "ms", d.tauX(), "slow presynaptic trace r2 (tau_x)"),
                ParamSpec.positive("tau_minus", "ms", d.tauMinus(), "fast postsynaptic trace o1"),
                ParamSpec.positive("tau_minus_triplet", "ms", d.tauY(), "slow postsynaptic trace o2 (tau_y)"),
                ParamSpec.nonNegative("Aplus", "", d.a2Plus(), "pair facilitation A2+"),
                ParamSpec.nonNegative("Aplus_triplet", "", d.a3Plus(), "triplet facilitation A3+"),
                ParamSpec.nonNegative("Aminus", "", d.a2Minus(), "pair depression A2-"),
                ParamSpec.nonNegative("Aminus_triplet", "", d.a3Minus(), "triplet depression A3-"),
                ParamSpec.real("Wmax", "", d.wmax(), "weight bound, in the target port's weight unit; its sign is the weights'"));
    }

    static TripletStdp triplet(TripletStdp base, double[] p) {
        return base.taus(p[0], p[1], p[2], p[3]).amplitudes(p[4], p[5], p[6], p[7]).wmax(p[8]);
    }

    /** {@code stdp_target_trace_synapse}: {@link TargetTraceStdp}, the authors' code's values as defaults. */
    public static final class TargetTrace implements PlasticSynapseType {
        @Override
        public String name() {
            return "stdp_target_trace_synapse";
        }

        @Override
        public List<ParamSpec> parameters() {
            TargetTraceStdp d = TargetTraceStdp.synapse();
            return List.of(
                    ParamSpec.positive("tau_pre", "ms", d.tauPre(), "presynaptic trace x_pre"),
                    ParamSpec.positive("tau_post", "ms", d.tauPost(), "postsynaptic trace x_post"),
                    ParamSpec.nonNegative("eta_pre", "", d.etaPre(), "depression at a presynaptic spike, times x_post w^mu_pre"),
                    ParamSpec.nonNegative("eta_post", "", d.etaPost(), "change at a postsynaptic spike, times (x_pre - x_tar) (Wmax - w)^mu_post"),
                    ParamSpec.nonNegative("x_tar", "", d.xTar(), "target presynaptic trace at a postsynaptic spike"),
                    ParamSpec.nonNegative("mu_pre", "", d.muPre(), "depression's weight-dependence exponent"),
                    ParamSpec.nonNegative("mu_post", "", d.muPost(), "postsynaptic change's weight-dependence exponent"),
                    ParamSpec.real("Wmax", "", d.wmax(), "weight bound, in the target port's weight unit; its sign is the weights'"),
                    ParamSpec.bool("nearest_spike", d.isNearestSpike(), "traces set to 1 at a spike (true) or incremented by 1 (false)"));
        }

        @Override
        public Plasticity create(double[] p) {
            return TargetTraceStdp.synapse().taus(p[0], p[1]).rates(p[2], p[3]).target(p[4]).exponents(p[5], p[6]).wmax(p[7])
                    .nearestSpike(p[8] != 0);
        }
    }

    /** {@code stdp_triplet_synapse}: {@link TripletStdp}, all-to-all, NEST's defaults. */
    public static final class Triplet implements PlasticSynapseType {
        @Override
        public String name() {
            return "stdp_triplet_synapse";
        }

        @Override
        public List<ParamSpec> parameters() {
            return tripletParameters(TripletStdp.synapse());
        }

        @Override
        public Plasticity create(double[] p) {
            return triplet(TripletStdp.synapse(), p);
        }
    }

    /**
     * {@code stdp_triplet_nn_synapse} (Myelin's name): {@link TripletStdp} with nearest-spike
     * interactions; defaults: Pfister and Gerstner's visual-cortex nearest-spike set.
     */
    public static final class TripletNearest implements PlasticSynapseType {
        @Override
        public String name() {
            return "stdp_triplet_nn_synapse";
        }

        @Override
        public List<ParamSpec> parameters() {
            return tripletParameters(TripletStdp.visualCortexNearest());
        }

        @Override
        public Plasticity create(double[] p) {
            return triplet(TripletStdp.visualCortexNearest(), p).nearestSpike(true);
        }
    }

    /** {@code vogels_sprekeler_synapse}: {@link VogelsSprekeler}, NEST's defaults. */
    public static final class VogelsSprekelerType implements PlasticSynapseType {
        @Override
        public String name() {
            return "vogels_sprekeler_synapse";
        }

        @Override
        public List<ParamSpec> parameters() {
            VogelsSprekeler d = VogelsSprekeler.synapse();
            return List.of(
                    ParamSpec.positive("tau", "ms", d.tau(), "pre- and postsynaptic trace time constant"),
                    ParamSpec.nonNegative("eta", "", d.eta(), "learning rate"),
                    ParamSpec.nonNegative("alpha", "", d.alpha(), "constant depression (2 rho_0 tau)"),
                    ParamSpec.real("Wmax", "", d.wmax(), "weight bound, in the target port's weight unit; its sign is the weights'"));
        }

        @Override
        public Plasticity create(double[] p) {
            return VogelsSprekeler.synapse().tau(p[0]).eta(p[1]).alpha(p[2]).wmax(p[3]);
        }
    }

    /** {@code synaptic_scaling_synapse}: {@link SynapticScaling}. */
    public static final class SynapticScalingType implements PlasticSynapseType {
        @Override
        public String name() {
            return "synaptic_scaling_synapse";
        }

        @Override
        public List<ParamSpec> parameters() {
            SynapticScaling d = SynapticScaling.synapse();
            return List.of(
                    ParamSpec.nonNegative("target_rate", "Hz", d.targetRate(), "postsynaptic target rate"),
                    ParamSpec.nonNegative("eta", "", d.eta(), "relative weight change per spike of rate error"),
                    ParamSpec.positive("tau", "ms", d.tau(), "postsynaptic rate trace time constant"));
        }

        @Override
        public Plasticity create(double[] p) {
            return SynapticScaling.synapse().targetRate(p[0]).eta(p[1]).tau(p[2]);
        }
    }

    /**
     * A rule modulated through the file's {@code volume_transmitter}: io creates it only with
     * {@link #create(double[], VolumeTransmitter)}.
     */
    abstract static class Modulated implements PlasticSynapseType {
        @Override
        public boolean usesVolumeTransmitter() {
            return true;
        }

        /** Not available: the rule needs a volume transmitter ({@link #create(double[], VolumeTransmitter)}). */
        @Override
        public Plasticity create(double[] p) {
            throw new UnsupportedOperationException(name() + " needs a volume transmitter");
        }
    }

    /**
     * {@code stdp_dopamine_synapse}: {@link DopamineStdp} (Izhikevich 2007; NEST's names and defaults),
     * modulated by the spikes of the population the synapse block's {@code volume_transmitter} names.
     * The parameters map to the Java API as
     * {@code DopamineStdp.synapse(vt).amplitudes(A_plus, A_minus).tauPlus(tau_plus).tauMinus(tau_minus)
     * .tauC(tau_c).tauN(tau_n).baseline(b).bounds(Wmin, Wmax)}. {@code tau_minus} is a parameter of the
     * postsynaptic neuron in NEST (its {@code tau_minus}, default 20 ms) and of the rule here.
     */
    public static final class DopamineStdpType extends Modulated {
        @Override
        public String name() {
            return "stdp_dopamine_synapse";
        }

        /**
         * NEST's defaults, those of {@link DopamineStdp#synapse} (written out: the rule cannot be made
         * without a volume transmitter, and has no getters for its bounds; a test checks they agree).
         */
        @Override
        public List<ParamSpec> parameters() {
            return List.of(
                    ParamSpec.real("A_plus", "", 1.0, "eligibility increment per pre-post pairing (times K+)"),
                    ParamSpec.real("A_minus", "", 1.5, "eligibility decrement per post-pre pairing (times K-)"),
                    ParamSpec.positive("tau_plus", "ms", 20, "presynaptic trace K+ time constant"),
                    ParamSpec.positive("tau_minus", "ms", 20,
                            "postsynaptic trace K- time constant (a parameter of the postsynaptic neuron in NEST)"),
                    ParamSpec.positive("tau_c", "ms", 1000, "eligibility trace c time constant"),
                    ParamSpec.positive("tau_n", "ms", 200, "dopamine trace n time constant (n jumps by 1/tau_n per spike)"),
                    ParamSpec.real("b", "", 0, "dopamine baseline: dw/dt = c (n - b)"),
                    ParamSpec.real("Wmin", "", 0, "lower weight bound, in the target port's weight unit"),
                    ParamSpec.real("Wmax", "", 200, "upper weight bound, in the target port's weight unit "
                            + "(Wmin and Wmax must not span 0: a weight keeps its sign)"));
        }

        @Override
        public Plasticity create(double[] p, VolumeTransmitter vt) {
            return DopamineStdp.synapse(vt).amplitudes(p[0], p[1]).tauPlus(p[2]).tauMinus(p[3]).tauC(p[4]).tauN(p[5])
                    .baseline(p[6]).bounds(p[7], p[8]);
        }
    }
    /**
     * {@code astro_stdp_synapse} (Myelin's name; NEST has no such rule): NALSM's astrocyte-modulated
     * STDP ({@link AstroStdp}), gated by an astrocyte ({@link Astrocyte#of(VolumeTransmitter)}) that
     * integrates the spikes of the file's {@code volume_transmitter}: give the liquid populations
     * weight 1 and the input populations -1, e.g. {@code volume_transmitter: {sources: {E: 1, I: 1,
     * X: -1}}}. Projections with equal blocks share one transmitter, and with equal astrocyte
     * parameters they see one {@code A}. {@code A} starts at {@code b_astro}. Defaults are those of
     * {@link AstroStdp#synapse} and {@link Astrocyte#of(org.myelin.core.Population...)} (NALSM's, for traces that
     * jump by 1 per spike).
     */
    public static final class AstroStdpType extends Modulated {
        @Override
        public String name() {
            return "astro_stdp_synapse";
        }

        @Override
        public List<ParamSpec> parameters() {
            return List.of(
                    ParamSpec.positive("tau_plus", "ms", 10, "presynaptic trace K+ time constant"),
                    ParamSpec.positive("tau_minus", "ms", 10, "postsynaptic trace K- time constant"),
                    ParamSpec.nonNegative("eta", "", 0.015, "fixed rate of the term the astrocyte does not gate (per unit trace)"),
                    ParamSpec.real("Wmin", "", 0, "lower weight bound, in the target port's weight unit"),
                    ParamSpec.real("Wmax", "", 3, "upper weight bound (Wmin and Wmax must not span 0: a weight keeps its sign)"),
                    ParamSpec.positive("tau_astro", "ms", 100, "the astrocyte's time constant"),
                    ParamSpec.real("w_astro", "", 0.0015, "change of A per net spike per ms at steady state"),
                    ParamSpec.real("b_astro", "", 0.015, "the value A relaxes to without spikes (and starts at)"));
        }

        @Override
        public Plasticity create(double[] p, VolumeTransmitter vt) {
            Astrocyte astro = Astrocyte.of(vt).tau(p[5]).weight(p[6]).bias(p[7]);
            return AstroStdp.synapse(astro).tauPlus(p[0]).tauMinus(p[1]).eta(p[2]).bounds(p[3], p[4]);
        }
    }
}
