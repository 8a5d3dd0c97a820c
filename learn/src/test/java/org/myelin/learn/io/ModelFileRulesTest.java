package org.myelin.learn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.myelin.core.Projection;
import org.myelin.io.BuiltModel;
import org.myelin.io.Catalog;
import org.myelin.io.ModelFile;
import org.myelin.io.ModelFileException;
import org.myelin.io.ModelSpec;
import org.myelin.io.PlasticSynapseType;
import org.myelin.learn.Stdp;
import org.myelin.learn.SynapticScaling;
import org.myelin.learn.TargetTraceStdp;
import org.myelin.learn.TripletStdp;
import org.myelin.learn.VogelsSprekeler;

/** learn's rules by their model-file names: found by io's catalog, built as the Java API builds them, checked. */
class ModelFileRulesTest {
    static Path file(String name) throws URISyntaxException {
        return Path.of(ModelFileRulesTest.class.getResource("/files/" + name).toURI());
    }

    @Test
    void everyRuleNameIsInTheCatalog() {
        List<String> known = Catalog.synapseModels();
        for (PlasticSynapseType t : SynapseTypes.all()) assertTrue(known.contains(t.name()), t.name() + " in " + known);
        assertTrue(known.containsAll(List.of("stdp_synapse", "stdp_triplet_synapse", "vogels_sprekeler_synapse",
                "synaptic_scaling_synapse", "stdp_nn_symm_synapse", "stdp_nn_restr_synapse",
                "stdp_nn_pre_centered_synapse", "stdp_symmetric_synapse", "stdp_triplet_nn_synapse", "stdp_target_trace_synapse")), known.toString());
    }

    @Test
    void stdpSynapseFromAFileLearnsAsTheRuleSays() throws Exception {
        ModelSpec spec = ModelFile.load(file("stdp-pair.yaml"));
        BuiltModel b = spec.build();
        Projection p = b.network().projections().get(1);
        Stdp rule = assertInstanceOf(Stdp.class, p.synapse().plasticity());
        assertEquals(20, rule.tauPlus());
        assertEquals(30, rule.tauMinus());
        assertEquals(0.5, rule.alpha());
        assertEquals(0, rule.muPlus());
        assertEquals(Stdp.Pairing.ALL_TO_ALL, rule.pairing());
        b.simulate();
        double[] post = b.spikeRecorders().get("POST").times();
        assertEquals(1, post.length, "POST fires once, driven by DRIVE");
        double tp = post[0];
        assertTrue(tp > 20 && tp < 22, "post spike at " + tp);
        // additive STDP (package documentation): at the pre spike at 50 ms the post spike, seen at
        // tp + d, facilitates by lambda Wmax exp(-(tp + d - 10)/tau_plus); then the pre spike
        // depresses by alpha lambda Wmax exp(-(50 - d - tp)/tau_minus). The spike at 10 ms found no
        // post spike before it.
        double d = 1.5;
        double u = 0.1 + 0.1 * Math.exp(-(tp + d - 10) / 20);
        u -= 0.5 * 0.1 * Math.exp(-(50 - d - tp) / 30);
        assertEquals(10 * u, p.synapses().weight[0], 1e-12);
        assertTrue(Math.abs(p.synapses().weight[0] - 1) > 0.05, "the weight changed");
    }

