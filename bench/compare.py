#!/usr/bin/python3
"""Reads the JSON lines of bench/run-vs-brian2.sh and prints the side-by-side table with ratios
against Brian2 (C++ standalone, one thread) and the targets of the core engine issue.

Myelin rows come in two kinds: "cold" (a fresh JVM times its first simulation, JIT compilation
included) and "warm" (the JVM first simulated a separate instance of the same network, see
MacroBench --warmup; the counterpart of Brian2's code generation and compilation, which Brian2's
run time excludes). Brian2's COBA runs once per integration method: rk4 (the same order as
Myelin's iaf_cond_exp: RK4 on V, here with the conductances integrated by RK4 too) and euler (the
method of the Brian2/BrainPy benchmark scripts), against Myelin's coba (RK4 in V, exact conductance
decay) and coba-euler (iaf_cond_exp with forward_euler: the same method as Brian2's euler); the
targets are judged on the same-method pairs. Ratios are Brian2 time / Myelin time; for one
thread both are CPU times of the run loop when available (Brian2 with OpenMP off measures
std::clock), which a loaded machine disturbs less than wall time: for a warm Myelin run, the CPU
time of the thread that runs the simulation (ns resolution; the process CPU time, also printed,
comes in 10 ms ticks), for a cold one the process CPU time, JIT compilation included. Runs on a
JDK other than 17 (the script's optional second pass on a newer JDK) are kinds of their own, labelled
with the JDK's feature version ("warm jdk25"), with their own ratios and thread scaling."""
import json
import statistics
import sys

rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip().startswith("{")]
b2runs = {}
for r in rows:
    if r.get("simulator") == "brian2":
        b2runs.setdefault((r["network"], r.get("method") or ""), []).append(r)
# Brian2 is repeated as often as Myelin (its run loop varies by up to 1.5x from run to run on this
# host): the median of each field, and the range of sim_s
b2 = {}
for key, rs in b2runs.items():
    m = dict(rs[0])
    for f in ("build_s", "sim_s", "peak_rss_mb"):
        m[f] = statistics.median(x[f] for x in rs)
    m["events_per_s"] = m["syn_events"] / m["sim_s"] if m.get("syn_events") else m["events_per_s"]
    m["runs"] = len(rs)
    m["sim_s_range"] = (min(x["sim_s"] for x in rs), max(x["sim_s"] for x in rs))
    b2[key] = m
# the JDK the project targets (17, the machine's default java); runs on another JDK (the script's
# optional second pass) form kinds of their own, e.g. "warm jdk25"
BASE_JAVA = 17
runs = {}
for r in rows:
    if r.get("simulator") == "myelin":
        kind = "warm" if r.get("warmup_ms", 0) > 0 else "cold"
        if r.get("java", BASE_JAVA) != BASE_JAVA:
            kind += f" jdk{r['java']}"
        runs.setdefault((r["network"], r.get("threads"), r.get("neurons"), kind), []).append(r)

my = []
for (net, thr, n, kind), rs in runs.items():
    m = dict(rs[0])
    m["kind"] = kind
    for f in ("build_s", "sim_s", "sim_cpu_s", "sim_thread_cpu_s", "peak_rss_mb"):
        if f in m:
            m[f] = statistics.median(x[f] for x in rs)
    if "sim_s" in m:
        m["events_per_s"] = m["events"] / m["sim_s"]
        m["runs"] = len(rs)
        m["sim_s_range"] = (min(x["sim_s"] for x in rs), max(x["sim_s"] for x in rs))
    my.append(m)


def b2_time(r):
    return r["sim_s"]


def my_time(r):
    # one worker: CPU time (robust on a loaded machine, and what Brian2 reports with OpenMP off), of
    # the thread that runs the simulation where the run reports it (ns resolution; the process CPU
    # time comes in 10 ms ticks, too coarse for COBA's ~0.1 s) in a warm run (a cold run counts the
    # JIT's threads too, so it keeps the process time); two workers: wall time (the point of threads)
    if r["threads"] == 1 and r.get("kind", "").startswith("warm") and r.get("sim_thread_cpu_s"):
        return r["sim_thread_cpu_s"]
    if r["threads"] == 1 and r.get("sim_cpu_s"):
        return r["sim_cpu_s"]
    return r["sim_s"]


