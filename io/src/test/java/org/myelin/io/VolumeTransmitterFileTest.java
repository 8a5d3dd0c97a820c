package org.myelin.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.myelin.core.Projection;
import org.myelin.core.VolumeTransmitter;

/**
 * {@code volume_transmitter} in a synapse block: wired to the named population with the given delay
 * (read off the weights of {@link TestModulatedSynapse}), shared between equal blocks, written back in
 * the resolved model, and counted by the estimate.
 */
class VolumeTransmitterFileTest {
    private static Path valid(String name) throws Exception {
        return Path.of(VolumeTransmitterFileTest.class.getResource("/valid/" + name).toURI());
    }

    private static String body(String resolved) {
        return resolved.substring(resolved.indexOf('\n') + 1); // without the header comment
    }

    @Test
    void theNamedPopulationFeedsTheRuleWithTheGivenDelay() throws Exception {
        BuiltModel b = ModelFile.load(valid("modulated.yaml")).build();
        Projection p0 = b.network().projections().get(0);
        Projection p1 = b.network().projections().get(1);
        Projection p2 = b.network().projections().get(2);
        VolumeTransmitter v0 = p0.synapse().plasticity().volumeTransmitter();
        assertSame(b.population("DA"), v0.source());
        assertSame(v0, p1.synapse().plasticity().volumeTransmitter(), "equal blocks share one volume transmitter");
        assertNotSame(v0, p2.synapse().plasticity().volumeTransmitter(), "another delay and interval: another one");
        assertSame(b.population("DA"), p2.synapse().plasticity().volumeTransmitter().source());
        VolumeTransmitter v3 = b.network().projections().get(3).synapse().plasticity().volumeTransmitter();
        assertEquals(List.of(b.population("DA"), b.population("DB")), v3.sources());
        assertEquals(-0.5, v3.weight(1));
        b.simulate();
        // the DA spike at 5 ms adds 1/tau at 5 ms + delay (DB's at 7 ms, -0.5/tau); PRE's spike at 10 ms
        // reads the trace
        double[] expected = {Math.exp(-(10 - 6) / 10.0) / 10, Math.exp(-(10 - 6) / 20.0) / 20, Math.exp(-(10 - 5) / 10.0) / 10,
            Math.exp(-(10 - 6) / 10.0) / 10 - 0.5 * Math.exp(-(10 - 8) / 10.0) / 10};
        Projection[] ps = {p0, p1, p2, b.network().projections().get(3)};
        for (int i = 0; i < ps.length; i++) {
            double[] w = ps[i].synapses().weight;
            assertEquals(3, w.length);
            for (double x : w) assertEquals(expected[i], x, 1e-12 * Math.abs(expected[i]), "projection " + i);
        }
    }

    @Test
    void resolvedModelRoundTripsWithTheVolumeTransmitter() throws Exception {
        ModelSpec s = ModelFile.load(valid("modulated.yaml"));
        String resolved = s.toResolvedYaml();
        assertTrue(resolved.contains("volume_transmitter: {population: DA, delay: 1 ms, interval: 0.5 ms}"), resolved);
        assertTrue(resolved.contains("volume_transmitter: {population: DA, delay: 0 ms, interval: auto}"), resolved);
        assertTrue(resolved.contains("volume_transmitter:\n        sources: {DA: 1, DB: -0.5}\n        delay: 1 ms\n"
                + "        interval: auto\n"), resolved);
        ModelSpec r = ModelFile.parse(resolved, "modulated.resolved.yaml");
        assertEquals(body(resolved), body(r.toResolvedYaml()));
        assertEquals(s.hash(), r.hash());
        BuiltModel a = s.build();
        BuiltModel c = r.build();
        a.simulate();
        c.simulate();
        for (int i = 0; i < 4; i++) {
            assertEquals(a.network().projections().get(i).synapses().weight[0],
                    c.network().projections().get(i).synapses().weight[0], 0.0);
        }
        // a changed delay changes the hash
        assertTrue(!s.hash().equals(s.withOverride("projections.0.synapse.volume_transmitter.delay", "2 ms").hash()));
    }

    @Test
    void overridesReachTheVolumeTransmitter() throws Exception {
        ModelSpec s = ModelFile.load(valid("modulated.yaml"))
                .withOverride("projections.2.synapse.volume_transmitter", "{population: DA, delay: 3 ms}");
        BuiltModel b = s.build();
        VolumeTransmitter v = b.network().projections().get(2).synapse().plasticity().volumeTransmitter();
        assertSame(b.population("DA"), v.source());
        b.simulate();
        double expected = Math.exp(-(10 - 8) / 10.0) / 10;
        assertEquals(expected, b.network().projections().get(2).synapses().weight[0], 1e-12 * expected);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(valid("modulated.yaml"))
                .withOverride("projections.0.synapse.volume_transmitter.population", "DAA"));
        assertTrue(e.getMessage().contains("projections.0.synapse.volume_transmitter.population: unknown population 'DAA'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'DA'?"), e.getMessage());
    }

    @Test
    void theEstimateCountsModulatedSynapsesAsTheCoreStoresThem() throws Exception {
        ModelSpec s = ModelFile.load(valid("modulated.yaml")).withOverride("threads", "1");
        Inspection in = s.inspect();
        BuiltModel b = s.build();
        for (int i = 0; i < 4; i++) {
            assertEquals(b.network().projections().get(i).memoryBytes(), in.projections().get(i).bytes(), "projection " + i);
            assertEquals("test_modulated_synapse", in.projections().get(i).synapse());
        }
        assertEquals(12.0, in.synapses());
    }

    @Test
    void sourceWeightsAreChecked() throws Exception {
        ModelSpec s = ModelFile.load(valid("modulated.yaml"));
        String sources = "projections.3.synapse.volume_transmitter.sources";
        ModelFileException zero = assertThrows(ModelFileException.class, () -> s.withOverride(sources + ".DB", "0"));
        assertTrue(zero.getMessage().contains(sources + ".DB: 0 is invalid: a source's weight must be finite and non-zero"),
                zero.getMessage());
        ModelFileException unit = assertThrows(ModelFileException.class, () -> s.withOverride(sources + ".DB", "1 ms"));
        assertTrue(unit.getMessage().contains(sources + ".DB"), unit.getMessage());
        ModelFileException both = assertThrows(ModelFileException.class,
                () -> s.withOverride("projections.3.synapse.volume_transmitter.population", "DA"));
        assertTrue(both.getMessage().contains("give either 'population' (one source) or 'sources'"), both.getMessage());
        ModelFileException unknown = assertThrows(ModelFileException.class, () -> s.withOverride(sources, "{DA: 1, DC: 2}"));
        assertTrue(unknown.getMessage().contains(sources + ".DC: unknown population 'DC'"), unknown.getMessage());
    }
}
