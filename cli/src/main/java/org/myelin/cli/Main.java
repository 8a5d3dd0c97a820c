package org.myelin.cli;

import java.util.Locale;

import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.SpikeRecorder;
import org.myelin.core.analysis.SpikeStats;
import org.myelin.core.networks.Brunel;

/**
 * The {@code myelin} command. This first version runs the built-in default model, the Brunel (2000)
 * balanced network (model A, N = 12,500), and prints a summary per population. Model files and the
 * full command set (check, models, inspect, plot) come with the model-file issue.
 *
 * <pre>
 * myelin run [--threads N] [--seed S] [--duration MS]
 * </pre>
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || !args[0].equals("run")) {
            System.err.println("usage: myelin run [--threads N] [--seed S] [--duration MS]");
            return 2;
        }
        int threads = Runtime.getRuntime().availableProcessors();
        long seed = 42;
        double duration = 1000;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                System.err.println("myelin run: option " + a + " needs a value");
                return 2;
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--threads": threads = Integer.parseInt(v); break;
                    case "--seed": seed = Long.parseLong(v); break;
                    case "--duration": duration = Double.parseDouble(v); break;
                    default:
                        System.err.println("myelin run: unknown option " + a + " (model files are not supported yet: "
                                + "only the built-in Brunel network runs); valid: --threads, --seed, --duration");
                        return 2;
                }
            } catch (NumberFormatException e) {
                System.err.println("myelin run: " + a + " needs a number, got '" + v + "'");
                return 2;
            }
        }
        Network net = new Network(new Network.Context().threads(threads).seed(seed));
        Population[] pops = new Brunel().build(net);
        SpikeRecorder[] recs = new SpikeRecorder[pops.length];
        for (int p = 0; p < pops.length; p++) recs[p] = net.recordSpikes(pops[p]);
        System.out.printf(Locale.ROOT, "Brunel (2000) model A: %d neurons, seed %d, %d threads%n", net.totalNeurons(), seed, threads);
        net.build();
        System.out.printf(Locale.ROOT, "built %d synapses in %.2f s%n", net.totalSynapses(), net.buildSeconds());
        long t0 = System.nanoTime();
        final double dur = duration;
        net.simulate(duration, (done, total) -> {
            double el = (System.nanoTime() - t0) * 1e-9;
            System.out.printf(Locale.ROOT, "  %7.1f / %.1f ms  elapsed %.1f s%n", done * net.dt(), dur, el);
        });
        double sim = (System.nanoTime() - t0) * 1e-9;
        System.out.printf(Locale.ROOT, "simulated %.1f ms in %.2f s (%.2e synaptic events/s)%n", duration, sim,
                net.totalEvents() / sim);
        System.out.printf(Locale.ROOT, "%-6s %8s %10s %9s %8s %9s%n", "pop", "neurons", "spikes", "rate Hz", "CV ISI", "synchrony");
        for (int p = 0; p < pops.length; p++) {
            SpikeStats s = SpikeStats.of(recs[p].times(), recs[p].neurons(), pops[p].size(), 0, duration, 5);
            System.out.printf(Locale.ROOT, "%-6s %8d %10d %9.2f %8.3f %9.4f%n", pops[p].name(), pops[p].size(), s.spikes,
                    s.rate, s.cvIsi, s.synchrony);
        }
        return 0;
    }
}
