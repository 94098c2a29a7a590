package dev.simlab.classiccontrol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.env.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Step for step against Gymnasium 1.4: for each of the 3,000 recorded transitions per env, put
 * the env in the recorded state, take the recorded action, and compare the next internal state
 * (both float64), the reward and terminated.
 */
class GymnasiumReferenceTest {
    /** Both sides compute in float64; only sin/cos may differ in the last bit between libm and Java. */
    static final double TOLERANCE = 1e-9;

    @Test
    void cartPoleMatchesGymnasium() {
        replay("cartpole", new CartPole(), 4);
    }

    @Test
    void mountainCarMatchesGymnasium() {
        replay("mountaincar", new MountainCar(), 2);
    }

    @Test
    void acrobotMatchesGymnasium() {
        replay("acrobot", new Acrobot(), 4);
    }

    private static void replay(String name, ClassicControlEnv env, int stateSize) {
        List<ReferenceData.Row> rows = ReferenceData.load(name, stateSize);
        assertThat(rows).as(name + " transitions").hasSize(3000);
        env.reset(0);
        double maxDeviation = 0;
        long exact = 0;
        float[] expectedObservation = new float[env.observationSpace().flatSize()];
        for (int i = 0; i < rows.size(); i++) {
            ReferenceData.Row r = rows.get(i);
            env.setState(r.state());
            Step s = env.step(r.action());
            String where = name + " row " + (i + 2) + " (line in the csv), state " + java.util.Arrays.toString(r.state()) + ", action " + r.action();
            boolean allExact = true;
            for (int k = 0; k < stateSize; k++) {
                double want = r.next()[k];
                double got = env.state(k);
                double dev = Math.abs(got - want);
                maxDeviation = Math.max(maxDeviation, dev);
                allExact &= got == want;
                assertThat(dev).as(where + ": next " + env.stateNames()[k] + " " + got + " vs Gymnasium's " + want)
                        .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(want)));
            }
            if (allExact) exact++;
            assertThat(s.reward()).as(where + ": reward").isEqualTo(r.reward());
            assertThat(s.terminated()).as(where + ": terminated").isEqualTo(r.terminated());
            assertThat(s.truncated()).isFalse();
            env.observation(expectedObservation);
            assertThat(s.observation()).as(where + ": the observation is the new state's").containsExactly(expectedObservation);
        }
        System.out.printf("%s: %d transitions, max |deviation| from Gymnasium %.3g, %d of them bit-identical%n",
                name, rows.size(), maxDeviation, exact);
    }
}
