package org.myelin.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.networks.Brunel;
import org.myelin.core.networks.Coba;
import org.myelin.core.networks.Cuba;

/**
 * Macro benchmark: builds one reference network, simulates it, and prints one JSON line with the
 * construction time, the simulation wall time, spikes, synaptic events, events per second and memory.
 * {@code bench/run-vs-brian2.sh} runs it beside Brian2 and prints the ratios.
 *
 * <pre>
 * java -jar bench/target/myelin-bench.jar NETWORK [--threads T] [--n N] [--ce CE] [--ci CI] [--duration MS] [--seed S]
 *   NETWORK: coba | cuba | brunel | memory (heap growth per synapse while building brunel)
 * </pre>
 */
public final class MacroBench {
    private MacroBench() {
    }

    public static void main(String[] args) throws IOException {
        String which = args.length > 0 ? args[0] : "brunel";
        int threads = 1;
        int n = -1;
        int ce = -1;
        int ci = -1;
        double duration = 1000;
        long seed = 42;
        for (int i = 1; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--threads": threads = Integer.parseInt(v); break;
                case "--n": n = Integer.parseInt(v); break;
                case "--ce": ce = Integer.parseInt(v); break;
                case "--ci": ci = Integer.parseInt(v); break;
                case "--duration": duration = Double.parseDouble(v); break;
                case "--seed": seed = Long.parseLong(v); break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heap0 = mem.getHeapMemoryUsage().getUsed();
        Network net = new Network(new Network.Context().threads(threads).seed(seed));
        switch (which) {
            case "coba": {
                Coba c = new Coba();
                if (n > 0) c.n = n;
                c.build(net);
                break;
            }
            case "cuba": {
                Cuba c = new Cuba();
                if (n > 0) c.n = n;
                c.build(net);
                break;
            }
            case "brunel":
            case "memory": {
                Brunel b = Brunel.modelA(n > 0 ? n : 12_500);
                if (ce > 0) b.cE = ce;
                if (ci > 0) b.cI = ci;
                b.build(net);
                break;
            }
            default:
                throw new IllegalArgumentException("unknown network " + which + "; valid: coba, cuba, brunel, memory");
        }
        System.err.printf(Locale.ROOT, "[%s] building %d neurons, %d threads...%n", which, net.totalNeurons(), threads);
        long b0 = System.nanoTime();
        net.build();
        System.err.printf(Locale.ROOT, "[%s] built %d synapses in %.2f s%n", which, net.totalSynapses(),
                (System.nanoTime() - b0) * 1e-9);
        double build = (System.nanoTime() - b0) * 1e-9;
        long synapses = net.totalSynapses();
        if (which.equals("memory")) {
            System.gc();
            System.gc();
            long heap1 = mem.getHeapMemoryUsage().getUsed();
            long synBytes = 0;
            for (var p : net.projections()) synBytes += p.memoryBytes();
            System.out.printf(Locale.ROOT,
                    "{\"simulator\":\"myelin\",\"network\":\"memory\",\"neurons\":%d,\"synapses\":%d,\"build_s\":%.3f,"
                            + "\"heap_growth_bytes\":%d,\"bytes_per_synapse_all_in\":%.3f,\"synapse_storage_bytes_per_synapse\":%.3f}%n",
                    net.totalNeurons(), synapses, build, heap1 - heap0, (heap1 - heap0) / (double) synapses,
                    synBytes / (double) synapses);
            return;
        }
        long s0 = System.nanoTime();
        final long[] lastReport = {s0};
        net.simulate(duration, (done, total) -> {
            long now = System.nanoTime();
            if (now - lastReport[0] > 5_000_000_000L) { // long runs only: every 5 s, to stderr
                lastReport[0] = now;
                System.err.printf(Locale.ROOT, "[%s] %.1f / %.1f ms simulated, %.0f s elapsed%n", which,
                        done * net.dt(), total * net.dt(), (now - s0) * 1e-9);
            }
        });
        double sim = (System.nanoTime() - s0) * 1e-9;
        long events = net.totalEvents();
        System.out.printf(Locale.ROOT,
                "{\"simulator\":\"myelin\",\"network\":\"%s\",\"threads\":%d,\"neurons\":%d,\"synapses\":%d,"
                        + "\"duration_ms\":%.1f,\"build_s\":%.3f,\"sim_s\":%.3f,\"spikes\":%d,\"events\":%d,\"events_per_s\":%.4g,"
                        + "\"peak_rss_mb\":%.1f}%n",
                which, threads, net.totalNeurons(), synapses, duration, build, sim, net.totalSpikes(), events, events / sim,
                peakRssMb());
    }

    /** Peak resident set size of this process (Linux VmHWM), or -1. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] f = line.trim().split("\\s+");
                    return Long.parseLong(f[1]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
