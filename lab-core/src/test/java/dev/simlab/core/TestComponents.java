package dev.simlab.core;

import dev.simlab.core.agent.MetricLog;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.plugin.AgentProvider;
import dev.simlab.core.plugin.AgentType;
import dev.simlab.core.plugin.EnvProvider;
import dev.simlab.core.plugin.EnvType;
import dev.simlab.core.plugin.Registry;
import dev.simlab.core.rng.Rng;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** A registry with the corridor env and a "go-right" agent that is right with probability p, for engine tests. */
final class TestComponents {
    private TestComponents() {}

    static Registry registry() {
        EnvProvider envs = () -> List.of(new EnvType("corridor", "test corridor",
                ParamSchema.of(Param.integer("length", 6, 2, 1000, "cells")), 50, p -> new Corridor(p.integer("length"))),
                new EnvType("corridor-info", "test corridor reporting reached=0/1 in its info",
                        ParamSchema.of(Param.integer("length", 6, 2, 1000, "cells")), 50, p -> new Corridor(p.integer("length"), true)),
                new EnvType("corridor-no-state", "test corridor that cannot save its state",
                        ParamSchema.of(Param.integer("length", 6, 2, 1000, "cells")), 50, p -> new Corridor(p.integer("length"), false, false)));
        AgentProvider agents = () -> List.of(new AgentType("go-right", "right with probability p", ParamSchema.of(
                Param.real("p", 0.9, 0, 1, "probability of moving right"),
                Param.choice("mode", "plain", List.of("plain", "fancy"), "unused"),
                Param.tree("net", null, "nested options the agent would check itself")), false,
                (ctx, p) -> new GoRight(ctx.rng(), p.real("p"), ctx.metrics())));
        return new Registry().add(envs, new Registry.Origin("test", "1")).add(agents, new Registry.Origin("test", "1"));
    }

    static final class GoRight implements Agent {
        final Rng rng;
        final double p;
        final MetricLog.Mean reward;
        long episodes;

        GoRight(Rng rng, double p, MetricLog log) {
            this.rng = rng;
            this.p = p;
            this.reward = log.mean("mean_reward");
        }

        @Override
        public void act(VectorEnv env, boolean explore, Actions out) {
            for (int i = 0; i < env.numEnvs(); i++) out.discrete()[i] = !explore || rng.nextDouble() < p ? 1 : 0;
        }

        @Override
        public void observe(VectorEnv env, Actions taken) {
            for (int i = 0; i < env.numEnvs(); i++) {
                reward.add(env.rewards()[i]);
                if (env.done(i)) episodes++;
            }
        }

        @Override
        public Map<String, Double> metrics() {
            return Map.of("p", p);
        }

        @Override
        public void save(CheckpointWriter out) throws IOException {
            out.putLongs("rng", rng.state()).putLong("agent_episodes", episodes);
        }

        @Override
        public void restore(CheckpointReader in) throws IOException {
            rng.setState(in.getLongs("rng"));
            episodes = in.getLong("agent_episodes");
        }
    }
}
