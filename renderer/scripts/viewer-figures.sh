#!/usr/bin/env bash
# Viewer figures of docs/VIEWER.md: frame rate while training (gridworld, cart-pole, highway with
# 50 vehicles) and training env steps/s with the window open vs the same run headless.
# Runs under its own Xvfb (Mesa llvmpipe). Usage: renderer/scripts/viewer-figures.sh [OUTDIR] [pairs|families]
# families: the frame rate of every family's scene while training, shipped look (1280x720, 60 cap):
# gridworld, the classic-control envs, highway top-down and chase, merge, intersection, the GAN
# ring and the grid view of four runs. SIMLAB overrides the command (default: the repo's ./simlab launcher).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SIMLAB="${SIMLAB:-$ROOT/simlab}"
OUT="${1:-$(mktemp -d)}"
mkdir -p "$OUT"
N=$((90 + RANDOM % 100))
while [ -e /tmp/.X$N-lock ]; do N=$((N + 1)); done
nice -n 10 Xvfb :$N -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB' EXIT
sleep 1
export DISPLAY=:$N

fig() { # name, then simlab arguments; ONLY="name ..." runs just those
  local name=$1; shift
  if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $name "* ]]; then return 0; fi
  "$SIMLAB" "$@" --out "$OUT/$name" --quiet >"$OUT/$name.log" 2>&1
  python3 - "$OUT/$name/summary.json" "$name" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
v = s.get("viewer", {})
key = "iterations_per_second" if "iterations_per_second" in s else "env_steps_per_second"
sps = s.get(key) or s["aggregate"][key]["mean"]
fps = s.get("viewer_fps")
print(f"{sys.argv[2]:28s} {key.replace('_per_second', '').replace('_', ' ')}/s {sps:12.0f}   " + (f"viewer {fps:5.1f} frames/s, interval p50 {v['frame_interval_ms_p50']:.1f} ms p95 {v['frame_interval_ms_p95']:.1f} ms, draw p50 {v['draw_ms_p50']:.1f} ms p95 {v['draw_ms_p95']:.1f} ms" if fps else "headless"))
PY
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${2:-pairs}" = families ]; then
  W=(--speed max --set run.eval_episodes=0)
  fig gridworld      watch cliff-walking-qlearning --runs 1 --set run.episodes=0 --set run.steps=20000000 "${W[@]}" --screenshot "$OUT/gridworld.png"
  fig cartpole       watch cartpole-dqn --runs 1 --set run.steps=6000 "${W[@]}" --screenshot "$OUT/cartpole.png"
  fig mountaincar    watch mountaincar-dqn --runs 1 --set run.steps=6000 "${W[@]}" --screenshot "$OUT/mountaincar.png"
  fig acrobot        watch acrobot-dqn --runs 1 --set run.steps=6000 "${W[@]}" --screenshot "$OUT/acrobot.png"
  fig pendulum       watch pendulum-random --runs 1 --set run.episodes=0 --set run.steps=40000 --set run.eval_episodes=0 --speed 2000 --screenshot "$OUT/pendulum.png"
  fig mc-continuous  watch pendulum-random --set env.id=mountaincar-continuous --runs 1 --set run.episodes=0 --set run.steps=40000 --set run.eval_episodes=0 --speed 2000 --screenshot "$OUT/mc-continuous.png"
  fig highway-top    watch highway-fast-dqn --set env.id=highway --set run.steps=2000 "${W[@]}" --camera top-down --screenshot "$OUT/highway-top.png"
  fig highway-chase  watch highway-fast-dqn --set env.id=highway --set run.steps=2000 "${W[@]}" --camera chase --screenshot "$OUT/highway-chase.png"
  fig merge          watch highway-fast-dqn --set env.id=merge --set run.steps=2000 "${W[@]}" --screenshot "$OUT/merge.png"
  fig intersection   watch highway-fast-dqn --set env.id=intersection --set run.steps=2000 "${W[@]}" --screenshot "$OUT/intersection.png"
  fig gan-ring       watch gan-ring --runs 1 --set run.iterations=1500 --speed max --screenshot "$OUT/gan-ring.png"
  fig gan-digits     watch gan-digits-mlp --runs 1 --set run.iterations=600 --speed max --screenshot "$OUT/gan-digits.png"
  fig grid-4-runs    watch cliff-walking-qlearning --runs 4 --view grid --set run.episodes=0 --set run.steps=3000000 "${W[@]}" --screenshot "$OUT/grid-4-runs.png"
  rm -rf "$OUT"/gridworld/metrics.csv
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi
# frame rate while training, 1280x720, 60 frames/s cap; --speed max: no pacing of fast runs,
# --screenshot: the window closes on the final state instead of staying open
fig grid-watch   watch cliff-walking-qlearning --runs 1 --set run.episodes=0 --set run.steps=20000000 --set run.eval_episodes=0 --speed max --screenshot "$OUT/grid-watch.png"
fig grid-run     run   cliff-walking-qlearning --runs 1 --set run.episodes=0 --set run.steps=20000000 --set run.eval_episodes=0
fig cart-watch   watch cartpole-dqn --runs 1 --set run.steps=6000 --set run.eval_episodes=0 --speed max --screenshot "$OUT/cart-watch.png"
fig cart-run     run   cartpole-dqn --runs 1 --set run.steps=6000 --set run.eval_episodes=0
fig highway-watch watch highway-fast-dqn --set env.id=highway --set run.steps=2000 --set run.eval_episodes=0 --camera follow --speed max --screenshot "$OUT/highway-watch.png"
fig highway-run   run   highway-fast-dqn --set env.id=highway --set run.steps=2000 --set run.eval_episodes=0
# uncapped: what the renderer could do
fig grid-uncapped watch cliff-walking-qlearning --runs 1 --set run.episodes=0 --set run.steps=20000000 --set run.eval_episodes=0 --fps 0 --speed max --screenshot "$OUT/grid-uncapped.png"
rm -rf "$OUT"/grid-*/metrics.csv  # 1.5M rows each
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
