package org.myelin.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.myelin.core.Connect;
import org.myelin.core.Generator;
import org.myelin.core.Models;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;
import org.myelin.core.Projection;
import org.myelin.core.Synapse;
import org.myelin.core.SynapseTable;

/**
 * Every neuron model, synapse model, connection rule and stimulus device of the core can be written in
 * a file, loaded and built. The lists come from the core's registry and enums, so a new core model
 * fails here until the file layer supports it.
 */
class ModelCoverageTest {
    private static final String HEAD = "dt: 0.1 ms\nduration: 5 ms\nthreads: 1\n";

    @Test
    void everyNeuronModelIsReachableWithEveryParameter() {
        for (String name : Models.neuronNames()) {
            NeuronModel m = Models.neuron(name);
            List<String> params = new ArrayList<>();
            for (ParamSpec p : m.parameters()) {
                params.add(p.name() + ": " + (p.kind() == ParamSpec.Kind.BOOL ? Boolean.toString(p.defaultValue() != 0)
                        : YamlWriter.scalar(Units.format(p.defaultValue(), p.unit()))));
            }
            StringBuilder y = new StringBuilder(HEAD).append("populations:\n")
                    .append("  S: {model: spike_generator, size: 1, params: {spike_times: [1 ms, 2 ms]}}\n")
                    .append("  P: {model: ").append(name).append(", size: 3, params: {").append(String.join(", ", params))
                    .append("}}\n");
            String unit = Catalog.weightUnit(m);
            if (unit != null) {
                y.append("projections:\n  - {from: S, to: P, connect: all_to_all, weight: ")
                        .append(unit.isEmpty() ? "1" : "1 " + unit).append("}\n");
            }
            if (m.hasInput() && !"parrot_neuron".equals(name)) {
                y.append("stimuli:\n  - {model: dc_generator, params: {amplitude: 1 pA}, to: P}\n");
            }
            y.append("record:\n  spikes: all\n");
            if (!m.stateVariables().isEmpty()) {
                y.append("  state: {population: P, variables: all, neurons: [0, 2], interval: 1 ms}\n");
            }
            ModelSpec spec = ModelFile.parse(y.toString(), name + ".yaml");
            BuiltModel b = spec.build();
            assertEquals(name, b.population("P").model().name());
            for (ParamSpec p : m.parameters()) assertEquals(p.defaultValue(), b.population("P").param(p.name()), name + "." + p.name());
            b.simulate();
            if ("parrot_neuron".equals(name)) {
                // each parrot repeats the generator's two spikes
                assertEquals(6, b.spikeRecorders().get("P").count());
            }
            if (!m.stateVariables().isEmpty()) assertEquals(5, b.stateRecorders().get(0).samples());
            // the resolved text loads back to the same model
            assertEquals(spec.hash(), ModelFile.parse(spec.toResolvedYaml(), "r.yaml").hash(), name);
        }
        assertTrue(Catalog.neuronModels().containsAll(Models.neuronNames()));
    }

    private static String rule(Connect.Rule r) {
        switch (r) {
            case ALL_TO_ALL: return "all_to_all";
            case ONE_TO_ONE: return "{rule: one_to_one}";
            case PAIRWISE_BERNOULLI: return "{pairwise_bernoulli: 0.5, allow_autapses: false}";
            case FIXED_INDEGREE: return "{fixed_indegree: 3, allow_multapses: false}";
            case FIXED_OUTDEGREE: return "{rule: fixed_outdegree, outdegree: 2}";
            case FIXED_TOTAL_NUMBER: return "{fixed_total_number: 7}";
            case EXPLICIT: return "{rule: explicit, sources: [0, 1, 3], targets: [2, 2, 0], weights: [1 pA, 2 pA, -3 pA], "
                    + "delays: [1 ms, 2 ms, 0.5 ms]}";
            default:
                fail("no file example for connection rule " + r.nestName() + ": teach the model-file layer about it");
                return null;
        }
    }

