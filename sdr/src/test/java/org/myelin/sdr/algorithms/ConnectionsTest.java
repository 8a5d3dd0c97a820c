package org.myelin.sdr.algorithms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.myelin.sdr.Rng;
import org.myelin.sdr.StateIo;

class ConnectionsTest {
    @Test
    void activityCountsPotentialAndConnectedSynapses() {
        Connections c = new Connections(10, 8, 0.5f);
        int s0 = c.createSegment(3);
        int s1 = c.createSegment(3);
        c.createSynapse(s0, 1, 0.6f);
        c.createSynapse(s0, 2, 0.4f);
        c.createSynapse(s1, 2, 0.9f);
        c.createSynapse(s1, 7, 0.1f);
        Connections.Activity act = new Connections.Activity(c);
        int t = act.compute(new int[] {1, 2}, 2, 1);
        assertEquals(2, t);
        assertEquals(2, act.potential(s0));
        assertEquals(1, act.connected(s0));
        assertEquals(1, act.potential(s1));
        assertEquals(1, act.connected(s1));
        assertEquals(1, act.compute(new int[] {1, 2}, 2, 2));
        assertEquals(s0, act.crossed()[0]);
        // a permanence change flips the connected flag
        c.permanence(c.findSynapse(s0, 2), 0.55f);
        act.compute(new int[] {1, 2}, 2, 1);
        assertEquals(2, act.connected(s0));
        // counts from an earlier compute never leak into a later one
        act.compute(new int[] {7}, 1, 1);
        assertEquals(0, act.potential(s0));
        assertEquals(1, act.potential(s1));
        assertEquals(0, act.connected(s1));
    }

    @Test
    void destroyingSynapsesAndSegmentsKeepsTheIndexConsistent() {
        Connections c = new Connections(50, 16, 0.5f);
        Rng rng = new Rng(1);
        int[] segs = new int[20];
        for (int i = 0; i < 20; i++) {
            segs[i] = c.createSegment(rng.nextInt(50));
            for (int k = 0; k < 10; k++) {
                if (c.findSynapse(segs[i], k * 3 % 50) < 0) {
                    c.createSynapse(segs[i], k * 3 % 50, (float) rng.nextDouble());
                }
            }
        }
        for (int i = 0; i < 20; i += 3) {
            c.destroySynapse(c.firstSlot(segs[i]) + 2);
            c.destroySegment(segs[i + 1]);
        }
        // brute-force activity must equal the indexed one
        int[] active = {0, 3, 6, 9, 12, 15, 18, 21};
        Connections.Activity act = new Connections.Activity(c);
        act.compute(active, active.length, 1);
        for (int s = 0; s < c.segmentHandleBound(); s++) {
            if (!c.alive(s)) {
                assertEquals(0, act.potential(s));
                continue;
            }
            int pot = 0;
            int con = 0;
            for (int k = 0; k < c.numSynapses(s); k++) {
                int slot = c.firstSlot(s) + k;
                for (int a : active) {
                    if (c.presynapticCell(slot) == a) {
                        pot++;
                        con += c.permanence(slot) >= 0.5f ? 1 : 0;
                    }
                }
            }
            assertEquals(pot, act.potential(s), "segment " + s);
            assertEquals(con, act.connected(s), "segment " + s);
        }
        // handles are reused only after recycle
        int live = c.numSegments();
        int fresh = c.createSegment(0);
        assertFalse(fresh == segs[1]);
        c.recycle();
        int reused = c.createSegment(0);
        assertTrue(reused == segs[1] || reused == segs[4] || reused == segs[7] || reused == segs[10]
                || reused == segs[13] || reused == segs[16] || reused == segs[19]);
        assertEquals(live + 2, c.numSegments());
        Connections copy = StateIo.fromBytes(StateIo.toBytes(c), Connections::load);
        assertArrayEquals(StateIo.toBytes(c), StateIo.toBytes(copy));
        int doomed = c.createSegment(5);
        c.destroySegment(doomed);
        assertThrows(IllegalStateException.class, () -> c.destroySegment(doomed));
    }

    @Test
    void theGenerationStampWrapsSafely() {
        Connections c = new Connections(4, 4, 0.5f);
        int s = c.createSegment(0);
        c.createSynapse(s, 1, 0.9f);
        Connections.Activity act = new Connections.Activity(c);
        for (int i = 0; i < 70_000; i++) {
            act.compute(i % 2 == 0 ? new int[] {1} : new int[] {2}, 1, 1);
            assertEquals(i % 2 == 0 ? 1 : 0, act.potential(s));
        }
        assertThrows(IllegalArgumentException.class, () -> new Connections(4, 256, 0.5f));
    }
}
