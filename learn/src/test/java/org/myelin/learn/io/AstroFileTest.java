package org.myelin.learn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.myelin.core.Connect;
import org.myelin.core.Generator;
import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.Projection;
import org.myelin.core.Synapse;
import org.myelin.core.VolumeTransmitter;
import org.myelin.io.BuiltModel;
import org.myelin.io.ModelFile;
import org.myelin.io.ModelFileException;
import org.myelin.io.ModelSpec;
import org.myelin.learn.astro.AstroStdp;
import org.myelin.learn.astro.Astrocyte;

/**
 * {@code astro_stdp_synapse} in model files: the rule and its astrocyte get the file's parameters,
 * both projections share one volume transmitter (one {@code A}), the file's network learns exactly
 * as the same network built through the Java API, the resolved model round-trips, and the rule
 * without a volume transmitter is an error naming the key.
 */
class AstroFileTest {
    static ModelSpec spec() throws Exception {
        return ModelFile.load(ModelFileRulesTest.file("astro-liquid.yaml"));
    }

    /** The file's network through the Java API: same order of populations, projections and stimuli. */
    static Network javaNetwork() {
        Network net = new Network(new Network.Context().dt(0.1).seed(7).threads(2));
        Population e = net.population("E", "iaf_psc_exp", 80).param("I_e", 300);
        Population i = net.population("I", "iaf_psc_exp", 20);
        Population x = net.population("X", "parrot_neuron", 20);
        VolumeTransmitter vt = VolumeTransmitter.of(e).and(i, 1).and(x, -1).delay(1);
        Astrocyte astro = Astrocyte.of(e, i).input(x).tau(50).weight(0.5).bias(1).delay(1);
        AstroStdp rule = AstroStdp.synapse(astro).eta(2).bounds(0, 400);
        net.connect(e, e, Connect.fixedIndegree(10), Synapse.plastic(150, 1, rule));
        net.connect(e, i, Connect.fixedIndegree(20), Synapse.statics(100, 1));
        net.connect(i, e, Connect.fixedIndegree(5), Synapse.statics(-200, 1));
        net.connect(x, e, Connect.fixedIndegree(4), Synapse.plastic(200, 1, rule));
        net.stimulate(Generator.poisson(40), x, 1, 0.1);
        assertEquals(vt.toString(), astro.volumeTransmitter().toString());
        return net;
    }

    @Test
    void aFileLiquidLearnsExactlyAsTheJavaOne() throws Exception {
        BuiltModel m = spec().build();
        Projection ee = m.network().projections().get(0);
        Projection xe = m.network().projections().get(3);
        AstroStdp rule = assertInstanceOf(AstroStdp.class, ee.synapse().plasticity());
        assertEquals(2, rule.eta());
        assertEquals(400, rule.wmax());
        assertEquals(10, rule.tauPlus(), "default");
        assertEquals(50, rule.astrocyte().tau());
        assertEquals(0.5, rule.astrocyte().weight());
        assertEquals(1, rule.astrocyte().bias());
        assertEquals(1, rule.astrocyte().initial(), "A starts at b_astro");
        VolumeTransmitter vt = rule.volumeTransmitter();
        assertSame(vt, xe.synapse().plasticity().volumeTransmitter(), "equal blocks share one transmitter");
        assertEquals(3, vt.sources().size());
        assertEquals(-1, vt.weight(2));

        Network j = javaNetwork();
        m.simulate();
        j.simulate(300);
        double[] wf = ee.synapses().weight;
        double[] wj = j.projections().get(0).synapses().weight;
        double moved = 0;
        for (double w : wf) moved = Math.max(moved, Math.abs(w - 150));
        assertTrue(moved > 10, "the E->E weights learned: largest change " + moved + " pA");
        assertArrayEquals(wj, wf, 0.0);
        assertArrayEquals(j.projections().get(3).synapses().weight, xe.synapses().weight, 0.0);
        assertEquals(j.totalSpikes(), m.network().totalSpikes());
    }

    @Test
    void resolvedModelRoundTrips() throws Exception {
        ModelSpec s = spec();
        String resolved = s.toResolvedYaml();
        assertTrue(resolved.contains("model: astro_stdp_synapse"), resolved);
        assertTrue(resolved.contains("tau_astro: 50 ms"), resolved);
        ModelSpec r = ModelFile.parse(resolved, "astro-liquid.resolved.yaml");
        assertEquals(s.hash(), r.hash());
    }

    @Test
    void withoutAVolumeTransmitterItIsAnError() throws Exception {
        String y = Files.readString(ModelFileRulesTest.file("astro-liquid.yaml"))
                .replaceFirst("      volume_transmitter: \\{sources: \\{E: 1, I: 1, X: -1\\}, delay: 1 ms\\}\n", "");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.parse(y, "astro-bad.yaml").build());
        assertTrue(e.getMessage().contains("astro-bad.yaml") && e.getMessage().contains("volume_transmitter"),
                e.getMessage());
    }
}
