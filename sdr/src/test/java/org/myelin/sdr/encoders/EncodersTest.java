package org.myelin.sdr.encoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.myelin.sdr.Sdr;
import org.myelin.sdr.StateIo;

class EncodersTest {
    @Test
    void scalarNeighboursShareBitsAndFarValuesDoNot() {
        ScalarEncoder e = new ScalarEncoder(new ScalarEncoder.Params(0, 100, 121, 21, false, true));
        Sdr a = e.encode(50);
        assertEquals(21, a.sum());
        assertEquals(20, a.overlap(e.encode(50.99)));
        assertEquals(0, a.overlap(e.encode(80)));
        assertEquals(0, e.position(0));
        assertEquals(100, e.position(100));
    }

    @Test
    void scalarClipsOrRejectsOutOfRange() {
        ScalarEncoder clip = new ScalarEncoder(new ScalarEncoder.Params(0, 10, 30, 5, false, true));
        assertEquals(clip.encode(10), clip.encode(1e9));
        assertEquals(clip.encode(0), clip.encode(-3));
        ScalarEncoder strict = new ScalarEncoder(new ScalarEncoder.Params(0, 10, 30, 5, false, false));
        assertThrows(IllegalArgumentException.class, () -> strict.encode(10.5));
        assertThrows(IllegalArgumentException.class, () -> strict.encode(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> clip.encode(Double.POSITIVE_INFINITY));
    }

    @Test
    void periodicScalarWraps() {
        ScalarEncoder e = new ScalarEncoder(ScalarEncoder.Params.ofRadius(0, 24, 9.49, 21, true, false));
        assertEquals(54, e.size()); // NuPIC: ceil(21 * 24 / 9.49)
        assertEquals(e.encode(1), e.encode(25));
        assertEquals(e.encode(23.99), e.encode(-0.01));
        assertTrue(e.encode(23.9).overlap(e.encode(0.1)) > 15);
    }

    @Test
    void rdseIsDeterministicLocalAndUnbounded() {
        RandomDistributedScalarEncoder e = new RandomDistributedScalarEncoder(
                new RandomDistributedScalarEncoder.Params(400, 21, 1.0, 42));
        Sdr a = e.encode(10);
        assertTrue(a.sum() >= 19 && a.sum() <= 21, "sum " + a.sum());
        assertEquals(a, e.encode(10.4));
        assertTrue(a.overlap(e.encode(11)) >= 18);
        assertTrue(a.overlap(e.encode(1e6)) <= 6);
        assertEquals(a, new RandomDistributedScalarEncoder(new RandomDistributedScalarEncoder.Params(400, 21, 1.0, 42))
                .encode(10));
        assertNotEquals(a, new RandomDistributedScalarEncoder(new RandomDistributedScalarEncoder.Params(400, 21, 1.0, 43))
                .encode(10));
        assertThrows(IllegalArgumentException.class, () -> e.encode(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> e.encode(1e300));
    }

    @Test
    void rdseDistantBucketsOverlapAsChanceDictates() {
        // mean overlap of unrelated buckets is about w * w / n = 1.1; check the average over many pairs
        RandomDistributedScalarEncoder e = new RandomDistributedScalarEncoder(
                new RandomDistributedScalarEncoder.Params(400, 21, 1.0, 1));
        double sum = 0;
        int pairs = 2000;
        for (int i = 0; i < pairs; i++) {
            sum += e.encode(100 * i).overlap(e.encode(100 * i + 50));
        }
        double mean = sum / pairs;
        // hypergeometric mean 21 * 21 / 400 = 1.10, sd ~1.0 per pair -> 5 sd of the mean is 0.11
        assertEquals(1.10, mean, 0.12);
    }

    @Test
    void dateEncoderTimeOfDayAndWeekend() {
        DateEncoder d = DateEncoder.builder().timeOfDay(21, 9.49).weekend(5).build();
        assertEquals(54 + 10, d.size());
        long sat = LocalDateTime.of(2024, 3, 2, 13, 0).toEpochSecond(ZoneOffset.UTC);
        long mon = LocalDateTime.of(2024, 3, 4, 13, 0).toEpochSecond(ZoneOffset.UTC);
        Sdr a = d.encode(sat);
        Sdr b = d.encode(mon);
        assertEquals(26, a.sum());
        assertEquals(21, a.overlap(b)); // same time of day, weekend block differs
        long monNight = LocalDateTime.of(2024, 3, 4, 1, 0).toEpochSecond(ZoneOffset.UTC);
        assertEquals(5, d.encode(monNight).overlap(b));
    }

    @Test
    void dateEncoderUsesNupicScalarsSecondsIgnoredFridayEveningIsWeekend() {
        DateEncoder d = DateEncoder.builder().timeOfDay(21, 9.49).dayOfWeek(3, 1).weekend(5).build();
        // seconds are dropped: the time-of-day bucket floor(h * 54 / 24) changes at 00:26:40, and
        // 00:26:50 encodes as 00:26 (bucket 0), not in bucket 1 as 00:27 does
        long withSeconds = LocalDateTime.of(2015, 2, 26, 0, 26, 50).toEpochSecond(ZoneOffset.UTC);
        long minute = LocalDateTime.of(2015, 2, 26, 0, 26, 0).toEpochSecond(ZoneOffset.UTC);
        long next = LocalDateTime.of(2015, 2, 26, 0, 27, 0).toEpochSecond(ZoneOffset.UTC);
        assertEquals(d.encode(minute), d.encode(withSeconds));
        assertNotEquals(d.encode(next), d.encode(withSeconds));
        // time of day 0..24 h onto ceil(21 * 24 / 9.49) = 54 periodic bits: bucket floor(h * 54 / 24);
        // 10:39 (h = 10.65, bucket 23.96 -> 23) and 10:41 (h = 10.683, bucket 24.04 -> 24) differ
        DateEncoder tod = DateEncoder.builder().timeOfDay(21, 9.49).build();
        long a = LocalDateTime.of(2015, 2, 26, 10, 39, 59).toEpochSecond(ZoneOffset.UTC);
        long b = LocalDateTime.of(2015, 2, 26, 10, 41, 0).toEpochSecond(ZoneOffset.UTC);
        assertEquals(20, tod.encode(a).overlap(tod.encode(b)));
        // weekend: Friday after 18:00 (timeOfDay > 18), Saturday, Sunday
        DateEncoder w = DateEncoder.builder().weekend(5).build();
        int[] weekendBlock = {5, 6, 7, 8, 9};
        assertArrayEquals(new int[] {0, 1, 2, 3, 4},
                w.encode(LocalDateTime.of(2024, 3, 1, 18, 0).toEpochSecond(ZoneOffset.UTC)).sparseCopy());
        assertArrayEquals(weekendBlock,
                w.encode(LocalDateTime.of(2024, 3, 1, 18, 1).toEpochSecond(ZoneOffset.UTC)).sparseCopy());
        assertArrayEquals(weekendBlock,
                w.encode(LocalDateTime.of(2024, 3, 3, 23, 59).toEpochSecond(ZoneOffset.UTC)).sparseCopy());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4},
                w.encode(LocalDateTime.of(2024, 3, 4, 0, 0).toEpochSecond(ZoneOffset.UTC)).sparseCopy());
    }

