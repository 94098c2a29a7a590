package dev.simlab.dqn;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.param.Params;
import dev.simlab.nn.NetworkSpec;
import java.util.List;

/**
 * DQN's hyperparameters with their defaults, one line of help each. Step counts are env steps
 * summed over the env copies, as Stable-Baselines3 counts them.
 */
record DqnHyperparameters(NetworkSpec network, double gamma, int bufferSize, int batchSize, long learningStarts, int trainFreq,
                          int gradientSteps, long targetUpdateInterval, double tau, boolean doubleDqn, int nStep, String loss,
                          double epsilonStart, double epsilonFinal, long explorationSteps, boolean dueling, boolean prioritized,
                          double perAlpha, double perBetaStart, long perBetaSteps, double perEpsilon) {

    static final NetworkSpec DEFAULT_NETWORK = new NetworkSpec(List.of(64, 64), "relu", "adam", 1e-3, 0.9, "he", 10);

    static final ParamSchema SCHEMA = ParamSchema.of(
            Param.tree("network", DEFAULT_NETWORK.toMap(), "Q-network: hidden, activation, optimizer, learning_rate, momentum, init, max_grad_norm"),
            Param.real("gamma", 0.99, 0, 1, "discount factor"),
            Param.integer("buffer_size", 50_000, 100, 10_000_000, "replay buffer capacity (transitions)"),
            Param.integer("batch_size", 64, 1, 65_536, "transitions per gradient step"),
            Param.integer("learning_starts", 1_000, 0, Long.MAX_VALUE, "env steps of random-ish experience before learning"),
            Param.integer("train_freq", 4, 1, 1_000_000, "env steps between updates"),
            Param.integer("gradient_steps", 1, 1, 100_000, "gradient steps per update"),
            Param.integer("target_update_interval", 500, 1, Long.MAX_VALUE, "env steps between hard target-network copies (when tau = 1)"),
            Param.real("tau", 1.0, Double.MIN_VALUE, 1, "Polyak factor: 1 = hard copies every target_update_interval, < 1 = soft update after every gradient step"),
            Param.bool("double_dqn", true, "Double DQN: the online network picks the next action, the target network values it"),
            Param.integer("n_step", 1, 1, 100, "n-step returns"),
            Param.choice("loss", "huber", List.of("huber", "mse"), "TD loss"),
            Param.real("epsilon_start", 1.0, 0, 1, "initial exploration rate"),
            Param.real("epsilon_final", 0.05, 0, 1, "exploration rate after exploration_steps"),
            Param.integer("exploration_steps", 10_000, 1, Long.MAX_VALUE, "env steps over which ε decays linearly"),
            Param.bool("dueling", false, "dueling head: Q = V(s) + A(s, a) − mean A (Wang et al. 2016)"),
            Param.bool("prioritized_replay", false, "proportional prioritized replay (Schaul et al. 2016)"),
            Param.real("per_alpha", 0.6, 0, 1, "prioritized replay: how much the TD error shapes sampling (0 = uniform)"),
            Param.real("per_beta_start", 0.4, 0, 1, "prioritized replay: initial importance-sampling correction, annealed to 1"),
            Param.integer("per_beta_steps", 100_000, 1, Long.MAX_VALUE, "prioritized replay: env steps over which β reaches 1"),
            Param.real("per_epsilon", 1e-6, 0, 1, "prioritized replay: added to |TD error| so no transition gets priority 0"));

    static DqnHyperparameters from(Params p) {
        DqnHyperparameters h = new DqnHyperparameters(NetworkSpec.parse(p.tree("network"), DEFAULT_NETWORK, "agent.network"),
                p.real("gamma"), p.integer("buffer_size"), p.integer("batch_size"), p.longValue("learning_starts"), p.integer("train_freq"),
                p.integer("gradient_steps"), p.longValue("target_update_interval"), p.real("tau"), p.bool("double_dqn"), p.integer("n_step"),
                p.string("loss"), p.real("epsilon_start"), p.real("epsilon_final"), p.longValue("exploration_steps"),
                p.bool("dueling"), p.bool("prioritized_replay"), p.real("per_alpha"), p.real("per_beta_start"), p.longValue("per_beta_steps"),
                p.real("per_epsilon"));
        if (h.batchSize > h.bufferSize) throw new ConfigException("", "agent.batch_size", "larger than agent.buffer_size (" + h.bufferSize + ")");
        return h;
    }

    double perBetaAt(long steps) {
        return steps >= perBetaSteps ? 1 : perBetaStart + (1 - perBetaStart) * steps / (double) perBetaSteps;
    }

    double epsilonAt(long steps) {
        if (steps >= explorationSteps) return epsilonFinal;
        return epsilonStart + (epsilonFinal - epsilonStart) * steps / (double) explorationSteps;
    }
}
