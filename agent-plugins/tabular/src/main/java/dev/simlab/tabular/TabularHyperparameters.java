package dev.simlab.tabular;

import dev.simlab.core.agent.Schedule;
import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.param.Params;

/**
 * Hyperparameters shared by the tabular TD agents (Q-learning, SARSA, Expected SARSA), as
 * written under {@code agent.} in a scenario. Schedules advance once per finished episode
 * (on any env copy).
 *
 * @param gamma discount factor γ
 * @param initialQ value every Q(s, a) starts at (positive values explore optimistically)
 * @param epsilon exploration rate ε of the ε-greedy behaviour policy, by finished episodes
 * @param alpha step size α of the TD update, by finished episodes
 */
public record TabularHyperparameters(double gamma, double initialQ, Schedule epsilon, Schedule alpha) {

    /** Declared with defaults and ranges so the scenario loader validates them and prints help. */
    public static final ParamSchema SCHEMA = ParamSchema.of(
            // Double.MIN_VALUE as lower bound: α = 0 would never learn, so the range is (0, 1].
            Param.real("alpha", 0.1, Double.MIN_VALUE, 1, "step size α of the TD update, in (0, 1]"),
            Param.real("gamma", 0.99, 0, 1, "discount factor γ"),
            Param.real("epsilon", 0.1, 0, 1, "exploration rate ε: probability of a uniformly random action"),
            Param.choice("epsilon_schedule", "constant", Schedule.NAMES,
                    "how ε changes per finished episode: constant, linear (to epsilon_final over epsilon_decay_episodes) or exponential (× epsilon_decay, down to epsilon_final)"),
            Param.real("epsilon_final", 0.01, 0, 1, "ε at the end of a linear schedule, floor of an exponential one"),
            Param.integer("epsilon_decay_episodes", 100, 1, Long.MAX_VALUE, "episodes a linear ε schedule takes to reach epsilon_final").withUnit("episodes"),
            Param.real("epsilon_decay", 0.99, Double.MIN_VALUE, 1, "factor ε is multiplied by per finished episode (exponential schedule)"),
            Param.choice("alpha_schedule", "constant", Schedule.NAMES,
                    "how α changes per finished episode: constant, linear (to alpha_final over alpha_decay_episodes) or exponential (× alpha_decay, down to alpha_final)"),
            Param.real("alpha_final", 0.01, 0, 1, "α at the end of a linear schedule, floor of an exponential one"),
            Param.integer("alpha_decay_episodes", 100, 1, Long.MAX_VALUE, "episodes a linear α schedule takes to reach alpha_final").withUnit("episodes"),
            Param.real("alpha_decay", 0.99, Double.MIN_VALUE, 1, "factor α is multiplied by per finished episode (exponential schedule)"),
            Param.real("initial_q", 0, -1e6, 1e6, "initial value of every Q(s, a); optimistic values drive exploration"));

    /** Reads validated values (defaults filled in by {@link ParamSchema#validate}). */
    public static TabularHyperparameters from(Params p) {
        Schedule epsilon = Schedule.of(p.string("epsilon_schedule"), p.real("epsilon"), p.real("epsilon_final"),
                p.longValue("epsilon_decay_episodes"), p.real("epsilon_decay"), "epsilon_schedule");
        Schedule alpha = Schedule.of(p.string("alpha_schedule"), p.real("alpha"), p.real("alpha_final"),
                p.longValue("alpha_decay_episodes"), p.real("alpha_decay"), "alpha_schedule");
        return new TabularHyperparameters(p.real("gamma"), p.real("initial_q"), epsilon, alpha);
    }
}
