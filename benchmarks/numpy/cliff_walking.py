"""The classic cliff-walking workload in plain numpy, as a Python user would write it.

Sutton & Barto, Example 6.6: 4x12 grid, -1 per step, the cliff costs -100 and sends the agent
back to the start; Q-learning and SARSA with epsilon = 0.1, alpha = 0.5, gamma = 1, 50 runs x 500
episodes each, random tie-breaking in the greedy choice. Writes one row per episode per run
(like SimLab's metrics.csv) and prints the late-episode mean returns and the wall time.

    python3 benchmarks/numpy/cliff_walking.py [runs] [episodes]
"""
import sys
import time

import numpy as np

ROWS, COLS = 4, 12
START, GOAL = (3, 0), (3, 11)
MOVES = [(-1, 0), (0, 1), (1, 0), (0, -1)]  # up, right, down, left (Gymnasium's order)


def step(state, action):
    r, c = state
    dr, dc = MOVES[action]
    r = min(max(r + dr, 0), ROWS - 1)
    c = min(max(c + dc, 0), COLS - 1)
    if r == 3 and 1 <= c <= 10:
        return START, -100.0, False
    return (r, c), -1.0, (r, c) == GOAL


def epsilon_greedy(q, state, eps, rng):
    if rng.random() < eps:
        return int(rng.integers(4))
    values = q[state]
    best = np.flatnonzero(values == values.max())
    return int(rng.choice(best))


def run(algorithm, seed, episodes, eps=0.1, alpha=0.5, gamma=1.0):
    rng = np.random.default_rng(seed)
    q = np.zeros((ROWS, COLS, 4))
    returns = np.zeros(episodes)
    for e in range(episodes):
        s = START
        a = epsilon_greedy(q, s, eps, rng)
        total, done = 0.0, False
        while not done:
            s2, r, done = step(s, a)
            total += r
            a2 = epsilon_greedy(q, s2, eps, rng)
            if done:
                target = r
            elif algorithm == "sarsa":
                target = r + gamma * q[s2][a2]
            else:
                target = r + gamma * q[s2].max()
            q[s][a] += alpha * (target - q[s][a])
            s, a = s2, a2
        returns[e] = total
    return returns


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    episodes = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    t0 = time.perf_counter()
    rows = []
    for algorithm in ("q-learning", "sarsa"):
        results = [run(algorithm, seed, episodes) for seed in range(runs)]
        for k, returns in enumerate(results):
            rows.extend(f"{algorithm},{k},{e + 1},{ret:g}" for e, ret in enumerate(returns))
        late = np.mean([r[-100:].mean() for r in results])
        print(f"{algorithm}: mean return over the last 100 episodes {late:.1f}")
    with open("/tmp/numpy-cliff-metrics.csv", "w") as f:
        f.write("algorithm,run,episode,return\n" + "\n".join(rows) + "\n")
    print(f"wall {time.perf_counter() - t0:.1f} s for 2 algorithms x {runs} runs x {episodes} episodes")


if __name__ == "__main__":
    main()
