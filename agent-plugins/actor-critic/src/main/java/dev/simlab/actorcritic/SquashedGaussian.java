package dev.simlab.actorcritic;

import dev.simlab.nn.MinibatchLoss;

/**
 * SAC's tanh-squashed diagonal Gaussian policy (Haarnoja et al. 2018, appendix C; SB3's
 * {@code SquashedDiagGaussianDistribution}) and the actor's loss. The actor outputs, per row,
 * the means μ and the log stds of d action dimensions (2d columns); the log std is clamped to
 * [−20, 2] as SB3's {@code LOG_STD_MIN/MAX}. An action is a = tanh(u), u = μ + σ·ε with
 * ε ~ N(0, I), in [−1, 1] (the agent rescales it to the env's bounds), and
 * <pre>
 *   log π(a|s) = Σⱼ −½εⱼ² − log σⱼ − ½ log 2π − log(1 − aⱼ² + 10⁻⁶).
 * </pre>
 * As a loss ({@link #minibatch}) it is SAC's actor objective with the critics linearised at the
 * sampled actions: {@code 1/B Σᵢ α·log π(aᵢ|sᵢ) − gᵢ·aᵢ}, where gᵢ = ∂min(Q₁, Q₂)/∂a at
 * (sᵢ, aᵢ), which the agent reads from the critics' input gradients. Its gradient with respect
 * to μ and log σ, ε held fixed (the reparameterisation trick), is therefore exactly the gradient
 * of {@code 1/B Σᵢ α·log π(aᵢ|sᵢ) − min(Q₁, Q₂)(sᵢ, aᵢ)} that SB3 backpropagates.
 */
final class SquashedGaussian extends MinibatchLoss {
    private static final long serialVersionUID = 1L;
    static final double LOG_STD_MIN = -20, LOG_STD_MAX = 2, EPSILON = 1e-6;
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final int d;
    private float[] noise = new float[0];
    private float[] actionGradient = new float[0];
    private double alpha;

    SquashedGaussian(int dims) {
        this.d = dims;
    }

    /**
     * Row {@code row}'s action into {@code action[aOffset ..]}: tanh(μ + σ·ε) with
     * ε = {@code noise[nOffset ..]}, or tanh(μ) (the deterministic action) when {@code noise} is
     * null. Returns log π(a|s), or NaN for the deterministic action.
     */
    static double sample(float[] outputs, int row, int d, float[] noise, int nOffset, float[] action, int aOffset) {
        double logPi = 0;
        for (int j = 0; j < d; j++) {
            double mu = outputs[row * 2 * d + j];
            if (noise == null) {
                action[aOffset + j] = (float) Math.tanh(mu);
                continue;
            }
            double logStd = clamp(outputs[row * 2 * d + d + j]), e = noise[nOffset + j];
            double a = Math.tanh(mu + Math.exp(logStd) * e);
            action[aOffset + j] = (float) a;
            logPi += -0.5 * e * e - logStd - HALF_LOG_2PI - Math.log(1 - a * a + EPSILON);
        }
        return noise == null ? Double.NaN : logPi;
    }

    static double clamp(double logStd) {
        return Math.max(LOG_STD_MIN, Math.min(LOG_STD_MAX, logStd));
    }

    /** The next gradient pass's minibatch: the noise ε that sampled each row's action, g = ∂min Q/∂a there, and α. */
    void minibatch(float[] noise, float[] actionGradient, double alpha) {
        this.noise = noise;
        this.actionGradient = actionGradient;
        this.alpha = alpha;
    }

    @Override
    protected double evaluate(double[] labels, double[] out, int b, int cols, double[] grad) {
        double loss = 0;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < d; j++) {
                int k = i * d + j;
                double mu = out[i * cols + j], rawLogStd = out[i * cols + d + j], logStd = clamp(rawLogStd);
                double sigma = Math.exp(logStd), e = noise[k], g = actionGradient[k];
                double a = Math.tanh(mu + sigma * e), one = 1 - a * a;
                loss += alpha * (-0.5 * e * e - logStd - HALF_LOG_2PI - Math.log(one + EPSILON)) - g * a;
                if (grad == null) continue;
                // d/du of α·(−log(1 − tanh²u + 10⁻⁶)) − g·tanh u, with du/dμ = 1 and du/dlog σ = σ·ε
                double dLdu = (alpha * 2 * a * one / (one + EPSILON) - g * one) / b;
                grad[i * cols + j] = dLdu;
                boolean clamped = rawLogStd < LOG_STD_MIN || rawLogStd > LOG_STD_MAX;
                grad[i * cols + d + j] = clamped ? 0 : dLdu * sigma * e - alpha / b;
            }
        }
        return loss / b;
    }

    @Override
    public String name() {
        return "sac-actor";
    }
}
