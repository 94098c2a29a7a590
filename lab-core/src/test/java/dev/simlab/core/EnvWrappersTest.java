package dev.simlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.ClipAction;
import dev.simlab.core.env.Env;
import dev.simlab.core.env.EnvWrappers;
import dev.simlab.core.env.NormalizeObservation;
import dev.simlab.core.env.NormalizeReward;
import dev.simlab.core.env.Normalization;
import dev.simlab.core.env.RescaleAction;
import dev.simlab.core.env.RunningMeanStd;
import dev.simlab.core.env.Step;
import dev.simlab.core.env.TimeLimit;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Space;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The normalisation and action wrappers a scenario turns on with env.normalize_observations and friends. */
class EnvWrappersTest {
    /**
     * Box actions in [-2, 2] × [0, 10]; the observation is the action the env received (so tests see
     * what wrappers passed on) and the reward its first element. Never terminates.
     */
    static final class Echo implements Env {
        static final Box ACTIONS = new Box(new float[] {-2, 0}, new float[] {2, 10}, new int[] {2});
        final Step step = new Step(2);

        @Override
        public Space observationSpace() {
            return Box.uniform(-1000, 1000, 2);
        }

        @Override
        public Space actionSpace() {
            return ACTIONS;
        }

        @Override
        public Step reset(long seed) {
            return reset();
        }

        @Override
        public Step reset() {
            step.observation()[0] = 0;
            step.observation()[1] = 0;
            return step.start();
        }

        @Override
        public Step step(float[] action) {
            System.arraycopy(action, 0, step.observation(), 0, 2);
            return step.outcome(action[0], false, false);
        }

        @Override
        public boolean savesState() {
            return true;
        }

        @Override
        public void saveState(CheckpointWriter out, String prefix) throws java.io.IOException {
            out.putFloats(prefix + "obs", step.observation());
        }

        @Override
        public void restoreState(CheckpointReader in, String prefix) throws java.io.IOException {
            System.arraycopy(in.getFloats(prefix + "obs"), 0, step.observation(), 0, 2);
        }
    }

    @Test
    void runningStatisticsAgreeWithTheClosedFormFromSb3sStart() {
        double[] xs = {3, -1, 4, 1, -5, 9, 2, 6};
        RunningMeanStd rms = new RunningMeanStd(1);
        for (double x : xs) rms.update(new float[] {(float) x}, 0);
        // SB3 starts at mean 0, var 1, count 1e-4: the prior is a pseudo-sample of weight 1e-4
        double c = 1e-4, n = xs.length, sum = 0;
        for (double x : xs) sum += x;
        double xbar = sum / n, ss = 0;
        for (double x : xs) ss += (x - xbar) * (x - xbar);
        double mean = n * xbar / (c + n);
        double var = (c * 1 + ss + xbar * xbar * c * n / (c + n)) / (c + n);
        assertThat(rms.mean(0)).isCloseTo(mean, within(1e-12));
        assertThat(rms.var(0)).isCloseTo(var, within(1e-12));
        assertThat(rms.count()).isCloseTo(n + c, within(1e-12));
        RunningMeanStd scalar = new RunningMeanStd(1);
        for (double x : xs) scalar.update(x);
        assertThat(scalar.var(0)).isEqualTo(rms.var(0));
    }

    @Test
    void rescaledActionsSpanTheEnvsBoundsAndClippedOnesStayInside() {
        Echo echo = new Echo();
        Env rescaled = new RescaleAction(echo);
        assertThat(rescaled.actionSpace()).isEqualTo(Box.uniform(-1, 1, 2));
        rescaled.reset(0);
        assertThat(rescaled.step(new float[] {-1, -1}).observation()).containsExactly(-2f, 0f);
        assertThat(rescaled.step(new float[] {1, 1}).observation()).containsExactly(2f, 10f);
        assertThat(rescaled.step(new float[] {0, 0.5f}).observation()).containsExactly(0f, 7.5f);

        Env clipped = new ClipAction(new Echo());
        assertThat(clipped.actionSpace()).isEqualTo(Echo.ACTIONS);
        clipped.reset(0);
        assertThat(clipped.step(new float[] {5, -3}).observation()).containsExactly(2f, 0f);
        assertThat(clipped.step(new float[] {1.5f, 3}).observation()).containsExactly(1.5f, 3f);

        // both, as the scenario keys put them: the agent's out-of-range 3 is clipped to 1, then mapped to the high bound
        EnvWrappers both = new EnvWrappers(false, false, 10, 10, 0.99, 1e-8, true, true);
        Env e = both.wrap(new Echo(), "echo", Normalization.NONE, true);
        e.reset(0);
        assertThat(e.step(new float[] {3, -7}).observation()).containsExactly(2f, 0f);
    }

    @Test
    void wrappersThatDoNotFitTheEnvAreBadInputOnTheirKey() {
        EnvWrappers clip = new EnvWrappers(false, false, 10, 10, 0.99, 1e-8, true, false);
        assertThatThrownBy(() -> clip.wrap(new Walk(5), "walk", Normalization.NONE, true))
                .isInstanceOf(ConfigException.class).hasMessageContaining("env.clip_actions: walk: clipping needs Box actions, not Discrete(2)");
        EnvWrappers obs = new EnvWrappers(true, false, 10, 10, 0.99, 1e-8, false, false);
        assertThatThrownBy(() -> obs.wrap(new Corridor(4), "corridor", new Normalization(new RunningMeanStd(1), null), true))
                .isInstanceOf(ConfigException.class).hasMessageContaining("env.normalize_observations: corridor: observation normalisation needs Box observations");
    }

