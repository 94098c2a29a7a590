package dev.simlab.actorcritic;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.param.Params;
import dev.simlab.nn.NetworkSpec;
import java.util.List;

/**
 * PPO's hyperparameters with Stable-Baselines3's defaults, one line of help each. Step counts
 * are env steps summed over the env copies, as SB3 counts them; a rollout is {@code n_steps}
 * steps of every copy ({@code n_steps × num_envs} entries).
 */
record PpoHyperparameters(NetworkSpec network, int nSteps, int batchSize, int nEpochs, double gamma, double gaeLambda,
                          double clipRange, String clipRangeSchedule, double clipRangeVf, double entCoef, double vfCoef, double maxGradNorm,
                          boolean normalizeAdvantage, double targetKl, String learningRateSchedule, long scheduleSteps,
                          boolean deterministicEval) {

    /** SB3's MlpPolicy: separate 64-64 tanh actor and critic; the norm clip is PPO's global one, not the spec's per-layer one. */
    static final NetworkSpec DEFAULT_NETWORK = new NetworkSpec(List.of(64, 64), "tanh", "adam", 3e-4, 0.9, "xavier", 0);
    static final List<String> SCHEDULES = List.of("constant", "linear");

    static final ParamSchema SCHEMA = ParamSchema.of(
            Param.tree("network", DEFAULT_NETWORK.toMap(), "actor and critic (two networks of this shape): hidden, activation, optimizer, learning_rate, momentum, init, max_grad_norm (per layer; 0 = off, PPO clips globally with agent.max_grad_norm)"),
            Param.integer("n_steps", 2048, 1, 1_000_000, "steps of every env copy per rollout"),
            Param.integer("batch_size", 64, 1, 10_000_000, "rollout entries per minibatch"),
            Param.integer("n_epochs", 10, 1, 10_000, "passes over each rollout"),
            Param.real("gamma", 0.99, 0, 1, "discount factor"),
            Param.real("gae_lambda", 0.95, 0, 1, "GAE(λ): 0 = one-step TD advantages, 1 = Monte Carlo"),
            Param.real("clip_range", 0.2, Double.MIN_VALUE, 10, "the surrogate's clip ε on the probability ratio"),
            Param.choice("clip_range_schedule", "constant", SCHEDULES, "constant, or linear from clip_range to 0 over schedule_steps"),
            Param.real("clip_range_vf", 0.0, 0, 1e9, "clip of the value prediction to within this of the rollout's value (SB3's clip_range_vf, in the reward's units); 0 = off"),
            Param.real("ent_coef", 0.0, 0, 100, "weight of the entropy bonus"),
            Param.real("vf_coef", 0.5, 0, 100, "weight of the value loss"),
            Param.real("max_grad_norm", 0.5, 0, 1e9, "clip of the global gradient norm (actor and critic together); 0 = off"),
            Param.bool("normalize_advantage", true, "standardise advantages within each minibatch"),
            Param.real("target_kl", 0.0, 0, 100, "stop a rollout's epochs once a minibatch's approx_kl exceeds 1.5 × this; 0 = off"),
            Param.choice("learning_rate_schedule", "constant", SCHEDULES, "constant, or linear from network.learning_rate to 0 over schedule_steps"),
            Param.integer("schedule_steps", 1_000_000, 1, Long.MAX_VALUE, "env steps over which linear schedules reach 0 (set it to run.steps, as SB3's total_timesteps)"),
            Param.bool("deterministic_eval", true, "evaluate with the most probable action (SB3's evaluate_policy default); false samples"));

    static PpoHyperparameters from(Params p) {
        return new PpoHyperparameters(NetworkSpec.parse(p.tree("network"), DEFAULT_NETWORK, "agent.network"),
                p.integer("n_steps"), p.integer("batch_size"), p.integer("n_epochs"), p.real("gamma"), p.real("gae_lambda"),
                p.real("clip_range"), p.string("clip_range_schedule"), p.real("clip_range_vf"), p.real("ent_coef"), p.real("vf_coef"), p.real("max_grad_norm"),
                p.bool("normalize_advantage"), p.real("target_kl"), p.string("learning_rate_schedule"), p.longValue("schedule_steps"),
                p.bool("deterministic_eval"));
    }

    /** SB3's progress_remaining when a rollout of {@code steps} env steps in total is trained on: 1 at the start, 0 at schedule_steps. */
    double progressRemaining(long steps) {
        return Math.max(0, 1 - steps / (double) scheduleSteps);
    }

    double learningRateAt(long steps) {
        return learningRateSchedule.equals("linear") ? network.learningRate() * progressRemaining(steps) : network.learningRate();
    }

    double clipRangeAt(long steps) {
        return clipRangeSchedule.equals("linear") ? clipRange * progressRemaining(steps) : clipRange;
    }

    static void check(PpoHyperparameters h, int numEnvs) {
        if (h.batchSize > (long) h.nSteps * numEnvs) {
            throw new ConfigException("", "agent.batch_size", h.batchSize + " is larger than a rollout (n_steps " + h.nSteps + " × " + numEnvs + " env copies)");
        }
    }
}
