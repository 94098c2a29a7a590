package dev.simlab.actorcritic;

import dev.simlab.nn.MinibatchLoss;

/**
 * PPO's clipped surrogate with an entropy bonus as the actor network's loss, for a minibatch of
 * B rows with actions a, advantages A and the rollout's log-probabilities ℓ₀:
 * <pre>
 *   r = exp(log π(a | outputs) − ℓ₀)
 *   L = −1/B Σ min(r·A, clip(r, 1−ε, 1+ε)·A)  −  c_ent · 1/B Σ H(π(· | outputs))
 * </pre>
 * The distribution (categorical over logits, or a diagonal Gaussian around the outputs) is the
 * subclass's: per row, log π, the entropy and their derivatives with respect to the outputs.
 * Deeplearning4j has no such loss. The minibatch's actions, advantages and old log-probabilities
 * are handed over with {@link #minibatch} before each gradient call (the labels DL4J passes are
 * ignored: they would have to have the outputs' shape). The gradient is the exact dL/d(outputs),
 * computed in Java from one bulk copy ({@link MinibatchLoss}), which DL4J backpropagates.
 *
 * <p>The same pass leaves the minibatch's figures (policy loss, entropy, approx KL, clip
 * fraction), read by the agent after each call. Not thread-safe: one per agent.
 */
abstract class PpoPolicyLoss extends MinibatchLoss {
    private static final long serialVersionUID = 1L;

    /** Row-major, {@code actionSize} floats per row (a Discrete action as its index). */
    protected float[] actions;
    private float[] advantages;
    private float[] oldLogProbs;
    private int rows;
    private double clip;
    private double entCoef;

    double policyLoss;
    double entropy;
    double approxKl;
    double clipFraction;

    /** The minibatch the next gradient call is for: row i took action i with that advantage and old log-probability. */
    void minibatch(float[] actions, float[] advantages, float[] oldLogProbs, int rows, double clip, double entCoef) {
        this.actions = actions;
        this.advantages = advantages;
        this.oldLogProbs = oldLogProbs;
        this.rows = rows;
        this.clip = clip;
        this.entCoef = entCoef;
    }

    /**
     * Row i's log π(action i) under {@code out[o .. o + cols)}, with d log π / d out into
     * {@code dLogPi}, the entropy into {@code entropy[0]} and dH / d out into {@code dEntropy}.
     */
    protected abstract double row(int i, double[] out, int o, int cols, double[] dLogPi, double[] dEntropy, double[] entropy);

    /** Called before a gradient pass over the minibatch. */
    protected void beginGradient() {}

    /**
     * After {@link #row} in a gradient pass: the loss's derivatives with respect to row i's
     * log π and entropy, for parameters outside the network's outputs (a Gaussian's log std).
     */
    protected void rowCoefficients(int i, double dLossDLogPi, double dLossDEntropy) {}

    /** The loss of {@code outputs} (rows × cols) and, when {@code grad} is not null, dL/d(outputs) into it; sets the figures. */
    @Override
    protected double evaluate(double[] labels, double[] outputs, int b, int cols, double[] grad) {
        if (actions == null || b != rows) throw new IllegalStateException("the PPO loss was called for " + b + " rows; its minibatch has " + rows);
        if (grad != null) beginGradient();
        double loss = 0, ent = 0, kl = 0;
        int clipped = 0;
        double[] dLogPi = new double[cols], dEnt = new double[cols], h = new double[1];
        for (int i = 0; i < b; i++) {
            int o = i * cols;
            double logPi = row(i, outputs, o, cols, dLogPi, dEnt, h);
            double logRatio = logPi - oldLogProbs[i];
            double r = Math.exp(logRatio);
            double adv = advantages[i];
            double unclipped = r * adv;
            double clippedSurrogate = Math.max(1 - clip, Math.min(1 + clip, r)) * adv;
            loss -= Math.min(unclipped, clippedSurrogate);
            ent += h[0];
            kl += (r - 1) - logRatio;
            if (Math.abs(r - 1) > clip) clipped++;
            if (grad != null) {
                // the min takes the unclipped term (whose derivative in log π is r·A) unless clipping lowers it; clipped, the term is constant
                double cLogPi = unclipped <= clippedSurrogate ? -adv * r / b : 0;
                double cEnt = -entCoef / b;
                for (int j = 0; j < cols; j++) grad[o + j] = cLogPi * dLogPi[j] + cEnt * dEnt[j];
                rowCoefficients(i, cLogPi, cEnt);
            }
        }
        policyLoss = loss / b;
        entropy = ent / b;
        approxKl = kl / b;
        clipFraction = clipped / (double) b;
        return policyLoss - entCoef * entropy;
    }

