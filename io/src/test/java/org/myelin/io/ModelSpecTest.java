package org.myelin.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.Projection;
import org.myelin.core.SpikeRecorder;
import org.myelin.core.StateRecorder;

class ModelSpecTest {
    private static Path valid(String name) throws Exception {
        return Path.of(ModelSpecTest.class.getResource("/valid/" + name).toURI());
    }

    private static String body(String resolved) {
        return resolved.substring(resolved.indexOf('\n') + 1); // without the header comment
    }

    @Test
    void featuresFileBuildsWithEverythingConverted() throws Exception {
        ModelSpec s = ModelFile.load(valid("features.yaml"));
        assertEquals("features", s.name());
        assertEquals(List.of("E", "I", "G", "P"), s.populationNames());
        assertEquals(2, s.populationSize("G")); // one neuron per train
        BuiltModel b = s.build();
        Population e = b.population("E");
        assertEquals(250.0, e.param("C_m"));
        assertEquals(300.0, e.param("I_e"));
        assertEquals(2.0, e.param("t_ref"));
        assertEquals(0.1, b.population("I").param("a"));
        assertEquals(0.0, b.population("I").param("consistent_integration"));
        // E -> [E, I] becomes two projections; a spike_generator stimulus adds a hidden population
        assertEquals(8, b.network().projections().size());
        assertEquals(5, b.network().populations().size());
        assertEquals(20, b.network().projections().get(3).synapseCount());
        assertEquals(90, b.network().projections().get(6).synapseCount()); // I -> I without autapses
        b.simulate();
        StateRecorder st = b.stateRecorders().get(0);
        assertArrayEquals(new String[] {"V_m", "g_ex"}, st.variables());
        assertEquals(40, st.samples());
        assertEquals(List.of("E", "I", "P"), List.copyOf(b.spikeRecorders().keySet()));
        assertEquals(List.of("E", "I"), List.copyOf(b.rateRecorders().keySet()));
        // parrots repeat the generator trains (2 + 1 spikes) and the stimulus train (1 spike each)
        assertEquals(5, b.spikeRecorders().get("P").count());
        assertTrue(b.spikeRecorders().get("E").count() > 0);
        for (int n : b.spikeRecorders().get("I").neurons()) assertTrue(n <= 2);
    }

    @Test
    void resolvedYamlLoadsToTheSameNetwork() throws Exception {
        ModelSpec s = ModelFile.load(valid("features.yaml"));
        String resolved = s.toResolvedYaml();
        ModelSpec r = ModelFile.parse(resolved, "features.resolved.yaml");
        assertEquals(body(resolved), body(r.toResolvedYaml()));
        assertEquals(s.hash(), r.hash());
        assertTrue(resolved.contains("V_min: -1.7976931348623157e308 mV"), resolved); // izhikevich default
        assertTrue(resolved.contains("tau_rec: 500 ms"), resolved);
        BuiltModel a = s.build();
        BuiltModel b = r.build();
        a.simulate();
        b.simulate();
        for (String p : List.of("E", "I", "P")) {
            SpikeRecorder x = a.spikeRecorders().get(p);
            SpikeRecorder y = b.spikeRecorders().get(p);
            assertArrayEquals(x.steps(), y.steps(), p);
            assertArrayEquals(x.neurons(), y.neurons(), p);
        }
        assertArrayEquals(a.stateRecorders().get(0).trace("V_m", 1), b.stateRecorders().get(0).trace("V_m", 1));
        for (String name : ModelFile.BUILTINS) {
            ModelSpec m = ModelFile.builtin(name);
            assertEquals(m.hash(), ModelFile.parse(m.toResolvedYaml(), name + ".resolved.yaml").hash(), name);
        }
    }

    @Test
    void hashIgnoresThreadsAndFormattingButNotContent() {
        ModelSpec s = ModelFile.builtin("brunel");
        assertTrue(s.hash().matches("[0-9a-f]{64}"));
        assertEquals(s.hash(), ModelFile.builtin("brunel").hash());
        assertEquals(s.hash(), s.withOverride("threads", "3").hash());
        assertEquals(s.hash(), s.withOverride("name", "another-name").hash());
        assertEquals(s.hash(), s.withOverride("populations.E.params.tau_m", "0.02 s").hash()); // same value
        assertNotEquals(s.hash(), s.withOverride("seed", "1").hash());
        assertNotEquals(s.hash(), s.withOverride("populations.E.params.tau_m", "20.5 ms").hash());
    }

    @Test
    void jsonIsReadByTheSameLoader() throws Exception {
        ModelSpec j = ModelFile.load(valid("tiny.json")); // indented with tabs
        ModelSpec y = ModelFile.load(valid("tiny.yaml"));
        assertEquals(y.hash(), j.hash());
        BuiltModel b = j.build();
        b.simulate();
        assertEquals(100, b.network().totalSynapses());
    }

