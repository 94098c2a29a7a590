package dev.simlab.core.env;

import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checks that an env keeps the {@link Env} contract, like Gymnasium's {@code check_env}: valid
 * spaces, observations inside the observation space, finite rewards, the same seed giving the
 * same episodes bit for bit, {@code reset(seed)} restarting the sequence, no truncation from the
 * env itself (time limits are the lab's wrapper), and, where {@link Env#savesState} is true, a
 * restored state continuing exactly. Usable from {@code simlab check-env} and from a plugin
 * author's JUnit tests through {@link #assertValid} and {@link #assertRestoresExactly}.
 */
public final class EnvChecker {
    /** What the check found: {@code problems} break the contract; {@code notes} are worth knowing. */
    public record Report(List<String> problems, List<String> notes, long stepsChecked, long episodes) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final int steps;

    /** @param steps random-policy steps to take per check (a few thousand is plenty for most envs) */
    public EnvChecker(int steps) {
        this.steps = steps;
    }

    /** Throws an {@link AssertionError} listing every problem; for plugin authors' tests. */
    public static void assertValid(Supplier<? extends Env> factory) {
        Report r = new EnvChecker(2000).check(factory, 42);
        if (!r.ok()) throw new AssertionError("env breaks the SimLab env contract:\n  " + String.join("\n  ", r.problems()));
    }

    /** @param factory builds a fresh, unwrapped env (no time limit) each call */
    public Report check(Supplier<? extends Env> factory, long seed) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long[] counts = new long[2];
        try (Env env = factory.get()) {
            Space obs = env.observationSpace();
            Space act = env.actionSpace();
            if (obs == null || act == null) {
                problems.add("observationSpace() and actionSpace() must not be null");
                return new Report(problems, notes, 0, 0);
            }
            notes.add("observation space " + obs.describe() + ", action space " + act.describe());
            List<Double> first = trace(env, seed, problems, counts);
            List<Double> again;
            try (Env env2 = factory.get()) {
                again = trace(env2, seed, new ArrayList<>(), new long[2]);
            }
            if (!first.equals(again)) {
                problems.add("not deterministic: two envs reset with seed " + seed + " and given the same actions diverged at value "
                        + firstValueDifference(first, again));
            }
            Step s1 = env.reset(seed);
            double[] o1 = snapshot(s1, obs);
            Step s2 = env.reset(seed);
            double[] o2 = snapshot(s2, obs);
            if (!Arrays.equals(o1, o2)) problems.add("reset(" + seed + ") twice gave different first observations");
            if (s2.terminated() || s2.truncated()) problems.add("reset must start an episode that has not ended");
            if (env.savesState()) {
                String diverged = restoreDivergence(factory, seed);
                if (diverged != null) problems.add("saveState/restoreState: " + diverged);
                else notes.add("state save/restore: exact (a resumed run continues the interrupted episode bit for bit)");
            } else {
                notes.add("state save/restore: not supported (a resumed run reseeds the env and drops the interrupted episode)");
            }
        } catch (RuntimeException e) {
            problems.add("threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new Report(problems, notes, counts[0], counts[1]);
    }

    /** Throws an {@link AssertionError} unless the env saves and restores its state exactly; for plugin authors' tests. */
    public static void assertRestoresExactly(Supplier<? extends Env> factory) {
        String diverged;
        try (Env env = factory.get()) {
            if (!env.savesState()) throw new AssertionError(env.getClass().getSimpleName() + ".savesState() is false");
        }
        for (long seed : new long[] {1, 42, 7777}) {
            diverged = restoreDivergence(factory, seed);
            if (diverged != null) throw new AssertionError("seed " + seed + ": " + diverged);
        }
    }

    /**
     * Plays a seeded random policy for a while (through several episodes where they are short),
     * saves the env mid-episode and plays on. Checks that saving changed nothing (a twin that was
     * never saved plays the same), then restores the saved state into an env that was playing
     * another episode (reset with another seed) and into a freshly built one that was never
     * reset, replays the same actions in both and compares. Every continuation ends with a
     * {@code reset()} and a few steps, so a generator that was not restored shows even where
     * random-policy episodes never end (MountainCar). Null when every trace agrees.
     */
    static String restoreDivergence(Supplier<? extends Env> factory, long seed) {
        Path file = null;
        String phase = "playing and saving";
        try (Env a = factory.get(); Env twin = factory.get(); Env busy = factory.get(); Env fresh = factory.get()) {
            file = Files.createTempFile("simlab-env-state", ".ckpt");
            Space act = a.actionSpace();
            int warm = 50 + (int) Math.floorMod(seed, 50L);
            Rng actions = new Rng(seed * 31 + 7);
            play(a, seed, warm, actions);
            try (CheckpointWriter w = new CheckpointWriter(file)) {
                a.saveState(w, "env.");
            }
            long[] actionState = actions.state();
            List<List<Object>> saved = continueTrace(a, act, actions);

            phase = "replaying on a twin that was not saved";
            Rng twinActions = new Rng(seed * 31 + 7);
            play(twin, seed, warm, twinActions);
            String d = firstDifference(saved, continueTrace(twin, act, twinActions));
            if (d != null) return "saving changed the env: it diverged from a twin that was not saved " + d;

            phase = "restoring into an env that was playing another episode";
            CheckpointReader in = new CheckpointReader(file);
            play(busy, seed + 1000, 1 + (int) Math.floorMod(seed, 17L), new Rng(~seed));
            busy.restoreState(in, "env.");
            actions.setState(actionState);
            d = firstDifference(saved, continueTrace(busy, act, actions));
            if (d != null) return "restored into an env that was playing another episode, it diverged from the saved one " + d;

            phase = "restoring into a freshly built env (never reset)";
            fresh.restoreState(in, "env.");
            actions.setState(actionState);
            d = firstDifference(saved, continueTrace(fresh, act, actions));
            if (d != null) return "restored into a freshly built env (never reset), it diverged from the saved one " + d;
            return null;
        } catch (IOException e) {
            return phase + ": threw " + e.getMessage();
        } catch (RuntimeException e) {
            return phase + ": threw " + e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temp file
                }
            }
        }
    }

    /** Resets with {@code seed} and takes {@code steps} random actions, starting new episodes as they end. */
    private static void play(Env env, long seed, int steps, Rng actions) {
        Space act = env.actionSpace();
        int[] d = new int[1];
        float[] box = new float[act instanceof Box bx ? bx.flatSize() : 0];
        env.reset(seed);
        for (int t = 0; t < steps; t++) {
            act.sample(actions, d, 0, box, 0);
            Step s = act instanceof Discrete ? env.step(d[0]) : env.step(box);
            if (s.done()) env.reset();
        }
    }

    /**
     * 300 random steps (starting new episodes as they end), then a {@code reset()} and 20 more:
     * per step, the observation, reward, flags and info (keys and values), and the observation
     * of any reset that followed.
     */
    private static List<List<Object>> continueTrace(Env env, Space act, Rng actions) {
        List<List<Object>> out = new ArrayList<>();
        Space obs = env.observationSpace();
        int[] d = new int[1];
        float[] box = new float[act instanceof Box bx ? bx.flatSize() : 0];
        for (int t = 0; t < 320; t++) {
            List<Object> values = new ArrayList<>();
            if (t == 300) record(env.reset(), obs, values);
            act.sample(actions, d, 0, box, 0);
            Step s = act instanceof Discrete ? env.step(d[0]) : env.step(box);
            record(s, obs, values);
            for (int k = 0; k < s.info().size(); k++) {
                values.add(s.info().key(k));
                values.add(s.info().value(k));
            }
            if (s.done()) record(env.reset(), obs, values);
            out.add(values);
        }
        return out;
    }

    /** Where two continuations first differ, in words; null when they agree. */
    private static String firstDifference(List<List<Object>> a, List<List<Object>> b) {
        for (int t = 0; t < a.size(); t++) {
            if (!a.get(t).equals(b.get(t))) {
                return "at step " + (t + 1) + (t >= 300 ? " (after the reset() that follows step 300)" : "") + " of the continuation: "
                        + a.get(t) + " vs " + b.get(t);
            }
        }
        return null;
    }

    private static String firstValueDifference(List<Double> a, List<Double> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) if (!a.get(i).equals(b.get(i))) return "#" + i;
        return "#" + n + " (one trace is longer)";
    }

    /** Plays random actions (seeded) and records every observation, reward and flag. */
    private List<Double> trace(Env env, long seed, List<String> problems, long[] counts) {
        Space obs = env.observationSpace();
        Space act = env.actionSpace();
        Rng rng = new Rng(seed ^ 0x5DEECE66DL);
        List<Double> out = new ArrayList<>();
        int[] a = new int[1];
        float[] box = new float[act instanceof Box b ? b.flatSize() : 0];
        Step s = env.reset(seed);
        checkObservation(s, obs, 0, problems);
        record(s, obs, out);
        int episodeSteps = 0;
        for (int t = 0; t < steps; t++) {
            act.sample(rng, a, 0, box, 0);
            s = act instanceof Discrete ? env.step(a[0]) : env.step(box);
            counts[0]++;
            episodeSteps++;
            checkObservation(s, obs, t + 1, problems);
            if (!Double.isFinite(s.reward())) problems.add("step " + (t + 1) + ": reward is " + s.reward());
            if (s.truncated()) problems.add("step " + (t + 1) + ": the env set truncated itself; time limits belong in the TimeLimit wrapper");
            record(s, obs, out);
            if (s.done() || episodeSteps >= 100_000) {
                counts[1]++;
                episodeSteps = 0;
                s = env.reset();
                checkObservation(s, obs, t + 1, problems);
                record(s, obs, out);
            }
            if (problems.size() > 20) break;
        }
        return out;
    }

    private static void checkObservation(Step s, Space space, int t, List<String> problems) {
        if (space instanceof Discrete d) {
            if (!d.contains(s.state())) problems.add("step " + t + ": observation " + s.state() + " is outside " + d.describe());
        } else {
            Box b = (Box) space;
            if (s.observation().length != b.flatSize()) {
                problems.add("step " + t + ": observation has " + s.observation().length + " values, the space has " + b.flatSize());
            } else if (!b.contains(s.observation(), 0)) {
                problems.add("step " + t + ": observation " + Arrays.toString(s.observation()) + " is outside " + b.describe() + " (or NaN)");
            }
        }
    }

    private static void record(Step s, Space obs, List<? super Double> out) {
        for (double v : snapshot(s, obs)) out.add(v);
        out.add(s.reward());
        out.add(s.terminated() ? 1.0 : 0.0);
        out.add(s.truncated() ? 1.0 : 0.0);
    }

    private static double[] snapshot(Step s, Space obs) {
        if (obs instanceof Discrete) return new double[] {s.state()};
        float[] o = s.observation();
        double[] d = new double[o.length];
        for (int i = 0; i < o.length; i++) d[i] = o[i];
        return d;
    }
}
