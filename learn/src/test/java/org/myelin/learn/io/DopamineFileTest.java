package org.myelin.learn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.myelin.core.Network;
import org.myelin.core.ParamSpec;
import org.myelin.core.Projection;
import org.myelin.core.VolumeTransmitter;
import org.myelin.core.model.ParrotNeuron;
import org.myelin.io.BuiltModel;
import org.myelin.io.Catalog;
import org.myelin.io.ModelFile;
import org.myelin.io.ModelFileException;
import org.myelin.io.ModelSpec;
import org.myelin.learn.DopamineStdp;

/**
 * {@code stdp_dopamine_synapse} in model files: the volume transmitter is wired to the named
 * population, the weights follow DopamineStdp's closed form (NEST's semantics, see its javadoc), the
 * resolved model round-trips, and the adapter builds exactly the rule the Java API builds.
 */
class DopamineFileTest {
    static final double D = 1.0; // synaptic delay, all of it dendritic
    static final double T_PRE1 = 10;
    static final double T_PRE2 = 40;
    static final double T_DA = 100 + 1; // the DA spike, 1 ms volume-transmitter delay
    static final double T_END = 300;
    static final double A_PLUS = 1.0;
    static final double A_MINUS = 0.5;
    static final double TAU_PLUS = 20;
    static final double TAU_MINUS = 20;
    static final double TAU_C = 800;
    static final double TAU_N = 150;

    static ModelSpec spec() throws Exception {
        return ModelFile.load(ModelFileRulesTest.file("dopamine-pair.yaml"));
    }

    /**
     * The weight at {@code t >= T_DA} from w0 = 1 (no clipping reached): with the post spike at tp,
     * the eligibility trace is 0 until tp + d, then c1 = A+ K+(tp + d), decaying with tau_c; PRE's
     * second spike subtracts A- K-(t_pre2 - d), leaving c2. dw/dt = c (n - b), with n = 0 before T_DA
     * and n = exp(-(t - T_DA)/tau_n)/tau_n after.
     */
    static double closedForm(double tp, double b, double t) {
        double c1 = A_PLUS * Math.exp(-(tp + D - T_PRE1) / TAU_PLUS);
        double c2 = c1 * Math.exp(-(T_PRE2 - (tp + D)) / TAU_C) - A_MINUS * Math.exp(-(T_PRE2 - D - tp) / TAU_MINUS);
        double taus = 1 / TAU_C + 1 / TAU_N;
        double baseline = b * TAU_C * (c1 * (1 - Math.exp(-(T_PRE2 - tp - D) / TAU_C)) + c2 * (1 - Math.exp(-(t - T_PRE2) / TAU_C)));
        double dopamine = c2 * Math.exp(-(T_DA - T_PRE2) / TAU_C) / TAU_N * (1 - Math.exp(-taus * (t - T_DA))) / taus;
        return 1 - baseline + dopamine;
    }

