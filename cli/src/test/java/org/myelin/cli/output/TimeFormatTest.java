package org.myelin.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimeFormatTest {

    @Test
    void decimalsComeFromTheStep() {
        assertEquals(1, TimeFormat.forStep(0.1).decimals());
        assertEquals(2, TimeFormat.forStep(0.05).decimals());
        assertEquals(3, TimeFormat.forStep(0.025).decimals());
        assertEquals(0, TimeFormat.forStep(1.0).decimals());
        assertEquals(0, TimeFormat.forStep(10.0).decimals());
        assertEquals(-1, TimeFormat.forStep(1.0 / 3).decimals());
        assertEquals(-1, TimeFormat.forStep(Double.NaN).decimals());
    }

    @Test
    void multiplesOfTheStepPrintShortAndParseToTheCanonicalValue() {
        for (double dt : new double[] {0.1, 0.05, 0.025, 0.01, 1, 0.2, 0.125}) {
            TimeFormat f = TimeFormat.forStep(dt);
            for (long s = 0; s < 200_000; s += 7) {
                double t = (s + 1) * dt;
                String text = f.format(t);
                assertEquals(f.canonical(t), Double.parseDouble(text), () -> dt + " " + text);
                assertEquals(f.decimals(), text.indexOf('.') < 0 ? 0 : text.length() - text.indexOf('.') - 1, text);
                assertEquals(f.canonical(t), f.canonical(Double.parseDouble(text)), "canonical is a fixed point");
            }
        }
        assertEquals("0.3", TimeFormat.forStep(0.1).format(3 * 0.1));
        assertEquals("0.30000000000000004", Double.toString(3 * 0.1));
        assertEquals("0.050", TimeFormat.forStep(0.025).format(2 * 0.025));
        assertEquals("1000.0", TimeFormat.forStep(0.1).format(10000 * 0.1));
        assertEquals("-2.5", TimeFormat.forStep(0.1).format(-2.5));
        assertEquals("7", TimeFormat.forStep(1).format(7));
    }

    @Test
    void offGridValuesKeepEveryDigit() {
        TimeFormat f = TimeFormat.forStep(0.1);
        double t = 0.123456789;
        assertEquals(Double.toString(t), f.format(t));
        assertEquals(t, f.canonical(t));
        TimeFormat rt = TimeFormat.forStep(1.0 / 3);
        assertEquals(Double.toString(2.0 / 3), rt.format(2.0 / 3));
    }
}
