package dev.simlab.core.run;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.agent.AgentContext;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.Env;
import dev.simlab.core.env.TimeLimit;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.scenario.RunPlan;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scene.SceneBuilder;
import dev.simlab.core.space.Box;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One run of a scenario: builds the env copies and the agent from the run's seed, trains until the
 * budget is spent or a stop is requested, evaluates greedily on schedule and checkpoints.
 * The step loop itself allocates nothing; per-episode bookkeeping may.
 */
public final class TrainingRun {
    private final Scenario scenario;
    private final int run;
    private final long seed;
    private final RunListener listener;
    private final BooleanSupplier stopRequested;
    private final Path checkpointFile;
    private Resume resume;
    private RunMonitor monitor;

    /**
     * Where an earlier, interrupted attempt of this run stopped: the counters in its checkpoint and
     * the episodes it had already recorded (kept in metrics.csv).
     */
    public record Resume(long episodes, long envSteps, double wallSeconds, double[] returns, int[] lengths) {}

    public TrainingRun(Scenario scenario, int run, RunListener listener, BooleanSupplier stopRequested, Path checkpointDir) {
        this.scenario = scenario;
        this.run = run;
        this.seed = scenario.run().seed() + run;
        this.listener = listener;
        this.stopRequested = stopRequested;
        this.checkpointFile = checkpointDir == null ? null : checkpointDir.resolve(checkpointName(run));
    }

    /** Continue from this run's checkpoint instead of starting afresh. */
    public TrainingRun resumeFrom(Resume state) {
        this.resume = state;
        return this;
    }

    /** A viewer that may pause this run and take scene snapshots of its first env copy. */
    public TrainingRun monitor(RunMonitor m) {
        this.monitor = m;
        return this;
    }

    public static String checkpointName(int run) {
        return String.format("run-%03d.ckpt", run);
    }

    /** The seed this run uses: the plan's base seed plus the run index. */
    public long seed() {
        return seed;
    }

    /** Builds one env copy: the plugin's env in the scenario's time limit. */
    public static Env makeEnv(Scenario.EnvSpec spec, int maxEpisodeSteps) {
        Env env = spec.type().factory().create(spec.params());
        return maxEpisodeSteps > 0 ? new TimeLimit(env, maxEpisodeSteps) : env;
    }

    /**
     * Builds one env and the agent once and closes them, so that a mismatch (a tabular agent on
     * Box observations, say) is reported as bad input before any run starts.
     */
    public static void probe(Scenario scenario) {
        try (VectorEnv env = makeVectorEnv(scenario.env(), 1, scenario.env().maxEpisodeSteps());
             Agent agent = scenario.agent().type().factory().create(
                     new AgentContext(env.observationSpace(), env.actionSpace(), 1, new Rng(0)), scenario.agent().params())) {
            // built fine
        } catch (dev.simlab.core.param.ConfigException e) {
            throw e.in(scenario.source(), "agent.id");
        }
    }

    static VectorEnv makeVectorEnv(Scenario.EnvSpec spec, int copies, int maxEpisodeSteps) {
        List<Env> envs = new ArrayList<>(copies);
        for (int i = 0; i < copies; i++) envs.add(makeEnv(spec, maxEpisodeSteps));
        return new VectorEnv(envs);
    }

