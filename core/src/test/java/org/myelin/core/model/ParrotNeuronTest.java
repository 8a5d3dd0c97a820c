package org.myelin.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.core.NeuronKernel;
import org.myelin.core.SpikeBuffer;

class ParrotNeuronTest {
    static final ParrotNeuron MODEL = ParrotNeuron.INSTANCE;

    static int[] spikes(SpikeBuffer out) {
        int[] ids = new int[out.size()];
        for (int k = 0; k < ids.length; k++) ids[k] = out.get(k);
        return ids;
    }

    @Test
    void describesAParrot() {
        assertEquals("parrot_neuron", MODEL.name());
        assertEquals(2, MODEL.receptorCount());
        assertEquals(ParrotNeuron.NO_REPEAT, MODEL.receptorNames()[1]);
        assertFalse(MODEL.signRouted());
        assertTrue(MODEL.hasInput());
        assertTrue(MODEL.parameters().isEmpty());
        assertTrue(MODEL.stateVariables().isEmpty());
        assertEquals(ParrotNeuron.MAX_SPIKES_PER_STEP, MODEL.maxSpikesPerStep());
        assertTrue(MODEL.maxSpikesPerStep() > 1);
    }

    @Test
    void repeatsEachSpikeInTheStepItArrives() {
        KernelHarness k = new KernelHarness(MODEL, 0.1, 5);
        assertEquals(0, k.step());
        k.spike(0, 1, 1.0);
        k.spike(0, 3, 1.0);
        k.spike(0, 3, 1.0);
        k.spike(0, 3, 1.0);
        k.spike(0, 4, 1.0);
        assertEquals(5, k.step());
        assertArrayEquals(new int[] {1, 3, 3, 3, 4}, spikes(k.out));
        assertEquals(0, k.step(), "nothing is kept for later steps");
    }

    @Test
    void ignoresTheCurrentPort() {
        KernelHarness k = new KernelHarness(MODEL, 0.1, 2);
        k.current(0, 500.0);
        assertEquals(0, k.step());
    }

    @Test
    void honoursSliceAndBase() {
        NeuronKernel kernel = MODEL.compile(new double[0], 0.1);
        assertSame(kernel, MODEL.compile(new double[0], 0.5), "stateless: one kernel");
        double[][] in = {new double[] {0, 0, 0, 2, 0, 1, 1}, new double[7]};
        SpikeBuffer out = new SpikeBuffer(4);
        // neurons 0..3 of this slice live at in[0][3..6]; only [1, 3) is updated
        kernel.update(0, new double[0][], in, 3, 1, 3, out);
        assertArrayEquals(new int[] {2}, spikes(out));
        out.clear();
        kernel.update(0, new double[0][], in, 3, 0, 4, out);
        assertArrayEquals(new int[] {0, 0, 2, 3}, spikes(out));
    }

    @Test
    void aLargeCountIsRepeatedInFull() {
        KernelHarness k = new KernelHarness(MODEL, 0.1, 1);
        int n = ParrotNeuron.MAX_SPIKES_PER_STEP + 5;
        k.spike(0, 0, n);
        assertEquals(n, k.step());
    }

    @Test
    void aFractionalCountIsAnError() {
        boolean assertions = false;
        assert assertions = true;
        if (!assertions) return;
        KernelHarness k = new KernelHarness(MODEL, 0.1, 1);
        k.spike(0, 0, 0.5);
        assertThrows(AssertionError.class, k::step);
    }
}
