#!/usr/bin/python3
"""Reads the JSON lines of bench/run-vs-brian2.sh and prints the side-by-side table with ratios
against Brian2 (C++ standalone, one thread) and the targets of the core engine issue."""
import json
import statistics
import sys

rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip().startswith("{")]
b2 = {r["network"]: r for r in rows if r.get("simulator") == "brian2"}
runs = {}
for r in rows:
    if r.get("simulator") == "myelin":
        runs.setdefault((r["network"], r.get("threads"), r.get("neurons")), []).append(r)
my = []
for key, rs in runs.items():
    m = dict(rs[0])
    for f in ("build_s", "sim_s", "peak_rss_mb"):
        if f in m:
            m[f] = statistics.median(x[f] for x in rs)
    if "sim_s" in m:
        m["events_per_s"] = m["events"] / m["sim_s"]
        m["runs"] = len(rs)
        m["sim_s_range"] = (min(x["sim_s"] for x in rs), max(x["sim_s"] for x in rs))
    my.append(m)

print(f"{'network':<10} {'sim':<8} {'thr':>3} {'build s':>8} {'sim s':>8} {'events/s':>10} {'peak MB':>8} {'brian2/myelin':>14} {'target':>8}")
targets = {("coba", 1): 3, ("coba", 2): 5, ("brunel", 1): 10}
for r in b2.values():
    print(f"{r['network']:<10} {'brian2':<8} {1:>3} {r['build_s']:>8.2f} {r['sim_s']:>8.3f} {r['events_per_s']:>10.3g} {r['peak_rss_mb']:>8.1f} {'':>14}")
scaling = {}
for r in my:
    if r["network"] == "memory":
        continue
    ref = b2.get(r["network"])
    ratio = ref["sim_s"] / r["sim_s"] if ref and r.get("neurons") == ref["n_neurons"] else float("nan")
    t = targets.get((r["network"], r["threads"]))
    flag = "" if t is None else (f">= {t} {'ok' if ratio >= t else 'MISSED'}")
    if r.get("neurons") == 12500 or r["network"] == "coba":
        scaling.setdefault(r["network"], {})[r["threads"]] = r["sim_s"]
    print(f"{r['network']:<10} {'myelin':<8} {r['threads']:>3} {r['build_s']:>8.2f} {r['sim_s']:>8.3f} {r['events_per_s']:>10.3g} {r['peak_rss_mb']:>8.1f} {ratio:>14.2f} {flag:>8}"
          f"   (median of {r['runs']}, sim {r['sim_s_range'][0]:.3f}..{r['sim_s_range'][1]:.3f} s)")
for r in my:
    if r["network"] == "memory":
        print(f"memory: {r['synapses']} synapses, heap growth {r['heap_growth_bytes']/2**20:.0f} MiB, "
              f"{r['bytes_per_synapse_all_in']:.2f} bytes/synapse all-in (target <= 10), build {r['build_s']:.2f} s")
for net, s in scaling.items():
    if 1 in s and 2 in s:
        print(f"thread scaling {net}: {s[1] / s[2]:.2f}x from 1 to 2 threads" + (" (target >= 1.7)" if net == "brunel" else ""))
for r in my:
    if r["network"] == "brunel" and r.get("neurons") == 12500:
        print(f"brunel construction ({r['threads']} threads): {r['build_s']:.2f} s for {r['synapses']} synapses (target <= 1 s)")
