#!/usr/bin/env bash
# Side-by-side benchmark: Myelin and Brian2 2.5 (C++ standalone, one thread) on the same networks,
# 1 s of biological time at dt = 0.1 ms, in one invocation. Prints each simulator's build and
# simulation wall time, synaptic events per second, peak memory, and the ratios.
#
#   bench/run-vs-brian2.sh            COBA and Brunel A (N = 12,500), memory per synapse
#   bench/run-vs-brian2.sh --scale    also Brunel with 1,000,000 neurons and in-degree 1,000 (1e9 synapses)
#
# Run it on an otherwise idle machine: timings of a loaded machine mean little. Myelin runs each
# configuration MYELIN_BENCH_REPEATS times (default 5, fresh JVM each) cold (JIT compilation inside
# the timed run) and warm (after MYELIN_BENCH_WARMUP_MS, default 5000, of a separate instance of the
# same network: the counterpart of Brian2's code generation and compilation, which its run time
# excludes); the table reports medians. Brian2 runs as often as Myelin (medians too); COBA with rk4 (the
# order of Myelin's integrator) and with euler (the Brian2/BrainPy benchmark scripts' method), which
# Myelin's coba-euler (iaf_cond_exp with forward_euler) runs too.
# Myelin runs with --add-modules jdk.incubator.vector: cold runs with the default myelin.simd=auto
# (scalar loops for a run this short), warm runs with the vectorised passes engaged (always).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
scale=0
[ "${1:-}" = "--scale" ] && scale=1
reps=${MYELIN_BENCH_REPEATS:-5}
# warm runs first simulate this many ms of a separate instance of the network (JIT warm-up)
warm=${MYELIN_BENCH_WARMUP_MS:-5000}
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
res="$out/results.jsonl"

bash validation/brian2/install.sh >&2
echo "== building myelin-bench" >&2
mvn -B -q -DskipTests -pl bench -am package >&2
jar=bench/target/myelin-bench.jar
JVM_FLAGS="-XX:+UseParallelGC -Xms2g -Xmx20g --add-modules jdk.incubator.vector"
JVM="java $JVM_FLAGS"
J="$JVM -jar $jar"

echo "== myelin (each configuration $reps times in a fresh JVM; the table shows medians)" >&2
for r in $(seq $reps); do
  for t in 1 2; do
    for w in 0 $warm; do
      # cold runs: Myelin's default (myelin.simd=auto: a 1 s run is too short to repay the vector
      # passes' JIT start-up, so it keeps the scalar loops); warm runs measure the steady state of a
      # long run, in which auto engages the vector passes, so they are engaged from the start
      if [ $w = 0 ]; then S=""; else S="-Dmyelin.simd=always"; fi
      $JVM $S -jar $jar coba --threads $t --warmup $w | tee -a "$res"
      $JVM $S -jar $jar coba-euler --threads $t --warmup $w | tee -a "$res"
      $JVM $S -jar $jar brunel --threads $t --warmup $w | tee -a "$res"
    done
  done
  # plastic throughput (issue 4): COBA with STDP on every E->E synapse, against static COBA above
  $JVM -Dmyelin.simd=always -jar $jar coba-stdp --threads 1 --warmup $warm | tee -a "$res"
done
# the warm configurations once more on a newer JDK where the machine has one (Temurin 25 under
# /usr/lib/jvm on this project's machines; MYELIN_BENCH_JAVA2 names another, "none" skips): the jar
# is built for Java 17 and runs unchanged; from JDK 18 on the vector API keeps AVX-512 masks in mask
# registers (JEP 417). compare.py reports these rows separately, labelled with the JDK's version.
java2=${MYELIN_BENCH_JAVA2:-$(ls -d /usr/lib/jvm/temurin-2*-jdk-amd64/bin/java 2>/dev/null | sort -V | tail -1)}
if [ -n "$java2" ] && [ "$java2" != none ] && [ -x "$java2" ]; then
  echo "== myelin on $java2 (warm configurations, $reps times each)" >&2
  for r in $(seq $reps); do
    for t in 1 2; do
      for n in coba coba-euler brunel; do
        $java2 $JVM_FLAGS -Dmyelin.simd=always -jar $jar $n --threads $t --warmup $warm | tee -a "$res"
      done
    done
  done
fi
# memory: heap growth over synapse count while building Brunel with 125 M synapses
$J memory --n 100000 --threads 2 | tee -a "$res"
if [ $scale = 1 ]; then
  $J brunel --n 1000000 --ce 800 --ci 200 --threads 2 | tee -a "$res"
fi

echo "== brian2 (C++ standalone, OpenMP off = one thread; sim_s is the run loop alone; $reps runs, the table shows medians)" >&2
/usr/bin/python3 bench/brian2/bench_brian2.py --nets coba brunel --threads 0 --coba-methods rk4 euler --repeat $reps | tee -a "$res"

/usr/bin/python3 bench/compare.py "$res" | tee "$out/summary.txt"
echo "results in $out" >&2
