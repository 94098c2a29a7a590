"""The search-quality benchmark's peer: Optuna's TPE tuning SARSA on the cliff walk.

The search space, budget and objective of the SimLab study that benchmarks/search-quality.sh
runs beside it: agent.alpha in [0.01, 1] and agent.epsilon in [0.01, 0.5], both log-uniform,
TRIALS trials, each scored by the mean return over episodes 101-500 averaged over SEEDS seeds
(0 .. SEEDS-1) of plain numpy SARSA (benchmarks/numpy/cliff_walking.py). Optuna's TPESampler with
its defaults (10 random start-up trials, 24 EI candidates), seeded with STUDY_SEED, run
sequentially (n_jobs=1: the best Optuna can do; parallel asks only weaken TPE).

    python3 benchmarks/optuna/cliff_tpe.py STUDY_SEED [TRIALS] [SEEDS]

Prints one JSON line: the best trial's parameters and objective.
"""
import json
import os
import sys

import numpy as np
import optuna

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "numpy"))
from cliff_walking import run  # noqa: E402

EPISODES = 500


def main():
    study_seed = int(sys.argv[1])
    trials = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    seeds = int(sys.argv[3]) if len(sys.argv) > 3 else 5

    def objective(trial):
        alpha = trial.suggest_float("alpha", 0.01, 1.0, log=True)
        eps = trial.suggest_float("epsilon", 0.01, 0.5, log=True)
        return float(np.mean([run("sarsa", s, EPISODES, eps=eps, alpha=alpha)[100:].mean() for s in range(seeds)]))

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=study_seed))
    study.optimize(objective, n_trials=trials)
    b = study.best_trial
    print(json.dumps({"study_seed": study_seed, "alpha": b.params["alpha"], "epsilon": b.params["epsilon"], "objective": b.value}))


if __name__ == "__main__":
    main()
