package dev.simlab.tabular;

import dev.simlab.core.agent.AgentContext;

/**
 * Expected SARSA (van Seijen et al., 2009): bootstraps from the expected value of the next
 * state under the current ε-greedy policy, which removes the variance of sampling a':
 * {@code target = r + γ · Σ_a π(a|s') Q(s', a)}.
 */
public final class ExpectedSarsa extends TabularAgent {
    public static final String ID = "expected-sarsa";

    public ExpectedSarsa(AgentContext context, TabularHyperparameters hp) {
        super(ID, context, hp);
    }

    /**
     * Every action gets ε/|A|; the greedy mass 1 − ε is split among the tied maxima, which all
     * have the value max Q, so the expectation is (1 − ε) · max Q + ε · mean Q.
     */
    @Override
    protected double bootstrap(int copy, int nextState, boolean episodeEnded) {
        int base = nextState * numActions;
        double max = q[base];
        double sum = 0;
        for (int a = 0; a < numActions; a++) {
            double v = q[base + a];
            sum += v;
            if (v > max) max = v;
        }
        return (1 - epsilon) * max + epsilon * (sum / numActions);
    }
}
