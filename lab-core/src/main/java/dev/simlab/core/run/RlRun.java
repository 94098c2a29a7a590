package dev.simlab.core.run;

import dev.simlab.core.agent.Agent;
import dev.simlab.core.agent.AgentContext;
import dev.simlab.core.agent.MetricLog;
import dev.simlab.core.agent.SpaceMismatch;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.Env;
import dev.simlab.core.env.Info;
import dev.simlab.core.env.Normalization;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.scenario.RlPlan;
import dev.simlab.core.scenario.RlScenario;
import dev.simlab.core.scenario.Scenario;
import dev.simlab.core.scene.HudModel;
import dev.simlab.core.scene.SceneBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One RL run: builds the env copies and the agent from the run's seed, trains until the budget is
 * spent or a stop is requested, evaluates greedily on schedule and checkpoints at step boundaries.
 *
 * <p>A checkpoint holds everything the run's future depends on: the agent, every env copy with
 * its episode in progress (for envs that {@link Env#savesState}), the averaging window of the
 * agent's figures, the counters, the episodes' returns, the evaluation state and how many
 * metrics rows it matches. A run resumed from it writes exactly the rows the uninterrupted run
 * would have written. Envs that cannot save their state are reseeded from the episode count
 * instead (the interrupted episode is dropped): reproducible, but not the uninterrupted twin.
 */
final class RlRun implements Run {
    private final RlScenario scenario;
    private final RunContext ctx;

    // the run's state: all of it goes into the checkpoint
    private long episodes;
    private long steps;
    private long rows;
    private long nextEvalStep = Long.MAX_VALUE;
    private boolean finished;
    private double wallOffset;
    private final DoubleList returns = new DoubleList();
    private final IntList lengths = new IntList();
    private double evalMean = Double.NaN, evalStd = Double.NaN;
    private Map<String, Double> evalInfo = Map.of();
    /** The env's info keys (from the first finished episode) mapped to NaN: a row's info columns when no evaluation ran. */
    private Map<String, Double> noEvalInfo;
    private TensorBoardLog tb = TensorBoardLog.OFF;
    /** The agent figures of the last row written, for the viewer's HUD (not run state: a resumed run's HUD starts without them). */
    private Map<String, Double> lastRowFigures = Map.of();

    RlRun(RlScenario scenario, RunContext ctx) {
        this.scenario = scenario;
        this.ctx = ctx;
    }

    /**
     * {@code copies} env copies in a time limit of {@code maxEpisodeSteps} (0: none) and the
     * scenario's wrappers, updating the run's normalisation {@code stats} when {@code training}
     * and reading them frozen otherwise.
     */
    public static VectorEnv makeVectorEnv(Scenario.EnvSpec spec, int copies, int maxEpisodeSteps, Normalization stats, boolean training) {
        List<Env> envs = new ArrayList<>(copies);
        for (int i = 0; i < copies; i++) envs.add(spec.build(maxEpisodeSteps, stats, training));
        return new VectorEnv(envs);
    }

    static Agent makeAgent(RlScenario s, VectorEnv env, Rng rng, MetricLog log) {
        return s.agent().type().factory().create(new AgentContext(env.observationSpace(), env.actionSpace(), env.numEnvs(), rng, log),
                s.agent().params());
    }

    /**
     * Builds the training env copies and the agent once, so a mismatch (a tabular agent on Box
     * observations, a PPO minibatch larger than its rollout of num_envs copies) is bad input before any run starts.
     */
    static void probe(RlScenario scenario) {
        try (VectorEnv env = makeVectorEnv(scenario.env(), scenario.plan().numEnvs(), scenario.env().maxEpisodeSteps(),
                scenario.env().newNormalization(), true);
             Agent agent = makeAgent(scenario, env, new Rng(0), new MetricLog())) {
            // built fine
        } catch (SpaceMismatch e) {
            throw e.onEnv(scenario.env().type().id()).in(scenario.source(), "agent.id");
        } catch (ConfigException e) {
            throw e.in(scenario.source(), "agent.id");
        }
    }

    @Override
    public RunResult call() {
        RlPlan plan = scenario.plan();
        long checkpointEvery = scenario.run().checkpointEvery();
        long start = System.nanoTime();
        Rng rng = new Rng(ctx.seed());
        long envSeed = rng.nextLong() >>> 1;
        long evalSeed = rng.nextLong() >>> 1;
        Rng agentRng = rng.split();
        MetricLog log = new MetricLog();
        String status = "completed";
        Normalization stats = scenario.env().newNormalization();
        try (VectorEnv env = makeVectorEnv(scenario.env(), plan.numEnvs(), scenario.env().maxEpisodeSteps(), stats, true);
             Agent agent = makeAgent(scenario, env, agentRng, log);
             // the TensorBoard log opened below, closed before the agent and env
             java.io.Closeable closeTb = () -> tb.close()) {
            Rollout rollout = new Rollout(env, agent);
            int n = env.numEnvs();
            long every = plan.evalEverySteps();
            if (ctx.resume() != null) {
                restore(ctx.resume(), env, agent, log, stats, envSeed);
            } else {
                env.reset(envSeed);
                if (every > 0) nextEvalStep = every;
            }
            tb = TensorBoardLog.open(ctx, scenario.run().tensorboard(), steps);
            if (ctx.resume() == null) checkpoint(env, agent, log, stats, start);
            while (!finished) {
                if (ctx.stopRequested() || !ctx.gate()) {
                    status = "interrupted";
                    break;
                }
                if (ctx.wantsScene()) showScene(env, agent, false);
                rollout.train();
                steps += n;
                if (plan.steps() > 0 && steps >= plan.steps()) finished = true;
                Map<String, Double> rowMetrics = null;
                boolean checkpointDue = false;
                for (int i = 0; i < n; i++) {
                    if (!env.done(i)) continue;
                    episodes++;
                    returns.add(env.episodeReturn(i));
                    lengths.add(env.episodeLength(i));
                    if (plan.episodes() > 0 && episodes >= plan.episodes()) finished = true;
                    if (noEvalInfo == null) noEvalInfo = plan.evalEpisodes() > 0 ? nanInfo(env.info(i)) : Map.of();
                    double em = Double.NaN, es = Double.NaN;
                    Map<String, Double> recordInfo = noEvalInfo;
                    boolean evalDue = plan.evalEpisodes() > 0
                            && ((scenario.run().evalEvery() > 0 && episodes % scenario.run().evalEvery() == 0) || steps >= nextEvalStep || finished);
                    if (steps >= nextEvalStep) nextEvalStep = (steps / every + 1) * every;
                    if (evalDue) {
                        Evaluation ev = evaluate(scenario, agent, stats, plan.evalEpisodes(), evalSeed);
                        em = evalMean = ev.mean();
                        es = evalStd = ev.std();
                        evalInfo = ev.infoMeans();
                        Map<String, Double> merged = new LinkedHashMap<>(noEvalInfo);
                        merged.putAll(evalInfo);
                        recordInfo = merged;
                    }
                    // every copy that ends in this step gets the same figures: reading them changes nothing
                    if (rowMetrics == null) lastRowFigures = rowMetrics = figures(agent, log);
                    EpisodeRecord record = new EpisodeRecord(ctx.run(), episodes, env.episodeReturn(i), env.episodeLength(i), steps,
                            wall(start), rowMetrics, em, es, recordInfo);
                    ctx.metrics().episode(record);
                    tb.episode(record);
                    ctx.listener().episode(record);
                    rows++;
                    if (checkpointEvery > 0 && episodes % checkpointEvery == 0) checkpointDue = true;
                    if (finished) break;
                }
                if (rowMetrics != null) log.nextWindow();
                if (checkpointDue && !finished) checkpoint(env, agent, log, stats, start);
            }
            if (finished && plan.evalEpisodes() > 0 && Double.isNaN(evalMean)) {
                Evaluation ev = evaluate(scenario, agent, stats, plan.evalEpisodes(), evalSeed);
                evalMean = ev.mean();
                evalStd = ev.std();
                evalInfo = ev.infoMeans();
            }
            if (ctx.monitor() != null) showScene(env, agent, true); // a viewer ends on what was learned
            checkpoint(env, agent, log, stats, start);
        } catch (UncheckedIOException e) {
            throw e; // the folder cannot be written: the experiment stops and says so
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return result("failed", RunContext.describe(e), start);
        }
        return result(status, null, start);
    }

    private double wall(long start) {
        return wallOffset + (System.nanoTime() - start) / 1e9;
    }

    private static Map<String, Double> figures(Agent agent, MetricLog log) {
        Map<String, Double> gauges = agent.metrics();
        Map<String, Double> means = log.means();
        if (means.isEmpty()) return gauges;
        Map<String, Double> m = new LinkedHashMap<>(gauges);
        m.putAll(means);
        return m;
    }

    private RunResult result(String status, String error, long start) {
        double wall = wall(start);
        double[] r = returns.toArray();
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("final_return_mean", lastMean(r, finalWindow(episodes)));
        f.put("final_eval_return_mean", evalMean);
        f.put("final_eval_return_std", evalStd);
        evalInfo.forEach((k, v) -> f.put("final_eval_" + k + "_mean", v));
        f.put("episodes", (double) episodes);
        f.put("env_steps", (double) steps);
        f.put("wall_seconds", wall);
        f.put("env_steps_per_second", wall > 0 ? steps / wall : Double.NaN);
        return new RunResult(ctx.run(), ctx.seed(), status, error, wall, Collections.unmodifiableMap(f), r);
    }

    /** The last 10% of a run's episodes (at least 1, at most 100): the "where did it end up" window of {@code final_return_mean}. */
    static int finalWindow(long episodes) {
        return (int) Math.max(1, Math.min(100, episodes / 10));
    }

    private static double lastMean(double[] a, int n) {
        int k = Math.min(n, a.length);
        if (k == 0) return Double.NaN;
        double s = 0;
        for (int i = a.length - k; i < a.length; i++) s += a[i];
        return s / k;
    }

    private static Map<String, Double> nanInfo(Info info) {
        TreeMap<String, Double> m = new TreeMap<>();
        for (int k = 0; k < info.size(); k++) m.put(info.key(k), Double.NaN);
        return Collections.unmodifiableMap(m);
    }

    /**
     * Builds a scene of copy 0 for the viewer; reads only (the agent's values and gauges), so watching
     * changes nothing. The HUD's averaged figures are the last row's: the window being averaged now
     * is a partial one that no row will show.
     */
    private void showScene(VectorEnv env, Agent agent, boolean done) {
        SceneBuilder b = new SceneBuilder();
        env.env(0).describe(b, agent.stateValues());
        Map<String, Double> figures = new LinkedHashMap<>(lastRowFigures);
        figures.putAll(agent.metrics());
        double lastReturn = returns.size() == 0 ? Double.NaN : returns.last();
        b.model(new HudModel.Rl(ctx.run(), rows, done, done ? episodes : episodes + 1, done ? 0 : env.currentLength(0), steps,
                done ? lastReturn : env.currentReturn(0), lastReturn, figures, evalMean, false));
        ctx.monitor().scene(ctx.run(), b.build());
    }

    private void checkpoint(VectorEnv env, Agent agent, MetricLog log, Normalization stats, long start) throws IOException {
        if (ctx.folder() == null) return;
        // the rows this checkpoint counts reach the OS before it does; periodic and interrupted ones reach the disk
        ctx.metrics().sync(ctx.run(), !finished && rows > 0);
        try (CheckpointWriter w = new CheckpointWriter(ctx.folder().checkpoint(ctx.run()))) {
            w.putString("scenario", ctx.fingerprint());
            w.putLong("run", ctx.run());
            w.putLong("seed", ctx.seed());
            w.putLong("rows", rows);
            w.putLong("finished", finished ? 1 : 0);
            tb.checkpoint(w, !finished && rows > 0);
            w.putLong("episodes", episodes);
            w.putLong("env_steps", steps);
            w.putLong("next_eval_step", nextEvalStep);
            w.putDouble("wall_seconds", wall(start));
            w.putDoubles("returns", returns.toArray());
            w.putInts("lengths", lengths.toArray());
            w.putDoubles("eval", new double[] {evalMean, evalStd});
            putMap(w, "eval_info", evalInfo);
            w.putLong("info_known", noEvalInfo == null ? 0 : 1);
            if (noEvalInfo != null) putMap(w, "info_keys", noEvalInfo);
            log.save(w, "metric_window.");
            w.putLong("env_saved", env.savesState() ? 1 : 0);
            if (env.savesState()) env.saveState(w, "env.");
            stats.save(w, NORMALIZATION);
            agent.save(w);
        }
    }

    private void restore(CheckpointReader r, VectorEnv env, Agent agent, MetricLog log, Normalization stats, long envSeed) throws IOException {
        rows = r.getLong("rows");
        finished = r.getLong("finished") == 1;
        episodes = r.getLong("episodes");
        steps = r.getLong("env_steps");
        nextEvalStep = r.getLong("next_eval_step");
        wallOffset = r.getDouble("wall_seconds");
        for (double v : r.getDoubles("returns")) returns.add(v);
        for (int v : r.getInts("lengths")) lengths.add(v);
        if (returns.size() != episodes || lengths.size() != episodes) throw new IOException("checkpoint's episode list does not match its counters");
        double[] ev = r.getDoubles("eval");
        evalMean = ev[0];
        evalStd = ev[1];
        evalInfo = getMap(r, "eval_info");
        if (r.getLong("info_known") == 1) noEvalInfo = getMap(r, "info_keys");
        log.restore(r, "metric_window.");
        stats.restore(r, NORMALIZATION);
        agent.restore(r);
        if (r.getLong("env_saved") == 1 && env.savesState()) {
            env.restoreState(r, "env.");
        } else {
            // the interrupted episode is dropped; new episodes get a seed derived from where the run stopped
            env.reset(envSeed ^ (0x9E3779B97F4A7C15L * (episodes + 1)) >>> 1);
        }
    }

    private static void putMap(CheckpointWriter w, String key, Map<String, Double> m) throws IOException {
        w.putString(key + ".keys", String.join("\n", m.keySet()));
        double[] v = new double[m.size()];
        int i = 0;
        for (double x : m.values()) v[i++] = x;
        w.putDoubles(key + ".values", v);
    }

    private static Map<String, Double> getMap(CheckpointReader r, String key) throws IOException {
        String keys = r.getString(key + ".keys");
        double[] v = r.getDoubles(key + ".values");
        String[] k = keys.isEmpty() ? new String[0] : keys.split("\n", -1);
        if (k.length != v.length) throw new IOException("checkpoint entry '" + key + "' is inconsistent");
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < k.length; i++) m.put(k[i], v[i]);
        return Collections.unmodifiableMap(m);
    }

    /**
     * What a greedy evaluation found: each episode's return and, per key of the env's
     * {@link Info}, the mean of its value at episode end (sorted by key; {@code crashed} gives the collision rate).
     */
    record Evaluation(double[] returns, Map<String, Double> infoMeans) {
        double mean() {
            return Arrays.stream(returns).average().orElse(Double.NaN);
        }

        double std() {
            double m = mean();
            return returns.length == 0 ? Double.NaN : Math.sqrt(Arrays.stream(returns).map(x -> (x - m) * (x - m)).sum() / returns.length);
        }
    }

    /**
     * Plays {@code episodes} greedy episodes on fresh env copies ({@code run.eval_envs}, by default
     * as many as the plan trains on; each plays its share so short episodes are not over-counted)
     * seeded with {@code seed}.
     */
    static Evaluation evaluate(RlScenario scenario, Agent agent, Normalization stats, int episodes, long seed) {
        RlPlan plan = scenario.plan();
        int n = Math.min(plan.evaluationEnvs(), Math.max(1, episodes));
        int limit = scenario.env().maxEpisodeSteps() > 0 ? Math.min(scenario.env().maxEpisodeSteps(), plan.evalMaxSteps()) : plan.evalMaxSteps();
        try (VectorEnv env = makeVectorEnv(scenario.env(), n, limit, stats, false)) {
            Rollout rollout = new Rollout(env, agent);
            int[] quota = new int[n];
            for (int i = 0; i < episodes; i++) quota[i % n]++;
            double[] out = new double[episodes];
            TreeMap<String, double[]> infoSums = new TreeMap<>();
            int got = 0;
            env.reset(seed);
            while (got < episodes) {
                rollout.greedy();
                for (int i = 0; i < n; i++) {
                    if (env.done(i) && quota[i] > 0) {
                        quota[i]--;
                        out[got++] = env.episodeReturn(i);
                        Info info = env.info(i);
                        for (int k = 0; k < info.size(); k++) {
                            double[] sum = infoSums.computeIfAbsent(info.key(k), key -> new double[2]);
                            sum[0] += info.value(k);
                            sum[1]++;
                        }
                    }
                }
            }
            Map<String, Double> means = new LinkedHashMap<>();
            infoSums.forEach((k, sum) -> means.put(k, sum[0] / sum[1]));
            return new Evaluation(out, Collections.unmodifiableMap(means));
        }
    }

    /**
     * {@code simlab eval}: rebuilds the run's agent, restores it from the checkpoint and plays
     * {@code episodes} greedy episodes seeded with {@code seed}.
     */
    static Map<String, Double> evaluateCheckpoint(RlScenario scenario, CheckpointReader checkpoint, int episodes, long seed) throws IOException {
        Normalization stats = restoredNormalization(scenario, checkpoint);
        try (VectorEnv env = makeVectorEnv(scenario.env(), scenario.plan().numEnvs(), scenario.env().maxEpisodeSteps(), stats, false);
             Agent agent = makeAgent(scenario, env, new Rng(seed), new MetricLog())) {
            agent.restore(checkpoint);
            Evaluation ev = evaluate(scenario, agent, stats, episodes, seed);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("return_mean", ev.mean());
            m.put("return_std", ev.std());
            m.put("return_min", Arrays.stream(ev.returns()).min().orElse(Double.NaN));
            m.put("return_max", Arrays.stream(ev.returns()).max().orElse(Double.NaN));
            ev.infoMeans().forEach((k, v) -> m.put(k + "_mean", v));
            return m;
        }
    }

    /** Where checkpoints keep the run's normalisation statistics. */
    static final String NORMALIZATION = "env.normalization.";

    /** The run's normalisation statistics as a checkpoint saved them (for eval and replay, which read them frozen). */
    static Normalization restoredNormalization(RlScenario scenario, CheckpointReader checkpoint) throws IOException {
        Normalization stats = scenario.env().newNormalization();
        stats.restore(checkpoint, NORMALIZATION);
        return stats;
    }

    /** Growable primitive lists: one entry per episode without boxing. */
    static final class DoubleList {
        private double[] a = new double[256];
        private int n;

        void add(double v) {
            if (n == a.length) a = Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        int size() {
            return n;
        }

        double last() {
            return a[n - 1];
        }

        double[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    static final class IntList {
        private int[] a = new int[256];
        private int n;

        void add(int v) {
            if (n == a.length) a = Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
