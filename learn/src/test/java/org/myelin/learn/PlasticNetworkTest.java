package org.myelin.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.myelin.core.Connect;
import org.myelin.core.Dist;
import org.myelin.core.Generator;
import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.Projection;
import org.myelin.core.SpikeRecorder;
import org.myelin.core.Synapse;
import org.myelin.core.WeightRecorder;

/**
 * A Brunel-like network (Brunel 2000 model A, scaled down) with STDP on E->E, inhibitory
 * (Vogels-Sprekeler) plasticity on I->E and short-term depression on E->I: the determinism contract
 * with plastic synapses (1 and 3 threads give bit-identical spikes and weights), the weight recorder,
 * and save/restore (a restored run continues bit-identically, with another thread count).
 */
class PlasticNetworkTest {
    static final class Net {
        Network net;
        Population e;
        Population i;
        Projection ee;
        Projection ie;
        SpikeRecorder rec;
        WeightRecorder weights;
    }

    static Net brunel(int threads) {
        Net n = new Net();
        n.net = new Network(new Network.Context().threads(threads).seed(99));
        n.e = n.net.population("E", "iaf_psc_delta", 800);
        n.i = n.net.population("I", "iaf_psc_delta", 200);
        for (Population p : new Population[] {n.e, n.i}) {
            p.param("E_L", 0).param("V_th", 20).param("V_reset", 10).param("t_ref", 2).param("tau_m", 20)
                    .initial("V_m", Dist.uniform(0, 20));
        }
        n.net.stimulate(Generator.poisson(20_000), n.e, 0.1, 1.5);
        n.net.stimulate(Generator.poisson(20_000), n.i, 0.1, 1.5);
        Stdp stdp = Stdp.synapse().multiplicative().wmax(0.3).lambda(0.01).alpha(1.05);
        n.ee = n.net.connect(n.e, n.e, Connect.fixedIndegree(80),
                Synapse.plastic(Dist.uniform(0.05, 0.15), Dist.uniform(1.0, 3.0), stdp));
        n.net.connect(n.e, n.i, Connect.fixedIndegree(80),
                Synapse.tsodyks(Dist.constant(0.2), Dist.constant(1.5)).tsodyksParams(0.5, 3, 200, 0));
        VogelsSprekeler vs = VogelsSprekeler.synapse().tau(20).eta(0.005).targetRate(8).wmax(-2);
        n.ie = n.net.connect(n.i, n.e, Connect.fixedIndegree(20),
                Synapse.plastic(Dist.constant(-0.5), Dist.uniform(1.0, 2.0), vs));
        n.net.connect(n.i, n.i, Connect.fixedIndegree(20), Synapse.statics(-0.5, 1.5));
        n.rec = n.net.recordSpikes(n.e);
        n.weights = n.net.recordWeights(n.ee, 0, 50, 100.5);
        return n;
    }

    @Test
    void plasticNetworkIsBitIdenticalFor1And3Threads() {
        Net a = brunel(1);
        a.net.simulate(200);
        Net b = brunel(3);
        b.net.simulate(200);
        assertTrue(a.rec.count() > 800, "network should be active, got " + a.rec.count() + " E spikes");
        assertArrayEquals(a.rec.steps(), b.rec.steps());
        assertArrayEquals(a.rec.neurons(), b.rec.neurons());
        double[] wa = a.ee.synapses().weight;
        double[] wb = b.ee.synapses().weight;
        assertTrue(changed(a.ee), "E->E weights should have changed");
        assertTrue(changed(a.ie), "I->E weights should have changed");
        for (int k = 0; k < wa.length; k++) {
            assertEquals(Double.doubleToRawLongBits(wa[k]), Double.doubleToRawLongBits(wb[k]), "E->E weight " + k);
        }
        double[] ia = a.ie.synapses().weight;
        double[] ib = b.ie.synapses().weight;
        for (int k = 0; k < ia.length; k++) {
            assertEquals(Double.doubleToRawLongBits(ia[k]), Double.doubleToRawLongBits(ib[k]), "I->E weight " + k);
        }
        assertArrayEquals(a.weights.weights(), b.weights.weights());
        assertArrayEquals(a.weights.sources(), b.weights.sources());
    }

