#!/usr/bin/python3
"""Where the input weight of a Diehl & Cook network sits: for each weights.bin given (Myelin's
DiehlCook --out folders, or the Brian2 reference's --save F.bin), the share of each excitatory
neuron's input weight that lies on the pixels MNIST inks most (mean intensity > 30/255 over the
first 10,000 training images: 286 pixels). A neuron whose share is below one half holds most of its
weight on the border, where digits rarely are. Prints quartiles (10/25/50/75/90%), the number of
neurons below one half, and the mean theta (mV).

Usage: /usr/bin/python3 bench/diehlcook_fields.py A/weights.bin B.bin ...
MNIST is read from $MYELIN_CACHE/mnist or ~/.cache/myelin/mnist."""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'brian2'))
from diehl_cook_brian2 import mnist_dir, read_bin, read_idx  # noqa: E402 (numpy only; Brian2 loads in its main)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('weights', nargs='+', help="weights.bin files (Myelin's DiehlCook --out, or the reference's --save)")
    args = ap.parse_args()
    x = read_idx(os.path.join(mnist_dir(), 'train-images-idx3-ubyte')).reshape(-1, 784)[:10000].astype(float)
    inked = x.mean(0) > 30
    print('inked pixels: %d' % inked.sum())
    for p in args.weights:
        n, w, theta = read_bin(p)
        share = w[inked].sum(0) / w.sum(0)
        print('%s: share on inked pixels, quartiles %s; neurons below 0.5: %d of %d; theta mean %.1f mV'
              % (p, np.round(np.percentile(share, [10, 25, 50, 75, 90]), 2), (share < 0.5).sum(), n, theta.mean()))


if __name__ == '__main__':
    main()
