package org.myelin.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.myelin.core.Network;
import org.myelin.core.Population;
import org.myelin.core.Synapse;
import org.myelin.core.networks.Brunel;
import org.myelin.core.networks.Coba;
import org.myelin.core.networks.Cuba;
import org.myelin.learn.Stdp;

/**
 * Macro benchmark: builds one reference network, simulates it, and prints one JSON line with the
 * construction time, the simulation wall time, spikes, synaptic events, events per second and memory.
 * {@code bench/run-vs-brian2.sh} runs it beside Brian2 and prints the ratios.
 *
 * <pre>
 * java -jar bench/target/myelin-bench.jar NETWORK [--threads T] [--n N] [--ce CE] [--ci CI] [--duration MS] [--seed S]
 *                                              [--warmup MS]
 *   NETWORK: coba | coba-euler | coba-stdp | cuba | brunel | memory (heap growth per synapse while building brunel)
 * </pre>
 *
 * <p>{@code --warmup MS} (default 0: a cold run) first builds a separate instance of the same
 * network (seed + 1000) and simulates it for MS ms, so that the JIT has compiled the hot loops before
 * the timed network is built; that instance is then dropped. This is the JVM's counterpart of Brian2's
 * code generation and C++ compilation, which its reported run time excludes. The JSON line records
 * {@code warmup_ms} and {@code warmup_s}; the timed network and its spikes are the same as a cold
 * run's.
 */
public final class MacroBench {
    private MacroBench() {
    }

    /** Written by the warm-up's listener, so that it does the same kind of work as the timed one's. */
    static volatile long lastWarmupReport;

    public static void main(String[] args) throws IOException {
        String which = args.length > 0 ? args[0] : "brunel";
        int threads = 1;
        int n = -1;
        int ce = -1;
        int ci = -1;
        double duration = 1000;
        long seed = 42;
        double warmup = 0;
        for (int i = 1; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--threads": threads = Integer.parseInt(v); break;
                case "--n": n = Integer.parseInt(v); break;
                case "--ce": ce = Integer.parseInt(v); break;
                case "--ci": ci = Integer.parseInt(v); break;
                case "--duration": duration = Double.parseDouble(v); break;
                case "--seed": seed = Long.parseLong(v); break;
                case "--warmup": warmup = Double.parseDouble(v); break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        double warmupS = 0;
        if (warmup > 0 && !which.equals("memory")) {
            long w0 = System.nanoTime();
            Network w = create(which, threads, seed + 1000, n, ce, ci);
            w.build();
            // in chunks of at most 10 ms and with the timed run's kind of listener: the step loop is
            // entered once per simulate call, so one long call would leave it compiled only on-stack
            // (OSR), and a listener the warm-up never saw would deoptimise that compilation at the
            // start of the timed run, which would then run partly in the C1 tier
            long wSteps = Math.round(warmup / w.dt());
            long chunk = Math.max(1, Math.round(10.0 / w.dt()));
            Network.ProgressListener quiet = (done, total) -> lastWarmupReport = done;
            for (long done = 0; done < wSteps; done += chunk) w.simulateSteps(Math.min(chunk, wSteps - done), quiet);
            warmupS = (System.nanoTime() - w0) * 1e-9;
            System.err.printf(Locale.ROOT, "[%s] warm-up: %.0f ms of a separate instance in %.2f s%n", which, warmup,
                    warmupS);
        }
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heap0 = mem.getHeapMemoryUsage().getUsed();
        Network net = create(which, threads, seed, n, ce, ci);
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
        if (warmup > 0) {
            // the JIT is still compiling code of the construction (connectivity, streams) for a
            // while after build(); a warm run times the simulation, so let that finish first
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long c0 = processCpuNanos();
        var threadBean = ManagementFactory.getThreadMXBean();
        long tc0 = threadBean.getCurrentThreadCpuTime();
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
        double simCpu = (processCpuNanos() - c0) * 1e-9;
        // this thread runs worker 0, i.e. the whole simulation with one thread; ns resolution, where
        // the process CPU time above comes in 10 ms ticks and includes the JVM's own threads
        double simThreadCpu = (threadBean.getCurrentThreadCpuTime() - tc0) * 1e-9;
        long events = net.totalEvents();
        System.out.printf(Locale.ROOT,
                "{\"simulator\":\"myelin\",\"network\":\"%s\",\"threads\":%d,\"neurons\":%d,\"synapses\":%d,"
                        + "\"warmup_ms\":%.1f,\"warmup_s\":%.3f,\"duration_ms\":%.1f,\"build_s\":%.3f,\"sim_s\":%.3f,\"sim_cpu_s\":%.3f,\"sim_thread_cpu_s\":%.4f,\"spikes\":%d,\"events\":%d,\"events_per_s\":%.4g,"
                        + "\"peak_rss_mb\":%.1f,\"simd\":\"%s\",\"simd_engaged\":%b,\"simd_bits\":\"%s\",\"java\":%d}%n",
                which, threads, net.totalNeurons(), synapses, warmup, warmupS, duration, build, sim, simCpu, simThreadCpu, net.totalSpikes(), events, events / sim,
                peakRssMb(), org.myelin.core.model.Simd.mode(), org.myelin.core.model.Simd.engaged(),
                org.myelin.core.model.Simd.bits(), Runtime.version().feature());
    }

    /** The network of that name, not yet built. */
    static Network create(String which, int threads, long seed, int n, int ce, int ci) {
        Network net = new Network(new Network.Context().threads(threads).seed(seed));
        switch (which) {
            case "coba":
            case "coba-euler": {
                // coba-euler: forward Euler, the method of the Brian2/BrainPy COBA scripts (Brian2's euler)
                Coba c = new Coba();
                if (n > 0) c.n = n;
                c.forwardEuler = which.equals("coba-euler");
                c.build(net);
                break;
            }
            case "coba-stdp": {
                // COBA with additive STDP (NEST's stdp_synapse defaults, Wmax 2 we) on every E->E synapse
                Coba c = new Coba();
                if (n > 0) c.n = n;
                c.ee = Synapse.plastic(c.we, c.delay, Stdp.synapse().additive().wmax(2 * c.we));
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
                throw new IllegalArgumentException("unknown network " + which + "; valid: coba, coba-euler, coba-stdp, cuba, brunel, memory");
        }
        return net;
    }

    /**
     * CPU time of this process (all threads, JIT and GC included), in ns, or 0 if the JVM does not
     * report it. With one worker on a loaded machine it is a steadier measure than wall time, and it is
     * what Brian2 reports for its run loop when OpenMP is off ({@code std::clock}).
     */
    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime();
        return 0;
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
