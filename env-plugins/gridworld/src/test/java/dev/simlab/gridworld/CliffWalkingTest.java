package dev.simlab.gridworld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.env.Step;
import dev.simlab.core.space.Discrete;
import org.junit.jupiter.api.Test;

class CliffWalkingTest {
    static final int UP = 0, RIGHT = 1, DOWN = 2, LEFT = 3;
    final GridWorld env = TestEnvs.create("cliff-walking");

    @Test
    void matchesGymnasiumSpacesAndStart() {
        assertThat(env.observationSpace()).isEqualTo(new Discrete(48));
        assertThat(env.actionSpace()).isEqualTo(new Discrete(4));
        Step s = env.reset(0);
        assertThat(s.state()).isEqualTo(36);
        assertThat(s.reward()).isZero();
        assertThat(s.done()).isFalse();
        assertThat(TestEnvs.type("cliff-walking").maxEpisodeSteps()).isZero();
    }

    @Test
    void optimalPathAlongTheCliffTakes13StepsAndReturnsMinus13() {
        int[] path = new int[13];
        path[0] = UP;
        for (int i = 1; i <= 11; i++) path[i] = RIGHT;
        path[12] = DOWN;
        assertThat(TestEnvs.returnOf(env, 0, path)).isEqualTo(-13);
        assertThat(env.agentState()).isEqualTo(47);
        assertThat(TestEnvs.shortestPathToGoal(env)).hasSize(13);
    }

    @Test
    void reachingTheGoalTerminates() {
        env.reset(0);
        env.step(UP);
        for (int i = 0; i < 11; i++) env.step(RIGHT);
        Step last = env.step(DOWN);
        assertThat(last.state()).isEqualTo(47);
        assertThat(last.terminated()).isTrue();
        assertThat(last.truncated()).isFalse();
    }

    @Test
    void steppingIntoTheCliffCostsMinus100AndReturnsToStartWithoutEnding() {
        env.reset(0);
        env.step(UP);
        env.step(RIGHT);
        env.step(RIGHT); // now at (2, 2), above the cliff
        Step s = env.step(DOWN);
        assertThat(s.reward()).isEqualTo(-100);
        assertThat(s.state()).isEqualTo(36);
        assertThat(s.terminated()).isFalse();
        assertThat(s.info().get("cliff", 0)).isEqualTo(1);

        Step next = env.step(RIGHT); // straight from the start into the cliff again
        assertThat(next.reward()).isEqualTo(-100);
        assertThat(next.state()).isEqualTo(36);
        Step safe = env.step(UP);
        assertThat(safe.reward()).isEqualTo(-1);
        assertThat(safe.info().has("cliff")).isFalse();
    }

    @Test
    void bumpingIntoTheEdgeStaysInPlaceAndCostsAStep() {
        env.reset(0);
        Step s = env.step(LEFT);
        assertThat(s.state()).isEqualTo(36);
        assertThat(s.reward()).isEqualTo(-1);
        s = env.step(DOWN);
        assertThat(s.state()).isEqualTo(36);
    }

    @Test
    void rewardsAreParameters() {
        GridWorld custom = TestEnvs.create("cliff-walking", "cliff_reward", "-10", "goal_reward", "5");
        custom.reset(0);
        assertThat(custom.step(RIGHT).reward()).isEqualTo(-10);
    }
}
