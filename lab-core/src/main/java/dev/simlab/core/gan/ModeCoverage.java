package dev.simlab.core.gan;

/**
 * Mode metrics for mixtures of Gaussians, the protocol of VEEGAN (Srivastava et al., 2017) and
 * PacGAN (Lin et al., 2018): each generated sample is assigned to its nearest mode; it is
 * <em>high quality</em> when within 3σ of that mode; a mode is <em>covered</em> when at least one
 * high-quality sample is assigned to it. {@code kl} is KL(p ‖ uniform) of the histogram p of the
 * high-quality samples over the modes (0 when every mode gets the same share, log K when all
 * fall on one mode; NaN when no sample is high quality).
 *
 * @param modesCovered modes with at least one high-quality sample
 * @param highQuality fraction of samples within 3σ of their nearest mode
 * @param kl KL divergence of the high-quality mode histogram from uniform, in nats
 * @param counts high-quality samples per mode
 */
public record ModeCoverage(int modesCovered, int modes, double highQuality, double kl, int[] counts) {

    /**
     * Scores {@code n} samples ({@code dim} floats each in {@code samples}) against the modes
     * ({@code dim} floats each in {@code modes}) with per-coordinate standard deviation {@code sigma}.
     */
    public static ModeCoverage of(float[] samples, int n, int dim, float[] modes, double sigma) {
        int k = modes.length / dim;
        int[] counts = new int[k];
        double limit = 9 * sigma * sigma; // (3σ)², compared with squared distances
        int hq = 0;
        for (int i = 0; i < n; i++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int m = 0; m < k; m++) {
                double d = 0;
                for (int j = 0; j < dim; j++) {
                    double diff = samples[i * dim + j] - modes[m * dim + j];
                    d += diff * diff;
                }
                if (d < bestD) {
                    bestD = d;
                    best = m;
                }
            }
            if (bestD <= limit) {
                counts[best]++;
                hq++;
            }
        }
        int covered = 0;
        double kl = 0;
        for (int c : counts) {
            if (c == 0) continue;
            covered++;
            double p = c / (double) hq;
            kl += p * Math.log(p * k);
        }
        return new ModeCoverage(covered, k, n == 0 ? 0 : hq / (double) n, hq == 0 ? Double.NaN : kl, counts);
    }
}
