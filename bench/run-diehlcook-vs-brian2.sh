#!/usr/bin/env bash
# Diehl & Cook (2015) unsupervised MNIST training speed, Myelin against Brian2 2.5.1 (runtime mode,
# cython; C++ standalone cannot run the per-image control loop), on the same first IMAGES training
# images (default 1,000), 100 excitatory neurons, one thread each, in one invocation.
# Prints each simulator's process CPU time and wall time per image and the ratios (issue 4 target:
# Myelin >= 20x faster per image).
#
#   bench/run-diehlcook-vs-brian2.sh [IMAGES [DT_MS [RULE]]]
#
# DT_MS (default 0.5, the authors') is the time step of both simulators. RULE is the input STDP of
# both: authors (default: the released code's triplet rule) or pair (potentiation at every
# postsynaptic spike, the variant that reaches the paper's 100-neuron accuracy).
#
# Myelin's numbers include everything its process does (JIT compilation, GC, the first image);
# Brian2's exclude its first image (code generation and compilation). Run it on an otherwise idle
# machine; Brian2 takes about 0.6 s of CPU per image here, so 1,000 images take ~10-20 minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
images=${1:-1000}
dt=${2:-0.5}
rule=${3:-authors}
case "$rule" in
  authors) mrule=() ;;
  pair) mrule=(--rule 0.01,0,0.0001) ;;
  *) echo "RULE: '$rule' is invalid; valid: authors, pair" >&2; exit 2 ;;
esac
out="bench/results/diehlcook-speed-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"

bash validation/brian2/install.sh >&2
echo "== building myelin-bench" >&2
mvn -B -q -DskipTests -pl bench -am package >&2

echo "== myelin: $images images" >&2
java -Xmx4g --add-modules jdk.incubator.vector -cp bench/target/myelin-bench.jar \
    org.myelin.bench.diehlcook.DiehlCook --neurons 100 --train "$images" --eval-every "$images" \
    --final-test 0 --dt "$dt" --progress 100 "${mrule[@]}" --out "$out/myelin" | tee "$out/myelin.log" >&2

echo "== brian2 (cython runtime): $images images" >&2
/usr/bin/python3 bench/brian2/diehl_cook_brian2.py --images "$images" --neurons 100 --target cython --dt-ms "$dt" --rule "$rule" \
    > "$out/brian2.json" 2> "$out/brian2.err"

/usr/bin/python3 - "$out/myelin.log" "$out/brian2.json" "$dt" "$rule" <<'PY' | tee "$out/summary.txt"
import json, re, sys
log = open(sys.argv[1]).read()
m_wall = float(re.search(r'([0-9.]+) ms wall/image', log).group(1)) / 1e3
m_cpu = float(re.search(r'([0-9.]+) ms process cpu/image', log).group(1)) / 1e3
m_pres = int(re.search(r'\((\d+) presentations', log).group(1))
b = json.loads(open(sys.argv[2]).read().strip().splitlines()[-1])
print(f"Diehl & Cook, {b['images']} training images, {b['neurons']} neurons, dt {sys.argv[3]} ms, {sys.argv[4]} rule, one thread each")
print(f"{'simulator':<28}{'presentations':>14}{'cpu s/image':>13}{'wall s/image':>14}")
print(f"{'Brian2 ' + b['brian2_version'] + ' (cython)':<28}{b['presentations']:>14}{b['cpu_s_per_image']:>13.4f}{b['wall_s_per_image']:>14.4f}")
print(f"{'Myelin':<28}{m_pres:>14}{m_cpu:>13.4f}{m_wall:>14.4f}")
print(f"ratio Brian2/Myelin: cpu {b['cpu_s_per_image'] / m_cpu:.1f}x, wall {b['wall_s_per_image'] / m_wall:.1f}x (target >= 20x)")
PY
echo "results in $out" >&2
