package dev.simlab.rl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.Walk;
import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.AgentContext;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.TimeLimit;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.param.ConfigException;
import dev.simlab.core.param.Params;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Discrete;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Rl4jDqnTest {
    @TempDir
    Path tmp;

    static final Map<String, Object> SMALL = Map.of("hidden_layers", 1L, "hidden_units", 16L, "learning_rate", 0.01,
            "target_update_interval", 50L, "exploration_steps", 300L, "reward_factor", 1.0);

    static Rl4jDqn agent(VectorEnv env, long seed) {
        Map<String, Object> values = new LinkedHashMap<>(Rl4jDqn.SCHEMA.validate(null, Set.of()).asMap());
        values.putAll(SMALL);
        return new Rl4jDqn(new AgentContext(env.observationSpace(), env.actionSpace(), env.numEnvs(), new Rng(seed)), Params.of(values));
    }

    static VectorEnv walk() {
        return new VectorEnv(List.of(new TimeLimit(new Walk(6), 30)));
    }

    static void train(Rl4jDqn agent, VectorEnv env, int steps) {
        Actions a = new Actions(1, 0);
        for (int t = 0; t < steps; t++) {
            agent.act(env, true, a);
            env.step(a.discrete());
            agent.observe(env, a);
        }
    }

    static double greedy(Rl4jDqn agent, int episodes) {
        VectorEnv env = walk();
        env.reset(99);
        return Walk.greedyReturn(agent, env, episodes);
    }

    @Test
    void rl4jLearnsToWalkRightThroughTheAdapter() {
        VectorEnv env = walk();
        env.reset(1);
        try (Rl4jDqn agent = agent(env, 3)) {
            train(agent, env, 800);
            assertThat(agent.metrics().get("rl4j_steps")).isEqualTo(800.0);
            // optimal: walk right from the start, at most 4 steps of -0.01 then +1
            assertThat(greedy(agent, 10)).isGreaterThan(0.9);
        }
    }

    @Test
    void checkpointRestoresTheNetworkAndCounters() throws Exception {
        VectorEnv env = walk();
        env.reset(1);
        Path f = tmp.resolve("rl4j.ckpt");
        double before;
        try (Rl4jDqn agent = agent(env, 3)) {
            train(agent, env, 300);
            before = greedy(agent, 5);
            try (CheckpointWriter w = new CheckpointWriter(f)) {
                agent.save(w);
            }
        }
        try (Rl4jDqn copy = agent(walk(), 42)) {
            copy.restore(new CheckpointReader(f));
            assertThat(copy.metrics().get("rl4j_steps")).isEqualTo(300.0);
            assertThat(greedy(copy, 5)).isEqualTo(before);
        }
    }

    @Test
    void envsItCannotDriveAreRefusedWithTheReason() {
        Map<String, Object> defaults = Rl4jDqn.SCHEMA.validate(null, Set.of()).asMap();
        Box box = Box.uniform(-1, 1, 2);
        assertThatThrownBy(() -> new Rl4jDqn(new AgentContext(box, box, 1, new Rng(1)), Params.of(defaults)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rl4j-dqn cannot act on this env: it needs Discrete actions");
        assertThatThrownBy(() -> new Rl4jDqn(new AgentContext(new Discrete(4), new Discrete(2), 1, new Rng(1)), Params.of(defaults)))
                .hasMessageContaining("it needs flat (one-dimensional) Box observations and this env's are Discrete(4)");
        assertThatThrownBy(() -> new Rl4jDqn(new AgentContext(box, new Discrete(2), 4, new Rng(1)), Params.of(defaults)))
                .hasMessageContaining("run.num_envs: 1");
    }
}