    private static long expectedCount(Connect.Rule r) {
        switch (r) {
            case ALL_TO_ALL: return 16;
            case ONE_TO_ONE: return 4;
            case FIXED_INDEGREE: return 12;
            case FIXED_OUTDEGREE: return 8;
            case FIXED_TOTAL_NUMBER: return 7;
            case EXPLICIT: return 3;
            default: return -1; // random
        }
    }

    @Test
    void everyConnectionRuleIsReachable() {
        for (Connect.Rule r : Connect.Rule.values()) {
            String y = HEAD + "populations:\n  A: {model: iaf_psc_exp, size: 4}\n"
                    + "projections:\n  - {from: A, to: A, connect: " + rule(r) + ", weight: 1 pA}\n";
            BuiltModel b = ModelFile.parse(y, r.nestName() + ".yaml").build();
            Projection p = b.network().projections().get(0);
            assertEquals(r, p.connect().rule());
            if (expectedCount(r) >= 0) assertEquals(expectedCount(r), p.synapseCount(), r.nestName());
            if (r == Connect.Rule.EXPLICIT) {
                SynapseTable t = p.synapses();
                assertEquals(-3.0, t.weight[2], 1e-6); // rows by source: 0, 1, 3
                assertEquals(5, t.delaySteps[2]);
            }
            if (r == Connect.Rule.PAIRWISE_BERNOULLI) {
                SynapseTable t = p.synapses();
                for (int k = 0; k < t.size(); k++) assertTrue(t.source[k] != t.target[k], "autapse despite allow_autapses: false");
            }
        }
        assertEquals(Connect.Rule.values().length, Catalog.connectionRules().size());
    }

    @Test
    void everySynapseModelIsReachable() {
        for (Synapse.Model s : Synapse.Model.values()) {
            String syn;
            switch (s) {
                case STATIC: syn = "static_synapse"; break;
                case TSODYKS: syn = "{model: tsodyks_synapse, params: {U: 0.2, tau_psc: 2 ms, tau_rec: 500 ms, "
                        + "tau_fac: 1 s, x: 0.9, y: 0.1, u: 0.05}}"; break;
                case PLASTIC: // rules come from other modules; the test classpath offers one
                    syn = "{model: test_depressing_synapse, params: {factor: 0.5, w_min: 1 mV}}"; break;
                default:
                    fail("no file example for synapse model " + s.nestName());
                    return;
            }
            String y = HEAD + "populations:\n  A: {model: iaf_psc_exp, size: 4}\n"
                    + "projections:\n  - {from: A, to: A, connect: one_to_one, synapse: " + syn + ", weight: 5 pA, "
                    + "delay: {uniform: [1 ms, 2 ms]}, receptor: ex}\n";
            ModelSpec spec = ModelFile.parse(y, s.nestName() + ".yaml");
            Projection p = spec.build().network().projections().get(0);
            assertEquals(s, p.synapse().model());
            assertEquals(Synapse.Model.TSODYKS == s, spec.toResolvedYaml().contains("tau_fac: 1000 ms"));
        }
        assertEquals(List.of("static_synapse", "tsodyks_synapse", "test_depressing_synapse", "test_modulated_synapse"),
                Catalog.synapseModels());
    }

