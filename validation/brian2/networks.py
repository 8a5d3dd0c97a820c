"""Brian2 (C++ standalone) definitions of the three Myelin reference networks.

Shared by ``validation/brian2/reference_stats.py`` (reference statistics) and
``bench/brian2/bench_brian2.py`` (timings).  Must be run with the Debian
interpreter ``/usr/bin/python3`` (Brian2 2.5.1 from ``python3-brian``).

Networks (units: ms, mV, pA, pF, nS; dt = 0.1 ms everywhere)
-------------------------------------------------------------
brunel  Brunel (2000) model A, NEST ``iaf_psc_delta`` semantics.
        N_E=10000, N_I=2500, dv/dt = -v/tau_m (E_L = 0, exact integration),
        tau_m=20, V_th=20 (spike if v >= V_th), V_reset=10, t_ref=2.
        Fixed in-degree: every neuron receives exactly C_E=1000 excitatory and
        C_I=250 inhibitory synapses whose sources are drawn uniformly at random
        WITH replacement (multapses allowed) from the whole E (resp. I)
        population, autapses allowed (NEST ``fixed_indegree`` defaults).
        Delta synapses: v += J (E, J=0.1 mV) or v += -g*J (I, g=5), delay 1.5 ms.
        External drive: PoissonInput(N=C_E, rate=eta*nu_thr = 20 Hz, weight J)
        per neuron, i.e. 20 kHz of independent Poisson input.
        Refractoriness: v is frozen at V_reset for t_ref and ALL input arriving
        during it (recurrent and external) is discarded (NEST semantics:
        ``v_post += J*int(not_refractory_post)``, PoissonInput weight
        ``J*int(not_refractory)``).  Initial v ~ U[0, 20) mV.
cuba    Brette et al. (2007) CUBA as in the Brian2 example.  N=4000 (3200 E,
        800 I), dv/dt = (ge+gi-(v-El))/taum (unless refractory),
        dge/dt=-ge/taue, dgi/dt=-gi/taui (ge, gi in volts), taum=20, taue=5,
        taui=10, Vt=-50 (spike if v > Vt), Vr=-60, El=-49, t_ref=5,
        we=1.62 mV, wi=-9 mV, pairwise Bernoulli p=0.02 without autapses,
        delay 0.1 ms, method 'exact'.  Initial v ~ U[Vr, Vt), ge=gi=0.
        Input during refractoriness still increments ge/gi (only v frozen).
coba    Brette 2007 COBA in the Brian2/BrainPy benchmark form (NEST
        ``iaf_cond_exp``).  N=4000 (3200 E, 800 I), C_m=200 pF, g_L=10 nS,
        E_L=-60, V_th=-50 (spike if v > V_th), V_reset=-60, t_ref=5, E_ex=0,
        E_in=-80, tau_ex=5, tau_in=10, I_e=200 pA,
        C dv/dt = g_L(E_L-v) + ge(E_ex-v) + gi(E_in-v) + I_e (unless refractory),
        dge/dt=-ge/tau_ex, dgi/dt=-gi/tau_in, conductance jumps we=6 nS,
        wi=67 nS, p=0.02 Bernoulli without autapses, delay 0.1 ms, method
        'rk4'.  Initial v ~ U[-60, -50), ge=gi=0.

All neurons of a network live in one NeuronGroup ``P``; indices [0, N_E) are
excitatory, [N_E, N_E+N_I) inhibitory.  There are two Synapses objects ``SE``
(sources E) and ``SI`` (sources I), both declared P->P so that ``S.i`` is an
absolute neuron index.

Brian2 scheduling (relevant when comparing step-exact semantics): within one
time step Brian executes state update -> threshold (spike, lastspike=t,
not_refractory=False) -> synaptic delivery (spikes emitted delay earlier, and
the PoissonInput) -> reset.  Input delivered in step n therefore affects the
threshold test of step n+1 (NEST adds it before the threshold test of step n),
and input arriving in the very step a neuron spikes is already discarded in
the Brunel model because not_refractory is set False by the threshold.
"""
import gc
import os
import sys
import time
import warnings

warnings.filterwarnings("ignore", category=FutureWarning)
warnings.filterwarnings("ignore", category=DeprecationWarning)

