#!/usr/bin/python3
"""Diehl & Cook (2015) unsupervised MNIST network in Brian2, timed per training image.

The same network as Myelin's ``org.myelin.bench.diehlcook.DiehlCookNetwork`` (parameters from
the authors' Brian 1 code, peter-u-diehl/stdp-mnist): 784 Poisson inputs (rate = pixel/8 *
intensity Hz, intensity 2, raised by 1 and the image presented again while the excitatory
population fires fewer than 5 spikes), N adaptive-threshold conductance excitatory neurons,
N inhibitory neurons, E->I one to one (10.4), I->E all but self (17), plastic all-to-all input
with the authors' nearest-spike triplet STDP (nu_pre 1e-4, nu_post 0.01, tau 20/20/40 ms,
wmax 1, clipped) and delays U[0, 10) ms, input weights per excitatory neuron normalised to sum
78 before every presentation, 350 ms presentation + 150 ms rest, dt 0.5 ms, theta from 20 mV
with the threshold at theta - 20 mV - 52 mV. The authors' threshold also tests a timer
(`dtimer/dt = 100.0 : ms`, `timer > 5 ms`), but a number on the right-hand side of a Brian
equation is in SI units, so their timer runs at 100 s per second and passes 5 ms one step after a
reset: it locks nothing out beyond the 5 ms refractory period. Brian2 ports that read it as
`dtimer/dt = 0.1 : second` get a 50 ms lock-out instead; --lock-ms 50 gives that variant
(Myelin: --lock-ms 50, t_lock). Written from the paper and the
authors' parameter values (Brian 2 syntax), not copied from any port. Brian2's synaptic delays
are axonal (the pre code runs when the spike arrives), as in the authors' code; Myelin's plastic
delays are dendritic, which is why the Myelin run uses one-step input delays by default (see
DiehlCookNetwork.training). Euler integration, as Brian chose for the authors' equations.

Runtime mode (``--target cython`` or ``numpy``): the per-image control loop (rates,
normalisation, re-presentation) runs in Python between ``Network.run`` calls, as in the
authors' code. C++ standalone cannot run that loop (no Python between runs), so it is not
offered here.

Prints per-image progress to stderr and one JSON line to stdout:
  images, neurons, target, presentations, spikes_per_image,
  first_image_s           wall time of the first image (includes code generation/compilation),
  wall_s_per_image        wall time per image over the images after the first,
  cpu_s_per_image         process CPU time per image over the images after the first,
  total_wall_s, loadavg_1min, brian2_version, rule

Usage:
  /usr/bin/python3 bench/brian2/diehl_cook_brian2.py --images 1000 --neurons 100 --target cython
  # continue a saved run: 4,000 more images after the 6,000 that tw.bin had seen
  /usr/bin/python3 bench/brian2/diehl_cook_brian2.py --resume tw.bin --start 6000 --images 4000 \
      --save tw2.bin --save-every 2000
MNIST is read from $MYELIN_CACHE/mnist or ~/.cache/myelin/mnist (the IDX files that Myelin's
reservoir Mnist class downloads).
"""
import argparse
import json
import os
import sys
import time

import numpy as np


