package org.myelin.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.SpikeRecorder;
import org.myelin.core.networks.Brunel;
import org.myelin.core.networks.Coba;

/**
 * {@link Simd}'s auto policy (when a run engages the vectorised passes), and that engaging them
 * between runs of one network changes no spike and no state bit, for every kernel that has a pass:
 * {@code iaf_psc_delta} and the Poisson drive (Brunel), {@code iaf_cond_exp} by RK4 and by forward
 * Euler (COBA).
 */
class SimdPolicyTest {
    private static final long MS = 1_000_000L;

    @Test
    void shortRunsStayScalarAndLongRunsEngage() {
        // the latest window: 1,000 steps in 150 ms; 9,000 to go: 1.35 s
        assertFalse(Simd.worthEngaging(150 * MS, 1_000, 9_000, 300 * MS, 0));
        // ... 19,000 to go: 2.85 s
        assertTrue(Simd.worthEngaging(150 * MS, 1_000, 19_000, 300 * MS, 0));
        // the boundary: exactly LONG_RUN_NS to go does not engage, a nanosecond more per step does
        assertFalse(Simd.worthEngaging(100 * MS, 1_000, 20_000, 300 * MS, 0));
        assertTrue(Simd.worthEngaging(100 * MS + 1_000, 1_000, 20_000, 300 * MS, 0));
        // too early to judge: under 100 ms into the run, or no window yet
        assertFalse(Simd.worthEngaging(90 * MS, 1_000, 1_000_000, 90 * MS, 0));
        assertFalse(Simd.worthEngaging(0, 0, 1_000_000, 500 * MS, 0));
        // many short runs: this JVM's total counts, the current run included
        assertTrue(Simd.worthEngaging(0, 0, 10, 10 * MS, Simd.LONG_SESSION_NS - 5 * MS));
        assertFalse(Simd.worthEngaging(0, 0, 10, 10 * MS, Simd.LONG_SESSION_NS - 50 * MS));
    }

    @Test
    void invalidPropertyValuesAreNamed() {
        for (String v : new String[] {null, "auto", "always", "true", "false"}) assertEquals(null, Simd.problem(v), v);
        String why = Simd.problem("maybe");
        assertTrue(why.contains("'maybe'") && why.contains("valid: auto (the default), always, true (= always), false"), why);
        Simd.checkProperty(); // the tests run with a valid value
    }

    @Test
    void vectorWidthsAreChosenAndCapped() {
        for (String v : new String[] {null, "auto", "128", "256", "512"}) assertEquals(null, Simd.bitsProblem(v), v);
        for (String v : new String[] {"64", "1024", "300", "preferred", ""}) {
            String why = Simd.bitsProblem(v);
            assertTrue(why != null && why.contains("'" + v + "'") && why.contains("valid: auto"), v + ": " + why);
        }
        if (Simd.bits().equals("auto")) {
            assertEquals(256, Simd.width(512, 256)); // the pass's own width
            assertEquals(512, Simd.width(512, 0)); // 0: the preferred width
            assertEquals(128, Simd.width(128, 256)); // never wider than the platform's
        } else {
            int bits = Integer.parseInt(Simd.bits()); // the property overrides every pass ...
            assertEquals(bits, Simd.width(512, 256));
            assertEquals(bits, Simd.width(512, 0));
            assertEquals(Math.min(bits, 256), Simd.width(256, 0)); // ... within the platform's width
        }
    }

    @Test
    void engagingBetweenRunsChangesNothing() {
        assertTrue(Simd.ENABLED, "the tests run with --add-modules jdk.incubator.vector (see the parent pom's argLine)");
        boolean was = Simd.setEngagedForTest(false);
        try {
            check("Brunel", net -> Brunel.modelA(2_500).build(net));
            check("COBA RK4", net -> new Coba().build(net));
            Coba euler = new Coba();
            euler.forwardEuler = true;
            check("COBA Euler", euler::build);
        } finally {
            Simd.setEngagedForTest(was);
        }
    }

    /** Scalar throughout, vector throughout, and scalar then vector: the same spikes and states. */
    private static void check(String name, Function<Network, Population[]> builder) {
        int[][] scalar = run(builder, false, false);
        int[][] vector = run(builder, true, true);
        int[][] switched = run(builder, false, true);
        assertTrue(scalar[0].length > 500, name + ": network should be active, got " + scalar[0].length + " spikes");
        for (int k = 0; k < scalar.length; k++) {
            assertArrayEquals(scalar[k], vector[k], name + ": scalar and vector runs differ (" + k + ")");
            assertArrayEquals(scalar[k], switched[k], name + ": engaging mid-way changed the run (" + k + ")");
        }
    }

    /** Spike steps, spike neurons and the V_m bits (as two ints each) of the first population. */
    private static int[][] run(Function<Network, Population[]> builder, boolean first, boolean second) {
        Network net = new Network(new Network.Context().threads(2).seed(11));
        Population[] p = builder.apply(net);
        SpikeRecorder r = net.recordSpikes(p[0]);
        Simd.setEngagedForTest(first);
        net.simulate(60);
        Simd.setEngagedForTest(second);
        net.simulate(60);
        Simd.setEngagedForTest(false);
        double[] v = p[0].get("V_m");
        int[] bits = new int[2 * v.length];
        for (int i = 0; i < v.length; i++) {
            long b = Double.doubleToRawLongBits(v[i]);
            bits[2 * i] = (int) (b >>> 32);
            bits[2 * i + 1] = (int) b;
        }
        assertEquals(r.steps().length, r.neurons().length);
        return new int[][] {r.steps(), r.neurons(), bits};
    }
}
