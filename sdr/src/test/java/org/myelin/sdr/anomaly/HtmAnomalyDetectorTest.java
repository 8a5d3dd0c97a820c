package org.myelin.sdr.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.myelin.sdr.StateIo;

class HtmAnomalyDetectorTest {
    static final long T0 = LocalDateTime.of(2014, 4, 1, 0, 0).toEpochSecond(java.time.ZoneOffset.UTC);

    static double sine(int i) {
        return 50 + 40 * Math.sin(2 * Math.PI * i / 48.0);
    }

    @Test
    void nuPicResolutionFormula() {
        HtmAnomalyDetector.Context c = HtmAnomalyDetector.numenta().inputRange(0, 100);
        assertEquals(140.0 / 130, c.effectiveResolution(), 1e-12);
        // NuPIC widens an empty range to [min, min + 1]
        assertEquals(1.0 / 130, HtmAnomalyDetector.numenta().inputRange(5, 5).effectiveResolution(), 1e-15);
        assertEquals(0.001, HtmAnomalyDetector.numenta().inputRange(0, 0.05).effectiveResolution(), 1e-15);
    }

    @Test
    void learnsASineThenFlagsSpatialAndTemporalAnomalies() {
        HtmAnomalyDetector d = new HtmAnomalyDetector(HtmAnomalyDetector.numenta().inputRange(0, 100)
                .probationaryPeriod(200));
        double maxAfterLearning = 0;
        double rawAfterLearning = 0;
        for (int i = 0; i < 900; i++) {
            double s = d.feed(T0 + 1800L * i, sine(i));
            assertTrue(s >= 0 && s <= 1);
            if (i > 600) {
                maxAfterLearning = Math.max(maxAfterLearning, s);
                rawAfterLearning = Math.max(rawAfterLearning, d.lastRawScore());
            }
        }
        assertTrue(maxAfterLearning < 0.9, "max score on the learned sine " + maxAfterLearning);
        assertTrue(rawAfterLearning < 0.3, "max raw anomaly on the learned sine " + rawAfterLearning);
        double raw = 0;
        for (int i = 900; i < 905; i++) {
            d.feed(T0 + 1800L * i, 50); // flat line inside the range: no spatial anomaly
            raw = Math.max(raw, d.lastRawScore());
        }
        assertTrue(raw > 0.5, "raw anomaly of a broken pattern " + raw);
        // a value far outside the range seen: spatial anomaly
        assertEquals(1.0, d.feed(T0 + 1800L * 905, 200));
    }

    @Test
    void badInputHasDefinedBehaviour() {
        HtmAnomalyDetector d = new HtmAnomalyDetector(HtmAnomalyDetector.numenta().inputRange(0, 10));
        d.feed(T0, 1);
        byte[] before = StateIo.toBytes(d);
        assertThrows(IllegalArgumentException.class, () -> d.feed(T0 + 60, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.feed(T0 + 60, Double.NEGATIVE_INFINITY));
        assertArrayEquals(before, StateIo.toBytes(d)); // rejected records change nothing
        d.feed(T0 - 60, 1); // a step back in time (NAB has some) is accepted and counted
        assertEquals(1, d.outOfOrderRecords());
        d.feed(T0, 2); // equal timestamps are accepted
        HtmAnomalyDetector strict = new HtmAnomalyDetector(HtmAnomalyDetector.numenta().inputRange(0, 10)
                .rejectOutOfOrder(true));
        strict.feed(T0, 1);
        byte[] strictBefore = StateIo.toBytes(strict);
        assertThrows(IllegalArgumentException.class, () -> strict.feed(T0 - 60, 1));
        assertArrayEquals(strictBefore, StateIo.toBytes(strict));
        assertEquals(1.0, d.feed(T0 + 60, 1e6)); // out of the declared range: encoded, flagged spatial
        assertThrows(IllegalArgumentException.class,
                () -> new HtmAnomalyDetector(new HtmAnomalyDetector.Context()));
    }

    @Test
    void saveRestoreContinuesBitIdentically() {
        for (HtmAnomalyDetector.Context c : new HtmAnomalyDetector.Context[] {
            HtmAnomalyDetector.numenta().inputRange(0, 100).probationaryPeriod(100),
            HtmAnomalyDetector.numentaTM().inputRange(0, 100).probationaryPeriod(100)}) {
            HtmAnomalyDetector a = new HtmAnomalyDetector(c);
            for (int i = 0; i < 250; i++) {
                a.feed(T0 + 300L * i, sine(i) + (i % 17 == 0 ? 20 : 0));
            }
            byte[] s = StateIo.toBytes(a);
            HtmAnomalyDetector b = StateIo.fromBytes(s, HtmAnomalyDetector::load);
            assertArrayEquals(s, StateIo.toBytes(b));
            for (int i = 250; i < 400; i++) {
                double v = sine(i) + (i % 13 == 0 ? 25 : 0);
                assertEquals(a.feed(T0 + 300L * i, v), b.feed(T0 + 300L * i, v));
            }
            assertArrayEquals(StateIo.toBytes(a), StateIo.toBytes(b));
        }
    }
}
