package dev.simlab.core.scenario;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.Params;

/**
 * The {@code run:} keys of an RL scenario: the budget (episodes or env steps per run), env copies
 * acted on in lockstep, and greedy evaluation (episodes per point, env copies, step cap, and an
 * optional schedule in env steps besides {@link RunPlan#evalEvery()}).
 */
public record RlPlan(long episodes, long steps, int numEnvs, int evalEpisodes, int evalEnvs, int evalMaxSteps, long evalEverySteps) {

    static RlPlan from(Params p, String where) {
        RunPlan.refuseOtherKind(p, RunPlan.GAN_ONLY_KEYS, where, "only GAN scenarios use this; an RL scenario counts run.episodes or run.steps");
        RlPlan plan = new RlPlan(p.longValue("episodes"), p.longValue("steps"), p.integer("num_envs"), p.integer("eval_episodes"),
                p.integer("eval_envs"), p.integer("eval_max_steps"), p.longValue("eval_every_steps"));
        if (plan.episodes == 0 && plan.steps == 0) {
            throw new ConfigException(where, "run", "set run.episodes or run.steps (the training budget per run)");
        }
        return plan;
    }

    /** Env copies a greedy evaluation plays on. */
    public int evaluationEnvs() {
        return evalEnvs > 0 ? evalEnvs : numEnvs;
    }
}
