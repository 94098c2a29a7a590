package dev.simlab.gridworld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.simlab.core.env.Step;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Discrete;
import org.junit.jupiter.api.Test;

class FrozenLakeTest {
    // Gymnasium's order, not Sutton & Barto's.
    static final int LEFT = 0, DOWN = 1, RIGHT = 2, UP = 3;

    @Test
    void gymnasiumMapsSpacesAndTimeLimits() {
        GridWorld small = TestEnvs.create("frozenlake-4x4");
        assertThat(small.map().toText()).isEqualTo("S...\n.H.H\n...H\nH..G\n");
        assertThat(small.observationSpace()).isEqualTo(new Discrete(16));
        assertThat(TestEnvs.type("frozenlake-4x4").maxEpisodeSteps()).isEqualTo(100);
        GridWorld big = TestEnvs.create("frozenlake-8x8");
        assertThat(big.observationSpace()).isEqualTo(new Discrete(64));
        assertThat(big.map().cell(63)).isEqualTo(Cell.GOAL);
        assertThat(TestEnvs.type("frozenlake-8x8").maxEpisodeSteps()).isEqualTo(200);
    }

    @Test
    void slipperyMovesGoTheIntendedWayOrPerpendicularEachAThirdOfTheTime() {
        GridWorld env = TestEnvs.create("frozenlake-4x4");
        int[] counts = new int[16];
        int samples = 30_000;
        for (int seed = 0; seed < samples; seed++) {
            env.reset(seed);
            env.placeAgent(9); // (2, 1): all three outcomes are open floor
            counts[env.step(DOWN).state()]++;
        }
        assertThat(counts[13] / (double) samples).as("down, as intended").isCloseTo(1.0 / 3, offset(0.015));
        assertThat(counts[8] / (double) samples).as("slipped left").isCloseTo(1.0 / 3, offset(0.015));
        assertThat(counts[10] / (double) samples).as("slipped right").isCloseTo(1.0 / 3, offset(0.015));
        assertThat(counts[5]).as("never backwards").isZero();
    }

    @Test
    void successRateSetsTheIntendedProbability() {
        GridWorld env = TestEnvs.create("frozenlake-4x4", "success_rate", "0.8");
        int intended = 0;
        int samples = 20_000;
        env.reset(5);
        for (int i = 0; i < samples; i++) {
            env.placeAgent(9);
            if (env.step(DOWN).state() == 13) intended++;
        }
        assertThat(intended / (double) samples).isCloseTo(0.8, offset(0.015));
    }

    @Test
    void nonSlipperyIsDeterministicAndPaysOneAtTheGoal() {
        GridWorld env = TestEnvs.create("frozenlake-4x4", "slippery", "false");
        for (long seed = 0; seed < 20; seed++) {
            assertThat(TestEnvs.returnOf(env, seed, DOWN, DOWN, RIGHT, RIGHT, DOWN, RIGHT)).isEqualTo(1);
            assertThat(env.agentState()).isEqualTo(15);
        }
    }

    @Test
    void holesEndTheEpisodeWithNoReward() {
        GridWorld env = TestEnvs.create("frozenlake-4x4", "slippery", "false");
        env.reset(0);
        env.step(RIGHT);
        Step s = env.step(DOWN);
        assertThat(s.state()).isEqualTo(5);
        assertThat(s.terminated()).isTrue();
        assertThat(s.reward()).isZero();
    }

    @Test
    void slipperyEpisodesStillEndInAHoleOrTheGoal() {
        GridWorld env = TestEnvs.create("frozenlake-8x8");
        // A policy seeded unlike the env: equal seeds would make its actions and the slips correlated.
        Rng policy = new Rng(1234);
        env.reset(9);
        int ended = 0;
        for (int i = 0; i < 20_000 && ended < 50; i++) {
            Step s = env.step(policy.nextInt(4));
            if (s.terminated()) {
                assertThat(env.map().cell(s.state())).isIn(Cell.HOLE, Cell.GOAL);
                assertThat(s.reward()).isEqualTo(env.map().cell(s.state()) == Cell.GOAL ? 1.0 : 0.0);
                ended++;
                env.reset();
            }
        }
        assertThat(ended).isEqualTo(50);
    }
}