    @Test
    void overridesChangeValuesAndKeepUnits() {
        ModelSpec s = ModelFile.builtin("brunel").withOverride("populations.E.params.tau_m", "10ms")
                .withOverride("populations.I.size", "50").withOverride("populations.E.size", "200")
                .withOverride("projections[1].weight", "-0.6 mV").withOverride("record.spikes", "[I]")
                .withOverride("populations.E.params.I_e", "1 nA").withOverride("threads", "1");
        assertEquals(List.of("populations.E.params.tau_m=10ms", "populations.I.size=50", "populations.E.size=200",
                "projections[1].weight=-0.6 mV", "record.spikes=[I]", "populations.E.params.I_e=1 nA", "threads=1"),
                s.overrides());
        String r = s.toResolvedYaml();
        assertTrue(r.contains("tau_m: 10 ms"), r);
        assertTrue(r.contains("I_e: 1000 pA"), r);
        assertTrue(r.contains("weight: -0.6 mV"), r);
        assertTrue(r.contains("spikes: {I: all}"), r);
        assertTrue(r.startsWith("# brunel-a: resolved by myelin-io from brunel.yaml with --set populations.E.params.tau_m=10ms"), r);
        BuiltModel b = s.build();
        assertEquals(10.0, b.population("E").param("tau_m"));
        assertEquals(20.0, b.population("I").param("tau_m"));
        assertEquals(List.of("I"), List.copyOf(b.spikeRecorders().keySet()));
    }

    @Test
    void overridesOfPathsThatDoNotExistNameTheValidKeys() {
        ModelSpec s = ModelFile.builtin("brunel");
        ModelFileException p = assertThrows(ModelFileException.class,
                () -> s.withOverride("populations.E.params.tau_x", "10ms"));
        assertEquals("--set populations.E.params.tau_x=10ms", p.file());
        assertEquals(0, p.line());
        assertEquals("populations.E.params.tau_x", p.field());
        assertTrue(p.getMessage().contains("unknown parameter 'tau_x' of iaf_psc_delta (did you mean 'tau_m'?); valid: E_L"),
                p.getMessage());
        ModelFileException pop = assertThrows(ModelFileException.class, () -> s.withOverride("populations.X.size", "5"));
        assertTrue(pop.getMessage().contains("unknown population 'X'") && pop.getMessage().contains("defined: E, I"),
                pop.getMessage());
        ModelFileException top = assertThrows(ModelFileException.class, () -> s.withOverride("durration", "5 ms"));
        assertTrue(top.getMessage().contains("did you mean 'duration'?"), top.getMessage());
        ModelFileException key = assertThrows(ModelFileException.class, () -> s.withOverride("populations.E.sise", "5"));
        assertTrue(key.getMessage().contains("unknown key 'sise' (did you mean 'size'?); valid: model, size, params, initial"),
                key.getMessage());
        ModelFileException idx = assertThrows(ModelFileException.class, () -> s.withOverride("projections.9.weight", "1 mV"));
        assertTrue(idx.getMessage().contains("no entry '9' in projections; valid: 0..3"), idx.getMessage());
        ModelFileException arg = assertThrows(ModelFileException.class, () -> s.withOverride("projections.0.connect.p", "0.1"));
        assertTrue(arg.getMessage().contains("'p' is not an argument of fixed_indegree; its arguments: indegree"),
                arg.getMessage());
        ModelFileException unit = assertThrows(ModelFileException.class, () -> s.withOverride("dt", "0.1"));
        assertTrue(unit.getMessage().startsWith("--set dt=0.1: dt: 0.1 has no unit: dt is a time"), unit.getMessage());
        ModelFileException scalar = assertThrows(ModelFileException.class, () -> s.withOverride("name.x", "1"));
        assertTrue(scalar.getMessage().contains("cannot set 'x' inside name"), scalar.getMessage());
    }

