#!/usr/bin/env bash
# The issue's classic workload, measured side by side: cliff walking, Q-learning and SARSA,
# 50 runs x 500 episodes each (eps 0.1, alpha 0.5, gamma 1).
#   SimLab: one `simlab run` of both scenarios, end to end including JVM start.
#   numpy:  benchmarks/numpy/cliff_walking.py, the same workload written plainly in numpy.
# Alternates the two REPEATS times (default 3) and prints each time and the medians.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${REPEATS:-3}
./simlab --version >/dev/null    # build first, outside the timing
out=$(mktemp -d)
sim=(); py=()
for i in $(seq "$REPEATS"); do
  t0=$(date +%s.%N)
  ./simlab run cliff-walking-qlearning cliff-walking-sarsa --out "$out/$i" --quiet >/dev/null
  t1=$(date +%s.%N)
  python3 benchmarks/numpy/cliff_walking.py >/dev/null
  t2=$(date +%s.%N)
  sim+=("$(awk "BEGIN {printf \"%.2f\", $t1 - $t0}")"); py+=("$(awk "BEGIN {printf \"%.2f\", $t2 - $t1}")")
  echo "repeat $i: simlab ${sim[-1]} s, numpy ${py[-1]} s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ms=$(median "${sim[@]}"); mp=$(median "${py[@]}")
echo "median: simlab $ms s, numpy $mp s, ratio $(awk "BEGIN {printf \"%.1f\", $mp / $ms}")x"
rm -rf "$out"
