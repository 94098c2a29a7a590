package dev.simlab.actorcritic;

import dev.simlab.nn.MinibatchLoss;

/**
 * The critic's share of PPO's loss, {@code c_vf · 1/B Σ (V − R)²} over a minibatch of B rows
 * (labels: the returns R, one column), as SB3's {@code vf_coef * F.mse_loss(returns, values)}.
 * Its gradient includes the 1/B and the coefficient, like {@link CategoricalPpoLoss}'s, so both
 * networks' gradients are of one loss and can be clipped by one global norm.
 */
final class ValueLoss extends MinibatchLoss {
    private static final long serialVersionUID = 1L;

    private double coef = 1;
    /** The mean squared error of the last call (without the coefficient). */
    double mse;

    void coefficient(double c) {
        coef = c;
    }

    @Override
    protected double evaluate(double[] returns, double[] v, int b, int cols, double[] grad) {
        double sum = 0;
        for (int i = 0; i < b; i++) {
            double d = v[i] - returns[i];
            sum += d * d;
            if (grad != null) grad[i] = coef * 2 * d / b;
        }
        mse = sum / b;
        return coef * mse;
    }

    @Override
    public String name() {
        return "ppo-value";
    }

}
