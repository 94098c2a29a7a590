package dev.simlab.core.plugin;

import dev.simlab.core.agent.Agent;
import dev.simlab.core.agent.AgentContext;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.param.Params;

/**
 * One agent a plugin offers: the id scenarios name in {@code agent.id}, a one-line description,
 * its hyperparameters (with defaults, units and ranges) and a factory.
 *
 * @param usesNeuralNetworks true when building the agent loads ND4J; recorded in provenance so
 *     a tabular run is seen not to pay for the native library
 */
public record AgentType(String id, String description, ParamSchema params, boolean usesNeuralNetworks, Factory factory) {
    @FunctionalInterface
    public interface Factory {
        /**
         * Builds an agent for the given spaces. Throw {@link dev.simlab.core.param.ConfigException}
         * when the env doesn't fit (e.g. a tabular agent on Box observations), saying why.
         */
        Agent create(AgentContext context, Params params);
    }
}
