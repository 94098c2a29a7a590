package dev.simlab.core.agent;

import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Discrete;
import dev.simlab.core.space.Space;

/**
 * What an agent factory learns about the run it is built for.
 *
 * @param observationSpace the env's observation space
 * @param actionSpace the env's action space
 * @param numEnvs copies of the env the agent acts on in lockstep
 * @param rng the agent's own generator, split from the run seed
 * @param metrics where the agent records averaged training figures (the run loop owns the window)
 */
public record AgentContext(Space observationSpace, Space actionSpace, int numEnvs, Rng rng, MetricLog metrics) {
    /** A context with a log of its own (for tests and tools that do not write metrics). */
    public AgentContext(Space observationSpace, Space actionSpace, int numEnvs, Rng rng) {
        this(observationSpace, actionSpace, numEnvs, rng, new MetricLog());
    }

    /**
     * The env's Discrete action space, or a {@link SpaceMismatch} saying that {@code agent} needs
     * one, what the env has and {@code fits} (what the agent does fit).
     */
    public Discrete discreteActions(String agent, String fits) {
        if (actionSpace instanceof Discrete d) return d;
        throw new SpaceMismatch(agent, "action", "Discrete", actionSpace, fits);
    }

    /** The env's Discrete observation space, or a {@link SpaceMismatch} as {@link #discreteActions}. */
    public Discrete discreteObservations(String agent, String fits) {
        if (observationSpace instanceof Discrete d) return d;
        throw new SpaceMismatch(agent, "observation", "Discrete", observationSpace, fits);
    }
}
