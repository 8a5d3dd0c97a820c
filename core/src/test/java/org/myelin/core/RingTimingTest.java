package org.myelin.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Ring-buffer timing: a spike emitted in step t through a delay of d steps changes the target in
 * step t + d, i.e. it is visible in V_m at time (t + 1 + d) dt, for delays from 1 to 1000 steps and
 * mixed delays in one projection.
 */
class RingTimingTest {
    /** A source neuron that spikes in step 0 (its V_m starts above threshold). */
    private static Population source(Network net) {
        return net.population("src", "iaf_psc_delta", 1).param("E_L", 0).param("V_th", 20).param("V_reset", 0)
                .param("t_ref", 1000).initial("V_m", 25);
    }

    private static Population target(Network net, String name) {
        return net.population(name, "iaf_psc_delta", 1).param("E_L", 0).param("V_th", 1e6).param("V_reset", 0)
                .param("tau_m", 1e30);
    }

    @Test
    void spikeArrivesAfterExactlyTheDelay() {
        for (int d : new int[] {1, 2, 3, 15, 16, 999, 1000}) {
            Network net = new Network(new Network.Context().threads(2));
            Population s = source(net);
            Population t = target(net, "t");
            net.connect(s, t, Connect.allToAll(), Synapse.statics(1.0, d * 0.1));
            StateRecorder rec = net.recordState(t, new String[] {"V_m"}, new int[] {0}, 0.1);
            SpikeRecorder sr = net.recordSpikes(s);
            net.simulate((d + 5) * 0.1);
            assertEquals(1, sr.count());
            assertEquals(0, sr.steps()[0]);
            double[] v = rec.trace("V_m", 0);
            double[] time = rec.times();
            // sample r is taken after step r, at time (r+1) dt; the jump happens in step d
            for (int r = 0; r < v.length; r++) {
                double expected = r >= d ? 1.0 : 0.0;
                assertEquals(expected, v[r], 1e-12, "delay " + d + " steps: V_m at " + time[r] + " ms");
            }
        }
    }

    @Test
    void heterogeneousDelaysInOneProjection() {
        Network net = new Network(new Network.Context().threads(3));
        Population s = source(net);
        Population t = target(net, "t");
        // three synapses from the same source onto the same target with delays 2, 5 and 7 steps
        net.connect(s, t, Connect.explicit(new int[] {0, 0, 0}, new int[] {0, 0, 0},
                new double[] {1, 10, 100}, new double[] {0.2, 0.5, 0.7}), Synapse.statics(0, 0.1));
        StateRecorder rec = net.recordState(t, new String[] {"V_m"}, new int[] {0}, 0.1);
        net.simulate(1.0);
        double[] v = rec.trace("V_m", 0);
        for (int r = 0; r < v.length; r++) {
            double expected = (r >= 2 ? 1 : 0) + (r >= 5 ? 10 : 0) + (r >= 7 ? 100 : 0);
            assertEquals(expected, v[r], 1e-12, "sample " + r);
        }
    }

    @Test
    void stimulusDelayIsHonoured() {
        Network net = new Network(new Network.Context().threads(1));
        Population t = net.population("t", "iaf_psc_delta", 1).param("E_L", 0).param("V_th", 1e6)
                .param("tau_m", 10).param("C_m", 250);
        net.stimulate(Generator.dc(250).start(1.0), t, 1.0, 0.5);
        StateRecorder rec = net.recordState(t, new String[] {"V_m"}, new int[] {0}, 0.1);
        net.simulate(3.0);
        double[] v = rec.trace("V_m", 0);
        // active from step 10, delayed 5 steps: the current acts in steps 15.. ; V(t) = R I (1 - exp(-(t - 1.5)/tau))
        for (int r = 0; r < v.length; r++) {
            double time = (r + 1) * 0.1;
            double expected = time <= 1.5 + 1e-9 ? 0 : 10.0 * -Math.expm1(-(time - 1.5) / 10.0);
            assertEquals(expected, v[r], 1e-12 + 1e-9 * Math.abs(expected), "t = " + time);
        }
    }
}