    @Test
    void aDopamineProjectionFromAFileLearnsAsTheClosedFormSays() throws Exception {
        BuiltModel m = spec().build();
        Projection p = m.network().projections().get(1);
        Projection pb = m.network().projections().get(2);
        DopamineStdp rule = assertInstanceOf(DopamineStdp.class, p.synapse().plasticity());
        assertEquals(800, rule.tauC());
        assertEquals(150, rule.tauN());
        assertEquals(0.5, rule.aMinus());
        assertEquals(1.0, rule.aPlus(), "default: NEST's");
        assertEquals(0.001, ((DopamineStdp) pb.synapse().plasticity()).baseline());
        VolumeTransmitter vt = rule.volumeTransmitter();
        assertSame(m.population("DA"), vt.source());
        assertSame(vt, pb.synapse().plasticity().volumeTransmitter(), "equal volume_transmitter blocks share one");

        m.network().simulate(100);
        assertEquals(1.0, p.synapses().weight[0], 0.0, "b = 0: no weight change before dopamine");
        assertTrue(p.synapseState("c")[0] > 0.1, "the pairing charged the eligibility trace, c = " + p.synapseState("c")[0]);
        assertTrue(pb.synapses().weight[0] < 1 - 0.01, "b > 0: c (0 - b) < 0 moved the weight, w = " + pb.synapses().weight[0]);

        m.network().simulate(T_END - 100);
        double[] post = m.spikeRecorders().get("POST").times();
        assertArrayEquals(new double[] {20.0}, post, 1e-9, "the parrot repeats DRIVE one step later");
        double tp = post[0];
        double w = p.synapses().weight[0];
        double expected = closedForm(tp, 0, T_END);
        assertTrue(expected - 1 > 0.1, "the dopamine spike moves the weight clearly: " + expected);
        assertEquals(expected, w, 1e-12 * expected);
        double expectedB = closedForm(tp, 0.001, T_END);
        assertEquals(expectedB, pb.synapses().weight[0], 1e-12 * expectedB);
        assertTrue(Math.abs(expectedB - expected) > 0.05, "the baseline matters: " + expectedB + " vs " + expected);
    }

    @Test
    void resolvedModelWithADopamineProjectionRoundTrips() throws Exception {
        ModelSpec s = spec();
        String resolved = s.toResolvedYaml();
        assertTrue(resolved.contains("model: stdp_dopamine_synapse\n      volume_transmitter: {population: DA, delay: 1 ms, "
                + "interval: 1 ms}\n      params:\n        A_plus: 1\n        A_minus: 0.5\n        tau_plus: 20 ms\n"
                + "        tau_minus: 20 ms\n        tau_c: 800 ms\n        tau_n: 150 ms\n        b: 0\n        Wmin: 0\n"
                + "        Wmax: 200\n"), resolved);
        ModelSpec r = ModelFile.parse(resolved, "dopamine-pair.resolved.yaml");
        String again = r.toResolvedYaml();
        // equal without the header comment, which names the file read
        assertEquals(resolved.substring(resolved.indexOf('\n') + 1), again.substring(again.indexOf('\n') + 1));
        assertEquals(s.hash(), r.hash());
        BuiltModel a = s.build();
        BuiltModel c = r.build();
        a.simulate();
        c.simulate();
        for (int i = 1; i <= 2; i++) {
            assertEquals(a.network().projections().get(i).synapses().weight[0],
                    c.network().projections().get(i).synapses().weight[0], 0.0);
        }
        assertTrue(a.network().projections().get(1).synapses().weight[0] > 1.1);
    }

    @Test
    void theAdapterBuildsTheJavaApisRule() {
        assertTrue(Catalog.synapseModels().contains("stdp_dopamine_synapse"));
        assertTrue(Catalog.usesVolumeTransmitter("stdp_dopamine_synapse"));
        assertEquals(List.of("stdp_dopamine_synapse", "astro_stdp_synapse"), Catalog.modulatedSynapseModels());
        Network net = new Network(new Network.Context().threads(1));
        VolumeTransmitter vt = VolumeTransmitter.of(net.population("DA", ParrotNeuron.INSTANCE, 1));
        SynapseTypes.DopamineStdpType t = new SynapseTypes.DopamineStdpType();
        List<ParamSpec> ps = t.parameters();
        assertEquals(List.of("A_plus", "A_minus", "tau_plus", "tau_minus", "tau_c", "tau_n", "b", "Wmin", "Wmax"),
                ps.stream().map(ParamSpec::name).toList());
        double[] def = ps.stream().mapToDouble(ParamSpec::defaultValue).toArray();
        DopamineStdp fromDefaults = (DopamineStdp) t.create(def, vt);
        DopamineStdp api = DopamineStdp.synapse(vt);
        // toString names every parameter but tau_minus, which has a getter
        assertEquals(api.toString(), fromDefaults.toString());
        assertEquals(api.tauMinus(), fromDefaults.tauMinus());
        double[] p = {0.7, 0.9, 15, 25, 500, 100, 0.002, 1, 50};
        DopamineStdp custom = (DopamineStdp) t.create(p, vt);
        DopamineStdp apiCustom = DopamineStdp.synapse(vt).amplitudes(0.7, 0.9).tauPlus(15).tauMinus(25).tauC(500).tauN(100)
                .baseline(0.002).bounds(1, 50);
        assertEquals(apiCustom.toString(), custom.toString());
        assertEquals(25, custom.tauMinus());
        assertSame(vt, custom.volumeTransmitter());
        assertThrows(UnsupportedOperationException.class, () -> t.create(def));
    }

