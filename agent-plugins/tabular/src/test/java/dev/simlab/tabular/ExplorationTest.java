package dev.simlab.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.env.VectorEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExplorationTest {
    private static final int DRAWS = 4000;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anUntrainedAgentPicksEveryTiedActionEquallyOften(boolean explore) {
        VectorEnv env = Lab.vector(new OneStepEnv(4, 0, true));
        Agent agent = Lab.agent("q-learning", env, 5, "epsilon", "0");

        int[] counts = countActions(agent, env, explore, 4);

        for (int a = 0; a < 4; a++) assertThat(counts[a]).as("action %d", a).isBetween(900, 1100);
    }

    @Test
    void tiesAreBrokenOnlyAmongTheBestActions() {
        VectorEnv env = Lab.vector(new OneStepEnv(4, -1, true));
        Agent agent = Lab.agent("q-learning", env, 6, "epsilon", "0", "alpha", "1");
        // Actions 0 and 1 turn out badly (Q = -1); 2 and 3 keep their initial 0 and stay tied.
        Actions actions = new Actions(1, 0);
        for (int a = 0; a < 2; a++) {
            actions.discrete()[0] = a;
            env.step(actions.discrete());
            agent.observe(env, actions);
        }

        int[] counts = countActions(agent, env, true, 4);

        assertThat(counts[0] + counts[1]).isZero();
        assertThat(counts[2]).isBetween(1850, 2150);
        assertThat(counts[3]).isBetween(1850, 2150);
    }

    private static int[] countActions(Agent agent, VectorEnv env, boolean explore, int numActions) {
        int[] counts = new int[numActions];
        Actions actions = new Actions(1, 0);
        for (int i = 0; i < DRAWS; i++) {
            agent.act(env, explore, actions);
            counts[actions.discrete()[0]]++;
        }
        return counts;
    }

    @Test
    void aLinearScheduleReachesItsFinalValueAfterTheHorizon() {
        // Episodes of a TwoStepEnv take two steps: the schedule must count episodes, not steps.
        VectorEnv env = Lab.vector(new TwoStepEnv(2));
        Agent agent = Lab.agent("q-learning", env, 7, "epsilon", "1", "epsilon_schedule", "linear",
                "epsilon_final", "0.1", "epsilon_decay_episodes", "10",
                "alpha", "0.5", "alpha_schedule", "linear", "alpha_final", "0.1", "alpha_decay_episodes", "4");
        assertThat(agent.metrics()).containsEntry("epsilon", 1.0).containsEntry("alpha", 0.5);

        Lab.trainEpisodes(agent, env, 5);
        assertThat(agent.metrics().get("epsilon")).isCloseTo(0.55, within(1e-12));
        assertThat(agent.metrics().get("alpha")).isEqualTo(0.1);

        Lab.trainEpisodes(agent, env, 5);
        assertThat(agent.metrics().get("epsilon")).isEqualTo(0.1);
        Lab.trainEpisodes(agent, env, 50);
        assertThat(agent.metrics()).containsEntry("epsilon", 0.1).containsEntry("alpha", 0.1);
    }

    @Test
    void anExponentialScheduleDecaysPerEpisodeDownToItsFloor() {
        VectorEnv env = Lab.vector(new TwoStepEnv(2));
        Agent agent = Lab.agent("sarsa", env, 8, "epsilon", "0.8", "epsilon_schedule", "exponential",
                "epsilon_decay", "0.5", "epsilon_final", "0.05");

        double[] expected = {0.4, 0.2, 0.1, 0.05, 0.05, 0.05};
        for (double e : expected) {
            Lab.trainEpisodes(agent, env, 1);
            assertThat(agent.metrics().get("epsilon")).isCloseTo(e, within(1e-12));
        }
        assertThat(agent.metrics()).containsEntry("alpha", 0.1);
    }

    @Test
    void episodesFinishedOnEveryCopyAdvanceTheSchedule() {
        VectorEnv env = Lab.vector(new OneStepEnv(2, 0, true), new OneStepEnv(2, 0, true), new OneStepEnv(2, 0, true));
        Agent agent = Lab.agent("expected-sarsa", env, 9, "epsilon", "1", "epsilon_schedule", "linear",
                "epsilon_final", "0", "epsilon_decay_episodes", "10");

        Lab.step(agent, env, new Actions(3, 0));

        assertThat(agent.metrics().get("epsilon")).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void withFullExplorationActionsAreUniform() {
        VectorEnv env = Lab.vector(new OneStepEnv(4, -1, true));
        Agent agent = Lab.agent("q-learning", env, 10, "epsilon", "1", "alpha", "1");
        // Actions 1-3 cost -1, so action 0 is clearly best: ε = 1 must ignore that.
        Actions actions = new Actions(1, 0);
        for (int a = 1; a < 4; a++) {
            actions.discrete()[0] = a;
            env.step(actions.discrete());
            agent.observe(env, actions);
        }
        int[] counts = countActions(agent, env, true, 4);
        for (int a = 0; a < 4; a++) assertThat(counts[a]).as("action %d", a).isBetween(900, 1100);
    }
}