    static boolean changed(Projection p) {
        double[] w = p.synapses().weight;
        Arrays.sort(w);
        return w[w.length - 1] - w[0] > 1e-3 || p.synapse().weight().isConstant() && w[0] != p.synapse().weight().a();
    }

    @Test
    void weightRecorderTakesSnapshotsAtTheChosenTimes() {
        Net a = brunel(2);
        a.net.build();
        double[] w0 = a.ee.synapses().weight;
        a.net.simulate(120);
        WeightRecorder r = a.weights;
        long n = a.ee.synapseCount();
        assertEquals(3 * n, r.count());
        double[] t = r.times();
        int[] s = r.sources();
        int[] g = r.targets();
        double[] w = r.weights();
        assertEquals(0.0, t[0]);
        assertEquals(50.0, t[(int) n], 1e-12);
        assertEquals(100.5, t[(int) (2 * n)], 1e-12);
        // the snapshot at 0 is the initial weights, in synapse order (source, target)
        int[] src = a.ee.synapses().source;
        int[] tgt = a.ee.synapses().target;
        for (int k = 0; k < n; k++) {
            assertEquals(src[k], s[k]);
            assertEquals(tgt[k], g[k]);
            assertEquals(w0[k], w[k]);
        }
        double diff = 0;
        for (int k = 0; k < n; k++) diff = Math.max(diff, Math.abs(w[(int) (2 * n) + k] - w[k]));
        assertTrue(diff > 0, "weights at 100.5 ms should differ from the initial ones");
        StringBuilder csv = new StringBuilder();
        try {
            r.writeCsv(csv);
        } catch (IOException ex) {
            throw new AssertionError(ex);
        }
        assertTrue(csv.toString().startsWith("time_ms,source,target,weight\n0.0,"));
    }

    @Test
    void restoredRunContinuesBitIdentically() throws IOException {
        Net a = brunel(2);
        a.net.simulate(150);
        ByteArrayOutputStream snap = new ByteArrayOutputStream();
        a.net.saveState(snap);
        int before = a.rec.count();
        a.net.simulate(150);

        Net b = brunel(3);
        b.net.restoreState(new ByteArrayInputStream(snap.toByteArray()));
        assertEquals(1500, b.net.currentStep());
        b.net.simulate(150);

        int[] sa = Arrays.copyOfRange(a.rec.steps(), before, a.rec.count());
        int[] na = Arrays.copyOfRange(a.rec.neurons(), before, a.rec.count());
        assertTrue(sa.length > 500, "second half should be active");
        assertArrayEquals(sa, b.rec.steps());
        assertArrayEquals(na, b.rec.neurons());
        double[] wa = a.ee.synapses().weight;
        double[] wb = b.ee.synapses().weight;
        for (int k = 0; k < wa.length; k++) {
            assertEquals(Double.doubleToRawLongBits(wa[k]), Double.doubleToRawLongBits(wb[k]), "E->E weight " + k);
        }
        assertArrayEquals(a.ie.synapses().weight, b.ie.synapses().weight);
        assertArrayEquals(a.ee.sourceState("Kplus"), b.ee.sourceState("Kplus"));
        double[] va = a.e.get("V_m");
        double[] vb = b.e.get("V_m");
        for (int k = 0; k < va.length; k++) assertEquals(Double.doubleToRawLongBits(va[k]), Double.doubleToRawLongBits(vb[k]));
    }

    @Test
    void aSnapshotOfAnotherNetworkIsRejected() throws IOException {
        Net a = brunel(1);
        a.net.simulate(10);
        ByteArrayOutputStream snap = new ByteArrayOutputStream();
        a.net.saveState(snap);
        Network other = new Network(new Network.Context().threads(1).seed(99));
        other.population("E", "iaf_psc_delta", 10);
        IOException e = assertThrows(IOException.class, () -> other.restoreState(new ByteArrayInputStream(snap.toByteArray())));
        assertTrue(e.getMessage().contains("different structure"), e.getMessage());
    }
}
