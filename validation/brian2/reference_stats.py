#!/usr/bin/python3
"""Reference spiking statistics from Brian2 for the Myelin benchmark networks.

Runs each network (see ``networks.py``: brunel, cuba, coba, and coba_euler:
COBA integrated by forward Euler as the benchmark scripts do) in Brian2 C++
standalone mode (1 OpenMP thread, dt = 0.1 ms, 1200 ms) for several seeds and
writes ``core/src/test/resources/reference/brian2_<net>.json``.

Statistics, computed with numpy from the SpikeMonitor, separately for the
excitatory (E) and inhibitory (I) population, over the analysis window
[200, 1200) ms (the first 200 ms are discarded as transient):

  rate_hz        total number of spikes of the population in the window
                 divided by (N_pop * 1.0 s).
  cv_isi         mean, over the neurons having >= 3 spikes in the window, of
                 the coefficient of variation std(ISI)/mean(ISI) of that
                 neuron's inter-spike intervals inside the window (numpy std,
                 ddof=0).  null if no neuron qualifies.
  fano           Fano factor var/mean (ddof=0) of the population's total spike
                 count in consecutive 5 ms bins covering the window (200 bins).
                 null if the population is silent.
  frac_ge3       fraction of the population's neurons with >= 3 spikes in
                 the window (the neurons entering cv_isi).
  spike_count    total number of spikes of the population in the window.

Across seeds, every statistic gets its mean and its sample standard deviation
(ddof=1) over the seeds for which it is defined.

Usage (Debian interpreter, which has brian2):
  /usr/bin/python3 validation/brian2/reference_stats.py                 # all nets
  /usr/bin/python3 validation/brian2/reference_stats.py --nets cuba --seeds 3
  /usr/bin/python3 validation/brian2/reference_stats.py --seed-list 1 2 5
Default seeds: 1..10 for cuba/coba, 1..6 for brunel.
"""
import argparse
import gc
import json
import os
import shutil
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import networks  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "core", "src", "test", "resources", "reference")
DEFAULT_SEEDS = {"brunel": 6, "cuba": 10, "coba": 10, "coba_euler": 10}

T_START_MS = 200.0
T_STOP_MS = 1200.0
BIN_MS = 5.0
MIN_SPIKES_CV = 3
STAT_NAMES = ["rate_hz", "cv_isi", "fano", "frac_ge3", "spike_count"]


def population_stats(i, t_ms, start, stop, t0=T_START_MS, t1=T_STOP_MS,
                     bin_ms=BIN_MS):
    """Statistics of the neurons with index in [start, stop).

    ``i``: neuron indices, ``t_ms``: spike times in ms (both 1-d arrays).
    """
    n_pop = stop - start
    window_s = (t1 - t0) / 1000.0
    sel = (i >= start) & (i < stop) & (t_ms >= t0) & (t_ms < t1)
    ii = i[sel] - start
    tt = t_ms[sel]
    n_spikes = int(tt.size)
    rate = n_spikes / (n_pop * window_s)

    # per-neuron ISI CV (neurons with >= 3 spikes in the window)
    order = np.lexsort((tt, ii))
    ii, tt = ii[order], tt[order]
    counts = np.bincount(ii, minlength=n_pop)
    bounds = np.concatenate(([0], np.cumsum(counts)))
    cvs = []
    for n in np.nonzero(counts >= MIN_SPIKES_CV)[0]:
        isi = np.diff(tt[bounds[n]:bounds[n + 1]])
        m = isi.mean()
        cvs.append(isi.std() / m if m > 0 else np.nan)
    cv = float(np.nanmean(cvs)) if len(cvs) else None
    frac = float(np.count_nonzero(counts >= MIN_SPIKES_CV) / n_pop)

    # Fano factor of the population count in 5 ms bins
    n_bins = int(round((t1 - t0) / bin_ms))
    edges = t0 + bin_ms * np.arange(n_bins + 1)
    hist, _ = np.histogram(tt, bins=edges)
    mean = hist.mean()
    fano = float(hist.var() / mean) if mean > 0 else None
    return dict(rate_hz=float(rate), cv_isi=cv, fano=fano, frac_ge3=frac,
                spike_count=n_spikes)


def _fmt(x):
    return "None" if x is None else f"{x:.3f}"


def summarize(per_seed, pops):
    summary = {}
    for pop in pops:
        summary[pop] = {}
        for s in STAT_NAMES:
            vals = np.array([r[pop][s] for r in per_seed if r[pop][s] is not None],
                            dtype=float)
            summary[pop][s] = dict(
                mean=float(vals.mean()) if vals.size else None,
                std=float(vals.std(ddof=1)) if vals.size > 1 else None,
                n=int(vals.size))
    return summary


