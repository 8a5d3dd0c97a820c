package org.myelin.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.myelin.core.Models;
import org.myelin.core.NeuronModel;
import org.myelin.core.ParamSpec;

class UnitsTest {
    private static double q(String text, String unit) {
        return Units.toInternal(text, unit, "x");
    }

    @Test
    void convertsToInternalUnits() {
        assertEquals(10.0, q("10 ms", "ms"));
        assertEquals(10.0, q("10ms", "ms"));
        assertEquals(1000.0, q("1 s", "ms"));
        assertEquals(0.5, q("500 us", "ms"));
        assertEquals(0.5, q("500 µs", "ms"));
        assertEquals(-65.0, q("-65 mV", "mV"));
        assertEquals(-65.0, q("-0.065 V", "mV"));
        assertEquals(500.0, q("0.5 nA", "pA"));
        assertEquals(2000.0, q("2e3 Hz", "Hz"));
        assertEquals(20000.0, q("20 kHz", "Hz"));
        assertEquals(200.0, q("200 pF", "pF"));
        assertEquals(281.0, q("0.281 nF", "pF"));
        assertEquals(6.0, q("6 nS", "nS"));
        assertEquals(1000.0, q("1 uS", "nS"));
        assertEquals(0.02, q("0.02 /ms", "1/ms"));
        assertEquals(0.02, q("20 Hz", "1/ms"));
        assertEquals(0.7, q("0.7", ""));
        assertEquals(3.0, q("3", "steps"));
        assertEquals(Double.NEGATIVE_INFINITY, q("-inf mV", "mV"));
        assertEquals(Double.POSITIVE_INFINITY, q(".inf ms", "ms"));
        assertEquals(Double.POSITIVE_INFINITY, q("Infinity ms", "ms"));
    }

    @Test
    void scalesDecimalsExactly() {
        // one rounding from the exact decimal: 100 us is the same double as the literal 0.1
        assertEquals(0.1, q("100 us", "ms"));
        assertEquals(0.3, q("0.3 ms", "ms"));
        assertEquals(0.0001, q("0.1 us", "ms"));
        assertEquals(1.7e-3, q("1.7 uV", "mV"));
    }

    @Test
    void rejectsMissingWrongAndUnknownUnits() {
        IllegalArgumentException bare = assertThrows(IllegalArgumentException.class, () -> Units.toInternal("20", "ms", "tau_m"));
        assertTrue(bare.getMessage().contains("20 has no unit: tau_m is a time, e.g. 10 ms"), bare.getMessage());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> Units.toInternal("20 mV", "ms", "tau_m"));
        assertTrue(wrong.getMessage().contains("mV is a voltage, but tau_m is a time"), wrong.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Units.toInternal("2 mv", "mV", "V_th"));
        assertTrue(unknown.getMessage().contains("unknown unit 'mv' (did you mean 'mV'?)"), unknown.getMessage());
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class, () -> Units.toInternal("2 ms", "", "p"));
        assertTrue(plain.getMessage().contains("p is dimensionless, written as a plain number"), plain.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class, () -> Units.toInternal("fast", "ms", "d"));
        assertTrue(text.getMessage().contains("'fast' is not a quantity"), text.getMessage());
        // case matters: mS is millisiemens, not milliseconds
        assertThrows(IllegalArgumentException.class, () -> Units.toInternal("5 mS", "ms", "t"));
        assertEquals(5e6, q("5 mS", "nS"));
    }

    @Test
    void formatReadsBackBitForBit() {
        SplittableRandom r = new SplittableRandom(7);
        List<Double> values = new ArrayList<>(List.of(0.1, 1e-7, 1e300, -0.0, 20000.0, -65.0, 16.6667,
                Double.MIN_VALUE, -Double.MAX_VALUE, Double.NEGATIVE_INFINITY));
        for (int i = 0; i < 2000; i++) values.add((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-12, 12)));
        for (String unit : List.of("ms", "mV", "pA", "", "1/ms")) {
            for (double v : values) {
                String s = Units.format(v, unit);
                assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(q(s, unit)), s);
            }
        }
        assertEquals("20 ms", Units.format(20, "ms"));
        assertEquals("0.1 mV", Units.format(0.1, "mV"));
        assertEquals("-inf mV", Units.format(Double.NEGATIVE_INFINITY, "mV"));
        assertEquals("1e-7 ms", Units.format(1e-7, "ms"));
    }

    /** Fails loudly when a registered model has a parameter or state variable with a unit the file layer does not know. */
    @Test
    void everyUnitOfEveryModelHasADimension() {
        for (String name : Models.neuronNames()) {
            NeuronModel m = Models.neuron(name);
            for (ParamSpec p : m.parameters()) {
                assertNotNull(Units.dimensionOf(p.unit()), name + "." + p.name() + " has unit '" + p.unit()
                        + "' with no dimension in Units");
            }
            for (int i = 0; i < m.stateVariables().size(); i++) {
                assertNotNull(Units.dimensionOf(m.stateUnit(i)), name + " state " + m.stateVariables().get(i)
                        + " has unit '" + m.stateUnit(i) + "' with no dimension in Units");
            }
            if (m.hasInput() && m.receptorCount() > 0) {
                assertNotNull(Units.dimensionOf(Catalog.weightUnit(m)), name + ": no weight unit");
            }
        }
        for (String s : Catalog.synapseModels()) {
            for (ParamSpec p : Catalog.synapseParameters(s)) assertNotNull(Units.dimensionOf(p.unit()), s + "." + p.name());
        }
        for (String s : Catalog.stimulusModels()) {
            for (ParamSpec p : Catalog.stimulusParameters(s)) assertNotNull(Units.dimensionOf(p.unit()), s + "." + p.name());
        }
    }

    @Test
    void weightUnitsFollowTheInputKind() {
        assertEquals("mV", Catalog.weightUnit(Models.neuron("iaf_psc_delta")));
        assertEquals("mV", Catalog.weightUnit(Models.neuron("izhikevich")));
        assertEquals("pA", Catalog.weightUnit(Models.neuron("iaf_psc_exp")));
        assertEquals("pA", Catalog.weightUnit(Models.neuron("hh_psc_alpha")));
        assertEquals("nS", Catalog.weightUnit(Models.neuron("iaf_cond_exp")));
        assertEquals("nS", Catalog.weightUnit(Models.neuron("aeif_cond_exp")));
        assertEquals("nS", Catalog.weightUnit(Models.neuron("hh_cond_exp_traub")));
        assertEquals("", Catalog.weightUnit(Models.neuron("parrot_neuron")));
    }
}