    @Test
    void plasticSynapsesFromOtherModulesLearnAndAreChecked() {
        String y = HEAD + "populations:\n  G: {model: spike_generator, size: 1, params: {spike_times: [1 ms, 2 ms, 3 ms]}}\n"
                + "  A: {model: iaf_psc_delta, size: 2}\n"
                + "projections:\n  - {from: G, to: A, connect: all_to_all, weight: 8 mV,\n"
                + "     synapse: {model: test_depressing_synapse, params: {w_min: 1.5 mV}}}\n";
        ModelSpec spec = ModelFile.parse(y, "plastic.yaml");
        String r = spec.toResolvedYaml();
        assertTrue(r.contains("model: test_depressing_synapse\n      params: {factor: 0.5, w_min: 1.5 mV, verbose: false}"), r);
        assertEquals(spec.hash(), ModelFile.parse(r, "r.yaml").hash());
        BuiltModel b = spec.build();
        Projection p = b.network().projections().get(0);
        assertEquals(Synapse.Model.PLASTIC, p.synapse().model());
        b.simulate();
        // three presynaptic spikes: 8 -> 4 -> 2 -> 1.5 (w_min)
        assertEquals(1.5, p.synapses().weight[0], 1e-12);
        assertEquals(3.0, p.synapseState("hits")[1], 1e-12);
        // the per-synapse and per-source state count in the estimate as in the core
        assertEquals(p.memoryBytes(), spec.withOverride("threads", "1").inspect().projections().get(0).bytes());
        ModelFileException sign = assertThrows(ModelFileException.class, () -> ModelFile.parse(y.replace("8 mV", "-8 mV"), "s.yaml"));
        assertTrue(sign.getMessage().contains("projections.0.weight: -8 mV is invalid: test_depressing_synapse keeps the sign "
                + "of Wmax, so the weight must be >= 0"), sign.getMessage());
        ModelFileException rel = assertThrows(ModelFileException.class,
                () -> ModelFile.parse(y.replace("{w_min: 1.5 mV}", "{factor: 0, w_min: 1.5 mV}"), "f.yaml"));
        assertTrue(rel.getMessage().contains("f.yaml:9:65: projections.0.synapse.params.factor: must be > 0 when w_min > 0"),
                rel.getMessage());
    }

    @Test
    void everyStimulusDeviceIsReachable() {
        List<String> seen = new ArrayList<>();
        for (Generator.Kind k : Generator.Kind.values()) {
            String params;
            switch (k) {
                case POISSON: params = "{rate: 2 kHz, start: 1 ms, stop: 4 ms}"; break;
                case DC: params = "{amplitude: 0.5 nA}"; break;
                case STEP_CURRENT: params = "{amplitude_times: [1 ms, 3 ms], amplitude_values: [500 pA, 0 pA]}"; break;
                case NOISE: params = "{mean: 100 pA, std: 50 pA, dt: 0.5 ms}"; break;
                default:
                    fail("no file example for stimulus " + k.nestName());
                    return;
            }
            String w = k == Generator.Kind.POISSON ? ", weight: 100 pA" : "";
            String y = HEAD + "populations:\n  A: {model: iaf_psc_exp, size: 4}\n"
                    + "stimuli:\n  - {model: " + k.nestName() + ", params: " + params + ", to: A" + w + ", delay: 0.1 ms}\n";
            BuiltModel b = ModelFile.parse(y, k.nestName() + ".yaml").build();
            b.simulate();
            // every example drives the membrane up from E_L = -70 mV
            assertTrue(b.population("A").get("V_m")[0] > -70, k.nestName());
            seen.add(k.nestName());
        }
        // spike_generator: one train for every target, and one train per target neuron
        String y = HEAD + "populations:\n  A: {model: parrot_neuron, size: 2}\n  B: {model: parrot_neuron, size: 2}\n"
                + "stimuli:\n  - {model: spike_generator, params: {spike_times: [1 ms, 2 ms]}, to: A, weight: 1, delay: 0.1 ms}\n"
                + "  - {model: spike_generator, params: {spike_times: [[1 ms], [3 ms, 4 ms]]}, to: B, weight: 1}\n";
        BuiltModel b = ModelFile.parse(y, "sg.yaml").build();
        b.simulate();
        assertEquals(4, b.spikeRecorders().get("A").count());
        assertEquals(3, b.spikeRecorders().get("B").count());
        // a spike at 1 ms, through a 1 ms delay, repeated by the parrot at 2 ms
        assertEquals(2.0, b.spikeRecorders().get("B").times()[0], 1e-12);
        seen.add(Catalog.SPIKE_GENERATOR);
        assertEquals(Catalog.stimulusModels(), seen);
    }
}
