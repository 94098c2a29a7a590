#!/usr/bin/env bash
# SimLab's gan-fashion (or gan-digits) beside a plain PyTorch GAN with the same networks and budget (issue #16),
# both scored by one scorer: `simlab score` with the scenario's dataset (the cached Fashion-MNIST
# classifier's Fréchet distance fd, confidence, class entropy, k-NN precision/recall).
#
#   benchmarks/gan-side-by-side.sh OUT [SCENARIO]     (default scenarios/gan-fashion.yaml)
#   SEEDS="0 1 2 3 4"   seeds, one SimLab run and one PyTorch run each
#   TOGETHER=1          run each seed's SimLab and PyTorch jobs at the same time, one core each
#                       (0: one after the other, each alone on the machine: the speed figures)
#   PEER_ARGS="..."     extra torch_gan.py options; it reads the scenario's iterations, batch size,
#                       noise size, hidden sizes, learning rate and β1
# Two peers run per seed: "PyTorch" (plain, no weight averaging) and "PyTorch+EMA" (the generator
# averaged with the scenario's gan.ema decay, as SimLab's run is).
#
# Needs Debian's python3-torch, python3-numpy, python3-yaml and dataset-fashion-mnist. Writes OUT/table.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(mkdir -p "$1" && cd "$1" && pwd)"
SCENARIO="${2:-$ROOT/scenarios/gan-fashion.yaml}"
SEEDS="${SEEDS:-0 1 2 3 4}"
TOGETHER="${TOGETHER:-0}"
PY=/usr/bin/python3
SIMLAB="$ROOT/simlab"

simlab_run() { # seed
  "$SIMLAB" run "$SCENARIO" --runs 1 --seed "$1" --out "$OUT/simlab-$1" --quiet >"$OUT/simlab-$1.log" 2>&1
}
EMA="$("$PY" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["gan"].get("ema", 0))' "$SCENARIO")"
torch_run() { # seed
  OMP_NUM_THREADS=1 "$PY" "$ROOT/benchmarks/gan/torch_gan.py" --scenario "$SCENARIO" --seed "$1" --threads 1 ${PEER_ARGS:-} \
    --out "$OUT/torch-$1.csv" >"$OUT/torch-$1.json"
  OMP_NUM_THREADS=1 "$PY" "$ROOT/benchmarks/gan/torch_gan.py" --scenario "$SCENARIO" --seed "$1" --threads 1 --ema "$EMA" ${PEER_ARGS:-} \
    --out "$OUT/torch-ema-$1.csv" >"$OUT/torch-ema-$1.json"
}

for s in $SEEDS; do
  if [ "$TOGETHER" = 1 ]; then
    simlab_run "$s" & a=$!
    torch_run "$s" & b=$!
    wait $a; wait $b
  else
    simlab_run "$s"
    torch_run "$s"
  fi
  "$SIMLAB" score "$SCENARIO" "$OUT/simlab-$s/run-000/samples.csv" --json >"$OUT/simlab-$s.score.json"
  "$SIMLAB" score "$SCENARIO" "$OUT/torch-$s.csv" --json >"$OUT/torch-$s.score.json"
  "$SIMLAB" score "$SCENARIO" "$OUT/torch-ema-$s.csv" --json >"$OUT/torch-ema-$s.score.json"
done

"$PY" - "$OUT" $SEEDS <<'EOF'
import json, statistics, sys
out, seeds = sys.argv[1], sys.argv[2:]
rows = []
keys = ["fd", "classifier_confidence", "classifier_entropy", "classifier_min_class_share", "knn_precision", "knn_recall"]
# the digits have no feature extractor, so no fd
keys = [k for k in keys if k in json.load(open(f"{out}/simlab-{seeds[0]}.score.json"))]
def summary(s):
    return json.load(open(f"{out}/simlab-{s}/summary.json"))
lines = ["| seed | generator | " + " | ".join(keys) + " | it/s | training s |", "|---" * (len(keys) + 4) + "|"]
per = {name: {k: [] for k in keys + ["its"]} for name in ("SimLab", "PyTorch", "PyTorch+EMA")}
for s in seeds:
    sm = summary(s)
    wall = sm["total_wall_seconds"]
    its = sm["aggregate"]["iterations_per_second"]["mean"]
    t = json.load(open(f"{out}/torch-{s}.json"))
    te = json.load(open(f"{out}/torch-ema-{s}.json"))
    for name, score, rate, secs in (("SimLab", f"{out}/simlab-{s}.score.json", its, wall),
                                    ("PyTorch", f"{out}/torch-{s}.score.json", t["iterations_per_second"], t["wall_seconds"]),
                                    ("PyTorch+EMA", f"{out}/torch-ema-{s}.score.json", te["iterations_per_second"], te["wall_seconds"])):
        sc = json.load(open(score))
        for k in keys: per[name][k].append(sc[k])
        per[name]["its"].append(rate)
        lines.append(f"| {s} | {name} | " + " | ".join(f"{sc[k]:.3f}" for k in keys) + f" | {rate:.1f} | {secs:.0f} |")
for name in per:
    lines.append(f"| **median** | **{name}** | " + " | ".join(f"**{statistics.median(per[name][k]):.3f}**" for k in keys)
                 + f" | **{statistics.median(per[name]['its']):.1f}** | |")
fd_real = json.load(open(f"{out}/simlab-{seeds[0]}.score.json")).get("fd_real")
if fd_real is not None:
    lines.append("")
    lines.append(f"fd_real (as many real training images as samples, against the test set): {fd_real:.3f}")
open(f"{out}/table.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
EOF
