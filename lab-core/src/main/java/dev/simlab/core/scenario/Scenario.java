package dev.simlab.core.scenario;

import dev.simlab.core.param.Params;
import dev.simlab.core.plugin.AgentType;
import dev.simlab.core.plugin.EnvType;
import dev.simlab.core.plugin.Registry;
import java.util.Map;

/**
 * A validated scenario: which env and agent with which parameters (defaults filled in), and the
 * run plan. {@link #resolved()} is the complete configuration as plain data, written to the
 * run folder so a run records exactly what produced it.
 */
public record Scenario(String name, String description, String source, EnvSpec env, AgentSpec agent, RunPlan run,
                       Map<String, Object> resolved) {

    /** The env to build: its type, parameters and the time limit the lab wraps it in (0: none). */
    public record EnvSpec(EnvType type, Registry.Origin origin, Params params, int maxEpisodeSteps) {}

    public record AgentSpec(AgentType type, Registry.Origin origin, Params params) {}
}