    public RunResult call() {
        RunPlan plan = scenario.run();
        long start = System.nanoTime();
        Rng rng = new Rng(seed);
        long envSeed = rng.nextLong() >>> 1;
        long evalSeed = rng.nextLong() >>> 1;
        Rng agentRng = rng.split();
        DoubleList returns = new DoubleList();
        IntList lengths = new IntList();
        long episodes = 0;
        long steps = 0;
        double wallOffset = 0;
        if (resume != null) {
            episodes = resume.episodes();
            steps = resume.envSteps();
            wallOffset = resume.wallSeconds();
            for (double r : resume.returns()) returns.add(r);
            for (int l : resume.lengths()) lengths.add(l);
        }
        double evalMean = Double.NaN, evalStd = Double.NaN;
        Map<String, Double> evalInfo = Map.of();
        // The env's Info keys (from the first finished training episode), NaN where no evaluation ran.
        Map<String, Double> noEvalInfo = null;
        String status = "completed";
        try (VectorEnv env = makeVectorEnv(scenario.env(), plan.numEnvs(), scenario.env().maxEpisodeSteps());
             Agent agent = scenario.agent().type().factory().create(
                     new AgentContext(env.observationSpace(), env.actionSpace(), env.numEnvs(), agentRng), scenario.agent().params())) {
            boolean boxActions = env.actionSpace() instanceof Box;
            Actions actions = new Actions(env.numEnvs(), boxActions ? env.actionSpace().flatSize() : 0);
            int n = env.numEnvs();
            boolean budgetLeft = (plan.episodes() == 0 || episodes < plan.episodes()) && (plan.steps() == 0 || steps < plan.steps());
            if (resume != null) {
                agent.restore(new CheckpointReader(checkpointFile));
                // The interrupted episode is dropped; new episodes get a seed derived from where the
                // run stopped, so a resumed run is reproducible (though not the uninterrupted run's twin).
                env.reset(envSeed ^ (0x9E3779B97F4A7C15L * (episodes + 1)) >>> 1);
            } else {
                env.reset(envSeed);
            }
            long every = plan.evalEverySteps();
            long nextEvalStep = every > 0 ? (steps / every + 1) * every : Long.MAX_VALUE;
            while (budgetLeft) {
                if (stopRequested.getAsBoolean()) {
                    status = "interrupted";
                    break;
                }
                if (monitor != null && !watch(env, agent, episodes, steps)) {
                    status = "interrupted";
                    break;
                }
                agent.act(env, true, actions);
                if (boxActions) env.step(actions.continuous());
                else env.step(actions.discrete());
                agent.observe(env, actions);
                steps += n;
                if (plan.steps() > 0 && steps >= plan.steps()) budgetLeft = false;
                for (int i = 0; i < n; i++) {
                    if (!env.done(i)) continue;
                    episodes++;
                    returns.add(env.episodeReturn(i));
                    lengths.add(env.episodeLength(i));
                    if (plan.episodes() > 0 && episodes >= plan.episodes()) budgetLeft = false;
                    double em = Double.NaN, es = Double.NaN;
                    if (noEvalInfo == null) noEvalInfo = plan.evalEpisodes() > 0 ? nanInfo(env.info(i)) : Map.of();
                    Map<String, Double> recordInfo = noEvalInfo;
                    boolean evalDue = plan.evalEpisodes() > 0
                            && ((plan.evalEvery() > 0 && episodes % plan.evalEvery() == 0) || steps >= nextEvalStep || !budgetLeft);
                    if (steps >= nextEvalStep) nextEvalStep = (steps / every + 1) * every;
                    if (evalDue) {
                        Evaluation ev = evaluate(agent, plan, evalSeed, actions);
                        em = mean(ev.returns());
                        es = std(ev.returns(), em);
                        evalMean = em;
                        evalStd = es;
                        evalInfo = ev.infoMeans();
                        Map<String, Double> merged = new java.util.LinkedHashMap<>(noEvalInfo);
                        merged.putAll(evalInfo);
                        recordInfo = merged;
                    }
                    Map<String, Double> metrics = agent.metrics();
                    listener.episode(new EpisodeRecord(run, episodes, env.episodeReturn(i), env.episodeLength(i), steps,
                            wallOffset + (System.nanoTime() - start) / 1e9, metrics, em, es, recordInfo));
                    if (plan.checkpointEvery() > 0 && episodes % plan.checkpointEvery() == 0) checkpoint(agent, episodes, steps);
                    if (!budgetLeft) break;
                }
            }
            if (plan.evalEpisodes() > 0 && Double.isNaN(evalMean) && "completed".equals(status)) {
                Evaluation ev = evaluate(agent, plan, evalSeed, actions);
                evalMean = mean(ev.returns());
                evalStd = std(ev.returns(), evalMean);
                evalInfo = ev.infoMeans();
            }
            checkpoint(agent, episodes, steps);
        } catch (IOException e) {
            return failed(start, returns, lengths, episodes, steps, "checkpoint: " + e.getMessage());
        } catch (RuntimeException e) {
            return failed(start, returns, lengths, episodes, steps, describe(e));
        }
        return new RunResult(run, seed, status, null, episodes, steps, wallOffset + (System.nanoTime() - start) / 1e9,
                returns.toArray(), lengths.toArray(), evalMean, evalStd, evalInfo);
    }

