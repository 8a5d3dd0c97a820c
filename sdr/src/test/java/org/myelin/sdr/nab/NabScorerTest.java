package org.myelin.sdr.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scorer against NAB's published numbers for the published HTM detector's own output. */
class NabScorerTest {
    static NabCorpus corpus;
    static List<NabScorer.SeriesScores> reference;

    @BeforeAll
    static void load() throws Exception {
        Path root = NabCorpus.resolveRoot(null);
        corpus = NabCorpus.load(root);
        reference = NabResults.readArchive(root.resolve("reference_results/numenta.tar.gz"), corpus);
    }

    @Test
    void corpusHasAllSeriesRowsAndWindows() {
        assertEquals(58, corpus.series().size());
        assertEquals(365_558, corpus.totalRows());
        assertEquals(116, new NabScorer(corpus.windows()).labelledWindows());
    }

    @Test
    void publishedHtmOutputScores70_10OnTheStandardProfile() {
        NabScorer scorer = new NabScorer(corpus.windows());
        NabScorer.Result r = scorer.score(reference, NabScorer.defaultProfiles().get(0));
        assertEquals("standard", r.profile().name());
        // the sweep's threshold is the lowest score above NAB's published 0.5421877: same detections
        assertEquals(0.543099145074, r.threshold(), 1e-12);
        assertEquals(46.634450197137596, r.rawScore(), 1e-9);
        assertEquals(-116.0, r.nullScore());
        assertEquals(116.0, r.perfectScore());
        assertEquals(70.10105611943965, r.normalized(), 1e-9);
        assertEquals("70.10", String.format("%.2f", r.normalized()));
        NabScorer.Result fixed = scorer.score(reference, NabScorer.defaultProfiles().get(0), 0.5421876907348634);
        assertEquals(46.634450197137596, fixed.rawScore(), 1e-9);
        assertEquals(70.10105611943965, fixed.normalized(), 1e-9);
    }

    @Test
    void publishedHtmOutputMatchesTheOtherProfiles() {
        NabScorer scorer = new NabScorer(corpus.windows());
        // NAB published these with its older hill-climbing ("twiddle") optimiser: at its thresholds
        // the scorer reproduces them exactly ...
        NabScorer.Result lowFp = scorer.score(reference, NabScorer.defaultProfiles().get(1), 0.5751955032348636);
        assertEquals(30.431072517124093, lowFp.rawScore(), 1e-9);
        assertEquals(63.11684160219828, lowFp.normalized(), 1e-9);
        // ... and the exhaustive sweep finds a slightly better threshold for reward_low_FP_rate
        NabScorer.Result swept = scorer.score(reference, NabScorer.defaultProfiles().get(1));
        assertEquals(30.645309205798327, swept.rawScore(), 1e-9);
        assertEquals(63.20918500249927, swept.normalized(), 1e-9);
        NabScorer.Result lowFn = scorer.score(reference, NabScorer.defaultProfiles().get(2));
        assertEquals(0.543099145074, lowFn.threshold(), 1e-12);
        assertEquals(-232.0, lowFn.nullScore());
        assertEquals(26.634450197137568, lowFn.rawScore(), 1e-9);
        assertEquals(74.3202443095115, lowFn.normalized(), 1e-9);
    }

    @Test
    void profilesFileMatchesTheBuiltInProfiles() throws Exception {
        List<NabScorer.Profile> read = NabScorer.readProfiles(corpus.root().resolve("config/profiles.json"));
        assertEquals(NabScorer.defaultProfiles(), read);
    }

    @Test
    void nullDetectorScoresZeroAndPerfectDetectorScoresHundred() {
        NabScorer scorer = new NabScorer(corpus.windows());
        List<NabScorer.SeriesScores> nulls = new ArrayList<>();
        List<NabScorer.SeriesScores> perfect = new ArrayList<>();
        for (NabCorpus.Series s : corpus.series()) {
            nulls.add(new NabScorer.SeriesScores(s.name(), s.timestamps(), new double[s.rows()]));
            // fire exactly once, on the first row of each window
            double[] p = new double[s.rows()];
            for (long[] w : s.windows()) {
                for (int i = 0; i < s.rows(); i++) {
                    if (s.timestamps()[i] == w[0]) {
                        p[i] = 1.0;
                    }
                }
            }
            perfect.add(new NabScorer.SeriesScores(s.name(), s.timestamps(), p));
        }
        for (NabScorer.Profile prof : NabScorer.defaultProfiles()) {
            assertEquals(0.0, scorer.score(nulls, prof).normalized(), 1e-12, prof.name());
            // the earliest detection in a window is worth tp * s(-1 - 1/W)/s(-1), a hair under tp
            double n = scorer.score(perfect, prof).normalized();
            assertTrue(n > 99.9 && n <= 100.0, prof.name() + " " + n);
        }
    }

    @Test
    void scaledSigmoidMatchesNab() {
        assertEquals(0.9866142981514305, NabScorer.scaledSigmoid(-1.0), 1e-15);
        assertEquals(0.0, NabScorer.scaledSigmoid(0.0), 1e-15);
        assertEquals(-1.0, NabScorer.scaledSigmoid(3.0));
        assertEquals(-0.9866142981514305, NabScorer.scaledSigmoid(1.0), 1e-15);
    }

    @Test
    void resultFileWithAWrongTimestampIsRejected() throws Exception {
        NabCorpus.Series s = corpus.series().get(0);
        Path dir = Files.createTempDirectory("nab");
        NabResults.write(dir, "x", s, new double[s.rows()], null);
        Path f = NabResults.resultPath(dir, "x", s.name());
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.set(2, lines.get(2).replaceFirst("^\\d{4}", "1999"));
        Files.write(f, lines);
        NabCorpus one = NabCorpus.load(corpus.root(), s.name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NabResults.read(dir, "x", one));
        assertTrue(e.getMessage().contains(":3:"), e.getMessage());
        Map<String, List<long[]>> w = corpus.windows();
        assertTrue(w.containsKey(s.name()));
    }
}
