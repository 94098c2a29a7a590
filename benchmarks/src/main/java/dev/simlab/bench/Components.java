package dev.simlab.bench;

import dev.simlab.core.agent.Agent;
import dev.simlab.core.agent.AgentContext;
import dev.simlab.core.env.Env;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.param.Params;
import dev.simlab.core.plugin.AgentType;
import dev.simlab.core.plugin.EnvType;
import dev.simlab.core.rng.Rng;
import dev.simlab.gridworld.GridworldProvider;
import dev.simlab.tabular.TabularProvider;
import java.util.Map;
import java.util.Set;

/** Builds envs and agents through the plugins' public providers, with default parameters plus overrides. */
final class Components {
    private Components() {}

    static Env env(String id) {
        EnvType t = new GridworldProvider().envs().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
        return t.factory().create(t.params().validate(null, Set.of()));
    }

    static Agent agent(String id, VectorEnv env, Map<String, Object> overrides) {
        AgentType t = new TabularProvider().agents().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
        Map<String, Object> values = new java.util.LinkedHashMap<>(t.params().validate(null, Set.of()).asMap());
        values.putAll(overrides);
        return t.factory().create(new AgentContext(env.observationSpace(), env.actionSpace(), env.numEnvs(), new Rng(1)), Params.of(values));
    }
}
