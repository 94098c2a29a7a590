#!/usr/bin/env bash
# A change measured against the commit before it, side by side on the same machine in the same
# minutes: the classic cliff workload (both scenarios, 50 runs x 500 episodes, end to end), one
# DQN CartPole run (50k steps, alone) and `bench-env highway`. Alternates BEFORE and AFTER
# REPEATS times (default 3) and prints each time and the medians.
#   benchmarks/before-after.sh /path/to/checkout-of-the-old-commit
# The old checkout must have its distribution built (run its ./simlab once).
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE=$(cd "$1" && pwd)
REPEATS=${REPEATS:-3}
./simlab --version >/dev/null; "$BEFORE/simlab" --version >/dev/null   # build first, outside the timing
out=$(mktemp -d)
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); awk "BEGIN {printf \"%.2f\", $t1 - $t0}"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -A t
for i in $(seq "$REPEATS"); do
  for side in before after; do
    sim=./simlab; [ "$side" = before ] && sim="$BEFORE/simlab"
    c=$(secs "$sim" run cliff-walking-qlearning cliff-walking-sarsa --out "$out/$side-cliff-$i" --quiet)
    d=$(secs "$sim" run cartpole-dqn --set run.threads=1 --out "$out/$side-dqn-$i" --quiet)
    h=$("$sim" bench-env highway --steps 20000 --repeats 5 | sed -E 's/^highway: ([0-9,]+) steps.*/\1/' | tr -d ,)
    t[$side-cliff]+="$c "; t[$side-dqn]+="$d "; t[$side-highway]+="$h "
    echo "repeat $i $side: cliff ${c} s, cartpole-dqn ${d} s, bench-env highway ${h} steps/s"
  done
done
for w in cliff dqn highway; do
  b=$(median ${t[before-$w]}); a=$(median ${t[after-$w]})
  echo "median $w: before $b, after $a, after/before $(awk "BEGIN {printf \"%.3f\", $a / $b}")"
done
rm -rf "$out"
