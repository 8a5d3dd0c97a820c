package org.myelin.cli.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.myelin.core.analysis.SpikeStats;

/**
 * One population's firing statistics over a whole run (definitions in {@link SpikeStats}): neurons,
 * spikes, mean rate (Hz), mean CV of the inter-spike intervals, Golomb's synchrony measure, the Fano
 * factor of the population count and the fraction of neurons with at least 3 spikes. Counts and
 * synchrony use bins of {@code binMs}.
 */
public record PopulationSummary(String population, int neurons, long spikes, double rateHz, double cvIsi,
                                double synchrony, double fano, double activeFraction) {

    /** Bin for the synchrony measure and the Fano factor when none is given, ms. */
    public static final double DEFAULT_BIN_MS = 5.0;

    /**
     * The statistics of every population of {@code d} over the whole run, (0, duration]. With a known
     * dt the spikes are binned by step (exact: bin b holds steps [b·n, (b+1)·n) for a bin of n steps,
     * as {@link RateData} does); with dt unknown, by time.
     */
    public static List<PopulationSummary> of(SpikeData d, double binMs) {
        List<PopulationSummary> out = new ArrayList<>();
        double dt = d.dt();
        for (int p = 0; p < d.populationCount(); p++) {
            int n = d.sizes()[p];
            String name = d.populations()[p];
            if (n <= 0) {
                out.add(new PopulationSummary(name, n, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
                continue;
            }
            double[] t = d.timesMs()[p];
            SpikeStats s;
            if (dt > 0 && d.durationMs() > 0) {
                // in units of steps: a spike of step k has "time" k, the window is [0, steps)
                double[] steps = new double[t.length];
                for (int k = 0; k < t.length; k++) steps[k] = Math.round(t[k] / dt) - 1;
                long total = Math.round(d.durationMs() / dt);
                double binSteps = binMs / dt;
                if (Math.abs(binSteps - Math.rint(binSteps)) < 1e-9 * binSteps) binSteps = Math.rint(binSteps);
                s = SpikeStats.of(steps, d.neurons()[p], n, 0, total, binSteps);
                out.add(new PopulationSummary(name, n, s.spikes, s.rate / dt, s.cvIsi, s.synchrony, s.fano, s.activeFraction));
            } else {
                double end = d.durationMs();
                for (double x : t) end = Math.max(end, x);
                if (!(end > 0)) {
                    out.add(new PopulationSummary(name, n, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
                    continue;
                }
                s = SpikeStats.of(t, d.neurons()[p], n, 0, Math.nextUp(end), binMs);
                out.add(new PopulationSummary(name, n, s.spikes, s.rate, s.cvIsi, s.synchrony, s.fano, s.activeFraction));
            }
        }
        return out;
    }

    /** The summary table printed at the end of a run (columns aligned, NaN shown as "-"). */
    public static String table(List<PopulationSummary> rows) {
        int w = "population".length();
        for (PopulationSummary r : rows) w = Math.max(w, r.population.length());
        String head = String.format(Locale.ROOT, "%-" + w + "s %10s %12s %10s %8s %10s%n", "population", "neurons", "spikes",
                "rate (Hz)", "CV ISI", "synchrony");
        StringBuilder sb = new StringBuilder(head);
        for (PopulationSummary r : rows) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s %10d %12d %10s %8s %10s%n", r.population, r.neurons, r.spikes,
                    num(r.rateHz, 2), num(r.cvIsi, 3), num(r.synchrony, 4)));
        }
        return sb.toString();
    }

    private static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "-";
    }

    /** This row as a JSON object (for {@code run.json}). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", population);
        m.put("neurons", neurons);
        m.put("spikes", spikes);
        m.put("rate_hz", rateHz);
        m.put("cv_isi", cvIsi);
        m.put("synchrony", synchrony);
        m.put("fano", fano);
        m.put("active_fraction", activeFraction);
        return m;
    }
}
