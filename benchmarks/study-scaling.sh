#!/usr/bin/env bash
# Study scaling: the wall-clock of one study with 1 and 2 workers, locally (worker JVMs) and
# through Slurm (array tasks on the one-node cluster of .ci/slurm-cluster.sh, 2 CPUs), end to end:
#   ./simlab study STUDY --workers N [--launcher slurm] --out FRESH_FOLDER --quiet
# REPEATS rounds (default 3), each round running the four set-ups one after the other, so that the
# machine's load falls on all of them alike; prints each time and the medians.
#   STUDY=studies/cliff-grid.yaml REPEATS=3 benchmarks/study-scaling.sh
# The Slurm rows need a running controller (sudo .ci/slurm-cluster.sh start); the study folder
# is under benchmarks' own temporary folder, which every "node" (this machine) shares.
set -euo pipefail
cd "$(dirname "$0")/.."
STUDY=${STUDY:-studies/cliff-grid.yaml}
REPEATS=${REPEATS:-3}
./simlab --version >/dev/null
sinfo -h -o %t | grep -Eq '^(idle|mix)' || { echo "study-scaling: no idle Slurm node (sudo .ci/slurm-cluster.sh start)" >&2; exit 1; }
out=$(mktemp -d "${TMPDIR:-/tmp}/study-scaling.XXXXXX")
trap 'rm -rf "$out"' EXIT
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>"$out/last.err" || { cat "$out/last.err" >&2; exit 1; }; t1=$(date +%s.%N); awk "BEGIN {printf \"%.2f\", $t1 - $t0}"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -A t
setups=("local 1" "local 2" "slurm 1" "slurm 2")
for r in $(seq "$REPEATS"); do
  line="round $r:"
  for s in "${setups[@]}"; do
    read -r launcher n <<<"$s"
    x=$(secs ./simlab study "$STUDY" --launcher "$launcher" --workers "$n" --out "$out/$launcher-$n-$r" --quiet)
    t[$s]="${t[$s]:-} $x"
    line="$line $launcher/$n ${x}s"
  done
  echo "$line"
done
for s in "${setups[@]}"; do
  # shellcheck disable=SC2086
  printf '%-8s median %6.2f s   (%s)\n' "${s/ /\/}" "$(median ${t[$s]})" "${t[$s]# }"
done
# the same objectives whatever the launcher and the number of workers
for s in "local 2" "slurm 1" "slurm 2"; do
  read -r launcher n <<<"$s"
  cmp -s <(sed 's/,[^,]*$//' "$out/local-1-1/trials.csv") <(sed 's/,[^,]*$//' "$out/$launcher-$n-1/trials.csv") \
    || { echo "study-scaling: $launcher with $n workers gave other objectives than local with 1" >&2; exit 1; }
done
echo "trials.csv objectives identical across the four set-ups"
