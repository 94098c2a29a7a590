package dev.simlab.classiccontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.simlab.core.env.Step;
import org.junit.jupiter.api.Test;

/** The branches Gymnasium's random-action recordings never reach: walls, speed limits, goals, wrapping. */
class DynamicsTest {
    @Test
    void cartPoleRewardsTheTerminatingStepToo() {
        ClassicControlEnv env = TestEnvs.create("cartpole");
        env.reset(0);
        env.setState(2.39, 1.0, 0, 0); // moving right, about to leave the track
        Step s = env.step(1);
        assertThat(env.state(0)).isGreaterThan(2.4);
        assertThat(s.terminated()).isTrue();
        assertThat(s.reward()).isEqualTo(1.0);

        env.setState(0, 0, 0.2094, 0.5); // pole just inside 12 degrees, falling right
        s = env.step(1);
        assertThat(s.terminated()).isTrue();
        assertThat(s.reward()).isEqualTo(1.0);
        assertThat(s.observation()[2]).isLessThan(((dev.simlab.core.space.Box) env.observationSpace()).high(2));
    }

    @Test
    void cartPoleSuttonBartoRewardAndForceAreParameters() {
        ClassicControlEnv env = TestEnvs.create("cartpole", "sutton_barto_reward", "true");
        env.reset(0);
        env.setState(0, 0, 0, 0);
        assertThat(env.step(1).reward()).isZero();
        env.setState(2.39, 1.0, 0, 0);
        assertThat(env.step(1).reward()).isEqualTo(-1.0);

        ClassicControlEnv strong = TestEnvs.create("cartpole", "force_mag", "20");
        ClassicControlEnv normal = TestEnvs.create("cartpole");
        strong.reset(0);
        normal.reset(0);
        strong.setState(0, 0, 0, 0);
        normal.setState(0, 0, 0, 0);
        strong.step(1);
        normal.step(1);
        assertThat(strong.state(1)).isCloseTo(2 * normal.state(1), within(1e-12));
        // Pushing right with the pole upright: the cart speeds up to the right, the pole falls left.
        assertThat(normal.state(1)).isPositive();
        assertThat(normal.state(3)).isNegative();
    }

    @Test
    void mountainCarStopsAtTheLeftWall() {
        ClassicControlEnv env = TestEnvs.create("mountaincar");
        env.reset(0);
        env.setState(-1.19, -0.05);
        Step s = env.step(0);
        assertThat(env.state(0)).isEqualTo(-1.2);
        assertThat(env.state(1)).isEqualTo(0.0);
        assertThat(s.observation()).containsExactly(-1.2f, 0f);
        assertThat(s.terminated()).isFalse();
        assertThat(s.reward()).isEqualTo(-1.0);
    }

    @Test
    void mountainCarSpeedIsClipped() {
        ClassicControlEnv env = TestEnvs.create("mountaincar");
        env.reset(0);
        env.setState(0.0, -0.0699);
        env.step(0); // -0.0699 - 0.001 - 0.0025 * cos(0) = -0.0734 -> -0.07
        assertThat(env.state(1)).isEqualTo(-0.07);
        assertThat(env.state(0)).isEqualTo(0.0 + -0.07);
        env.setState(0.55, 0.0699); // on the far slope gravity helps too: 0.0699 + 0.001 + 0.0002 -> 0.07
        Step s = env.step(2);
        assertThat(env.state(1)).isEqualTo(0.07);
        assertThat(env.state(0)).as("and the position stops at 0.6").isEqualTo(0.6);
        assertThat(s.terminated()).isTrue();
    }

    @Test
    void mountainCarEndsAtTheFlagMovingRight() {
        ClassicControlEnv env = TestEnvs.create("mountaincar");
        env.reset(0);
        env.setState(0.49, 0.02);
        Step s = env.step(2);
        assertThat(env.state(0)).isGreaterThanOrEqualTo(0.5);
        assertThat(s.terminated()).isTrue();
        assertThat(s.reward()).isEqualTo(-1.0);

        // Past the flag but rolling back does not count once goal_velocity asks for speed.
        ClassicControlEnv fast = TestEnvs.create("mountaincar", "goal_velocity", "0.05");
        fast.reset(0);
        fast.setState(0.49, 0.02);
        assertThat(fast.step(2).terminated()).isFalse();
    }

    @Test
    void mountainCarIsSolvedByPumpingEnergy() {
        ClassicControlEnv env = TestEnvs.create("mountaincar");
        env.reset(0);
        int steps = 0;
        Step s;
        do {
            s = env.step(env.state(1) < 0 ? 0 : 2); // push the way it is moving
            steps++;
        } while (!s.terminated() && steps < 1000);
        assertThat(s.terminated()).isTrue();
        assertThat(steps).as("well inside the 200-step limit").isLessThan(200);
    }

