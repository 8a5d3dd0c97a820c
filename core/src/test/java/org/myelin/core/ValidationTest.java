package org.myelin.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input is rejected at build time with a message that names the element, the key, the value and
 * what is valid; a rejected build leaves nothing half-built.
 */
class ValidationTest {
    private static ModelException reject(Executable e, String... fragments) {
        ModelException ex = assertThrows(ModelException.class, e);
        for (String f : fragments) {
            assertTrue(ex.getMessage().contains(f), "message '" + ex.getMessage() + "' lacks '" + f + "'");
        }
        return ex;
    }

    private static Network net() {
        return new Network(new Network.Context().threads(2));
    }

    @Test
    void nonPositiveTimeConstantsAndCapacitance() {
        Network n = net();
        Population p = n.population("E", "iaf_psc_delta", 10);
        ModelException e = reject(() -> p.param("tau_m", 0), "population 'E'", "tau_m", "0.0", "(0, inf) ms");
        assertEquals("tau_m", e.key());
        reject(() -> p.param("C_m", -1), "C_m", "-1.0", "(0, inf) pF");
        reject(() -> p.param("t_ref", -0.5), "t_ref", "[0, inf) ms");
        reject(() -> p.param("tau_m", Double.NaN), "tau_m", "NaN");
    }

    @Test
    void unknownParameterListsTheKnownOnes() {
        Population p = net().population("E", "iaf_psc_delta", 10);
        reject(() -> p.param("tau_mem", 10), "tau_mem", "unknown parameter", "tau_m", "V_th");
        reject(() -> p.initial("V", 0), "unknown state variable", "V_m");
    }

    @Test
    void unknownModelSuggestsTheClosest() {
        reject(() -> net().population("E", "iaf_psc_detla", 10), "unknown neuron model", "iaf_psc_detla",
                "did you mean 'iaf_psc_delta'");
    }

    @Test
    void sizeZeroAndDuplicateNames() {
        Network n = net();
        reject(() -> n.population("E", "iaf_psc_delta", 0), "population 'E'", "size", "valid: >= 1");
        n.population("E", "iaf_psc_delta", 1);
        reject(() -> n.population("E", "iaf_psc_delta", 1), "duplicate");
    }

    @Test
    void delaysShorterThanDtOrBeyondTheRing() {
        Network n = net();
        Population p = n.population("E", "iaf_psc_delta", 10);
        reject(() -> n.connect(p, p, Connect.allToAll(), Synapse.statics(1, 0.05)), "projection", "delay", "0.05",
                ">= 0.1 ms");
        reject(() -> n.connect(p, p, Connect.allToAll(), Synapse.statics(1, 1e5)), "delay", "maximum of 65535 steps");
        reject(() -> n.connect(p, p, Connect.allToAll(), Synapse.statics(Dist.constant(1), Dist.normal(1, 1))),
                "delay", "shorter than dt", "clip");
        reject(() -> n.stimulate(Generator.poisson(10), p, 1, 0), "stimulus", "delay");
        // a clipped distribution is fine
        n.connect(p, p, Connect.allToAll(), Synapse.statics(Dist.constant(1), Dist.normal(1, 1).clip(0.1, 5)));
    }

    @Test
    void probabilityOutsideUnitIntervalAndImpossibleDegrees() {
        Network n = net();
        Population a = n.population("A", "iaf_psc_delta", 10);
        Population b = n.population("B", "iaf_psc_delta", 20);
        reject(() -> n.connect(a, b, Connect.pairwiseBernoulli(1.5), Synapse.statics(1, 1)), "'p'", "1.5", "[0, 1]");
        reject(() -> n.connect(a, b, Connect.pairwiseBernoulli(-0.1), Synapse.statics(1, 1)), "'p'", "[0, 1]");
        reject(() -> n.connect(a, a, Connect.fixedIndegree(10).multapses(false).autapses(false), Synapse.statics(1, 1)),
                "indegree", "0..9");
        reject(() -> n.connect(a, b, Connect.oneToOne(), Synapse.statics(1, 1)), "one_to_one", "10", "20");
        reject(() -> n.connect(a, b, Connect.explicit(new int[] {0, 10}, new int[] {0, 0}), Synapse.statics(1, 1)),
                "sources", "10", "0..9");
    }

