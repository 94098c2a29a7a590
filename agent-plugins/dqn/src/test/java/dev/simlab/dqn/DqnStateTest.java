package dev.simlab.dqn;

import dev.simlab.nn.ReplayBuffer;
import static dev.simlab.dqn.DqnTest.SMALL;
import static dev.simlab.dqn.DqnTest.agent;
import static dev.simlab.dqn.DqnTest.train;
import static dev.simlab.dqn.DqnTest.walks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.simlab.core.agent.Actions;
import dev.simlab.core.agent.MetricLog;
import dev.simlab.core.checkpoint.CheckpointReader;
import dev.simlab.core.checkpoint.CheckpointWriter;
import dev.simlab.core.env.VectorEnv;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a checkpoint must carry for a resumed DQN to learn bit for bit as the uninterrupted one
 * (weights, Adam's moments and step count, target net, replay buffer, pending n-step
 * transitions, generator, counters), and that reading {@link Dqn#metrics()} changes nothing.
 */
class DqnStateTest {
    @TempDir
    Path tmp;

    @Test
    void restoredAgentHasTheSameWeightsOptimiserBufferAndCountersAndTrainsBitForBit() throws Exception {
        restoreAndContinue(SMALL);
    }

    @Test
    void restoredDuelingAgentWithPrioritiesAndPendingNStepTransitionsTrainsBitForBit() throws Exception {
        Map<String, Object> o = new LinkedHashMap<>(SMALL);
        o.put("dueling", true);
        o.put("prioritized_replay", true);
        o.put("n_step", 3L);
        restoreAndContinue(o);
    }

    @Test
    void softTargetUpdatesAndMseResumeBitForBit() throws Exception {
        Map<String, Object> o = new LinkedHashMap<>(SMALL);
        o.put("tau", 0.05);
        o.put("loss", "mse");
        restoreAndContinue(o);
    }

    private void restoreAndContinue(Map<String, Object> options) throws Exception {
        VectorEnv env = walks(2);
        env.reset(1);
        Dqn original = agent(env, options, 3);
        // 200 vector steps = 400 env steps: past learning_starts (200), so Adam has moments and a step count
        train(original, env, 200);
        assertThat(original.counters()[3]).as("gradient steps before the checkpoint").isPositive();
        Path f = tmp.resolve("dqn.ckpt");
        try (CheckpointWriter w = new CheckpointWriter(f)) {
            original.save(w);
        }
        Dqn restored = agent(env, options, 42); // other initial weights and generator: restore must overwrite all of it
        restored.restore(new CheckpointReader(f));

        assertSameState(restored, original);
        long gradientSteps = original.counters()[3];

        // the same steps from here on: every weight, moment and buffer entry stays identical
        VectorEnv e1 = walks(2), e2 = walks(2);
        e1.reset(5);
        e2.reset(5);
        train(original, e1, 150);
        train(restored, e2, 150);
        assertThat(original.counters()[3]).as("gradient steps after").isGreaterThan(gradientSteps);
        assertSameState(restored, original);
    }

    private static void assertSameState(Dqn actual, Dqn expected) {
        // float lists compare with Float.equals: bit for bit (−0 ≠ 0, NaN = NaN)
        assertThat(Dqn.flat(actual.network().params())).as("online params").containsExactly(Dqn.flat(expected.network().params()));
        assertThat(expected.network().updaterState()).as("Adam state").isNotNull();
        assertThat(Dqn.flat(actual.network().updaterState())).as("Adam moments").containsExactly(Dqn.flat(expected.network().updaterState()));
        assertThat(actual.network().iterationCount()).as("network iterations (Adam's bias correction)").isEqualTo(expected.network().iterationCount());
        assertThat(actual.network().epochCount()).as("network epochs").isEqualTo(expected.network().epochCount());
        assertThat(Dqn.flat(actual.targetNetwork().params())).as("target params").containsExactly(Dqn.flat(expected.targetNetwork().params()));
        assertThat(actual.rngState()).as("rng").containsExactly(expected.rngState());
        assertThat(actual.counters()).as("steps, since train, since target, gradient steps").containsExactly(expected.counters());
        ReplayBuffer a = actual.replayBuffer(), e = expected.replayBuffer();
        assertThat(a.size()).as("buffer size").isEqualTo(e.size());
        assertThat(a.nextSlot()).as("buffer pointer").isEqualTo(e.nextSlot());
        assertThat(a.obs).as("buffer obs").containsExactly(e.obs);
        assertThat(a.nextObs).as("buffer next obs").containsExactly(e.nextObs);
        assertThat(a.actions).as("buffer actions").containsExactly(e.actions);
        assertThat(a.returns).as("buffer returns").containsExactly(e.returns);
        assertThat(a.discounts).as("buffer discounts").containsExactly(e.discounts);
        assertThat(a.terminated).as("buffer terminated").containsExactly(e.terminated);
        assertThat(a.truncated).as("buffer truncated").containsExactly(e.truncated);
        if (expected.priorities() != null) {
            double[] pa = new double[a.capacity], pe = new double[e.capacity];
            for (int s = 0; s < pa.length; s++) {
                pa[s] = actual.priorities().priority(s);
                pe[s] = expected.priorities().priority(s);
            }
            assertThat(pa).as("priorities").containsExactly(pe);
        }
    }

    @Test
    void actingAndStoringTransitionsAllocateNothingPerStep() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        // before learning_starts with ε = 1 no network runs: what is left is DQN's own bookkeeping (n-step queue, replay buffer)
        Map<String, Object> o = new LinkedHashMap<>(SMALL);
        o.put("learning_starts", 1_000_000L);
        o.put("n_step", 3L);
        o.put("epsilon_final", 1.0);
        o.put("buffer_size", 1000L);
        VectorEnv env = walks(2);
        env.reset(1);
        Dqn dqn = agent(env, o, 3);
        train(dqn, env, 5_000); // warm up, and fill the buffer
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        train(dqn, env, 20_000);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(allocated).as("bytes allocated over 20,000 vector steps").isLessThan(4096);
    }

    @Test
    void readingMetricsAnyNumberOfTimesChangesNothing() {
        MetricLog quietLog = new MetricLog(), watchedLog = new MetricLog();
        VectorEnv e1 = walks(2), e2 = walks(2);
        e1.reset(1);
        e2.reset(1);
        Dqn quiet = agent(e1, SMALL, 3, quietLog), watched = agent(e2, SMALL, 3, watchedLog);
        // declared up front, so they are columns from the first row
        assertThat(quietLog.means()).containsOnlyKeys("td_loss", "mean_q");
        assertThat(quietLog.means().get("td_loss")).isNaN();
        Actions a1 = new Actions(2, 0), a2 = new Actions(2, 0);
        for (int t = 0; t < 320; t++) { // the last window (steps 300…319) stays open for the checks below
            quiet.act(e1, true, a1);
            watched.act(e2, true, a2);
            e1.step(a1.discrete());
            e2.step(a2.discrete());
            quiet.observe(e1, a1);
            watched.observe(e2, a2);
            Map<String, Double> first = watched.metrics();
            for (int k = 1; k < 100; k++) assertThat(watched.metrics()).isEqualTo(first);
            // as when several copies end in the same step: every read gets the same figures
            for (int k = 0; k < 3; k++) assertThat(watchedLog.means()).isEqualTo(watchedLog.means());
            // the loop starts a new window after each row; both runs write rows at the same steps
            if (t % 50 == 49) {
                assertThat(watchedLog.means()).isEqualTo(quietLog.means());
                quietLog.nextWindow();
                watchedLog.nextWindow();
            }
        }
        assertThat(watched.metrics()).containsOnlyKeys("epsilon", "gradient_steps").isEqualTo(quiet.metrics());
        assertThat(watchedLog.means().get("td_loss")).isFinite();
        assertThat(watchedLog.means().get("mean_q")).isFinite();
        assertThat(watchedLog.means()).isEqualTo(quietLog.means());
        assertThat(Dqn.flat(watched.network().params())).containsExactly(Dqn.flat(quiet.network().params()));
        assertThat(watched.rngState()).containsExactly(quiet.rngState());
    }
}
