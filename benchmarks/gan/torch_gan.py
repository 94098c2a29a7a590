#!/usr/bin/env python3
"""A plain PyTorch GAN on Fashion-MNIST (or any MNIST-format IDX images, or the UCI 8x8 digits): the
peer that benchmarks/gan-side-by-side.sh runs beside SimLab's gan-fashion (or gan-digits) scenario.

It trains the same networks as the scenario (MLPs by default: G noise -> 256 -> 512 -> 784 sigmoid,
D 784 -> 512 -> 256 -> 1 with leaky ReLU 0.01, or the small DCGAN of --conv), with DCGAN's
optimiser settings (Adam 2e-4, beta1 0.5), the non-saturating loss, batch 64 and the same number of
iterations (one D step and one G step each), and writes its samples in SimLab's samples.csv format
(header p0..p783, one image per row, pixels in [0, 1]) so that `simlab score` rates both generators
with one scorer. Written as a user would write it from the PyTorch DCGAN tutorial: PyTorch's default
initialisation, shuffled epochs, no generator averaging unless --ema is given.

Prints one JSON line: iterations, wall_seconds (training only), iterations_per_second.
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
import torch
from torch import nn


def read_idx_images(path):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    magic, n, h, w = np.frombuffer(data[:16], dtype=">i4")
    assert magic == 2051, f"{path}: not an IDX image file"
    return np.frombuffer(data[16:], dtype=np.uint8).reshape(n, h * w).astype(np.float32) / 255.0, int(h), int(w)


def read_digits(path):
    with gzip.open(path, "rt") if path.endswith(".gz") else open(path) as f:
        rows = [[float(v) for v in line.split(",")[:64]] for line in f if line.strip()]
    return np.asarray(rows, dtype=np.float32) / 16.0, 8, 8


def mlp(sizes, act, out_act=None):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(act())
    if out_act is not None:
        layers.append(out_act())
    return nn.Sequential(*layers)


class ConvG(nn.Module):
    """SimLab's conv generator: dense to c0 maps of h/4 x w/4, batch norm, ReLU, transposed 3x3 stride-2 convs (batch norm between), sigmoid."""

    def __init__(self, z, channels, h, w):
        super().__init__()
        k = len(channels)
        self.c0, self.h0, self.w0 = channels[0], h >> k, w >> k
        self.fc = nn.Linear(z, self.c0 * self.h0 * self.w0)
        layers = [nn.BatchNorm2d(self.c0), nn.ReLU()]
        for i in range(k):
            last = i == k - 1
            cout = 1 if last else channels[i + 1]
            layers.append(nn.ConvTranspose2d(channels[i], cout, 3, stride=2, padding=1, output_padding=1))
            layers += [nn.Sigmoid()] if last else [nn.BatchNorm2d(cout), nn.ReLU()]
        self.net = nn.Sequential(*layers)

    def forward(self, z):
        return self.net(self.fc(z).view(-1, self.c0, self.h0, self.w0)).flatten(1)


