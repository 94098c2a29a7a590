package dev.simlab.actorcritic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.Walk;
import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.AgentContext;
import dev.simlab.core.agent.MetricLog;
import dev.simlab.core.agent.SpaceMismatch;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.TimeLimit;
import dev.simlab.core.param.Params;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Box;
import dev.simlab.nn.Rows;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PpoTest {
    @TempDir
    Path tmp;

    static final Map<String, Object> SMALL = Map.of("n_steps", 32L, "batch_size", 64L, "n_epochs", 4L,
            "network", Map.of("hidden", List.of(16), "learning_rate", 0.003));

    static Ppo agent(VectorEnv env, Map<String, Object> overrides, long seed, MetricLog log) {
        Map<String, Object> values = new LinkedHashMap<>(PpoHyperparameters.SCHEMA.validate(null, Set.of()).asMap());
        values.putAll(overrides);
        return new Ppo(new AgentContext(env.observationSpace(), env.actionSpace(), env.numEnvs(), new Rng(seed), log),
                PpoHyperparameters.from(Params.of(values)));
    }

    static VectorEnv walks(int copies, long seed) {
        List<TimeLimit> envs = new ArrayList<>();
        for (int i = 0; i < copies; i++) envs.add(new TimeLimit(new Walk(8), 50));
        VectorEnv env = new VectorEnv(envs);
        env.reset(seed);
        return env;
    }

    static void train(Ppo agent, VectorEnv env, int vectorSteps) {
        Actions a = new Actions(env.numEnvs(), 0);
        for (int t = 0; t < vectorSteps; t++) {
            agent.act(env, true, a);
            env.step(a.discrete());
            agent.observe(env, a);
        }
    }

    static double greedy(Ppo agent, int episodes) {
        return Walk.greedyReturn(agent, walks(1, 99), episodes);
    }

    @Test
    void learnsToWalkRightAndReportsItsFigures() {
        MetricLog log = new MetricLog();
        VectorEnv env = walks(4, 1);
        Ppo ppo = agent(env, SMALL, 1, log);
        // a random walk from the middle reaches the right end about half the time, with detours
        assertThat(greedy(ppo, 20)).isLessThan(0.9);
        train(ppo, env, 32 * 15);
        assertThat(greedy(ppo, 20)).isGreaterThan(0.9);
        Map<String, Double> m = log.means();
        assertThat(m).containsKeys("policy_loss", "value_loss", "entropy", "approx_kl", "clip_fraction");
        assertThat(m.get("entropy")).isBetween(0.0, Math.log(2));
        assertThat(m.get("approx_kl")).isGreaterThanOrEqualTo(0.0);
        assertThat(ppo.metrics().get("gradient_steps")).isEqualTo(15 * 4 * 2.0);
    }

    @Test
    void aRestoredAgentContinuesExactlyMidRollout() throws Exception {
        VectorEnv env = walks(2, 3);
        Ppo ppo = agent(env, SMALL, 4, new MetricLog());
        train(ppo, env, 32 * 3 + 10);
        Path file = tmp.resolve("ppo.ckpt");
        try (CheckpointWriter w = new CheckpointWriter(file)) {
            ppo.save(w);
        }
        train(ppo, env, 60);
        float[] expected = Rows.flat(ppo.actor().params());

        // Walk cannot save its state: replay the same env steps, then swap in an agent of other weights and generator
        VectorEnv replica = walks(2, 3);
        train(agent(replica, SMALL, 4, new MetricLog()), replica, 32 * 3 + 10);
        Ppo restored = agent(replica, SMALL, 123, new MetricLog());
        restored.restore(new CheckpointReader(file));
        train(restored, replica, 60);
        assertThat(Rows.flat(restored.actor().params())).containsExactly(expected);
        assertThat(Rows.flat(restored.critic().params())).containsExactly(Rows.flat(ppo.critic().params()));
    }

    @Test
    void theGaussianPolicyLearnsToMatchItsObservationAndNarrowsItsStd() {
        VectorEnv env = Target.copies(4, 2);
        Ppo ppo = agent(env, SMALL, 2, new MetricLog());
        // E[x²] = 1/3 for the initial, near-zero mean action
        assertThat(Target.meanGreedyReturn(ppo, 200)).isLessThan(-0.2);
        Target.train(ppo, env, 32 * 40);
        assertThat(Target.meanGreedyReturn(ppo, 200)).isGreaterThan(-0.02);
        assertThat(ppo.metrics().get("action_std")).isLessThan(0.8);
    }

    @Test
    void refusesImageObservationsAndABatchLargerThanTheRollout() {
        Box image = Box.uniform(0, 1, 4, 4);
        assertThatThrownBy(() -> new Ppo(new AgentContext(image, Box.uniform(-2, 2, 1), 1, new Rng(0)),
                PpoHyperparameters.from(Params.of(new LinkedHashMap<>(PpoHyperparameters.SCHEMA.validate(null, Set.of()).asMap())))))
                .isInstanceOf(SpaceMismatch.class).hasMessageContaining("ppo cannot act on").hasMessageContaining("flat (one-dimensional) Box observations");
        VectorEnv env = walks(2, 0);
        assertThatThrownBy(() -> agent(env, Map.of("n_steps", 16L, "batch_size", 64L), 0, new MetricLog()))
                .hasMessageContaining("agent.batch_size").hasMessageContaining("n_steps 16 × 2 env copies");
    }
}
