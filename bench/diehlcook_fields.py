#!/usr/bin/python3
"""Where the input weight of a Diehl & Cook network sits: for each weights.bin given (Myelin's
DiehlCook --out folders, or the Brian2 reference's --save F.bin), the share of each excitatory
neuron's input weight that lies on the pixels MNIST inks most (mean intensity > 30/255 over the
first 10,000 training images: 286 pixels). A neuron whose share is below one half holds most of its
weight on the border, where digits rarely are. Prints quartiles (10/25/50/75/90%), the number of
neurons below one half, and the mean theta (mV).

Usage: /usr/bin/python3 bench/diehlcook_fields.py A/weights.bin B.bin ...
MNIST is read from $MYELIN_CACHE/mnist or ~/.cache/myelin/mnist."""
import os
import sys

import numpy as np


def load(path):
    b = open(path, 'rb').read()
    n = int.from_bytes(b[:4], 'big')
    a = np.frombuffer(b[4:], dtype='>f8')
    if len(a) != 2 * 784 * n + n:
        sys.exit('%s: %d values after the header; valid: %d (weights, delays, theta)' % (path, len(a), 2 * 784 * n + n))
    return n, a[:784 * n].reshape(784, n), a[2 * 784 * n:]


def idx(path):
    d = open(path, 'rb').read()
    dims = d[3]
    shape = [int.from_bytes(d[4 + 4 * k:8 + 4 * k], 'big') for k in range(dims)]
    return np.frombuffer(d, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cache = os.environ.get('MYELIN_CACHE')
    mnist = os.path.join(cache, 'mnist') if cache else os.path.expanduser('~/.cache/myelin/mnist')
    x = idx(os.path.join(mnist, 'train-images-idx3-ubyte')).reshape(-1, 784)[:10000].astype(float)
    inked = x.mean(0) > 30
    print('inked pixels: %d' % inked.sum())
    for p in sys.argv[1:]:
        n, w, theta = load(p)
        share = w[inked].sum(0) / w.sum(0)
        print('%s: share on inked pixels, quartiles %s; neurons below 0.5: %d of %d; theta mean %.1f mV'
              % (p, np.round(np.percentile(share, [10, 25, 50, 75, 90]), 2), (share < 0.5).sum(), n, theta.mean()))


if __name__ == '__main__':
    main()
