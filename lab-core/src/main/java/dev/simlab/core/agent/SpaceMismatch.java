package dev.simlab.core.agent;

import dev.simlab.core.param.ConfigException;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Space;

/**
 * An agent refusing an env whose spaces it cannot handle (DQN on Box actions, a Q table on Box
 * observations), as Stable-Baselines3's {@code supported_action_spaces} check. The agent says
 * what it needs and what fits; the run that probes the scenario names the env ({@link #onEnv}),
 * so the user reads one line with the agent, the env, what the env has and what would fit:
 *
 * <pre>
 * agent.id: dqn cannot act on pendulum: it needs Discrete actions and pendulum's are continuous,
 * Box(shape=[1]); dqn fits envs with Discrete actions (…); the random agent acts on any env
 * </pre>
 */
public final class SpaceMismatch extends ConfigException {
    private final String agent;
    private final String what;
    private final String needs;
    private final Space actual;
    private final String fits;

    /**
     * @param agent the agent's id
     * @param what {@code "action"} or {@code "observation"}
     * @param needs the kind the agent needs, e.g. {@code "Discrete"} or {@code "flat Box"}
     * @param actual the env's space
     * @param fits what the agent does fit, e.g. {@code "dqn fits envs with Discrete actions (cartpole, …)"}
     */
    public SpaceMismatch(String agent, String what, String needs, Space actual, String fits) {
        super("", "agent.id", message(agent, what, needs, actual, "this env", fits));
        this.agent = agent;
        this.what = what;
        this.needs = needs;
        this.actual = actual;
        this.fits = fits;
    }

    /** The same refusal naming the env by its id. */
    public ConfigException onEnv(String envId) {
        return new ConfigException("", "agent.id", message(agent, what, needs, actual, envId, fits));
    }

    private static String message(String agent, String what, String needs, Space actual, String env, String fits) {
        String kind = actual instanceof Box ? "continuous, " + actual.describe() : actual.describe();
        return agent + " cannot act on " + env + ": it needs " + needs + " " + what + "s and " + env + "'s are " + kind + "; " + fits
                + "; the random agent acts on any env";
    }
}