targets = {("coba", 1): 3, ("coba", 2): 5, ("brunel", 1): 10}
print(f"{'network':<10} {'simulator':<20} {'thr':>3} {'build s':>8} {'sim s':>8} {'cpu s':>7} {'thr cpu':>8} "
      f"{'events/s':>10} {'peak MB':>8}")
for (net, meth), r in sorted(b2.items()):
    label = "brian2" + (f" {meth}" if meth else "")
    print(f"{net:<10} {label:<20} {1:>3} {r['build_s']:>8.2f} {r['sim_s']:>8.3f} {'':>7} {'':>8} {r['events_per_s']:>10.3g} "
          f"{r['peak_rss_mb']:>8.1f}   (median of {r['runs']}, {r['sim_s_range'][0]:.3f}..{r['sim_s_range'][1]:.3f} s)")
for r in sorted(my, key=lambda r: (r["network"], r["kind"], r.get("threads", 0))):
    if r["network"] == "memory":
        continue
    cpu = f"{r['sim_cpu_s']:.3f}" if r.get("sim_cpu_s") else ""
    tcpu = f"{r['sim_thread_cpu_s']:.4f}" if r.get("sim_thread_cpu_s") and r["threads"] == 1 else ""
    print(f"{r['network']:<10} {'myelin ' + r['kind']:<20} {r['threads']:>3} {r['build_s']:>8.2f} {r['sim_s']:>8.3f} "
          f"{cpu:>7} {tcpu:>8} {r['events_per_s']:>10.3g} {r['peak_rss_mb']:>8.1f}   (median of {r['runs']}, wall "
          f"{r['sim_s_range'][0]:.3f}..{r['sim_s_range'][1]:.3f} s)")

print()
print("ratios (brian2 time / myelin time; one thread: CPU times (Myelin: of its simulating thread), two threads: "
      "myelin wall time):")
for r in sorted(my, key=lambda r: (r["network"], r["kind"], r.get("threads", 0))):
    if r["network"] == "memory":
        continue
    # Myelin's coba-euler (forward_euler) is Brian2's coba with method euler
    mynet = r["network"]
    b2net = "coba" if mynet == "coba-euler" else mynet
    for (net, meth), ref in sorted(b2.items()):
        if net != b2net or ref["n_neurons"] != r.get("neurons"):
            continue
        ratio = b2_time(ref) / my_time(r)
        t = targets.get((net, r["threads"]))
        same = (net != "coba") or meth == ("euler" if mynet == "coba-euler" else "rk4")
        flag = "" if t is None or not same else f"target >= {t}: {'ok' if ratio >= t else 'MISSED'}" + (" (same method)" if net == "coba" else "")
        print(f"  {mynet:<10} myelin {r['kind']:<10} {r['threads']} thr vs brian2{(' ' + meth) if meth else '':<6}: "
              f"{ratio:6.2f}x  {flag}")
for r in my:
    if r["network"] == "memory":
        print(f"memory: {r['synapses']} synapses, heap growth {r['heap_growth_bytes']/2**20:.0f} MiB, "
              f"{r['bytes_per_synapse_all_in']:.2f} bytes/synapse all-in (target <= 10), build {r['build_s']:.2f} s")
st = {r["network"]: my_time(r) for r in my if r["kind"] == "warm" and r["threads"] == 1}
if "coba-stdp" in st and "coba" in st:
    print(f"plastic throughput: coba-stdp / coba (warm, 1 thread, CPU) = {st['coba-stdp'] / st['coba']:.2f}x (target <= 2)")
for kind in ["cold", "warm"] + sorted({r["kind"] for r in my} - {"cold", "warm"}):
    for net in ("coba", "coba-euler", "brunel"):
        s = {r["threads"]: r["sim_s"] for r in my
             if r["network"] == net and r["kind"] == kind and (net != "brunel" or r.get("neurons") == 12500)}
        if 1 in s and 2 in s:
            print(f"thread scaling {net} ({kind}, wall): {s[1] / s[2]:.2f}x from 1 to 2 threads"
                  + (" (target >= 1.7)" if net == "brunel" else ""))
for r in my:
    if r["network"] == "brunel" and r.get("neurons") == 12500 and r["kind"] == "cold":
        print(f"brunel construction ({r['threads']} threads): {r['build_s']:.2f} s for {r['synapses']} synapses "
              f"(target <= 1 s)")
