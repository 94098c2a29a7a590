package dev.simlab.classiccontrol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.env.Step;
import dev.simlab.core.space.Discrete;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Step for step against Gymnasium 1.4: for each of the 3,000 recorded transitions per env, put
 * the env in the recorded state, take the recorded action (an index, or the float32 torque or
 * force of a Box action), and compare the next internal state, the reward and terminated.
 */
class GymnasiumReferenceTest {
    /** Both sides compute in float64; only sin/cos may differ in the last bit between libm and Java. */
    static final double TOLERANCE = 1e-9;

    /**
     * How close a replayed transition must come: the next state within {@code state} (relative,
     * absolute below 1), the reward within {@code rewardUlps} units in the last place.
     */
    record Match(double state, int rewardUlps) {}

    static final Match CLOSE = new Match(TOLERANCE, 0);

    @Test
    void cartPoleMatchesGymnasium() {
        replay("cartpole", new CartPole(), 4, CLOSE);
    }

    @Test
    void mountainCarMatchesGymnasium() {
        replay("mountaincar", new MountainCar(), 2, CLOSE);
    }

    @Test
    void acrobotMatchesGymnasium() {
        replay("acrobot", new Acrobot(), 4, CLOSE);
    }

    @Test
    void pendulumMatchesGymnasium() {
        // Gymnasium squares the normalised angle with NumPy's ** (libm's pow), which is not always
        // correctly rounded; Java's x * x is. Three of the 3,000 rewards differ in the last bit.
        int exactRewards = replay("pendulum", new Pendulum(), 2, new Match(TOLERANCE, 1));
        assertThat(exactRewards).as("rewards bit-identical to Gymnasium's").isGreaterThanOrEqualTo(2990);
    }

    @Test
    void mountainCarContinuousMatchesGymnasiumInFloat32() {
        // float64 arithmetic rounded to the float32 state: a last-bit difference in cos could move a
        // value by one float32 step, but the recording shows none.
        replay("mountaincar-continuous", new MountainCarContinuous(), 2, new Match(0, 0));
    }

    /** @return how many rewards matched bit for bit */
    private static int replay(String name, ClassicControlEnv env, int stateSize, Match match) {
        List<ReferenceData.Row> rows = ReferenceData.load(name, stateSize);
        assertThat(rows).as(name + " transitions").hasSize(3000);
        env.reset(0);
        double maxDeviation = 0;
        int exact = 0;
        int exactRewards = 0;
        boolean discrete = env.actionSpace() instanceof Discrete;
        float[] boxAction = new float[1];
        float[] expectedObservation = new float[env.observationSpace().flatSize()];
        for (int i = 0; i < rows.size(); i++) {
            ReferenceData.Row r = rows.get(i);
            env.setState(r.state());
            Step s;
            if (discrete) {
                s = env.step((int) r.action());
            } else {
                boxAction[0] = (float) r.action();
                assertThat((double) boxAction[0]).as(name + " row " + (i + 2) + ": the recorded action is a float32").isEqualTo(r.action());
                s = env.step(boxAction);
            }
            String where = name + " row " + (i + 2) + " (line in the csv), state " + java.util.Arrays.toString(r.state()) + ", action " + r.action();
            boolean allExact = true;
            for (int k = 0; k < stateSize; k++) {
                double want = r.next()[k];
                double got = env.state(k);
                double dev = Math.abs(got - want);
                maxDeviation = Math.max(maxDeviation, dev);
                allExact &= got == want;
                assertThat(dev).as(where + ": next " + env.stateNames()[k] + " " + got + " vs Gymnasium's " + want)
                        .isLessThanOrEqualTo(match.state() * Math.max(1, Math.abs(want)));
            }
            if (allExact) exact++;
            assertThat(Math.abs(s.reward() - r.reward())).as(where + ": reward " + s.reward() + " vs Gymnasium's " + r.reward())
                    .isLessThanOrEqualTo(match.rewardUlps() * Math.ulp(r.reward()));
            if (s.reward() == r.reward()) exactRewards++;
            assertThat(s.terminated()).as(where + ": terminated").isEqualTo(r.terminated());
            assertThat(s.truncated()).isFalse();
            env.observation(expectedObservation);
            assertThat(s.observation()).as(where + ": the observation is the new state's").containsExactly(expectedObservation);
        }
        System.out.printf("%s: %d transitions, max |deviation| from Gymnasium %.3g, %d of them bit-identical, %d rewards bit-identical%n",
                name, rows.size(), maxDeviation, exact, exactRewards);
        return exactRewards;
    }
}