    @Test
    void fileParametersReachTheRules() {
        String head = "dt: 0.1 ms\nduration: 5 ms\nthreads: 1\npopulations:\n  A: {model: iaf_cond_exp, size: 3}\n"
                + "projections:\n  - {from: A, to: A, connect: all_to_all, weight: 1 nS, delay: 1 ms, synapse: ";
        Projection t = ModelFile.parse(head + "{model: stdp_triplet_synapse, params: {tau_plus_triplet: 90 ms, "
                + "Aminus: 0.004, Wmax: 5}}}\n", "t.yaml").build().network().projections().get(0);
        TripletStdp tr = assertInstanceOf(TripletStdp.class, t.synapse().plasticity());
        assertEquals(90, tr.tauX());
        assertEquals(0.004, tr.a2Minus());
        assertEquals(5, tr.wmax());
        assertEquals(TripletStdp.synapse().a3Plus(), tr.a3Plus(), "defaults: NEST's");
        Projection v = ModelFile.parse(head.replace("weight: 1 nS", "weight: -1 nS")
                + "{model: vogels_sprekeler_synapse, params: {eta: 0.01, Wmax: -3}}}\n", "v.yaml")
                .build().network().projections().get(0);
        VogelsSprekeler vs = assertInstanceOf(VogelsSprekeler.class, v.synapse().plasticity());
        assertEquals(0.01, vs.eta());
        assertEquals(-3, vs.wmax());
        Projection s = ModelFile.parse(head + "{model: synaptic_scaling_synapse, params: {target_rate: 8 Hz, "
                + "tau: 2 s}}}\n", "s.yaml").build().network().projections().get(0);
        SynapticScaling sc = assertInstanceOf(SynapticScaling.class, s.synapse().plasticity());
        assertEquals(8, sc.targetRate());
        assertEquals(2000, sc.tau());
        Projection nn = ModelFile.parse(head + "{model: stdp_nn_restr_synapse, params: {Wmax: 4}}}\n", "n.yaml")
                .build().network().projections().get(0);
        assertEquals(Stdp.Pairing.NEAREST_RESTRICTED, ((Stdp) nn.synapse().plasticity()).pairing());
        Projection tn = ModelFile.parse(head + "{model: stdp_triplet_nn_synapse, params: {Wmax: 4}}}\n", "tn.yaml")
                .build().network().projections().get(0);
        assertTrue(((TripletStdp) tn.synapse().plasticity()).isNearestSpike());
        Projection tt = ModelFile.parse(head + "{model: stdp_target_trace_synapse, params: {x_tar: 0.3, eta_post: 0.02, "
                + "tau_pre: 15 ms, mu_pre: 1, nearest_spike: false, Wmax: 2}}}\n", "tt.yaml").build().network().projections().get(0);
        TargetTraceStdp r = assertInstanceOf(TargetTraceStdp.class, tt.synapse().plasticity());
        assertEquals(TargetTraceStdp.synapse().taus(15, 20).rates(1e-4, 0.02).target(0.3).exponents(1, 0.2).wmax(2)
                .nearestSpike(false).toString(), r.toString(), "the file's values, the rest the defaults");
        ModelFileException bad = assertThrows(ModelFileException.class, () -> ModelFile.parse(head
                + "{model: stdp_target_trace_synapse, params: {x_tar: -0.1}}}\n", "bad.yaml"));
        assertTrue(bad.getMessage().contains("x_tar"), bad.getMessage());
    }

    @Test
    void malformedParametersAreReportedWithTheKey() throws Exception {
        String y = Files.readString(file("stdp-pair.yaml"));
        ModelFileException neg = assertThrows(ModelFileException.class,
                () -> ModelFile.parse(y.replace("tau_plus: 20 ms", "tau_plus: -20 ms"), "neg.yaml"));
        assertTrue(neg.getMessage().contains("projections.1.synapse.params.tau_plus"), neg.getMessage());
        assertTrue(neg.getMessage().contains("-20 ms"), neg.getMessage());
        ModelFileException unit = assertThrows(ModelFileException.class,
                () -> ModelFile.parse(y.replace("tau_plus: 20 ms", "tau_plus: 20 mV"), "unit.yaml"));
        assertTrue(unit.getMessage().contains("projections.1.synapse.params.tau_plus"), unit.getMessage());
        ModelFileException typo = assertThrows(ModelFileException.class,
                () -> ModelFile.parse(y.replace("lambda: 0.1", "lamda: 0.1"), "typo.yaml"));
        assertTrue(typo.getMessage().contains("unknown parameter 'lamda' of stdp_synapse"), typo.getMessage());
        assertTrue(typo.getMessage().contains("did you mean 'lambda'"), typo.getMessage());
        ModelFileException wmax = assertThrows(ModelFileException.class,
                () -> ModelFile.parse(y.replace("Wmax: 10", "Wmax: 0"), "wmax.yaml"));
        assertTrue(wmax.getMessage().contains("projections.1.synapse.params.Wmax"), wmax.getMessage());
        ModelFileException weight = assertThrows(ModelFileException.class,
                () -> ModelFile.parse(y.replace("weight: 1 mV", "weight: 11 mV"), "weight.yaml"));
        assertTrue(weight.getMessage().contains("projections.1.weight"), weight.getMessage());
    }
}
