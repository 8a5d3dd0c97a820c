#!/usr/bin/python3
"""Brian2 (C++ standalone) timing benchmark for the Myelin benchmark networks.

Networks are the ones of ``validation/brian2/networks.py`` (COBA, Brunel 2000
model A with optional scaled N_E -- N_I = N_E/4, in-degrees C_E=1000, C_I=250
fixed -- and CUBA).  Each configuration is generated, compiled and run in a
FRESH standalone directory (full compilation, nothing cached), simulating
``--duration-ms`` (default 1000 ms) of biological time at dt = 0.1 ms, with a
SpikeMonitor recording all spikes.  The compiled ``main`` binary is executed
under ``/usr/bin/time -v``.

Prints ONE JSON line per run (stdout) with:
  network, n_neurons, n_synapses, threads, duration_ms, seed
  codegen_compile_s  wall time of Brian's code generation + C++ compilation
                     (Python object creation + device.build(run=False))
  setup_s            binary time minus run-loop time: synapse creation,
                     initial values, reading/writing arrays (results are
                     written to disk at the end of the binary).  Wall time,
                     or CPU time (user+sys from time -v) for threads 0
  build_s            codegen_compile_s + setup_s
  sim_s              time of the network.run loop alone, as written by the
                     binary to results/last_run_info.txt: wall time
                     (omp_get_wtime) for threads >= 1; for threads 0 (OpenMP
                     disabled) Brian uses std::clock, i.e. process CPU time,
                     which is robust against a loaded machine
  binary_s           wall time of the whole compiled binary
  total_spikes       spikes emitted during the run (all neurons)
  syn_events         sum over neurons of spikes * out-degree (exact, from the
                     generated connectivity; external Poisson input of the
                     Brunel model is NOT counted)
  events_per_s       syn_events / sim_s
  peak_rss_mb        "Maximum resident set size" of the binary / 1024
  binary_user_s/binary_sys_s  CPU times of the binary (from time -v)
  loadavg_1min       1-minute load average right after the run (timings are
                     only meaningful on an otherwise idle machine)
  brian2_version

Usage:
  /usr/bin/python3 bench/brian2/bench_brian2.py                      # COBA + Brunel N=12500, 1 thread
  /usr/bin/python3 bench/brian2/bench_brian2.py --threads 1 2
  /usr/bin/python3 bench/brian2/bench_brian2.py --nets brunel --brunel-ne 10000 20000 40000
  /usr/bin/python3 bench/brian2/bench_brian2.py --nets cuba coba --repeat 3
Progress messages go to stderr; only the JSON lines go to stdout.

Notes: with threads >= 2 Brian uses one random stream per thread, so the
connectivity and spike trains differ from the 1-thread run with the same seed
(compare syn_events/events_per_s, not spike counts).  OpenMP with more threads
than free cores degrades badly (per-step barriers).
"""
import argparse
import gc
import json
import os
import re
import shutil
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO, "validation", "brian2"))
import networks  # noqa: E402


def parse_time_v(path):
    out = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            m = re.match(r"Maximum resident set size \(kbytes\):\s*(\d+)", line)
            if m:
                out["peak_rss_mb"] = int(m.group(1)) / 1024.0
            m = re.match(r"Elapsed \(wall clock\) time.*:\s*(\S+)", line)
            if m:
                parts = [float(x) for x in m.group(1).split(":")]
                sec = 0.0
                for x in parts:
                    sec = sec * 60 + x
                out["time_wall_s"] = sec
            m = re.match(r"User time \(seconds\):\s*([\d.]+)", line)
            if m:
                out["user_s"] = float(m.group(1))
            m = re.match(r"System time \(seconds\):\s*([\d.]+)", line)
            if m:
                out["sys_s"] = float(m.group(1))
    return out


