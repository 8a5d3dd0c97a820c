package org.myelin.io;

import java.util.List;

import org.myelin.core.ModelException;
import org.myelin.core.ParamSpec;
import org.myelin.core.PlasticKernel;
import org.myelin.core.Plasticity;

/**
 * A test-only plastic synapse offered through {@link PlasticSynapseType} (listed in
 * {@code META-INF/services} of the test classpath): every presynaptic spike scales the weights of the
 * source's row by {@code factor}, never below {@code w_min} (mV). One per-synapse and one per-source
 * variable, so that memory estimates see both.
 */
public final class TestPlasticSynapse implements PlasticSynapseType {
    @Override
    public String name() {
        return "test_depressing_synapse";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.range("factor", "", 0.5, 0, 1, "weight factor per presynaptic spike"),
                ParamSpec.nonNegative("w_min", "mV", 0, "lower bound of the weight"),
                ParamSpec.bool("verbose", false, "unused switch"));
    }

    @Override
    public Plasticity create(double[] p) {
        if (p[0] == 0 && p[1] > 0) throw new ModelException(null, "factor", "must be > 0 when w_min > 0");
        return new Rule(p[0], p[1]);
    }

    static final class Rule extends Plasticity {
        final double factor;
        final double wMin;

        Rule(double factor, double wMin) {
            this.factor = factor;
            this.wMin = wMin;
        }

        @Override
        public String name() {
            return "test_depressing_synapse";
        }

        @Override
        public double weightSign() {
            return 1;
        }

        @Override
        public String[] synapseVariables() {
            return new String[] {"hits"};
        }

        @Override
        public String[] sourceVariables() {
            return new String[] {"spikes"};
        }

        @Override
        public PlasticKernel compile(double dt) {
            final double f = factor;
            final double lo = wMin;
            return (syn, src, stamp, a, b) -> {
                syn.source[0][src] += 1;
                for (int k = a; k < b; k++) {
                    syn.weight[k] = Math.max(lo, syn.weight[k] * f);
                    syn.state[0][k] += 1;
                }
            };
        }
    }
}
