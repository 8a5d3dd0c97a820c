package org.myelin.sdr.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NabCorpusTest {
    static Path write(String text) throws Exception {
        Path f = Files.createTempFile("series", ".csv");
        Files.writeString(f, text);
        return f;
    }

    static IllegalArgumentException bad(String text) throws Exception {
        Path f = write(text);
        return assertThrows(IllegalArgumentException.class, () -> NabCorpus.readSeries(f, "x/y.csv", List.of()));
    }

    @Test
    void readsTimestampsAndValues() throws Exception {
        NabCorpus.Series s = NabCorpus.readSeries(write("timestamp,value\n2014-04-01 00:00:00,1.5\n"
                + "2014-04-01 00:05:00,2\n"), "x/y.csv", List.of(new long[] {NabTime.parse("2014-04-01 00:05:00"),
                    NabTime.parse("2014-04-01 00:05:00")}));
        assertEquals(2, s.rows());
        assertEquals(1.5, s.values()[0]);
        assertEquals(300, s.timestamps()[1] - s.timestamps()[0]);
        assertEquals("2", s.valueText(1));
        assertEquals(0, s.label(0));
        assertEquals(1, s.label(1));
        assertEquals(0, s.probationaryPeriod());
    }

    @Test
    void badInputNamesFileLineAndField() throws Exception {
        assertTrue(bad("time,value\n").getMessage().contains(":1:"));
        IllegalArgumentException e = bad("timestamp,value\n2014-04-01 00:00:00,abc\n");
        assertTrue(e.getMessage().contains(":2: field 'value' = 'abc' is not a number"), e.getMessage());
        e = bad("timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,\n");
        assertTrue(e.getMessage().contains(":3: field 'value' is empty"), e.getMessage());
        e = bad("timestamp,value\n2014-04-01 00:00:00\n");
        assertTrue(e.getMessage().contains(":2: field 'value' is missing"), e.getMessage());
        e = bad("timestamp,value\n2014-13-01 00:00:00,1\n");
        assertTrue(e.getMessage().contains(":2: field 'timestamp'"), e.getMessage());
        e = bad("timestamp,value\n2014-04-01 00:00:00,NaN\n");
        assertTrue(e.getMessage().contains("is not finite"), e.getMessage());
    }

    @Test
    void timestampsMatchJavaTime() {
        assertEquals(java.time.LocalDateTime.of(2015, 2, 26, 21, 42, 53).toEpochSecond(java.time.ZoneOffset.UTC),
                NabTime.parse("2015-02-26 21:42:53"));
        assertEquals(NabTime.parse("2014-04-10 07:15:00"), NabTime.parse("2014-04-10 07:15:00.000000"));
        assertEquals("2014-04-10 07:15:00", NabTime.format(NabTime.parse("2014-04-10 07:15:00")));
        assertThrows(IllegalArgumentException.class, () -> NabTime.parse("2014-04-10 07:15:00.5"));
        assertThrows(IllegalArgumentException.class, () -> NabTime.parse("yesterday"));
    }

    @Test
    void jsonReaderHandlesTheNabFiles() {
        Object o = Json.parse("{\"a\": [1, 2.5e1, -3], \"b\": {\"c\": \"x\\\"y\", \"d\": null, \"e\": true}}");
        assertEquals("{a=[1.0, 25.0, -3.0], b={c=x\"y, d=null, e=true}}", o.toString());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1} x"));
    }
}