    @Test
    void acrobotGetsZeroRewardOnReachingTheLine() {
        ClassicControlEnv env = TestEnvs.create("acrobot");
        env.reset(0);
        env.setState(Math.PI - 0.1, 0.0, 0.0, 0.0); // nearly upright: tip 2 cos(0.1) above the pivot
        Step s = env.step(1);
        assertThat(-Math.cos(env.state(0)) - Math.cos(env.state(0) + env.state(1))).isGreaterThan(1.0);
        assertThat(s.terminated()).isTrue();
        assertThat(s.reward()).isEqualTo(0.0);

        env.setState(0, 0, 0, 0); // hanging still, no torque: stays put (up to cos(-pi/2) != 0 in floating point, as in Gymnasium)
        s = env.step(1);
        assertThat(s.terminated()).isFalse();
        assertThat(s.reward()).isEqualTo(-1.0);
        for (double v : env.state()) assertThat(v).isCloseTo(0, within(1e-15));
    }

    @Test
    void acrobotWrapsAnglesAndBoundsVelocities() {
        ClassicControlEnv env = TestEnvs.create("acrobot");
        env.reset(0);
        env.setState(3.1, 0.0, 2.0, 0.0); // swinging over the top through +pi
        env.step(1);
        assertThat(env.state(0)).isBetween(-Math.PI, -2.0);
        env.setState(0.0, 0.0, 30.0, -60.0);
        env.step(1);
        assertThat(env.state(2)).isEqualTo(4 * Math.PI);
        assertThat(env.state(3)).isEqualTo(-9 * Math.PI);
        assertThat(Acrobot.wrap(7.0, -Math.PI, Math.PI)).isCloseTo(7.0 - 2 * Math.PI, within(1e-15));
        assertThat(Acrobot.wrap(-10.0, -Math.PI, Math.PI)).isCloseTo(-10.0 + 4 * Math.PI, within(1e-15));
        assertThat(Acrobot.wrap(Math.PI, -Math.PI, Math.PI)).isEqualTo(Math.PI);
        assertThat(Acrobot.bound(-20, -4 * Math.PI, 4 * Math.PI)).isEqualTo(-4 * Math.PI);
    }

    @Test
    void acrobotTorqueNoiseIsOffByDefault() {
        ClassicControlEnv quiet = TestEnvs.create("acrobot");
        ClassicControlEnv noisy = TestEnvs.create("acrobot", "torque_noise_max", "0.5");
        quiet.reset(1);
        noisy.reset(1);
        assertThat(noisy.state()).containsExactly(quiet.state());
        quiet.setState(0.1, 0.1, 0, 0);
        noisy.setState(0.1, 0.1, 0, 0);
        ClassicControlEnv again = TestEnvs.create("acrobot");
        again.reset(99);
        again.setState(0.1, 0.1, 0, 0);
        quiet.step(2);
        again.step(2);
        noisy.step(2);
        assertThat(quiet.state()).as("no noise: the generator plays no part").containsExactly(again.state());
        assertThat(noisy.state()).isNotEqualTo(quiet.state());
    }

    @Test
    void pendulumClipsTheTorqueAndChargesTheClippedOne() {
        ClassicControlEnv strong = TestEnvs.create("pendulum");
        ClassicControlEnv limit = TestEnvs.create("pendulum");
        strong.reset(0);
        limit.reset(0);
        strong.setState(1.0, 0.5);
        limit.setState(1.0, 0.5);
        Step s = strong.step(new float[] {5});
        Step l = limit.step(new float[] {2});
        assertThat(strong.state()).containsExactly(limit.state());
        assertThat(s.reward()).isEqualTo(l.reward());
        assertThat(s.reward()).isCloseTo(-(1.0 + 0.1 * 0.25 + 0.001 * 4), within(1e-12));
    }

    @Test
    void pendulumFallsFromUprightAndItsSpeedIsClipped() {
        ClassicControlEnv env = TestEnvs.create("pendulum");
        env.reset(0);
        env.setState(0, 0);
        Step s = env.step(new float[] {0});
        assertThat(env.state()).as("balanced upright with no torque: stays").containsExactly(0, 0);
        assertThat(s.reward()).as("the best reward").isEqualTo(-0.0);
        env.setState(0.1, 0); // leaning toward +theta: gravity pulls it further
        env.step(new float[] {0});
        assertThat(env.state(1)).isCloseTo(15 * Math.sin(0.1) * 0.05, within(1e-15));
        assertThat(env.state(0)).isGreaterThan(0.1);

        env.setState(0, 7.9);
        env.step(new float[] {2}); // 7.9 + 3 * 2 * 0.05 = 8.2 -> 8
        assertThat(env.state(1)).isEqualTo(8.0);
        assertThat(env.state(0)).isEqualTo(8.0 * 0.05);
        assertThat(env.step(new float[] {0}).observation()[2]).isEqualTo(8f);
    }

