"""Scores SARSA configurations on held-out seeds with the plain numpy cliff walk, so that the
configurations two tuners found are judged by one evaluator that neither tuned on.

    python3 benchmarks/numpy/evaluate_sarsa.py FIRST_SEED SEEDS < configs.jsonl

Reads JSON lines with alpha and epsilon (other keys are passed through) and writes each back with
`heldout`: the mean return over episodes 101-500 averaged over seeds FIRST_SEED .. FIRST_SEED+SEEDS-1.
"""
import json
import sys

import numpy as np

from cliff_walking import run


def main():
    first, seeds = int(sys.argv[1]), int(sys.argv[2])
    for line in sys.stdin:
        if not line.strip():
            continue
        c = json.loads(line)
        c["heldout"] = float(np.mean([run("sarsa", s, 500, eps=c["epsilon"], alpha=c["alpha"])[100:].mean()
                                      for s in range(first, first + seeds)]))
        print(json.dumps(c), flush=True)


if __name__ == "__main__":
    main()
