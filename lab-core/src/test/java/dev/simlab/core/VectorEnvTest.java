package dev.simlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.Env;
import dev.simlab.core.env.EnvChecker;
import dev.simlab.core.env.Step;
import dev.simlab.core.env.TimeLimit;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Space;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * A test env with Box observations {@code (x, v)} and one Box action, a push in [-1, 1]: the
     * push plus noise from the env's generator changes v, v moves x; leaving |x| > 2 terminates
     * and info carries the speed. Saves its state, so copies can be checkpointed.
     */
    static final class Glide implements Env {
        private final Step step = new Step(2);
        private final Rng rng = new Rng(0);
        private double x;
        private double v;
        private boolean done = true;

        @Override
        public Space observationSpace() {
            return Box.uniform(-10, 10, 2);
        }

        @Override
        public Space actionSpace() {
            return Box.uniform(-1, 1, 1);
        }

        @Override
        public Step reset(long seed) {
            rng.setSeed(seed);
            return reset();
        }

        @Override
        public Step reset() {
            x = rng.uniform(-1, 1);
            v = 0;
            done = false;
            observe();
            return step.start();
        }

        @Override
        public Step step(float[] action) {
            if (done) throw new IllegalStateException("step after the end");
            v = 0.8 * v + 0.3 * action[0] + 0.05 * rng.nextGaussian();
            x += v;
            done = Math.abs(x) > 2;
            if (done) x = Math.max(-2.5, Math.min(2.5, x));
            observe();
            step.info().clear();
            step.info().put("speed", Math.abs(v));
            return step.outcome(-Math.abs(x), done, false);
        }

        private void observe() {
            step.observation()[0] = (float) x;
            step.observation()[1] = (float) v;
        }

        @Override
        public boolean savesState() {
            return true;
        }

        @Override
        public void saveState(CheckpointWriter out, String prefix) throws IOException {
            out.putLongs(prefix + "rng", rng.state());
            out.putDoubles(prefix + "xv", new double[] {x, v});
            out.putLong(prefix + "done", done ? 1 : 0);
        }

        @Override
        public void restoreState(CheckpointReader in, String prefix) throws IOException {
            rng.setState(in.getLongs(prefix + "rng"));
            double[] xv = in.getDoubles(prefix + "xv");
            x = xv[0];
            v = xv[1];
            done = in.getLong(prefix + "done") != 0;
        }
    }

    static VectorEnv glides(int n, int limit) {
        List<Env> copies = new ArrayList<>();
        for (int i = 0; i < n; i++) copies.add(new TimeLimit(new Glide(), limit));
        return new VectorEnv(copies);
    }

    @Test
    void theBoxTestEnvItselfRestoresExactly() {
        EnvChecker.assertRestoresExactly(Glide::new);
    }

    @Test
    void boxCopiesAutoResetAndKeepPreviousAndTerminalObservations() {
        int n = 3;
        VectorEnv v = glides(n, 12);
        assertThat(v.observationSize()).isEqualTo(2);
        // the same copies stepped one by one, as the reference
        Env[] ref = new Env[n];
        float[][] refObs = new float[n][];
        v.reset(21);
        for (int i = 0; i < n; i++) {
            ref[i] = new TimeLimit(new Glide(), 12);
            refObs[i] = ref[i].reset(21 + i).observation().clone();
            assertThat(Arrays.copyOfRange(v.observations(), 2 * i, 2 * i + 2)).containsExactly(refObs[i]);
        }
        Rng policy = new Rng(4);
        float[] actions = new float[n];
        boolean sawTerminal = false, sawTruncated = false;
        double[] returns = new double[n];
        int[] lengths = new int[n];
        for (int t = 0; t < 200; t++) {
            for (int i = 0; i < n; i++) actions[i] = (float) policy.uniform(-1, 1);
            float[] before = v.observations().clone();
            v.step(actions);
            assertThat(v.previousObservations()).as("the observations acted on").containsExactly(before);
            for (int i = 0; i < n; i++) {
                Step s = ref[i].step(new float[] {actions[i]});
                returns[i] += s.reward();
                lengths[i]++;
                assertThat(Arrays.copyOfRange(v.nextObservations(), 2 * i, 2 * i + 2)).as("what the step led to").containsExactly(s.observation());
                assertThat(v.rewards()[i]).isEqualTo(s.reward());
                assertThat(v.terminated()[i]).isEqualTo(s.terminated());
                assertThat(v.truncated()[i]).isEqualTo(s.truncated());
                assertThat(v.info(i).get("speed", -1)).isEqualTo(s.info().get("speed", -2));
                if (s.done()) {
                    sawTerminal |= s.terminated();
                    sawTruncated |= s.truncated();
                    assertThat(v.episodeReturn(i)).isEqualTo(returns[i]);
                    assertThat(v.episodeLength(i)).isEqualTo(lengths[i]);
                    returns[i] = 0;
                    lengths[i] = 0;
                    s = ref[i].reset();
                    assertThat(Arrays.copyOfRange(v.observations(), 2 * i, 2 * i + 2)).as("already the next episode's first observation")
                            .containsExactly(s.observation());
                    assertThat(v.observations()[2 * i + 1]).isZero();
                } else {
                    assertThat(Arrays.copyOfRange(v.observations(), 2 * i, 2 * i + 2)).containsExactly(s.observation());
                }
                assertThat(v.currentReturn(i)).isEqualTo(returns[i]);
                assertThat(v.currentLength(i)).isEqualTo(lengths[i]);
            }
        }
        assertThat(sawTerminal).as("some episode left the track").isTrue();
        assertThat(sawTruncated).as("some episode hit the time limit").isTrue();
    }

    @Test
    void savedBoxCopiesContinueExactlyAfterRestoring(@TempDir Path dir) throws IOException {
        int n = 4;
        VectorEnv saved = glides(n, 15);
        assertThat(saved.savesState()).isTrue();
        assertThat(new VectorEnv(List.of(new Corridor(4), new Corridor(4, false, false))).savesState()).isFalse();
        Rng policy = new Rng(8);
        float[] actions = new float[n];
        saved.reset(5);
        for (int t = 0; t < 37; t++) {
            for (int i = 0; i < n; i++) actions[i] = (float) policy.uniform(-1, 1);
            saved.step(actions);
        }
        Path file = dir.resolve("vec.ckpt");
        try (CheckpointWriter w = new CheckpointWriter(file)) {
            saved.saveState(w, "vec.");
        }
        long[] policyState = policy.state();

        // another run's copies, in the middle of other episodes
        VectorEnv restored = glides(n, 15);
        restored.reset(999);
        Rng other = new Rng(1);
        for (int t = 0; t < 9; t++) {
            for (int i = 0; i < n; i++) actions[i] = (float) other.uniform(-1, 1);
            restored.step(actions);
        }
        restored.restoreState(new CheckpointReader(file), "vec.");
        assertThat(restored.observations()).containsExactly(saved.observations());
        for (int i = 0; i < n; i++) {
            assertThat(restored.currentReturn(i)).isEqualTo(saved.currentReturn(i));
            assertThat(restored.currentLength(i)).isEqualTo(saved.currentLength(i));
        }

        List<List<Object>> expected = continueFor(saved, Rng.fromState(policyState), 80);
        List<List<Object>> actual = continueFor(restored, Rng.fromState(policyState), 80);
        assertThat(expected.stream().anyMatch(step -> step.contains("done"))).as("the continuation crosses episode ends").isTrue();
        for (int t = 0; t < expected.size(); t++) assertThat(actual.get(t)).as("step " + (t + 1) + " after restoring").isEqualTo(expected.get(t));
    }

    /** Steps on with the policy and records, per step, everything a learner reads from the VectorEnv. */
    private static List<List<Object>> continueFor(VectorEnv v, Rng policy, int steps) {
        List<List<Object>> out = new ArrayList<>();
        float[] actions = new float[v.numEnvs()];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < actions.length; i++) actions[i] = (float) policy.uniform(-1, 1);
            v.step(actions);
            List<Object> step = new ArrayList<>();
            step.add(Arrays.toString(v.previousObservations()));
            step.add(Arrays.toString(v.nextObservations()));
            step.add(Arrays.toString(v.observations()));
            step.add(Arrays.toString(v.rewards()));
            step.add(Arrays.toString(v.terminated()));
            step.add(Arrays.toString(v.truncated()));
            for (int i = 0; i < v.numEnvs(); i++) {
                step.add(v.info(i).get("speed", Double.NaN));
                step.add(v.currentReturn(i));
                step.add(v.currentLength(i));
                if (v.done(i)) {
                    step.add("done");
                    step.add(v.episodeReturn(i));
                    step.add(v.episodeLength(i));
                }
            }
            out.add(step);
        }
        return out;
    }
}
