package dev.simlab.tabular;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.agent.AgentContext;
import dev.simlab.core.env.Env;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.param.ConfigNode;
import dev.simlab.core.plugin.AgentType;
import dev.simlab.core.rng.Rng;
import java.util.List;
import java.util.Set;

/** Builds agents the way the lab does (provider, schema, factory) and drives them like the run loop. */
final class Lab {
    private Lab() {}

    static AgentType type(String id) {
        return new TabularProvider().agents().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    /** {@code keyValues}: scenario keys under {@code agent.} and their values as written, e.g. "alpha", "0.5". */
    static Agent agent(String id, VectorEnv env, long seed, String... keyValues) {
        AgentType type = type(id);
        ConfigNode section = ConfigNode.mapping("test.yaml:1", "agent");
        for (int i = 0; i < keyValues.length; i += 2) {
            section.put(keyValues[i], ConfigNode.scalar("test.yaml:" + (i / 2 + 2), "agent." + keyValues[i], keyValues[i + 1]));
        }
        AgentContext context = new AgentContext(env.observationSpace(), env.actionSpace(), env.numEnvs(), new Rng(seed));
        return type.factory().create(context, type.params().validate(section, Set.of("id")));
    }

    static VectorEnv vector(Env... copies) {
        VectorEnv env = new VectorEnv(List.of(copies));
        env.reset(0);
        return env;
    }

    /** One training step on every copy, as the run loop does it. */
    static void step(Agent agent, VectorEnv env, Actions actions) {
        agent.act(env, true, actions);
        env.step(actions.discrete());
        agent.observe(env, actions);
    }

    /** Trains until {@code episodes} episodes have finished (on all copies together). */
    static void trainEpisodes(Agent agent, VectorEnv env, int episodes) {
        Actions actions = new Actions(env.numEnvs(), 0);
        int finished = 0;
        while (finished < episodes) {
            step(agent, env, actions);
            for (int i = 0; i < env.numEnvs(); i++) if (env.done(i)) finished++;
        }
    }

    /** Plays one greedy episode (no learning) on a fresh single env and returns its undiscounted return. */
    static double greedyReturn(Agent agent, Env env, int maxSteps) {
        VectorEnv eval = vector(env);
        Actions actions = new Actions(1, 0);
        double total = 0;
        for (int t = 0; t < maxSteps; t++) {
            agent.act(eval, false, actions);
            eval.step(actions.discrete());
            total += eval.rewards()[0];
            if (eval.done(0)) return total;
        }
        return Double.NEGATIVE_INFINITY;
    }
}
