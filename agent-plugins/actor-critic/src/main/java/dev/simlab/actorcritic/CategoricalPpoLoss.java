package dev.simlab.actorcritic;

import dev.simlab.nn.MinibatchLoss;

/**
 * PPO's clipped surrogate with an entropy bonus for a categorical policy, as the actor network's
 * loss: its outputs are the logits z of each row (identity activation), and for a minibatch of
 * B rows with actions a, advantages A and the rollout's log-probabilities ℓ₀,
 * <pre>
 *   log π = z_a − logsumexp(z),   r = exp(log π − ℓ₀)
 *   L     = −1/B Σ min(r·A, clip(r, 1−ε, 1+ε)·A)  −  c_ent · 1/B Σ H(softmax(z))
 * </pre>
 * Deeplearning4j has no such loss. The minibatch's actions, advantages and old log-probabilities
 * are handed over with {@link #minibatch} before each gradient call (the labels DL4J passes are
 * ignored: they would have to have the logits' shape). The gradient is the exact dL/dz, computed
 * in Java from one bulk copy of the logits ({@link MinibatchLoss}), which DL4J backpropagates.
 *
 * <p>The same pass leaves the minibatch's figures (policy loss, entropy, approx KL, clip
 * fraction), read by the agent after each call. Not thread-safe: one per agent.
 */
final class CategoricalPpoLoss extends MinibatchLoss {
    private static final long serialVersionUID = 1L;

    private int[] actions;
    private float[] advantages;
    private float[] oldLogProbs;
    private int rows;
    private double clip;
    private double entCoef;

    double policyLoss;
    double entropy;
    double approxKl;
    double clipFraction;

    /** The minibatch the next gradient call is for: row i took {@code actions[i]} with advantage and old log-probability. */
    void minibatch(int[] actions, float[] advantages, float[] oldLogProbs, int rows, double clip, double entCoef) {
        this.actions = actions;
        this.advantages = advantages;
        this.oldLogProbs = oldLogProbs;
        this.rows = rows;
        this.clip = clip;
        this.entCoef = entCoef;
    }

    /** The loss of {@code logits} (rows × k) and, when {@code grad} is not null, dL/dlogits into it; sets the minibatch's figures. */
    @Override
    protected double evaluate(double[] labels, double[] logits, int b, int k, double[] grad) {
        if (actions == null || b != rows) throw new IllegalStateException("the PPO loss was called for " + b + " rows; its minibatch has " + rows);
        double loss = 0, ent = 0, kl = 0;
        int clipped = 0;
        double[] p = new double[k];
        double[] logp = new double[k];
        for (int i = 0; i < b; i++) {
            int o = i * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) max = Math.max(max, logits[o + j]);
            double sum = 0;
            for (int j = 0; j < k; j++) sum += Math.exp(logits[o + j] - max);
            double lse = max + Math.log(sum);
            double h = 0;
            for (int j = 0; j < k; j++) {
                logp[j] = logits[o + j] - lse;
                p[j] = Math.exp(logp[j]);
                h -= p[j] * logp[j];
            }
            int a = actions[i];
            double logRatio = logp[a] - oldLogProbs[i];
            double r = Math.exp(logRatio);
            double adv = advantages[i];
            double unclipped = r * adv;
            double clippedSurrogate = Math.max(1 - clip, Math.min(1 + clip, r)) * adv;
            loss -= Math.min(unclipped, clippedSurrogate);
            ent += h;
            kl += (r - 1) - logRatio;
            if (Math.abs(r - 1) > clip) clipped++;
            if (grad != null) {
                // the min takes the unclipped term (whose derivative in log π is r·A) unless clipping lowers it; clipped, the term is constant
                double dLogPi = unclipped <= clippedSurrogate ? -adv * r / b : 0;
                for (int j = 0; j < k; j++) {
                    double dLogPiDz = (j == a ? 1 : 0) - p[j];
                    // dH/dz_j = −p_j (log p_j + H); the loss carries −c_ent · H / B
                    double dEntDz = -p[j] * (logp[j] + h);
                    grad[o + j] = dLogPi * dLogPiDz - entCoef * dEntDz / b;
                }
            }
        }
        policyLoss = loss / b;
        entropy = ent / b;
        approxKl = kl / b;
        clipFraction = clipped / (double) b;
        return policyLoss - entCoef * entropy;
    }

    @Override
    public String name() {
        return "ppo-categorical";
    }

}
