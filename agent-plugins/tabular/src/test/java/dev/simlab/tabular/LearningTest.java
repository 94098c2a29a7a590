package dev.simlab.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.agent.Agent;
import dev.simlab.core.env.TimeLimit;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.scene.StateValues;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LearningTest {
    private static final int LENGTH = 8;

    @ParameterizedTest
    @ValueSource(strings = {"q-learning", "sarsa", "expected-sarsa"})
    void learnsToWalkStraightDownTheCorridor(String id) {
        VectorEnv env = Lab.vector(new TimeLimit(new Corridor(LENGTH), 100));
        Agent agent = Lab.agent(id, env, 1);

        Lab.trainEpisodes(agent, env, 300);

        StateValues learned = agent.stateValues();
        for (int s = 0; s < LENGTH - 1; s++) {
            assertThat(learned.greedyActions()[s]).as("greedy action in cell %d", s).isEqualTo(Corridor.RIGHT);
        }
        assertThat(Lab.greedyReturn(agent, new Corridor(LENGTH), 100)).isEqualTo(-(LENGTH - 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"q-learning", "sarsa", "expected-sarsa"})
    void learnsFromSeveralEnvCopiesAtOnce(String id) {
        VectorEnv env = Lab.vector(new TimeLimit(new Corridor(LENGTH), 100), new TimeLimit(new Corridor(LENGTH), 100),
                new TimeLimit(new Corridor(LENGTH), 100), new TimeLimit(new Corridor(LENGTH), 100));
        Agent agent = Lab.agent(id, env, 2);

        Lab.trainEpisodes(agent, env, 300);

        assertThat(Lab.greedyReturn(agent, new Corridor(LENGTH), 100)).isEqualTo(-(LENGTH - 1));
        assertThat(agent.stateValues().visits()[0]).isGreaterThanOrEqualTo(300);
    }

    // Sutton & Barto, example 6.6: while still exploring, Q-learning learns the shortest path
    // along the cliff edge (the optimal greedy policy), SARSA the longer path that keeps clear
    // of it, because it accounts for its own exploratory slips.
    private static final int WIDTH = 8;
    private static final int HEIGHT = 4;
    private static final double SHORTEST = -(WIDTH + 1);

    @Test
    void qLearningTakesTheShortcutAlongTheCliff() {
        Agent agent = trainOnCliff("q-learning");
        assertThat(Lab.greedyReturn(agent, new CliffWalk(WIDTH, HEIGHT), 200)).isEqualTo(SHORTEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sarsa", "expected-sarsa"})
    void onPolicyLearnersKeepClearOfTheCliff(String id) {
        Agent agent = trainOnCliff(id);
        double greedy = Lab.greedyReturn(agent, new CliffWalk(WIDTH, HEIGHT), 200);
        assertThat(greedy).as("reaches the goal without falling, by a longer path").isLessThan(SHORTEST).isGreaterThan(-100);
    }

    private static Agent trainOnCliff(String id) {
        VectorEnv env = Lab.vector(new TimeLimit(new CliffWalk(WIDTH, HEIGHT), 200));
        Agent agent = Lab.agent(id, env, 3, "alpha", "0.5", "gamma", "1", "epsilon", "0.1");
        Lab.trainEpisodes(agent, env, 300);
        return agent;
    }
}
