package dev.simlab.core.scenario;

import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.param.Params;

/**
 * How a scenario is run (the {@code run:} section): budget per run (episodes or env steps for RL,
 * {@code iterations} for GANs, which reuse {@code eval_every} and {@code checkpoint_every} in
 * iterations),
 * number of independent runs and the base seed (run {@code k} uses {@code seed + k}), how many
 * env copies the agent acts on, evaluation and checkpoint schedules, and the output folder.
 */
public record RunPlan(long episodes, long steps, int runs, long seed, int numEnvs, long evalEvery, int evalEpisodes,
                      int evalMaxSteps, long checkpointEvery, int threads, String out, long iterations, int evalSamples,
                      long logEvery, long evalEverySteps, int evalEnvs) {

    /** An RL plan (no GAN iterations). */
    public RunPlan(long episodes, long steps, int runs, long seed, int numEnvs, long evalEvery, int evalEpisodes,
                   int evalMaxSteps, long checkpointEvery, int threads, String out) {
        this(episodes, steps, runs, seed, numEnvs, evalEvery, evalEpisodes, evalMaxSteps, checkpointEvery, threads, out, 0, 2500, 100, 0, 0);
    }

    public static final ParamSchema SCHEMA = ParamSchema.of(
            Param.integer("episodes", 0, 0, Long.MAX_VALUE, "training episodes per run (0: use steps)"),
            Param.integer("steps", 0, 0, Long.MAX_VALUE, "training env steps per run, summed over env copies (0: use episodes)"),
            Param.integer("runs", 1, 1, 100_000, "independent runs; run k is seeded with seed + k"),
            Param.integer("seed", 0, 0, Long.MAX_VALUE, "base seed"),
            Param.integer("num_envs", 1, 1, 4096, "env copies the agent acts on in lockstep (vectorised env)"),
            Param.integer("eval_every", 0, 0, Long.MAX_VALUE, "greedy evaluation every this many training episodes (0: only at the end, if eval_episodes > 0)"),
            Param.integer("eval_every_steps", 0, 0, Long.MAX_VALUE, "also evaluate at the first episode end after every this many training env steps (0: off)"),
            Param.integer("eval_episodes", 0, 0, 1_000_000, "greedy evaluation episodes at each evaluation point (0: no evaluation)"),
            Param.integer("eval_envs", 0, 0, 4096, "env copies a greedy evaluation plays on, each its share of the episodes (0: num_envs); more copies mean fewer, larger batched agent calls"),
            Param.integer("eval_max_steps", 10_000, 1, Long.MAX_VALUE, "safety cap on an evaluation episode's length, for envs without a time limit"),
            Param.integer("checkpoint_every", 0, 0, Long.MAX_VALUE, "checkpoint every this many episodes (0: only at the end and on interruption)"),
            Param.integer("threads", 0, 0, 1024, "runs trained in parallel (0: one per core)"),
            Param.string("out", null, "output folder (default results/<scenario name>-<time>)"),
            Param.integer("iterations", 0, 0, Long.MAX_VALUE, "GAN scenarios: training iterations per run (critic steps + one generator step each)"),
            Param.integer("eval_samples", 2500, 1, 1_000_000, "GAN scenarios: generated samples scored at each evaluation point and written to samples.csv"),
            Param.integer("log_every", 100, 1, Long.MAX_VALUE, "GAN scenarios: one metrics.csv row (losses averaged) every this many iterations"));

    static RunPlan from(Params p, String where, boolean gan) {
        RunPlan plan = new RunPlan(p.longValue("episodes"), p.longValue("steps"), p.integer("runs"), p.longValue("seed"),
                p.integer("num_envs"), p.longValue("eval_every"), p.integer("eval_episodes"), p.integer("eval_max_steps"),
                p.longValue("checkpoint_every"), p.integer("threads"), p.string("out"), p.longValue("iterations"),
                p.integer("eval_samples"), p.longValue("log_every"), p.longValue("eval_every_steps"), p.integer("eval_envs"));
        if (gan) {
            if (plan.episodes != 0 || plan.steps != 0) {
                throw new dev.simlab.core.param.ConfigException(where, plan.episodes != 0 ? "run.episodes" : "run.steps",
                        "a GAN scenario counts iterations; use run.iterations instead");
            }
            if (plan.iterations == 0) throw new dev.simlab.core.param.ConfigException(where, "run.iterations", "set run.iterations (the training budget per GAN run)");
            return plan;
        }
        if (plan.iterations != 0) throw new dev.simlab.core.param.ConfigException(where, "run.iterations", "only GAN scenarios count iterations; use run.episodes or run.steps");
        if (plan.episodes == 0 && plan.steps == 0) {
            throw new dev.simlab.core.param.ConfigException(where, "run", "set run.episodes or run.steps (the training budget per run)");
        }
        return plan;
    }

    /** Env copies a greedy evaluation plays on. */
    public int evaluationEnvs() {
        return evalEnvs > 0 ? evalEnvs : numEnvs;
    }

    /** Parallel workers for this plan on this machine. */
    public int workers() {
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(runs, threads > 0 ? threads : cores));
    }
}
