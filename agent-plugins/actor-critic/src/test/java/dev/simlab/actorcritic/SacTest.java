package dev.simlab.actorcritic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.agent.AgentContext;
import dev.simlab.core.agent.MetricLog;
import dev.simlab.core.agent.SpaceMismatch;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.param.Params;
import dev.simlab.core.rng.Rng;
import dev.simlab.core.space.Box;
import dev.simlab.core.space.Discrete;
import dev.simlab.nn.ReplayBuffer;
import dev.simlab.nn.Rows;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SacTest {
    @TempDir
    Path tmp;

    static final Map<String, Object> SMALL = Map.of("batch_size", 64L, "learning_starts", 50L, "buffer_size", 5000L,
            "network", Map.of("hidden", List.of(32, 32), "learning_rate", 0.003));

    static Sac agent(VectorEnv env, Map<String, Object> overrides, long seed, MetricLog log) {
        return new Sac(new AgentContext(env.observationSpace(), env.actionSpace(), env.numEnvs(), new Rng(seed), log), hp(overrides));
    }

    static SacHyperparameters hp(Map<String, Object> overrides) {
        Map<String, Object> values = new LinkedHashMap<>(SacHyperparameters.SCHEMA.validate(null, Set.of()).asMap());
        values.putAll(overrides);
        return SacHyperparameters.from(Params.of(values));
    }

    @Test
    void learnsToMatchItsObservationAndTunesTheEntropyCoefficientDown() {
        MetricLog log = new MetricLog();
        VectorEnv env = Target.copies(2, 3);
        Sac sac = agent(env, SMALL, 1, log);
        // E[x²] = 1/3 for a mean action near 0; a random policy does far worse
        assertThat(Target.meanGreedyReturn(sac, 200)).isLessThan(-0.2);
        Target.train(sac, env, 600);
        assertThat(Target.meanGreedyReturn(sac, 200)).isGreaterThan(-0.02);
        // a one-step task needs no entropy: α falls from its initial 1
        assertThat(sac.alpha()).isLessThan(0.5);
        Map<String, Double> m = log.means();
        assertThat(m).containsKeys("q_loss", "policy_loss", "entropy");
        assertThat(m.get("q_loss")).isFinite().isGreaterThanOrEqualTo(0);
        // training starts after learning_starts env steps: one gradient step per env step from then on
        assertThat(sac.metrics().get("gradient_steps")).isEqualTo(1200 - 50.0);
    }

    @Test
    void storesActionsInTheUnitBoxAndGivesTheEnvActionsWithinItsBounds() {
        VectorEnv env = Target.copies(2, 4);
        Sac sac = agent(env, SMALL, 5, new MetricLog());
        Target.train(sac, env, 100);
        ReplayBuffer buffer = sac.replayBuffer();
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (int k = 0; k < buffer.size(); k++) {
            min = Math.min(min, buffer.boxActions[k]);
            max = Math.max(max, buffer.boxActions[k]);
        }
        // the env's bounds are [-2, 2]: stored actions are tanh-squashed or uniform in [-1, 1], spread over it
        assertThat(min).isBetween(-1f, -0.5f);
        assertThat(max).isBetween(0.5f, 1f);
    }

    @Test
    void aRestoredAgentContinuesExactly() throws Exception {
        VectorEnv env = Target.copies(2, 7);
        Sac sac = agent(env, SMALL, 4, new MetricLog());
        Target.train(sac, env, 80);
        Path file = tmp.resolve("sac.ckpt");
        try (CheckpointWriter w = new CheckpointWriter(file)) {
            sac.save(w);
        }
        Target.train(sac, env, 40);

        // Target cannot save its state: replay the same env steps, then swap in an agent of other weights and generator
        VectorEnv replica = Target.copies(2, 7);
        Target.train(agent(replica, SMALL, 4, new MetricLog()), replica, 80);
        Sac restored = agent(replica, SMALL, 123, new MetricLog());
        restored.restore(new CheckpointReader(file));
        Target.train(restored, replica, 40);
        assertThat(Rows.flat(restored.actor().params())).containsExactly(Rows.flat(sac.actor().params()));
        MultiLayerNetwork[] a = restored.critics(), e = sac.critics();
        for (int k = 0; k < a.length; k++) assertThat(Rows.flat(a[k].params())).as("critic " + k).containsExactly(Rows.flat(e[k].params()));
        assertThat(restored.alpha()).isEqualTo(sac.alpha());
        assertThat(restored.replayBuffer().boxActions).containsExactly(sac.replayBuffer().boxActions);
    }

    @Test
    void refusesDiscreteActionsAndUnboundedBoxes() {
        Box obs = Box.uniform(-1, 1, 3);
        assertThatThrownBy(() -> new Sac(new AgentContext(obs, new Discrete(2), 1, new Rng(0)), hp(Map.of())))
                .isInstanceOf(SpaceMismatch.class).hasMessageContaining("sac cannot act on").hasMessageContaining("Box");
        Box unbounded = Box.uniform(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 1);
        assertThatThrownBy(() -> new Sac(new AgentContext(obs, unbounded, 1, new Rng(0)), hp(Map.of())))
                .isInstanceOf(SpaceMismatch.class).hasMessageContaining("finite bounds");
    }
}
