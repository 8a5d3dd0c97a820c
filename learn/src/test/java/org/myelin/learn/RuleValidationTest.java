package org.myelin.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.core.Connect;
import org.myelin.core.Dist;
import org.myelin.core.ModelException;
import org.myelin.core.Network;
import org.myelin.core.Plasticity;
import org.myelin.core.Population;
import org.myelin.core.Synapse;
import org.myelin.core.VolumeTransmitter;

/** Rules reject invalid parameters and initial weights at once, naming the key. */
class RuleValidationTest {
    static ModelException connect(Plasticity rule, Dist w) {
        Network net = new Network(new Network.Context().threads(1));
        Population a = net.population("A", "iaf_psc_exp", 5);
        return assertThrows(ModelException.class, () -> {
            net.connect(a, a, Connect.allToAll(), Synapse.plastic(w, Dist.constant(1.0), rule));
            net.build();
        });
    }

    @Test
    void parametersAreChecked() {
        assertTrue(connect(Stdp.synapse().tauPlus(-1), Dist.constant(1)).getMessage().contains("tau_plus"));
        assertTrue(connect(Stdp.synapse().wmax(0), Dist.constant(0)).getMessage().contains("Wmax"));
        assertTrue(connect(Stdp.synapse().symmetric(true).pairing(Stdp.Pairing.NEAREST_RESTRICTED), Dist.constant(1))
                .getMessage().contains("symmetric"));
        assertTrue(connect(TripletStdp.synapse().amplitudes(-1, 0, 0, 0), Dist.constant(1)).getMessage().contains("Aplus"));
        assertTrue(connect(VogelsSprekeler.synapse().eta(-1), Dist.constant(0.5)).getMessage().contains("eta"));
    }

    @Test
    void initialWeightsMustLieWithinTheBounds() {
        assertTrue(connect(Stdp.synapse().wmax(10), Dist.constant(11)).getMessage().contains("weight"));
        assertTrue(connect(Stdp.synapse().wmax(10), Dist.constant(-1)).getMessage().contains("weight"));
        assertTrue(connect(Stdp.synapse().wmax(10), Dist.uniform(5, 12)).getMessage().contains("weight"),
                "drawn weights are checked at build");
    }

    @Test
    void dopamineNeedsAVolumeTransmitterAndBoundsOfOneSign() {
        assertThrows(IllegalArgumentException.class, () -> DopamineStdp.synapse(null));
        Network net = new Network(new Network.Context().threads(1));
        Population da = net.population("DA", "parrot_neuron", 1);
        Population a = net.population("A", "iaf_psc_exp", 2);
        ModelException e = assertThrows(ModelException.class, () -> net.connect(a, a, Connect.allToAll(),
                Synapse.plastic(1, 1, DopamineStdp.synapse(VolumeTransmitter.of(da)).bounds(-1, 1))));
        assertEquals("Wmin", e.key());
    }
}