    @Test
    void dayOfYearMatchesJavaTime() {
        for (LocalDate day = LocalDate.of(1999, 12, 25); day.isBefore(LocalDate.of(2001, 3, 5)); day = day.plusDays(1)) {
            assertEquals(day.getDayOfYear(), DateEncoder.dayOfYear(day.toEpochDay()), day.toString());
        }
        DateEncoder all = DateEncoder.builder().timeOfDay(5, 4).dayOfWeek(3, 1).weekend(2).season(5, 91.5).build();
        assertEquals(15, all.encode(LocalDateTime.of(2020, 2, 29, 23, 59).toEpochSecond(ZoneOffset.UTC)).sum());
    }

    @Test
    void categoryBlocksAreDisjoint() {
        CategoryEncoder c = new CategoryEncoder(3, 4);
        assertEquals(12, c.size());
        assertArrayEquals(new int[] {4, 5, 6, 7}, c.encode(1).sparseCopy());
        assertEquals(0, c.encode(0).overlap(c.encode(2)));
        assertThrows(IllegalArgumentException.class, () -> c.encode(3));
        assertThrows(IllegalArgumentException.class, () -> c.encode(-1));
    }

    @Test
    void deltaEncodesChangesAndSurvivesSaveRestore() {
        DeltaEncoder d = new DeltaEncoder(new RandomDistributedScalarEncoder.Params(300, 15, 1.0, 3));
        Sdr zero = d.encode(5, new Sdr(300));
        Sdr up = d.encode(25, new Sdr(300)); // delta 20
        assertEquals(d.delta(45), 20.0);
        DeltaEncoder copy = StateIo.fromBytes(StateIo.toBytes(d), DeltaEncoder::load);
        assertEquals(up, copy.encode(45, new Sdr(300)));
        assertEquals(up, d.encode(45, new Sdr(300)));
        assertTrue(zero.overlap(up) < 8);
        assertThrows(IllegalArgumentException.class, () -> d.encode(Double.NaN, new Sdr(300)));
        assertEquals(0.0, d.delta(45)); // the NaN did not change the remembered value
    }

    @Test
    void incrementalRdseKeepsNuPicsOverlapRules() {
        IncrementalRdse e = new IncrementalRdse(400, 21, 1.0, 42);
        Sdr[] s = new Sdr[120];
        for (int i = 0; i < 120; i++) {
            s[i] = e.encode(100 + i - 60, new Sdr(400)); // the first value (40) sets the offset
        }
        assertEquals(120, e.numBuckets());
        for (int i = 0; i < 120; i++) {
            assertEquals(21, s[i].sum());
            for (int j = 0; j < 120; j++) {
                int d = Math.abs(i - j);
                int ov = s[i].overlap(s[j]);
                if (d < 21) {
                    assertEquals(21 - d, ov, i + " vs " + j);
                } else {
                    assertTrue(ov <= 2, i + " vs " + j + ": " + ov);
                }
            }
        }
        assertEquals(s[0], e.encode(40.4, new Sdr(400)));
        IncrementalRdse copy = StateIo.fromBytes(StateIo.toBytes(e), IncrementalRdse::load);
        assertEquals(e.encode(500, new Sdr(400)), copy.encode(500, new Sdr(400)));
        assertEquals(e.encode(-1e9, new Sdr(400)), copy.encode(-1e9, new Sdr(400))); // clipped to bucket 0
        assertThrows(IllegalArgumentException.class, () -> e.encode(Double.NaN, new Sdr(400)));
    }
}