    @Test
    void inspectionMatchesTheCoreStorage() {
        // fixed in-degree with constant weight and delay: counts are exact, so bytes must be too
        ModelSpec s = ModelFile.builtin("brunel").withOverride("populations.E.size", "800")
                .withOverride("populations.I.size", "200").withOverride("threads", "2");
        Inspection in = s.inspect();
        assertEquals(1000, in.neurons());
        assertEquals(1250.0 * 1000, in.synapses());
        BuiltModel b = s.build();
        long actual = 0;
        for (Projection p : b.network().projections()) actual += p.memoryBytes();
        assertEquals(actual, in.synapseBytes());
        assertEquals(b.network().ringSlots(), in.ringSlots());
        // E: 2 state arrays (V_m, refractory_steps, refractory_input_buffer: 3) and 2 ports of 16 slots
        assertEquals(3 * 8L * 800, in.populations().get(0).stateBytes());
        assertEquals(2 * 16 * 8L * 800, in.populations().get(0).inputBytes());
        assertTrue(in.toText().contains("E -> E"), in.toText());
        // pairwise Bernoulli: the count is random, the estimate within its spread
        ModelSpec c = ModelFile.builtin("coba").withOverride("populations.E.size", "800")
                .withOverride("populations.I.size", "200").withOverride("threads", "2");
        long est = c.inspect().synapseBytes();
        long got = 0;
        Network net = c.build().network();
        for (Projection p : net.projections()) got += p.memoryBytes();
        assertEquals(1.0, (double) got / est, 0.01);
        // p (nS nT - nT) for the recurrent projections without autapses, p nS nT for the others
        assertEquals(0.02 * (800 * 799 + 2 * 800 * 200 + 200 * 199), c.inspect().synapses(), 1e-6);
        assertEquals(19_980.0, net.totalSynapses(), 3 * Math.sqrt(19_980)); // 3 sigma of the binomial count
    }

    @Test
    void mergeKeysAndListFormPopulations() {
        String y = "populations:\n"
                + "  E: &cell {model: iaf_psc_exp, size: 10, params: {tau_m: 15 ms, V_th: -52 mV}}\n"
                + "  I: {<<: *cell, size: 4}\n";
        BuiltModel b = ModelFile.parse(y, "merge.yaml").build();
        assertEquals(4, b.population("I").size());
        assertEquals(15.0, b.population("I").param("tau_m"));
        assertEquals(-52.0, b.population("I").param("V_th"));
        String dup = "populations:\n  - {name: A, model: iaf_psc_exp, size: 1}\n  - {name: A, model: iaf_psc_exp, size: 2}\n";
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.parse(dup, "dup.yaml"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("duplicate population name 'A' (first defined at line 2)"), e.getMessage());
    }

    @Test
    void defaultsAreFilledIn() {
        ModelSpec s = ModelFile.parse("populations:\n  A: {model: iaf_psc_exp, size: 3}\n"
                + "projections:\n  - {from: A, to: A, connect: all_to_all, weight: 1 pA}\n", "models/minimal.yaml");
        assertEquals("minimal", s.name());
        assertEquals(0.1, s.dt());
        assertEquals(1000.0, s.duration());
        assertEquals(12345, s.seed());
        assertEquals(0, s.threads());
        String r = s.toResolvedYaml();
        assertTrue(r.contains("delay: 1 ms"), r);
        assertTrue(r.contains("synapse: {model: static_synapse}"), r);
        assertTrue(r.contains("spikes: {A: all}"), r);
        assertTrue(r.contains("threads: auto"), r);
        assertTrue(r.contains("V_reset: -70 mV"), r);
    }

    @Test
    void fileErrorsOutsideTheContent() {
        ModelFileException missing = assertThrows(ModelFileException.class, () -> ModelFile.load(Path.of("no/such.yaml")));
        assertTrue(missing.getMessage().endsWith("no such file"), missing.getMessage());
        ModelFileException empty = assertThrows(ModelFileException.class, () -> ModelFile.parse("", "empty.yaml"));
        assertTrue(empty.getMessage().contains("the file is empty"), empty.getMessage());
        ModelFileException list = assertThrows(ModelFileException.class, () -> ModelFile.parse("- 1\n- 2\n", "list.yaml"));
        assertTrue(list.getMessage().contains("the top level is a list"), list.getMessage());
        ModelFileException builtin = assertThrows(ModelFileException.class, () -> ModelFile.builtin("brunell"));
        assertTrue(builtin.getMessage().contains("did you mean 'brunel'?"), builtin.getMessage());
    }
    @Test
    void coreBuildErrorsPointAtTheEntryInTheFile() {
        // 60,001 ring slots x 40,000 neurons exceed a Java array: only the core's build finds that
        String y = "dt: 0.1 ms\npopulations:\n  A: {model: iaf_psc_delta, size: 40000}\n"
                + "projections:\n  - {from: A, to: A, connect: {one_to_one: }, weight: 0.1 mV, delay: 6 s}\n"
                + "record: {spikes: none, state: none}\n";
        ModelSpec s = ModelFile.parse(y, "huge-ring.yaml");
        ModelFileException e = assertThrows(ModelFileException.class, s::build);
        assertEquals("huge-ring.yaml", e.file());
        assertEquals(3, e.line());
        assertEquals("populations.A", e.field());
        assertTrue(e.getMessage().contains("exceeds 2^31 entries"), e.getMessage());
    }
}
