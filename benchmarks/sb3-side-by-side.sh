#!/usr/bin/env bash
# Wall-clock per run of SimLab against Stable-Baselines3 with rl-baselines3-zoo's settings, side by
# side in the same session (issue #15): for each task (default cartpole-ppo pendulum-sac
# cartpole-dqn), REPEATS times (default 5, seeds 0, 1, ...), one SimLab run of scenarios/TASK.yaml
# and one SB3 run of benchmarks/sb3/sb3_run.py with the same seed, the side that goes first
# alternating. A task whose scenario does not exist yet is skipped.
#
# The per-run figure is training plus the final greedy evaluation: SimLab's summary.json
# runs[0].wall_seconds against SB3's learn() + evaluate_policy (same episodes and env copies as
# the scenario). "end to end" adds the process start (JVM and plugins; Python imports). Prints each
# pair, then per task the medians and SimLab/SB3.
#   SB3_PEERS=/opt/peers flock /tmp/mvn.lock benchmarks/sb3-side-by-side.sh [TASK...]
# SB3_PEERS holds src/{stable-baselines3,gymnasium,farama-notifications} (set-up in
# docs/BENCHMARKS.md, "Stable-Baselines3 side by side"). SB3_THREADS: torch's threads (default 1,
# as SimLab's one ND4J thread); SB3_BLAS_THREADS: its OpenBLAS's (default SB3_THREADS, 0 = all).
# STEPS=N shortens both sides' training to N env steps: a smoke
# test of the script, not a benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
SB3_PEERS=${SB3_PEERS:-/opt/peers}
REPEATS=${REPEATS:-5}
PY=${SB3_PYTHON:-/usr/bin/python3}
SB3_THREADS=${SB3_THREADS:-1}
STEPS=${STEPS:-}
[ $# -gt 0 ] && tasks=("$@") || tasks=(cartpole-ppo pendulum-sac cartpole-dqn)

for p in stable-baselines3/stable_baselines3 gymnasium/gymnasium farama-notifications/farama_notifications; do
  if [ ! -d "$SB3_PEERS/src/$p" ]; then
    echo "no SB3 peers in SB3_PEERS=$SB3_PEERS (missing src/$p): apt-get install python3-torch python3-cloudpickle python3-pandas python3-matplotlib, then fetch and git-archive SB3, Gymnasium and Farama-Notifications into \$SB3_PEERS/src as docs/BENCHMARKS.md ('Stable-Baselines3 side by side') says" >&2
    exit 2
  fi
done
export PYTHONPATH="$SB3_PEERS/src/stable-baselines3:$SB3_PEERS/src/gymnasium:$SB3_PEERS/src/farama-notifications"
# Debian's torch does its matrix products in the system OpenBLAS (BLAS_INFO=generic), whose own
# thread pool ignores torch.set_num_threads and took both cores (195% CPU in ps): the SB3 side
# pins it to the same thread count, as SimLab's launcher pins ND4J's OpenBLAS to one
# (OMP_NUM_THREADS=1). SB3_BLAS_THREADS=0 leaves OpenBLAS at its default (every core).
SB3_BLAS_THREADS=${SB3_BLAS_THREADS:-$SB3_THREADS}
sb3_env=()
[ "$SB3_BLAS_THREADS" != 0 ] && sb3_env=(OPENBLAS_NUM_THREADS="$SB3_BLAS_THREADS" OMP_NUM_THREADS="$SB3_BLAS_THREADS")
"$PY" -c 'import stable_baselines3, gymnasium, torch' || { echo "SB3 does not import with $PY (see docs/BENCHMARKS.md)" >&2; exit 2; }

./simlab --version >/dev/null    # build first, outside the timing
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {printf "%.2f", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk "BEGIN {printf \"%.3f\", $1 / $2}"; }
# json FILE-or--  EXPR: a figure from a JSON document (d is the parsed document)
json() { "$PY" -c 'import json, sys; d = json.load(open(sys.argv[1]) if sys.argv[1] != "-" else sys.stdin); print(eval(sys.argv[2]))' "$@"; }
# run.KEY of a scenario file, or DEFAULT when the scenario does not set it
run_key() { awk -v k="$2" -v d="$3" '/^run:/ {r = 1; next} /^[^ #]/ {r = 0} r && $1 == k ":" {v = $2} END {print (v == "" ? d : v)}' "$1"; }

for task in "${tasks[@]}"; do
  scen=scenarios/$task.yaml
  if [ ! -f "$scen" ]; then echo "$task: $scen does not exist yet, skipped"; continue; fi
  episodes=$(run_key "$scen" eval_episodes 0)
  envs=$(run_key "$scen" eval_envs 0)
  [ "$envs" = 0 ] && envs=$(run_key "$scen" num_envs 1)
  simlab_extra=(); sb3_extra=()
  [ -n "$STEPS" ] && simlab_extra=(--set "run.steps=$STEPS") && sb3_extra=(--timesteps "$STEPS")
  echo "== $task (greedy evaluation: $episodes episodes on $envs env copies; SB3 torch threads $SB3_THREADS, OpenBLAS threads ${SB3_BLAS_THREADS/#0/all})"
  s_run=(); s_end=(); b_run=(); b_end=(); b_learn=()
  for i in $(seq "$REPEATS"); do
    seed=$((i - 1))
    sides=(simlab sb3); [ $((i % 2)) -eq 0 ] && sides=(sb3 simlab)
    for side in "${sides[@]}"; do
      t0=$(now)
      if [ "$side" = simlab ]; then
        ./simlab run "$scen" --runs 1 --seed "$seed" --out "$out/$task-$i" --quiet "${simlab_extra[@]}" >/dev/null
        t1=$(now)
        s_run+=("$(json "$out/$task-$i/summary.json" 'd["runs"][0]["wall_seconds"]')")
        s_eval=$(json "$out/$task-$i/summary.json" 'd["runs"][0]["final_eval_return_mean"]')
        s_end+=("$(awk "BEGIN {print $t1 - $t0}")")
      else
        line=$(env "${sb3_env[@]}" "$PY" benchmarks/sb3/sb3_run.py "$task" --seed "$seed" --threads "$SB3_THREADS" \
          --eval-episodes "$episodes" --eval-envs "$envs" "${sb3_extra[@]}")
        t1=$(now)
        b_run+=("$(json - 'd["run_seconds"]' <<<"$line")")
        b_learn+=("$(json - 'd["learn_seconds"]' <<<"$line")")
        b_eval=$(json - 'd["eval_return_mean"]' <<<"$line")
        b_end+=("$(awk "BEGIN {print $t1 - $t0}")")
        [ "$i" -eq 1 ] && echo "   SB3 set-up: $(json - '"SB3 %s, Gymnasium %s, torch %s, numpy %s, Python %s" % (d["sb3"], d["gymnasium"], d["torch"], d["numpy"], d["python"])' <<<"$line")"
      fi
    done
    printf '   seed %d: SimLab %.1f s (eval %.1f), SB3 %.1f s (learn %.1f, eval %.1f); end to end %.1f / %.1f s\n' \
      "$seed" "${s_run[-1]}" "$s_eval" "${b_run[-1]}" "${b_learn[-1]}" "$b_eval" "${s_end[-1]}" "${b_end[-1]}"
  done
  ms=$(median "${s_run[@]}"); mb=$(median "${b_run[@]}"); mse=$(median "${s_end[@]}"); mbe=$(median "${b_end[@]}")
  echo "   median per run: SimLab $ms s, SB3 $mb s (learn $(median "${b_learn[@]}") s), SimLab/SB3 $(ratio "$ms" "$mb")"
  echo "   median end to end: SimLab $mse s, SB3 $mbe s, SimLab/SB3 $(ratio "$mse" "$mbe")"
done
