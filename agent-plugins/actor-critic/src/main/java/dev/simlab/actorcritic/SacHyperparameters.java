package dev.simlab.actorcritic;

import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.param.Params;
import dev.simlab.nn.NetworkSpec;
import java.util.List;

/**
 * SAC's hyperparameters with Stable-Baselines3's defaults, one line of help each. Step counts are
 * env steps summed over the env copies, as SB3 counts them.
 */
record SacHyperparameters(NetworkSpec network, int bufferSize, long learningStarts, int batchSize, double tau, double gamma,
                          int trainFreq, int gradientSteps, double entCoef, boolean autoEntropy, int targetUpdateInterval,
                          boolean deterministicEval) {

    /** SB3's SAC MlpPolicy: 256-256 ReLU actor and twin critics, PyTorch's default (uniform) init, Adam 3e-4. */
    static final NetworkSpec DEFAULT_NETWORK = new NetworkSpec(List.of(256, 256), "relu", "adam", 3e-4, 0.9, "uniform", 0);

    static final ParamSchema SCHEMA = ParamSchema.of(
            Param.tree("network", DEFAULT_NETWORK.toMap(), "actor and each twin critic (three networks of this shape): hidden, activation, optimizer, learning_rate (also log α's), momentum, init, max_grad_norm (per layer, 0 = off)"),
            Param.integer("buffer_size", 1_000_000, 1, 100_000_000, "replay buffer capacity in transitions"),
            Param.integer("learning_starts", 100, 0, Long.MAX_VALUE, "env steps of uniformly random actions before learning"),
            Param.integer("batch_size", 256, 1, 1_000_000, "transitions per gradient step"),
            Param.real("tau", 0.005, 0, 1, "Polyak coefficient of the target critics (1 = copy)"),
            Param.real("gamma", 0.99, 0, 1, "discount factor"),
            Param.integer("train_freq", 1, 1, 1_000_000, "env steps between updates"),
            Param.integer("gradient_steps", 1, 1, 1_000_000, "gradient steps per update"),
            Param.real("ent_coef", 1.0, 0, 1e6, "the entropy coefficient α: fixed, or its initial value with auto_entropy (SB3's 'auto' starts at 1)"),
            Param.bool("auto_entropy", true, "tune α so the policy's entropy tracks −dim(A) (SB3's ent_coef 'auto')"),
            Param.integer("target_update_interval", 1, 1, 1_000_000, "gradient steps between Polyak updates of the target critics"),
            Param.bool("deterministic_eval", true, "evaluate with the mean action tanh(μ) (SB3's evaluate_policy default); false samples"));

    static SacHyperparameters from(Params p) {
        return new SacHyperparameters(NetworkSpec.parse(p.tree("network"), DEFAULT_NETWORK, "agent.network"),
                p.integer("buffer_size"), p.longValue("learning_starts"), p.integer("batch_size"), p.real("tau"), p.real("gamma"),
                p.integer("train_freq"), p.integer("gradient_steps"), p.real("ent_coef"), p.bool("auto_entropy"),
                p.integer("target_update_interval"), p.bool("deterministic_eval"));
    }
}
