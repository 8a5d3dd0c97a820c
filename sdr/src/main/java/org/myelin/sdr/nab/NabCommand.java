package org.myelin.sdr.nab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.myelin.sdr.anomaly.HtmAnomalyDetector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code myelin nab}: runs the HTM detector over the NAB corpus (series in parallel), writes
 * NAB-format result files, scores them with all three profiles and prints the scoreboard with the
 * published detectors beside ours.
 */
@Command(name = "nab", mixinStandardHelpOptions = true,
        description = {"Run the HTM anomaly detector over the Numenta Anomaly Benchmark, write NAB result files,",
            "score them (standard, reward_low_FP_rate, reward_low_FN_rate) and print the scoreboard."})
public final class NabCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR",
            description = "NAB root with data/, labels/, config/ (default: ../shared/data/nab, then /work/shared/data/nab)")
    String data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "nab-results",
            description = "Where result files go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "Series processed in parallel (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "all",
            description = "standard, reward_low_FP_rate, reward_low_FN_rate or all (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--detector", paramLabel = "KIND", defaultValue = "numenta",
            description = "numenta (backtracking temporal memory, the published NAB HTM) or numentaTM "
                    + "(htm.core temporal memory) (default: ${DEFAULT-VALUE})")
    String detector;

    @Option(names = "--files", paramLabel = "TEXT",
            description = "Only series whose path contains TEXT (a quick partial run; its score is not a NAB score)")
    String files;

    @Option(names = "--score", paramLabel = "PATH",
            description = "Skip detection: score existing results (a results directory holding <detector>/..., "
                    + "or a .tar.gz such as reference_results/numenta.tar.gz)")
    Path scoreOnly;

    @Option(names = "--no-write", description = "Do not write result files (timing runs)")
    boolean noWrite;

    @Option(names = "--seed-offset", paramLabel = "K", defaultValue = "0",
            description = "Add K to every seed (NuPIC's 1956, 1960, 42): for measuring seed-to-seed spread only; "
                    + "the reported NAB score uses K = 0 (default: ${DEFAULT-VALUE})")
    long seedOffset;

    @Spec
    CommandSpec spec;

    private final PrintStream stdout;
    private final PrintStream stderr;

    public NabCommand() {
        this(System.out, System.err);
    }

    NabCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Runs the command alone: {@code java -cp ... org.myelin.sdr.nab.NabCommand [options]}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new NabCommand()).execute(args));
    }

    /** Name of our detector in result files and the scoreboard. */
    String detectorName() {
        String base = detector.equals("numentaTM") ? "myelinHtmTM" : "myelinHtm";
        return seedOffset == 0 ? base : base + "Seed" + seedOffset;
    }

    @Override
    public Integer call() throws IOException {
        HtmAnomalyDetector.Memory memory;
        switch (detector) {
            case "numenta" -> memory = HtmAnomalyDetector.Memory.BACKTRACKING;
            case "numentaTM" -> memory = HtmAnomalyDetector.Memory.TEMPORAL_MEMORY;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--detector must be numenta or numentaTM, got '" + detector + "'");
        }
        List<NabScorer.Profile> profiles = selectProfiles();
        Path root = NabCorpus.resolveRoot(data);
        NabCorpus corpus = NabCorpus.load(root, files);
        if (corpus.series().isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no series match --files '" + files + "'");
        }
        stderr.printf(Locale.ROOT, "NAB corpus %s: %d series, %d rows%n", root.toAbsolutePath().normalize(),
                corpus.series().size(), corpus.totalRows());

        List<NabScorer.SeriesScores> scores;
        String name;
        double seconds = Double.NaN;
        double cpuSeconds = 0;
        if (scoreOnly != null) {
            if (scoreOnly.toString().endsWith(".tar.gz")) {
                scores = NabResults.readArchive(scoreOnly, corpus);
                String f = scoreOnly.getFileName().toString();
                name = f.substring(0, f.length() - ".tar.gz".length());
            } else {
                name = detectorName();
                scores = NabResults.read(scoreOnly, name, corpus);
            }
        } else {
            name = detectorName();
            stderr.printf(Locale.ROOT, "detector %s (%s), %d threads%n", name, detector, threads);
            long t0 = System.nanoTime();
            List<NabRunner.Detection> det = NabRunner.run(corpus,
                    s -> NabRunner.numentaDetector(s, memory, seedOffset), threads, stderr);
            seconds = (System.nanoTime() - t0) / 1e9;
            for (NabRunner.Detection d : det) {
                cpuSeconds += d.cpuSeconds();
            }
            if (!noWrite) {
                for (NabRunner.Detection d : det) {
                    NabResults.write(out, name, d.series(), d.scores(), d.raw());
                }
                stderr.printf(Locale.ROOT, "result files written under %s%n", out.resolve(name).toAbsolutePath());
            }
            scores = NabRunner.toScores(det);
        }
        NabScorer scorer = new NabScorer(corpus.windows());
        Map<String, NabScorer.Result> results = new LinkedHashMap<>();
        for (NabScorer.Profile p : profiles) {
            results.put(p.name(), scorer.score(scores, p));
        }
        if (!noWrite && scoreOnly == null) {
            writeSummaries(name, results);
        }
        printScoreboard(root, name, results, files != null);
        if (!Double.isNaN(seconds)) {
            stdout.printf(Locale.ROOT, "%nthroughput: %d rows in %.1f s = %.0f rows/s (%d threads); "
                    + "detector CPU time %.1f s = %.0f rows per CPU second%n", corpus.totalRows(), seconds,
                    corpus.totalRows() / seconds, threads, cpuSeconds, corpus.totalRows() / cpuSeconds);
        }
        return 0;
    }

    private List<NabScorer.Profile> selectProfiles() {
        List<NabScorer.Profile> all = NabScorer.defaultProfiles();
        if (profile.equals("all")) {
            return all;
        }
        for (NabScorer.Profile p : all) {
            if (p.name().equals(profile)) {
                return List.of(p);
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "--profile must be one of standard, "
                + "reward_low_FP_rate, reward_low_FN_rate, all; got '" + profile + "'");
    }

    private void writeSummaries(String name, Map<String, NabScorer.Result> results) throws IOException {
        StringBuilder json = new StringBuilder("{\n  \"" + name + "\": {\n");
        int k = 0;
        for (NabScorer.Result r : results.values()) {
            StringBuilder csv = new StringBuilder("Detector,Profile,File,Threshold,Score,TP,TN,FP,FN,Total\n");
            for (NabScorer.FileScore f : r.files()) {
                csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%d,%d,%d,%d,%d%n", name, r.profile().name(),
                        f.name(), r.threshold(), f.score(), f.tp(), f.tn(), f.fp(), f.fn(), f.total()));
            }
            csv.append(String.format(Locale.ROOT, "%s,%s,Totals,%s,%s,,,,,%n", name, r.profile().name(),
                    r.threshold(), r.rawScore()));
            NabResults.writeText(out.resolve(name).resolve(name + "_" + r.profile().name() + "_scores.csv"),
                    csv.toString());
            json.append(String.format(Locale.ROOT,
                    "    \"%s\": {\"score\": %s, \"threshold\": %s, \"raw\": %s}%s%n", r.profile().name(),
                    r.normalized(), r.threshold(), r.rawScore(), ++k < results.size() ? "," : ""));
        }
        json.append("  }\n}\n");
        NabResults.writeText(out.resolve("final_results.json"), json.toString());
    }

    @SuppressWarnings("unchecked")
    private void printScoreboard(Path root, String name, Map<String, NabScorer.Result> results, boolean partial)
            throws IOException {
        List<String> profileNames = new ArrayList<>(results.keySet());
        Map<String, Object> published = Map.of();
        Path pub = root.resolve("published_final_results.json");
        if (Files.isRegularFile(pub)) {
            published = (Map<String, Object>) Json.parse(Files.readString(pub, StandardCharsets.UTF_8));
        }
        record Row(String detector, double[] scores, boolean ours) {
        }
        List<Row> rows = new ArrayList<>();
        double[] mine = new double[profileNames.size()];
        for (int i = 0; i < mine.length; i++) {
            mine[i] = results.get(profileNames.get(i)).normalized();
        }
        rows.add(new Row(name + (partial ? " (partial corpus)" : ""), mine, true));
        for (Map.Entry<String, Object> e : published.entrySet()) {
            Map<String, Object> m = (Map<String, Object>) e.getValue();
            double[] s = new double[profileNames.size()];
            for (int i = 0; i < s.length; i++) {
                Object v = m.get(profileNames.get(i));
                s[i] = v instanceof Double d ? d : Double.NaN;
            }
            rows.add(new Row(e.getKey(), s, false));
        }
        rows.sort((a, b) -> Double.compare(b.scores()[0], a.scores()[0]));
        stdout.println();
        stdout.println("NAB v1.1 scoreboard (normalised; ours measured now, the others as published)");
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "  %-32s", "detector"));
        for (String p : profileNames) {
            h.append(String.format(Locale.ROOT, " %19s", p));
        }
        stdout.println(h);
        for (Row r : rows) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s %-32s", r.ours() ? ">" : " ",
                    r.detector()));
            for (double v : r.scores()) {
                b.append(String.format(Locale.ROOT, " %19.2f", v));
            }
            stdout.println(b);
        }
        stdout.println();
        for (NabScorer.Result r : results.values()) {
            stdout.printf(Locale.ROOT, "%-20s threshold %.7f  raw %.4f  (null %.1f, perfect %.1f)  normalised %.2f%n",
                    r.profile().name(), r.threshold(), r.rawScore(), r.nullScore(), r.perfectScore(), r.normalized());
        }
    }
}
