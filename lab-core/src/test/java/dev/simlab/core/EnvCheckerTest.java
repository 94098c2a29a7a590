package dev.simlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.Env;
import dev.simlab.core.env.EnvChecker;
import dev.simlab.core.env.Step;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;
import java.io.IOException;
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

    /**
     * A Box env whose episodes never end under a random policy (as MountainCar's), so its
     * generator is drawn only by {@code reset()}; it saves its state, with faults to switch on.
     */
    static final class Drift implements Env {
        final boolean forgetsRng, forgetsDone, savingDraws;
        final Step step = new Step(1);
        final Rng rng = new Rng(0);
        double x;
        boolean done = true;

        Drift(boolean forgetsRng, boolean forgetsDone, boolean savingDraws) {
            this.forgetsRng = forgetsRng;
            this.forgetsDone = forgetsDone;
            this.savingDraws = savingDraws;
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
            rng.setSeed(seed);
            return reset();
        }

        @Override
        public Step reset() {
            x = rng.uniform(-0.5, 0.5);
            done = false;
            step.observation()[0] = (float) x;
            return step.start();
        }

        @Override
        public Step step(int action) {
            if (done) throw new IllegalStateException("step before reset");
            x = Math.max(-1, Math.min(1, x + (action == 1 ? 0.01 : -0.01)));
            step.observation()[0] = (float) x;
            return step.outcome(-Math.abs(x), false, false);
        }

        @Override
        public boolean savesState() {
            return true;
        }

        @Override
        public void saveState(CheckpointWriter out, String prefix) throws IOException {
            if (savingDraws) rng.nextLong();
            out.putLongs(prefix + "rng", rng.state()).putDouble(prefix + "x", x).putLong(prefix + "done", done ? 1 : 0);
        }

        @Override
        public void restoreState(CheckpointReader in, String prefix) throws IOException {
            if (!forgetsRng) rng.setState(in.getLongs(prefix + "rng"));
            x = in.getDouble(prefix + "x");
            if (!forgetsDone) done = in.getLong(prefix + "done") != 0;
        }
    }

    @Test
    void anEnvThatSavesEverythingPassesAndTheReportSaysSo() {
        EnvChecker.assertRestoresExactly(() -> new Drift(false, false, false));
        EnvChecker.Report r = new EnvChecker(300).check(() -> new Drift(false, false, false), 3);
        assertThat(r.ok()).as(String.join("; ", r.problems())).isTrue();
        assertThat(r.notes()).anyMatch(n -> n.startsWith("state save/restore: exact"));
    }

    @Test
    void anEnvThatCannotSaveIsNotedNotFailed() {
        EnvChecker.Report r = new EnvChecker(300).check(() -> new Corridor(6, false, false), 3);
        assertThat(r.ok()).isTrue();
        assertThat(r.notes()).anyMatch(n -> n.startsWith("state save/restore: not supported"));
        assertThatThrownBy(() -> EnvChecker.assertRestoresExactly(() -> new Corridor(6, false, false))).hasMessageContaining("savesState() is false");
    }

    @Test
    void aForgottenGeneratorIsCaughtEvenWhereEpisodesNeverEnd() {
        // only the reset() that ends every continuation draws from the generator here
        assertThatThrownBy(() -> EnvChecker.assertRestoresExactly(() -> new Drift(true, false, false)))
                .hasMessageContaining("after the reset() that follows step 300");
        EnvChecker.Report r = new EnvChecker(300).check(() -> new Drift(true, false, false), 3);
        assertThat(r.problems()).anyMatch(p -> p.startsWith("saveState/restoreState: "));
    }

    @Test
    void restoringIntoAFreshEnvThatWasNeverResetIsChecked() {
        assertThatThrownBy(() -> EnvChecker.assertRestoresExactly(() -> new Drift(false, true, false)))
                .hasMessageContaining("freshly built env (never reset)").hasMessageContaining("IllegalStateException");
    }

    @Test
    void savingMustNotChangeWhatTheSavedEnvDoesNext() {
        assertThatThrownBy(() -> EnvChecker.assertRestoresExactly(() -> new Drift(false, false, true)))
                .hasMessageContaining("saving changed the env");
    }
}