class ConvD(nn.Module):
    """SimLab's conv discriminator: 3x3 stride-2 convs with leaky ReLU, then one logit."""

    def __init__(self, channels, h, w):
        super().__init__()
        layers, cin = [], 1
        for c in channels:
            layers += [nn.Conv2d(cin, c, 3, stride=2, padding=1), nn.LeakyReLU(0.01)]
            cin, h, w = c, (h + 1) // 2, (w + 1) // 2
        self.h, self.w = h, w
        self.net = nn.Sequential(*layers, nn.Flatten(), nn.Linear(cin * h * w, 1))
        self.shape = None

    def forward(self, x):
        side = int(round(x.shape[1] ** 0.5))
        return self.net(x.view(-1, 1, side, side))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--images", default="/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")
    p.add_argument("--digits", help="train on the UCI 8x8 digits instead (a CSV, optionally gzipped: 64 pixels 0-16 then the label per row, "
                                     "as ../shared/data/optdigits-8x8.csv.gz); taken from a scenario whose dataset is digits")
    p.add_argument("--iterations", type=int, default=5000)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--noise", type=int, default=64)
    p.add_argument("--g-hidden", default="256,512")
    p.add_argument("--d-hidden", default="512,256")
    p.add_argument("--conv", action="store_true", help="the small DCGAN: G conv [64, 32], D conv [32, 64], no dense hidden layers")
    p.add_argument("--lr", type=float, default=2e-4)
    p.add_argument("--d-lr", type=float, help="the discriminator's learning rate (default: --lr)")
    p.add_argument("--beta1", type=float, default=0.5)
    p.add_argument("--ema", type=float, default=0.0, help="average G's weights with this decay (SimLab's gan.ema); 0: off")
    p.add_argument("--samples", type=int, default=2000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--out", required=True, help="samples CSV to write")
    p.add_argument("--scenario", help="take iterations, batch size, noise size, hidden sizes, learning rate and β1 from this SimLab "
                                       "scenario (MLP nets); options given on the command line still win")
    a = p.parse_args()
    if a.scenario:
        import sys
        import yaml
        sc = yaml.safe_load(open(a.scenario))
        gan, run = sc["gan"], sc.get("run", {})
        given = {arg.split("=")[0] for arg in sys.argv[1:] if arg.startswith("--")}
        take = {"--iterations": ("iterations", run.get("iterations")), "--batch": ("batch", gan.get("batch_size")),
                "--noise": ("noise", gan.get("noise_dim")), "--samples": ("samples", run.get("eval_samples")), "--lr": ("lr", gan["generator"].get("learning_rate")),
                "--d-lr": ("d_lr", gan["discriminator"].get("learning_rate")),
                "--beta1": ("beta1", gan.get("beta1")),
                "--g-hidden": ("g_hidden", ",".join(map(str, gan["generator"].get("hidden", []))) or None),
                "--d-hidden": ("d_hidden", ",".join(map(str, gan["discriminator"].get("hidden", []))) or None)}
        for flag, (name, value) in take.items():
            if value is not None and flag not in given:
                setattr(a, name, value)
        if sc.get("dataset", {}).get("id") == "digits" and "--digits" not in given:
            a.digits = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../gan-plugins/gan/src/main/resources/dev/simlab/gan/optdigits-8x8.csv.gz")
        if "conv" in gan["generator"] or "conv" in gan["discriminator"]:
            raise SystemExit(f"{a.scenario}: conv nets: give --conv (the peer's DCGAN is G conv [64, 32], D conv [32, 64])")

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    x, h, w = read_digits(a.digits) if a.digits else read_idx_images(a.images)
    data = torch.from_numpy(x)
    dim = h * w
    if a.conv:
        G, D = ConvG(a.noise, [64, 32], h, w), ConvD([32, 64], h, w)
    else:
        G = mlp([a.noise] + [int(s) for s in a.g_hidden.split(",")] + [dim], nn.ReLU, nn.Sigmoid)
        D = mlp([dim] + [int(s) for s in a.d_hidden.split(",")] + [1], lambda: nn.LeakyReLU(0.01))
    opt_g = torch.optim.Adam(G.parameters(), lr=a.lr, betas=(a.beta1, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=a.d_lr or a.lr, betas=(a.beta1, 0.999))
    bce = nn.BCEWithLogitsLoss()
    ones, zeros = torch.ones(a.batch, 1), torch.zeros(a.batch, 1)
    ema = [q.detach().clone() for q in G.state_dict().values()] if a.ema > 0 else None

    order, pos = rng.permutation(len(data)), 0
    start = time.perf_counter()
    for it in range(a.iterations):
        if pos + a.batch > len(order):
            order, pos = rng.permutation(len(data)), 0
        real = data[order[pos:pos + a.batch]]
        pos += a.batch
        fake = G(torch.randn(a.batch, a.noise))
        opt_d.zero_grad(set_to_none=True)
        d_loss = bce(D(real), ones) + bce(D(fake.detach()), zeros)
        d_loss.backward()
        opt_d.step()
        opt_g.zero_grad(set_to_none=True)
        g_loss = bce(D(fake), ones)
        g_loss.backward()
        opt_g.step()
        if ema is not None:
            decay = min(a.ema, (1.0 + it) / (10.0 + it))
            with torch.no_grad():
                for e, q in zip(ema, G.state_dict().values()):
                    if q.dtype.is_floating_point:
                        e.mul_(decay).add_(q, alpha=1 - decay)
                    else:
                        e.copy_(q)
    wall = time.perf_counter() - start

    if ema is not None:
        G.load_state_dict(dict(zip(G.state_dict().keys(), ema)))
    G.eval()
    with torch.no_grad():
        s = G(torch.randn(a.samples, a.noise)).numpy()
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        f.write(",".join(f"p{j}" for j in range(dim)) + "\n")
        for row in s:
            f.write(",".join(f"{v:.6g}" for v in row) + "\n")
    print(json.dumps({"iterations": a.iterations, "wall_seconds": round(wall, 2), "iterations_per_second": round(a.iterations / wall, 2),
                      "threads": a.threads, "d_loss": float(d_loss), "g_loss": float(g_loss)}))


if __name__ == "__main__":
    main()