    @Test
    void pendulumCostsTheAngleFromUprightWhateverTheTurnsAndNeverEnds() {
        ClassicControlEnv env = TestEnvs.create("pendulum");
        env.reset(0);
        env.setState(0.3, 0);
        double once = env.step(new float[] {0}).reward();
        env.setState(0.3 + 4 * Math.PI, 0);
        assertThat(env.step(new float[] {0}).reward()).isCloseTo(once, within(1e-12));
        env.setState(0.3 - 6 * Math.PI, 0);
        assertThat(env.step(new float[] {0}).reward()).isCloseTo(once, within(1e-12));
        assertThat(Pendulum.angleNormalize(Math.PI)).isEqualTo(-Math.PI);
        assertThat(Pendulum.angleNormalize(-Math.PI)).isEqualTo(-Math.PI);
        // Hanging down, spinning at full speed, full torque: the worst reward, about -16.27.
        env.setState(Math.PI, 8);
        assertThat(env.step(new float[] {-2}).reward()).isCloseTo(-(Math.PI * Math.PI + 6.4 + 0.004), within(1e-9));
        env.reset(3);
        for (int t = 0; t < 5000; t++) assertThat(env.step(new float[] {(t % 7) / 3f - 1}).terminated()).isFalse();
    }

    @Test
    void mountainCarContinuousPaysAtTheFlagAndChargesTheUnclippedForce() {
        ClassicControlEnv env = TestEnvs.create("mountaincar-continuous");
        env.reset(0);
        env.setState(0.44, 0.02);
        Step s = env.step(new float[] {0.5f});
        assertThat(env.state(0)).isGreaterThanOrEqualTo(0.45);
        assertThat(s.terminated()).isTrue();
        assertThat(s.reward()).isEqualTo(100 - 0.1 * 0.25);
        // MountainCar-v0's flag is at 0.5; this one's at 0.45.
        env.setState(0.43, 0.0);
        assertThat(env.step(new float[] {1}).terminated()).isFalse();

        ClassicControlEnv over = TestEnvs.create("mountaincar-continuous");
        ClassicControlEnv full = TestEnvs.create("mountaincar-continuous");
        over.reset(0);
        full.reset(0);
        over.setState(-0.5, 0.01);
        full.setState(-0.5, 0.01);
        Step o = over.step(new float[] {3});
        Step f = full.step(new float[] {1});
        assertThat(over.state()).as("the force is clipped to 1").containsExactly(full.state());
        assertThat(o.reward()).as("but the whole action is charged, as in Gymnasium").isCloseTo(-0.9, within(1e-7));
        assertThat(f.reward()).isCloseTo(-0.1, within(1e-12));
    }

    @Test
    void mountainCarContinuousStoresFloat32AndStopsAtTheLeftWall() {
        ClassicControlEnv env = TestEnvs.create("mountaincar-continuous");
        env.reset(0);
        assertThat((double) (float) env.state(0)).as("the start state is float64, as Gymnasium's reset leaves it").isNotEqualTo(env.state(0));
        env.step(new float[] {0.3f});
        for (double v : env.state()) assertThat((double) (float) v).as("every step stores float32").isEqualTo(v);
        env.setState(-1.19, -0.05);
        Step s = env.step(new float[] {-1});
        assertThat(env.state(0)).isEqualTo((double) (float) -1.2);
        assertThat(env.state(1)).isEqualTo(0.0);
        assertThat(s.observation()).containsExactly(-1.2f, 0f);
        assertThat(s.terminated()).isFalse();
    }

    @Test
    void mountainCarContinuousIsSolvedByPumpingEnergy() {
        ClassicControlEnv env = TestEnvs.create("mountaincar-continuous");
        env.reset(0);
        int steps = 0;
        double ret = 0;
        Step s;
        do {
            s = env.step(new float[] {env.state(1) < 0 ? -1 : 1}); // full force the way it is moving
            ret += s.reward();
            steps++;
        } while (!s.terminated() && steps < 2000);
        assertThat(s.terminated()).isTrue();
        assertThat(steps).as("well inside the 999-step limit").isLessThan(300);
        assertThat(ret).isCloseTo(100 - 0.1 * steps, within(1e-9));
    }
}
