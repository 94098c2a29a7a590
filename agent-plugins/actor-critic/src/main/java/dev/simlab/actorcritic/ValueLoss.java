package dev.simlab.actorcritic;

import dev.simlab.nn.MinibatchLoss;

/**
 * A value network's loss {@code c · 1/B Σ (V − R)²} over a minibatch of B rows (labels: the
 * targets R, one column): PPO's critic share, SB3's {@code vf_coef * F.mse_loss(returns, values)},
 * and each of SAC's twin critics with c = ½ ({@code 0.5 * Σ F.mse_loss(current_q, target_q)}).
 * Its gradient includes the 1/B and the coefficient, like {@link PpoPolicyLoss}'s, so both
 * networks' gradients are of one loss and can be clipped by one global norm.
 *
 * <p>With a value clip ε_vf ({@link #clip}, PPO's {@code clip_range_vf}) the prediction is first
 * held within ε_vf of the rollout's value: V' = V_old + clip(V − V_old, −ε_vf, ε_vf), and the loss
 * is {@code c · 1/B Σ (V' − R)²}, as SB3 (no max with the unclipped loss); its gradient is zero
 * where the clip is active.
 *
 * <p>With {@link #passThrough} on, the loss is Σ labels·V instead, whose gradient is the labels
 * (a given dL/dV, as {@link dev.simlab.nn.EpsilonLoss}): SAC reads dQ/da through
 * {@code calculateGradients} with it. Either way the outputs of the last call are kept in
 * {@link #values}.
 */
final class ValueLoss extends MinibatchLoss {
    private static final long serialVersionUID = 1L;

    private double coef = 1;
    /** The mean squared error of the last call (without the coefficient). */
    double mse;
    /** Whether the labels are dL/dV (their gradient passed through) rather than targets. */
    boolean passThrough;
    /** The network's outputs V of the last call. */
    double[] values = new double[0];

    /** The rollout's values of the minibatch's rows, and ε_vf; ε_vf ≤ 0 turns the clip off. */
    private float[] oldValues;
    private double clipVf;

    ValueLoss() {}

    ValueLoss(double coefficient) {
        this.coef = coefficient;
    }

    void coefficient(double c) {
        coef = c;
    }

    /** Clips the next minibatch's predictions to within {@code clipVf} of {@code oldValues} (≤ 0: no clip). */
    void clip(float[] oldValues, double clipVf) {
        this.oldValues = oldValues;
        this.clipVf = clipVf;
    }

    @Override
    protected double evaluate(double[] labels, double[] v, int b, int cols, double[] grad) {
        values = v;
        double sum = 0;
        for (int i = 0; i < b; i++) {
            if (passThrough) {
                sum += labels[i] * v[i];
                if (grad != null) grad[i] = labels[i];
                continue;
            }
            double pred = v[i];
            boolean clipped = false;
            if (clipVf > 0) {
                double change = v[i] - oldValues[i];
                clipped = Math.abs(change) > clipVf;
                if (clipped) pred = oldValues[i] + Math.copySign(clipVf, change);
            }
            double d = pred - labels[i];
            sum += d * d;
            if (grad != null) grad[i] = clipped ? 0 : coef * 2 * d / b;
        }
        if (passThrough) return sum;
        mse = sum / b;
        return coef * mse;
    }

    @Override
    public String name() {
        return "value";
    }
}
