package dev.simlab.core.plugin;

import dev.simlab.core.env.Env;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.param.Params;

/**
 * One environment a plugin offers: the id scenarios name in {@code env.id}, a one-line
 * description, its parameters, its default time limit and a factory.
 *
 * @param maxEpisodeSteps default time limit applied by the lab as a {@link dev.simlab.core.env.TimeLimit}
 *     wrapper (0: none); scenarios override it with {@code env.max_episode_steps}
 */
public record EnvType(String id, String description, ParamSchema params, int maxEpisodeSteps, Factory factory) {
    @FunctionalInterface
    public interface Factory {
        /** Builds an unwrapped env; throw {@link dev.simlab.core.param.ConfigException} for parameter combinations that make no sense. */
        Env create(Params params);
    }
}
