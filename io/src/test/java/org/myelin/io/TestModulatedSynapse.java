package org.myelin.io;

import java.util.List;

import org.myelin.core.ModulatorSpikes;
import org.myelin.core.ParamSpec;
import org.myelin.core.PlasticKernel;
import org.myelin.core.PlasticSynapses;
import org.myelin.core.Plasticity;
import org.myelin.core.VolumeTransmitter;

/**
 * A test-only modulated plastic synapse offered through {@link PlasticSynapseType} (listed in
 * {@code META-INF/services} of the test classpath): at every presynaptic spike with stamp {@code s}
 * the weights of the source's row become the modulator trace at {@code s} (each modulator spike,
 * {@code delay} after it is emitted, adds {@code 1/tau}; the trace decays with {@code tau}), so a
 * test reads the volume transmitter's population and delay off the weights.
 */
public final class TestModulatedSynapse implements PlasticSynapseType {
    @Override
    public String name() {
        return "test_modulated_synapse";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.positive("tau", "ms", 10, "modulator trace time constant"));
    }

    @Override
    public boolean usesVolumeTransmitter() {
        return true;
    }

    @Override
    public Plasticity create(double[] p) {
        throw new UnsupportedOperationException("test_modulated_synapse needs a volume transmitter");
    }

    @Override
    public Plasticity create(double[] p, VolumeTransmitter vt) {
        return new Rule(p[0], vt);
    }

    static final class Rule extends Plasticity {
        final double tau;
        final VolumeTransmitter vt;

        Rule(double tau, VolumeTransmitter vt) {
            this.tau = tau;
            this.vt = vt;
        }

        @Override
        public String name() {
            return "test_modulated_synapse";
        }

        @Override
        public VolumeTransmitter volumeTransmitter() {
            return vt;
        }

        @Override
        public double modulatorTau() {
            return tau;
        }

        @Override
        public PlasticKernel compile(double dt) {
            return (PlasticSynapses syn, int src, int stamp, int a, int b) -> {
                ModulatorSpikes m = syn.modulator();
                double n = m.trace(syn.modulatorTrace(), stamp);
                for (int k = a; k < b; k++) syn.weight[k] = n;
            };
        }
    }
}
