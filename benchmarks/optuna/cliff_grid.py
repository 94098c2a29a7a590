"""The study overhead benchmark's peer: Optuna running studies/cliff-grid.yaml's grid over plain numpy SARSA.

100 configurations (10 step sizes x 10 exploration rates, log-spaced as in the SimLab study), 10
seeds each, 500 episodes per run, scored by the mean return over episodes 101-500 averaged over
the seeds: the same work `simlab study studies/cliff-grid.yaml` does. Uses Debian's python3-optuna
and benchmarks/numpy/cliff_walking.py's SARSA.

    python3 benchmarks/optuna/cliff_grid.py [n_jobs]
"""
import os
import sys
import time

import numpy as np
import optuna

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "numpy"))
from cliff_walking import run  # noqa: E402

ALPHAS = list(np.geomspace(0.05, 1.0, 10))
EPSILONS = list(np.geomspace(0.01, 0.5, 10))
SEEDS, EPISODES = 10, 500


def objective(trial):
    alpha = trial.suggest_float("alpha", 0.05, 1.0, log=True)
    eps = trial.suggest_float("epsilon", 0.01, 0.5, log=True)
    return float(np.mean([run("sarsa", seed, EPISODES, eps=eps, alpha=alpha)[100:].mean() for seed in range(SEEDS)]))


def main():
    jobs = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    t0 = time.perf_counter()
    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.GridSampler({"alpha": ALPHAS, "epsilon": EPSILONS}))
    study.optimize(objective, n_jobs=jobs)
    best = study.best_trial
    print(f"best: alpha {best.params['alpha']:.4g}, epsilon {best.params['epsilon']:.4g}, objective {best.value:.2f}")
    print(f"wall {time.perf_counter() - t0:.1f} s for {len(study.trials)} trials x {SEEDS} seeds x {EPISODES} episodes")


if __name__ == "__main__":
    main()