def read_idx(path):
    with open(path, 'rb') as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], 'big')
    dims = magic & 0xFF
    shape = [int.from_bytes(data[4 + 4 * k:8 + 4 * k], 'big') for k in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def mnist_dir():
    """$MYELIN_CACHE/mnist, or ~/.cache/myelin/mnist."""
    cache = os.environ.get('MYELIN_CACHE')
    return os.path.join(cache, 'mnist') if cache else os.path.expanduser('~/.cache/myelin/mnist')


def read_bin(path):
    """A weights.bin (Myelin's DiehlCook --out, or --save F.bin here): (n, input weights 784 x n,
    theta in Myelin's convention, mV). Exits with a message if its length does not match its n."""
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except OSError as e:
        sys.exit('%s: cannot read: %s' % (path, e.strerror))
    if len(data) < 4 or (len(data) - 4) % 8:
        sys.exit('%s: %d bytes; valid: a 4-byte neuron count, then doubles (weights, delays, theta)' % (path, len(data)))
    n = int.from_bytes(data[0:4], 'big')
    vals = np.frombuffer(data, dtype='>f8', offset=4)
    if len(vals) != 2 * 784 * n + n:
        sys.exit('%s: %d values after the header; valid: %d (weights, delays, theta)' % (path, len(vals), 2 * 784 * n + n))
    return n, vals[:784 * n].reshape(784, n), vals[2 * 784 * n:]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--images', type=int, default=1000)
    ap.add_argument('--neurons', type=int, default=100)
    ap.add_argument('--target', choices=['cython', 'numpy'], default='cython')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--progress', type=int, default=50)
    ap.add_argument('--wta-stats', action='store_true',
                    help='also report, per answered image, the number of excitatory neurons that fired and the '
                         'largest count of one neuron (costs a recording monitor; not for timing)')
    ap.add_argument('--dt-ms', type=float, default=0.5, help='time step (the authors: 0.5 ms)')
    ap.add_argument('--save', default=None,
                    help='write the final input weights (784 x neurons, source-major) and theta - 20 mV (in mV, '
                         'Myelin\'s theta) to this .npz file, to compare the learned receptive fields with Myelin\'s; '
                         'a name ending in .bin writes Myelin\'s weights.bin format instead, which DiehlCook --load '
                         'evaluates with Myelin\'s frozen network')
    ap.add_argument('--save-every', type=int, default=0,
                    help='with --save F.npz, also write F-<images>.npz after every this many images (0: only at '
                         'the end), so that one long run gives a learning curve (DiehlCook --load evaluates each)')
    ap.add_argument('--lock-ms', type=float, default=0.0,
                    help='minimum time between two spikes of an excitatory neuron beyond the 5 ms refractory '
                         'period (the authors\' code: none in effect, 0; Brian2 ports: 50)')
    ap.add_argument('--recurrent-delay-ms', type=float, default=0.0,
                    help='delay of E->I and I->E (the authors: 0; Myelin: one step, 0.5 ms)')
    ap.add_argument('--resume', default=None,
                    help='start from the input weights and theta of a .bin file that --save wrote (the delays '
                         'are drawn again from --seed, as in the run that wrote it, so they are the same); '
                         'membrane state and traces start fresh, as after a rest period')
    ap.add_argument('--rule', choices=['authors', 'pair'], default='authors',
                    help='input STDP: the authors\' triplet rule (potentiation nu_post * pre * post2before), or the '
                         'pair rule (potentiation nu_post * pre at every postsynaptic spike, the same depression; '
                         'Myelin: DiehlCook --rule 0.01,0,0.0001)')
    ap.add_argument('--start', type=int, default=0,
                    help='index of the first training image (with --resume: the number of images the saved '
                         'network had seen); --images more follow, and saved file names count from here')
    a = ap.parse_args()
    if a.start < 0 or a.start + a.images > 60000:
        sys.exit('--start: value %r is invalid; valid: 0 <= start and start + images <= 60000' % a.start)
    if a.save_every < 0 or (a.save_every > 0 and not a.save):
        sys.exit('--save-every: value %r is invalid; valid: 0, or > 0 together with --save' % a.save_every)
    if not a.lock_ms >= 0:
        sys.exit('--lock-ms: value %r is invalid; valid: >= 0' % a.lock_ms)

    import brian2
    from brian2 import (ms, mV, Hz, second, NeuronGroup, PoissonGroup, Synapses, SpikeMonitor, Network,
                        defaultclock, prefs, seed as bseed)
    prefs.codegen.target = a.target
    defaultclock.dt = a.dt_ms * ms
    bseed(a.seed)
    np.random.seed(a.seed)

    images = read_idx(os.path.join(mnist_dir(), 'train-images-idx3-ubyte')).reshape(-1, 784).astype(float)

    n = a.neurons
    eqs_e = '''
    dv/dt = ((-65*mV - v) + ge * (0*mV - v) + gi * (-100*mV - v)) / (100*ms) : volt (unless refractory)
    dge/dt = -ge / (1*ms) : 1
    dgi/dt = -gi / (2*ms) : 1
    dtheta/dt = -theta / (1e7*ms) : volt
    dtimer/dt = 1 : second
    '''
    eqs_i = '''
    dv/dt = ((-60*mV - v) + ge * (0*mV - v) + gi * (-85*mV - v)) / (10*ms) : volt (unless refractory)
    dge/dt = -ge / (1*ms) : 1
    dgi/dt = -gi / (2*ms) : 1
    '''
    # the authors' theta starts at 20 mV and decays towards 0, and the threshold is theta - 20 mV - 52 mV;
    # the optional lock-out (see the module documentation): no spike within lock_ms of the last one;
    # the timer starts unlocked, as Myelin's t_lock
    lock = 'and timer > %r*ms' % a.lock_ms if a.lock_ms > 0 else ''
    ae = NeuronGroup(n, eqs_e, threshold='v > theta - 20*mV - 52*mV ' + lock,
                     reset='v = -65*mV; theta += 0.05*mV; timer = 0*ms', refractory=5 * ms, method='euler')
    ae.theta = 20 * mV
    ae.timer = 1 * second
    ai = NeuronGroup(n, eqs_i, threshold='v > -40*mV', reset='v = -45*mV', refractory=2 * ms, method='euler')
    ae.v = -105 * mV
    ai.v = -100 * mV
    x = PoissonGroup(784, rates=np.zeros(784) * Hz)

    stdp = '''
    w : 1
    dpre/dt = -pre / (20*ms) : 1 (event-driven)
    dpost1/dt = -post1 / (20*ms) : 1 (event-driven)
    dpost2/dt = -post2 / (40*ms) : 1 (event-driven)
    '''
    potentiation = '0.01 * pre * post2' if a.rule == 'authors' else '0.01 * pre'
    xe = Synapses(x, ae, stdp,
                  on_pre='ge_post += w; pre = 1.; w = clip(w - 0.0001 * post1, 0, 1.0)',
                  on_post='w = clip(w + %s, 0, 1.0); post1 = 1.; post2 = 1.' % potentiation)
    # (post2 is read before it is set to 1 in on_post: that is the authors' post2before)
    xe.connect()
    xe.w = '(rand() + 0.01) * 0.3'
    xe.delay = 'rand() * 10*ms'
    ei = Synapses(ae, ai, 'w : 1', on_pre='ge_post += w')
    ei.connect(j='i')
    ei.w = 10.4
    ie = Synapses(ai, ae, 'w : 1', on_pre='gi_post += w')
    ie.connect(condition='i != j')
    ie.w = 17.0
    ei.delay = a.recurrent_delay_ms * ms
    ie.delay = a.recurrent_delay_ms * ms
    mon = SpikeMonitor(ae, record=False)
    counter = SpikeMonitor(ae, variables=[], record=True) if a.wta_stats else None
    net = Network(ae, ai, x, xe, ei, ie, mon, *([counter] if counter is not None else []))
    post_idx = np.asarray(xe.j[:])

    if a.resume:
        nsaved, w_saved, theta_saved = read_bin(a.resume)
        if nsaved != n:
            sys.exit('--resume: %s holds %d neurons; valid: a file of --neurons %d' % (a.resume, nsaved, n))
        xe.w[:] = w_saved[np.asarray(xe.i[:]), post_idx]
        ae.theta = (theta_saved + 20.0) * mV

    def normalise():
        w = np.asarray(xe.w[:])
        colsum = np.bincount(post_idx, weights=w, minlength=n)
        xe.w[:] = w * (78.0 / colsum)[post_idx]

    def save(path):
        w = np.zeros((784, n))
        w[np.asarray(xe.i[:]), post_idx] = np.asarray(xe.w[:])
        theta = np.asarray(ae.theta_[:]) * 1e3 - 20.0
        if path.endswith('.bin'):
            # Myelin's DiehlCook weights.bin (DiehlCook --load evaluates it): n as a big-endian int, then
            # big-endian doubles: the source-major weights, the delays (one step of this run's dt, which
            # the frozen evaluation network needs at least) and theta
            with open(path, 'wb') as f:
                f.write(np.asarray([n], dtype='>i4').tobytes())
                f.write(w.astype('>f8').tobytes())
                f.write(np.full(784 * n, a.dt_ms).astype('>f8').tobytes())
                f.write(theta.astype('>f8').tobytes())
        else:
            np.savez(path, weights=w, theta_mv=theta)

    t_all = time.perf_counter()
    c_all = time.process_time()
    first = None
    presentations = 0
    spikes = 0
    distinct, top = [], []
    prev = 0
    for k in range(a.images):
        img = a.start + k
        w0 = time.perf_counter()
        intensity = 2.0
        while True:
            normalise()
            x.rates = images[img] / 8.0 * intensity * Hz
            net.run(350 * ms)
            presentations += 1
            total = int(mon.num_spikes)
            count = total - prev
            if counter is not None:  # the last `count` recorded spikes are this presentation's
                idx = np.asarray(counter.i[:])
                c = np.bincount(idx[len(idx) - count:], minlength=n)
            x.rates = np.zeros(784) * Hz
            net.run(150 * ms)
            prev = int(mon.num_spikes)
            if count >= 5:
                spikes += count
                if counter is not None:
                    distinct.append(int(np.count_nonzero(c)))
                    top.append(int(c.max()))
                break
            intensity += 1
        if k == 0:
            first = time.perf_counter() - w0
            t_rest = time.perf_counter()
            c_rest = time.process_time()
        if a.save_every and (img + 1) % a.save_every == 0 and k + 1 < a.images:
            base, ext = os.path.splitext(a.save)
            save('%s-%d%s' % (base, img + 1, ext))
        if (k + 1) % a.progress == 0:
            done = k
            el = time.perf_counter() - t_rest
            print('images %d: %.1f ms/image wall (after the first), %.2f spikes/image, %d presentations'
                  % (k + 1, 1e3 * el / max(done, 1), spikes / (k + 1), presentations), file=sys.stderr, flush=True)
    rest = max(a.images - 1, 1)
    out = {
        'images': a.images, 'rule': a.rule, 'lock_ms': a.lock_ms, 'recurrent_delay_ms': a.recurrent_delay_ms, 'neurons': n, 'target': a.target, 'presentations': presentations,
        'spikes_per_image': spikes / a.images, 'first_image_s': first,
        'wall_s_per_image': (time.perf_counter() - t_rest) / rest,
        'cpu_s_per_image': (time.process_time() - c_rest) / rest,
        'total_wall_s': time.perf_counter() - t_all, 'loadavg_1min': os.getloadavg()[0],
        'brian2_version': brian2.__version__,
    }
    if counter is not None:
        out['mean_neurons_firing'] = float(np.mean(distinct))
        out['mean_max_count'] = float(np.mean(top))
    if a.save:
        save(a.save)
    print(json.dumps(out))


if __name__ == '__main__':
    main()
