package dev.simlab.gan;

import dev.simlab.core.data.Dataset;
import dev.simlab.core.rng.Rng;

/**
 * An equal-weight mixture of isotropic 2D Gaussians, the synthetic benchmarks of VEEGAN and
 * PacGAN: {@link #ring} (8 modes on a circle) and {@link #grid} (25 modes on a 5×5 grid).
 */
final class GaussianMixture implements Dataset {
    private final float[] modes;
    private final double sigma;

    GaussianMixture(float[] modes, double sigma) {
        this.modes = modes;
        this.sigma = sigma;
    }

    /** {@code k} modes evenly spaced on a circle of the given radius, starting at (radius, 0). */
    static GaussianMixture ring(int k, double radius, double sigma) {
        float[] m = new float[2 * k];
        for (int i = 0; i < k; i++) {
            m[2 * i] = (float) (radius * Math.cos(2 * Math.PI * i / k));
            m[2 * i + 1] = (float) (radius * Math.sin(2 * Math.PI * i / k));
        }
        return new GaussianMixture(m, sigma);
    }

    /** Modes at {−(n−1)/2·spacing, …, (n−1)/2·spacing}², e.g. {−4, −2, 0, 2, 4}² for n = 5, spacing 2. */
    static GaussianMixture grid(int n, double spacing, double sigma) {
        float[] m = new float[2 * n * n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[k++] = (float) ((i - (n - 1) / 2.0) * spacing);
                m[k++] = (float) ((j - (n - 1) / 2.0) * spacing);
            }
        }
        return new GaussianMixture(m, sigma);
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
        int k = modes.length / 2;
        for (int i = 0; i < n; i++) {
            int m = rng.nextInt(k);
            out[2 * i] = (float) (modes[2 * m] + sigma * rng.nextGaussian());
            out[2 * i + 1] = (float) (modes[2 * m + 1] + sigma * rng.nextGaussian());
        }
    }

    @Override
    public float[] modes() {
        return modes.clone();
    }

    @Override
    public double modeStddev() {
        return sigma;
    }
}