    @Test
    void negativeRatesAndBadGenerators() {
        Network n = net();
        Population p = n.population("E", "iaf_psc_delta", 10);
        reject(() -> n.stimulate(Generator.poisson(-1), p, 1, 1), "poisson_generator", "rate", "-1.0", "[0, inf) Hz");
        reject(() -> n.stimulate(Generator.noise(0, 1, 0.15), p, 1, 1), "noise_generator", "dt", "multiple");
        reject(() -> n.stimulate(Generator.stepCurrent(new double[] {2, 1}, new double[] {1, 2}), p, 1, 1),
                "amplitude_times", "increasing");
        reject(() -> n.stimulate(Generator.dc(1).start(5).stop(2), p, 1, 1), "stop");
    }

    @Test
    void unknownReceptorAndBadRecorders() {
        Network n = net();
        Population p = n.population("E", "iaf_psc_delta", 10);
        reject(() -> n.connect(p, p, Connect.allToAll(), Synapse.statics(1, 1).receptor("gaba")), "receptor", "gaba");
        reject(() -> n.recordState(p, new String[] {"V_m"}, new int[] {10}, 0.1), "neurons", "10", "0..9");
        reject(() -> n.recordState(p, new String[] {"g_ex"}, new int[] {0}, 0.1), "g_ex", "unknown state variable");
        reject(() -> n.recordState(p, new String[] {"V_m"}, new int[] {0}, 0.15), "interval", "multiple");
    }

    @Test
    void badContextAndDuration() {
        reject(() -> new Network(new Network.Context().dt(0)), "dt");
        reject(() -> new Network(new Network.Context().threads(0)), "threads");
        Network n = net();
        n.population("E", "iaf_psc_delta", 1);
        reject(() -> n.simulate(0.05), "duration", "multiple");
    }

    @Test
    void stepCountersMustBeWholeNumbersFromZero() {
        Network n = net();
        Population p = n.population("E", "iaf_cond_exp", 10).initial("refractory_steps", -1);
        reject(n::build, "population 'E'", "refractory_steps", "neuron 0", "-1.0", "whole number of steps from 0");
        assertFalse(n.isBuilt());
        p.initial("refractory_steps", 2.5);
        reject(n::build, "refractory_steps", "2.5");
        reject(() -> p.initial("refractory_steps", Double.POSITIVE_INFINITY), "refractory_steps", "finite");
        p.initial("refractory_steps", Dist.uniform(0, 3));
        reject(n::build, "refractory_steps", "whole number");
        p.initial("refractory_steps", 3);
        n.build();
        reject(() -> p.set("refractory_steps", 4, 0.5), "neuron 4", "0.5");
        reject(() -> p.set("refractory_steps", 4, Double.NaN), "neuron 4", "NaN");
        assertEquals(3.0, p.get("refractory_steps")[4]);
        p.set("refractory_steps", 4, 7);
        assertEquals(7.0, p.get("refractory_steps")[4]);
    }

    @Test
    void rejectedBuildLeavesNothingBehindAndCanBeCorrected() {
        Network n = net();
        Population p = n.population("E", "iaf_psc_delta", 100).param("V_th", -80);
        n.connect(p, p, Connect.fixedIndegree(10), Synapse.statics(1, 1));
        reject(n::build, "population 'E'", "V_reset", "below V_th");
        assertFalse(n.isBuilt());
        assertThrows(IllegalStateException.class, () -> p.get("V_m"));
        assertEquals(0, n.totalSynapses());
        p.param("V_th", -55);
        n.build();
        assertTrue(n.isBuilt());
        assertEquals(1000, n.totalSynapses());
    }

    @Test
    void builtNetworkCannotBeChanged() {
        Network n = net();
        Population p = n.population("E", "iaf_psc_delta", 10);
        n.build();
        assertThrows(IllegalStateException.class, () -> n.population("F", "iaf_psc_delta", 1));
        assertThrows(IllegalStateException.class, () -> p.param("tau_m", 5));
    }
}