    @Test
    void malformedDopamineSynapsesAreReportedWithTheField() throws Exception {
        String y = Files.readString(ModelFileRulesTest.file("dopamine-pair.yaml"));
        ModelFileException none = assertThrows(ModelFileException.class, () -> ModelFile.parse(
                y.replaceFirst("      volume_transmitter: \\{population: DA, delay: 1 ms, interval: 1 ms}\n", ""), "none.yaml"));
        assertTrue(none.getMessage().startsWith("none.yaml:26:7: projections.1.synapse: missing 'volume_transmitter': "
                + "stdp_dopamine_synapse is modulated by the spikes of a population"), none.getMessage());
        ModelFileException pop = assertThrows(ModelFileException.class,
                () -> ModelFile.parse(y.replaceFirst("population: DA,", "population: DAA,"), "pop.yaml"));
        assertTrue(pop.getMessage().startsWith("pop.yaml:27:40: projections.1.synapse.volume_transmitter.population: "
                + "unknown population 'DAA' (did you mean 'DA'?)"), pop.getMessage());
        ModelFileException interval = assertThrows(ModelFileException.class,
                () -> ModelFile.parse(y.replaceFirst("interval: 1 ms", "interval: 1.05 ms"), "iv.yaml"));
        assertTrue(interval.getMessage().contains("projections.1.synapse.volume_transmitter.interval: value 1.05 ms is "
                + "invalid; valid: 0 (every exchange interval) or a positive multiple of dt = 0.1 ms"), interval.getMessage());
        ModelFileException stdp = assertThrows(ModelFileException.class, () -> ModelFile.parse(
                y.replaceFirst("model: stdp_dopamine_synapse", "model: stdp_synapse")
                        .replaceFirst("\\{A_minus: 0.5, tau_c: 800 ms, tau_n: 150 ms}", "{}"), "stdp.yaml"));
        assertTrue(stdp.getMessage().contains("projections.1.synapse.volume_transmitter: stdp_synapse takes no volume "
                + "transmitter; models that do: stdp_dopamine_synapse"), stdp.getMessage());
        ModelFileException bounds = assertThrows(ModelFileException.class,
                () -> ModelFile.parse(y.replaceFirst("tau_n: 150 ms}", "tau_n: 150 ms, Wmin: -1}"), "b.yaml"));
        assertTrue(bounds.getMessage().contains("projections.1.synapse.params.Wmin: bounds [-1.0, 200.0] are invalid"),
                bounds.getMessage());
        ModelFileException weight = assertThrows(ModelFileException.class,
                () -> ModelFile.parse(y.replaceFirst("tau_n: 150 ms}", "tau_n: 150 ms, Wmin: 2}"), "w.yaml"));
        assertTrue(weight.getMessage().contains("projections.1.weight"), weight.getMessage());
        ModelFileException tau = assertThrows(ModelFileException.class,
                () -> ModelFile.parse(y.replaceFirst("tau_c: 800 ms", "tau_c: 800 mV"), "t.yaml"));
        assertTrue(tau.getMessage().contains("projections.1.synapse.params.tau_c: 800 mV has the wrong unit"), tau.getMessage());
    }
}