    /** The keys of {@code info}, sorted, each mapped to NaN: a record's info columns when no evaluation ran. */
    private static Map<String, Double> nanInfo(dev.simlab.core.env.Info info) {
        java.util.TreeMap<String, Double> m = new java.util.TreeMap<>();
        for (int k = 0; k < info.size(); k++) m.put(info.key(k), Double.NaN);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Waits while the viewer pauses this run and hands it a snapshot when it asks; false to stop. */
    private boolean watch(VectorEnv env, Agent agent, long episodes, long steps) {
        try {
            if (!monitor.gate(run)) return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (monitor.wantsScene(run)) {
            SceneBuilder b = new SceneBuilder();
            env.env(0).describe(b, agent.stateValues());
            b.hud("run", run).hud("episode", episodes + 1).hud("step", steps)
                    .hud("return", env.currentReturn(0));
            for (Map.Entry<String, Double> m : agent.metrics().entrySet()) b.hud(m.getKey(), m.getValue());
            monitor.scene(run, b.build());
        }
        return true;
    }

    private RunResult failed(long start, DoubleList returns, IntList lengths, long episodes, long steps, String error) {
        return new RunResult(run, seed, "failed", error, episodes, steps, (System.nanoTime() - start) / 1e9,
                returns.toArray(), lengths.toArray(), Double.NaN, Double.NaN);
    }

    static String describe(Throwable e) {
        String where = "";
        for (StackTraceElement el : e.getStackTrace()) {
            if (!el.getClassName().startsWith("dev.simlab.core")) {
                where = " (at " + el.getClassName() + "." + el.getMethodName() + ":" + el.getLineNumber() + ")";
                break;
            }
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + where;
    }

    private void checkpoint(Agent agent, long episodes, long steps) throws IOException {
        if (checkpointFile == null) return;
        try (CheckpointWriter w = new CheckpointWriter(checkpointFile)) {
            w.putString("scenario", scenario.name());
            w.putLong("run", run);
            w.putLong("seed", seed);
            w.putLong("episodes", episodes);
            w.putLong("env_steps", steps);
            agent.save(w);
        }
    }

    /** Reads a run checkpoint's counters, e.g. for {@code simlab eval} or resume. */
    public static long[] readCounters(Path file) throws IOException {
        CheckpointReader r = new CheckpointReader(file);
        return new long[] {r.getLong("run"), r.getLong("episodes"), r.getLong("env_steps")};
    }

    /**
     * Greedy evaluation on fresh env copies seeded from the run's evaluation seed. Each copy plays
     * its share of the episodes, so short episodes are not over-counted.
     */
    private Evaluation evaluate(Agent agent, RunPlan plan, long evalSeed, Actions actions) {
        return evaluate(scenario, agent, plan.evalEpisodes(), evalSeed, actions);
    }

    /**
     * What a greedy evaluation found: each episode's return and, per key of the env's
     * {@link dev.simlab.core.env.Info}, the mean of its value at episode end over the episodes that
     * reported it (sorted by key; {@code crashed} gives the collision rate).
     */
    record Evaluation(double[] returns, Map<String, Double> infoMeans) {}

    /**
     * Plays {@code episodes} greedy episodes on fresh env copies ({@code run.eval_envs}, by default
     * as many as the plan trains on; each plays its share so short episodes are not over-counted) and returns their returns and
     * the mean of the env's info values at episode end.
     */
    static Evaluation evaluate(Scenario scenario, Agent agent, int episodes, long evalSeed, Actions actions) {
        RunPlan plan = scenario.run();
        int n = Math.min(plan.evaluationEnvs(), Math.max(1, episodes));
        int limit = scenario.env().maxEpisodeSteps() > 0 ? Math.min(scenario.env().maxEpisodeSteps(), plan.evalMaxSteps()) : plan.evalMaxSteps();
        try (VectorEnv env = makeVectorEnv(scenario.env(), n, limit)) {
            boolean box = env.actionSpace() instanceof Box;
            if (actions.discrete().length != n) actions = new Actions(n, actions.actionSize());
            int total = episodes;
            int[] quota = new int[n];
            for (int i = 0; i < total; i++) quota[i % n]++;
            double[] out = new double[total];
            java.util.TreeMap<String, double[]> infoSums = new java.util.TreeMap<>();
            int got = 0;
            env.reset(evalSeed);
            while (got < total) {
                agent.act(env, false, actions);
                if (box) env.step(actions.continuous());
                else env.step(actions.discrete());
                for (int i = 0; i < n; i++) {
                    if (env.done(i) && quota[i] > 0) {
                        quota[i]--;
                        out[got++] = env.episodeReturn(i);
                        dev.simlab.core.env.Info info = env.info(i);
                        for (int k = 0; k < info.size(); k++) {
                            double[] sum = infoSums.computeIfAbsent(info.key(k), key -> new double[2]);
                            sum[0] += info.value(k);
                            sum[1]++;
                        }
                    }
                }
            }
            Map<String, Double> means = new java.util.LinkedHashMap<>();
            infoSums.forEach((k, sum) -> means.put(k, sum[0] / sum[1]));
            return new Evaluation(out, java.util.Collections.unmodifiableMap(means));
        }
    }

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return a.length == 0 ? Double.NaN : s / a.length;
    }

    static double std(double[] a, double mean) {
        if (a.length == 0) return Double.NaN;
        double s = 0;
        for (double v : a) s += (v - mean) * (v - mean);
        return Math.sqrt(s / a.length);
    }

    /** Growable primitive lists: one row per episode without boxing. */
    static final class DoubleList {
        private double[] a = new double[256];
        private int n;

        void add(double v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }

    static final class IntList {
        private int[] a = new int[256];
        private int n;

        void add(int v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }

    /**
     * {@code simlab eval}: rebuilds the run's agent, restores it from {@code checkpoint} and plays
     * {@code episodes} greedy episodes seeded with {@code seed}.
     */
    public static double[] evaluateCheckpoint(Scenario scenario, Path checkpoint, int episodes, long seed) throws IOException {
        try (VectorEnv env = makeVectorEnv(scenario.env(), scenario.run().numEnvs(), scenario.env().maxEpisodeSteps());
             Agent agent = scenario.agent().type().factory().create(
                     new AgentContext(env.observationSpace(), env.actionSpace(), env.numEnvs(), new Rng(seed)), scenario.agent().params())) {
            agent.restore(new CheckpointReader(checkpoint));
            boolean box = env.actionSpace() instanceof Box;
            Actions actions = new Actions(env.numEnvs(), box ? env.actionSpace().flatSize() : 0);
            return evaluate(scenario, agent, episodes, seed, actions).returns();
        }
    }
}
