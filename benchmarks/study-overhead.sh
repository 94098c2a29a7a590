#!/usr/bin/env bash
# The study overhead benchmark, side by side: a 100-configuration x 10-seed grid of cliff-walking
# SARSA, 500 episodes a run, end to end.
#   SimLab: ./simlab study studies/cliff-grid.yaml --workers 2 (fresh folder each time)
#   Optuna: benchmarks/optuna/cliff_grid.py (Debian's python3-optuna over plain numpy SARSA), n_jobs=2
# Alternates SimLab, Optuna, SimLab REPEATS times (default 1: one Optuna run takes minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${REPEATS:-1}
PY=${PY:-/usr/bin/python3}   # Debian's python3, which has python3-optuna and python3-numpy
./simlab --version >/dev/null
out=$(mktemp -d)
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); awk "BEGIN {printf \"%.2f\", $t1 - $t0}"; }
sim=(); opt=()
for i in $(seq "$REPEATS"); do
  sim+=("$(secs ./simlab study studies/cliff-grid.yaml --workers 2 --out "$out/a$i" --quiet)")
  opt+=("$(secs "$PY" benchmarks/optuna/cliff_grid.py 2)")
  sim+=("$(secs ./simlab study studies/cliff-grid.yaml --workers 2 --out "$out/b$i" --quiet)")
  echo "repeat $i: simlab ${sim[-2]} s and ${sim[-1]} s, optuna ${opt[-1]} s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ms=$(median "${sim[@]}"); mo=$(median "${opt[@]}")
echo "median: simlab $ms s, optuna $mo s, ratio $(awk "BEGIN {printf \"%.1f\", $mo / $ms}")x"
head -2 "$out/a1/trials.csv"
rm -rf "$out"
