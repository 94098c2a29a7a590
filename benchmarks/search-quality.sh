#!/usr/bin/env bash
# Search quality, side by side: SimLab's TPE against Optuna's TPE with the same budget on the
# same search space (SARSA on the cliff walk: alpha in [0.01, 1], epsilon in [0.01, 0.5], both
# log-uniform; TRIALS trials of SEEDS seeds, objective the mean return over episodes 101-500),
# for study seeds 0 .. STUDIES-1.
#   SimLab: ./simlab study on a copy of studies/cliff-sarsa-tuning.yaml with search.seed, trials and seeds set (2 workers, the default search.lag)
#   Optuna: benchmarks/optuna/cliff_tpe.py (Debian's python3-optuna, TPESampler defaults, sequential)
# Each tuner's best configuration is then scored on held-out seeds 1000 .. 1049 by one evaluator
# neither tuned on (benchmarks/numpy/evaluate_sarsa.py), since the tuners' own objectives use
# different random streams. Prints per-study figures and the medians.
set -euo pipefail
cd "$(dirname "$0")/.."
STUDIES=${STUDIES:-10}; TRIALS=${TRIALS:-30}; SEEDS=${SEEDS:-5}
PY=${PY:-/usr/bin/python3}   # Debian's python3, which has python3-optuna and python3-numpy
./simlab --version >/dev/null
out=$(mktemp -d)
: > "$out/best.jsonl"
for s in $(seq 0 $((STUDIES - 1))); do
  f="$out/study-$s.yaml"
  sed -e "s|^name: .*|name: search-quality-$s|" -e "s|^scenario: \.\./|scenario: $PWD/|" \
      -e "s|^  trials: .*|  trials: $TRIALS|" -e "s|^  seed: .*|  seed: $s|" -e "s|^seeds: .*|seeds: $SEEDS|" \
      studies/cliff-sarsa-tuning.yaml > "$f"
  ./simlab study "$f" --workers 2 --out "$out/simlab-$s" --quiet >/dev/null
  # the best complete row of trials.csv: trial,status,objective,agent.alpha,agent.epsilon,seeds,wall_seconds
  awk -F, -v s="$s" 'NR > 1 && $2 == "completed" && (best == "" || $3 > best) {best = $3; a = $4; e = $5}
      END {printf "{\"tuner\": \"simlab\", \"study_seed\": %d, \"alpha\": %s, \"epsilon\": %s, \"objective\": %s}\n", s, a, e, best}' \
      "$out/simlab-$s/trials.csv" >> "$out/best.jsonl"
  "$PY" benchmarks/optuna/cliff_tpe.py "$s" "$TRIALS" "$SEEDS" | sed 's/^{/{"tuner": "optuna", /' >> "$out/best.jsonl"
  tail -2 "$out/best.jsonl"
done
(cd benchmarks/numpy && "$PY" evaluate_sarsa.py 1000 50 < "$out/best.jsonl") > "$out/scored.jsonl"
"$PY" - "$out/scored.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"{'seed':>4} {'simlab own':>10} {'held-out':>9} {'optuna own':>10} {'held-out':>9}")
for s in sorted({r["study_seed"] for r in rows}):
    a = next(r for r in rows if r["study_seed"] == s and r["tuner"] == "simlab")
    b = next(r for r in rows if r["study_seed"] == s and r["tuner"] == "optuna")
    print(f"{s:>4} {a['objective']:>10.2f} {a['heldout']:>9.2f} {b['objective']:>10.2f} {b['heldout']:>9.2f}")
for t in ("simlab", "optuna"):
    own = statistics.median(r["objective"] for r in rows if r["tuner"] == t)
    held = statistics.median(r["heldout"] for r in rows if r["tuner"] == t)
    print(f"median {t}: best objective {own:.2f}, its configuration on held-out seeds {held:.2f}")
PY
rm -rf "$out"