import numpy as np  # noqa: E402
import brian2 as b2  # noqa: E402
from brian2 import ms, mV, pA, pF, nS, Hz, second  # noqa: E402,F401

DT_MS = 0.1
DEFAULT_DURATION_MS = 1200.0

BRUNEL_PARAMS = dict(
    N_E=10000, N_I=2500, C_E=1000, C_I=250,
    J_mV=0.1, g=5.0, eta=2.0,
    tau_m_ms=20.0, V_th_mV=20.0, V_reset_mV=10.0, t_ref_ms=2.0,
    E_L_mV=0.0, D_ms=1.5,
    V_init_low_mV=0.0, V_init_high_mV=20.0,
    connectivity="fixed in-degree, sources uniform with replacement "
                 "(multapses allowed), autapses allowed",
    refractory_input="discarded (recurrent and external)",
    threshold="v >= V_th",
)

CUBA_PARAMS = dict(
    N_E=3200, N_I=800,
    taum_ms=20.0, taue_ms=5.0, taui_ms=10.0,
    Vt_mV=-50.0, Vr_mV=-60.0, El_mV=-49.0, t_ref_ms=5.0,
    we_mV=60 * 0.27 / 10, wi_mV=-20 * 4.5 / 10,
    p=0.02, delay_ms=0.1, method="exact",
    V_init_low_mV=-60.0, V_init_high_mV=-50.0,
    connectivity="pairwise Bernoulli p, no autapses",
    refractory_input="increments ge/gi (only v frozen)",
    threshold="v > Vt",
)

COBA_PARAMS = dict(
    N_E=3200, N_I=800,
    C_m_pF=200.0, g_L_nS=10.0, E_L_mV=-60.0, V_th_mV=-50.0,
    V_reset_mV=-60.0, t_ref_ms=5.0, E_ex_mV=0.0, E_in_mV=-80.0,
    tau_syn_ex_ms=5.0, tau_syn_in_ms=10.0, I_e_pA=200.0,
    we_nS=6.0, wi_nS=67.0,
    p=0.02, delay_ms=0.1, method="rk4",
    V_init_low_mV=-60.0, V_init_high_mV=-50.0,
    connectivity="pairwise Bernoulli p, no autapses",
    refractory_input="increments ge/gi (only v frozen)",
    threshold="v > V_th",
)

# COBA as the Brian2/BrainPy benchmark scripts integrate it: forward Euler
# (Myelin: iaf_cond_exp with forward_euler = true)
COBA_EULER_PARAMS = dict(COBA_PARAMS, method="euler")

NETWORK_PARAMS = {"brunel": BRUNEL_PARAMS, "cuba": CUBA_PARAMS, "coba": COBA_PARAMS,
                  "coba_euler": COBA_EULER_PARAMS}


def params_for(name, **overrides):
    """Return a copy of the default parameters of ``name`` with overrides."""
    p = dict(NETWORK_PARAMS[name])
    for k, v in overrides.items():
        if v is None:
            continue
        if k not in p:
            raise KeyError(f"unknown parameter {k!r} for network {name!r}")
        p[k] = v
    return p


# ---------------------------------------------------------------------------
# network construction (must be called after the standalone device is active)
# ---------------------------------------------------------------------------

def _build_brunel(p):
    N_E, N_I = int(p["N_E"]), int(p["N_I"])
    N = N_E + N_I
    J = p["J_mV"] * mV
    nu_thr = p["V_th_mV"] / (p["J_mV"] * p["C_E"] * p["tau_m_ms"] * 1e-3)  # Hz
    nu_ext = p["eta"] * nu_thr  # Hz, per external "synapse"
    ns = dict(tau_m=p["tau_m_ms"] * ms, V_th=p["V_th_mV"] * mV,
              V_reset=p["V_reset_mV"] * mV, J=J, g=p["g"],
              N_E=N_E, N_I=N_I,
              V_lo=p["V_init_low_mV"] * mV, V_hi=p["V_init_high_mV"] * mV)
    P = b2.NeuronGroup(N, "dv/dt = -v/tau_m : volt (unless refractory)",
                       threshold="v >= V_th", reset="v = V_reset",
                       refractory=p["t_ref_ms"] * ms, method="exact",
                       namespace=ns, name="P")
    P.v = "V_lo + rand()*(V_hi - V_lo)"
    SE = b2.Synapses(P, P, on_pre="v_post += J*int(not_refractory_post)",
                     delay=p["D_ms"] * ms, namespace=ns, name="SE")
    # i-generator: for every target j draw C_E sources uniformly with replacement
    SE.connect(i=f"int(rand()*N_E) for _k in range({int(p['C_E'])})")
    SI = b2.Synapses(P, P, on_pre="v_post += -g*J*int(not_refractory_post)",
                     delay=p["D_ms"] * ms, namespace=ns, name="SI")
    SI.connect(i=f"N_E + int(rand()*N_I) for _k in range({int(p['C_I'])})")
    # PoissonInput has no namespace argument -> literal weight expression
    PI = b2.PoissonInput(P, "v", N=int(p["C_E"]), rate=nu_ext * Hz,
                         weight=f"{p['J_mV']!r}*mV*int(not_refractory)")
    derived = dict(nu_thr_Hz=nu_thr, nu_ext_Hz=nu_ext,
                   total_external_rate_Hz=nu_ext * p["C_E"])
    return P, [SE, SI], [PI], derived


