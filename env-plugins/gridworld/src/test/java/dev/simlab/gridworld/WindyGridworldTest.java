package dev.simlab.gridworld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.simlab.core.env.Step;
import dev.simlab.core.space.Discrete;
import org.junit.jupiter.api.Test;

class WindyGridworldTest {
    static final int UP = 0, RIGHT = 1, DOWN = 2, LEFT = 3;

    @Test
    void startsAtRow3Col0() {
        GridWorld env = TestEnvs.create("windy-gridworld");
        assertThat(env.observationSpace()).isEqualTo(new Discrete(70));
        assertThat(env.reset(0).state()).isEqualTo(30);
    }

    @Test
    void theBooksFifteenStepPathReachesTheGoal() {
        GridWorld env = TestEnvs.create("windy-gridworld");
        // Sutton & Barto figure 6.5 (example 6.5): nine rights, blown to the top, four downs, two lefts.
        int[] path = {RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT, DOWN, DOWN, DOWN, DOWN, LEFT, LEFT};
        assertThat(TestEnvs.returnOf(env, 0, path)).isEqualTo(-15);
        assertThat(env.agentState()).isEqualTo(3 * 10 + 7);
    }

    @Test
    void noPathIsShorterThan15Steps() {
        assertThat(TestEnvs.shortestPathToGoal(TestEnvs.create("windy-gridworld"))).hasSize(15);
    }

    @Test
    void kingMovesShortenTheOptimalPathTo7() {
        GridWorld king = TestEnvs.create("windy-gridworld", "king_moves", "true");
        assertThat(king.actionSpace()).isEqualTo(new Discrete(8));
        assertThat(TestEnvs.shortestPathToGoal(king)).hasSize(7);

        GridWorld nine = TestEnvs.create("windy-gridworld", "king_moves", "true", "stay_action", "true");
        assertThat(nine.actionSpace()).isEqualTo(new Discrete(9));
        assertThat(TestEnvs.shortestPathToGoal(nine)).hasSize(7);
    }

    @Test
    void windUsesTheColumnBeforeTheMove() {
        GridWorld env = TestEnvs.create("windy-gridworld");
        env.reset(0);
        env.placeAgent(3 * 10 + 2); // column 2: no wind
        assertThat(env.step(RIGHT).state()).isEqualTo(3 * 10 + 3); // lands in column 3 (wind 1) unmoved
        assertThat(env.step(RIGHT).state()).isEqualTo(2 * 10 + 4); // column 3's wind lifts it one row
    }

    @Test
    void stochasticWindVariesByOneWithEqualProbability() {
        GridWorld env = TestEnvs.create("windy-gridworld", "stochastic_wind", "true", "stay_action", "true");
        int stay = env.rules().moves().action("stay");
        int[] counts = new int[3];
        int samples = 30_000;
        env.reset(1);
        for (int i = 0; i < samples; i++) {
            env.placeAgent(5 * 10 + 3); // column 3, wind 1: lifted 0, 1 or 2 rows
            int row = env.step(stay).state() / 10;
            counts[5 - row]++;
        }
        for (int c : counts) assertThat(c / (double) samples).isCloseTo(1.0 / 3, offset(0.015));
    }

    @Test
    void calmColumnsStayCalmWithStochasticWind() {
        GridWorld env = TestEnvs.create("windy-gridworld", "stochastic_wind", "true");
        env.reset(3);
        for (int i = 0; i < 200; i++) {
            env.placeAgent(5 * 10 + 1);
            Step s = env.step(DOWN);
            assertThat(s.state()).isEqualTo(6 * 10 + 1);
        }
    }
}
