package dev.simlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.env.Step;
import dev.simlab.core.env.TimeLimit;
import dev.simlab.core.env.VectorEnv;
import java.util.List;
import org.junit.jupiter.api.Test;

class VectorEnvTest {
    @Test
    void timeLimitTruncatesWithoutTerminating() {
        TimeLimit env = new TimeLimit(new Corridor(10), 3);
        env.reset(1);
        env.step(0);
        env.step(0);
        Step s = env.step(0);
        assertThat(s.truncated()).isTrue();
        assertThat(s.terminated()).isFalse();
    }

    @Test
    void terminalStepIsNotTruncatedEvenAtTheLimit() {
        // Corridor(2) always starts in cell 0, one step from the end: the step ends the MDP and hits the limit
        TimeLimit one = new TimeLimit(new Corridor(2), 1);
        one.reset(0);
        Step end = one.step(1);
        assertThat(end.terminated()).isTrue();
        assertThat(end.truncated()).isFalse();
    }

    @Test
    void autoResetKeepsTheTerminalObservationForLearners() {
        VectorEnv v = new VectorEnv(List.of(new Corridor(3), new Corridor(3)));
        v.reset(5);
        int[] right = {1, 1};
        boolean sawEnd = false;
        for (int t = 0; t < 5; t++) {
            v.step(right);
            for (int i = 0; i < 2; i++) {
                if (v.terminated()[i]) {
                    sawEnd = true;
                    assertThat(v.nextStates()[i]).as("terminal observation kept").isEqualTo(2);
                    assertThat(v.states()[i]).as("already reset into the left half").isLessThan(2);
                    assertThat(v.episodeReturn(i)).isGreaterThan(0.9);
                } else {
                    assertThat(v.nextStates()[i]).isEqualTo(v.states()[i]);
                }
            }
        }
        assertThat(sawEnd).isTrue();
    }

    @Test
    void copiesAreSeededDifferentlyButReproducibly() {
        VectorEnv a = new VectorEnv(List.of(new Corridor(100), new Corridor(100), new Corridor(100)));
        VectorEnv b = new VectorEnv(List.of(new Corridor(100), new Corridor(100), new Corridor(100)));
        a.reset(7);
        b.reset(7);
        assertThat(a.states()).containsExactly(b.states());
        assertThat(a.states()[0] == a.states()[1] && a.states()[1] == a.states()[2]).isFalse();
    }
}