def _build_cuba(p):
    N_E, N_I = int(p["N_E"]), int(p["N_I"])
    N = N_E + N_I
    ns = dict(taum=p["taum_ms"] * ms, taue=p["taue_ms"] * ms,
              taui=p["taui_ms"] * ms, Vt=p["Vt_mV"] * mV, Vr=p["Vr_mV"] * mV,
              El=p["El_mV"] * mV, we=p["we_mV"] * mV, wi=p["wi_mV"] * mV,
              N_E=N_E, p_conn=p["p"],
              V_lo=p["V_init_low_mV"] * mV, V_hi=p["V_init_high_mV"] * mV)
    eqs = """
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    """
    P = b2.NeuronGroup(N, eqs, threshold="v > Vt", reset="v = Vr",
                       refractory=p["t_ref_ms"] * ms, method=p["method"],
                       namespace=ns, name="P")
    P.v = "V_lo + rand()*(V_hi - V_lo)"
    P.ge = 0 * mV
    P.gi = 0 * mV
    SE = b2.Synapses(P, P, on_pre="ge_post += we", delay=p["delay_ms"] * ms,
                     namespace=ns, name="SE")
    SE.connect("i < N_E and i != j", p=p["p"])
    SI = b2.Synapses(P, P, on_pre="gi_post += wi", delay=p["delay_ms"] * ms,
                     namespace=ns, name="SI")
    SI.connect("i >= N_E and i != j", p=p["p"])
    return P, [SE, SI], [], {}


def _build_coba(p):
    N_E, N_I = int(p["N_E"]), int(p["N_I"])
    N = N_E + N_I
    ns = dict(C_m=p["C_m_pF"] * pF, g_L=p["g_L_nS"] * nS, E_L=p["E_L_mV"] * mV,
              V_th=p["V_th_mV"] * mV, V_reset=p["V_reset_mV"] * mV,
              E_ex=p["E_ex_mV"] * mV, E_in=p["E_in_mV"] * mV,
              tau_ex=p["tau_syn_ex_ms"] * ms, tau_in=p["tau_syn_in_ms"] * ms,
              I_e=p["I_e_pA"] * pA, we=p["we_nS"] * nS, wi=p["wi_nS"] * nS,
              N_E=N_E,
              V_lo=p["V_init_low_mV"] * mV, V_hi=p["V_init_high_mV"] * mV)
    eqs = """
    dv/dt = (g_L*(E_L-v) + ge*(E_ex-v) + gi*(E_in-v) + I_e)/C_m : volt (unless refractory)
    dge/dt = -ge/tau_ex : siemens
    dgi/dt = -gi/tau_in : siemens
    """
    P = b2.NeuronGroup(N, eqs, threshold="v > V_th", reset="v = V_reset",
                       refractory=p["t_ref_ms"] * ms, method=p["method"],
                       namespace=ns, name="P")
    P.v = "V_lo + rand()*(V_hi - V_lo)"
    P.ge = 0 * nS
    P.gi = 0 * nS
    SE = b2.Synapses(P, P, on_pre="ge_post += we", delay=p["delay_ms"] * ms,
                     namespace=ns, name="SE")
    SE.connect("i < N_E and i != j", p=p["p"])
    SI = b2.Synapses(P, P, on_pre="gi_post += wi", delay=p["delay_ms"] * ms,
                     namespace=ns, name="SI")
    SI.connect("i >= N_E and i != j", p=p["p"])
    return P, [SE, SI], [], {}


