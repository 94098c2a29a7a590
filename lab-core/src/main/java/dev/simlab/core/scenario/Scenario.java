package dev.simlab.core.scenario;

import dev.simlab.core.param.Params;
import dev.simlab.core.plugin.AgentType;
import dev.simlab.core.plugin.DatasetType;
import dev.simlab.core.plugin.EnvType;
import dev.simlab.core.plugin.GanType;
import dev.simlab.core.plugin.Registry;
import java.util.Map;

/**
 * A validated scenario: either an RL scenario (an env and an agent) or a GAN scenario (a GAN and
 * its dataset), with parameters (defaults filled in) and the run plan. The sections of the other
 * kind are null; {@link #isGan()} tells which. {@link #resolved()} is the complete configuration
 * as plain data, written to the run folder so a run records exactly what produced it.
 */
public record Scenario(String name, String description, String source, EnvSpec env, AgentSpec agent, GanSpec gan,
                       DatasetSpec dataset, RunPlan run, Map<String, Object> resolved) {

    /** An RL scenario. */
    public Scenario(String name, String description, String source, EnvSpec env, AgentSpec agent, RunPlan run,
                    Map<String, Object> resolved) {
        this(name, description, source, env, agent, null, null, run, resolved);
    }

    /** True for a {@code gan:} + {@code dataset:} scenario, trained by iterations instead of episodes. */
    public boolean isGan() {
        return gan != null;
    }

    /** The env to build: its type, parameters and the time limit the lab wraps it in (0: none). */
    public record EnvSpec(EnvType type, Registry.Origin origin, Params params, int maxEpisodeSteps) {}

    public record AgentSpec(AgentType type, Registry.Origin origin, Params params) {}

    public record GanSpec(GanType type, Registry.Origin origin, Params params) {}

    public record DatasetSpec(DatasetType type, Registry.Origin origin, Params params) {}
}