def run_net(name, seeds, workdir, threads, out_dir):
    directory = os.path.join(workdir, name)
    per_seed = []
    t_all = time.time()
    params = None
    derived = None
    for s in seeds:
        t0 = time.time()
        r = networks.run_network(name, s, directory, threads=threads,
                                 duration_ms=networks.DEFAULT_DURATION_MS)
        mon = r["spikemon"]
        i = np.asarray(mon.i[:], dtype=np.int64)
        t_ms = np.asarray(mon.t[:] / networks.ms, dtype=float)
        pops = networks.populations(r)
        stats = {pop: population_stats(i, t_ms, a, b) for pop, (a, b) in pops.items()}
        stats["seed"] = int(s)
        stats["total_spikes_full_run"] = int(i.size)
        stats["n_synapses"] = int(sum(len(S) for S in r["synapses"]))
        stats["sim_s"] = r["sim_s"]
        per_seed.append(stats)
        params, derived = r["params"], r["derived"]
        sim_s = r["sim_s"]
        # release the Brian objects before the next build (keeps object
        # names, hence the generated code, identical -> incremental compile)
        del r, mon
        gc.collect()
        print(f"[{name}] seed {s}: "
              + "  ".join(f"{pop}: rate={stats[pop]['rate_hz']:.3f}Hz "
                          f"cv={_fmt(stats[pop]['cv_isi'])} fano={_fmt(stats[pop]['fano'])}"
                          for pop in pops)
              + f"  (sim {sim_s:.2f}s, total {time.time() - t0:.1f}s)",
              flush=True)
    result = dict(
        network=name,
        simulator="brian2",
        brian2_version=networks.brian2_version(),
        device="cpp_standalone",
        openmp_threads=threads,
        dt_ms=networks.DT_MS,
        duration_ms=networks.DEFAULT_DURATION_MS,
        analysis_window_ms=[T_START_MS, T_STOP_MS],
        fano_bin_ms=BIN_MS,
        min_spikes_for_cv=MIN_SPIKES_CV,
        statistic_definitions={
            "rate_hz": "spikes of the population in the window / (N_pop * 1.0 s)",
            "cv_isi": "mean over neurons with >=3 spikes in the window of std(ISI)/mean(ISI), ddof=0",
            "fano": "var/mean (ddof=0) of population spike count in 200 consecutive 5 ms bins of the window",
            "frac_ge3": "fraction of neurons with >=3 spikes in the window",
            "spike_count": "spikes of the population in the window",
            "summary": "mean and sample std (ddof=1) across seeds",
        },
        params=params,
        derived=derived,
        populations={pop: dict(start=a, stop=b, n=b - a)
                     for pop, (a, b) in pops.items()},
        seeds=[int(s) for s in seeds],
        per_seed=per_seed,
        summary=summarize(per_seed, list(pops.keys())),
        wall_time_s=time.time() - t_all,
    )
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, f"brian2_{name}.json")
    with open(path, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    print(f"[{name}] wrote {path} ({result['wall_time_s']:.0f}s)", flush=True)
    for pop, st in result["summary"].items():
        print(f"[{name}] {pop}: " + ", ".join(
            f"{k}={v['mean']:.4g}+-{(v['std'] or 0):.2g}" for k, v in st.items()
            if v["mean"] is not None), flush=True)
    return result


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nets", nargs="+", default=["cuba", "coba", "coba_euler", "brunel"],
                    choices=sorted(networks.NETWORK_PARAMS))
    ap.add_argument("--seeds", type=int, default=None,
                    help="number of seeds (1..n); default 10 cuba/coba, 6 brunel")
    ap.add_argument("--seed-list", type=int, nargs="+", default=None,
                    help="explicit seed list (overrides --seeds)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out-dir", default=DEFAULT_OUT)
    ap.add_argument("--workdir", default=None,
                    help="standalone build directory (default: fresh temp dir, removed at the end)")
    args = ap.parse_args(argv)

    workdir = args.workdir or tempfile.mkdtemp(prefix="myelin_brian2_ref_")
    try:
        for name in args.nets:
            if args.seed_list:
                seeds = args.seed_list
            else:
                seeds = list(range(1, (args.seeds or DEFAULT_SEEDS[name]) + 1))
            run_net(name, seeds, workdir, args.threads, args.out_dir)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
