#!/usr/bin/env python3
"""Mode coverage of 2D GAN samples, written apart from SimLab (VEEGAN/PacGAN protocol).

Reads run folders' run-NNN/samples.csv (x,y per row) and prints, per run, the modes covered
(a mode with at least one sample within 3 sigma of it, the sample's nearest mode) and the share
of high-quality samples (within 3 sigma of their nearest mode), then the mean over all runs.

  python3 benchmarks/gan/mode_coverage.py grid  results/gan-grid-*/      # 25 modes, sigma 0.05
  python3 benchmarks/gan/mode_coverage.py ring  results/gan-ring-*/      # 8 modes, sigma 0.01
"""
import glob
import math
import os
import sys

import numpy as np


def modes(kind):
    if kind == "grid":
        return np.array([(a, b) for a in (-4, -2, 0, 2, 4) for b in (-4, -2, 0, 2, 4)], float), 0.05
    if kind == "ring":
        return np.array([(math.cos(2 * math.pi * k / 8), math.sin(2 * math.pi * k / 8)) for k in range(8)]), 0.01
    sys.exit("first argument: grid or ring")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    centres, sigma = modes(sys.argv[1])
    rows = []
    for folder in sys.argv[2:]:
        for f in sorted(glob.glob(os.path.join(folder, "run-*", "samples.csv"))):
            x = np.loadtxt(f, delimiter=",", skiprows=1)
            d = np.linalg.norm(x[:, None, :] - centres[None], axis=2)
            hq = d.min(1) < 3 * sigma
            covered = len(set(d.argmin(1)[hq]))
            rows.append((f, covered, hq.mean()))
            print(f"{f}: {covered} of {len(centres)} modes, {100 * hq.mean():.2f}% high quality")
    if rows:
        print(f"mean over {len(rows)} runs: {np.mean([r[1] for r in rows]):.2f} modes, {100 * np.mean([r[2] for r in rows]):.2f}% high quality")


if __name__ == "__main__":
    main()