def bench_one(net, threads, duration_ms, seed, params, workroot, record, keep):
    directory = tempfile.mkdtemp(prefix=f"{net}_t{threads}_", dir=workroot)
    time_file = os.path.join(directory, "time_v.txt")
    t0 = time.time()
    r = networks.run_network(
        net, seed, directory, threads=threads, duration_ms=duration_ms,
        params=params, record_spikes=record, run=False)
    codegen_compile_s = time.time() - t0
    # run the binary ourselves (through Brian, so that results can be read)
    import brian2 as b2
    b2.prefs.devices.cpp_standalone.run_cmd_unix = [
        "/usr/bin/time", "-v", "-o", time_file, "./main"]
    b2.device.run(directory=directory, with_output=False, run_args=[])
    binary_s = b2.device.timers["run_binary"]
    sim_s = float(b2.device._last_run_time)
    completed = float(b2.device._last_run_completed_fraction)
    tv = parse_time_v(time_file)
    if threads == 0 and "user_s" in tv:
        # sim_s is CPU time here -> measure the rest of the binary in CPU time too
        setup_s = tv["user_s"] + tv.get("sys_s", 0.0) - sim_s
    else:
        setup_s = binary_s - sim_s

    counts = np.asarray(r["spikemon"].count[:], dtype=np.int64)
    deg = networks.out_degrees(r)
    n_syn = int(sum(len(S) for S in r["synapses"]))
    total_spikes = int(counts.sum())
    syn_events = int(np.dot(counts, deg))
    n = int(len(r["P"]))
    p = r["params"]
    res = dict(
        simulator="brian2",
        brian2_version=networks.brian2_version(),
        network=net,
        method=p.get("method"),
        n_neurons=n,
        n_e=int(p["N_E"]), n_i=int(p["N_I"]),
        n_synapses=n_syn,
        threads=threads,
        duration_ms=duration_ms,
        dt_ms=networks.DT_MS,
        seed=seed,
        record_spikes=record,
        codegen_compile_s=round(codegen_compile_s, 3),
        setup_s=round(setup_s, 3),
        build_s=round(codegen_compile_s + setup_s, 3),
        sim_s=round(sim_s, 4),
        sim_s_clock="cpu" if threads == 0 else "wall",
        binary_s=round(binary_s, 3),
        completed_fraction=completed,
        total_spikes=total_spikes,
        mean_rate_hz=total_spikes / (n * duration_ms / 1000.0),
        syn_events=syn_events,
        events_per_s=syn_events / sim_s if sim_s > 0 else None,
        peak_rss_mb=round(tv.get("peak_rss_mb", float("nan")), 1),
        binary_user_s=tv.get("user_s"),
        binary_sys_s=tv.get("sys_s"),
        loadavg_1min=round(os.getloadavg()[0], 2),
        host_cpus=os.cpu_count(),
    )
    del r
    gc.collect()
    if not keep:
        shutil.rmtree(directory, ignore_errors=True)
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nets", nargs="+", default=["coba", "brunel"],
                    choices=sorted(networks.NETWORK_PARAMS))
    ap.add_argument("--threads", type=int, nargs="+", default=[1],
                    help="OpenMP thread counts (default: 1). 0 = OpenMP off; "
                         "Brian then measures the run loop with std::clock, "
                         "i.e. CPU time instead of wall time")
    ap.add_argument("--brunel-ne", type=int, nargs="+", default=[10000],
                    help="N_E values for Brunel (N_I = N_E/4; default 10000 -> N=12500)")
    ap.add_argument("--duration-ms", type=float, default=1000.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--no-record", action="store_true",
                    help="SpikeMonitor(record=False): only count spikes")
    ap.add_argument("--workdir", default=None,
                    help="parent of the standalone directories (default: temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the build directories")
    ap.add_argument("--coba-methods", nargs="+", default=["rk4"],
                    help="Brian2 integration methods for COBA (default rk4; the "
                         "BrainPy/Brian2 benchmark scripts use euler)")
    args = ap.parse_args(argv)

    workroot = args.workdir or tempfile.mkdtemp(prefix="myelin_brian2_bench_")
    os.makedirs(workroot, exist_ok=True)
    configs = []
    for net in args.nets:
        if net == "brunel":
            for ne in args.brunel_ne:
                configs.append((net, networks.params_for(
                    "brunel", N_E=ne, N_I=ne // 4)))
        elif net == "coba":
            for m in args.coba_methods:
                configs.append((net, networks.params_for("coba", method=m)))
        else:
            configs.append((net, networks.params_for(net)))
    try:
        for net, params in configs:
            for threads in args.threads:
                for _ in range(args.repeat):
                    print(f"# running {net} N={params['N_E'] + params['N_I']} "
                          f"threads={threads}", file=sys.stderr, flush=True)
                    res = bench_one(net, threads, args.duration_ms, args.seed,
                                    params, workroot, not args.no_record,
                                    args.keep)
                    print(json.dumps(res), flush=True)
    finally:
        if args.workdir is None and not args.keep:
            shutil.rmtree(workroot, ignore_errors=True)


if __name__ == "__main__":
    main()
