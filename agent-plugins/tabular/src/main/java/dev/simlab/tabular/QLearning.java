package dev.simlab.tabular;

import dev.simlab.core.agent.AgentContext;

/**
 * Q-learning (Watkins, 1989): off-policy TD control. It acts ε-greedily but learns the value
 * of the greedy policy, bootstrapping from the best next action:
 * {@code target = r + γ · max_a Q(s', a)}.
 */
public final class QLearning extends TabularAgent {
    public static final String ID = "q-learning";

    public QLearning(AgentContext context, TabularHyperparameters hp) {
        super(ID, context, hp);
    }

    @Override
    protected double bootstrap(int copy, int nextState, boolean episodeEnded) {
        return maxQ(nextState);
    }
}
