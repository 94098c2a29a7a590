package dev.simlab.core.scenario;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.Params;

/**
 * The {@code run:} keys of a GAN scenario: iterations per run, samples scored at each evaluation
 * point ({@link RunPlan#evalEvery()} counts iterations), and iterations per metrics row.
 */
public record GanPlan(long iterations, int evalSamples, long logEvery) {

    static GanPlan from(Params p, String where) {
        RunPlan.refuseOtherKind(p, RunPlan.RL_ONLY_KEYS, where, "a GAN scenario counts iterations; use run.iterations instead");
        GanPlan plan = new GanPlan(p.longValue("iterations"), p.integer("eval_samples"), p.longValue("log_every"));
        if (plan.iterations == 0) throw new ConfigException(where, "run.iterations", "set run.iterations (the training budget per GAN run)");
        return plan;
    }
}