_BUILDERS = {"brunel": _build_brunel, "cuba": _build_cuba, "coba": _build_coba,
             "coba_euler": _build_coba}

_device_activated = False


def _activate_standalone(directory, threads):
    """(Re)initialise the C++ standalone device for a fresh build."""
    global _device_activated
    if not _device_activated:
        b2.set_device("cpp_standalone", directory=directory, build_on_run=False)
        _device_activated = True
    else:
        b2.device.reinit()
        b2.device.activate(directory=directory, build_on_run=False)
    # Objects of a previous build that are only kept alive by reference cycles
    # would make Brian rename the new code objects (``..._codeobject_1``),
    # which defeats incremental compilation of a reused directory.
    gc.collect()
    b2.prefs.devices.cpp_standalone.openmp_threads = int(threads)
    b2.defaultclock.dt = DT_MS * ms


def run_network(name, seed, directory, threads=1, duration_ms=DEFAULT_DURATION_MS,
                params=None, record_spikes=True, run=True, run_cmd=None,
                profile=False):
    """Build, compile and (optionally) run network ``name`` in C++ standalone.

    Reusing the same ``directory`` for several seeds of the same network only
    recompiles ``main.cpp`` (the seed is the only thing that changes).

    Returns a dict with the Brian objects (``P``, ``synapses``, ``spikemon``),
    the parameters, derived quantities and timings:
      codegen_compile_s  wall time of device.build(run=False) (code generation
                         + compilation, incremental if the directory is reused)
      binary_s           wall time of the compiled binary (synapse creation,
                         initialisation, run loop, writing results)
      sim_s              run loop time reported by Brian (results/last_run_info.txt)
    """
    p = dict(params) if params is not None else dict(NETWORK_PARAMS[name])
    _activate_standalone(directory, threads)
    b2.seed(int(seed))
    P, synapses, inputs, derived = _BUILDERS[name](p)
    mon = b2.SpikeMonitor(P, record=record_spikes, name="spikemon")
    net = b2.Network(P, *synapses, *inputs, mon)
    net.run(duration_ms * ms, profile=profile)

    if run_cmd is not None:
        b2.prefs.devices.cpp_standalone.run_cmd_unix = list(run_cmd)
    else:
        b2.prefs.devices.cpp_standalone.run_cmd_unix = "./main"
    t0 = time.time()
    b2.device.build(directory=directory, compile=True, run=False)
    codegen_compile_s = time.time() - t0
    out = dict(name=name, seed=int(seed), threads=int(threads), params=p,
               derived=derived, P=P, synapses=synapses, spikemon=mon, net=net,
               directory=os.path.abspath(directory),
               codegen_compile_s=codegen_compile_s,
               binary_s=None, sim_s=None)
    if run:
        b2.device.run(directory=directory, with_output=False, run_args=[])
        out["binary_s"] = b2.device.timers["run_binary"]
        out["sim_s"] = getattr(b2.device, "_last_run_time", None)
        out["completed_fraction"] = getattr(b2.device, "_last_run_completed_fraction", None)
    return out


def populations(result):
    """{'E': (start, stop), 'I': (start, stop)} index ranges of the populations."""
    p = result["params"]
    N_E, N_I = int(p["N_E"]), int(p["N_I"])
    return {"E": (0, N_E), "I": (N_E, N_E + N_I)}


def out_degrees(result):
    """Number of outgoing synapses (all Synapses objects) of every neuron."""
    N = len(result["P"])
    deg = np.zeros(N, dtype=np.int64)
    for S in result["synapses"]:
        deg += np.bincount(np.asarray(S.i[:]), minlength=N)
    return deg


def brian2_version():
    return b2.__version__


if __name__ == "__main__":  # tiny smoke test
    import tempfile
    name = sys.argv[1] if len(sys.argv) > 1 else "cuba"
    d = tempfile.mkdtemp(prefix=f"brian2_{name}_")
    r = run_network(name, 1, d, duration_ms=200.0)
    print(name, "spikes:", r["spikemon"].num_spikes, "sim_s:", r["sim_s"],
          "compile_s:", r["codegen_compile_s"])
