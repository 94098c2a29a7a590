#!/usr/bin/env bash
# Viewer figures of docs/VIEWER.md: frame rate while training (gridworld, cart-pole, highway with
# 50 vehicles) and training env steps/s with the window open vs the same run headless.
# Runs under its own Xvfb (Mesa llvmpipe). Usage: renderer/scripts/viewer-figures.sh [OUTDIR]
# SIMLAB overrides the command (default: the repo's ./simlab launcher).
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

fig() { # name, then simlab arguments
  local name=$1; shift
  "$SIMLAB" "$@" --out "$OUT/$name" --quiet >"$OUT/$name.log" 2>&1
  python3 - "$OUT/$name/summary.json" "$name" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
v = s.get("viewer", {})
sps = s.get("env_steps_per_second", s["aggregate"]["env_steps_per_second"]["mean"])
fps = s.get("viewer_fps")
print(f"{sys.argv[2]:28s} env steps/s {sps:12.0f}   " + (f"viewer {fps:5.1f} frames/s, interval p50 {v['frame_interval_ms_p50']:.1f} ms p95 {v['frame_interval_ms_p95']:.1f} ms, draw p50 {v['draw_ms_p50']:.1f} ms p95 {v['draw_ms_p95']:.1f} ms" if fps else "headless"))
PY
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
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
