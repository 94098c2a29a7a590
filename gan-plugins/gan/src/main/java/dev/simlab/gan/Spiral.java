package dev.simlab.gan;

import dev.simlab.core.data.Dataset;
import dev.simlab.core.rng.Rng;

/**
 * A 2D spiral (Archimedean, r = t for t ∈ [0.5, 1]·turns·2π, scaled so the outer end is at the
 * given radius) with Gaussian noise: a connected, curved manifold, unlike the mixtures' modes.
 * It has no modes, so runs on it report no mode metrics; judge them by the scatter plot.
 */
final class Spiral implements Dataset {
    private final double turns, radius, noise;

    Spiral(double turns, double radius, double noise) {
        this.turns = turns;
        this.radius = radius;
        this.noise = noise;
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public int[] shape() {
        return new int[] {2};
    }

    @Override
    public int size() {
        return -1;
    }

    @Override
    public void sample(Rng rng, int n, float[] out) {
        for (int i = 0; i < n; i++) {
            double t = Math.sqrt(0.25 + 0.75 * rng.nextDouble()); // uniform along the arc, roughly
            double angle = t * turns * 2 * Math.PI;
            out[2 * i] = (float) (radius * t * Math.cos(angle) + noise * rng.nextGaussian());
            out[2 * i + 1] = (float) (radius * t * Math.sin(angle) + noise * rng.nextGaussian());
        }
    }
}
