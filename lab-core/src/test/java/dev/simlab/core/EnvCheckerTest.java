package dev.simlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.env.Env;
import dev.simlab.core.env.EnvChecker;
import dev.simlab.core.env.Step;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;
import org.junit.jupiter.api.Test;

class EnvCheckerTest {
    @Test
    void aCorrectEnvPasses() {
        EnvChecker.assertValid(() -> new Corridor(8));
    }

    /** A Box env with deliberate faults, each switchable. */
    static final class Faulty implements Env {
        final boolean unseeded, outOfBounds, selfTruncating;
        final Step step = new Step(1);
        final java.util.Random shared = new java.util.Random();
        int t;

        Faulty(boolean unseeded, boolean outOfBounds, boolean selfTruncating) {
            this.unseeded = unseeded;
            this.outOfBounds = outOfBounds;
            this.selfTruncating = selfTruncating;
        }

        @Override
        public Space observationSpace() {
            return Box.uniform(-1, 1, 1);
        }

        @Override
        public Space actionSpace() {
            return new Discrete(2);
        }

        @Override
        public Step reset(long seed) {
            return reset();
        }

        @Override
        public Step reset() {
            t = 0;
            step.observation()[0] = unseeded ? shared.nextFloat() : 0;
            return step.start();
        }

        @Override
        public Step step(int action) {
            t++;
            step.observation()[0] = outOfBounds && t == 5 ? 3f : 0.5f * action;
            return step.outcome(1, false, selfTruncating && t == 50);
        }
    }

    @Test
    void nondeterminismIsReported() {
        EnvChecker.Report r = new EnvChecker(200).check(() -> new Faulty(true, false, false), 1);
        assertThat(r.problems()).anyMatch(p -> p.contains("not deterministic"));
    }

    @Test
    void observationsOutsideTheSpaceAreReported() {
        EnvChecker.Report r = new EnvChecker(200).check(() -> new Faulty(false, true, false), 1);
        assertThat(r.problems()).anyMatch(p -> p.contains("step 5") && p.contains("outside"));
    }

    @Test
    void selfTruncationIsReported() {
        assertThatThrownBy(() -> EnvChecker.assertValid(() -> new Faulty(false, false, true)))
                .hasMessageContaining("time limits belong in the TimeLimit wrapper");
    }
}
