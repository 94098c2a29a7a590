package dev.simlab.tabular;

import dev.simlab.core.env.Env;
import dev.simlab.core.env.Step;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;

/**
 * Two states: every episode starts in state 0 and any action leads to state 1 with reward
 * {@code reward}. State 1 is terminal when {@code terminal}; otherwise the episode only ends
 * when a {@link dev.simlab.core.env.TimeLimit} cuts it off.
 */
final class OneStepEnv implements Env {
    private final int numActions;
    private final double reward;
    private final boolean terminal;
    private final Step step = new Step(0);

    OneStepEnv(int numActions, double reward, boolean terminal) {
        this.numActions = numActions;
        this.reward = reward;
        this.terminal = terminal;
    }

    @Override
    public Space observationSpace() {
        return new Discrete(2);
    }

    @Override
    public Space actionSpace() {
        return new Discrete(numActions);
    }

    @Override
    public Step reset(long seed) {
        return reset();
    }

    @Override
    public Step reset() {
        return step.state(0).start();
    }

    @Override
    public Step step(int action) {
        return step.state(1).outcome(reward, terminal, false);
    }
}
