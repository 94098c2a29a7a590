package dev.simlab.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.env.VectorEnv;
import org.junit.jupiter.api.Test;

/** SARSA is on-policy: the next action it learns from is the next action it takes. */
class SarsaTest {
    private static final int ACTIONS = 4;

    @Test
    void takesTheNextActionItBootstrappedFrom() {
        VectorEnv env = Lab.vector(new TwoStepEnv(ACTIONS));
        // ε = 1 makes every next action a coin toss, so a fresh draw in act would rarely match.
        Agent sarsa = Lab.agent("sarsa", env, 13, "alpha", "1", "gamma", "1", "epsilon", "1", "initial_q", "-10");
        Actions actions = new Actions(1, 0);
        for (int a = 0; a < ACTIONS; a++) { // teach Q(1, a) = a
            play(sarsa, env, actions, 0);
            play(sarsa, env, actions, a);
        }

        for (int episode = 0; episode < 50; episode++) {
            play(sarsa, env, actions, 0);
            // α = 1, γ = 1: Q(0, 0) = 0 + Q(1, a') = a', and the other Q(0, ·) are still -10.
            int bootstrappedFrom = (int) sarsa.stateValues().values()[0];

            sarsa.act(env, true, actions);

            assertThat(actions.discrete()[0]).as("episode %d", episode).isEqualTo(bootstrappedFrom);
            env.step(actions.discrete());
            sarsa.observe(env, actions);
        }
    }

    /** Takes {@code action} (chosen by the test, not the agent) and lets the agent learn from it. */
    private static void play(Agent agent, VectorEnv env, Actions actions, int action) {
        actions.discrete()[0] = action;
        env.step(actions.discrete());
        agent.observe(env, actions);
    }
}
