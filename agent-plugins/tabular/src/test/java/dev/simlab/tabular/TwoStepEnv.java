package dev.simlab.tabular;

import dev.simlab.core.env.Env;
import dev.simlab.core.env.Step;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;

/**
 * Start in state 0; any action leads to state 1 with reward 0; action {@code a} in state 1 ends
 * the episode (terminal state 2) with reward {@code a}. So Q(1, a) = a once learned, and what
 * Q(0, ·) learns reveals which next action a learner bootstrapped from.
 */
final class TwoStepEnv implements Env {
    private final int numActions;
    private final Step step = new Step(0);
    private int state;

    TwoStepEnv(int numActions) {
        this.numActions = numActions;
    }

    @Override
    public Space observationSpace() {
        return new Discrete(3);
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
        state = 0;
        return step.state(0).start();
    }

    @Override
    public Step step(int action) {
        if (state == 0) {
            state = 1;
            return step.state(1).outcome(0, false, false);
        }
        state = 2;
        return step.state(2).outcome(action, true, false);
    }
}
