package dev.simlab.dqn;

import dev.simlab.nn.ReplayBuffer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.Agent;
import dev.simlab.core.agent.AgentContext;
import dev.simlab.core.agent.MetricLog;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.Walk;
import dev.simlab.core.env.TimeLimit;
import dev.simlab.core.env.VectorEnv;
import dev.simlab.core.param.Params;
import dev.simlab.core.rng.Rng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DqnTest {
    @TempDir
    Path tmp;

    static Dqn agent(VectorEnv env, Map<String, Object> overrides, long seed) {
        return agent(env, overrides, seed, new MetricLog());
    }

    /** An agent recording its averaged figures into {@code log}, as the run loop's log. */
    static Dqn agent(VectorEnv env, Map<String, Object> overrides, long seed, MetricLog log) {
        Map<String, Object> values = new LinkedHashMap<>(DqnHyperparameters.SCHEMA.validate(null, Set.of()).asMap());
        values.putAll(overrides);
        return new Dqn(new AgentContext(env.observationSpace(), env.actionSpace(), env.numEnvs(), new Rng(seed), log),
                DqnHyperparameters.from(Params.of(values)));
    }

    static VectorEnv walks(int copies) {
        List<TimeLimit> envs = new ArrayList<>();
        for (int i = 0; i < copies; i++) envs.add(new TimeLimit(new Walk(8), 50));
        return new VectorEnv(envs);
    }

    static final Map<String, Object> SMALL = Map.of("learning_starts", 200L, "exploration_steps", 1000L, "target_update_interval", 100L,
            "train_freq", 2L, "network", Map.of("hidden", List.of(16), "learning_rate", 0.01));

    static void train(Agent agent, VectorEnv env, int vectorSteps) {
        Actions a = new Actions(env.numEnvs(), 0);
        for (int t = 0; t < vectorSteps; t++) {
            agent.act(env, true, a);
            env.step(a.discrete());
            agent.observe(env, a);
        }
    }

    /** Mean greedy return over fresh episodes. */
    static double greedy(Agent agent, int episodes) {
        VectorEnv env = walks(1);
        env.reset(99);
        return Walk.greedyReturn(agent, env, episodes);
    }

    @Test
    void learnsToWalkRightWithOneAndWithFourCopies() {
        for (int copies : new int[] {1, 4}) {
            VectorEnv env = walks(copies);
            env.reset(1);
            Dqn dqn = agent(env, SMALL, 3);
            train(dqn, env, 3000 / copies);
            // optimal: walk right from the start cell, at most 6 steps of -0.01 then +1
            assertThat(greedy(dqn, 20)).as(copies + " copies").isGreaterThan(0.9);
        }
    }

    @Test
    void duelingHeadAndPrioritizedReplayLearnToo() {
        for (String option : new String[] {"dueling", "prioritized_replay"}) {
            VectorEnv env = walks(2);
            env.reset(1);
            Map<String, Object> o = new LinkedHashMap<>(SMALL);
            o.put(option, true);
            Dqn dqn = agent(env, o, 3);
            train(dqn, env, 1500);
            assertThat(greedy(dqn, 20)).as(option).isGreaterThan(0.9);
        }
    }

    @Test
    void duelingQValuesAreValuePlusCentredAdvantage() {
        VectorEnv env = walks(1);
        env.reset(1);
        Map<String, Object> o = new LinkedHashMap<>(SMALL);
        o.put("dueling", true);
        Dqn dqn = agent(env, o, 3);
        train(dqn, env, 600);
        // the constant layers must still be exactly ones and I - 1/n after training
        var net = ((QNet.Graph) dqn.network()).net();
        assertThat(net.getLayer("broadcast").getParam("W").toFloatVector()).containsOnly(1f);
        float[] centre = Dqn.flat(net.getLayer("centre").getParam("W"));
        assertThat(centre).containsExactly(0.5f, -0.5f, -0.5f, 0.5f);
    }

    @Test
    void prioritiesAreSampledInProportionAndWeightedBackToUniform() {
        Priorities p = new Priorities(4, 1.0, 0);
        for (int s = 0; s < 4; s++) p.added(s);
        p.update(0, 1);
        p.update(1, 3);
        p.update(2, 0);
        p.update(3, 0);
        assertThat(p.total()).isEqualTo(4.0);
        Rng rng = new Rng(7);
        int[] idx = new int[100];
        float[] w = new float[100];
        int ones = 0;
        for (int round = 0; round < 100; round++) {
            p.sample(rng, 4, 1.0, idx, w);
            for (int k = 0; k < idx.length; k++) {
                assertThat(idx[k]).isIn(0, 1);
                if (idx[k] == 1) {
                    ones++;
                    // P = 3/4 against 1/4: with β = 1 its weight is a third of the rarer slot's
                    assertThat(w[k]).isCloseTo(1f / 3, org.assertj.core.data.Offset.offset(1e-6f));
                } else {
                    assertThat(w[k]).isEqualTo(1f);
                }
            }
        }
        assertThat(ones / 10_000.0).isCloseTo(0.75, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void terminalTransitionsDoNotBootstrapButTruncatedOnesDo() {
        ReplayBuffer buffer = new ReplayBuffer(10, 1);
        Dqn.NStep nstep = new Dqn.NStep(1, 1, 1, 0.5);
        float[] s = {0.5f}, s2 = {0.75f};
        nstep.push(0, s, 1, 1.0, s2, true, false, buffer);
        nstep.push(0, s, 1, 1.0, s2, false, true, buffer);
        assertThat(buffer.terminated[0]).isTrue();
        assertThat(buffer.truncated[0]).isFalse();
        assertThat(buffer.terminated[1]).isFalse();
        assertThat(buffer.truncated[1]).isTrue();
        assertThat(buffer.discounts[1]).isEqualTo(0.5f);
    }

    @Test
    void nStepReturnsSumDiscountedRewardsAndFlushAtTheEnd() {
        ReplayBuffer buffer = new ReplayBuffer(10, 1);
        Dqn.NStep nstep = new Dqn.NStep(1, 3, 1, 0.5);
        float[] o = new float[1], next = new float[1];
        for (int t = 0; t < 4; t++) {
            o[0] = t;
            next[0] = t + 1;
            nstep.push(0, o, 0, 1.0, next, t == 3, false, buffer);
        }
        // steps 0..3 with rewards 1: first transition (0 → 3) is complete after three steps
        assertThat(buffer.size()).isEqualTo(4);
        assertThat(buffer.obs[0]).isEqualTo(0f);
        assertThat(buffer.returns[0]).isEqualTo(1 + 0.5f + 0.25f);
        assertThat(buffer.discounts[0]).isEqualTo(0.125f);
        assertThat(buffer.terminated[0]).isFalse();
        // the episode ended at step 3: the remaining three are flushed with shorter horizons, all terminal
        assertThat(buffer.returns[1]).isEqualTo(1.75f);
        assertThat(buffer.returns[2]).isEqualTo(1.5f);
        assertThat(buffer.returns[3]).isEqualTo(1f);
        assertThat(buffer.terminated[3]).isTrue();
        assertThat(buffer.nextObs[3]).isEqualTo(4f);
    }

    @Test
    void checkpointRestoresTheFullLearningState() throws Exception {
        checkpointRoundTrip(SMALL);
    }

    @Test
    void checkpointRestoresDuelingNetworksAndPriorities() throws Exception {
        Map<String, Object> o = new LinkedHashMap<>(SMALL);
        o.put("dueling", true);
        o.put("prioritized_replay", true);
        checkpointRoundTrip(o);
    }

    void checkpointRoundTrip(Map<String, Object> options) throws Exception {
        VectorEnv env = walks(2);
        env.reset(1);
        Dqn dqn = agent(env, options, 3);
        train(dqn, env, 200);
        Path f = tmp.resolve("dqn.ckpt");
        try (CheckpointWriter w = new CheckpointWriter(f)) {
            dqn.save(w);
        }
        Dqn copy = agent(env, options, 42);
        copy.restore(new CheckpointReader(f));
        // same decisions and same next learning steps from here on
        VectorEnv e1 = walks(2), e2 = walks(2);
        e1.reset(5);
        e2.reset(5);
        Actions a1 = new Actions(2, 0), a2 = new Actions(2, 0);
        for (int t = 0; t < 60; t++) {
            dqn.act(e1, true, a1);
            copy.act(e2, true, a2);
            assertThat(a2.discrete()).containsExactly(a1.discrete());
            e1.step(a1.discrete());
            e2.step(a2.discrete());
            dqn.observe(e1, a1);
            copy.observe(e2, a2);
        }
        assertThat(copy.metrics().get("gradient_steps")).isEqualTo(dqn.metrics().get("gradient_steps"));
    }

    @Test
    void boxActionSpacesAreRefused() {
        var box = dev.simlab.core.space.Box.uniform(-1, 1, 2);
        assertThatThrownBy(() -> new Dqn(new AgentContext(box, box, 1, new Rng(1)),
                DqnHyperparameters.from(DqnHyperparameters.SCHEMA.validate(null, Set.of()))))
                .hasMessageContaining("dqn cannot act on this env: it needs Discrete actions and this env's are continuous, Box(shape=[2])")
                .hasMessageContaining("dqn fits envs with Discrete actions");
    }
}