    @Test
    void observationsAreStandardisedWhileTrainingAndFrozenForEvaluation() {
        RunningMeanStd stats = new RunningMeanStd(2);
        Env train = new NormalizeObservation(new Echo(), stats, true, 10, 1e-8);
        assertThat(train.observationSpace()).isEqualTo(Box.uniform(-10, 10, 2));
        Rng rng = new Rng(3);
        train.reset(0);
        double sum = 0, sumSq = 0;
        int n = 20_000;
        for (int t = 0; t < 2 * n; t++) {
            float x = (float) (1.5 + 0.25 * rng.nextGaussian()); // first element: mean 1.5, std 0.25
            float[] o = train.step(new float[] {x, 7}).observation();
            // the value just seen was folded in first, then standardised with the updated statistics
            assertThat((double) o[0]).isCloseTo((x - stats.mean(0)) / Math.sqrt(stats.var(0) + 1e-8), within(1e-6));
            if (t >= n) {
                sum += o[0];
                sumSq += o[0] * o[0];
            }
        }
        assertThat(stats.mean(0)).isCloseTo(1.5, within(0.01));
        assertThat(Math.sqrt(stats.var(0))).isCloseTo(0.25, within(0.01));
        assertThat(sum / n).as("standardised: mean 0").isCloseTo(0, within(0.03));
        assertThat(Math.sqrt(sumSq / n)).as("standardised: std 1").isCloseTo(1, within(0.03));
        // the second element: 40,000 sevens and the reset's one 0, so the variance is about 49 / 40,001
        assertThat(stats.var(1)).isCloseTo(49.0 / 40_001, within(1e-6));

        double mean = stats.mean(0), var = stats.var(0), count = stats.count();
        Env eval = new NormalizeObservation(new Echo(), stats, false, 10, 1e-8);
        eval.reset(0);
        float z = eval.step(new float[] {2.0f, 7}).observation()[0];
        assertThat((double) z).isCloseTo((2.0 - mean) / Math.sqrt(var + 1e-8), within(1e-6));
        for (int t = 0; t < 100; t++) eval.step(new float[] {-1.9f, 0});
        assertThat(stats.mean(0)).as("evaluation reads the statistics frozen").isEqualTo(mean);
        assertThat(stats.var(0)).isEqualTo(var);
        assertThat(stats.count()).isEqualTo(count);
        assertThat(eval.step(new float[] {-2f, 10}).observation()).as("clipped to ±10").containsExactly(-10f, 10f);
    }

    @Test
    void rewardsAreScaledByTheReturnsStdWhileEpisodeReturnsStayTheEnvs() {
        RunningMeanStd stats = new RunningMeanStd(1);
        VectorEnv env = new VectorEnv(List.of(new NormalizeReward(new TimeLimit(new Echo(), 10), stats, true, 0.9, 10, 1e-8),
                new NormalizeReward(new TimeLimit(new Echo(), 10), stats, true, 0.9, 10, 1e-8)));
        env.reset(0);
        float[] actions = {0.5f, 1, 0.5f, 1};
        int episodes = 0;
        for (int t = 1; t <= 30; t++) {
            env.step(actions);
            for (int i = 0; i < 2; i++) {
                assertThat(env.rewards()[i]).as("step " + t).isPositive().isLessThanOrEqualTo(10);
                if (env.done(i)) {
                    episodes++;
                    assertThat(env.episodeReturn(i)).as("the env's rewards, unscaled").isCloseTo(5.0, within(1e-9));
                }
            }
        }
        assertThat(episodes).isEqualTo(6);
        // the last copy's reward used the statistics after its own update
        assertThat(env.rewards()[1]).isCloseTo(0.5 / Math.sqrt(stats.var(0) + 1e-8), within(1e-12));
        assertThat(env.rewards()[1]).as("a constant reward scaled up: the return barely varies").isGreaterThan(0.5);
        assertThat(stats.count()).isCloseTo(60 + 1e-4, within(1e-9));
    }

    @Test
    void theStatisticsAndTheReturnInProgressCheckpointExactly(@TempDir Path dir) throws Exception {
        EnvWrappers on = new EnvWrappers(true, true, 10, 10, 0.99, 1e-8, true, true);
        Normalization stats = new Normalization(new RunningMeanStd(2), new RunningMeanStd(1));
        Env a = on.wrap(new Echo(), "echo", stats, true);
        Rng rng = new Rng(5);
        a.reset(0);
        for (int t = 0; t < 37; t++) a.step(new float[] {(float) rng.nextGaussian(), (float) rng.nextGaussian()});
        Path file = dir.resolve("c.ckpt");
        try (CheckpointWriter w = new CheckpointWriter(file)) {
            stats.save(w, "n.");
            a.saveState(w, "env.");
        }
        long[] rngState = rng.state();
        double[] saved = continueRewards(a, rng);

        Normalization back = new Normalization(new RunningMeanStd(2), new RunningMeanStd(1));
        Env b = on.wrap(new Echo(), "echo", back, true);
        b.reset(0);
        b.step(new float[] {0.3f, 0.3f}); // another episode in progress, other statistics
        CheckpointReader in = new CheckpointReader(file);
        back.restore(in, "n.");
        b.restoreState(in, "env.");
        rng.setState(rngState);
        assertThat(continueRewards(b, rng)).containsExactly(saved);
    }

    /** 50 more steps: each scaled reward and normalised observation. */
    private static double[] continueRewards(Env env, Rng rng) {
        double[] out = new double[150];
        for (int t = 0; t < 50; t++) {
            Step s = env.step(new float[] {(float) rng.nextGaussian(), (float) rng.nextGaussian()});
            out[3 * t] = s.reward();
            out[3 * t + 1] = s.observation()[0];
            out[3 * t + 2] = s.observation()[1];
        }
        return out;
    }
}
