#!/usr/bin/env bash
# What writing TensorBoard event files costs: the classic cliff workload (Q-learning, 50 runs x
# 500 episodes, end to end including JVM start) with run.tensorboard on (the default) and off,
# alternating REPEATS times (default 7; the side that goes first alternates too). Prints each
# time, the medians and on/off.
#   flock /tmp/mvn.lock benchmarks/tensorboard-overhead.sh
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${REPEATS:-7}
./simlab --version >/dev/null    # build first, outside the timing
out=$(mktemp -d)
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); awk "BEGIN {printf \"%.3f\", $t1 - $t0}"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
on=(); off=()
for i in $(seq "$REPEATS"); do
  sides=(on off); [ $((i % 2)) -eq 0 ] && sides=(off on)
  for side in "${sides[@]}"; do
    s=$(secs ./simlab run scenarios/cliff-walking-qlearning.yaml --out "$out/$side-$i" --quiet --set run.tensorboard=$([ "$side" = on ] && echo true || echo false))
    if [ "$side" = on ]; then on+=("$s"); else off+=("$s"); fi
  done
  echo "repeat $i: on ${on[-1]} s, off ${off[-1]} s"
done
mon=$(median "${on[@]}"); moff=$(median "${off[@]}")
echo "tb files of one on-run: $(find "$out/on-1/tb" -type f | wc -l), $(du -sk "$out/on-1/tb" | cut -f1) KiB"
echo "median: on $mon s, off $moff s, on/off $(awk "BEGIN {printf \"%.3f\", $mon / $moff}")"
rm -rf "$out"
