package dev.simlab.core.scenario;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.param.Params;
import java.util.List;

/**
 * What every kind of run shares in the {@code run:} section: how many independent runs (run
 * {@code k} is seeded with {@code seed + k}), how many train at once, the evaluation and
 * checkpoint schedules (in episodes for RL, iterations for GANs), an optional output folder and
 * whether the run also writes TensorBoard event files ({@code tb/}).
 * What only one kind needs is its {@link RlPlan} or {@link GanPlan}.
 */
public record RunPlan(int runs, long seed, int threads, long evalEvery, long checkpointEvery, String out, boolean tensorboard) {

    public static final ParamSchema SCHEMA = ParamSchema.of(
            Param.integer("episodes", 0, 0, Long.MAX_VALUE, "training episodes per run (0: use steps)"),
            Param.integer("steps", 0, 0, Long.MAX_VALUE, "training env steps per run, summed over env copies (0: use episodes)"),
            Param.integer("runs", 1, 1, 100_000, "independent runs; run k is seeded with seed + k"),
            Param.integer("seed", 0, 0, Long.MAX_VALUE, "base seed"),
            Param.integer("num_envs", 1, 1, 4096, "env copies the agent acts on in lockstep (vectorised env)"),
            Param.integer("eval_every", 0, 0, Long.MAX_VALUE, "greedy evaluation every this many training episodes (GAN: iterations); 0: only at the end"),
            Param.integer("eval_every_steps", 0, 0, Long.MAX_VALUE, "also evaluate at the first episode end after every this many training env steps (0: off)"),
            Param.integer("eval_episodes", 0, 0, 1_000_000, "greedy evaluation episodes at each evaluation point (0: no evaluation)"),
            Param.integer("eval_envs", 0, 0, 4096, "env copies a greedy evaluation plays on, each its share of the episodes (0: num_envs); more copies mean fewer, larger batched agent calls"),
            Param.integer("eval_max_steps", 10_000, 1, Long.MAX_VALUE, "safety cap on an evaluation episode's length, for envs without a time limit"),
            Param.integer("checkpoint_every", 0, 0, Long.MAX_VALUE, "checkpoint every this many episodes (GAN: iterations); 0: only at the start, the end and on interruption"),
            Param.integer("threads", 0, 0, 1024, "runs trained in parallel (0: one per core)"),
            Param.string("out", null, "output folder (default results/<scenario name>-<time>); not recorded in the run folder's scenario.yaml"),
            Param.bool("tensorboard", true, "also write TensorBoard event files to tb/run-NNN/ (tensorboard --logdir results/)"),
            Param.integer("iterations", 0, 0, Long.MAX_VALUE, "GAN scenarios: training iterations per run (critic steps + one generator step each)"),
            Param.integer("eval_samples", 2500, 1, 1_000_000, "GAN scenarios: generated samples scored at each evaluation point and written to samples.csv"),
            Param.integer("log_every", 100, 1, Long.MAX_VALUE, "GAN scenarios: one metrics.csv row (losses averaged) every this many iterations"));

    /** Keys of the {@code run:} section only GAN scenarios use, and those only RL scenarios use. */
    static final List<String> GAN_ONLY_KEYS = List.of("iterations", "eval_samples", "log_every");
    static final List<String> RL_ONLY_KEYS = List.of("episodes", "steps", "num_envs", "eval_episodes", "eval_envs", "eval_max_steps", "eval_every_steps");

    static RunPlan from(Params p) {
        return new RunPlan(p.integer("runs"), p.longValue("seed"), p.integer("threads"), p.longValue("eval_every"),
                p.longValue("checkpoint_every"), p.string("out"), p.bool("tensorboard"));
    }

    /** Run {@code k}'s seed. */
    public long seed(int k) {
        return seed + k;
    }

    /** Parallel workers for this plan on this machine. */
    public int workers() {
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(runs, threads > 0 ? threads : cores));
    }

    /** Refuses a value set for the other kind of scenario, naming the key. */
    static void refuseOtherKind(Params p, List<String> keys, String where, String why) {
        for (String k : keys) {
            Object v = p.asMap().get(k);
            Object d = SCHEMA.get(k).defaultValue();
            if (v != null && !v.equals(d)) throw new ConfigException(where, "run." + k, why);
        }
    }
}