    /** Categorical over the outputs as logits (Discrete actions). */
    static final class Categorical extends PpoPolicyLoss {
        private static final long serialVersionUID = 1L;
        private double[] p = new double[0], logp = new double[0];

        @Override
        protected double row(int i, double[] z, int o, int k, double[] dLogPi, double[] dEntropy, double[] entropy) {
            if (p.length != k) {
                p = new double[k];
                logp = new double[k];
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) max = Math.max(max, z[o + j]);
            double sum = 0;
            for (int j = 0; j < k; j++) sum += Math.exp(z[o + j] - max);
            double lse = max + Math.log(sum);
            double h = 0;
            for (int j = 0; j < k; j++) {
                logp[j] = z[o + j] - lse;
                p[j] = Math.exp(logp[j]);
                h -= p[j] * logp[j];
            }
            int a = (int) actions[i];
            for (int j = 0; j < k; j++) {
                dLogPi[j] = (j == a ? 1 : 0) - p[j];
                dEntropy[j] = -p[j] * (logp[j] + h); // dH/dz_j
            }
            entropy[0] = h;
            return logp[a];
        }

        @Override
        public String name() {
            return "ppo-categorical";
        }
    }

    /**
     * Diagonal Gaussian with the outputs as means and a state-independent log std (SB3's
     * {@code DiagGaussianDistribution}): {@code logStd} is the agent's parameter vector, whose
     * gradient {@link #logStdGradient} a gradient pass accumulates.
     */
    static final class Gaussian extends PpoPolicyLoss {
        private static final long serialVersionUID = 1L;
        private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
        final double[] logStd;
        final double[] logStdGradient;
        private final double[] z;

        Gaussian(int dims) {
            this(new double[dims]);
        }

        /** A Gaussian whose log std is {@code logStd} itself (the agent's optimiser updates it in place). */
        Gaussian(double[] logStd) {
            this.logStd = logStd;
            logStdGradient = new double[logStd.length];
            z = new double[logStd.length];
        }

        @Override
        protected void beginGradient() {
            java.util.Arrays.fill(logStdGradient, 0);
        }

        @Override
        protected double row(int i, double[] mu, int o, int d, double[] dLogPi, double[] dEntropy, double[] entropy) {
            double logPi = 0, h = 0;
            for (int j = 0; j < d; j++) {
                double sigma = Math.exp(logStd[j]);
                z[j] = (actions[i * d + j] - mu[o + j]) / sigma;
                logPi += -0.5 * z[j] * z[j] - logStd[j] - HALF_LOG_2PI;
                h += 0.5 + HALF_LOG_2PI + logStd[j];
                dLogPi[j] = z[j] / sigma;
                dEntropy[j] = 0;
            }
            entropy[0] = h;
            return logPi;
        }

        @Override
        protected void rowCoefficients(int i, double dLossDLogPi, double dLossDEntropy) {
            // d log π / d log σ_j = z_j² − 1; d H / d log σ_j = 1
            for (int j = 0; j < z.length; j++) logStdGradient[j] += dLossDLogPi * (z[j] * z[j] - 1) + dLossDEntropy;
        }

        @Override
        public String name() {
            return "ppo-gaussian";
        }
    }
}
